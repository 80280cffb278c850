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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate

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
# A number is judged by its digits, whatever is written between them: `8112 18-98 76`,
# `070.123.45.67` and `0 7 0 1 2 3 4 5 6 7` are a personnummer and a phone number like their
# plain twins. A run is digits joined by up to three spaces, dashes, dots, slashes, brackets or
# plus signs; its whitespace-separated pieces are tried together, so a number that ends a sentence
# (`… 45 67. 2019 …`) is still found. Times and dates written with dots or slashes end a number:
# `08.30-09.15` and `05.06.2021` are calendar, never a phone.

_NUMBER_RUN = re.compile(r"(?<![\w+(])[+(]*\d(?:[ \-–./()+]{0,3}\d)*\)?")
_PIECE = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_NOT_DIGIT = re.compile(r"\D")
_TIME = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
_DATE = r"(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./](?:\d{4}|\d{2})"
_CALENDAR = re.compile(rf"(?:{_TIME}|{_DATE})(?:[-–](?:{_TIME}|{_DATE}))?\.?")
# Country codes written without '+' or '00' ("46 70 123 45 67"): the survey's languages and
# where their speakers often have family. Not 20 (Egypt), which starts years.
_COUNTRY_CODE = (
    r"(?:46|45|47|358|387|385|381|382|389|84|963|964|962|961|966|971|98|90|252|291|251|93|44|49|48)[1-9]"
)
# How each can begin: a month after the year; a zero or a country code. Where neither begins,
# no stretch of digits is tried.
_PERSONNUMMER_START = re.compile(r"(?:19|20)?\d\d(?:0[1-9]|1[0-2])")
_PHONE_START = re.compile(rf"0|{_COUNTRY_CODE}")
# The fewest and the most digits a number of a person has: a short phone number, and a phone
# number in full international form.
_FEWEST_DIGITS = 8
_MOST_DIGITS = 15


def _luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        n = int(char) * (2 - index % 2)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _personnummer_kind(digits: str, international: bool) -> str | None:
    """The kind of a personnummer these digits make (10, or 12 with the century), or None."""
    if len(digits) == 12 and digits[:2] in ("19", "20"):
        digits = digits[2:]
    if international or len(digits) != 10:
        return None
    month, day = int(digits[2:4]), int(digits[4:6])
    coordination = 61 <= day <= 91
    if not 1 <= month <= 12 or not (1 <= day <= 31 or coordination):
        return None
    if not _luhn_valid(digits):
        return "personnummer-form"
    return "samordningsnummer" if coordination else "personnummer"


def _phone_kind(digits: str, international: bool) -> str | None:
    """'telefon' when the digits make a phone number: international (+, 00), national (0…) or
    with a country code but no plus."""
    if international or digits.startswith("00"):
        return "telefon" if _FEWEST_DIGITS <= len(digits) <= _MOST_DIGITS else None
    if digits.startswith("0"):
        return "telefon" if len(digits) <= 11 else None
    with_code = 10 <= len(digits) <= 13 and _PHONE_START.match(digits)
    return "telefon" if with_code else None


def _number_segments(text: str) -> Iterator[list[re.Match[str]]]:
    """The pieces of every run of digits, split where a time or a date stands between them."""
    for run in _NUMBER_RUN.finditer(text):
        segment: list[re.Match[str]] = []
        for piece in _PIECE.finditer(text, run.start(), run.end()):
            if _CALENDAR.fullmatch(piece.group()):
                yield segment
                segment = []
            elif _DIGIT.search(piece.group()):
                segment.append(piece)
        yield segment


def _numbers(text: str) -> Iterator[tuple[str, int, int]]:
    """Personnummer and phone numbers. A mobile number also has the shape of a personnummer:
    both are reported."""
    for segment in _number_segments(text):
        yield from _longest_numbers(segment, _personnummer_kind, _PERSONNUMMER_START, (12, 10))
        phone_lengths = range(_MOST_DIGITS + 2, _FEWEST_DIGITS - 1, -1)
        yield from _longest_numbers(segment, _phone_kind, _PHONE_START, phone_lengths)


