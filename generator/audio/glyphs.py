"""How wide a TrueType font draws a line of text, read from the font's own tables.

The film (film.py) draws each sentence in large type with ffmpeg, which does not wrap lines: the
lines are broken here, so they must be measured in the font that draws them. Only the tables
that say which glyph a character has (`cmap`) and how far each glyph advances (`hmtx`) are read;
kerning and Arabic joining make a line a little narrower than the sum, never wider, so a line
measured to fit does fit.
"""

from __future__ import annotations

import struct
import unicodedata
from dataclasses import dataclass

# The cmap subtables that map Unicode's Basic Multilingual Plane: Windows' and Unicode's own.
_UNICODE_BMP = ((3, 1), (0, 3))


class FontError(ValueError):
    """The font file is not a TrueType font this module can read."""


@dataclass(frozen=True)
class GlyphWidths:
    """Each character the font has, with its advance in ems."""

    advances: dict[str, float]

    def has(self, character: str) -> bool:
        """Whether the font draws this character; invisible format characters need no glyph."""
        return character in self.advances or unicodedata.category(character) == "Cf"

    def width(self, text: str, size: float) -> float:
        """The width of a line in pixels at this font size; a character the font lacks as 1 em."""
        return size * sum(self._advance(character) for character in text)

    def _advance(self, character: str) -> float:
        if unicodedata.category(character) == "Cf":
            return 0.0
        return self.advances.get(character, 1.0)


def _tables(font: bytes) -> dict[bytes, int]:
    """The offset of each table in the font, by its tag."""
    (count,) = struct.unpack_from(">H", font, 4)
    return {
        font[12 + 16 * n : 16 + 16 * n]: struct.unpack_from(">I", font, 20 + 16 * n)[0] for n in range(count)
    }


def _bmp_subtable(font: bytes, cmap: int) -> int:
    """The offset of the cmap subtable that maps the Basic Multilingual Plane (format 4)."""
    (count,) = struct.unpack_from(">H", font, cmap + 2)
    records = {
        (int(platform), int(encoding)): cmap + int(offset)
        for platform, encoding, offset in (
            struct.unpack_from(">HHI", font, cmap + 4 + 8 * n) for n in range(count)
        )
    }
    for wanted in _UNICODE_BMP:
        if wanted in records and struct.unpack_from(">H", font, records[wanted])[0] == 4:
            return records[wanted]
    raise FontError("typsnittet saknar en teckentabell för Unicode (cmap, format 4)")


def _glyphs(font: bytes, subtable: int) -> dict[int, int]:
    """Each code point's glyph number, from a format 4 subtable's segments."""
    (doubled,) = struct.unpack_from(">H", font, subtable + 6)
    segments = doubled // 2
    ends = subtable + 14
    starts = ends + doubled + 2
    deltas = starts + doubled
    range_offsets = deltas + doubled
    glyphs: dict[int, int] = {}
    for n in range(segments):
        end, start = (struct.unpack_from(">H", font, at + 2 * n)[0] for at in (ends, starts))
        (delta,) = struct.unpack_from(">h", font, deltas + 2 * n)
        offset_at = range_offsets + 2 * n
        (range_offset,) = struct.unpack_from(">H", font, offset_at)
        for code in range(start, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", font, offset_at + range_offset + 2 * (code - start))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


def read_widths(font: bytes) -> GlyphWidths:
    """Read a TrueType font's characters and their advances; raise FontError if it cannot."""
    try:
        tables = _tables(font)
        (units_per_em,) = struct.unpack_from(">H", font, tables[b"head"] + 18)
        (metrics,) = struct.unpack_from(">H", font, tables[b"hhea"] + 34)
        advances = [struct.unpack_from(">H", font, tables[b"hmtx"] + 4 * n)[0] for n in range(metrics)]
        glyphs = _glyphs(font, _bmp_subtable(font, tables[b"cmap"]))
    except (KeyError, struct.error) as error:
        raise FontError(f"typsnittet går inte att läsa ({error})") from None
    return GlyphWidths(
        {chr(code): advances[min(glyph, metrics - 1)] / units_per_em for code, glyph in glyphs.items()}
    )
