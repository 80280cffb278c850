"""How English says numbers, dates, times, short forms and symbols, the British way the archive is read."""

from __future__ import annotations

import re

from generator.audio.spoken.common import (
    CLOCK_TIME,
    ISO_DATE,
    NUMBER_END,
    NUMBER_START,
    Rule,
    SpokenLanguage,
    abbreviation_rule,
    check_cardinal_range,
    check_ordinal_range,
    decimal_pattern,
    digit_by_digit,
    integer_pattern,
    integer_rule,
    is_sayable,
    is_valid_date,
    lone_year_pattern,
    numeric_date,
    slash_date_pattern,
    symbol_rule,
    with_capitals,
    words_pattern,
)

_ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_ONES = (
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
)  # fmt: skip
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_ABBREVIATIONS = {
    "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "approx.": "approximately",
    "vs.": "versus", "Mr": "Mister", "Mr.": "Mister", "Mrs": "Missus", "Mrs.": "Missus",
    "Ms": "Miz", "Ms.": "Miz", "Dr": "Doctor", "Dr.": "Doctor",
}  # fmt: skip
_SENTENCE_CLOSERS = frozenset({"etc."})
_SYMBOL_WORDS = {"%": "percent", "§": "section", "&": "and", "+": "plus"}
# A 4-digit number followed by one of these is a count, not a year: "2024 people".
_COUNT_WORDS = (
    "people", "persons", "kronor", "crowns", "kr", "dollars", "euros", "pounds", "metres", "meters",
    "kilometres", "kilometers", "kilos", "percent", "times", "words", "hours", "minutes",
)  # fmt: skip

# "no." is "number" only before a figure: "I said no. 5 people" is rare, "no. 5" is common.
_NUMBER_SIGN = re.compile(r"(?<![\w.])([Nn])o\.(?= ?[0-9])")
# "14 March", "14 March 2026": the day is said as "the fourteenth of".
_DAY_MONTH = re.compile(rf"{NUMBER_START}(?P<day>[0-9]{{1,2}}) (?P<month>{words_pattern(_MONTHS)})(?!\w)")
# "March 14": the month first, then the ordinal. English capitalises months, so "may 5" is not one.
_MONTH_DAY = re.compile(rf"(?<!\w)(?P<month>{words_pattern(_MONTHS)}) (?P<day>[0-9]{{1,2}}){NUMBER_END}")
# "1st", "2nd", "3rd", "21st", "14th".
_ORDINAL = re.compile(rf"{NUMBER_START}(?P<number>[1-9][0-9]?)(?P<suffix>st|nd|rd|th)(?!\w)")


def cardinal(number: int) -> str:
    """Return 0–999 999 999 in English words, with the British "and": 2024 is "two thousand and twenty-four"."""
    check_cardinal_range(number)
    if number == 0:
        return _ONES[0]
    parts = []
    for size, name in ((1_000_000, "million"), (1000, "thousand")):
        count, number = divmod(number, size)
        if count:
            parts.append(f"{_say_below_thousand(count)} {name}")
    if number:
        parts.append(
            _say_below_thousand(number) if number >= 100 or not parts else f"and {_say_below_hundred(number)}"
        )
    return " ".join(parts)


def ordinal(number: int) -> str:
    """Return the English ordinal of 1–99: "first", "twenty-first", "fortieth"."""
    check_ordinal_range(number)
    if number < 20:
        return _ORDINAL_ONES[number]
    tens, ones = divmod(number, 10)
    return f"{_TENS[tens]}-{_ORDINAL_ONES[ones]}" if ones else _TENS[tens][:-1] + "ieth"


def year(number: int) -> str:
    """Say a year in pairs: 1987 "nineteen eighty-seven", 1905 "nineteen oh five", 2024 "twenty
    twenty-four", 1900 "nineteen hundred"; but 2000–2009 as "two thousand and five"."""
    if 2000 <= number <= 2009:
        return cardinal(number)
    century, rest = divmod(number, 100)
    if rest == 0:
        return f"{_say_below_hundred(century)} hundred"
    return f"{_say_below_hundred(century)} {'oh ' if rest < 10 else ''}{_say_below_hundred(rest)}"


def _say_below_hundred(number: int) -> str:
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return f"{_TENS[tens]}-{_ONES[ones]}" if ones else _TENS[tens]


def _say_below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    if not hundreds:
        return _say_below_hundred(rest)
    head = f"{_ONES[hundreds]} hundred"
    return f"{head} and {_say_below_hundred(rest)}" if rest else head


def _say_time(match: re.Match[str]) -> str:
    """14:30 is "fourteen thirty", 8:05 "eight oh five", 9:00 "nine o'clock", 14:00 "fourteen hundred"."""
    hour, minute = int(match["hour"]), int(match["minute"])
    if minute == 0:
        return f"{cardinal(hour)} o'clock" if hour <= 12 else f"{cardinal(hour)} hundred"
    return f"{cardinal(hour)} {'oh ' if minute < 10 else ''}{cardinal(minute)}"


def _the_day_of(day: int, month: str) -> str:
    return f"the {ordinal(day)} of {month}"


def _date(_: re.Match[str], day: int, month: int, number_year: int | None) -> str:
    """ "14/3" is the fourteenth of March: the archive is European, so day first, as en-GB writes it."""
    said = _the_day_of(day, _MONTHS[month - 1])
    return f"{said} {year(number_year)}" if number_year is not None else said


def _say_day_month(match: re.Match[str]) -> str:
    day, month = int(match["day"]), match["month"]
    if not is_valid_date(day, _MONTHS.index(month) + 1):
        return match.group()
    return _the_day_of(day, month)


def _say_month_day(match: re.Match[str]) -> str:
    day, month = int(match["day"]), match["month"]
    if not is_valid_date(day, _MONTHS.index(month) + 1):
        return match.group()
    return f"{month} {ordinal(day)}"


def _say_ordinal(match: re.Match[str]) -> str:
    """Only the right suffix makes an ordinal: "21st" is one, "21th" is left to the engine."""
    number = int(match["number"])
    expected = "th" if 11 <= number % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return ordinal(number) if match["suffix"] == expected else match.group()


def _say_decimal(match: re.Match[str]) -> str:
    """English says the digits after the point one by one: 3.25 is "three point two five"."""
    if not is_sayable(match["whole"]):
        return match.group()
    return f"{cardinal(int(match['whole']))} point {digit_by_digit(match['fraction'], cardinal)}"


_TEXT_RULES: tuple[Rule, ...] = (
    (_NUMBER_SIGN, lambda match: "Number" if match[1] == "N" else "number"),
    abbreviation_rule(with_capitals(_ABBREVIATIONS), _SENTENCE_CLOSERS),
    symbol_rule(_SYMBOL_WORDS),
)
_NUMBER_RULES: tuple[Rule, ...] = (
    (CLOCK_TIME, _say_time),
    (ISO_DATE, numeric_date(_date)),
    (_DAY_MONTH, _say_day_month),
    (_MONTH_DAY, _say_month_day),
    (slash_date_pattern(with_year=True), numeric_date(_date)),
    (lone_year_pattern(_COUNT_WORDS), lambda match: year(int(match.group()))),
    (_ORDINAL, _say_ordinal),
    (decimal_pattern("."), _say_decimal),
    integer_rule(integer_pattern(", "), cardinal),
)

ENGLISH = SpokenLanguage("link", _TEXT_RULES, _NUMBER_RULES)
