from __future__ import annotations

import re
from importlib import resources

from generator.intake.vocabulary import load_vocabulary, parse_vocabulary, read_i18n, vocabulary_warnings
from generator.model import Severity, Vocabulary

VOCABULARY_TEXT = resources.files("generator").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
HELP_TEXT = resources.files("generator").joinpath("help.yaml").read_text(encoding="utf-8")


def test_vocabulary_holds_the_seven_grounds_of_the_law_and_the_citys_additions() -> None:
    vocabulary = load_vocabulary()
    assert list(vocabulary.grounds) == [
        "kon",
        "konsoverskridande-identitet",
        "etnisk-tillhorighet",
        "religion",
        "funktionsnedsattning",
        "sexuell-laggning",
        "alder",
        "socioekonomi",
        "annat",
    ]
    assert vocabulary.grounds["alder"].label == "Ålder"


def test_vocabulary_has_the_plans_17_measures_with_title_and_link() -> None:
    vocabulary = load_vocabulary()
    assert sorted(vocabulary.measures) == list(range(1, 18))
    assert all(m.title and m.url.startswith("https://") for m in vocabulary.measures.values())


def test_arabic_is_right_to_left_and_the_rest_left_to_right() -> None:
    languages = load_vocabulary().languages
    assert {code: lang.direction for code, lang in languages.items()} == {
        "sv": "ltr",
        "en": "ltr",
        "ar": "rtl",
        "vi": "ltr",
        "bs": "ltr",
        "hr": "ltr",
        "sr": "ltr",
    }


def test_experiences_and_arenas_follow_the_contract() -> None:
    vocabulary = load_vocabulary()
    assert list(vocabulary.experiences) == [
        "utanforskap",
        "trakasserier",
        "krankande-behandling",
        "diskriminering",
    ]
    assert {"skola", "arbetsliv", "bostad", "internet", "annat"} <= set(vocabulary.arenas)


def vocabulary_with_titles(titles: dict[int, tuple[str, str]]) -> Vocabulary:
    """The bundled vocabulary as an editor leaves it after filling in some of the plan's titles:
    the Swedish title in vocabulary.yaml without `example: true`, and each translation's."""
    texts = read_i18n()
    vocabulary = VOCABULARY_TEXT
    for number, (swedish, translated) in titles.items():
        placeholder = load_vocabulary().measures[number].title
        vocabulary = vocabulary.replace(
            f'{number}: {{title: "{placeholder}", example: true}}', f'{number}: {{title: "{swedish}"}}'
        )
        for code, text in texts.items():
            texts[code] = re.sub(
                rf"\n  {number}: \{{sv: .*\}}\n",
                f'\n  {number}: {{sv: "{swedish}", title: "{translated} ({code})"}}\n',
                text,
            )
    return parse_vocabulary(vocabulary, texts, HELP_TEXT)


ALL_FILLED_IN = {number: (f"Riktig titel {number}", f"Real title {number}") for number in range(1, 18)}


def test_a_measure_is_named_by_its_number_alone_while_its_title_is_a_placeholder() -> None:
    vocabulary = load_vocabulary()
    assert vocabulary.untitled_measures == tuple(range(1, 18))
    assert vocabulary.measure_name(3) == "Åtgärd 3"
    assert vocabulary.measure_name(3, "en") == "Measure 3"
    assert vocabulary.measure_name(3, "sr-Latn") == "Mera 3"
    assert vocabulary.measure_name(3, "ar") == "الإجراء 3"


def test_a_filled_in_title_is_shown_in_every_language() -> None:
    vocabulary = vocabulary_with_titles({3: ("Trygga arbetsplatser", "Safe workplaces")})
    assert vocabulary.measure_name(3) == "Åtgärd 3: Trygga arbetsplatser"
    assert vocabulary.measure_name(3, "en") == "Measure 3: Safe workplaces (en)"
    assert vocabulary.measure_name(3, "vi") == "Biện pháp 3: Safe workplaces (vi)"
    assert vocabulary.measure_name(4) == "Åtgärd 4"
    assert 3 not in vocabulary.untitled_measures


def test_check_warns_once_while_every_title_is_a_placeholder() -> None:
    assert [problem.format() for problem in vocabulary_warnings(load_vocabulary())] == [
        "generator/vocabulary.yaml: measures: Alla planens 17 åtgärder har bara en exempeltitel "
        "(example: true), så webbplatsen visar dem med sitt nummer, som ”Åtgärd 1”. Skriv in planens "
        "egna titlar under measures i generator/vocabulary.yaml och ta bort example: true."
    ]
    assert vocabulary_warnings(load_vocabulary())[0].severity is Severity.WARNING


def test_check_warns_with_the_numbers_while_some_titles_are_placeholders() -> None:
    filled = {n: titles for n, titles in ALL_FILLED_IN.items() if n not in (2, 9)}
    assert [problem.format() for problem in vocabulary_warnings(vocabulary_with_titles(filled))] == [
        "generator/vocabulary.yaml: measures: 2 av planens 17 åtgärder (2, 9) har bara en exempeltitel "
        "(example: true), så webbplatsen visar dem med sitt nummer, som ”Åtgärd 2”. Skriv in planens "
        "egna titlar under measures i generator/vocabulary.yaml och ta bort example: true."
    ]


def test_check_is_quiet_once_every_title_is_filled_in() -> None:
    assert vocabulary_warnings(vocabulary_with_titles(ALL_FILLED_IN)) == []


def test_a_short_label_is_the_first_words_of_its_label() -> None:
    """So a speech user who says the short label a narrow table shows names the link (WCAG 2.5.3)."""
    vocabulary = load_vocabulary()
    shortened = {
        term.short: term.label
        for kind in ("grounds", "arenas")
        for term in vocabulary.terms(kind).values()
        if term.short
    }
    assert shortened["Religion"] == "Religion eller annan trosuppfattning"
    for short, label in shortened.items():
        assert label.startswith(short + " "), short
