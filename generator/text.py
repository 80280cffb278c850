"""Clean untrusted text into safe Unicode and paragraphs, noting the odd characters it held."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Invisible characters that can hide or reorder text: kept (some scripts need them) but flagged.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# C0/C1 controls other than tab and newline carry no meaning in a story and can break parsers
# (Python-Markdown uses \x02 and \x03 as its own placeholders): removed and flagged.
_BIDI = re.compile(f"[{''.join(sorted(_BIDI_CONTROLS))}]")
_ZERO = re.compile(f"[{''.join(sorted(_ZERO_WIDTH))}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True)
class OddCharacters:
    """How many characters of each odd kind a text held, and the first line where one was."""

    kind: str
    count: int
    first_line: int


@dataclass(frozen=True)
class CleanText:
    """Text made safe to hold and show, with the odd characters found in the original."""

    text: str
    odd: tuple[OddCharacters, ...]


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _find(text: str, kind: str, positions: list[int]) -> list[OddCharacters]:
    if not positions:
        return []
    return [OddCharacters(kind, len(positions), _line_of(text, positions[0]))]


def clean_text(raw: str) -> CleanText:
    """Normalise line ends and Unicode (NFC), remove control characters and lone surrogates.

    Nothing is interpreted: the result is still plain text, only without the bytes that make
    parsers, terminals or screen readers misbehave. What was removed or looks odd is reported.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    odd: list[OddCharacters] = []
    odd += _find(text, "kontrolltecken (borttagna)", [m.start() for m in _CONTROL.finditer(text)])
    odd += _find(text, "trasiga tecken (ersatta med �)", [m.start() for m in _SURROGATE.finditer(text)])
    odd += _find(text, "osynliga riktningstecken", [m.start() for m in _BIDI.finditer(text)])
    odd += _find(text, "osynliga tecken med noll bredd", [m.start() for m in _ZERO.finditer(text)])
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    return CleanText(unicodedata.normalize("NFC", text), tuple(odd))


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Split plain text at blank lines; each paragraph keeps its single line breaks."""
    paragraphs = (p.strip("\n") for p in _BLANK_LINES.split(text.strip()))
    return tuple("\n".join(line.rstrip() for line in p.split("\n")) for p in paragraphs if p.strip())


# Abbreviations whose full stop does not end a sentence (Swedish first, then the other languages').
_ABBREVIATIONS = frozenset(
    "t.ex bl.a osv dvs d.v.s m.m m.fl fr.o.m t.o.m p.g.a pga ca kl nr st resp jfr inkl exkl tel "
    "e.g i.e etc mr mrs ms dr vs tj npr itd".split()
)
# A sentence ends at . ! ? … (and Arabic ؟) followed by space; the next must not start in lower case.
_SENTENCE_END = re.compile(r"(?<=[.!?…؟])[\"'”»)]*\s+(?=\S)")


def _ends_with_abbreviation(text: str) -> bool:
    last = text.rsplit(maxsplit=1)[-1].rstrip(".").lower() if text.strip() else ""
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def split_sentences(line: str) -> tuple[str, ...]:
    """Split one line of text into sentences, for reading aloud and for following along.

    Errs on the side of longer sentences: a missed split only makes a highlight longer,
    a wrong one cuts a sentence in half.
    """
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        candidate = line[start : match.start()]
        following = line[match.end() : match.end() + 1]
        if following.islower() or _ends_with_abbreviation(candidate):
            continue
        sentences.append(line[start : match.end()].strip())
        start = match.end()
    rest = line[start:].strip()
    return (*sentences, rest) if rest else tuple(sentences)


def layout_sentences(paragraphs: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Return each paragraph as lines, each line as sentences: the shape a story is shown in."""
    return tuple(tuple(split_sentences(line) for line in p.split("\n")) for p in paragraphs)


# A card's teaser: the first sentence, and the second too when the first is this short, cut at a
# word to at most TEASER_MAX characters. Words read in a minute, for a story's reading time.
TEASER_MAX = 180
TEASER_SHORT = 70
WORDS_A_MINUTE = 200
_ELLIPSIS = "…"


def _cut_at_word(text: str, limit: int) -> str:
    """At most `limit` characters of text and an ellipsis, cut at the last space that fits (or, in
    one word longer than the limit, between two letters, never before a combining mark)."""
    head = text[: limit + 1]
    space = head.rstrip().rfind(" ")
    if space > 0:
        head = head[:space]
    else:
        head = text[:limit]
        while head and unicodedata.combining(text[len(head)]):
            head = head[:-1]
    return head.rstrip(" ,;:،–-") + _ELLIPSIS


def _sentences(paragraphs: tuple[str, ...]) -> list[str]:
    return [s for p in paragraphs for line in p.split("\n") for s in split_sentences(line)]


def teaser(paragraphs: tuple[str, ...], limit: int = TEASER_MAX) -> str:
    """The beginning of a story for its card in a list: whole sentences where they fit, so a
    reader gets the teller's voice; cut at a word with "…" where they do not. Plain text."""
    sentences = _sentences(paragraphs)
    if not sentences:
        return ""
    shown = sentences[0]
    if len(shown) < TEASER_SHORT and len(sentences) > 1:
        shown = f"{shown} {sentences[1]}"
    return shown if len(shown) <= limit else _cut_at_word(shown, limit)


def reading_minutes(paragraphs: tuple[str, ...]) -> int:
    """About how many minutes a story takes to read, at least one."""
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    return max(1, -(-words // WORDS_A_MINUTE))


# A printed excerpt (generator/site/packs.py): whole sentences from the start, up to this many characters.
EXCERPT_MAX = 320


def excerpt(paragraphs: tuple[str, ...], limit: int = EXCERPT_MAX) -> str:
    """The opening of a story for a printed page: as many whole sentences as fit in `limit`, read
    on paper as the teller wrote them; "…" says that the story goes on. A first sentence longer
    than the limit is cut at a word. Plain text."""
    sentences = _sentences(paragraphs)
    shown = ""
    for sentence in sentences:
        longer = f"{shown} {sentence}".strip()
        if len(longer) > limit:
            return f"{shown} {_ELLIPSIS}" if shown else _cut_at_word(sentence, limit)
        shown = longer
    return shown
