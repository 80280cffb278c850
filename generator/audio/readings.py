"""Give every published story an audio reading: cached by content, synthesised in parallel.

A reading is stored under a key made of the engine, its settings, the voice, the language,
the exact sentences read and the tags, so the site only ever gets the reading of the current
text: an earlier version (which may have held personal data) can never be published again.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from generator import urls
from generator.audio.mp3 import Mp3Error, inspect_mp3, strip_id3, tag_mp3
from generator.audio.speech import speakable
from generator.audio.voice import SpokenAudio, Voice, VoiceError
from generator.audio.webvtt import cue_lengths, webvtt
from generator.model import VOICE_LABELS, Cue, Reading, Story
from generator.text import layout_sentences
from generator.write import atomic_write

# Bump when what is read, how it is tagged or how the cache is laid out changes.
SETTINGS_VERSION = "1"
ISO_639_2 = {"sv": "swe", "en": "eng", "ar": "ara", "vi": "vie", "bs": "bos", "hr": "hrv", "sr": "srp"}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Sentence:
    """One sentence as shown on the page (with the anchor that highlights it) and as spoken."""

    anchor: str
    shown: str
    spoken: str


@dataclass(frozen=True)
class AudioJob:
    """Everything needed to read one story aloud, and nothing that is not read or tagged."""

    story_id: str
    title: str
    language: str
    sentences: tuple[Sentence, ...]

    def tags(self, engine: str, site_name: str) -> dict[str, str]:
        return {
            "TIT2": self.title,
            "TPE1": f"Syntetisk röst ({VOICE_LABELS[engine]})",
            "TALB": site_name,
            "TLAN": ISO_639_2.get(self.language.split("-")[0], "und"),
            "TXXX:story_id": self.story_id,
        }

    def key(self, voice: Voice, voice_id: str, site_name: str) -> str:
        material = {
            "version": SETTINGS_VERSION,
            "engine": voice.engine,
            "settings": voice.settings_for(self.language),
            "voice": voice_id,
            "language": self.language,
            "spoken": [s.spoken for s in self.sentences],
            "tags": self.tags(voice.engine, site_name),
        }
        return hashlib.sha256(json.dumps(material, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class AudioOutcome:
    """What the audio step did: the readings, and counts for the summary and the report."""

    readings: dict[str, Reading]
    synthesised: int
    reused: int
    offline_fallback: int
    missing: tuple[str, ...]
    requests: int
    # What each story's reading reads, by story: worked out once, also to tidy the cache.
    jobs: Mapping[str, AudioJob] = field(default_factory=dict, compare=False, repr=False)
    # Readings taken from the live site (`build --reuse-readings-from`), the stories whose reading
    # there failed the checks (read again instead), and whether the site could not be reached.
    fetched: int = 0
    refused: tuple[str, ...] = ()
    source_unreachable: bool = False


class ReadingSource(Protocol):
    """Where published readings can be fetched from: the live site (generator/audio/fetch.py)."""

    workers: int

    @property
    def unreachable(self) -> bool:
        """Whether the source stopped answering, so that what it did not give is unknown."""
        ...

    def fetch(self, mp3_path: str, vtt_path: str) -> tuple[bytes, bytes] | None:
        """Return a reading's MP3 and timing file as published, or None when they are not there."""
        ...

    def has(self, mp3_path: str) -> bool:
        """Whether the reading is published, without downloading it."""
        ...


def sentences_of(story: Story) -> tuple[Sentence, ...]:
    """Return the title and every sentence of the text, numbered as the page numbers them."""
    shown = [story.title] + [s for p in layout_sentences(story.paragraphs) for line in p for s in line]
    return tuple(
        Sentence(f"mening-{index}", text, speakable(text, story.language)) for index, text in enumerate(shown)
    )


def job_for(story: Story) -> AudioJob:
    return AudioJob(story.id, story.title, story.language, sentences_of(story))


def cues_for(job: AudioJob, seconds: Sequence[float]) -> tuple[Cue, ...]:
    """Turn per-sentence lengths into start and end times."""
    cues, start = [], 0.0
    for sentence, length in zip(job.sentences, seconds, strict=True):
        cues.append(Cue(sentence.anchor, round(start, 3), round(start + length, 3), sentence.shown))
        start += length
    return tuple(cues)


