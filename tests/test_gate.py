from __future__ import annotations

from dataclasses import replace

from generator.intake.gate import hidden_stories, published_stories
from generator.model import Status, Story

BASE = Story(
    id="hbg-0001",
    title="T",
    status=Status.APPROVED,
    language="sv",
    collected="2020",
    grounds=(),
    arenas=(),
    experiences=(),
    paragraphs=("p",),
    source="stories/hbg-0001.md",
)


def test_only_approved_passes_the_gate_and_everything_else_is_hidden() -> None:
    stories = [replace(BASE, id=f"s-{status.value}", status=status) for status in Status]
    assert [s.id for s in published_stories(stories)] == ["s-approved"]
    assert [s.id for s in hidden_stories(stories)] == ["s-draft", "s-review", "s-withdrawn"]


def test_published_stories_come_in_id_order() -> None:
    stories = [replace(BASE, id="b-1"), replace(BASE, id="a-1")]
    assert [s.id for s in published_stories(stories)] == ["a-1", "b-1"]
