"""The publication gate: decide which stories may reach the site. Only `approved` passes."""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Status, Story


def published_stories(stories: Iterable[Story]) -> tuple[Story, ...]:
    """Return the stories that may be published, in id order."""
    return tuple(sorted((s for s in stories if s.status is Status.APPROVED), key=lambda s: s.id))


def hidden_stories(stories: Iterable[Story]) -> tuple[Story, ...]:
    """Return the stories that must leave no trace on the site: drafts, in review, withdrawn."""
    return tuple(sorted((s for s in stories if s.status is not Status.APPROVED), key=lambda s: s.id))