# The names of a cache entry's two files: the key (a SHA-256 in hex) and what the file holds.
_ENTRY_FILE = re.compile(r"(?P<key>[0-9a-f]{64})\.(?:mp3|json)")


@dataclass(frozen=True)
class AudioCache:
    """Readings on disk: `<key>.mp3` and `<key>.json`; an entry exists only when both do.

    With `reuse` False (`build --fresh`) nothing already there is used, but new readings are kept.
    """

    folder: Path
    reuse: bool = True

    def load(self, key: str, job: AudioJob) -> Reading | None:
        if not self.reuse:
            return None
        mp3, meta = self.folder / f"{key}.mp3", self.folder / f"{key}.json"
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            size = mp3.stat().st_size
        except (OSError, ValueError):
            return None
        if size != data.get("size") or size == 0:
            return None
        return Reading(
            job.story_id, data["engine"], key, mp3, size, data["duration"], cues_for(job, data["seconds"])
        )

    def store(self, key: str, job: AudioJob, engine: str, spoken: SpokenAudio, site_name: str) -> Reading:
        """Check the MP3 (it plays, it lasts), then write it and its metadata atomically."""
        mp3 = tag_mp3(spoken.mp3, job.tags(engine, site_name))
        return self._keep(key, job, engine, mp3, spoken.sentence_seconds)

    def adopt(
        self, key: str, job: AudioJob, engine: str, published: tuple[bytes, bytes], site_name: str
    ) -> Reading:
        """Keep a reading fetched from the live site, checked as a new one is and more: its tags
        are this story's as this voice reads it, and its timing file is the one this build would
        write, sentence by sentence. Raise Mp3Error for anything else."""
        mp3, vtt = published
        if tag_mp3(strip_id3(mp3), job.tags(engine, site_name)) != mp3:
            raise Mp3Error("its tags are not those of this story's reading")
        seconds = cue_lengths(vtt.decode("utf-8", "replace"))
        if (
            len(seconds) != len(job.sentences)
            or any(length < 0 for length in seconds)
            or webvtt(cues_for(job, seconds)).encode("utf-8") != vtt
        ):
            raise Mp3Error("its timing file does not belong to this text")
        return self._keep(key, job, engine, mp3, seconds)

    def _keep(self, key: str, job: AudioJob, engine: str, mp3: bytes, seconds: Sequence[float]) -> Reading:
        # Rounded as kept, so a page made with a new reading has the inputs it has with the kept one.
        duration = round(inspect_mp3(mp3).duration, 3)
        if duration <= 0:
            raise Mp3Error("the reading has no duration")
        atomic_write(self.folder / f"{key}.mp3", mp3)
        meta = {"engine": engine, "size": len(mp3), "duration": duration, "seconds": list(seconds)}
        atomic_write(self.folder / f"{key}.json", json.dumps(meta, sort_keys=True).encode())
        return Reading(
            job.story_id,
            engine,
            key,
            self.folder / f"{key}.mp3",
            len(mp3),
            duration,
            cues_for(job, seconds),
        )

    def keep_only(self, keys: Collection[str]) -> None:
        """Delete every reading but these: of a withdrawn story, of an earlier text, of a story no
        longer published. The deploy keeps this folder in the Actions cache, which must not keep
        what the site no longer publishes."""
        for entry in self._entries():
            found = _ENTRY_FILE.fullmatch(entry.name)
            if found and found["key"] not in keys:
                entry.unlink()

    def is_empty(self) -> bool:
        return not any(_ENTRY_FILE.fullmatch(entry.name) for entry in self._entries())

    def _entries(self) -> list[Path]:
        return sorted(self.folder.iterdir()) if self.folder.is_dir() else []


def _speak_offline(job: AudioJob) -> SpokenAudio:
    """Run in a worker process: eSpeak NG keeps global state, so each process has its own."""
    from generator.audio.voice_espeak import EspeakVoice

    return EspeakVoice().speak([s.spoken for s in job.sentences], job.language)


