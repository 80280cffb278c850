"""The default voice: Google Translate's speech through gTTS, made safe to run in a build.

gTTS posts each text in chunks of at most 100 characters, one request each, with no timeout
unless given one, and Google answers floods with 429. So every call here has a timeout, is
throttled, is retried with exponential backoff and jitter on 429, 5xx and connection errors,
and a circuit breaker stops asking once Google has failed several times in a row: the build
then falls back to the offline voice instead of hanging.

gTTS has no rate setting, so a language it reads too fast is slowed down afterwards (audio.tempo).
"""

from __future__ import annotations

import functools
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from generator.audio.mp3 import Mp3Error, inspect_mp3, strip_id3
from generator.audio.tempo import stretch_mp3
from generator.audio.voice import SpokenAudio, VoiceError
from generator.model import primary_subtag

# How fast each language's reading is played. English from issue 17's figures: gTTS reads it at
# 3.1–3.3 words a second against 2.5–2.9 for Swedish. The other languages are unmeasured, so
# they are played as gTTS reads them (1.0) and their settings do not change.
TEMPO = {"en": 0.88}


@dataclass(frozen=True)
class RetryPolicy:
    """How patient the build is with Google."""

    attempts: int = 4
    first_delay: float = 1.0
    max_delay: float = 8.0
    min_interval: float = 0.3
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    breaker_threshold: int = 5


class _TransientError(Exception):
    """A failure worth retrying: 429, 5xx, a lost connection, a timeout, a broken body."""


@dataclass
class _Breaker:
    """Counts consecutive failures across all threads; once open, it stays open for the build."""

    threshold: int
    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def is_open(self) -> bool:
        return self.failures >= self.threshold

    def record(self, success: bool) -> None:
        with self.lock:
            self.failures = 0 if success and not self.is_open else self.failures + (not success)


@dataclass
class _Throttle:
    """Keeps at least `interval` seconds between the starts of two requests, across threads."""

    interval: float
    sleep: Callable[[float], None]
    clock: Callable[[], float]
    last: float = float("-inf")
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self) -> None:
        with self.lock:
            delay = self.last + self.interval - self.clock()
            if delay > 0:
                self.sleep(delay)
            self.last = self.clock()


def _stretched_seconds(seconds: Sequence[float], tempo: float, total: float) -> tuple[float, ...]:
    """Each sentence's length at the new tempo, summing to the stretched audio's own duration.

    The last sentence takes the difference that division and the encoder's whole frames leave,
    so that the last cue ends where the audio ends.
    """
    stretched = [length / tempo for length in seconds]
    stretched[-1] += total - sum(stretched)
    return tuple(stretched)


@functools.cache  # asked once per story and voice when the cache is tidied
def _supported_languages() -> frozenset[str]:
    from gtts.lang import tts_langs

    return frozenset(tts_langs())


class GttsVoice:
    """gTTS behind timeouts, throttling, retries and a circuit breaker."""

    engine = "gtts"

    def __init__(
        self,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: random.Random | None = None,
    ) -> None:
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.jitter = jitter or random.Random()  # noqa: S311 - jitter, not secrecy
        self.breaker = _Breaker(self.policy.breaker_threshold)
        self.throttle = _Throttle(self.policy.min_interval, sleep, clock)
        self.requests = 0
        self._count_lock = threading.Lock()

    def voice_for(self, language: str) -> str | None:
        """Return gTTS's language code; 'sh' is not one (use bs, hr or sr), nor is anything unknown."""
        code = primary_subtag(language)
        return code if code in _supported_languages() else None

    def settings_for(self, language: str) -> str:
        """The tempo only for a language that has one, so Swedish keys and cached readings stay as they were."""
        tempo = TEMPO.get(self.voice_for(language) or "")
        return "tld=com;slow=false" + (f";tempo={tempo}" if tempo else "")

    def speak(self, sentences: Sequence[str], language: str) -> SpokenAudio:
        code = self.voice_for(language)
        if code is None:
            raise VoiceError(f"gTTS har ingen röst för språket {language!r}.")
        segments = [self._speak_sentence(sentence, code) for sentence in sentences]
        seconds = tuple(inspect_mp3(segment).duration for segment in segments)
        tempo = TEMPO.get(code)
        if tempo is None:
            return SpokenAudio(b"".join(segments), seconds)
        # Stretched once, joined: one ffmpeg run a story, and no encoder padding between sentences.
        stretched = stretch_mp3(b"".join(segments), tempo)
        return SpokenAudio(stretched, _stretched_seconds(seconds, tempo, inspect_mp3(stretched).duration))

    def _speak_sentence(self, sentence: str, code: str) -> bytes:
        delay = self.policy.first_delay
        for attempt in range(1, self.policy.attempts + 1):
            if self.breaker.is_open:
                raise VoiceError("Google har inte svarat på flera försök; frågar inte igen i det här bygget.")
            try:
                audio = self._request(sentence, code)
            except _TransientError as error:
                self.breaker.record(success=False)
                if attempt == self.policy.attempts:
                    raise VoiceError(f"Google svarade inte efter {attempt} försök: {error}") from None
                self.sleep(min(delay, self.policy.max_delay) * (1 + self.jitter.random() / 2))
                delay *= 2
            else:
                self.breaker.record(success=True)
                return audio
        raise AssertionError("unreachable: the loop returns or raises")

    def _request(self, sentence: str, code: str) -> bytes:
        from gtts import gTTS, gTTSError

        tts = gTTS(
            sentence,
            lang=code,
            lang_check=False,
            timeout=(self.policy.connect_timeout, self.policy.read_timeout),
        )
        chunks = len(tts.get_bodies())
        self.throttle.wait()
        with self._count_lock:
            self.requests += chunks
        try:
            audio = strip_id3(b"".join(tts.stream()))
            inspect_mp3(audio)
        except gTTSError as error:
            status = error.rsp.status_code if error.rsp is not None else None
            if status is not None and 400 <= status < 500 and status != 429:
                raise VoiceError(f"Google avvisade texten (HTTP {status}).") from None
            raise _TransientError(f"HTTP {status}" if status else "ingen kontakt eller inget ljud") from None
        except Mp3Error as error:
            raise _TransientError(f"svaret var inte MP3 ({error})") from None
        return audio
