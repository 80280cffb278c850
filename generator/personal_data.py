"""The personal-data screen: finds what may point at a person, offline, before anything is published.

It favours recall: it flags, and an editor decides. A flag never carries the raw match out of
this module; it carries the match masked (`1981****-**76`) and a short code, a hash of the story
id, the kind and the match, which an editor stores to clear a false positive. The match itself
is in the story's text, so its hash tells no one anything the text does not.

Text is normalised first (NFKC, invisible and direction marks removed, Arabic-Indic digits
mapped), so `٠٧٠…`, full-width `０７０…` and `07\u200b0…` are all seen as the same number.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Characters that change nothing a reader sees but can hide a number from a pattern.
_INVISIBLE = dict.fromkeys(
    map(
        ord,
        "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff",
    ),
    None,
)
_DIGITS = {
    ord(c): str(i)
    for base in (0x0660, 0x06F0, 0x07C0)
    for i, c in enumerate(map(chr, range(base, base + 10)))
}

KINDS = {
    "personnummer": "personnummer",
    "samordningsnummer": "samordningsnummer",
    "personnummer-form": "möjligt personnummer (fel kontrollsiffra)",
    "telefon": "telefonnummer",
    "e-post": "e-postadress",
    "postnummer": "postnummer och ort",
    "adress": "gatuadress",
    "registreringsnummer": "registreringsnummer",
    "arbetsplats": "namngiven arbetsplats, skola eller verksamhet",
    "namn": "möjligt namn",
}


@dataclass(frozen=True)
class Flag:
    """One possible piece of personal data: where it is and how it may be shown, never what it is."""

    kind: str
    line: int  # 1-based, within the screened text
    masked: str
    code: str

    @property
    def description(self) -> str:
        return KINDS[self.kind]


# One table for both: no digit maps to an invisible character, so one pass equals two.
_MAPPED = _INVISIBLE | _DIGITS
# Mapping a text character by character is slow; most texts have nothing to map.
_NEEDS_MAPPING = re.compile(f"[{''.join(map(chr, _MAPPED))}]")


def normalise(text: str) -> str:
    """Return the text as the patterns see it; line breaks stay where they were."""
    if _NEEDS_MAPPING.search(text):
        text = text.translate(_MAPPED)
    return unicodedata.normalize("NFKC", text)


def mask(match: str) -> str:
    """Hide a match but keep its shape: separators stay, most letters and digits become '*'.

    Ten digits or more keep the first four and the last two (`19810412-5676` → `1981****-**76`),
    so an editor can tell two numbers apart; of the letters only the first is kept.
    """
    digits = sum(c.isdigit() for c in match)
    seen_digits = 0
    masked = []
    first_letter = True
    for c in match:
        if c.isdigit():
            seen_digits += 1
            keep = digits >= 10 and (seen_digits <= 4 or seen_digits > digits - 2)
            masked.append(c if keep else "*")
        elif c.isalpha():
            masked.append(c if first_letter else "*")
            first_letter = False
        else:
            masked.append(c)
    return "".join(masked)


def flag_code(story_id: str, kind: str, match: str) -> str:
    """A short, stable code for one flag of one story; what an editor stores to clear it."""
    digest = hashlib.sha256(f"{story_id}\x00{kind}\x00{normalise(match).casefold()}".encode())
    return digest.hexdigest()[:12]


# --- Numbers -------------------------------------------------------------------------------------

_PERSONNUMMER = re.compile(r"(?<![\d+])(?:19|20)?(\d{2})(\d{2})(\d{2})[ ]?[-+]?[ ]?(\d{4})(?!\d)")
_PHONE = re.compile(
    r"(?<![\d+])(?:(?:\+|00)\d{1,3}[ -]?(?:\(0\)[ -]?)?\d(?:[ -]?\d){5,12}"
    r"|0\d{1,3}(?:[ /-]|\) ?)?\d{2,3}(?:[ -]?\d{2,3}){1,3})(?!\d)"
)


def _luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        n = int(char) * (2 - index % 2)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _personnummer(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _PERSONNUMMER.finditer(text):
        month, day = int(match[2]), int(match[3])
        coordination = 61 <= day <= 91
        if not 1 <= month <= 12 or not (1 <= day <= 31 or coordination):
            continue
        if not _luhn_valid(match[1] + match[2] + match[3] + match[4]):
            yield "personnummer-form", *match.span()
        else:
            yield ("samordningsnummer" if coordination else "personnummer"), *match.span()


def _phones(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _PHONE.finditer(text):
        digits = sum(c.isdigit() for c in match.group())
        if 8 <= digits <= 15:
            yield "telefon", *match.span()


# --- Addresses, mail, places ---------------------------------------------------------------------

# A word, with its combining marks (Arabic shadda and vowel signs): 'عليّ' (on me) is not 'علي' (Ali).
_WORD = r"[^\W\d_][\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670'’-]*"
_CAPITALISED = r"[^\W\d_a-zåäöéü][\w'’-]*"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AT = r"(?:\s*[(\[{<]\s*(?:at|snabel-?a)\s*[)\]}>]\s*|\s+(?:at|snabel-?a)\s+|\s*@\s*)"
_DOT = r"(?:\s*[(\[{<]\s*(?:dot|punkt)\s*[)\]}>]\s*|\s+(?:dot|punkt)\s+|\.)"
_SPELLED_EMAIL = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,6}}\b", re.IGNORECASE)
_POSTAL_CODE = re.compile(rf"(?<![\d-])\d{{3}} ?\d{{2}}(?![\d-]) +{_CAPITALISED}")
# Searched backwards from a number, so the pattern runs only where a house number may be.
_HOUSE_NUMBER = re.compile(r"(?<=\s)\d{1,4}(?: ?[A-Za-z])?\b")
_STREET_NAME = re.compile(
    r"\b[^\W\d_][\w-]*(?:gatan|gata|vägen|väg|gränd|gränden|torget|torg|stigen|allén|allé|backe|backen|"
    r"leden|platsen|plan|street|road|avenue|ulica|cesta)\s+$",
    re.IGNORECASE,
)
# The lookahead names the first letters the alternatives can start with: the engine then skips
# to those instead of trying every alternative at every position.
_AT_HINT = re.compile(r"(?=[@as])(?:@|\bat\b|snabel)", re.IGNORECASE)
_PLATE = re.compile(r"\b[A-HJ-PR-UW-Z]{3} ?\d{2}[A-HJ-PR-UW-Z0-9]\b")
_COMPANY_FORMS = r" (?:AB|HB|KB|Ltd|Inc|GmbH)\b"
_COMPANY = re.compile(rf"\b{_CAPITALISED}(?:[ -]{_CAPITALISED})*{_COMPANY_FORMS}")
_COMPANY_FORM = re.compile(_COMPANY_FORMS)
# Every pattern of numbers (personnummer, telephone, postcode, plate, house number) needs one.
_DIGIT = re.compile(r"\d")
_INSTITUTION = re.compile(
    r"\b[^\W\d_a-zåäö][\w-]*(?:skolan|skola|gymnasiet|gymnasium|förskolan|förskola|högskolan|universitetet|"
    r"sjukhuset|sjukhus|lasarettet|lasarett|vårdcentralen|vårdcentral|kyrkan|moskén|församling|"
    r"föreningen|klubben)\b"
)


def _patterns(text: str) -> Iterator[tuple[str, int, int]]:
    """Every pattern's matches. A pattern runs only where what it cannot match without is in the
    text (a digit, an '@', a company form): scanning a story for each of them costs more than
    looking once."""
    searches: list[tuple[str, re.Pattern[str]]] = [("arbetsplats", _INSTITUTION)]
    if _DIGIT.search(text):
        yield from _personnummer(text)
        yield from _phones(text)
        yield from _streets(text)
        searches += [("postnummer", _POSTAL_CODE), ("registreringsnummer", _PLATE)]
    if "@" in text:
        searches.append(("e-post", _EMAIL))
    if _COMPANY_FORM.search(text):
        searches.append(("arbetsplats", _COMPANY))
    for kind, pattern in searches:
        for match in pattern.finditer(text):
            yield kind, *match.span()
    yield from _spelled_emails(text)
    yield from _workplaces(text)


def _spelled_emails(text: str) -> Iterator[tuple[str, int, int]]:
    """'anna (at) exempel punkt se', looked for only around an '@', an 'at' or a 'snabel-a'."""
    for hint in _AT_HINT.finditer(text):
        offset = max(0, hint.start() - 64)
        for match in _SPELLED_EMAIL.finditer(text[offset : hint.end() + 96]):
            yield "e-post", offset + match.start(), offset + match.end()


def _streets(text: str) -> Iterator[tuple[str, int, int]]:
    """'Storgatan 14': a house number after a word that ends like a street's name."""
    for number in _HOUSE_NUMBER.finditer(text):
        offset = max(0, number.start() - 48)
        street = _STREET_NAME.search(text[offset : number.start()])
        if street:
            yield "adress", offset + street.start(), number.end()