def _longest_numbers(
    pieces: list[re.Match[str]],
    kind_of: Callable[[str, bool], str | None],
    begins: re.Pattern[str],
    lengths: Iterable[int],
) -> Iterator[tuple[str, int, int]]:
    """From left to right, the longest stretch of pieces whose digits make a number of this kind.

    Only the stretches with as many digits as such a number has are tried, so a run of a
    million spaced digits costs a few tries per digit, not a few dozen."""
    digits = "".join(_NOT_DIGIT.sub("", piece.group()) for piece in pieces)
    ends = list(accumulate(len(_NOT_DIGIT.sub("", piece.group())) for piece in pieces))
    piece_ending_at = {end: index for index, end in enumerate(ends)}
    first = 0
    while first < len(pieces):
        international = pieces[first].group().lstrip("(").startswith("+")
        before = ends[first - 1] if first else 0
        if international or begins.match(digits, before):
            for length in lengths:  # the longest first
                last = piece_ending_at.get(before + length)
                if last is not None and (kind := kind_of(digits[before : before + length], international)):
                    yield kind, pieces[first].start(), pieces[last].end()
                    first = last
                    break
        first += 1


# --- Addresses, mail, places ---------------------------------------------------------------------

# A word, with its combining marks (Arabic shadda and vowel signs): 'عليّ' (on me) is not 'علي' (Ali).
_WORD = r"[^\W\d_][\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670'’-]*"
# Upper-case letters of every script the survey's languages are written in (Latin with Vietnamese
# and Serbo-Croatian letters, Cyrillic): 'Ở' starts a name, 'ở' (at) does not.
_UPPER = "".join(c for c in map(chr, range(0x2000)) if c.isupper())
_CAPITALISED = rf"[{re.escape(_UPPER)}][\w'’-]*"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An address spelled out so that a machine will not read it: 'anna . svensson @ gmail . com',
# 'lisa punkt berg snabel-a telia punkt se', 'lan (at) gmail [dot] com', in the survey's languages.
_AT_WORDS = r"at|snabel-?a|a còng|majmun(?:če)?"
_DOT_WORDS = r"dot|punkt|chấm|tačka|točka"
_AT = rf"(?:\s*[(\[{{<]\s*(?:{_AT_WORDS})\s*[)\]}}>]\s*|\s+(?:{_AT_WORDS})\s+|\s*@\s*)"
_DOT = rf"(?:\s*[(\[{{<]\s*(?:{_DOT_WORDS})\s*[)\]}}>]\s*|\s+(?:{_DOT_WORDS})\s+|\s+\.\s+|\.)"
# Written out, the end must be a real top-level domain: 'at school . It' is not an address.
_DOMAINS = (
    r"se|nu|com|org|net|eu|info|io|me|biz|app|online|ba|hr|rs|me|vn|dk|no|fi|de|uk|co|edu|gov|at|ch|fr|nl|pl"
    r"|tr|ae|sa|iq|sy|jo|lb|eg|ir|so|er|et|af|ru|us|ca"
)
_SPELLED_EMAIL = re.compile(
    rf"[\w+-]+(?:{_DOT}[\w+-]+)*{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:{_DOMAINS})\b", re.IGNORECASE
)
# The lookahead names the first letters the alternatives can start with: the engine then skips
# to those instead of trying every alternative at every position.
_AT_HINT = re.compile(r"(?=[@asm])(?:@|\bat\b|snabel|a còng|majmun)", re.IGNORECASE)
_POSTAL_CODE = re.compile(rf"(?:(?<=SE-)|(?<=S-)|(?<![\d-]))\d{{3}} ?\d{{2}}(?![\d-]) +{_CAPITALISED}")
# Searched backwards from a number, so the pattern runs only where a house number may be.
_HOUSE_NUMBER = re.compile(r"(?<=\s)\d{1,4}(?: ?[A-Za-z])?\b")
_LETTER = re.compile(r"[^\W\d_]")
# A street's name, then up to three more words ('Ulici Maršala Tita 15', 'شارع كارل كروناس 7').
_STREET_NAME = re.compile(
    r"(?:\b[^\W\d_][\w-]*(?:gatan|gata|vägen|väg|gränd|gränden|torget|torg|stigen|allén|allé|backe|backen|"
    r"leden|platsen|plan|street|road|avenue|cesta|cesti)|\bul(?:ic[aieu]|\.)|\btrgu?|شارع|طريق)"
    r"(?:\s+[^\W\d_][\w'’-]*){0,3}\s+$",
    re.IGNORECASE,
)
# The other order: '24 Kings Road', '221B Baker Street', 'số 12 đường Lê Lợi'.
_NUMBER_FIRST_ADDRESS = re.compile(
    r"\b\d{1,4}[A-Za-z]?\s+(?:(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Close"
    rf"|Court|Crescent|Terrace|Gardens|Place|Square|Way|Boulevard)\b|(?:đường|phố|ngõ|hẻm)\s+{_CAPITALISED})"
)
_PLATE = re.compile(r"\b([A-HJ-PR-UW-Z]{3})[ -]?\d{2}[A-HJ-PR-UW-Z0-9]\b", re.IGNORECASE)
_COMPANY_FORMS = r" (?:AB|HB|KB|Ltd|Inc|GmbH)\b"
_COMPANY = re.compile(rf"\b{_CAPITALISED}(?:[ -]{_CAPITALISED})*{_COMPANY_FORMS}")
_COMPANY_FORM = re.compile(_COMPANY_FORMS)
# What a named workplace, school, clinic or place of worship is called, in the survey's languages.
_SWEDISH_INSTITUTIONS = (
    "skola skolan gymnasium gymnasiet förskola förskolan högskola högskolan universitet universitetet "
    "sjukhus sjukhuset lasarett lasarettet vårdcentral vårdcentralen hälsocentral hälsocentralen "
    "kyrka kyrkan moské moskén församling församlingen förening föreningen klubb klubben "
    "bibliotek biblioteket polisstation polisstationen tandvård tandvården folktandvården "
    "äldreboende äldreboendet vårdboende vårdboendet gruppboende gruppboendet fritidsgård fritidsgården "
    "mottagning mottagningen klinik kliniken simhall simhallen familjecentral familjecentralen"
).split()
_INSTITUTIONS = frozenset(
    _SWEDISH_INSTITUTIONS
    + "school hospital church mosque library clinic university college kindergarten preschool academy".split()
    + ["health centre", "health center", "medical centre", "police station", "nursing home", "care home"]
    + [
        f"{stem}{ending}"
        for stem in ("škol", "gimnazij", "bolnic", "ambulant", "džamij", "crkv")
        for ending in "aeiu"
    ]
    + [f"{stem}{ending}" for stem in ("bibliotek", "knjižnic", "apotek", "ljekarn") for ending in "aeiu"]
    + ["vrtić", "vrtića", "vrtiću", "fakultet", "fakulteta", "fakultetu", "dom zdravlja"]
    + ["trường", "trường học", "bệnh viện", "phòng khám", "trạm y tế", "nhà thờ", "thư viện"]
    + ["đồn cảnh sát", "nhà trẻ", "trường mầm non", "công ty", "nhà dưỡng lão", "trung tâm y tế"]
)
# The longest first, so that 'trường học' wins over 'trường'.
_INSTITUTION_WORDS = "|".join(re.escape(word) for word in sorted(_INSTITUTIONS, key=len, reverse=True))
# 'Rosengårdsskolan': a capitalised word that ends in one of them.
_CAPITALISED_WORD = re.compile(rf"\b{_CAPITALISED}")
_INSTITUTION_ENDINGS = tuple(_SWEDISH_INSTITUTIONS)
# 'Helsingborgs lasarett', 'Oakwood Primary School': named, then what it is.
_NAMED_INSTITUTION = re.compile(rf"\b{_CAPITALISED}(?:[ -]{_CAPITALISED}){{0,3}} (?i:{_INSTITUTION_WORDS})\b")
# Arabic writes no capitals: 'مستشفى هلسنبوري' (the hospital of Helsingborg) is an institution,
# without the article, followed by a word that is not an everyday Arabic word. With the article
# ('في المستشفى عاملوني', at the hospital they treated me) what follows is a new phrase.
_ARABIC_INSTITUTION = re.compile(
    rf"(?<!\w)(?=[وفبلكمرعص])[وفبلك]?(?:مستشفى|مدرسة|مسجد|كنيسة|مكتبة|روضة|عيادة|صيدلية|مركز)\s+({_WORD})"
)


