"""What every language's reading rules share: the rule type, the shapes of numbers, dates and short forms."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

# A rule finds a written form and says it: a pattern and what replaces each match.
Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
Cardinal = Callable[[int], str]

# The largest number spelled out; beyond it a listener follows digits better than a long word chain.
MAX_CARDINAL = 999_999_999

# Number patterns must not start or end inside a longer number ("1.2.3", "3,5", "14:30", "14/3", "1987-1990").
NUMBER_START = r"(?<![\w,.:/])(?<![0-9][-–])"
NUMBER_END = r"(?![\w]|[,.:/–-][0-9])"
HOUR = r"(?P<hour>[01]?[0-9]|2[0-3])"
MINUTE = r"(?P<minute>[0-5][0-9])"
YEAR = r"(?:1[1-9][0-9]{2}|20[0-9]{2})"

# "14:30" is a time wherever it stands.
CLOCK_TIME = re.compile(rf"{NUMBER_START}{HOUR}:{MINUTE}{NUMBER_END}")
# "2026-03-14".
ISO_DATE = re.compile(
    rf"{NUMBER_START}(?P<year>{YEAR})-(?P<month>[0-9]{{2}})-(?P<day>[0-9]{{2}}){NUMBER_END}"
)

# A digit run that may be a phone number. ISO dates are tried first so they are never taken for one.
_DIGIT_GROUPS = re.compile(
    r"(?<![\w+])(?:(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9]))|(?P<digits>\+?[0-9]+(?:[ -][0-9]+)+))"
)
# Swedish phone numbers start with a trunk "0" and a further digit; a lone "0" is just zero. The
# stories were told in Sweden, so their phone numbers are Swedish whatever the story's language.
_AREA_CODE = re.compile(r"0[0-9]")


@dataclass(frozen=True)
class SpokenLanguage:
    """How one language says what is written with figures, symbols and short forms.

    `text_rules` run over the whole text (digits of another script, units, abbreviations,
    symbols); `number_rules` run outside phone numbers, the more specific shapes first.
    """

    link_word: str
    text_rules: tuple[Rule, ...]
    number_rules: tuple[Rule, ...]


def say(text: str, language: SpokenLanguage) -> str:
    """Apply the language's rules: short forms and symbols first, then numbers outside phone numbers."""
    for pattern, replace in language.text_rules:
        text = pattern.sub(replace, text)
    return _say_numbers_outside_phones(text, language.number_rules)


def _say_numbers_outside_phones(text: str, rules: tuple[Rule, ...]) -> str:
    """Phone numbers are read digit by digit, which the engine already does: leave them untouched."""
    pieces: list[str] = []
    start = 0
    for match in _DIGIT_GROUPS.finditer(text):
        if _is_phone_number(match):
            pieces += [_say_numbers(text[start : match.start()], rules), match.group()]
            start = match.end()
    return "".join([*pieces, _say_numbers(text[start:], rules)])


def _is_phone_number(match: re.Match[str]) -> bool:
    """Over six digits with a dash, or led by "+" or an area code ("08", "070"), is a phone number."""
    digits = match["digits"]
    if digits is None:
        return False
    count = sum(character.isdigit() for character in digits)
    return count > 6 and ("-" in digits or digits.startswith("+") or _AREA_CODE.match(digits) is not None)


def _say_numbers(text: str, rules: tuple[Rule, ...]) -> str:
    for pattern, replace in rules:
        text = pattern.sub(replace, text)
    return text


# --- Short forms and symbols -----------------------------------------------------------------


def with_capitals(table: Mapping[str, str], except_for: Collection[str] = ()) -> dict[str, str]:
    """Add each short form as written at a sentence's start ("T.ex." → "Till exempel").

    A form written in capitals already ("SĐT") keeps what the table says for it.
    """
    capitals = {
        written[0].upper() + written[1:]: said[0].upper() + said[1:]
        for written, said in table.items()
        if written not in except_for
    }
    return capitals | dict(table)


def abbreviation_rule(table: Mapping[str, str], sentence_closers: Collection[str]) -> Rule:
    """Say each written short form of the table; a closer's dot stays when it also ends the sentence.

    The longest written form goes first so "osv." wins over "osv"; no letter or dot may touch either end.
    """
    pattern = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(written) for written in sorted(table, key=len, reverse=True))
        + r")(?!\w)"
    )
    return pattern, lambda match: table[match.group()] + kept_dot(match.group(), match, sentence_closers)


def kept_dot(written: str, match: re.Match[str], sentence_closers: Collection[str]) -> str:
    """Return "." when a short form's dot also ends the sentence ("… osv. Sedan"), so the voice pauses.

    A capital letter starts a new sentence; so may a letter of a script without capitals (Arabic).
    """
    if written not in sentence_closers:
        return ""
    following = match.string[match.end() : match.end() + 2].lstrip()[:1]
    return "." if not following or (following.isalpha() and not following.islower()) else ""


