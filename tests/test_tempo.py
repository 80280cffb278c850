"""ffmpeg's atempo on real MP3: the length changes by the tempo, the format and the bytes do not drift."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import lameenc
import pytest

from generator.audio import tempo
from generator.audio.mp3 import inspect_mp3
from generator.audio.tempo import stretch_mp3
from generator.audio.voice import VoiceError

# What encoding adds at 24 kHz: LAME's delay (576 + 529 samples) and a padded last frame (< 576).
ENCODER_SLACK = (576 + 529 + 576) / 24000


def assert_stretched(stretched: bytes, source: bytes, factor: float) -> None:
    """The stretched audio is as long as the source divided by the tempo, plus what encoding adds."""
    expected = inspect_mp3(source).duration / factor
    assert expected <= inspect_mp3(stretched).duration <= expected + ENCODER_SLACK


def tone_mp3(seconds: float, rate: int = 24000, kbps: int = 32) -> bytes:
    """A real MP3 of a rising tone, so that atempo has sound to work on, not only silence."""
    samples = (
        int(8000 * math.sin(2 * math.pi * (220 + 200 * n / rate) * n / rate))
        for n in range(int(seconds * rate))
    )
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(kbps)
    encoder.set_in_sample_rate(rate)
    encoder.set_out_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    pcm = b"".join(struct.pack("<h", sample) for sample in samples)
    return bytes(encoder.encode(pcm) + encoder.flush())


@pytest.mark.parametrize("factor", [0.88, 0.75, 1.2])
def test_the_length_changes_by_the_tempo(factor: float) -> None:
    audio = tone_mp3(3.0)
    assert_stretched(stretch_mp3(audio, factor), audio, factor)


@pytest.mark.parametrize(("rate", "kbps"), [(24000, 32), (22050, 40), (16000, 24)])
def test_the_format_stays_the_sources(rate: int, kbps: int) -> None:
    info = inspect_mp3(stretch_mp3(tone_mp3(1.0, rate, kbps), 0.88))
    assert (info.sample_rate, info.bitrate_kbps, info.channels) == (rate, kbps, 1)


def test_the_same_audio_and_tempo_give_the_same_bytes() -> None:
    audio = tone_mp3(2.0)
    first = stretch_mp3(audio, 0.88)
    assert stretch_mp3(audio, 0.88) == first
    assert stretch_mp3(audio, 0.9) != first


def test_the_output_has_no_tag_and_no_encoder_header_for_the_caller_to_join_and_tag() -> None:
    stretched = stretch_mp3(tone_mp3(1.0), 0.88)
    assert stretched[:2] == b"\xff\xf3"
    assert b"Xing" not in stretched[:200] and b"Info" not in stretched[:200]


def with_info_header(audio: bytes) -> bytes:
    """Put an encoder's "Info" frame first, counting only this audio's frames, as LAME writes one.

    A 96-byte frame (32 kbit/s at 24 kHz, no padding) whose side information is empty, then the tag.
    """
    frame = bytearray(audio[:4] + bytes(92))
    frame[2] &= ~0b10  # the padding bit
    frame[4 + 9 : 4 + 9 + 12] = b"Info" + struct.pack(">II", 1, inspect_mp3(audio).frames)
    return bytes(frame) + audio


def test_joined_readings_are_stretched_in_full() -> None:
    """Sentences are joined before stretching: ffmpeg must read past the frame count in the first one's header."""
    joined = with_info_header(tone_mp3(2.0)) + tone_mp3(1.0)
    assert_stretched(stretch_mp3(joined, 0.88), joined, 0.88)


def fake_ffmpeg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, script: str) -> None:
    """Put a script where ffmpeg would be, to fail as ffmpeg can fail."""
    program = tmp_path / "ffmpeg"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    monkeypatch.setattr("imageio_ffmpeg.get_ffmpeg_exe", lambda: str(program))


@pytest.mark.parametrize(
    ("stderr", "reason"),
    [("echo 'Parsing...' >&2; echo 'Invalid tempo' >&2", "Invalid tempo"), ("true", "inget felmeddelande")],
)
def test_ffmpeg_failing_names_its_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stderr: str, reason: str
) -> None:
    fake_ffmpeg(monkeypatch, tmp_path, f"cat >/dev/null; {stderr}; exit 1")
    with pytest.raises(VoiceError) as raised:
        stretch_mp3(tone_mp3(0.5), 0.88)
    assert str(raised.value) == f"ffmpeg kunde inte ändra uppläsningens tempo: {reason}"


def test_ffmpeg_refusing_the_real_filter_is_a_voice_error() -> None:
    with pytest.raises(VoiceError, match=r"^ffmpeg kunde inte ändra uppläsningens tempo: .+"):
        stretch_mp3(tone_mp3(0.5), 0.01)


def test_ffmpeg_giving_no_mp3_is_a_voice_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_ffmpeg(monkeypatch, tmp_path, "cat >/dev/null; printf '<html>'")
    with pytest.raises(VoiceError) as raised:
        stretch_mp3(tone_mp3(0.5), 0.88)
    assert str(raised.value) == (
        "ffmpeg gav inget spelbart ljud när tempot ändrades "
        "(not MPEG audio: no frame header at byte 0 (found b'<html>'))."
    )


def test_a_hanging_ffmpeg_is_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_ffmpeg(monkeypatch, tmp_path, "exec sleep 30")
    monkeypatch.setattr(tempo, "TIMEOUT_SECONDS", 0.2)
    with pytest.raises(VoiceError) as raised:
        stretch_mp3(tone_mp3(0.5), 0.88)
    assert str(raised.value) == "ffmpeg blev inte klar med uppläsningens tempo på 0.2 sekunder."


def test_a_missing_ffmpeg_is_a_voice_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    missing = tmp_path / "ffmpeg"
    monkeypatch.setattr("imageio_ffmpeg.get_ffmpeg_exe", lambda: str(missing))
    with pytest.raises(VoiceError) as raised:
        stretch_mp3(tone_mp3(0.5), 0.88)
    assert str(raised.value) == (
        "ffmpeg kunde inte startas för att ändra uppläsningens tempo: "
        f"[Errno 2] No such file or directory: '{missing}'"
    )