def _executor(voice: Voice, workers: int) -> Executor:
    """Threads for a network voice; for eSpeak NG, a fresh process per story.

    eSpeak NG carries state from one text to the next (its voice "flutter" goes on where it
    stopped), so the same story would sound a few samples different depending on what was read
    before it in that process. A new process per story, forked from a server that has already
    imported the engine, keeps readings byte-identical from build to build at a few ms each.
    """
    if voice.engine == "espeak":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["generator.audio.voice_espeak", "lameenc"])
        return ProcessPoolExecutor(workers, mp_context=context, max_tasks_per_child=1)
    return ThreadPoolExecutor(workers)


def _speak(voice: Voice, job: AudioJob) -> SpokenAudio:
    return voice.speak([s.spoken for s in job.sentences], job.language)


def synthesise(
    voice: Voice, jobs: Sequence[AudioJob], workers: int, on_done: Callable[[], None]
) -> dict[str, SpokenAudio | VoiceError]:
    """Read the jobs with a bounded pool; a failure is returned for its job, never raised."""
    results: dict[str, SpokenAudio | VoiceError] = {}
    if not jobs:
        return results
    speak = _speak_offline if voice.engine == "espeak" else (lambda job: _speak(voice, job))
    with _executor(voice, max(1, min(workers, len(jobs)))) as pool:
        futures = {job.story_id: pool.submit(speak, job) for job in jobs}
        for story_id, future in futures.items():
            try:
                results[story_id] = future.result()
            except VoiceError as error:
                results[story_id] = error
            except Mp3Error as error:
                results[story_id] = VoiceError(str(error))
            on_done()
    return results


@dataclass
class _Counter:
    total: int
    progress: Progress | None
    done: int = 0

    def tick(self) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def read_aloud(
    stories: Iterable[Story],
    voice: Voice,
    offline: Voice,
    cache: AudioCache,
    site_name: str,
    workers: int = 2,
    progress: Progress | None = None,
    source: ReadingSource | None = None,
) -> AudioOutcome:
    """Find or make a reading of every story; fall back to the offline voice when the first fails.

    A story whose text already has an offline reading in the cache keeps it, so a warm cache
    never asks Google anything. With a source (the live site), what the cache lacks is fetched
    from there before anything is read aloud.
    """
    voices = [voice, offline] if voice is not offline else [voice]
    jobs = {story.id: job_for(story) for story in stories}
    readings: dict[str, Reading] = {}
    todo: list[AudioJob] = []
    for story_id, job in jobs.items():
        found = _cached(cache, job, site_name, voices)
        if found:
            readings[story_id] = found
        else:
            todo.append(job)
    reused = len(readings)
    fetched, refused = _fetch_all(source, cache, todo, voices, site_name) if source and todo else ({}, ())
    readings.update(fetched)
    todo = [job for job in todo if job.story_id not in fetched]
    counter = _Counter(len(todo), progress)
    failed = _store_all(
        cache, site_name, voice, todo, synthesise(voice, todo, workers, counter.tick), readings
    )
    fallback = [job for job in todo if job.story_id in failed] if offline is not voice else []
    _store_all(
        cache, site_name, offline, fallback, synthesise(offline, fallback, workers, lambda: None), readings
    )
    return AudioOutcome(
        readings=dict(sorted(readings.items())),
        synthesised=len(readings) - reused - len(fetched),
        reused=reused,
        offline_fallback=sum(1 for job in fallback if job.story_id in readings),
        missing=tuple(sorted(set(jobs) - set(readings))),
        requests=getattr(voice, "requests", 0),
        jobs=jobs,
        fetched=len(fetched),
        refused=refused,
        source_unreachable=bool(source and source.unreachable),
    )


