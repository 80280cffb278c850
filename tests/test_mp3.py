"""MP3 checks on real encoder output (lameenc) and on hand-built frames for the edge cases."""

from __future__ import annotations

import math
import struct
import sys
import time
from array import array
from collections.abc import Callable

import lameenc
import pytest

from generator.audio.mp3 import Mp3Error, Mp3Info, id3_tag, inspect_mp3, strip_id3, tag_mp3

ID3V1 = b"TAG" + b"Titel".ljust(30, b"\x00") + b"\x00" * 95


def make_mp3(seconds: float, rate: int = 22050, kbps: int = 40, channels: int = 1) -> bytes:
    """A CBR MP3 of a 440 Hz tone; the output rate is pinned so that lame does not resample."""
    enc = lameenc.Encoder()
    enc.set_bit_rate(kbps)
    enc.set_in_sample_rate(rate)
    enc.set_out_sample_rate(rate)
    enc.set_channels(channels)
    enc.set_quality(2)
    tone = (int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(int(seconds * rate)))
    pcm = array("h", (sample for value in tone for sample in [value] * channels))
    if sys.byteorder == "big":
        pcm.byteswap()
    return bytes(enc.encode(pcm.tobytes()) + enc.flush())


def frame_length(header: bytes) -> int:
    """Layer III frame length from a real header, computed independently of the module."""
    mpeg1 = header[1] & 0x18 == 0x18
    rate = {0x18: (44100, 48000, 32000), 0x10: (22050, 24000, 16000)}[header[1] & 0x18][(header[2] >> 2) & 3]
    table = (
        (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
        if mpeg1
        else (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
    )
    kbps = table[header[2] >> 4]
    return (144 if mpeg1 else 72) * kbps * 1000 // rate + ((header[2] >> 1) & 1)


def synthetic_frame(version: int, layer_bits: int, bitrate_index: int, rate_index: int, **kw: int) -> bytes:
    """A frame with a chosen header and a zero body of the given length (default: header only)."""
    header = bytes(
        (
            0xFF,
            0xE0 | version << 3 | layer_bits << 1 | 1,
            bitrate_index << 4 | rate_index << 2 | kw.get("padding", 0) << 1,
            kw.get("mode", 3) << 6,
        )
    )
    return header + b"\x00" * (kw.get("length", 4) - 4)


def info_frame(audio: bytes, offset: int, tag: bytes = b"Info") -> bytes:
    """An encoder header frame shaped like the first frame of the audio, with the tag at offset."""
    header = bytes((audio[0], audio[1], audio[2] & ~0x02, audio[3]))  # no padding: a known length
    frame = bytearray(header + b"\x00" * (frame_length(header) - 4))
    frame[offset : offset + 4] = tag
    return bytes(frame)


@pytest.fixture(scope="module")
def mpeg2_mono() -> bytes:
    return make_mp3(2.0, 22050, 40)


def test_mpeg2_mono_is_measured(mpeg2_mono: bytes) -> None:
    info = inspect_mp3(mpeg2_mono)
    assert info.duration == pytest.approx(2.0, abs=0.1)
    assert (info.sample_rate, info.bitrate_kbps, info.channels) == (22050, 40, 1)
    assert info.duration == pytest.approx(info.frames * 576 / 22050)


def test_mpeg1_mono_is_measured() -> None:
    data = make_mp3(2.0, 44100, 48)
    assert data[1] & 0x18 == 0x18  # MPEG 1
    info = inspect_mp3(data)
    assert info.duration == pytest.approx(2.0, abs=0.1)
    assert (info.sample_rate, info.bitrate_kbps, info.channels) == (44100, 48, 1)
    assert info.duration == pytest.approx(info.frames * 1152 / 44100)


def test_stereo_is_two_channels() -> None:
    info = inspect_mp3(make_mp3(1.0, 44100, 128, channels=2))
    assert (info.sample_rate, info.bitrate_kbps, info.channels) == (44100, 128, 2)
    assert info.duration == pytest.approx(1.0, abs=0.1)


def test_tagging_keeps_the_audio(mpeg2_mono: bytes) -> None:
    tagged = tag_mp3(mpeg2_mono, {"TIT2": "En vanlig dag", "TLAN": "swe"})
    assert tagged.startswith(b"ID3")
    assert inspect_mp3(tagged) == inspect_mp3(mpeg2_mono)
    assert tag_mp3(tagged, {"TIT2": "Ny titel"}).endswith(mpeg2_mono)  # retagging replaces the old tag


def test_trailing_id3v1_is_accepted(mpeg2_mono: bytes) -> None:
    expected = inspect_mp3(mpeg2_mono)
    assert inspect_mp3(mpeg2_mono + ID3V1) == expected
    assert inspect_mp3(id3_tag({"TIT2": "x"}) + mpeg2_mono + ID3V1) == expected


def test_id3v2_footer_is_skipped(mpeg2_mono: bytes) -> None:
    body = b"\x00" * 20
    tag = b"ID3\x04\x00\x10\x00\x00\x00\x14" + body + b"3DI\x04\x00\x10\x00\x00\x00\x14"
    assert inspect_mp3(tag + mpeg2_mono) == inspect_mp3(mpeg2_mono)


def _cut_last_frame(data: bytes) -> bytes:
    return data[:-50]  # every frame here is longer than 50 bytes


def _garbage_after_first_frame(data: bytes) -> bytes:
    first = frame_length(data[:4])
    return data[:first] + b"\x00junk\x00" + data[first:]


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"", "empty"),
        (lambda data: b"not an mp3", "not MPEG audio"),
        (lambda data: b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", "not MPEG audio"),
        (lambda data: id3_tag({"TIT2": "x"}), "no audio"),
        (lambda data: id3_tag({"TIT2": "x"})[:-3], "ID3 tag is truncated"),
        (lambda data: b"ID3\x03\x00\x00\x00\x00\x80\x00" + data, "invalid size"),
        (_cut_last_frame, "last frame is truncated"),
        (lambda data: data + data[:3], "middle of a frame header"),
        (_garbage_after_first_frame, "garbage between frames"),
        (lambda data: data + ID3V1[:-1], "garbage between frames"),
        (lambda data: data[:10] + data, "garbage between frames"),
    ],
    ids=[
        "empty",
        "text",
        "html-error-page",
        "only-id3",
        "cut-id3",
        "bad-id3-size",
        "cut-last-frame",
        "cut-header",
        "garbage-between-frames",
        "cut-id3v1",
        "broken-first-frame",
    ],
)
def test_damaged_data_is_refused(mpeg2_mono: bytes, damage: Callable[[bytes], bytes], message: str) -> None:
    with pytest.raises(Mp3Error, match=message):
        inspect_mp3(damage(mpeg2_mono))


