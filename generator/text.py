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
    odd += _find(text, "osynliga riktningstecken", [i for i, c in enumerate(text) if c in _BIDI_CONTROLS])
    odd += _find(text, "osynliga tecken med noll bredd", [i for i, c in enumerate(text) if c in _ZERO_WIDTH])
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))
    return CleanText(unicodedata.normalize("NFC", text), tuple(odd))


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Split plain text at blank lines; each paragraph keeps its single line breaks."""
    paragraphs = (p.strip("\n") for p in _BLANK_LINES.split(text.strip()))
    return tuple("\n".join(line.rstrip() for line in p.split("\n")) for p in paragraphs if p.strip())
