"""How Bosnian, Croatian and Serbian say numbers, dates, times, short forms and symbols.

The three share their grammar of numbers; they differ in a few words (Croatian "tisuća" and
its own months, Serbian ekavian "dve"), which each `_Dialect` holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.audio.spoken.common import (
    HOUR,
    ISO_DATE,
    MINUTE,
    NUMBER_END,
    NUMBER_START,
    YEAR,
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
    numeric_date,
    slash_date_pattern,
    symbol_rule,
    with_capitals,
    words_pattern,
)

_ONES = (
    "nula", "jedan", "dva", "tri", "četiri", "pet", "šest", "sedam", "osam", "devet",
    "deset", "jedanaest", "dvanaest", "trinaest", "četrnaest", "petnaest", "šesnaest", "sedamnaest",
    "osamnaest", "devetnaest",
)  # fmt: skip
_TENS = (
    "",
    "",
    "dvadeset",
    "trideset",
    "četrdeset",
    "pedeset",
    "šezdeset",
    "sedamdeset",
    "osamdeset",
    "devedeset",
)
_ORDINAL_ONES = (
    "", "prvi", "drugi", "treći", "četvrti", "peti", "šesti", "sedmi", "osmi", "deveti",
    "deseti", "jedanaesti", "dvanaesti", "trinaesti", "četrnaesti", "petnaesti", "šesnaesti", "sedamnaesti",
    "osamnaesti", "devetnaesti",
)  # fmt: skip
# The month names every dialect may write, in the nominative and the genitive ("14. marta"): a
# Bosnian writer may use the Croatian names and the other way round, so all are recognised.
_WRITTEN_MONTHS = (
    "januar", "januara", "februar", "februara", "mart", "marta", "april", "aprila", "maj", "maja",
    "juni", "jun", "juna", "juli", "jul", "jula", "august", "augusta", "avgust", "avgusta",
    "septembar", "septembra", "oktobar", "oktobra", "novembar", "novembra", "decembar", "decembra",
    "siječanj", "siječnja", "veljača", "veljače", "ožujak", "ožujka", "travanj", "travnja",
    "svibanj", "svibnja", "lipanj", "lipnja", "srpanj", "srpnja", "kolovoz", "kolovoza", "rujan", "rujna",
    "listopad", "listopada", "studeni", "studenog", "studenoga", "prosinac", "prosinca",
)  # fmt: skip


@dataclass(frozen=True)
class _Dialect:
    """The words in which Bosnian, Croatian and Serbian differ when they say numbers and dates."""

    hundreds: tuple[str, ...]
    # A thousand: "hiljadu" alone; 2–4 take "hiljade"; 5 and up, and 11–19, "hiljada".
    thousand: tuple[str, str, str]
    million: tuple[str, str]
    two_feminine: str
    # Months in the genitive, as a date says them: "četrnaestog marta".
    months: tuple[str, ...]
    for_example: str


_MONTHS_BOSNIAN = (
    "januara", "februara", "marta", "aprila", "maja", "juna",
    "jula", "augusta", "septembra", "oktobra", "novembra", "decembra",
)  # fmt: skip
_MONTHS_CROATIAN = (
    "siječnja", "veljače", "ožujka", "travnja", "svibnja", "lipnja",
    "srpnja", "kolovoza", "rujna", "listopada", "studenoga", "prosinca",
)  # fmt: skip
_HUNDREDS_IJEKAVIAN = (
    "", "sto", "dvjesto", "tristo", "četiristo", "petsto", "šeststo", "sedamsto", "osamsto", "devetsto",
)  # fmt: skip

_BOSNIAN = _Dialect(
    hundreds=_HUNDREDS_IJEKAVIAN,
    thousand=("hiljadu", "hiljade", "hiljada"),
    million=("milion", "miliona"),
    two_feminine="dvije",
    months=_MONTHS_BOSNIAN,
    for_example="na primjer",
)
_CROATIAN = _Dialect(
    hundreds=_HUNDREDS_IJEKAVIAN,
    thousand=("tisuću", "tisuće", "tisuća"),
    million=("milijun", "milijuna"),
    two_feminine="dvije",
    months=_MONTHS_CROATIAN,
    for_example="na primjer",
)
# Serbian is ekavian ("dve", "dvesto") and writes "avgust".
_SERBIAN = _Dialect(
    hundreds=tuple(hundred.replace("dvje", "dve") for hundred in _HUNDREDS_IJEKAVIAN),
    thousand=_BOSNIAN.thousand,
    million=_BOSNIAN.million,
    two_feminine="dve",
    months=tuple(month.replace("augusta", "avgusta") for month in _MONTHS_BOSNIAN),
    for_example="na primer",
)

_SENTENCE_CLOSERS = frozenset({"itd.", "i sl.", "i dr.", "god."})
_SYMBOL_WORDS = {"%": "posto", "&": "i", "+": "plus"}

# "14:30", "14:30 h": the "h" is read with the time, as "sati" would be.
_CLOCK_TIME = re.compile(rf"{NUMBER_START}{HOUR}:{MINUTE}{NUMBER_END}(?: ?h(?!\w))?")
# "14.30 h", "14.30h", "14.30 sati": with a dot, a time only where the hour is named, as dates use dots too.
_DOT_TIME = re.compile(rf"{NUMBER_START}{HOUR}\.{MINUTE}(?: ?h(?!\w)|(?= (?:sati|časova)(?!\w)))")
# A year after a date, its ordinal dot taken with it: "… 2026." or "… 2026".
_DATE_YEAR = rf"(?: ?(?P<year>{YEAR})(?:\.|{NUMBER_END}))?"
# "14.3.", "14. 3. 2026.": the day and the month each end in a dot.
_DOT_DATE = re.compile(rf"{NUMBER_START}(?P<day>[0-9]{{1,2}})\. ?(?P<month>[0-9]{{1,2}})\.{_DATE_YEAR}")
# "14. marta", "1. svibnja 1987.".
_DAY_MONTH = re.compile(
    rf"{NUMBER_START}(?P<day>[0-9]{{1,2}})\. (?P<month>(?i:{words_pattern(_WRITTEN_MONTHS)}))(?!\w){_DATE_YEAR}"
)
# "2024. godine", "2024. godini": the year is an ordinal agreeing with "godina" ("dvadeset četvrte godine").
_YEAR_OF = re.compile(rf"{NUMBER_START}(?P<year>{YEAR})\. (?P<noun>godin(?P<ending>a|e|i|u|om))(?!\w)")
_FEMININE_ENDINGS = {"a": "a", "e": "e", "i": "oj", "u": "u", "om": "om"}
# "3. razred": a number with a dot before a lower-case word is an ordinal. Its case is not known,
# so it is said in the nominative, which a listener understands in every case.
_ORDINAL = re.compile(rf"{NUMBER_START}(?P<number>[1-9][0-9]?)\.(?= [a-zčćđšž])")


def cardinal(number: int, dialect: _Dialect = _BOSNIAN) -> str:
    """Return 0–999 999 999 in words: 2024 is "dvije hiljade dvadeset četiri" (Croatian "dvije tisuće …")."""
    check_cardinal_range(number)
    if number == 0:
        return _ONES[0]
    millions, rest = divmod(number, 1_000_000)
    thousands, rest = divmod(rest, 1000)
    parts = [_millions(millions, dialect), _thousands(thousands, dialect), _say_below_thousand(rest, dialect)]
    return " ".join(part for part in parts if part)


def ordinal(number: int) -> str:
    """Return the masculine nominative ordinal of 1–99: "prvi", "dvadeset treći"."""
    check_ordinal_range(number)
    if number < 20:
        return _ORDINAL_ONES[number]
    tens, ones = divmod(number, 10)
    return f"{_TENS[tens]} {_ORDINAL_ONES[ones]}" if ones else _TENS[tens] + "i"


def _millions(count: int, dialect: _Dialect) -> str:
    if not count:
        return ""
    one, other = dialect.million
    if count == 1:
        return one
    return f"{_say_below_thousand(count, dialect)} {one if _takes_singular(count) else other}"


def _thousands(count: int, dialect: _Dialect) -> str:
    """ "Hiljada" is feminine: "dvadeset jedna hiljada", "dvije hiljade", "pet hiljada"."""
    if not count:
        return ""
    one, few, many = dialect.thousand
    if count == 1:
        return one
    words = _say_below_thousand(count, dialect).split()
    if count % 100 not in range(11, 20):
        words[-1] = {"jedan": "jedna", "dva": dialect.two_feminine}.get(words[-1], words[-1])
    return " ".join([*words, few if _takes_few(count) else many])


def _takes_singular(count: int) -> bool:
    return count % 10 == 1 and count % 100 != 11


def _takes_few(count: int) -> bool:
    return count % 10 in (2, 3, 4) and count % 100 not in (12, 13, 14)


def _say_below_thousand(number: int, dialect: _Dialect) -> str:
    hundreds, rest = divmod(number, 100)
    parts = [dialect.hundreds[hundreds], _say_below_hundred(rest) if rest else ""]
    return " ".join(part for part in parts if part)


def _say_below_hundred(number: int) -> str:
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return f"{_TENS[tens]} {_ONES[ones]}" if ones else _TENS[tens]


def _year_ordinal(year: int, dialect: _Dialect) -> str:
    """A year as an ordinal: only its last word changes, "dvije hiljade dvadeset četvrti"."""
    rest = year % 100
    if rest:
        return f"{cardinal(year - rest, dialect)} {ordinal(rest)}".strip()
    if year % 1000:
        return cardinal(year, dialect) + "ti"
    count = dialect.two_feminine if year // 1000 == 2 else ""
    return count + dialect.thousand[2].removesuffix("a") + "iti"


def _inflected(ordinal_words: str, ending: str) -> str:
    """Change a masculine nominative ordinal's "-i" to the ending: "četvrti" → "četvrte"."""
    return ordinal_words.removesuffix("i") + ending


