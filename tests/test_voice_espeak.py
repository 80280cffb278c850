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


def test_swedish_keeps_its_settings_so_its_cached_readings_stay_valid() -> None:
    assert EspeakVoice().settings_for("sv") == "rate=160;kbps=40;pauses=0.8,0.35"


def test_the_rate_differs_only_for_the_languages_read_too_fast_at_the_common_rate() -> None:
    voice = EspeakVoice()
    settings = {language: voice.settings_for(language) for language in ("sv", "ar", "vi", "bs", "hr", "sr")}
    assert set(settings.values()) == {voice.settings_for("sv")}
    assert voice.settings_for("en") == voice.settings_for("en-GB") == "rate=135;kbps=40;pauses=0.8,0.35"


def test_english_is_read_at_its_own_slower_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = ["I waited at the bus stop for twenty minutes, and nobody came to help me."]
    at_its_rate = inspect_mp3(EspeakVoice().speak(sentence, "en").mp3).duration
    monkeypatch.setattr("generator.audio.voice_espeak.RATES_WPM", {})
    at_the_common_rate = inspect_mp3(EspeakVoice().speak(sentence, "en").mp3).duration
    assert at_its_rate > at_the_common_rate * 1.1