def _workplaces(text: str) -> Iterator[tuple[str, int, int]]:
    """A known chain or employer followed by a capitalised place: 'Ikea Svågertorp'."""
    for match in _chains().finditer(text):
        yield "arbetsplats", *match.span()


@cache
def _chains() -> re.Pattern[str]:
    names = sorted(_word_file("workplaces.txt"), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(name) for name in names)}) {_CAPITALISED}")


# --- Names ---------------------------------------------------------------------------------------

_TOKEN = re.compile(_WORD)
# Both end where the next word starts: a word there follows a cue, or starts a sentence.
_CUES = re.compile(
    r"(?=[hkncztاn])(?:\b(?:he(?:ter|tte)|kall(?:as|ades|ad)|namn(?:et| är)|name(?:d| is)|called"
    r"|zov(?:e|em) se|zva(?:o|la) se|tên (?:tôi )?là)|اسم(?:ه|ها|ي))\s+",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…؟:;\n])[\"'”»«“(\[–—-]*\s*")
# Word lists by story language; bs, hr and sr share one (Serbo-Croatian), as wordfreq has it.
_WORDLIST_LANGUAGE = {"sv": "sv", "en": "en", "ar": "ar", "vi": "vi", "bs": "sh", "hr": "sh", "sr": "sh"}