def _patterns(text: str, language: str) -> Iterator[tuple[str, int, int]]:
    """Every pattern's matches. A pattern runs only where what it cannot match without is in the
    text (a digit, an '@', a company form): scanning a story for each of them costs more than
    looking once."""
    searches: list[tuple[str, re.Pattern[str]]] = []
    if _DIGIT.search(text):
        yield from _numbers(text)
        yield from _streets(text)
        yield from _plates(text, language)
        searches += [("postnummer", _POSTAL_CODE), ("adress", _NUMBER_FIRST_ADDRESS)]
    if "@" in text:
        searches.append(("e-post", _EMAIL))
    if _COMPANY_FORM.search(text):
        searches.append(("arbetsplats", _COMPANY))
    for kind, pattern in searches:
        for match in pattern.finditer(text):
            yield kind, *match.span()
    yield from _spelled_emails(text)
    yield from _workplaces(text)
    yield from _institutions(text, language)


def _spelled_emails(text: str) -> Iterator[tuple[str, int, int]]:
    """'anna (at) exempel punkt se', looked for only around an '@' or a word for it."""
    for hint in _AT_HINT.finditer(text):
        offset = max(0, hint.start() - 64)
        for match in _SPELLED_EMAIL.finditer(text[offset : hint.end() + 96]):
            yield "e-post", offset + match.start(), offset + match.end()