def _fetch_all(
    source: ReadingSource,
    cache: AudioCache,
    jobs: Sequence[AudioJob],
    voices: Sequence[Voice],
    site_name: str,
) -> tuple[dict[str, Reading], tuple[str, ...]]:
    """Fetch the published reading of each job, a few at a time; return those kept, and the
    stories whose published reading failed the checks."""
    kept: dict[str, Reading] = {}
    refused: list[str] = []
    with ThreadPoolExecutor(max(1, min(source.workers, len(jobs)))) as pool:
        results = pool.map(lambda job: _fetch_one(source, cache, job, voices, site_name), jobs)
        for job, (reading, was_refused) in zip(jobs, results, strict=True):
            if reading:
                kept[job.story_id] = reading
            if was_refused:
                refused.append(job.story_id)
    return kept, tuple(sorted(refused))


def _fetch_one(
    source: ReadingSource, cache: AudioCache, job: AudioJob, voices: Sequence[Voice], site_name: str
) -> tuple[Reading | None, bool]:
    """Try each voice's reading of the job on the source, in the order a build prefers them."""
    refused = False
    for voice, key in _candidates(job, voices, site_name):
        published = source.fetch(
            urls.reading_file(job.story_id, key, "mp3"), urls.reading_file(job.story_id, key, "vtt")
        )
        if published is None:
            continue
        try:
            return cache.adopt(key, job, voice.engine, published, site_name), False
        except Mp3Error:
            refused = True
    return None, refused


def pending(
    stories: Iterable[Story],
    voices: Sequence[Voice],
    cache: AudioCache,
    site_name: str,
    source: ReadingSource | None = None,
) -> list[str]:
    """Return the ids of stories that no voice has a reading of, in the cache or (when a source is
    given and answers) published on the live site: what a build would read aloud."""
    jobs = [job_for(story) for story in stories]
    missing = [job for job in jobs if _cached(cache, job, site_name, voices) is None]
    if source and missing:
        with ThreadPoolExecutor(max(1, min(source.workers, len(missing)))) as pool:
            published = list(pool.map(lambda job: _is_published(source, job, voices, site_name), missing))
        if not source.unreachable:
            missing = [job for job, found in zip(missing, published, strict=True) if not found]
    return [job.story_id for job in missing]


def _is_published(source: ReadingSource, job: AudioJob, voices: Sequence[Voice], site_name: str) -> bool:
    return any(
        source.has(urls.reading_file(job.story_id, key, "mp3"))
        for _, key in _candidates(job, voices, site_name)
    )


def current_keys(jobs: Iterable[AudioJob], voices: Sequence[Voice], site_name: str) -> set[str]:
    """The cache keys of every story's reading as its text is now, by each of the voices: what a
    build may use, whichever voice it is asked for, so that no reading is ever paid for twice."""
    return {key for job in jobs for _, key in _candidates(job, voices, site_name)}


def _candidates(job: AudioJob, voices: Sequence[Voice], site_name: str) -> list[tuple[Voice, str]]:
    """Each voice that reads the job's language, with the key of its reading, in the given order."""
    found = []
    for voice in voices:
        voice_id = voice.voice_for(job.language)
        if voice_id is not None:
            found.append((voice, job.key(voice, voice_id, site_name)))
    return found


def _cached(cache: AudioCache, job: AudioJob, site_name: str, voices: Sequence[Voice]) -> Reading | None:
    for _, key in _candidates(job, voices, site_name):
        if found := cache.load(key, job):
            return found
    return None


def _store_all(
    cache: AudioCache,
    site_name: str,
    voice: Voice,
    jobs: Sequence[AudioJob],
    results: dict[str, SpokenAudio | VoiceError],
    readings: dict[str, Reading],
) -> dict[str, VoiceError]:
    """Store each good result in the cache and the readings; return the failures by story."""
    failures: dict[str, VoiceError] = {}
    for job in jobs:
        result = results[job.story_id]
        voice_id = voice.voice_for(job.language)
        if isinstance(result, VoiceError) or voice_id is None:
            failures[job.story_id] = result if isinstance(result, VoiceError) else VoiceError("ingen röst")
            continue
        try:
            readings[job.story_id] = cache.store(
                job.key(voice, voice_id, site_name), job, voice.engine, result, site_name
            )
        except Mp3Error as error:
            failures[job.story_id] = VoiceError(f"ogiltig MP3: {error}")
    return failures
