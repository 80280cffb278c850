"""Change how fast an MP3 reading runs, without changing its pitch, with ffmpeg's atempo filter.

gTTS has no rate setting and reads English faster than Swedish (issue 17: 3.1–3.3 words a second
against 2.5–2.9), so a voice that needs a slower pace stretches its audio afterwards. ffmpeg comes
as a wheel (imageio-ffmpeg), so no system package is needed.
"""

from __future__ import annotations

import subprocess

import imageio_ffmpeg

from generator.audio.mp3 import Mp3Error, Mp3Info, inspect_mp3
from generator.audio.voice import VoiceError

# A story read for ten minutes is stretched in a few seconds; a hung ffmpeg must not hang the build.
TIMEOUT_SECONDS = 120.0


def _ffmpeg_command(tempo: float, source: Mp3Info) -> list[str]:
    """Stdin to stdout, in the source's own format, and the same bytes for the same input.

    Bit-exact flags and no metadata keep ffmpeg's version and the time out of the bytes; no
    Xing header and no ID3 tag, because the reading is joined and tagged by the caller.
    """
    return [
        imageio_ffmpeg.get_ffmpeg_exe(),
        *("-hide_banner", "-loglevel", "error", "-nostdin"),
        *("-f", "mp3", "-i", "pipe:0"),
        *("-filter:a", f"atempo={tempo}"),
        *("-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact"),
        *("-c:a", "libmp3lame", "-b:a", f"{source.bitrate_kbps}k"),
        *("-ar", str(source.sample_rate), "-ac", str(source.channels)),
        *("-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", "pipe:1"),
    ]


def _last_line(stderr: bytes) -> str:
    """ffmpeg's own reason, which it writes last; its whole log would bury it."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "inget felmeddelande"


def stretch_mp3(audio: bytes, tempo: float) -> bytes:
    """Return the audio played at `tempo` times its speed: 0.88 is slower and 1/0.88 times as long.

    Raise VoiceError when ffmpeg cannot do it, so that the build reads the story with another voice.
    """
    command = _ffmpeg_command(tempo, inspect_mp3(audio))
    try:
        done = subprocess.run(  # noqa: S603 - our own arguments, no shell
            command, input=audio, capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise VoiceError(
            f"ffmpeg blev inte klar med uppläsningens tempo på {TIMEOUT_SECONDS:g} sekunder."
        ) from None
    except OSError as error:
        raise VoiceError(f"ffmpeg kunde inte startas för att ändra uppläsningens tempo: {error}") from None
    if done.returncode != 0:
        raise VoiceError(f"ffmpeg kunde inte ändra uppläsningens tempo: {_last_line(done.stderr)}")
    try:
        inspect_mp3(done.stdout)
    except Mp3Error as error:
        raise VoiceError(f"ffmpeg gav inget spelbart ljud när tempot ändrades ({error}).") from None
    return done.stdout
