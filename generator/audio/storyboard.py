"""What the film of a reading shows, and when: each sentence in large type while it is read,
wrapped to fit the frame, the content warning as it opens and the site's address as it ends.

The film keeps the reading's own timeline, so the reading's WebVTT file is its captions track
as it is: the warning and the address are drawn in bands above and below the sentence rather
than on slides of their own, which would shift every sentence after them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.audio.glyphs import GlyphWidths
from generator.model import Cue

# The frame, in pixels: 720p, sharp on a phone and small when nothing moves.
FRAME_WIDTH = 1280
FRAME_HEIGHT = 720
# Each line takes at most this many times its font size: DejaVu's own line (1.17 em) and a gap.
LINE_GAP = 0.2
LINE_HEIGHT = 1.4
# The warning stays at least this long, however short the title; the address is there this long.
WARNING_SECONDS = 6.0
ADDRESS_SECONDS = 6.0


@dataclass(frozen=True)
class Box:
    """A part of the frame text is centred in, and the font sizes to try there, largest first."""

    x: int
    y: int
    width: int
    height: int
    sizes: tuple[int, ...]

    def lines_at(self, size: int) -> int:
        """How many lines of this size fit the box's height."""
        return max(1, int(self.height // (size * LINE_HEIGHT)))


SENTENCE_BOX = Box(80, 130, FRAME_WIDTH - 160, 460, (60, 52, 44, 38, 32))
TOP_BAND = Box(80, 20, FRAME_WIDTH - 160, 100, (34, 30, 26))
BOTTOM_BAND = Box(80, 610, FRAME_WIDTH - 160, 90, (34, 30, 26))

# What each kind of text is drawn in: the title bold, the rest regular.
BOLD_KINDS = frozenset({"title"})


@dataclass(frozen=True)
class Caption:
    """One text on the frame from `start` to `end` seconds: its lines, its font size and place."""

    start: float
    end: float
    kind: str
    lines: tuple[str, ...]
    size: int
    box: Box


@dataclass(frozen=True)
class Fonts:
    """The widths of the two fonts the film is drawn in."""

    regular: GlyphWidths
    bold: GlyphWidths

    def of(self, kind: str) -> GlyphWidths:
        return self.bold if kind in BOLD_KINDS else self.regular


def _split_word(word: str, widths: GlyphWidths, size: int, width: float) -> list[str]:
    """A word wider than the line, in pieces that each fit, never cut before a combining mark."""
    pieces, piece, used = [], "", 0.0
    for character in word:
        advance = widths.width(character, size)
        if piece and used + advance > width and not unicodedata.combining(character):
            pieces.append(piece)
            piece, used = "", 0.0
        piece, used = piece + character, used + advance
    return [*pieces, piece] if piece else pieces


def wrap(text: str, widths: GlyphWidths, size: int, width: float) -> list[str]:
    """The text in lines no wider than `width` at this size, broken between words where it can."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and widths.width(joined, size) <= width:
            lines[-1] = joined
        elif widths.width(word, size) <= width:
            lines.append(word)
        else:
            lines.extend(_split_word(word, widths, size, width))
    return lines


def fit(text: str, widths: GlyphWidths, box: Box) -> tuple[int, list[tuple[str, ...]]]:
    """The largest size at which the text fits the box, and its lines in pages: one page,
    unless the text is too long for the box even at the smallest size."""
    for size in box.sizes:
        lines = wrap(text, widths, size, box.width)
        if len(lines) <= box.lines_at(size):
            return size, [tuple(lines)]
    size = box.sizes[-1]
    lines = wrap(text, widths, size, box.width)
    per_page = box.lines_at(size)
    return size, [tuple(lines[n : n + per_page]) for n in range(0, len(lines), per_page)]


def _paged(text: str, start: float, end: float, kind: str, box: Box, fonts: Fonts) -> list[Caption]:
    """A text shown from start to end: on one page, or on pages that share the time by length."""
    if end <= start or not text.split():
        return []
    size, pages = fit(text, fonts.of(kind), box)
    total = sum(len("".join(page)) for page in pages)
    captions, shown = [], 0
    for page in pages:
        page_start = start + (end - start) * shown / total
        shown += len("".join(page))
        captions.append(
            Caption(
                round(page_start, 3), round(start + (end - start) * shown / total, 3), kind, page, size, box
            )
        )
    return captions


def storyboard(
    cues: Sequence[Cue], duration: float, warning: str, address: str, fonts: Fonts
) -> tuple[Caption, ...]:
    """Every text of the film: the title (the first cue) and each sentence while it is read, the
    last until the film ends; the warning, if any, as it opens; the address, if any, as it ends."""
    captions: list[Caption] = []
    for n, cue in enumerate(cues):
        end = duration if n == len(cues) - 1 else cues[n + 1].start
        captions += _paged(
            cue.text, cue.start, min(end, duration), "title" if n == 0 else "sentence", SENTENCE_BOX, fonts
        )
    if warning:
        shown_until = min(duration, max(WARNING_SECONDS, cues[0].end if cues else 0.0))
        captions += _paged(warning, 0.0, shown_until, "warning", TOP_BAND, fonts)
    if address:
        captions += _paged(
            address, max(0.0, duration - ADDRESS_SECONDS), duration, "address", BOTTOM_BAND, fonts
        )
    return tuple(captions)


def undrawable(captions: Iterable[Caption], fonts: Fonts) -> list[str]:
    """The characters the fonts have no glyph for, which the film would draw as empty boxes."""
    return sorted(
        {
            character
            for caption in captions
            for line in caption.lines
            for character in line
            if not character.isspace() and not fonts.of(caption.kind).has(character)
        }
    )
