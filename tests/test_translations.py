"""The site's texts in each language (generator/i18n/) and the check that keeps them whole."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
import yaml

from generator.errors import UserError
from generator.intake.vocabulary import load_vocabulary, parse_vocabulary, read_i18n
from generator.model import PLACEHOLDER
from tests.conftest import ROOT
from tests.languages import SHARED_KEYS

VOCABULARY = load_vocabulary()
VOCABULARY_TEXT = resources.files("generator").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
HELP_TEXT = resources.files("generator").joinpath("help.yaml").read_text(encoding="utf-8")
TEXTS = read_i18n()
OTHER_LANGUAGES = sorted(code for code in TEXTS if code != "sv")


def problems_after(language: str, change: Callable[[dict[str, object]], None]) -> list[str]:
    """The problems the check reports once `change` has been made to one language's file."""
    data = yaml.safe_load(TEXTS[language])
    change(data)
    texts = TEXTS | {language: yaml.safe_dump(data, allow_unicode=True)}
    with pytest.raises(UserError) as raised:
        parse_vocabulary(VOCABULARY_TEXT, texts, HELP_TEXT)
    assert raised.value.summary.startswith("Översättningarna i generator/i18n/ stämmer inte med svenskan")
    return raised.value.details


def test_every_language_a_story_may_be_written_in_has_its_texts() -> None:
    assert set(TEXTS) == set(VOCABULARY.languages)
    assert set(VOCABULARY.translations) == set(VOCABULARY.languages)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_each_language_says_everything_the_swedish_says_with_the_same_placeholders(language: str) -> None:
    swedish, other = VOCABULARY.translations["sv"], VOCABULARY.translations[language]
    assert other.strings.keys() == swedish.strings.keys()
    for key, text in other.strings.items():
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(swedish.strings[key])), key
    for kind, labels in other.terms.items():
        assert labels.keys() == VOCABULARY.terms(kind).keys()
    assert other.measures.keys() == VOCABULARY.measures.keys()
    assert other.organisations.keys() == {organisation.key for organisation in VOCABULARY.organisations}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_translation_is_not_the_swedish_left_in_place(language: str) -> None:
    swedish, other = VOCABULARY.translations["sv"], VOCABULARY.translations[language]
    # Separators and patterns may be the same in two languages; sentences may not.
    same = [
        key for key, text in other.strings.items() if text == swedish.strings[key] and key not in SHARED_KEYS
    ]
    assert same == []


def test_the_drafts_say_no_translator_has_reviewed_them_yet() -> None:
    # Every file records who reviewed it; until a translator has, both fields stay empty.
    for translation in VOCABULARY.translations.values():
        assert (translation.reviewed_by == "") == (translation.reviewed_on == "")


def test_a_missing_key_names_the_file_the_key_and_the_fix() -> None:
    details = problems_after("vi", lambda data: data["strings"].pop("listen"))  # type: ignore[attr-defined]
    assert details == [
        "generator/i18n/vi.yaml: strings.listen: saknas. Lägg till den, översatt från generator/i18n/sv.yaml."
    ]


def test_a_key_the_swedish_does_not_have_is_refused() -> None:
    details = problems_after("en", lambda data: data["strings"].update(lisen="Listen"))  # type: ignore[attr-defined]
    assert details == [
        "generator/i18n/en.yaml: strings.lisen: finns inte i generator/i18n/sv.yaml."
        " Ta bort den, eller lägg först till den på svenska."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Told in {month}.", "ska ha samma platshållare som på svenska: {collected}."),
        ("Told in.", "ska ha samma platshållare som på svenska: {collected}."),
        ("Told in {collected} {collected}.", "ska ha samma platshållare som på svenska: {collected}."),
        ("Told in {collected}}.", "har en klammer som inte hör till en {platshållare}."),
        ("", "är tom. Skriv texten."),
    ],
)
def test_a_placeholder_that_differs_is_refused(text: str, expected: str) -> None:
    details = problems_after("en", lambda data: data["strings"].update(told=text))  # type: ignore[attr-defined]
    assert f"generator/i18n/en.yaml: strings.told: {expected}" in details


def test_a_vocabulary_label_missing_in_a_language_is_named() -> None:
    details = problems_after("ar", lambda data: data["terms"]["arenas"].pop("bostad"))  # type: ignore[index]
    assert details == [
        "generator/i18n/ar.yaml: terms.arenas.bostad: saknas. Lägg till den, översatt från generator/i18n/sv.yaml."
    ]


def test_a_changed_swedish_measure_title_shows_which_translations_are_out_of_date() -> None:
    changed = VOCABULARY_TEXT.replace("Exempeltitel: Trygg kollektivtrafik", "Trygga resor för alla")
    with pytest.raises(UserError) as raised:
        parse_vocabulary(changed, TEXTS, HELP_TEXT)
    assert raised.value.details == [
        f"generator/i18n/{language}.yaml: measures.10: den svenska titeln har ändrats i"
        " generator/vocabulary.yaml. Översätt den nya titeln och skriv in den under sv."
        for language in OTHER_LANGUAGES
    ]


