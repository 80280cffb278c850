"""Distinctive words: what the search index holds of a story instead of its whole text."""

from __future__ import annotations

from generator.model import Status, Story
from generator.site.keywords import distinctive_words, story_text


def story(story_id: str, text: str) -> Story:
    return Story(story_id, "Rubrik", Status.APPROVED, "sv", "2025", (), (), (), (text,), "x.md")


def test_words_rare_elsewhere_come_first_and_short_words_never() -> None:
    stories = [
        story("a", "bussen bussen chauffören stannade inte vid hållplatsen och"),
        story("b", "bussen kom till skolan och läraren väntade"),
        story("c", "bussen var sen igen"),
    ]
    words = distinctive_words({s.id: story_text(s) for s in stories}, count=3)
    assert words["a"] == ("chauffören", "hållplatsen", "stannade")
    assert "och" not in words["b"] and "bussen" not in words["b"]


def test_the_result_does_not_depend_on_order() -> None:
    texts = {"a": "alfabet bokstav", "b": "bokstav ordlista"}
    assert distinctive_words(texts) == distinctive_words(dict(reversed(texts.items())))
