"""Check that MP3 data is whole and playable, and tag it with ID3v2.3, without reading files.

A story's reading is only published when its MP3 can be played to the end: a failed or cut
download, an HTML error page saved as `.mp3`, or stray bytes must be caught before a listener
meets them. The check walks every MPEG audio frame once, so it is linear in the data's size.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Mp3Info:
    """What a listener gets from the data: its length, and the first audio frame's format."""

    frames: int
    duration: float
    sample_rate: int
    bitrate_kbps: int
    channels: int


class Mp3Error(ValueError):
    """The data is not a playable MP3: empty, truncated, or not MPEG audio."""


@dataclass(frozen=True)
class _Frame:
    """One MPEG audio frame header, decoded into what the walk and the totals need."""

    mpeg1: bool
    layer: int
    bitrate_kbps: int
    sample_rate: int
    channels: int
    length: int
    samples: int


_ID3V2_HEADER = 10
_ID3V1_LENGTH = 128

# Version bits of the header: 0b01 is reserved. MPEG 2.5 is an unofficial extension for low rates.
_MPEG1, _MPEG2, _MPEG25 = 0b11, 0b10, 0b00
_SAMPLE_RATES = {
    _MPEG1: (44100, 48000, 32000),
    _MPEG2: (22050, 24000, 16000),
    _MPEG25: (11025, 12000, 8000),
}
# Bitrates in kbit/s by bitrate index; index 0 ("free") and 15 (reserved) are not playable here.
_BITRATES_MPEG1 = {
    1: (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    2: (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
}
_BITRATES_MPEG2_LAYER1 = (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256)
_BITRATES_MPEG2_LAYER23 = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_MONO = 0b11

# Encoders may put a frame of metadata first ("Xing"/"Info" by LAME, "VBRI" by Fraunhofer); it
# holds no audio, so counting it would add a frame's length to the duration.
_XING_TAGS = (b"Xing", b"Info")
_VBRI_OFFSET = 4 + 32

_FRAME_ID = re.compile(r"[A-Z0-9]{4}")
_TXXX_PREFIX = "TXXX:"
_UTF16_WITH_BOM = b"\x01"
_BOM = b"\xff\xfe"
_UTF16_TERMINATOR = b"\x00\x00"
_COMMENT_LANGUAGE = b"swe"
_SYNCSAFE_LIMIT = 1 << 28


def _bitrate_kbps(version: int, layer: int, index: int) -> int:
    if version == _MPEG1:
        return _BITRATES_MPEG1[layer][index]
    return (_BITRATES_MPEG2_LAYER1 if layer == 1 else _BITRATES_MPEG2_LAYER23)[index]


def _samples_per_frame(mpeg1: bool, layer: int) -> int:
    if layer == 1:
        return 384
    # Layer III halves its frames in MPEG 2 and 2.5 (one granule instead of two); Layer II does not.
    return 576 if layer == 3 and not mpeg1 else 1152


def _frame_length(mpeg1: bool, layer: int, bitrate: int, sample_rate: int, padding: int) -> int:
    if layer == 1:
        # Layer I counts in 4-byte slots, padding included.
        return (12 * bitrate // sample_rate + padding) * 4
    coefficient = 72 if layer == 3 and not mpeg1 else 144
    return coefficient * bitrate // sample_rate + padding


@lru_cache(maxsize=1024)
def _parse_header(word: int) -> _Frame | None:
    """Decode a 32-bit frame header, or None when it is not a valid one.

    Cached because a file repeats a handful of headers thousands of times; the cache is bounded
    so that many different invalid words cannot make it grow without end.
    """
    version = (word >> 19) & 0b11
    layer_bits = (word >> 17) & 0b11
    bitrate_index = (word >> 12) & 0b1111
    rate_index = (word >> 10) & 0b11
    valid = (
        word >> 21 == 0x7FF
        and version != 0b01
        and layer_bits != 0b00
        and bitrate_index not in (0, 15)
        and rate_index != 3
    )
    if not valid:
        return None
    layer = 4 - layer_bits
    mpeg1 = version == _MPEG1
    bitrate = _bitrate_kbps(version, layer, bitrate_index)
    sample_rate = _SAMPLE_RATES[version][rate_index]
    padding = (word >> 9) & 1
    return _Frame(
        mpeg1=mpeg1,
        layer=layer,
        bitrate_kbps=bitrate,
        sample_rate=sample_rate,
        channels=1 if (word >> 6) & 0b11 == _MONO else 2,
        length=_frame_length(mpeg1, layer, bitrate * 1000, sample_rate, padding),
        samples=_samples_per_frame(mpeg1, layer),
    )


def _syncsafe_decode(four: bytes) -> int:
    """Read a 28-bit ID3v2 size: the top bit of each byte is 0 so the size never looks like a sync."""
    if any(byte & 0x80 for byte in four):
        raise Mp3Error("the ID3 tag has an invalid size")
    return (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3]


def _id3v2_end(data: bytes) -> int:
    """Where a leading ID3v2 tag ends, footer included; 0 when the data has none."""
    if not data.startswith(b"ID3"):
        return 0
    if len(data) < _ID3V2_HEADER:
        raise Mp3Error("the ID3 tag header is truncated")
    if data[3] == 0xFF or data[4] == 0xFF:
        raise Mp3Error("the ID3 tag has an invalid version")
    has_footer = bool(data[5] & 0x10)
    end = _ID3V2_HEADER + _syncsafe_decode(data[6:10]) + (_ID3V2_HEADER if has_footer else 0)
    if end > len(data):
        raise Mp3Error(f"the ID3 tag is truncated: it needs {end} bytes, the data has {len(data)}")
    return end


def _audio_bounds(data: bytes) -> tuple[int, int]:
    """The span between a leading ID3v2 tag and a trailing 128-byte ID3v1 tag, either optional."""
    start = _id3v2_end(data)
    end = len(data)
    if end - start >= _ID3V1_LENGTH and data.startswith(b"TAG", end - _ID3V1_LENGTH):
        end -= _ID3V1_LENGTH
    return start, end


def _not_a_frame(data: bytes, position: int, start: int) -> str:
    found = data[position : position + 8]
    if position == start:
        return f"not MPEG audio: no frame header at byte {position} (found {found!r})"
    return f"garbage between frames: no frame header at byte {position} (found {found!r})"


def _walk(data: bytes, start: int, end: int) -> Iterator[tuple[int, _Frame]]:
    """Yield each frame and where it starts, refusing anything that is not a whole frame.

    Frames must follow each other without gaps: a decoder would skip stray bytes, but in our
    own files they mean corruption, so they are errors rather than something to search past.
    """
    position = start
    while position < end:
        if end - position < 4:
            raise Mp3Error(f"the data ends in the middle of a frame header at byte {position}")
        frame = _parse_header(struct.unpack_from(">I", data, position)[0])
        if frame is None:
            raise Mp3Error(_not_a_frame(data, position, start))
        if position + frame.length > end:
            # A cut last frame is exactly what an interrupted download leaves behind.
            raise Mp3Error(
                f"the last frame is truncated: it needs {frame.length} bytes, {end - position} remain"
            )
        yield position, frame
        position += frame.length


def _xing_offset(frame: _Frame) -> int:
    """Where "Xing"/"Info" sits in a Layer III frame: after the header and the side info."""
    if frame.mpeg1:
        return 4 + (17 if frame.channels == 1 else 32)
    return 4 + (9 if frame.channels == 1 else 17)


def _is_header_frame(data: bytes, position: int, frame: _Frame) -> bool:
    """True for an encoder's metadata frame (Xing, Info or VBRI), which carries no audio."""
    if frame.layer != 3:
        return False
    xing = position + _xing_offset(frame)
    vbri = position + _VBRI_OFFSET
    return data[xing : xing + 4] in _XING_TAGS or data[vbri : vbri + 4] == b"VBRI"


def inspect_mp3(data: bytes) -> Mp3Info:
    """Check that the data is whole MPEG audio and measure it; raise Mp3Error otherwise.

    Only a leading ID3v2 tag and a trailing ID3v1 tag may surround the frames.
    """
    if not data:
        raise Mp3Error("the data is empty")
    start, end = _audio_bounds(data)
    if start == end:
        raise Mp3Error("there is no audio after the ID3 tag")
    first: _Frame | None = None
    frames = 0
    samples_by_rate: dict[int, int] = {}
    for position, frame in _walk(data, start, end):
        if position == start and _is_header_frame(data, position, frame):
            continue
        if first is None:
            first = frame
        frames += 1
        samples_by_rate[frame.sample_rate] = samples_by_rate.get(frame.sample_rate, 0) + frame.samples
    if first is None:
        raise Mp3Error("no audio frames: only an encoder header frame")
    # Summing samples per rate, then dividing once, keeps the duration exact for long files.
    duration = sum(samples / rate for rate, samples in samples_by_rate.items())
    return Mp3Info(frames, duration, first.sample_rate, first.bitrate_kbps, first.channels)


def strip_id3(data: bytes) -> bytes:
    """Remove a leading ID3v2 and a trailing ID3v1 tag, so that a new tag replaces rather than adds."""
    start, end = _audio_bounds(data)
    return data[start:end]


def _utf16(text: str) -> bytes:
    """UTF-16 with a little-endian BOM: ID3v2.3 has no UTF-8, and this reaches every script."""
    if "\x00" in text:
        raise ValueError("ID3 text must not contain NUL characters: NUL ends a string in ID3")
    return _BOM + text.encode("utf-16-le")


def _frame_bytes(frame_id: str, payload: bytes) -> bytes:
    # ID3v2.3 frame sizes are plain 32-bit big-endian numbers (only v2.4 makes them syncsafe).
    return frame_id.encode("ascii") + struct.pack(">I", len(payload)) + b"\x00\x00" + payload


def _frame(key: str, value: str) -> bytes:
    if key.startswith(_TXXX_PREFIX):
        description = key[len(_TXXX_PREFIX) :]
        if not description:
            raise ValueError("a TXXX frame needs a description: use 'TXXX:description'")
        return _frame_bytes("TXXX", _UTF16_WITH_BOM + _utf16(description) + _UTF16_TERMINATOR + _utf16(value))
    if not _FRAME_ID.fullmatch(key):
        raise ValueError(f"invalid ID3 frame id {key!r}: expected 4 uppercase letters or digits")
    if key == "COMM":
        # Players show the comment whose short description is empty; the language is the site's.
        no_description = _utf16("") + _UTF16_TERMINATOR
        return _frame_bytes("COMM", _UTF16_WITH_BOM + _COMMENT_LANGUAGE + no_description + _utf16(value))
    if key.startswith("T") and key != "TXXX":
        return _frame_bytes(key, _UTF16_WITH_BOM + _utf16(value))
    # Other frames (URLs, pictures, TXXX without description) have other layouts: writing them
    # as text would make a tag that players misread, so they are refused.
    raise ValueError(f"unsupported ID3 frame {key!r}: only text frames, 'TXXX:description' and COMM")


def _syncsafe_encode(size: int) -> bytes:
    if size >= _SYNCSAFE_LIMIT:
        raise ValueError(f"the ID3 tag is too large: {size} bytes")
    return bytes((size >> shift) & 0x7F for shift in (21, 14, 7, 0))


def id3_tag(frames: Mapping[str, str]) -> bytes:
    """Build an ID3v2.3 tag, frames in sorted key order so that the same input gives the same bytes.

    ID3v2.3 rather than 2.4 because more players read it. Without frames there is no tag (b""):
    the standard requires at least one frame in a tag.
    """
    body = b"".join(_frame(key, frames[key]) for key in sorted(frames))
    if not body:
        return b""
    return b"ID3" + bytes((3, 0, 0)) + _syncsafe_encode(len(body)) + body


def tag_mp3(audio: bytes, frames: Mapping[str, str]) -> bytes:
    """Replace any ID3 tags of the audio with a new ID3v2.3 tag built from the frames."""
    return id3_tag(frames) + strip_id3(audio)