@pytest.mark.parametrize(
    ("version", "layer_bits", "bitrate_index", "rate_index"),
    [(0b01, 0b01, 5, 0), (0b10, 0b00, 5, 0), (0b10, 0b01, 0, 0), (0b10, 0b01, 15, 0), (0b10, 0b01, 5, 3)],
    ids=["reserved-version", "reserved-layer", "free-bitrate", "bad-bitrate", "reserved-rate"],
)
def test_reserved_header_values_are_refused(
    version: int, layer_bits: int, bitrate_index: int, rate_index: int
) -> None:
    frame = synthetic_frame(version, layer_bits, bitrate_index, rate_index, length=200)
    with pytest.raises(Mp3Error, match="not MPEG audio"):
        inspect_mp3(frame * 3)


@pytest.mark.parametrize(
    ("version", "layer_bits", "bitrate_index", "rate_index", "padding", "expected"),
    [
        # MPEG 1 Layer I, 32 kbit/s, 44100 Hz: (12 * 32000 // 44100 + 1) slots of 4 bytes.
        (0b11, 0b11, 1, 0, 1, (36, 384, 44100, 32)),
        # MPEG 1 Layer II, 32 kbit/s, 48000 Hz: 144 * 32000 / 48000.
        (0b11, 0b10, 1, 1, 0, (96, 1152, 48000, 32)),
        # MPEG 1 Layer III, 128 kbit/s, 44100 Hz, padded: 144 * 128000 // 44100 + 1.
        (0b11, 0b01, 9, 0, 1, (418, 1152, 44100, 128)),
        # MPEG 2 Layer III, 32 kbit/s, 24000 Hz: 72 * 32000 / 24000.
        (0b10, 0b01, 4, 1, 0, (96, 576, 24000, 32)),
        # MPEG 2.5 Layer III, 8 kbit/s, 8000 Hz: 72 * 8000 / 8000.
        (0b00, 0b01, 1, 2, 0, (72, 576, 8000, 8)),
    ],
    ids=["mpeg1-layer1", "mpeg1-layer2", "mpeg1-layer3", "mpeg2-layer3", "mpeg25-layer3"],
)
def test_frame_lengths_and_samples(
    version: int,
    layer_bits: int,
    bitrate_index: int,
    rate_index: int,
    padding: int,
    expected: tuple[int, int, int, int],
) -> None:
    length, samples, rate, kbps = expected
    frame = synthetic_frame(version, layer_bits, bitrate_index, rate_index, padding=padding, length=length)
    assert inspect_mp3(frame * 10) == Mp3Info(10, 10 * samples / rate, rate, kbps, 1)
    with pytest.raises(Mp3Error, match="last frame is truncated"):
        inspect_mp3(frame * 10 + frame[:-1])


