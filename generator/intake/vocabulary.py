"""Read the archive's vocabulary (keys, labels, the plan's measures) from vocabulary.yaml."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from generator.intake.frontmatter import load_strict_yaml
from generator.model import Language, Measure, Term, Vocabulary


def _terms(entries: dict[str, Any]) -> dict[str, Term]:
    return {key: Term(key, value["sv"], value["en"]) for key, value in entries.items()}


def parse_vocabulary(text: str) -> Vocabulary:
    """Build the Vocabulary from the YAML text of vocabulary.yaml."""
    data, _ = load_strict_yaml(text)
    plan: dict[str, str] = data["plan"]  # type: ignore[assignment]
    measures: dict[int, dict[str, Any]] = data["measures"]  # type: ignore[assignment]
    languages: dict[str, dict[str, str]] = data["languages"]  # type: ignore[assignment]
    return Vocabulary(
        grounds=_terms(data["grounds"]),  # type: ignore[arg-type]
        arenas=_terms(data["arenas"]),  # type: ignore[arg-type]
        experiences=_terms(data["experiences"]),  # type: ignore[arg-type]
        content_warnings=_terms(data["content_warnings"]),  # type: ignore[arg-type]
        measures={
            int(number): Measure(
                int(number),
                str(entry["title"]),
                str(entry.get("url", plan["url"])),
                bool(entry.get("example", False)),
            )
            for number, entry in measures.items()
        },
        languages={code: Language(code, entry["sv"], entry["dir"]) for code, entry in languages.items()},
        plan_title=plan["title"],
        plan_url=plan["url"],
        frequencies=_terms(data["frequencies"]),  # type: ignore[arg-type]
        reported=_terms(data["reported"]),  # type: ignore[arg-type]
        age_groups=_terms(data["age_groups"]),  # type: ignore[arg-type]
        triad=_terms(data["triad_reaction"]),  # type: ignore[arg-type]
        dyad=_terms(data["dyad_belonging"]),  # type: ignore[arg-type]
    )


@cache
def load_vocabulary() -> Vocabulary:
    """Return the vocabulary bundled with the generator (generator/vocabulary.yaml)."""
    text = resources.files("generator").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    return parse_vocabulary(text)
