"""What every speech engine offers: read sentences in a language, give back MP3 and timings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class VoiceError(Exception):
    """A voice could not read a text: no such language, or the engine failed."""


@dataclass(frozen=True)
class SpokenAudio:
    """What an engine returns for a list of sentences: MP3 audio and each sentence's length.

    `sentence_seconds[i]` covers sentence i and the pause after it, so the sum is the duration
    and cue times follow by adding up.
    """

    mp3: bytes
    sentence_seconds: tuple[float, ...]


class Voice(Protocol):
    """A speech engine. `engine` and the settings for a language are part of the audio cache key."""

    engine: str

    def settings_for(self, language: str) -> str:
        """Return what, besides the text, makes the engine's reading in this language sound as it does.

        Per language, so that a change to one language's pace reads only that language again.
        """
        ...

    def voice_for(self, language: str) -> str | None:
        """Return the engine's voice for a BCP 47 language tag, or None when it has none."""
        ...

    def speak(self, sentences: Sequence[str], language: str) -> SpokenAudio:
        """Read the sentences in order; raise VoiceError when that is not possible."""
        ...