def symbol_rule(words: Mapping[str, str]) -> Rule:
    """Name the symbols a voice would skip or name in another language.

    "+" only between words ("2+2", "Ica + Coop"): in "+46" it belongs to a phone number.
    """
    single = "".join(re.escape(symbol) for symbol in words if symbol != "+")
    plus = r"|(?<=\w)(?:\+| \+ )(?=\w)" if "+" in words else ""
    return re.compile(f"[{single}]{plus}"), lambda match: f" {words[match.group().strip()]} "


# --- Numbers ---------------------------------------------------------------------------------


def integer_pattern(group_separators: str) -> re.Pattern[str]:
    """ "12 000" (spaces are normalised before), "12,000" or "12.000" as the language groups digits, "7"."""
    separator = f"[{re.escape(group_separators)}]"
    return re.compile(rf"{NUMBER_START}(?:[0-9]{{1,3}}(?:{separator}[0-9]{{3}})+|[0-9]+){NUMBER_END}")


def decimal_pattern(separator: str) -> re.Pattern[str]:
    """ "3,5" or "3.5", with the language's decimal separator."""
    return re.compile(
        rf"{NUMBER_START}(?P<whole>[0-9]+){re.escape(separator)}(?P<fraction>[0-9]+){NUMBER_END}"
    )


def lone_year_pattern(count_words: Collection[str]) -> re.Pattern[str]:
    """A lone 4-digit number in 1100–2099 is most often a year, unless a count word follows it."""
    counts = "|".join(count_words)
    return re.compile(rf"{NUMBER_START}{YEAR}{NUMBER_END}(?! (?:{counts})(?!\w))")


def slash_date_pattern(with_year: bool) -> re.Pattern[str]:
    """ "14/3" is day/month in Europe, and so in the sample; "14/3/2026" carries a year when allowed."""
    year = rf"(?:/(?P<year>{YEAR}))?" if with_year else ""
    return re.compile(
        rf"{NUMBER_START}(?P<day>[0-9]{{1,2}})/(?P<month>[0-9]{{1,2}}){year}(?![\w/]|[,.:][0-9])"
    )


def words_pattern(words: Collection[str]) -> str:
    """An alternation of words, longest first so that "juli" is not taken for "jul"."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def integer_rule(pattern: re.Pattern[str], cardinal: Cardinal) -> Rule:
    """Say a whole number; leading zeros ("007") and numbers too long to say stay as digits."""

    def say_integer(match: re.Match[str]) -> str:
        digits = "".join(filter(str.isdigit, match.group()))
        return cardinal(int(digits)) if is_sayable(digits) else match.group()

    return pattern, say_integer


def is_sayable(digits: str) -> bool:
    """A number is said as words unless it has leading zeros or is too long to follow as words."""
    return not (len(digits) > 1 and digits.startswith("0")) and int(digits) <= MAX_CARDINAL


def check_cardinal_range(number: int) -> None:
    if not 0 <= number <= MAX_CARDINAL:
        raise ValueError(f"kan bara skriva tal mellan 0 och {MAX_CARDINAL} med ord, inte {number}")


def check_ordinal_range(number: int) -> None:
    if not 1 <= number <= 99:
        raise ValueError(f"kan bara skriva ordningstal mellan 1 och 99 med ord, inte {number}")


def fraction_as_number(digits: str, cardinal: Cardinal) -> str:
    """Two digits are said as a number ("3,25" "tjugofem"), longer or zero-led ones digit by digit."""
    if len(digits) <= 2 and not digits.startswith("0"):
        return cardinal(int(digits))
    return digit_by_digit(digits, cardinal)


def digit_by_digit(digits: str, cardinal: Cardinal) -> str:
    return " ".join(cardinal(int(digit)) for digit in digits)


SayDate = Callable[[re.Match[str], int, int, int | None], str]


def numeric_date(say_date: SayDate) -> Callable[[re.Match[str]], str]:
    """Say a date written with figures only (ISO "2026-03-14", "14/3", "14.3.2026") the language's
    way: the match's day, month and year (None when it has none) go to `say_date` once checked;
    a date that does not exist stays as written."""

    def say(match: re.Match[str]) -> str:
        day, month = int(match["day"]), int(match["month"])
        written_year = match.groupdict().get("year")
        year = int(written_year) if written_year else None
        if not is_valid_date(day, month, year or 2000):
            return match.group()
        return say_date(match, day, month, year)

    return say


def is_valid_date(day: int, month: int, year: int = 2000) -> bool:
    """Without a year, 29 February is allowed: 2000 is a leap year."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