def test_lameenc_writes_no_xing_frame(mpeg2_mono: bytes) -> None:
    """Why the Xing tests build their own header frame: lameenc's output starts with audio."""
    assert b"Xing" not in mpeg2_mono[:2000]
    assert b"Info" not in mpeg2_mono[:2000]


@pytest.mark.parametrize(
    ("rate", "kbps", "channels", "offset"),
    [(22050, 40, 1, 4 + 9), (22050, 64, 2, 4 + 17), (44100, 48, 1, 4 + 17), (44100, 128, 2, 4 + 32)],
    ids=["mpeg2-mono", "mpeg2-stereo", "mpeg1-mono", "mpeg1-stereo"],
)
@pytest.mark.parametrize("tag", [b"Info", b"Xing"])
def test_xing_frame_is_not_counted(rate: int, kbps: int, channels: int, offset: int, tag: bytes) -> None:
    audio = make_mp3(0.5, rate, kbps, channels)
    expected = inspect_mp3(audio)
    assert inspect_mp3(info_frame(audio, offset, tag) + audio) == expected
    # At any other offset the same bytes are audio data, and the frame counts.
    assert inspect_mp3(info_frame(audio, offset + 1, tag) + audio).frames == expected.frames + 1


def test_only_a_xing_frame_is_no_audio(mpeg2_mono: bytes) -> None:
    with pytest.raises(Mp3Error, match="no audio frames"):
        inspect_mp3(info_frame(mpeg2_mono, 4 + 9))


def test_ten_megabytes_in_linear_time(mpeg2_mono: bytes) -> None:
    copies = 10_000_000 // len(mpeg2_mono) + 1
    frames = inspect_mp3(mpeg2_mono).frames
    started = time.perf_counter()
    info = inspect_mp3(mpeg2_mono * copies)
    # Generous: a quadratic walk would take minutes; the linear one takes well under a second.
    assert time.perf_counter() - started < 10
    assert info.frames == frames * copies


