"""The audio step: cache by content, fallback to the offline voice, never a partial file."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from generator import urls
from generator.audio.mp3 import Mp3Error, inspect_mp3
from generator.audio.readings import AudioCache, current_keys, job_for, pending, read_aloud, sentences_of
from generator.audio.voice import SpokenAudio
from generator.audio.voice_espeak import EspeakVoice
from generator.audio.voice_gtts import GttsVoice, RetryPolicy
from generator.audio.webvtt import webvtt
from generator.model import Reading, Status, Story
from tests.stand_in_google import Behaviour, stand_in_google

SITE = "Arkivet"
FAST = RetryPolicy(
    attempts=2, first_delay=0.0, min_interval=0.0, connect_timeout=0.5, read_timeout=0.5, breaker_threshold=3
)


def make_story(story_id: str = "hbg-0001", **changes: object) -> Story:
    fields: dict[str, object] = {
        "id": story_id,
        "title": "En rubrik",
        "status": Status.APPROVED,
        "language": "sv",
        "collected": "2020-01",
        "grounds": (),
        "arenas": (),
        "experiences": (),
        "paragraphs": ("Första meningen. Andra meningen kl. 14.30.", "Nytt stycke."),
        "source": "x",
        "approved_on": dt.date(2026, 1, 1),
    }
    fields.update(changes)
    return Story(**fields)  # type: ignore[arg-type]


@pytest.fixture
def cache(tmp_path: Path) -> AudioCache:
    return AudioCache(tmp_path / "cache")


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Iterator[Behaviour]:
    behaviour = Behaviour(["ok"])
    with stand_in_google(behaviour) as url:
        monkeypatch.setattr("gtts.tts._translate_url", lambda tld="com", path="": url)
        yield behaviour


def gtts() -> GttsVoice:
    return GttsVoice(FAST, sleep=lambda seconds: None, jitter=random.Random(1))


def offline(stories: list[Story], cache: AudioCache) -> tuple[int, int]:
    voice = EspeakVoice()
    outcome = read_aloud(stories, voice, voice, cache, SITE)
    return outcome.synthesised, outcome.reused


def test_sentences_are_numbered_like_the_page_and_prepared_for_speech() -> None:
    sentences = sentences_of(make_story())
    assert [s.anchor for s in sentences] == ["mening-0", "mening-1", "mening-2", "mening-3"]
    assert sentences[0].shown == "En rubrik"
    assert sentences[2].shown == "Andra meningen kl. 14.30."
    assert sentences[2].spoken == "Andra meningen klockan fjorton trettio."


def test_a_rebuild_synthesises_nothing_and_an_edit_exactly_one(cache: AudioCache) -> None:
    stories = [make_story("a-1"), make_story("b-2", paragraphs=("Annan text.",))]
    assert offline(stories, cache) == (2, 0)
    assert offline(stories, cache) == (0, 2)
    edited = [stories[0], replace(stories[1], paragraphs=("Ändrad text.",))]
    assert offline(edited, cache) == (1, 1)


def test_the_reading_of_an_earlier_text_is_never_used(cache: AudioCache) -> None:
    voice = EspeakVoice()
    before = read_aloud([make_story()], voice, voice, cache, SITE).readings["hbg-0001"]
    after = read_aloud([make_story(paragraphs=("Ny text.",))], voice, voice, cache, SITE).readings["hbg-0001"]
    assert before.key != after.key
    assert after.mp3_path != before.mp3_path


def test_cache_key_covers_engine_language_text_and_tags() -> None:
    job = job_for(make_story())
    espeak, google_voice = EspeakVoice(), GttsVoice()
    keys = {
        job.key(espeak, "sv", SITE),
        job.key(google_voice, "sv", SITE),
        job_for(make_story(language="sv-SE")).key(espeak, "sv", SITE),
        job_for(make_story(title="Annan rubrik")).key(espeak, "sv", SITE),
        job_for(make_story("hbg-0002")).key(espeak, "sv", SITE),
        job.key(espeak, "sv", "Annan webbplats"),
    }
    assert len(keys) == 6


def test_cache_holds_no_empty_or_temporary_file(cache: AudioCache) -> None:
    offline([make_story("a-1"), make_story("b-2")], cache)
    files = sorted(cache.folder.iterdir())
    assert len(files) == 4
    assert all(f.stat().st_size > 0 and not f.name.startswith(".") for f in files)
    for mp3 in cache.folder.glob("*.mp3"):
        assert inspect_mp3(mp3.read_bytes()).duration > 0


def test_a_damaged_cache_entry_is_read_again(cache: AudioCache) -> None:
    offline([make_story()], cache)
    (mp3,) = cache.folder.glob("*.mp3")
    mp3.write_bytes(mp3.read_bytes()[:1000])
    assert offline([make_story()], cache) == (1, 0)
    assert inspect_mp3(mp3.read_bytes()).duration > 0


def test_store_refuses_what_is_not_mp3_and_writes_nothing(cache: AudioCache) -> None:
    with pytest.raises(Mp3Error):
        cache.store("k" * 64, job_for(make_story()), "espeak", SpokenAudio(b"<html>", (1.0,)), SITE)
    assert not cache.folder.exists() or list(cache.folder.iterdir()) == []


def test_gtts_reading_is_tagged_and_cached(cache: AudioCache, google: Behaviour) -> None:
    outcome = read_aloud([make_story()], gtts(), EspeakVoice(), cache, SITE)
    reading = outcome.readings["hbg-0001"]
    assert reading.engine == "gtts"
    assert outcome.offline_fallback == 0
    assert google.requests == 4
    data = reading.source.read_bytes()
    assert data.startswith(b"ID3")
    assert "En rubrik".encode("utf-16-le") in data


def test_the_title_is_read_first_by_the_voice_of_the_storys_language(
    cache: AudioCache, google: Behaviour
) -> None:
    """What reaches Google: the title first, said the English way, with English as the language."""
    story = make_story(language="en", title="Moved in 2024", paragraphs=("I waited 45 minutes.",))
    read_aloud([story], gtts(), EspeakVoice(), cache, SITE)
    requests = [parse_qs(body.decode())["f.req"][0] for body in google.bodies]
    asked = [json.loads(json.loads(request)[0][0][1]) for request in requests]
    assert asked[0][:2] == ["Moved in twenty twenty-four", "en"]
    assert asked[1][:2] == ["I waited forty-five minutes.", "en"]


def test_an_english_reading_that_cannot_be_slowed_down_falls_back_to_the_offline_voice(
    cache: AudioCache, google: Behaviour, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("imageio_ffmpeg.get_ffmpeg_exe", lambda: str(tmp_path / "no-ffmpeg"))
    english = make_story("en-1", language="en", title="Moved", paragraphs=("I waited.",))
    outcome = read_aloud([english, make_story("sv-1")], gtts(), EspeakVoice(), cache, SITE)
    assert {story_id: r.engine for story_id, r in outcome.readings.items()} == {
        "en-1": "espeak",
        "sv-1": "gtts",
    }
    assert outcome.offline_fallback == 1


def test_gtts_failing_falls_back_to_the_offline_voice(cache: AudioCache, google: Behaviour) -> None:
    google.answers = ["500"]
    outcome = read_aloud([make_story("a-1"), make_story("b-2")], gtts(), EspeakVoice(), cache, SITE)
    assert outcome.offline_fallback == 2
    assert {r.engine for r in outcome.readings.values()} == {"espeak"}
    assert outcome.missing == ()
    assert 0 < google.requests <= 4


def test_a_warm_cache_asks_google_nothing(cache: AudioCache, google: Behaviour) -> None:
    google.answers = ["500"]
    read_aloud([make_story()], gtts(), EspeakVoice(), cache, SITE)
    asked = google.requests
    outcome = read_aloud([make_story()], gtts(), EspeakVoice(), cache, SITE)
    assert (outcome.synthesised, outcome.reused) == (0, 1)
    assert google.requests == asked
    assert outcome.requests == 0


def test_an_unknown_language_gets_no_reading_and_no_crash(cache: AudioCache) -> None:
    voice = EspeakVoice()
    outcome = read_aloud([make_story(language="xx")], voice, voice, cache, SITE)
    assert outcome.missing == ("hbg-0001",)
    assert outcome.readings == {}


def test_a_fresh_cache_reads_everything_again_and_keeps_the_new_readings(cache: AudioCache) -> None:
    stories = [make_story("a-1"), make_story("b-2", paragraphs=("Annan text.",))]
    offline(stories, cache)
    assert offline(stories, AudioCache(cache.folder, reuse=False)) == (2, 0)
    assert offline(stories, cache) == (0, 2)


def test_the_current_keys_are_every_voices_reading_of_the_text_as_it_is_now() -> None:
    espeak, google_voice = EspeakVoice(), GttsVoice()
    jobs = [job_for(make_story("a-1")), job_for(make_story("b-2", language="sh"))]
    keys = current_keys(jobs, [google_voice, espeak], SITE)
    # gTTS has no "sh", eSpeak NG has no voice for it either: one story, two voices.
    assert keys == {jobs[0].key(google_voice, "sv", SITE), jobs[0].key(espeak, "sv", SITE)}


def test_keeping_only_some_readings_deletes_the_others_and_nothing_that_is_not_a_reading(
    cache: AudioCache,
) -> None:
    stories = [make_story("a-1"), make_story("b-2", paragraphs=("Tillbakadragen.",))]
    readings = read_aloud(stories, EspeakVoice(), EspeakVoice(), cache, SITE).readings
    (cache.folder / "anteckning.txt").write_text("inte en uppläsning")
    assert not cache.is_empty()
    cache.keep_only({readings["a-1"].key})
    assert {p.name for p in cache.folder.iterdir()} == {
        "anteckning.txt",
        f"{readings['a-1'].key}.json",
        f"{readings['a-1'].key}.mp3",
    }
    cache.keep_only(set())
    assert cache.is_empty()
    assert [p.name for p in cache.folder.iterdir()] == ["anteckning.txt"]


class PublishedReadings:
    """A stand-in for the live site (generator/audio/fetch.py): files by path, and what was asked."""

    workers = 2
    unreachable = False

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.asked: list[str] = []

    def fetch(self, mp3_path: str, vtt_path: str) -> tuple[bytes, bytes] | None:
        self.asked.append(mp3_path)
        mp3, vtt = self.files.get(mp3_path), self.files.get(vtt_path)
        return (mp3, vtt) if mp3 is not None and vtt is not None else None

    def has(self, mp3_path: str) -> bool:
        self.asked.append(mp3_path)
        return mp3_path in self.files


def published(readings: dict[str, Reading]) -> dict[str, bytes]:
    """The files a site publishes for these readings, by their path in the site."""
    files: dict[str, bytes] = {}
    for reading in readings.values():
        files[reading.mp3_path] = reading.source.read_bytes()
        files[reading.vtt_path] = webvtt(reading.cues).encode("utf-8")
    return files


def test_a_published_reading_is_fetched_before_any_voice_is_asked(tmp_path: Path, google: Behaviour) -> None:
    story = make_story()
    live = read_aloud([story], EspeakVoice(), EspeakVoice(), AudioCache(tmp_path / "live"), SITE).readings
    site = PublishedReadings(published(live))
    cache = AudioCache(tmp_path / "fresh")
    outcome = read_aloud([story], gtts(), EspeakVoice(), cache, SITE, source=site)
    assert (outcome.fetched, outcome.synthesised, outcome.reused, outcome.refused) == (1, 0, 0, ())
    assert google.requests == 0
    # Google's reading is looked for first, as a build prefers it; then the offline voice's.
    gtts_key = job_for(story).key(gtts(), "sv", SITE)
    assert site.asked == [urls.reading_file(story.id, gtts_key, "mp3"), live[story.id].mp3_path]
    kept = outcome.readings[story.id]
    assert (kept.key, kept.engine, kept.duration, kept.cues) == (
        live[story.id].key,
        "espeak",
        live[story.id].duration,
        live[story.id].cues,
    )
    assert kept.source.read_bytes() == live[story.id].source.read_bytes()
    # Kept as a reading made here is: the next build finds it in the cache.
    assert read_aloud([story], EspeakVoice(), EspeakVoice(), cache, SITE).reused == 1


def broken_copies(files: dict[str, bytes], mp3_path: str, vtt_path: str) -> list[dict[str, bytes]]:
    """The published files with one thing wrong in each copy."""
    mp3, vtt = files[mp3_path], files[vtt_path]
    return [
        {**files, mp3_path: mp3[:-50]},  # cut short
        {**files, mp3_path: mp3.replace("En rubrik".encode("utf-16-le"), "En rubrIk".encode("utf-16-le"))},
        {**files, mp3_path: b"<html>Sidan finns inte</html>"},
        {**files, vtt_path: vtt.replace(b"mening-1", b"mening-9")},
        {**files, vtt_path: vtt.replace("Första meningen.".encode(), "Första meningen!".encode())},
        {**files, vtt_path: vtt.replace(b"00:00:0", b"00:00:1", 1)},
        {**files, vtt_path: vtt.rsplit(b"\n\n", 1)[0] + b"\n"},  # a cue short
    ]


def test_a_published_reading_that_fails_any_check_is_refused_and_read_aloud(tmp_path: Path) -> None:
    story = make_story()
    voice = EspeakVoice()
    live = read_aloud([story], voice, voice, AudioCache(tmp_path / "live"), SITE).readings
    reading = live[story.id]
    for number, files in enumerate(broken_copies(published(live), reading.mp3_path, reading.vtt_path)):
        cache = AudioCache(tmp_path / f"fresh-{number}")
        outcome = read_aloud([story], voice, voice, cache, SITE, source=PublishedReadings(files))
        assert (outcome.fetched, outcome.synthesised, outcome.refused) == (0, 1, (story.id,)), number
        assert outcome.readings[story.id].source.read_bytes() == reading.source.read_bytes()


def test_the_reading_of_another_story_or_site_is_refused(tmp_path: Path) -> None:
    voice = EspeakVoice()
    story = make_story()
    live = read_aloud([story], voice, voice, AudioCache(tmp_path / "live"), SITE).readings[story.id]
    job = job_for(story)
    files = (live.source.read_bytes(), webvtt(live.cues).encode("utf-8"))
    cache = AudioCache(tmp_path / "fresh")
    with pytest.raises(Mp3Error):
        cache.adopt(live.key, job_for(make_story("hbg-0002")), "espeak", files, SITE)
    with pytest.raises(Mp3Error):
        cache.adopt(live.key, job, "espeak", files, "Annan webbplats")
    with pytest.raises(Mp3Error):
        cache.adopt(live.key, job, "gtts", files, SITE)
    assert cache.is_empty()
    assert cache.adopt(live.key, job, "espeak", files, SITE).cues == live.cues


def test_pending_counts_only_what_neither_the_cache_nor_the_site_has(tmp_path: Path) -> None:
    voice = EspeakVoice()
    stories = [make_story("a-1"), make_story("b-2"), make_story("c-3")]
    cache = AudioCache(tmp_path / "cache")
    on_site = read_aloud(stories[:1], voice, voice, AudioCache(tmp_path / "live"), SITE).readings
    read_aloud(stories[1:2], voice, voice, cache, SITE)
    site = PublishedReadings(published(on_site))
    assert pending(stories, [voice], cache, SITE, site) == ["c-3"]
    assert pending(stories, [voice], cache, SITE) == ["a-1", "c-3"]
    site.unreachable = True  # then what it said is not trusted: counted against the cache
    assert pending(stories, [voice], cache, SITE, site) == ["a-1", "c-3"]