def _day_genitive(day: int) -> str:
    """A day in a date is a masculine genitive: "prvog", "četrnaestog", and "trećeg" after a soft stem."""
    stem = ordinal(day).removesuffix("i")
    return stem + ("eg" if stem.endswith("ć") else "og")


def _kept_sentence_end(match: re.Match[str]) -> str:
    """A date's last dot may also end the sentence ("… 14.3."): keep it there, so the voice pauses."""
    following = match.string[match.end() : match.end() + 2].lstrip()[:1]
    return "." if match.group().endswith(".") and (not following or following.isupper()) else ""


def _language(dialect: _Dialect, link_word: str) -> SpokenLanguage:
    """The rules of one dialect: the same shapes, said with that dialect's words."""

    def say_cardinal(number: int) -> str:
        return cardinal(number, dialect)

    def date(day: int, month: str, year: str | None) -> str:
        """ "četrnaestog marta dvije hiljade dvadeset četvrte": a day and a year in the genitive."""
        said = f"{_day_genitive(day)} {month}"
        return f"{said} {_inflected(_year_ordinal(int(year), dialect), 'e')}" if year else said

    def say_day_month(match: re.Match[str]) -> str:
        """Keep the month as written, whichever dialect's name it is; only the day and year change."""
        day = int(match["day"])
        if not 1 <= day <= 31:
            return match.group()
        return date(day, match["month"], match["year"]) + _kept_sentence_end(match)

    @numeric_date
    def say_numeric_date(match: re.Match[str], day: int, month: int, _: int | None) -> str:
        return date(day, dialect.months[month - 1], match["year"]) + _kept_sentence_end(match)

    def say_time(match: re.Match[str]) -> str:
        """14:30 is "četrnaest i trideset", 14:00 just "četrnaest"."""
        hour, minute = say_cardinal(int(match["hour"])), int(match["minute"])
        return f"{hour} i {say_cardinal(minute)}" if minute else hour

    def say_year_of(match: re.Match[str]) -> str:
        ending = _FEMININE_ENDINGS[match["ending"]]
        return f"{_inflected(_year_ordinal(int(match['year']), dialect), ending)} {match['noun']}"

    def say_decimal(match: re.Match[str]) -> str:
        if not is_sayable(match["whole"]):
            return match.group()
        return (
            f"{say_cardinal(int(match['whole']))} zarez {fraction_as_number(match['fraction'], say_cardinal)}"
        )

    abbreviations = {
        "npr.": dialect.for_example, "tj.": "to jest", "itd.": "i tako dalje", "god.": "godine",
        "br.": "broj", "i dr.": "i drugi", "dr.": "doktor", "tzv.": "takozvani", "i sl.": "i slično",
        "ul.": "ulica",
    }  # fmt: skip
    text_rules: tuple[Rule, ...] = (
        abbreviation_rule(with_capitals(abbreviations), _SENTENCE_CLOSERS),
        symbol_rule(_SYMBOL_WORDS),
    )
    number_rules: tuple[Rule, ...] = (
        (_CLOCK_TIME, say_time),
        (_DOT_TIME, say_time),
        (ISO_DATE, say_numeric_date),
        (_DOT_DATE, say_numeric_date),
        (_DAY_MONTH, say_day_month),
        (slash_date_pattern(with_year=True), say_numeric_date),
        (_YEAR_OF, say_year_of),
        (_ORDINAL, lambda match: ordinal(int(match["number"]))),
        (decimal_pattern(","), say_decimal),
        integer_rule(integer_pattern(". "), say_cardinal),
    )
    return SpokenLanguage(link_word, text_rules, number_rules)


BOSNIAN = _language(_BOSNIAN, "link")
CROATIAN = _language(_CROATIAN, "poveznica")
SERBIAN = _language(_SERBIAN, "link")
