from __future__ import annotations

from generator.intake.vocabulary import load_vocabulary


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
