"""How Arabic (Modern Standard) says numbers, dates, times, short forms and symbols, from either digit script."""

from __future__ import annotations

import re

from generator.audio.spoken.common import (
    CLOCK_TIME,
    ISO_DATE,
    NUMBER_START,
    Rule,
    SpokenLanguage,
    abbreviation_rule,
    check_cardinal_range,
    check_ordinal_range,
    decimal_pattern,
    fraction_as_number,
    integer_pattern,
    integer_rule,
    is_sayable,
    lone_year_pattern,
    numeric_date,
    slash_date_pattern,
    symbol_rule,
    words_pattern,
)

# The counting forms, masculine and nominative, as numbers are said on their own.
_ONES = (
    "صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة",
    "عشرة", "أحد عشر", "اثنا عشر", "ثلاثة عشر", "أربعة عشر", "خمسة عشر", "ستة عشر", "سبعة عشر",
    "ثمانية عشر", "تسعة عشر",
)  # fmt: skip
_TENS = ("", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون")
_HUNDREDS = (
    "", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة",
)  # fmt: skip
# A count of thousands or millions: one, two (the dual), 3–10 (the plural), 11 and up (the singular).
_THOUSAND = ("ألف", "ألفان", "آلاف", "ألف")
_MILLION = ("مليون", "مليونان", "ملايين", "مليون")
_ORDINAL_ONES = (
    "", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
)  # fmt: skip
# Gregorian month names as used in most of the Arab world; dates written with figures get these.
_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
# The Levantine and Iraqi names, which writers from there use: recognised, and kept as written.
_LEVANTINE_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران",
    "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
)  # fmt: skip
_WRITTEN_MONTHS = (*_MONTHS, *_LEVANTINE_MONTHS, "إبريل", "ابريل", "اغسطس")

_ABBREVIATIONS = {"إلخ.": "إلى آخره", "إلخ": "إلى آخره", "د.": "الدكتور"}
_SENTENCE_CLOSERS = frozenset({"إلخ."})
_SYMBOL_WORDS = {"%": "بالمئة", "٪": "بالمئة", "&": "و", "+": "زائد"}
_COUNT_WORDS = ("كرونة", "كرون", "شخص", "شخصاً", "متر", "كيلو", "بالمئة", "دولار", "يورو")

# Arabic-Indic (٠–٩) and Persian (۰–۹) digits, and the Arabic decimal and thousands separators.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "0123456789" * 2 + ".,")
_OTHER_DIGITS = re.compile("[٠-٩۰-۹٫٬]")
# "و3", "2024م": a letter written onto a figure is a word of its own for the voice.
_LETTER_ON_FIGURE = re.compile("(?<=[\u0621-\u064a])(?=[0-9])|(?<=[0-9])(?=[\u0621-\u064a])")
# "14 مارس", "١٤ آذار".
_DAY_MONTH = re.compile(
    rf"{NUMBER_START}(?P<day>[0-9]{{1,2}}) (?P<month>{words_pattern(_WRITTEN_MONTHS)})(?!\w)"
)
# A word ending that changes after a preposition or "عام": the dual's -ان and the tens' -ون become -ين.
_NOMINATIVE_ENDING = re.compile(r"(?:ان|ون)\b|اثنا(?= عشر)")


def cardinal(number: int) -> str:
    """Return 0–999 999 999 in Arabic words, ones before tens: 2024 is "ألفان وأربعة وعشرون"."""
    check_cardinal_range(number)
    if number == 0:
        return _ONES[0]
    millions, rest = divmod(number, 1_000_000)
    thousands, rest = divmod(rest, 1000)
    parts = [_counted(millions, _MILLION), _counted(thousands, _THOUSAND), _say_below_thousand(rest)]
    return " و".join(part for part in parts if part)


def ordinal(number: int) -> str:
    """Return the masculine definite ordinal of 1–99, as days are said: "الرابع عشر", "الحادي والعشرون"."""
    check_ordinal_range(number)
    tens, ones = divmod(number, 10)
    if number <= 10:
        return _ORDINAL_ONES[number]
    unit = "الحادي" if ones == 1 else _ORDINAL_ONES[ones]
    if tens == 1:
        return f"{unit} عشر"
    definite_tens = "ال" + _TENS[tens]
    return f"{unit} و{definite_tens}" if ones else definite_tens


def year(number: int) -> str:
    """A year nearly always follows "عام", "سنة" or "في", so it takes their case: "ألفين وأربعة وعشرين"."""
    return _NOMINATIVE_ENDING.sub(
        lambda ending: "اثني" if ending.group() == "اثنا" else "ين", cardinal(number)
    )


def _counted(count: int, forms: tuple[str, str, str, str]) -> str:
    """Thousands and millions: "ألف", "ألفان", "ثلاثة آلاف", "أحد عشر ألف"; none is ""."""
    if count <= 2:
        return ("", *forms[:2])[count]
    return f"{_say_below_thousand(count)} {forms[2] if count <= 10 else forms[3]}"


def _say_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    parts = [_HUNDREDS[hundreds], _say_below_hundred(rest) if rest else ""]
    return " و".join(part for part in parts if part)


def _say_below_hundred(number: int) -> str:
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return f"{_ONES[ones]} و{_TENS[tens]}" if ones else _TENS[tens]


def _say_time(match: re.Match[str]) -> str:
    """14:30 is said "أربعة عشر وثلاثون", and 14:00 just the hour, as a 24-hour clock is read."""
    hour, minute = cardinal(int(match["hour"])), int(match["minute"])
    return f"{hour} و{cardinal(minute)}" if minute else hour


def _the_day_of(day: int, month: str) -> str:
    return f"{ordinal(day)} من {month}"


def _date(_: re.Match[str], day: int, month: int, number_year: int | None) -> str:
    said = _the_day_of(day, _MONTHS[month - 1])
    return f"{said} {year(number_year)}" if number_year is not None else said


def _say_day_month(match: re.Match[str]) -> str:
    """Keep the month as written, Gregorian or Levantine; only the day becomes an ordinal."""
    day, month = int(match["day"]), match["month"]
    return _the_day_of(day, month) if 1 <= day <= 31 else match.group()


def _say_decimal(match: re.Match[str]) -> str:
    if not is_sayable(match["whole"]):
        return match.group()
    return f"{cardinal(int(match['whole']))} فاصلة {fraction_as_number(match['fraction'], cardinal)}"


_TEXT_RULES: tuple[Rule, ...] = (
    (_OTHER_DIGITS, lambda match: match.group().translate(_DIGITS)),
    (_LETTER_ON_FIGURE, lambda match: " "),
    abbreviation_rule(_ABBREVIATIONS, _SENTENCE_CLOSERS),
    symbol_rule(_SYMBOL_WORDS),
)
_NUMBER_RULES: tuple[Rule, ...] = (
    (CLOCK_TIME, _say_time),
    (ISO_DATE, numeric_date(_date)),
    (_DAY_MONTH, _say_day_month),
    (slash_date_pattern(with_year=True), numeric_date(_date)),
    (lone_year_pattern(_COUNT_WORDS), lambda match: year(int(match.group()))),
    (decimal_pattern("."), _say_decimal),
    integer_rule(integer_pattern(", "), cardinal),
)

ARABIC = SpokenLanguage("رابط", _TEXT_RULES, _NUMBER_RULES)
