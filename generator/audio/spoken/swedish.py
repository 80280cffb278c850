"""How Swedish says numbers, dates, times, short forms and symbols."""

from __future__ import annotations

import re

from generator.audio.spoken.common import (
    CLOCK_TIME,
    HOUR,
    ISO_DATE,
    MINUTE,
    NUMBER_END,
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
    is_valid_date,
    kept_dot,
    lone_year_pattern,
    numeric_date,
    slash_date_pattern,
    symbol_rule,
    with_capitals,
)

_ONES = (
    "noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio",
    "tio", "elva", "tolv", "tretton", "fjorton", "femton", "sexton", "sjutton", "arton", "nitton",
)  # fmt: skip
_TENS = ("", "", "tjugo", "trettio", "fyrtio", "femtio", "sextio", "sjuttio", "åttio", "nittio")
_ORDINAL_ONES = (
    "", "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde",
    "tionde", "elfte", "tolfte", "trettonde", "fjortonde", "femtonde", "sextonde", "sjuttonde", "artonde",
    "nittonde",
)  # fmt: skip
_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

# Swedish abbreviations as written → as said. Written forms are matched as whole tokens.
_ABBREVIATIONS = {
    "t.ex.": "till exempel", "t. ex.": "till exempel", "t ex": "till exempel",
    "bl.a.": "bland annat", "bl. a.": "bland annat", "bl a": "bland annat",
    "osv.": "och så vidare", "osv": "och så vidare", "o.s.v.": "och så vidare",
    "dvs.": "det vill säga", "dvs": "det vill säga", "d.v.s.": "det vill säga",
    "m.m.": "med mera", "m.fl.": "med flera", "etc.": "etcetera",
    "fr.o.m.": "från och med", "t.o.m.": "till och med",
    "p.g.a.": "på grund av", "pga.": "på grund av", "pga": "på grund av",
    "ca": "cirka", "ca.": "cirka", "kl.": "klockan", "kl": "klockan", "nr": "nummer", "nr.": "nummer",
    "st.": "stycken", "resp.": "respektive", "jfr": "jämför", "jfr.": "jämför",
    "inkl.": "inklusive", "exkl.": "exklusive", "tel.": "telefon",
}  # fmt: skip
# Abbreviations that usually close a list or a price: their dot may also end the sentence.
_SENTENCE_CLOSERS = frozenset({"osv.", "o.s.v.", "m.m.", "m.fl.", "etc.", "kr.", "st."})
# Unit abbreviations that only mean kronor/stycken right after a number ("50 kr", "5 st").
_UNIT_WORDS = {"kr": "kronor", "st": "stycken"}
# Symbols a Swedish voice skips or names in English.
_SYMBOL_WORDS = {"%": "procent", "§": "paragraf", "&": "och", "+": "plus"}
# A 4-digit number followed by one of these is a count, not a year: "2024 kronor".
_COUNT_WORDS = ("kronor", "kr", "personer", "st", "stycken", "meter", "kilo", "procent")

# "50 kr", "5st.": the optional dot is kept apart so it can still end the sentence.
_UNIT_AFTER_NUMBER = re.compile(r"(?<=[0-9]) ?(kr|st)(\.?)(?!\w)")
# "14.30" is a time only after "klockan" (which "kl." has become); elsewhere it may be a decimal.
_CLOCK_TIME_AFTER_KLOCKAN = re.compile(rf"(?<=[Kk]lockan ){HOUR}\.{MINUTE}{NUMBER_END}")
# "14 mars", "den 1 maj": a day before a month name is said as an ordinal.
_DAY_MONTH = re.compile(rf"{NUMBER_START}(?P<day>[0-9]{{1,2}}) (?P<month>(?i:{'|'.join(_MONTHS)}))(?!\w)")
# "1:a", "3:e", "21:a".
_ORDINAL = re.compile(rf"{NUMBER_START}(?P<number>[1-9][0-9]?):[ae]{NUMBER_END}")


def cardinal(number: int) -> str:
    """Return 0–999 999 999 in Swedish words, written as Swedes do: 2024 is "tvåtusentjugofyra"."""
    check_cardinal_range(number)
    if number == 0:
        return _ONES[0]
    millions, rest = divmod(number, 1_000_000)
    parts = [_say_millions(millions)] if millions else []
    if rest:
        parts.append(_say_below_million(rest))
    return " ".join(parts)


