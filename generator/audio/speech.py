"""Rewrite story text so a speech synthesiser reads it aloud the way a person would say it."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

# The largest number spelled out; beyond it a listener follows digits better than a long word chain.
_MAX_CARDINAL = 999_999_999

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

# What a listener hears instead of a web address, in the languages we know the word for.
_LINK_WORDS = {"sv": "länk", "en": "link"}

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
# "St." at a sentence start is more likely Sankt than stycken, so it gets no capitalised form.
_SPOKEN_ABBREVIATIONS = _ABBREVIATIONS | {
    written[0].upper() + written[1:]: said[0].upper() + said[1:]
    for written, said in _ABBREVIATIONS.items()
    if written != "st."
}
# Abbreviations that usually close a list or a price: their dot may also end the sentence.
_SENTENCE_CLOSERS = frozenset({"osv.", "o.s.v.", "m.m.", "m.fl.", "etc.", "kr.", "st."})
# Unit abbreviations that only mean kronor/stycken right after a number ("50 kr", "5 st").
_UNIT_WORDS = {"kr": "kronor", "st": "stycken"}
# Symbols a Swedish voice skips or names in English.
_SYMBOL_WORDS = {"%": "procent", "§": "paragraf", "&": "och", "+": "plus"}
# A 4-digit number followed by one of these is a count, not a year: "2024 kronor".
_COUNT_WORDS = ("kronor", "kr", "personer", "st", "stycken", "meter", "kilo", "procent")

# Engines read zero-width and bidi control characters aloud or stumble on them; they carry no speech.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# A web address spelled out character by character is noise; the listener only needs to know one is there.
_URL = re.compile(r"(?<![\w.])(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
# Punctuation at the end of an address belongs to the sentence around it.
_URL_TAIL = ".,;:!?)]}'\""
# Markup symbols a voice would name ("asterisk") where the writer meant emphasis or layout.
_MARKUP = re.compile(r"[*_#`~|<>\[\]{}^\\]")
# Line breaks and runs of spaces mean nothing to a voice but can make it pause mid-sentence.
_WHITESPACE = re.compile(r"\s+")
# Spaces left before punctuation or inside a parenthesis by the removals above.
_LOOSE_PUNCTUATION = re.compile(r" (?=[.,;:!?)])|(?<=\() ")

# "50 kr", "5st.": the optional dot is kept apart so it can still end the sentence.
_UNIT_AFTER_NUMBER = re.compile(r"(?<=[0-9]) ?(kr|st)(\.?)(?!\w)")
# Longest written form first so "osv." wins over "osv"; no letter or dot may touch either end.
_ABBREVIATION = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(re.escape(written) for written in sorted(_SPOKEN_ABBREVIATIONS, key=len, reverse=True))
    + r")(?!\w)"
)
# "+" only between words ("2+2", "Ica + Coop"): in "+46" it belongs to a phone number.
_SYMBOL = re.compile(r"[%§&]|(?<=\w)(?:\+| \+ )(?=\w)")

# A digit run that may be a phone number. ISO dates are tried first so they are never taken for one.
_DIGIT_GROUPS = re.compile(
    r"(?<![\w+])(?:(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9]))|(?P<digits>\+?[0-9]+(?:[ -][0-9]+)+))"
)

# Swedish phone numbers start with a trunk "0" and a further digit; a lone "0" is just zero.
_AREA_CODE = re.compile(r"0[0-9]")

# Number patterns must not start or end inside a longer number ("1.2.3", "3,5", "14:30", "14/3", "1987-1990").
_NUMBER_START = r"(?<![\w,.:/])(?<![0-9][-–])"
_NUMBER_END = r"(?![\w]|[,.:/–-][0-9])"
_HOUR = r"(?P<hour>[01]?[0-9]|2[0-3])"
_MINUTE = r"(?P<minute>[0-5][0-9])"
_YEAR = r"(?:1[1-9][0-9]{2}|20[0-9]{2})"

# "14:30" is a time wherever it stands.
_CLOCK_TIME = re.compile(rf"{_NUMBER_START}{_HOUR}:{_MINUTE}{_NUMBER_END}")
# "14.30" is a time only after "klockan" (which "kl." has become); elsewhere it may be a decimal.
_CLOCK_TIME_AFTER_KLOCKAN = re.compile(rf"(?<=[Kk]lockan ){_HOUR}\.{_MINUTE}{_NUMBER_END}")
# "2026-03-14".
_ISO_DATE = re.compile(
    rf"{_NUMBER_START}(?P<year>{_YEAR})-(?P<month>[0-9]{{2}})-(?P<day>[0-9]{{2}}){_NUMBER_END}"
)
# "14 mars", "den 1 maj": a day before a month name is said as an ordinal.
_DAY_MONTH = re.compile(rf"{_NUMBER_START}(?P<day>[0-9]{{1,2}}) (?P<month>(?i:{'|'.join(_MONTHS)}))(?!\w)")
# "14/3" is day/month in Swedish.
_DAY_SLASH_MONTH = re.compile(
    rf"{_NUMBER_START}(?P<day>[0-9]{{1,2}})/(?P<month>[0-9]{{1,2}})(?![\w/]|[,.:][0-9])"
)
# A lone 4-digit number in 1100–2099 is most often a year, unless a count word follows it.
_LONE_YEAR = re.compile(rf"{_NUMBER_START}{_YEAR}{_NUMBER_END}(?! (?:{'|'.join(_COUNT_WORDS)})(?!\w))")
# "1:a", "3:e", "21:a".
_ORDINAL = re.compile(rf"{_NUMBER_START}(?P<number>[1-9][0-9]?):[ae]{_NUMBER_END}")
# "3,5": Swedish writes the decimal comma.
_DECIMAL = re.compile(rf"{_NUMBER_START}(?P<whole>[0-9]+),(?P<fraction>[0-9]+){_NUMBER_END}")
# "12 000" (spaces were normalised above), "12000", "7".
_INTEGER = re.compile(rf"{_NUMBER_START}(?:[0-9]{{1,3}}(?: [0-9]{{3}})+|[0-9]+){_NUMBER_END}")


def speakable(text: str, language: str) -> str:
    """Return `text` rewritten so a speech engine reads it as a person would in that language.

    Every language loses what a voice should not read (markup, addresses, invisible characters).
    Only Swedish gets its numbers and abbreviations spelled out: other engines handle their own.
    """
    primary = re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower()
    cleaned = _clean_for_voice(text, _LINK_WORDS.get(primary, ""))
    if primary == "sv":
        return _tidy_spaces(_say_swedish(cleaned))
    return cleaned


def swedish_cardinal(number: int) -> str:
    """Return 0–999 999 999 in Swedish words, written as Swedes do: 2024 is "tvåtusentjugofyra"."""
    if not 0 <= number <= _MAX_CARDINAL:
        raise ValueError(f"kan bara skriva tal mellan 0 och {_MAX_CARDINAL} med ord, inte {number}")
    if number == 0:
        return _ONES[0]
    millions, rest = divmod(number, 1_000_000)
    parts = [_say_millions(millions)] if millions else []
    if rest:
        parts.append(_say_below_million(rest))
    return " ".join(parts)


def swedish_ordinal(number: int) -> str:
    """Return the Swedish ordinal of 1–99 ("första", "tjugoförsta"): enough for days and "21:a"."""
    if not 1 <= number <= 99:
        raise ValueError(f"kan bara skriva ordningstal mellan 1 och 99 med ord, inte {number}")
    if number < 20:
        return _ORDINAL_ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (_ORDINAL_ONES[ones] if ones else "nde")


def _clean_for_voice(text: str, link_word: str) -> str:
    """Drop what no voice should read; addresses go before markup, which their `_` and `#` would match."""
    text = _INVISIBLE.sub("", text)
    text = _URL.sub(lambda match: _replace_url(match.group(), link_word), text)
    return _tidy_spaces(_MARKUP.sub(" ", text))


def _replace_url(url: str, link_word: str) -> str:
    """Say the link word (or nothing) but keep the sentence's punctuation that the address swallowed."""
    tail = url[len(url.rstrip(_URL_TAIL)) :]
    return link_word + tail


