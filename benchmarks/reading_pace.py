"""Measure how fast each voice reads each language: words a second over the sample stories.

Run: .venv/bin/python benchmarks/reading_pace.py [--stories DIR] [--gtts]
Prints one line per voice and language. Words are counted by whitespace in the title and text,
as a listener would count them; seconds are the reading's whole length, pauses included.
eSpeak NG runs here; gTTS (--gtts) asks Google, so it needs the network. Not a test: it measures.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from generator.audio.mp3 import inspect_mp3
from generator.audio.readings import job_for
from generator.audio.voice import Voice
from generator.audio.voice_espeak import EspeakVoice
from generator.intake.gate import published_stories
from generator.model import Story
from generator.pipeline import check_archive

ROOT = Path(__file__).resolve().parent.parent


def words_in(story: Story) -> int:
    """Count what a listener hears as words: whitespace-separated pieces of the title and text."""
    return len(story.title.split()) + sum(len(paragraph.split()) for paragraph in story.paragraphs)


def seconds_to_read(voice: Voice, story: Story) -> float:
    job = job_for(story)
    spoken = voice.speak([sentence.spoken for sentence in job.sentences], story.language)
    return inspect_mp3(spoken.mp3).duration


def pace_by_language(voice: Voice, stories: list[Story]) -> dict[str, tuple[int, float]]:
    """Return, per language, the words and the seconds of all its stories read by this voice."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for story in stories:
        totals[story.language][0] += words_in(story)
        totals[story.language][1] += seconds_to_read(voice, story)
    return {language: (int(words), seconds) for language, (words, seconds) in sorted(totals.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=Path, default=ROOT / "tests" / "fixtures" / "sample")
    parser.add_argument("--gtts", action="store_true", help="also measure gTTS (asks Google)")
    arguments = parser.parse_args()
    stories = published_stories(check_archive(arguments.stories).stories)
    voices: list[Voice] = [EspeakVoice()]
    if arguments.gtts:
        from generator.audio.voice_gtts import GttsVoice

        voices.append(GttsVoice())
    print(f"{'voice':<8}{'language':<10}{'stories':>8}{'words':>8}{'seconds':>9}{'words/s':>9}")
    for voice in voices:
        for language, (words, seconds) in pace_by_language(voice, stories).items():
            count = sum(1 for story in stories if story.language == language)
            print(
                f"{voice.engine:<8}{language:<10}{count:>8}{words:>8}{seconds:>9.1f}{words / seconds:>9.2f}"
            )


if __name__ == "__main__":
    main()