def _streets(text: str) -> Iterator[tuple[str, int, int]]:
    """'Storgatan 14': a house number after a word that ends like a street's name."""
    for number in _HOUSE_NUMBER.finditer(text):
        offset = max(0, number.start() - 64)
        before = text[offset : number.start()]
        street = _STREET_NAME.search(before) if _LETTER.search(before) else None
        if street:
            yield "adress", offset + street.start(), number.end()


def _plates(text: str, language: str) -> Iterator[tuple[str, int, int]]:
    """'ABC 123', also 'abc123' when its letters are no everyday word ('och 100' is not a car)."""
    for match in _PLATE.finditer(text):
        letters = match[1]
        if letters.isupper() or letters.lower() not in _known_words(language):
            yield "registreringsnummer", *match.span()


def _workplaces(text: str) -> Iterator[tuple[str, int, int]]:
    """A known chain or employer followed by a capitalised place: 'Ikea Svågertorp'."""
    for match in _chains().finditer(text):
        yield "arbetsplats", *match.span()


@cache
def _chains() -> re.Pattern[str]:
    names = sorted(_word_file("workplaces.txt"), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(name) for name in names)}) {_CAPITALISED}")


def _institution_before(text: str, end: int) -> int | None:
    """Where an institution's word ('förskolan', 'bệnh viện') of up to three words ends just
    before a name: 'förskolan Solrosen', 'školu Tågaborg'. Looked for backwards from each
    capitalised word, which are few, instead of at every letter."""
    words = text[max(0, end - 32) : end].lower().split(" ")
    if len(words) < 2 or words[-1]:
        return None  # no single space before the name
    for count in (3, 2, 1):
        phrase = " ".join(words[-1 - count : -1])
        if len(words) > count and phrase in _INSTITUTIONS:
            return end - len(phrase) - 1
    return None


def _institutions(text: str, language: str) -> Iterator[tuple[str, int, int]]:
    """A school, clinic, hospital or place of worship with its name: 'Tågaborgsskolan',
    'Helsingborgs lasarett', 'förskolan Solrosen', 'مستشفى هلسنبوري'. What it is alone
    ('på vårdcentralen', 'Min skola', 'Förskolan ringde') is no one's workplace."""
    known = _known_words(language)
    common = _commonest_words(language, 1000)
    sentence_starts = _sentence_starts(text)
    for match in _CAPITALISED_WORD.finditer(text):
        word = match.group()
        lower = word.lower()
        if lower.endswith(_INSTITUTION_ENDINGS) and lower not in known:
            yield "arbetsplats", *match.span()
        before = _institution_before(text, match.start())
        if before is not None and len(word) > 1 and lower not in common:
            yield "arbetsplats", before, match.end()
    for match in _NAMED_INSTITUTION.finditer(text):
        first = match.group().split(" ", 1)[0]
        if match.start() not in sentence_starts or not _is_everyday(first, known):
            yield "arbetsplats", *match.span()
    for match in _ARABIC_INSTITUTION.finditer(text):
        if match[1] not in known:
            yield "arbetsplats", *match.span()


