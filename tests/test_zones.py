"""The triangle's zones in words and numbers, and the stories linked from the published ones only."""

from __future__ import annotations

from itertools import product

import pytest

from generator.intake.vocabulary import load_vocabulary
from generator.model import Story, StoryLink
from generator.statistics.survey import SurveyCounts, count_survey, triad_zone
from generator.statistics.tables import Statistics, build_statistics
from generator.statistics.zones import (
    LINKS_PER_ZONE,
    NOTHING_LINKED,
    Linked,
    stories_by_zone,
    triad_table,
    zone_bounds,
    zones,
)
from tests.test_render import make_story

VOCABULARY = load_vocabulary()
ANSWERS = {key: term.label for key, term in VOCABULARY.triad.items()}
HEADER = "response_id,collected,language,grounds,arenas,experiences,frequency,reported,age_group,triad_reaction_a,triad_reaction_b,triad_reaction_c,dyad_belonging\n"
# A dot in each zone.
DOT = {
    "a": "0.8,0.1,0.1",
    "b": "0.1,0.8,0.1",
    "c": "0.1,0.1,0.8",
    "ab": "0.5,0.4,0.1",
    "bc": "0.1,0.5,0.4",
    "ac": "0.4,0.1,0.5",
    "abc": "0.4,0.3,0.3",
}


def export(zone_sizes: dict[str, int]) -> SurveyCounts:
    """An export whose responses r-<zone>-<n> place their dot in the zones given, so many each."""
    rows = [
        f"r-{zone}-{n},2020-01,sv,kon,skola,utanforskap,ofta,nej,18-29,{DOT[zone]},50\n"
        for zone, size in zone_sizes.items()
        for n in range(size)
    ]
    return count_survey("responses.csv", (HEADER + "".join(rows)).encode(), VOCABULARY)


def story(story_id: str, response: str | None, **changes: object) -> Story:
    return make_story(id=story_id, title=f"Berättelsen {story_id}", response_id=response, **changes)


def linked_ids(linked: dict[str, Linked]) -> dict[str, list[str]]:
    return {zone: [s.id for s in found.stories] for zone, found in linked.items()}


@pytest.mark.parametrize(
    ("zone", "words"),
    [
        ("a", "”Sade ifrån” väger 60\u00a0% eller mer."),
        ("b", "”Teg” väger 60\u00a0% eller mer."),
        (
            "ab",
            "”Gick därifrån” väger mindre än 20\u00a0%, och varken ”Sade ifrån” eller ”Teg” når 60\u00a0%.",
        ),
        (
            "bc",
            "”Sade ifrån” väger mindre än 20\u00a0%, och varken ”Teg” eller ”Gick därifrån” når 60\u00a0%.",
        ),
        ("abc", "Alla tre väger minst 20\u00a0%, och inget når 60\u00a0%."),
    ],
)
def test_each_zone_is_described_in_words_and_numbers(zone: str, words: str) -> None:
    assert zone_bounds(zone, ANSWERS) == words


def described(zone: str, weights: dict[str, float]) -> bool:
    """Whether a dot lies in the zone as the page describes it, read independently of the code."""
    if len(zone) == 1:
        return weights[zone] >= 0.6
    if len(zone) == 2:
        (left_out,) = set("abc") - set(zone)
        return weights[left_out] < 0.2 and all(weights[k] < 0.6 for k in zone)
    return all(0.2 <= w < 0.6 for w in weights.values())


def test_the_published_bounds_place_every_dot_where_the_statistics_count_it() -> None:
    checked = 0
    for a, b in product(range(101), repeat=2):
        if a + b > 100:
            continue
        weights = {"a": a / 100, "b": b / 100, "c": (100 - a - b) / 100}
        matching = [zone for zone in DOT if described(zone, weights)]
        assert matching == [triad_zone(*weights.values())], weights
        checked += 1
    assert checked == 5151


def test_only_zones_with_a_published_count_link_their_stories() -> None:
    survey = export({"a": 20, "b": 3, "c": 15, "ab": 12, "abc": 9})
    statistics = build_statistics(survey, VOCABULARY)
    hidden = {row.key for row in triad_table(statistics).rows if row.count.hidden}
    assert "b" in hidden and "a" not in hidden and "c" not in hidden
    published = [
        story("hbg-0001", "r-a-0", collected="2020-05"),
        story("hbg-0002", "r-b-0"),  # in a hidden zone
        story("hbg-0003", "r-a-1", collected="2021-01"),
        story("hbg-0004", "r-c-0"),
        story("hbg-0005", "r-utan-rad"),  # a response the export does not have
        story("hbg-0006", None),
        story("hbg-0007", "r-a-0", translation_of="hbg-0001", language="en"),
    ]
    linked = stories_by_zone(statistics, survey.triad_zones, published)
    # Zones with a published count other than 0, newest told first, a translation with its original.
    assert set(linked) == {row.key for row in triad_table(statistics).rows if row.count.value}
    assert linked_ids(linked)["a"] == ["hbg-0003", "hbg-0001"]
    assert linked_ids(linked)["c"] == ["hbg-0004"]
    assert "hbg-0002" not in str(linked)
    assert linked["a"].stories[0] == StoryLink("hbg-0003", "Berättelsen hbg-0003", "sv", "sv")


def test_a_zone_links_its_newest_stories_and_says_there_are_more() -> None:
    survey = export({"a": 30, "b": 30, "c": 30})
    statistics = build_statistics(survey, VOCABULARY)
    published = [
        story(f"hbg-{n:04d}", f"r-a-{n}", collected=f"20{10 + n}-01") for n in range(LINKS_PER_ZONE + 2)
    ]
    linked = stories_by_zone(statistics, survey.triad_zones, published)
    assert linked_ids(linked)["a"] == [f"hbg-{n:04d}" for n in range(LINKS_PER_ZONE + 1, 1, -1)]
    assert linked["a"].more
    assert linked["b"] == Linked((), False)


def test_every_zone_is_presented_and_a_hidden_one_with_nothing_linked() -> None:
    survey = export({"a": 20, "b": 3, "c": 15, "ab": 12, "abc": 9})
    statistics: Statistics = build_statistics(survey, VOCABULARY)
    table = triad_table(statistics)
    # Even if the linked stories said otherwise, a hidden zone links nothing.
    forged = {"b": Linked((StoryLink("hbg-0002", "Dold", "sv", "sv"),), False)}
    presented = {zone.key: zone for zone in zones(table, VOCABULARY, forged)}
    assert list(presented) == ["a", "b", "c", "ab", "bc", "ac", "abc"]
    assert not presented["b"].published and presented["b"].shown == "dolt"
    assert presented["b"].linked == NOTHING_LINKED
    assert presented["a"].published and presented["a"].linked == NOTHING_LINKED
    assert presented["a"].label == "Sade ifrån mest"
