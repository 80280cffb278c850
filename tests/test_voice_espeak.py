"""eSpeak NG really speaks: Swedish and Arabic become MP3 with a duration that fits the text."""

from __future__ import annotations

import pytest

from generator.audio.mp3 import inspect_mp3
from generator.audio.voice import VoiceError
from generator.audio.voice_espeak import BITRATE_KBPS, EspeakVoice


def test_swedish_is_read_into_mono_mp3_at_a_speech_bitrate() -> None:
    spoken = EspeakVoice().speak(["En rubrik.", "Jag väntade vid hållplatsen i tjugo minuter."], "sv")
    info = inspect_mp3(spoken.mp3)
    assert info.channels == 1
    assert info.bitrate_kbps == BITRATE_KBPS
    assert 2.0 < info.duration < 8.0
    assert len(spoken.sentence_seconds) == 2
    assert sum(spoken.sentence_seconds) == pytest.approx(info.duration, abs=0.15)


def test_arabic_is_read() -> None:
    spoken = EspeakVoice().speak(["أعمل في نفس المكان منذ ست سنوات."], "ar")
    assert inspect_mp3(spoken.mp3).duration > 1.0


def test_a_longer_text_takes_longer() -> None:
    voice = EspeakVoice()
    short = inspect_mp3(voice.speak(["Hej."], "sv").mp3).duration
    long = inspect_mp3(
        voice.speak(["Hej och välkommen till en mycket längre mening än den förra."], "sv").mp3
    ).duration
    assert long > short + 1.0


@pytest.mark.parametrize("language", ["sv", "en", "ar", "vi", "bs", "hr", "sr", "sr-Latn"])
def test_every_survey_language_has_a_voice(language: str) -> None:
    assert EspeakVoice().voice_for(language) is not None


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(VoiceError, match="ingen röst"):
        EspeakVoice().speak(["x"], "xx")
