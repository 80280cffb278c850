"""Measure the personal-data screen on a labelled set: recall on personal data, false flags on clean text.

Run:  .venv/bin/python benchmarks/personal_data.py [--stories DIR ...]

The set is tests/fixtures/personal_data/labelled.tsv: invented sentences in the survey's five languages,
each labelled `personal` (with the class of what it holds) or `clean`. Its `tuning` portion was written
before the screen was extended and used while extending it; the `held-out` portion was written after
and never tuned against, so it shows how the screen meets spellings it has not seen.

The measures, the same in tests/test_personal_data.py:
- recall: the share of personal sentences on which the screen raises a flag of the expected kind
  (a phone number found only as a personnummer shape does not count as a found phone number);
- false-positive rate: the share of clean sentences with any flag;
- flags per ten clean stories: the clean sentences of each portion, in file order, make stories of
  ten sentences (the last may be shorter); every approved story of the folders given (by default the
  test archive, tests/fixtures/archive) is a clean story too. Every flag on them counts, also one an
  editor has cleared, since it cost an editor's time. The floor is at most one flag in ten stories.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "fixtures" / "personal_data" / "labelled.tsv"
SENTENCES_PER_STORY = 10
PORTIONS = ("tuning", "held-out")

# The screen's kinds that count as finding a labelled class.
EXPECTED_KINDS = {
    "personnummer": {"personnummer", "personnummer-form"},
    "samordningsnummer": {"samordningsnummer", "personnummer-form"},
    "telefon": {"telefon"},
    "e-post": {"e-post"},
    "adress": {"adress"},
    "postnummer": {"postnummer"},
    "registreringsnummer": {"registreringsnummer"},
    "arbetsplats": {"arbetsplats"},
    "namn": {"namn"},
}


@dataclass(frozen=True)
class Example:
    """One labelled sentence."""

    portion: str
    language: str
    personal: bool
    kind: str
    sentence: str


@dataclass(frozen=True)
class Measurement:
    """What the screen found in one portion (or all) of the set."""

    positives: int
    found: int
    found_by_class: dict[str, tuple[int, int]]  # class: (found, positives)
    clean_sentences: int
    flagged_sentences: int
    clean_stories: int
    flags_on_clean_stories: int

    @property
    def recall(self) -> float:
        return self.found / self.positives if self.positives else 1.0

    @property
    def false_positive_rate(self) -> float:
        return self.flagged_sentences / self.clean_sentences if self.clean_sentences else 0.0

    @property
    def flags_per_ten_stories(self) -> float:
        return 10 * self.flags_on_clean_stories / self.clean_stories if self.clean_stories else 0.0


def load_labelled(path: Path = LABELLED) -> list[Example]:
    """Read the labelled set; lines starting with '#' are comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        Example(row["portion"], row["language"], row["label"] == "personal", row["class"], row["sentence"])
        for row in rows
    ]


def _kinds(text: str, language: str) -> list[str]:
    from generator.privacy.personal_data import screen

    return [flag.kind for flag in screen(text, language, "measure")]


# A clean story as the screen sees it: pieces of text, each with its language.
Story = tuple[tuple[str, str], ...]


def labelled_stories(examples: Sequence[Example]) -> list[Story]:
    """The clean sentences as stories of ten, by portion and in file order."""
    stories: list[Story] = []
    for portion in PORTIONS:
        clean = [(e.language, e.sentence) for e in examples if e.portion == portion and not e.personal]
        stories += [
            tuple(clean[i : i + SENTENCES_PER_STORY]) for i in range(0, len(clean), SENTENCES_PER_STORY)
        ]
    return stories


def archive_stories(folders: Iterable[Path]) -> list[Story]:
    """Every approved story of the folders: its title and its text."""
    from generator.intake.load import load_archive

    stories: list[Story] = []
    for folder in folders:
        raws, _ = load_archive(folder)
        for raw in raws:
            if raw.front_matter.get("status") == "approved":
                language = str(raw.front_matter["language"])
                stories.append(((language, str(raw.front_matter["title"])), (language, raw.body)))
    return stories


def measure(examples: Sequence[Example], extra_stories: Sequence[Story] = ()) -> Measurement:
    """Screen every example (and the extra clean stories) and count what was found and what was not."""
    positives = [e for e in examples if e.personal]
    found_by_class: Counter[str] = Counter()
    for example in positives:
        if EXPECTED_KINDS[example.kind] & set(_kinds(example.sentence, example.language)):
            found_by_class[example.kind] += 1
    totals = Counter(e.kind for e in positives)
    clean = [e for e in examples if not e.personal]
    stories = [*labelled_stories(examples), *extra_stories]
    return Measurement(
        positives=len(positives),
        found=sum(found_by_class.values()),
        found_by_class={kind: (found_by_class[kind], totals[kind]) for kind in sorted(totals)},
        clean_sentences=len(clean),
        flagged_sentences=sum(bool(_kinds(e.sentence, e.language)) for e in clean),
        clean_stories=len(stories),
        flags_on_clean_stories=sum(
            len(_kinds(text, language)) for story in stories for language, text in story
        ),
    )


def missed(examples: Sequence[Example]) -> list[Example]:
    """The personal sentences without a flag of their kind, and the clean ones with any flag."""
    return [
        e
        for e in examples
        if (e.personal and not EXPECTED_KINDS[e.kind] & set(_kinds(e.sentence, e.language)))
        or (not e.personal and _kinds(e.sentence, e.language))
    ]


def report(name: str, result: Measurement) -> str:
    """A few lines of plain text for one measurement."""
    lines = [
        f"{name}: recall {result.recall:.3f} ({result.found} of {result.positives} personal sentences)",
        f"  false-positive rate {result.false_positive_rate:.3f} "
        f"({result.flagged_sentences} of {result.clean_sentences} clean sentences flagged)",
        f"  flags per ten clean stories {result.flags_per_ten_stories:.2f} "
        f"({result.flags_on_clean_stories} flags on {result.clean_stories} stories)",
    ]
    lines += [f"  {kind:<20} {found}/{total}" for kind, (found, total) in result.found_by_class.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, nargs="*", default=[ROOT / "tests" / "fixtures" / "archive"])
    parser.add_argument("--show", action="store_true", help="list the misses and false flags (in clear)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    examples = load_labelled()
    extra = archive_stories(args.stories)
    for portion in PORTIONS:
        print(report(portion, measure([e for e in examples if e.portion == portion])))
    print(report(f"all, with {len(extra)} archive stories", measure(examples, extra)))
    if args.show:
        for example in missed(examples):
            label = example.kind if example.personal else "clean"
            print(f"  {example.portion} {example.language} {label}: {example.sentence}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
