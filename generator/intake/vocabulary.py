"""Read the archive's vocabulary (keys, labels, the plan's measures) from vocabulary.yaml, with
the site's texts in each language (i18n/) and where readers can get help (help.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from generator.errors import UserError
from generator.intake.frontmatter import FrontMatterError, load_strict_yaml
from generator.intake.translations import (
    HELP_FILE,
    I18N_FOLDER,
    i18n_file,
    parse_organisations,
    parse_translations,
)
from generator.model import Language, Measure, Problem, Severity, Term, Vocabulary

VOCABULARY_FILE = "generator/vocabulary.yaml"


def _terms(entries: dict[str, Any]) -> dict[str, Term]:
    return {key: Term(key, value["sv"], value.get("short")) for key, value in entries.items()}


def parse_vocabulary(text: str, i18n: Mapping[str, str], help_text: str) -> Vocabulary:
    """Build the Vocabulary from the YAML of vocabulary.yaml, each language's texts and help.yaml.

    Raises a UserError listing every file that is not valid YAML, or every problem with the
    translations, so `check` names them all.
    """
    read = _read_yaml(
        {VOCABULARY_FILE: text, HELP_FILE: help_text} | {i18n_file(c): t for c, t in i18n.items()}
    )
    data = read[VOCABULARY_FILE]
    plan: dict[str, str] = data["plan"]  # type: ignore[assignment]
    measures: dict[int, dict[str, Any]] = data["measures"]  # type: ignore[assignment]
    entries: dict[str, dict[str, str]] = data["languages"]  # type: ignore[assignment]
    languages = {
        code: Language(code, entry["sv"], entry["dir"], entry["home"]) for code, entry in entries.items()
    }
    organisations = parse_organisations(read[HELP_FILE])
    translations, problems = parse_translations(
        {code: read[i18n_file(code)] for code in i18n}, data, languages, organisations
    )
    if problems:
        raise UserError(
            f"Översättningarna i {I18N_FOLDER}/ stämmer inte med svenskan ({len(problems)} fel). Inget har byggts.",
            problems,
        )
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
        languages=languages,
        plan_title=plan["title"],
        plan_url=plan["url"],
        frequencies=_terms(data["frequencies"]),  # type: ignore[arg-type]
        reported=_terms(data["reported"]),  # type: ignore[arg-type]
        age_groups=_terms(data["age_groups"]),  # type: ignore[arg-type]
        triad=_terms(data["triad_reaction"]),  # type: ignore[arg-type]
        dyad=_terms(data["dyad_belonging"]),  # type: ignore[arg-type]
        translations=translations,
        organisations=organisations,
    )


def vocabulary_warnings(vocabulary: Vocabulary) -> list[Problem]:
    """What the city still has to fill in: one warning while any of the plan's measure titles is
    a placeholder, which the site shows by its number alone (Vocabulary.measure_name)."""
    untitled = vocabulary.untitled_measures
    if not untitled:
        return []
    total = len(vocabulary.measures)
    which = (
        f"Alla planens {total} åtgärder"
        if len(untitled) == total
        else f"{len(untitled)} av planens {total} åtgärder ({', '.join(map(str, untitled))})"
    )
    return [
        Problem(
            VOCABULARY_FILE,
            None,
            "measures",
            f"{which} har bara en exempeltitel (example: true), så webbplatsen visar dem med sitt nummer,"
            f" som ”{vocabulary.measure_name(untitled[0])}”. Skriv in planens egna titlar under measures"
            f" i {VOCABULARY_FILE} och ta bort example: true.",
            Severity.WARNING,
        )
    ]


def read_i18n() -> dict[str, str]:
    """The text of each generator/i18n/<language>.yaml, by language code."""
    folder = resources.files("generator").joinpath("i18n")
    return {
        entry.name.removesuffix(".yaml"): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }


@cache
def load_vocabulary() -> Vocabulary:
    """Return the vocabulary bundled with the generator, with its translations and help."""
    package = resources.files("generator")
    return parse_vocabulary(
        package.joinpath("vocabulary.yaml").read_text(encoding="utf-8"),
        read_i18n(),
        package.joinpath("help.yaml").read_text(encoding="utf-8"),
    )


def _read_yaml(files: Mapping[str, str]) -> dict[str, dict[str, object]]:
    """Each data file as read, once; every file that is not valid YAML is named with its line."""
    read, problems = {}, []
    for path, text in files.items():
        try:
            read[path] = load_strict_yaml(text)[0]
        except FrontMatterError as error:
            problems.append(f"{path}:{error.line or 1}: {error}")
    if problems:
        raise UserError("En av generatorns datafiler går inte att läsa. Inget har byggts.", problems)
    return read