def _tidy_spaces(text: str) -> str:
    """Collapse whitespace and drop spaces that removals left before punctuation."""
    return _LOOSE_PUNCTUATION.sub("", _WHITESPACE.sub(" ", text)).strip()


def _say_swedish(text: str) -> str:
    """Expand abbreviations and symbols, then numbers everywhere except in phone numbers."""
    text = _UNIT_AFTER_NUMBER.sub(_say_unit, text)
    text = _ABBREVIATION.sub(_say_abbreviation, text)
    text = _SYMBOL.sub(lambda match: f" {_SYMBOL_WORDS[match.group().strip()]} ", text)
    return _say_numbers_outside_phones(text)


def _say_unit(match: re.Match[str]) -> str:
    unit, dot = match.group(1, 2)
    return f" {_UNIT_WORDS[unit]}" + _kept_dot(f"{unit}{dot}", match)


def _say_abbreviation(match: re.Match[str]) -> str:
    return _SPOKEN_ABBREVIATIONS[match.group()] + _kept_dot(match.group(), match)


def _kept_dot(written: str, match: re.Match[str]) -> str:
    """Return "." when an abbreviation's dot also ends the sentence ("… osv. Sedan"), so the voice pauses."""
    if written not in _SENTENCE_CLOSERS:
        return ""
    following = match.string[match.end() : match.end() + 2].lstrip()[:1]
    return "." if not following or following.isupper() else ""


