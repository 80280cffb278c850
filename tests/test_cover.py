from __future__ import annotations

import io
import struct

from PIL import Image

from generator.audio.cover import PAPER, PURPLE, cover_png


def png_header(data: bytes) -> tuple[int, int, int, int]:
    """Width, height, bit depth and colour type, read from the PNG's signature and IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


def test_the_cover_is_a_square_rgb_png_of_the_size_podcast_directories_require() -> None:
    width, height, depth, colour = png_header(cover_png())
    assert width == height
    assert 1400 <= width <= 3000
    assert (depth, colour) == (8, 2)  # 8 bits per channel, RGB: Apple refuses other colour spaces


def test_the_cover_decodes_whole_in_the_sites_colours() -> None:
    with Image.open(io.BytesIO(cover_png())) as image:
        image.load()
        assert image.mode == "RGB"
        side = image.width
        assert image.getpixel((0, 0)) == tuple(PURPLE)
        assert image.getpixel((side - 1, side - 1)) == tuple(PURPLE)
        assert image.getpixel((side // 2, side // 4)) == tuple(PAPER)  # the speech bubble
        assert {colour for _, colour in image.getcolors() or []} == {tuple(PURPLE), tuple(PAPER)}


def test_the_cover_is_the_same_bytes_every_time_and_small() -> None:
    assert cover_png.__wrapped__() == cover_png.__wrapped__()
    assert len(cover_png()) < 100_000
