"""The podcast's cover art: a square PNG drawn here, in the site's colours, the same bytes every build.

Podcast directories require a square image of 1400 to 3000 pixels. It is drawn from a few flat
shapes (a speech bubble with three lines of text on the city's purple), row by row, and written
with zlib and struct: no imaging library, nothing downloaded, nothing to keep in the repository.
"""

from __future__ import annotations

import math
import struct
import zlib
from dataclasses import dataclass
from functools import cache

SIDE = 1400
PURPLE = bytes((0x71, 0x20, 0x82))  # --hbg-purple in docs/stylesheets/extra.css
PAPER = bytes((0xFB, 0xF7, 0xF2))  # --hbg-paper


@dataclass(frozen=True)
class Box:
    """A rectangle with rounded corners (a pill when the radius is half its height)."""

    left: int
    top: int
    right: int
    bottom: int
    radius: int

    def span(self, row: int) -> tuple[int, int] | None:
        """The columns the box covers on a row, measured at the row's middle; None outside it."""
        if not self.top <= row < self.bottom:
            return None
        middle = row + 0.5
        into_corner = max(self.top + self.radius - middle, middle - (self.bottom - self.radius), 0.0)
        inset = self.radius - math.sqrt(max(0.0, self.radius**2 - into_corner**2))
        return round(self.left + inset), round(self.right - inset)


@dataclass(frozen=True)
class Tail:
    """The bubble's tail: a triangle from a top edge down to its tip."""

    left: int
    right: int
    top: int
    tip_x: int
    tip_y: int

    def span(self, row: int) -> tuple[int, int] | None:
        """The columns the tail covers on a row; None outside it."""
        if not self.top <= row < self.tip_y:
            return None
        along = (row + 0.5 - self.top) / (self.tip_y - self.top)
        return (
            round(self.left + (self.tip_x - self.left) * along),
            round(self.right + (self.tip_x - self.right) * along),
        )


# Painted in this order over the purple: the bubble, its tail, then the lines of text on it.
SHAPES: tuple[tuple[Box | Tail, bytes], ...] = (
    (Box(180, 220, 1220, 960, 140), PAPER),
    (Tail(360, 620, 940, 300, 1200), PAPER),
    (Box(330, 400, 1070, 490, 45), PURPLE),
    (Box(330, 560, 1070, 650, 45), PURPLE),
    (Box(330, 720, 820, 810, 45), PURPLE),
)


def _row(y: int) -> bytes:
    """One row of RGB pixels."""
    pixels = bytearray(PURPLE * SIDE)
    for shape, colour in SHAPES:
        span = shape.span(y)
        if span:
            start, end = span
            pixels[start * 3 : end * 3] = colour * (end - start)
    return bytes(pixels)


def _chunk(kind: bytes, data: bytes) -> bytes:
    """A PNG chunk: its length, its kind, its data and their checksum."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@cache
def cover_png() -> bytes:
    """The cover as a PNG file: 8-bit RGB, SIDE pixels square, each row unfiltered."""
    header = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 2, 0, 0, 0)
    pixels = b"".join(b"\0" + _row(y) for y in range(SIDE))
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(pixels, 9))
        + _chunk(b"IEND", b"")
    )
