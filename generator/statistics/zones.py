"""The triangle of reactions in words: where each of its seven zones begins and ends, and which
published stories' tellers placed their dot there.

A link from a zone to a story tells the reader how that story's teller answered. It is made only
from a zone whose count is published (issue 18): a hidden zone with a link would say that at
least one response lies there, and so narrow down a number the disclosure rules keep back, while
a published count already says that at least as many responses as the smallest count allowed
share the zone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.model import Story, StoryLink, Vocabulary
from generator.statistics.survey import TRIAD_STRONG, TRIAD_WEAK
from generator.statistics.tables import Statistics, StatTable

TRIAD = "triad"
# The newest stories linked from a zone: a site of 10,000 stories would otherwise put thousands
# of links on one page.
LINKS_PER_ZONE = 10
# Between a number and its unit, so "100 %" never breaks over two lines.
NO_BREAK = "\u00a0"


@dataclass(frozen=True)
class Linked:
    """The newest published stories told from one zone, and whether more were told from it."""

    stories: tuple[StoryLink, ...]
    more: bool


@dataclass(frozen=True)
class Zone:
    """One zone of the triangle as the reactions page presents it."""

    key: str
    label: str
    bounds: str
    shown: str
    # Whether the zone's count is published: only then are its stories linked.
    published: bool
    linked: Linked


NOTHING_LINKED = Linked((), False)


def _percent(share: float) -> str:
    return f"{round(share * 100)}{NO_BREAK}%"


def zone_bounds(zone: str, answers: Mapping[str, str]) -> str:
    """Where a zone lies, in the shares of the dot's weight that the survey's zones are cut at
    (survey.triad_zone), so that a reader can place any answer themselves."""
    strong, weak = _percent(TRIAD_STRONG), _percent(TRIAD_WEAK)
    if len(zone) == 1:
        return f"”{answers[zone]}” väger {strong} eller mer."
    if len(zone) == 2:
        first, second = (answers[key] for key in zone)
        (left_out,) = (answers[key] for key in "abc" if key not in zone)
        return f"”{left_out}” väger mindre än {weak}, och varken ”{first}” eller ”{second}” når {strong}."
    return f"Alla tre väger minst {weak}, och inget når {strong}."


def triad_table(statistics: Statistics) -> StatTable:
    return next(table for table in statistics.tables if table.dimension.key == TRIAD)


def _one_per_response(stories: Sequence[Story]) -> dict[str, Story]:
    """Each response's story once: the original where a translation shares its response."""
    chosen: dict[str, Story] = {}
    for story in sorted(stories, key=lambda s: (s.translation_of is not None, s.id)):
        if story.response_id is not None:
            chosen.setdefault(story.response_id, story)
    return chosen


def stories_by_zone(
    statistics: Statistics, zone_of_response: Mapping[str, str], published: Sequence[Story]
) -> dict[str, Linked]:
    """The newest published stories in each zone whose count is published and not 0.

    All a statistics page needs of the stories, so that a digest of it says when those pages
    change: a new title of a linked story does, an edit of any story's text does not.
    """
    in_zone: dict[str, list[Story]] = {}
    for response, story in _one_per_response(published).items():
        if response in zone_of_response:
            in_zone.setdefault(zone_of_response[response], []).append(story)
    linked = {}
    # A published count other than 0 is at least the smallest count the rules allow.
    for zone in (row.key for row in triad_table(statistics).rows if row.count.value):
        newest = sorted(in_zone.get(zone, []), key=lambda s: s.id)
        newest.sort(key=lambda s: s.collected, reverse=True)  # newest told first, then by id
        stories = tuple(StoryLink.of(s) for s in newest[:LINKS_PER_ZONE])
        linked[zone] = Linked(stories, len(newest) > LINKS_PER_ZONE)
    return linked


def zones(table: StatTable, vocabulary: Vocabulary, linked: Mapping[str, Linked]) -> tuple[Zone, ...]:
    """Every zone of the triangle with its bounds, its published count and, only where that count
    is published, its linked stories."""
    answers = {key: term.label for key, term in vocabulary.triad.items()}
    return tuple(
        Zone(
            row.key,
            row.label,
            zone_bounds(row.key, answers),
            row.shown,
            not row.count.hidden,
            linked.get(row.key, NOTHING_LINKED) if row.count.value else NOTHING_LINKED,
        )
        for row in table.rows
    )