# --- Names ---------------------------------------------------------------------------------------

_TOKEN = re.compile(_WORD)
# Both end where the next word starts: a word there follows a cue, or starts a sentence.
_CUES = re.compile(
    r"(?=[hkncztiاتيôbaemd])(?:\b(?:he(?:ter|tte)|kall(?:as|ades|ad)|namn(?:et| är)|name(?:d| is| was)|called"
    r"|zov(?:e|em) se|zva(?:o|la) se|ime mi je|tên(?: \w+){0,2} là|mrs?|ms|dr|ông|bà|anh|chị|cô|chú|thầy|em)|اسم(?:ه|ها|ي)|[يت]دعى)\s+",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?…؟:;\n])[\"'”»«“(\[–—-]*\s*")
# Word lists by story language; bs, hr and sr share one (Serbo-Croatian), as wordfreq has it.
_WORDLIST_LANGUAGE = {"sv": "sv", "en": "en", "ar": "ar", "vi": "vi", "bs": "sh", "hr": "sh", "sr": "sh"}
# Languages where nearly every name is also an everyday syllable ('Lan', 'Hoa', 'Minh bạch').
_SYLLABIC = frozenset({"vi"})


@cache
def _word_file(name: str) -> frozenset[str]:
    text = resources.files("generator.privacy.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(
        unicodedata.normalize("NFC", line.strip())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def _names() -> frozenset[str]:
    return _word_file("first_names.txt") | _word_file("surnames.txt")


@cache
def _folded_names() -> frozenset[str]:
    """The names in lower case, for names written in lower case or in CAPITALS."""
    return frozenset(name.casefold() for name in _names())


@cache
def _folded_names_and_genitives() -> frozenset[str]:
    """The names in lower case and their genitives: one look-up for most words of a story."""
    return _folded_names() | {name + genitive for name in _folded_names() for genitive in _GENITIVES}


@cache
def _places() -> frozenset[str]:
    """Places around Helsingborg, lower case: a place alone points at no one."""
    return frozenset(place.casefold() for place in _word_file("places.txt"))


@cache
def _known_words(language: str) -> frozenset[str]:
    """Everyday words of a language and of Swedish, lower case, from wordfreq's small lists, and
    the places of the city."""
    from wordfreq import iter_wordlist

    languages = {"sv", _WORDLIST_LANGUAGE.get(language, "sv")}
    words = (word for code in sorted(languages) for word in iter_wordlist(code, "small"))
    return frozenset(words) | _places()


@cache
def _commonest_words(language: str, count: int = 100) -> frozenset[str]:
    """The commonest words of a language: a listed name that is one of them ('Ali' is 'but' in
    Bosnian) says nothing when it merely starts a sentence."""
    from wordfreq import top_n_list

    return frozenset(top_n_list(_WORDLIST_LANGUAGE.get(language, "sv"), count))


# Endings a place takes in the survey's languages: 'Helsingborgs', 'u Helsingborgu', 'iz Malmöa'.
_PLACE_ENDINGS = ("s", "u", "a", "om", "e")


def _is_place(lower: str) -> bool:
    """A place of the city, also with a case ending."""
    places = _places()
    return lower in places or any(
        lower.endswith(ending) and lower[: -len(ending)] in places for ending in _PLACE_ENDINGS
    )


def _is_everyday(word: str, known: frozenset[str]) -> bool:
    """An everyday word ('Min' in 'Min skola'), but not a place ('Helsingborgs lasarett')."""
    lower = word.lower()
    return lower in known and not _is_place(lower)


def _is_word_more_than_name(word: str, language: str) -> bool:
    """A listed name or its genitive (lower case) that is more often an everyday word: 'per dag',
    'Grace is…', 'class' (not Clas's), 'hans' (his, not Han's)."""
    return (
        word in _word_file("name_homonyms.txt")
        or word in _commonest_words(language)
        or (language in _SYLLABIC and word in _known_words(language))
    )


def _is_uncapitalised_name(word: str, language: str) -> bool:
    """A listed name written in lower case or in CAPITALS that is not more often a word."""
    lower = word.lower()
    name = _listed(lower, _folded_names()) if lower in _folded_names_and_genitives() else None
    return name is not None and not (
        _is_word_more_than_name(name, language) or _is_word_more_than_name(lower, language)
    )


_GENITIVES = ("s", "'s", "’s", "s'")


def _listed(token: str, names: frozenset[str]) -> str | None:
    """The listed name this word is, also in the genitive ('Annas'), or None."""
    if token in names:
        return token
    for genitive in _GENITIVES:
        if token.endswith(genitive) and token[: -len(genitive)] in names:
            return token[: -len(genitive)]
    return None


def _is_capitalised(token: str) -> bool:
    """Written like a name: an upper-case first letter, no digits, not an acronym or a code."""
    return (
        token[0].isupper()
        and not token.isupper()
        and sum(map(str.isupper, token)) <= 2
        and not any(map(str.isdigit, token))
    )


def _sentence_starts(text: str) -> set[int]:
    return {match.end() for match in _SENTENCE_START.finditer(text)}


def _name_tokens(text: str, language: str) -> Iterator[tuple[int, int]]:
    """Spans of words that may be names: listed names in any case, words after 'heter', unknown
    capitals."""
    known = _known_words(language)
    folded_and_genitives = _folded_names_and_genitives()
    after_cue = {match.end() for match in _CUES.finditer(text)}
    sentence_starts = _sentence_starts(text)
    for match in _TOKEN.finditer(text):
        start = match.start()  # a letter: stripping below leaves it first
        cued = start in after_cue
        token = match.group().strip("'’-")
        if text[start].islower() and not cued:
            # Most words: lower case, no cue before them. Only a listed name can be one here.
            if token in folded_and_genitives and _is_uncapitalised_name(token, language):
                yield match.start(), match.end()
            continue
        lower = token.lower()
        caseless = not text[start].isupper() and not text[start].islower()  # Arabic
        if token.isupper() and len(token) > 1:
            listed = _is_uncapitalised_name(token, language)
        elif text[start].islower():
            # Only after a cue ('heter ahmed', 'my name is maria'): a listed name in lower case is a
            # name there, unless it is more often an everyday word ('namnet ville inte komma').
            name = _listed(lower, _folded_names())
            listed = name is not None and not _is_word_more_than_name(name, language)
        else:
            # Without capitals, a word's place says nothing; with them, a capital that only
            # starts a sentence does not make 'Per dag' a name.
            name = _listed(token, _names())
            listed = name is not None and not (
                (caseless or start in sentence_starts) and _is_word_more_than_name(name.lower(), language)
            )
        capitalised = _is_capitalised(token)
        shaped_like_name = capitalised or token.isupper() or caseless
        cued = cued and (shaped_like_name or lower not in known) and lower not in _commonest_words(language)
        unknown_capital = (
            capitalised
            and start not in sentence_starts
            and lower not in known
            and lower.rstrip("s") not in known
            and not _is_place(lower)
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
    found = dict.fromkeys(_patterns(normal, language))
    for start, end in _joined(_name_tokens(normal, language), normal):
        found[("namn", start, end)] = None
    return sorted(found, key=lambda key: (key[1], key[2], key[0]))


def is_listed_name(word: str) -> bool:
    """True for a word of the name lists written in any case ('göran', 'GÖRAN'), genitives too."""
    return word.casefold() in _folded_names_and_genitives()


def screen(text: str, language: str, story_id: str) -> list[Flag]:
    """Return every flag in one text, in reading order, each match masked and coded."""
    normal = normalise(text)
    flags = []
    line, counted_to = 1, 0  # lines counted as the flags go, not from the start for each
    for kind, start, end in find_spans(normal, language):
        line += normal.count("\n", counted_to, start)
        counted_to = start
        matched = normal[start:end]
        flags.append(Flag(kind, line, mask(matched), flag_code(story_id, kind, matched)))
    return flags