def test_review_fields_go_together_and_hold_a_date() -> None:
    details = problems_after("bs", lambda data: data.update(reviewed_by="Amra H.", reviewed_on="i går"))
    assert details == ["generator/i18n/bs.yaml: reviewed_on: 'i går' är inget datum. Skriv ÅÅÅÅ-MM-DD."]
    details = problems_after("bs", lambda data: data.update(reviewed_by="Amra H."))
    assert details == [
        "generator/i18n/bs.yaml: reviewed_by: och reviewed_on fylls i tillsammans, eller lämnas båda tomma."
    ]


def test_months_are_twelve() -> None:
    details = problems_after("hr", lambda data: data["months"].pop())  # type: ignore[attr-defined]
    assert details == ["generator/i18n/hr.yaml: months: ska vara årets tolv månader, januari först."]


def test_a_missing_language_file_is_named_with_the_fix() -> None:
    texts = {code: text for code, text in TEXTS.items() if code != "sr"}
    with pytest.raises(UserError) as raised:
        parse_vocabulary(VOCABULARY_TEXT, texts, HELP_TEXT)
    assert raised.value.details == [
        "generator/i18n/sr.yaml: language: filen saknas. Kopiera generator/i18n/sv.yaml och översätt den."
    ]


def test_a_new_place_to_get_help_needs_its_words_in_every_language() -> None:
    more_help = HELP_TEXT + '  brottsofferjouren:\n    phone: ""\n    languages: [sv]\n'
    with pytest.raises(UserError) as raised:
        parse_vocabulary(VOCABULARY_TEXT, TEXTS, more_help)
    assert (
        "generator/i18n/en.yaml: organisations.brottsofferjouren: saknas. Lägg till den, översatt från"
        " generator/i18n/sv.yaml." in raised.value.details
    )
    assert len(raised.value.details) == len(TEXTS)


def test_check_stops_on_a_missing_key_and_says_where_and_how_to_fix_it(tmp_path: Path) -> None:
    """The command an editor runs, on a copy of the generator with one key taken out."""
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    english = tmp_path / "generator" / "i18n" / "en.yaml"
    data = yaml.safe_load(english.read_text(encoding="utf-8"))
    del data["strings"]["warning_label"]
    english.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "check",
            "--stories",
            str(ROOT / "tests" / "fixtures" / "archive"),
        ],
        cwd=tmp_path,
        env=os.environ | {"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "generator/i18n/en.yaml: strings.warning_label: saknas. Lägg till den, översatt från generator/i18n/sv.yaml."
        in result.stderr + result.stdout
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["våld"], "våld"),
        (["våld", "hot"], "våld och hot"),
        (["våld", "hot", "nedsättande ord"], "våld, hot och nedsättande ord"),
    ],
)
def test_a_list_is_joined_as_swedish_says_it(items: list[str], expected: str) -> None:
    assert VOCABULARY.translations["sv"].join(items) == expected


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_every_language_joins_a_list_with_each_item_once(language: str) -> None:
    t = VOCABULARY.translations[language]
    joined = t.join(["AAA", "BBB", "CCC"])
    assert [joined.count(item) for item in ("AAA", "BBB", "CCC")] == [1, 1, 1]
    assert joined.index("AAA") < joined.index("BBB") < joined.index("CCC")


def test_a_month_in_swedish() -> None:
    swedish = VOCABULARY.translations["sv"]
    assert swedish.month_year("2025-10") == "oktober 2025"
    assert swedish.month_year("2019-01") == "januari 2019"
    assert swedish.month_year("2020") == "2020"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_month_in_each_language_has_its_own_name_and_the_year(language: str) -> None:
    t = VOCABULARY.translations[language]
    written = t.month_year("2025-10")
    assert t.months[9] in written and "2025" in written
    assert "oktober" not in written


def test_a_file_that_is_not_yaml_is_named_with_its_line() -> None:
    broken = TEXTS | {"vi": TEXTS["vi"].replace("strings:\n", "strings:\n  listen: [\n", 1)}
    with pytest.raises(UserError) as raised:
        parse_vocabulary(VOCABULARY_TEXT, broken, HELP_TEXT)
    assert raised.value.summary == "En av generatorns datafiler går inte att läsa. Inget har byggts."
    assert [detail.split(":")[0] for detail in raised.value.details] == ["generator/i18n/vi.yaml"]


def test_a_review_date_is_kept_whether_or_not_it_is_quoted() -> None:
    for written in ("2026-12-01", '"2026-12-01"'):
        text = (
            TEXTS["ar"]
            .replace('reviewed_by: ""', 'reviewed_by: "Leila K."')
            .replace('reviewed_on: ""', f"reviewed_on: {written}")
        )
        vocabulary = parse_vocabulary(VOCABULARY_TEXT, TEXTS | {"ar": text}, HELP_TEXT)
        assert (vocabulary.translations["ar"].reviewed_by, vocabulary.translations["ar"].reviewed_on) == (
            "Leila K.",
            "2026-12-01",
        )
