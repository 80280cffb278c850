"""gTTS's own code against a local stand-in of Google's endpoint: success and every failure."""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from generator.audio.mp3 import inspect_mp3, strip_id3
from generator.audio.voice import VoiceError
from generator.audio.voice_gtts import GttsVoice, RetryPolicy
from tests.stand_in_google import Behaviour, make_mp3, stand_in_google
from tests.test_tempo import assert_stretched

FAST = RetryPolicy(
    attempts=3,
    first_delay=0.01,
    max_delay=0.05,
    min_interval=0.0,
    connect_timeout=0.5,
    read_timeout=0.5,
    breaker_threshold=5,
)


@contextmanager
def google(monkeypatch: pytest.MonkeyPatch, *answers: str) -> Iterator[Behaviour]:
    """Point gTTS at the stand-in: only the host changes, every line of gTTS still runs."""
    behaviour = Behaviour(list(answers))
    with stand_in_google(behaviour) as url:
        monkeypatch.setattr("gtts.tts._translate_url", lambda tld="com", path="": url)
        yield behaviour


def voice(delays: list[float] | None = None) -> GttsVoice:
    record = delays.append if delays is not None else (lambda seconds: None)
    return GttsVoice(FAST, sleep=record, jitter=random.Random(1))


def test_success_returns_real_mp3_and_counts_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    with google(monkeypatch, "ok") as behaviour:
        gtts = voice()
        spoken = gtts.speak(["Första meningen.", "Andra meningen."], "sv")
    assert behaviour.requests == 2
    assert gtts.requests == 2
    assert inspect_mp3(spoken.mp3).duration > 0.9
    assert len(spoken.sentence_seconds) == 2
    assert b"meningen" in behaviour.bodies[0]


def test_a_long_sentence_is_sent_in_chunks_of_at_most_100_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    sentence = "Det här är en lång mening som fortsätter och fortsätter, " * 4
    with google(monkeypatch, "ok") as behaviour:
        gtts = voice()
        gtts.speak([sentence], "sv")
    assert behaviour.requests == gtts.requests >= 3


def test_429_twice_then_success_backs_off_exponentially(monkeypatch: pytest.MonkeyPatch) -> None:
    delays: list[float] = []
    with google(monkeypatch, "429", "429", "ok") as behaviour:
        spoken = voice(delays).speak(["Hej."], "sv")
    assert behaviour.requests == 3
    assert inspect_mp3(spoken.mp3).duration > 0
    assert len(delays) == 2
    assert 0.01 <= delays[0] <= 0.015 and 0.02 <= delays[1] <= 0.03


@pytest.mark.parametrize("answer", ["500", "no-audio", "not-mp3", "hang"])
def test_failures_are_retried_then_reported(monkeypatch: pytest.MonkeyPatch, answer: str) -> None:
    with (
        google(monkeypatch, answer) as behaviour,
        pytest.raises(VoiceError, match="Google svarade inte efter 3 försök"),
    ):
        voice().speak(["Hej."], "sv")
    assert behaviour.requests == 3


def test_a_hanging_server_is_cut_off_by_the_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    with google(monkeypatch, "hang"):
        started = time.monotonic()
        with pytest.raises(VoiceError):
            voice().speak(["Hej."], "sv")
    assert time.monotonic() - started < 2.5


def test_connection_refused_is_retried_then_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    monkeypatch.setattr("gtts.tts._translate_url", lambda tld="com", path="": f"http://127.0.0.1:{port}/x")
    with pytest.raises(VoiceError, match="ingen kontakt"):
        voice().speak(["Hej."], "sv")


def test_the_circuit_breaker_stops_asking_after_repeated_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    with google(monkeypatch, "500") as behaviour:
        gtts = voice()
        with pytest.raises(VoiceError):
            gtts.speak(["Ett."], "sv")
        with pytest.raises(VoiceError):
            gtts.speak(["Två."], "sv")
        asked = behaviour.requests
        with pytest.raises(VoiceError, match="frågar inte igen"):
            gtts.speak(["Tre."], "sv")
    assert asked == 5
    assert behaviour.requests == asked


def test_a_client_error_is_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    with google(monkeypatch, "400") as behaviour, pytest.raises(VoiceError, match="avvisade texten"):
        voice().speak(["Hej."], "sv")
    assert behaviour.requests == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "sv"),
        ("sv-SE", "sv"),
        ("sr-Latn", "sr"),
        ("bs", "bs"),
        ("hr", "hr"),
        ("ar", "ar"),
        ("vi", "vi"),
        ("sh", None),
        ("xx", None),
    ],
)
def test_languages(language: str, expected: str | None) -> None:
    assert GttsVoice().voice_for(language) == expected


def test_sh_is_refused_without_asking(monkeypatch: pytest.MonkeyPatch) -> None:
    with google(monkeypatch, "ok") as behaviour, pytest.raises(VoiceError, match="ingen röst"):
        voice().speak(["Zdravo."], "sh")
    assert behaviour.requests == 0


SENTENCES = ["Första meningen.", "Andra meningen.", "Tredje meningen."]


def test_english_is_read_slower_by_its_tempo(monkeypatch: pytest.MonkeyPatch) -> None:
    with google(monkeypatch, "ok"):
        swedish = voice().speak(SENTENCES, "sv")
        english = voice().speak(SENTENCES, "en")
    assert_stretched(english.mp3, swedish.mp3, 0.88)


def test_english_sentence_times_are_stretched_and_end_with_the_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    with google(monkeypatch, "ok"):
        swedish = voice().speak(SENTENCES, "sv")
        english = voice().speak(SENTENCES, "en-GB")
    assert english.sentence_seconds[:-1] == tuple(s / 0.88 for s in swedish.sentence_seconds[:-1])
    assert english.sentence_seconds[-1] >= swedish.sentence_seconds[-1] / 0.88
    assert sum(english.sentence_seconds) == pytest.approx(inspect_mp3(english.mp3).duration, abs=1e-9)


def test_the_same_english_reading_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    with google(monkeypatch, "ok"):
        first = voice().speak(SENTENCES, "en")
        second = voice().speak(SENTENCES, "en")
    assert first == second


@pytest.mark.parametrize("language", ["sv", "ar", "vi", "bs", "hr", "sr"])
def test_other_languages_are_google_s_answers_joined_unchanged(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    with google(monkeypatch, "ok"):
        spoken = voice().speak(SENTENCES, language)
    answer = strip_id3(make_mp3())
    assert spoken.mp3 == answer * 3
    assert spoken.sentence_seconds == (inspect_mp3(answer).duration,) * 3


def test_only_a_language_with_a_tempo_has_it_in_its_settings() -> None:
    gtts = GttsVoice()
    others = {gtts.settings_for(language) for language in ("sv", "sv-SE", "ar", "vi", "bs", "hr", "sr")}
    assert others == {"tld=com;slow=false"}
    assert gtts.settings_for("en") == gtts.settings_for("en-GB") == "tld=com;slow=false;tempo=0.88"
