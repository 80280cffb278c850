"""Read the site's texts in each language (generator/i18n/) and where to get help (help.yaml),
and check that every language says everything the Swedish says.

The Swedish file is the source: every other file must have each of its keys, no others, and the
same placeholders in each text, so no page ever shows a Swedish word, a gap or a stray `{name}`
in another language. A translation also names every ground, arena, experience, content warning
and measure of the vocabulary, and keeps the Swedish measure title it translated, so a changed
title shows which translations are out of date. Problems are reported for all files at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from generator.model import PLACEHOLDER, Language, Organisation, Translation

SOURCE_LANGUAGE = "sv"
# The vocabulary's kinds that a page in another language names.
TRANSLATED_KINDS = ("grounds", "arenas", "experiences", "content_warnings")

I18N_FOLDER = "generator/i18n"
HELP_FILE = "generator/help.yaml"


def i18n_file(language: str) -> str:
    return f"{I18N_FOLDER}/{language}.yaml"


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _stray_braces(text: str) -> bool:
    """A brace that is not part of a `{name}` placeholder: a typo the reader would see."""
    return "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text)


def parse_organisations(data: Mapping[str, object]) -> tuple[Organisation, ...]:
    """The places to get help, in the order help.yaml lists them."""
    entries: dict[str, dict[str, Any]] = data["organisations"]  # type: ignore[assignment]
    return tuple(
        Organisation(
            key,
            str(entry.get("phone", "")),
            str(entry.get("phone_international", "")),
            str(entry.get("email", "")),
            str(entry.get("website", "")),
            str(entry.get("address", "")),
            tuple(entry.get("languages", ())),
            bool(entry.get("interpreter", False)),
        )
        for key, entry in entries.items()
    )


class _Problems:
    """The problems found in the translation files, each naming the file, the key and the fix."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, language: str, key: str, message: str) -> None:
        self.messages.append(f"{i18n_file(language)}: {key}: {message}")

    def keys(
        self, language: str, section: str, found: Mapping[Any, object], expected: Mapping[Any, object]
    ) -> None:
        """Every expected key, and no other: a missing one would leave a gap on a page."""
        for key in expected:
            if key not in found:
                self.add(
                    language,
                    f"{section}.{key}",
                    f"saknas. Lägg till den, översatt från {i18n_file(SOURCE_LANGUAGE)}.",
                )
        for key in found:
            if key not in expected:
                self.add(
                    language,
                    f"{section}.{key}",
                    f"finns inte i {i18n_file(SOURCE_LANGUAGE)}. Ta bort den, eller lägg först till den på svenska.",
                )


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _mapping(value: object) -> dict[Any, Any]:
    """A section of the file, or nothing when it is missing or not a mapping (reported as missing keys)."""
    return dict(value) if isinstance(value, dict) else {}


def parse_translation(
    language: str,
    data: Mapping[str, Any],
    source: Mapping[str, Any] | None,
    vocabulary: Mapping[str, Any],
    organisations: tuple[Organisation, ...],
    problems: _Problems,
) -> Translation:
    """One language's texts; what is wrong with them goes to `problems` (checked against the
    Swedish `source`, or None when this is the Swedish file itself)."""
    if data.get("language") != language:
        problems.add(language, "language", f"ska vara {language}, som filens namn.")
    strings = {key: _text(value) for key, value in _mapping(data.get("strings")).items()}
    names = {key: _mapping(value) for key, value in _mapping(data.get("organisations")).items()}
    listed = data.get("months")
    months = tuple(_text(month) for month in listed) if isinstance(listed, list) else ()
    if len(months) != 12 or not all(months):
        problems.add(language, "months", "ska vara årets tolv månader, januari först.")
    _check_review(language, data, problems)
    problems.keys(language, "organisations", names, {o.key: o for o in organisations})
    for key, entry in names.items():
        for field in ("name", "about"):
            if not _text(entry.get(field)):
                problems.add(language, f"organisations.{key}.{field}", "saknas eller är tom.")
    for key, value in strings.items():
        if not value:
            problems.add(language, f"strings.{key}", "är tom. Skriv texten.")
        elif _stray_braces(value):
            problems.add(language, f"strings.{key}", "har en klammer som inte hör till en {platshållare}.")
    if source is None:
        terms = {
            kind: {key: entry["sv"] for key, entry in vocabulary[kind].items()} for kind in TRANSLATED_KINDS
        }
        measures = {int(n): str(entry["title"]) for n, entry in vocabulary["measures"].items()}
    else:
        terms, measures = _check_against_source(language, data, strings, source, vocabulary, problems)
    return Translation(
        language,
        _text(data.get("name")),
        _text(data.get("reviewed_by")),
        _review_date(data),
        months,
        strings,
        terms,
        measures,
        {key: (_text(entry.get("name")), _text(entry.get("about"))) for key, entry in names.items()},
    )