def ordinal(number: int) -> str:
    """Return the Swedish ordinal of 1–99 ("första", "tjugoförsta"): enough for days and "21:a"."""
    check_ordinal_range(number)
    if number < 20:
        return _ORDINAL_ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (_ORDINAL_ONES[ones] if ones else "nde")


def _say_unit(match: re.Match[str]) -> str:
    unit, dot = match.group(1, 2)
    return f" {_UNIT_WORDS[unit]}" + kept_dot(f"{unit}{dot}", match, _SENTENCE_CLOSERS)


def _say_time(match: re.Match[str]) -> str:
    """Swedes say 14:30 "fjorton trettio", 8:05 "åtta noll fem" and 14:00 just "fjorton"."""
    hour, minute = cardinal(int(match["hour"])), match["minute"]
    if minute == "00":
        return hour
    if minute.startswith("0"):
        return f"{hour} noll {_ONES[int(minute)]}"
    return f"{hour} {cardinal(int(minute))}"


def _date(_: re.Match[str], day: int, month: int, year: int | None) -> str:
    said = f"{ordinal(day)} {_MONTHS[month - 1]}"
    return f"{said} {_say_year(year)}" if year is not None else said


def _say_day_month(match: re.Match[str]) -> str:
    """Keep the month as written (its case too); only the day becomes an ordinal."""
    day, month = int(match["day"]), match["month"]
    if not is_valid_date(day, _MONTHS.index(month.lower()) + 1):
        return match.group()
    return f"{ordinal(day)} {month}"


def _say_year(year: int) -> str:
    """Swedes say 1987 "nittonhundraåttiosju", 2005 "tvåtusenfem" but 2019 "tjugohundranitton"."""
    if 2000 <= year <= 2009:
        return cardinal(year)
    hundreds, rest = divmod(year, 100)
    return cardinal(hundreds) + "hundra" + (cardinal(rest) if rest else "")


def _say_decimal(match: re.Match[str]) -> str:
    if not is_sayable(match["whole"]):
        return match.group()
    return f"{cardinal(int(match['whole']))} komma {fraction_as_number(match['fraction'], cardinal)}"


def _say_below_hundred(number: int) -> str:
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (_ONES[ones] if ones else "")


def _say_below_thousand(number: int) -> str:
    """100 is "hundra", not "etthundra", in everyday speech."""
    hundreds, rest = divmod(number, 100)
    head = "" if not hundreds else ("hundra" if hundreds == 1 else _ONES[hundreds] + "hundra")
    return head + (_say_below_hundred(rest) if rest else "")


def _say_below_million(number: int) -> str:
    """1000 is "tusen"; "ett" + "tusen" drops a t as Swedish spells three alike: "tjugoettusen"."""
    thousands, rest = divmod(number, 1000)
    head = ""
    if thousands:
        count = "" if thousands == 1 else _say_below_thousand(thousands)
        head = count.removesuffix("t") + "tusen" if count.endswith("tt") else count + "tusen"
    return head + (_say_below_thousand(rest) if rest else "")


def _say_millions(millions: int) -> str:
    """Miljon is a common-gender noun, so one is "en": "en miljon", "tjugoen miljoner"."""
    count = _say_below_thousand(millions)
    if count.endswith("ett"):
        count = count.removesuffix("ett") + "en"
    return f"{count} miljon" if millions == 1 else f"{count} miljoner"


# "St." at a sentence start is more likely Sankt than stycken, so it gets no capitalised form.
_TEXT_RULES: tuple[Rule, ...] = (
    (_UNIT_AFTER_NUMBER, _say_unit),
    abbreviation_rule(with_capitals(_ABBREVIATIONS, except_for={"st."}), _SENTENCE_CLOSERS),
    symbol_rule(_SYMBOL_WORDS),
)
# The number steps in the order the rules need: times and dates before the years and integers inside them.
_NUMBER_RULES: tuple[Rule, ...] = (
    (CLOCK_TIME, _say_time),
    (_CLOCK_TIME_AFTER_KLOCKAN, _say_time),
    (ISO_DATE, numeric_date(_date)),
    (_DAY_MONTH, _say_day_month),
    (slash_date_pattern(with_year=False), numeric_date(_date)),
    (lone_year_pattern(_COUNT_WORDS), lambda match: _say_year(int(match.group()))),
    (_ORDINAL, lambda match: ordinal(int(match["number"]))),
    (decimal_pattern(","), _say_decimal),
    integer_rule(integer_pattern(" "), cardinal),
)

SWEDISH = SpokenLanguage("länk", _TEXT_RULES, _NUMBER_RULES)