def parse_tag(tag: bytes) -> list[tuple[str, bytes]]:
    """Read an ID3v2.3 tag back independently: header, syncsafe size, then frame ids and payloads."""
    assert tag[:3] == b"ID3"
    assert tag[3:6] == b"\x03\x00\x00"
    assert all(byte < 0x80 for byte in tag[6:10])
    size = tag[6] << 21 | tag[7] << 14 | tag[8] << 7 | tag[9]
    assert size == len(tag) - 10
    frames = []
    position = 10
    while position < len(tag):
        frame_id = tag[position : position + 4].decode("ascii")
        (length,) = struct.unpack(">I", tag[position + 4 : position + 8])
        assert tag[position + 8 : position + 10] == b"\x00\x00"
        frames.append((frame_id, tag[position + 10 : position + 10 + length]))
        position += 10 + length
    assert position == len(tag)
    return frames


def utf16(raw: bytes) -> str:
    assert raw[:2] == b"\xff\xfe"
    return raw[2:].decode("utf-16-le")


def split_utf16(raw: bytes) -> tuple[bytes, bytes]:
    """Split at the first UTF-16 terminator: two zero bytes on a code-unit boundary."""
    for index in range(0, len(raw) - 1, 2):
        if raw[index : index + 2] == b"\x00\x00":
            return raw[:index], raw[index + 2 :]
    raise AssertionError("no UTF-16 terminator")


def test_id3_tag_round_trip() -> None:
    values = {
        "TIT2": "قصة",
        "TPE1": "Câu chuyện",
        "TALB": "Åtgärd – Berättelsearkivet",
        "TLAN": "swe",
        "COMM": "Uppläst av en röst 🎙",
        "TXXX:story_id": "hbg-0001",
    }
    frames = parse_tag(id3_tag(values))
    assert [frame_id for frame_id, _ in frames] == ["COMM", "TALB", "TIT2", "TLAN", "TPE1", "TXXX"]
    payloads = dict(frames)
    for key in ("TIT2", "TPE1", "TALB", "TLAN"):
        assert payloads[key][:1] == b"\x01"
        assert utf16(payloads[key][1:]) == values[key]
    comment = payloads["COMM"]
    assert comment[:4] == b"\x01swe"
    description, text = split_utf16(comment[4:])
    assert description == b"\xff\xfe"  # an empty short description, with its BOM
    assert utf16(text) == values["COMM"]
    extra = payloads["TXXX"]
    assert extra[:1] == b"\x01"
    description, value = split_utf16(extra[1:])
    assert (utf16(description), utf16(value)) == ("story_id", "hbg-0001")


def test_id3_tag_is_deterministic() -> None:
    forward = {"TIT2": "a", "TPE1": "b", "TXXX:x": "c", "COMM": "d"}
    backward = dict(reversed(forward.items()))
    assert id3_tag(forward) == id3_tag(backward) == id3_tag(dict(forward))


def test_no_frames_no_tag() -> None:
    assert id3_tag({}) == b""


@pytest.mark.parametrize(
    "key", ["tit2", "TIT", "TIT22", "TÅL2", "", " TIT2", "TIT2\n", "TXXX", "TXXX:", "APIC", "WXXX"]
)
def test_invalid_keys_are_refused(key: str) -> None:
    with pytest.raises(ValueError, match=r"ID3|TXXX"):
        id3_tag({key: "x"})


@pytest.mark.parametrize("frames", [{"TIT2": "a\x00b"}, {"TXXX:a\x00": "b"}, {"TIT2": "\ud800"}])
def test_unwritable_text_is_refused(frames: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        id3_tag(frames)


def test_strip_id3_removes_both_tags(mpeg2_mono: bytes) -> None:
    tagged = id3_tag({"TIT2": "Titel"}) + mpeg2_mono + ID3V1
    assert strip_id3(tagged) == mpeg2_mono
    assert strip_id3(mpeg2_mono + ID3V1) == mpeg2_mono
    assert strip_id3(id3_tag({"TIT2": "Titel"}) + mpeg2_mono) == mpeg2_mono
    assert strip_id3(mpeg2_mono) == mpeg2_mono
    assert strip_id3(b"") == b""