def _say_numbers_outside_phones(text: str) -> str:
    """Phone numbers are read digit by digit, which the engine already does: leave them untouched."""
    pieces: list[str] = []
    start = 0
    for match in _DIGIT_GROUPS.finditer(text):
        if _is_phone_number(match):
            pieces += [_say_numbers(text[start : match.start()]), match.group()]
            start = match.end()
    return "".join([*pieces, _say_numbers(text[start:])])


def _is_phone_number(match: re.Match[str]) -> bool:
    """Over six digits with a dash, or led by "+" or an area code ("08", "070"), is a phone number."""
    digits = match["digits"]
    if digits is None:
        return False
    count = sum(character.isdigit() for character in digits)
    return count > 6 and ("-" in digits or digits.startswith("+") or _AREA_CODE.match(digits) is not None)


def _say_numbers(text: str) -> str:
    """Apply the number rules in order: the more specific shapes first, plain integers last."""
    for pattern, say in _NUMBER_RULES:
        text = pattern.sub(say, text)
    return text


def _say_time(match: re.Match[str]) -> str:
    """Swedes say 14:30 "fjorton trettio", 8:05 "åtta noll fem" and 14:00 just "fjorton"."""
    hour, minute = swedish_cardinal(int(match["hour"])), match["minute"]
    if minute == "00":
        return hour
    if minute.startswith("0"):
        return f"{hour} noll {_ONES[int(minute)]}"
    return f"{hour} {swedish_cardinal(int(minute))}"


def _say_iso_date(match: re.Match[str]) -> str:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not _is_valid_date(day, month, year):
        return match.group()
    return f"{swedish_ordinal(day)} {_MONTHS[month - 1]} {_say_year(year)}"


def _say_day_month(match: re.Match[str]) -> str:
    """Keep the month as written (its case too); only the day becomes an ordinal."""
    day, month = int(match["day"]), match["month"]
    if not _is_valid_date(day, _MONTHS.index(month.lower()) + 1):
        return match.group()
    return f"{swedish_ordinal(day)} {month}"


def _say_day_slash_month(match: re.Match[str]) -> str:
    day, month = int(match["day"]), int(match["month"])
    if not _is_valid_date(day, month):
        return match.group()
    return f"{swedish_ordinal(day)} {_MONTHS[month - 1]}"


def _is_valid_date(day: int, month: int, year: int = 2000) -> bool:
    """Without a year, 29 February is allowed: 2000 is a leap year."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _say_year(year: int) -> str:
    """Swedes say 1987 "nittonhundraåttiosju", 2005 "tvåtusenfem" but 2019 "tjugohundranitton"."""
    if 2000 <= year <= 2009:
        return swedish_cardinal(year)
    hundreds, rest = divmod(year, 100)
    return swedish_cardinal(hundreds) + "hundra" + (swedish_cardinal(rest) if rest else "")


def _say_ordinal(match: re.Match[str]) -> str:
    return swedish_ordinal(int(match["number"]))


def _say_decimal(match: re.Match[str]) -> str:
    whole = int(match["whole"])
    if whole > _MAX_CARDINAL or (len(match["whole"]) > 1 and match["whole"].startswith("0")):
        return match.group()
    return f"{swedish_cardinal(whole)} komma {_say_fraction(match['fraction'])}"


def _say_fraction(digits: str) -> str:
    """Two digits are said as a number ("3,25" "tjugofem"), longer or zero-led ones digit by digit."""
    if len(digits) <= 2 and not digits.startswith("0"):
        return swedish_cardinal(int(digits))
    return " ".join(_ONES[int(digit)] for digit in digits)


def _say_integer(match: re.Match[str]) -> str:
    """Leading zeros ("007") and numbers too long to say as words stay as digits."""
    digits = match.group().replace(" ", "")
    if (len(digits) > 1 and digits.startswith("0")) or int(digits) > _MAX_CARDINAL:
        return match.group()
    return swedish_cardinal(int(digits))


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


# The number steps in the order the rules need: times and dates before the years and integers inside them.
_NUMBER_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (_CLOCK_TIME, _say_time),
    (_CLOCK_TIME_AFTER_KLOCKAN, _say_time),
    (_ISO_DATE, _say_iso_date),
    (_DAY_MONTH, _say_day_month),
    (_DAY_SLASH_MONTH, _say_day_slash_month),
    (_LONE_YEAR, lambda match: _say_year(int(match.group()))),
    (_ORDINAL, _say_ordinal),
    (_DECIMAL, _say_decimal),
    (_INTEGER, _say_integer),
)
