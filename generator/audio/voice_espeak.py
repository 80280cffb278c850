"""The offline voice: eSpeak NG through ctypes, encoded to MP3 with lameenc.

eSpeak NG comes from the `espeakng-loader` wheel (library and voice data), so a fresh machine
needs no system package; a system libespeak-ng is used only when the wheel is missing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from generator.audio.voice import SpokenAudio, VoiceError
from generator.model import primary_subtag

SAMPLE_WIDTH = 2
BITRATE_KBPS = 40
# Speaking rate in eSpeak's words a minute: its default 175 is hurried for a story. At 160, read
# over the sample stories (benchmarks/reading_pace.py, pauses included), Swedish runs at 2.70 words
# a second and Bosnian, Croatian and Serbian at 2.65–2.85: the calm pace of a story read aloud.
RATE_WPM = 160
# Where 160 is not that pace. English ran at 3.21 words a second, hurried beside Swedish: at 135 it
# runs at 2.76. Vietnamese runs at 3.6 "words", but its words are syllables, and 3.6 syllables a
# second is slower than Swedish (about 1.6 syllables a word, so some 4.3 a second): no slower.
# Arabic runs at 1.86, but an Arabic word carries its article, prepositions and pronouns ("وبيتهم",
# "and their house"), some 2.5 syllables: about 4.6 syllables a second, Swedish's pace: unchanged.
RATES_WPM = {"en": 135}
PAUSE_AFTER_TITLE = 0.8
PAUSE_AFTER_SENTENCE = 0.35
# Our languages' eSpeak voices; eSpeak has no "sh", so Serbo-Croatian tags never reach it.
VOICES = {"sv": "sv", "en": "en", "ar": "ar", "vi": "vi", "bs": "bs", "hr": "hr", "sr": "sr"}

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_ESPEAK_CHARS_UTF8 = 1
_ESPEAK_RATE = 1


class _Event(ctypes.Structure):
    _fields_ = [  # ctypes reads this class attribute: it must stay a list
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", ctypes.c_void_p),
    ]


_Callback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


@dataclass
class _Engine:
    """The loaded library; eSpeak keeps global state, so one per process, used under a lock."""

    library: ctypes.CDLL
    sample_rate: int
    callback: object
    chunks: list[bytes]


_ENGINE: _Engine | None = None
_LOCK = threading.Lock()


def _library_and_data() -> tuple[str, bytes | None]:
    try:
        import espeakng_loader
    except ImportError:
        found = ctypes.util.find_library("espeak-ng")
        if not found:
            raise VoiceError("eSpeak NG saknas: installera paketet espeakng-loader.") from None
        return found, None
    return espeakng_loader.get_library_path(), espeakng_loader.get_data_path().encode()


def _engine() -> _Engine:
    global _ENGINE  # one engine per process: eSpeak keeps global state
    if _ENGINE is None:
        path, data = _library_and_data()
        library = ctypes.CDLL(path)
        library.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        library.espeak_Synth.argtypes = [
            ctypes.c_char_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        sample_rate = library.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if sample_rate <= 0:
            raise VoiceError("eSpeak NG kunde inte starta.")
        chunks: list[bytes] = []

        def collect(wav: ctypes._Pointer[ctypes.c_short], samples: int, events: object) -> int:
            if samples > 0 and wav:
                chunks.append(ctypes.string_at(wav, samples * SAMPLE_WIDTH))
            return 0

        callback = _Callback(collect)
        library.espeak_SetSynthCallback(callback)
        _ENGINE = _Engine(library, sample_rate, callback, chunks)
    return _ENGINE


def _synthesise(engine: _Engine, text: str) -> bytes:
    engine.chunks.clear()
    encoded = text.encode("utf-8")
    result = engine.library.espeak_Synth(encoded, len(encoded) + 1, 0, 0, 0, _ESPEAK_CHARS_UTF8, None, None)
    if result != 0:
        raise VoiceError(f"eSpeak NG kunde inte läsa texten (felkod {result}).")
    return b"".join(engine.chunks)


def encode_mp3(pcm: bytes, sample_rate: int) -> bytes:
    """Encode 16-bit mono PCM as constant-bitrate MP3 at a speech bitrate."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE_KBPS)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(pcm) + encoder.flush())


def _rate_for(voice: str | None) -> int:
    return RATES_WPM.get(voice or "", RATE_WPM)


class EspeakVoice:
    """eSpeak NG: robotic but always there, and fast enough to read an archive in seconds."""

    engine = "espeak"

    def voice_for(self, language: str) -> str | None:
        return VOICES.get(primary_subtag(language))

    def settings_for(self, language: str) -> str:
        """The rate of this language's voice only: a new English rate leaves Swedish readings cached."""
        rate = _rate_for(self.voice_for(language))
        return f"rate={rate};kbps={BITRATE_KBPS};pauses={PAUSE_AFTER_TITLE},{PAUSE_AFTER_SENTENCE}"

    def speak(self, sentences: Sequence[str], language: str) -> SpokenAudio:
        voice = self.voice_for(language)
        if voice is None:
            raise VoiceError(f"eSpeak NG har ingen röst för språket {language!r}.")
        with _LOCK:
            engine = _engine()
            if engine.library.espeak_SetVoiceByName(voice.encode()) != 0:
                raise VoiceError(f"eSpeak NG kunde inte ladda rösten {voice!r}.")
            engine.library.espeak_SetParameter(_ESPEAK_RATE, _rate_for(voice), 0)
            pieces, seconds = [], []
            for index, sentence in enumerate(sentences):
                pause = PAUSE_AFTER_TITLE if index == 0 else PAUSE_AFTER_SENTENCE
                silence = b"\x00" * (int(pause * engine.sample_rate) * SAMPLE_WIDTH)
                pcm = _synthesise(engine, sentence) + silence
                pieces.append(pcm)
                seconds.append(len(pcm) / SAMPLE_WIDTH / engine.sample_rate)
            sample_rate = engine.sample_rate
        return SpokenAudio(encode_mp3(b"".join(pieces), sample_rate), tuple(seconds))
