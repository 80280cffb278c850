"""Benchmark the audio step: cold and warm synthesis with eSpeak NG, and gTTS requests per story.

Run: .venv/bin/python benchmarks/audio.py [--stories N] [--jobs J]
Prints a table and writes benchmarks/results/audio.json. Not a test: it measures, it does not judge.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from generator.audio.readings import AudioCache, job_for, read_aloud
from generator.audio.voice_espeak import EspeakVoice
from generator.intake.gate import published_stories
from generator.pipeline import check_archive

ROOT = Path(__file__).resolve().parent.parent


def gtts_requests(sentences: list[str], language: str) -> int:
    """Count the requests gTTS would send for these sentences, one call per sentence as we do."""
    from gtts import gTTS

    return sum(
        len(gTTS(sentence, lang=language.split("-")[0], lang_check=False).get_bodies())
        for sentence in sentences
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--stories", type=int, default=39, help="how many stories to read (cycled from the sample)"
    )
    parser.add_argument("--jobs", type=int, default=2)
    arguments = parser.parse_args()
    sample = published_stories(check_archive(ROOT / "stories").stories)
    stories = [replace(sample[i % len(sample)], id=f"bench-{i:05d}") for i in range(arguments.stories)]
    voice = EspeakVoice()
    with tempfile.TemporaryDirectory() as folder:
        cache = AudioCache(Path(folder))
        started = time.perf_counter()
        cold = read_aloud(stories, voice, voice, cache, "Benchmark", arguments.jobs)
        cold_seconds = time.perf_counter() - started
        started = time.perf_counter()
        warm = read_aloud(stories, voice, voice, cache, "Benchmark", arguments.jobs)
        warm_seconds = time.perf_counter() - started
        sizes = [r.size for r in cold.readings.values()]
        durations = [r.duration for r in cold.readings.values()]
    requests = [
        gtts_requests([s.spoken for s in job_for(story).sentences], story.language) for story in sample
    ]
    result = {
        "stories": len(stories),
        "jobs": arguments.jobs,
        "cold_seconds": round(cold_seconds, 2),
        "cold_synthesised": cold.synthesised,
        "warm_seconds": round(warm_seconds, 3),
        "warm_synthesised": warm.synthesised,
        "seconds_per_story_cold": round(cold_seconds / len(stories), 3),
        "audio_minutes_per_story": round(statistics.mean(durations) / 60, 2),
        "mp3_bytes_per_story": round(statistics.mean(sizes)),
        "gtts_requests_per_story_mean": round(statistics.mean(requests), 1),
        "gtts_requests_per_story_max": max(requests),
    }
    width = max(map(len, result))
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    out = ROOT / "benchmarks" / "results" / "audio.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