def _review_date(data: Mapping[str, Any]) -> str:
    """`reviewed_on` as written: YAML reads an unquoted 2026-12-01 as a date, a quoted one as text."""
    return str(data.get("reviewed_on") or "")


def _check_review(language: str, data: Mapping[str, Any], problems: _Problems) -> None:
    """Who reviewed the file and when: both empty (a draft) or both given, with a real date."""
    by, on = _text(data.get("reviewed_by")), _review_date(data)
    if bool(by) != bool(on):
        problems.add(language, "reviewed_by", "och reviewed_on fylls i tillsammans, eller lämnas båda tomma.")
    if on:
        try:
            dt.date.fromisoformat(on)
        except ValueError:
            problems.add(language, "reviewed_on", f"{on!r} är inget datum. Skriv ÅÅÅÅ-MM-DD.")


def _check_against_source(
    language: str,
    data: Mapping[str, Any],
    strings: Mapping[str, str],
    source: Mapping[str, Any],
    vocabulary: Mapping[str, Any],
    problems: _Problems,
) -> tuple[dict[str, dict[str, str]], dict[int, str]]:
    """Same keys and placeholders as the Swedish; every vocabulary label and measure translated."""
    source_strings: dict[str, str] = source["strings"]
    problems.keys(language, "strings", strings, source_strings)
    for key, value in strings.items():
        if key in source_strings and _placeholders(value) != _placeholders(source_strings[key]):
            wanted = ", ".join("{" + name + "}" for name in _placeholders(source_strings[key])) or "inga"
            problems.add(language, f"strings.{key}", f"ska ha samma platshållare som på svenska: {wanted}.")
    found_terms = _mapping(data.get("terms"))
    terms: dict[str, dict[str, str]] = {}
    for kind in TRANSLATED_KINDS:
        labels = {key: _text(value) for key, value in _mapping(found_terms.get(kind)).items()}
        problems.keys(language, f"terms.{kind}", labels, vocabulary[kind])
        terms[kind] = labels
    found_measures = {int(n): _mapping(entry) for n, entry in _mapping(data.get("measures")).items()}
    swedish_titles = {int(n): str(entry["title"]) for n, entry in vocabulary["measures"].items()}
    problems.keys(language, "measures", found_measures, swedish_titles)
    for number, entry in found_measures.items():
        if number in swedish_titles and entry.get("sv") != swedish_titles[number]:
            problems.add(
                language,
                f"measures.{number}",
                "den svenska titeln har ändrats i generator/vocabulary.yaml. Översätt den nya titeln"
                " och skriv in den under sv.",
            )
    return terms, {number: _text(entry.get("title")) for number, entry in found_measures.items()}


def parse_translations(
    texts: Mapping[str, Mapping[str, Any]],
    vocabulary: Mapping[str, Any],
    languages: Mapping[str, Language],
    organisations: tuple[Organisation, ...],
) -> tuple[dict[str, Translation], list[str]]:
    """Every language's texts by code (each file as read), and every problem with them (empty when all is well)."""
    problems = _Problems()
    for code in languages:
        if code not in texts:
            problems.add(
                code, "language", f"filen saknas. Kopiera {i18n_file(SOURCE_LANGUAGE)} och översätt den."
            )
    for code in texts:
        if code not in languages:
            problems.add(code, "language", "språket finns inte under languages i generator/vocabulary.yaml.")
    if SOURCE_LANGUAGE not in texts:
        return {}, problems.messages
    source = texts[SOURCE_LANGUAGE]
    translations = {
        code: parse_translation(
            code, data, None if code == SOURCE_LANGUAGE else source, vocabulary, organisations, problems
        )
        for code, data in sorted(texts.items())
    }
    return translations, problems.messages