@cache
def _word_file(name: str) -> frozenset[str]:
    text = resources.files("generator.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        unicodedata.normalize("NFC", line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def _names() -> frozenset[str]:
    return _word_file("first_names.txt") | _word_file("surnames.txt")


@cache
def _known_words(language: str) -> frozenset[str]:
    """Everyday words of a language and of Swedish, lower case, from wordfreq's small lists."""
    from wordfreq import iter_wordlist

    languages = {"sv", _WORDLIST_LANGUAGE.get(language, "sv")}
    return frozenset(word for code in sorted(languages) for word in iter_wordlist(code, "small"))


@cache
def _commonest_words(language: str) -> frozenset[str]:
    """The hundred commonest words of a language: a listed name that is one of them ('Ali' is
    'but' in Bosnian) says nothing when it merely starts a sentence."""
    from wordfreq import top_n_list

    return frozenset(top_n_list(_WORDLIST_LANGUAGE.get(language, "sv"), 100))


_GENITIVES = ("s", "'s", "’s", "s'")


def _is_name(token: str) -> bool:
    names = _names()
    if token in names:
        return True
    return token.endswith(_GENITIVES) and any(
        token.endswith(g) and token[: -len(g)] in names for g in _GENITIVES
    )


def _is_capitalised(token: str) -> bool:
    """Written like a name: an upper-case first letter, no digits, not an acronym or a code."""
    return (
        token[0].isupper()
        and not token.isupper()
        and sum(map(str.isupper, token)) <= 2
        and not any(map(str.isdigit, token))
    )


def _name_tokens(text: str, language: str) -> Iterator[tuple[int, int]]:
    """Spans of words that may be names: listed names, words after 'heter', unknown capitals."""
    known = _known_words(language)
    after_cue = {match.end() for match in _CUES.finditer(text)}
    sentence_starts = {match.end() for match in _SENTENCE_START.finditer(text)}
    for match in _TOKEN.finditer(text):
        start = match.start()  # a letter: stripping below leaves it first
        cued = start in after_cue
        if text[start].islower() and not cued:
            continue  # most words: lower case, no cue before them
        token = match.group().strip("'’-")
        lower = token.lower()
        sentence_start = start in sentence_starts
        capitalised = _is_capitalised(token)
        listed = _is_name(token) and not (
            sentence_start and lower != token and lower in _commonest_words(language)
        )
        cued = cued and (capitalised or lower not in known)
        unknown_capital = (
            capitalised and not sentence_start and lower not in known and lower.rstrip("s") not in known
        )
        if listed or cued or unknown_capital:
            yield match.start(), match.end()


def _joined(spans: Iterable[tuple[int, int]], text: str) -> Iterator[tuple[int, int]]:
    """Join names written next to each other ('Nguyễn Thị Lan') into one flag."""
    current: tuple[int, int] | None = None
    for start, end in spans:
        if current and text[current[1] : start] == " ":
            current = (current[0], end)
            continue
        if current:
            yield current
        current = (start, end)
    if current:
        yield current


# --- The screen ----------------------------------------------------------------------------------


def find_spans(normal: str, language: str) -> list[tuple[str, int, int]]:
    """Return (kind, start, end) of every finding in a normalised text, in reading order.

    The screen flags these; a message that quotes input masks the same spans (quoting.py).
    """
    found = dict.fromkeys(_patterns(normal))
    for start, end in _joined(_name_tokens(normal, language), normal):
        found[("namn", start, end)] = None
    return sorted(found, key=lambda key: (key[1], key[2], key[0]))


def is_listed_name(word: str) -> bool:
    """True for a word of the name lists written in any case ('göran', 'GÖRAN'), genitives too."""
    return _is_name(word[:1].upper() + word[1:].lower())


def screen(text: str, language: str, story_id: str) -> list[Flag]:
    """Return every flag in one text, in reading order, each match masked and coded."""
    normal = normalise(text)
    flags = []
    for kind, start, end in find_spans(normal, language):
        matched = normal[start:end]
        flags.append(
            Flag(kind, normal.count("\n", 0, start) + 1, mask(matched), flag_code(story_id, kind, matched))
        )
    return flags
