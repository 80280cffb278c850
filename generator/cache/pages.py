"""Reuse the generated pages an earlier build wrote when what they are made from is unchanged.

A page is a function of its inputs alone (site/render.py renders it and knows nothing of this),
so one whose inputs `previous` (docs/.generated.json) knows is read back instead of rendered. A
story page's inputs are the story, its translations, its reading and film, the vocabulary, the
addresses in mkdocs.yml (the site's own, shown to copy and printed with a QR code) and the
generator (templates included). The listing pages share theirs: each story as listed
(ListedStory: its card, with its teaser and reading, and the terms, measures and original that
place it), whether there are statistics, the vocabulary (with every language's texts), the
readings' host, those addresses (the site's own: the podcast feeds' and pages' addresses to copy;
the dialogue's, the report's, the film's) and the generator.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from generator import urls
from generator.cache.memo import generator_fingerprint
from generator.model import NO_ADDRESSES, Addresses, Film, Reading, Story, Vocabulary
from generator.site.render import StoryLinks, listed_stories, render_listings, render_story, story_links
from generator.workers import Workers, each


class Recall(Protocol):
    """The pages an earlier build rendered, each with a digest of what it was made from."""

    def read_ahead(self, relatives: Iterable[str]) -> None:
        """Read these pages now, if they are there as made, while a worker does other work."""

    def recall(self, relative: str, inputs: str) -> str | None:
        """The page at this path if it was made from these inputs, else None."""

    def recall_all(self, inputs: str) -> dict[str, str] | None:
        """Every page made from these inputs, by path, if all are there as made; else None."""


@dataclass(frozen=True)
class RenderedSite:
    """The generated pages by path under docs/, and for each page a digest of its inputs."""

    pages: dict[str, str]
    inputs: dict[str, str]


def _digest(*inputs: object) -> str:
    return hashlib.sha256(repr(inputs).encode()).hexdigest()


def made_from(*inputs: object) -> str:
    """A digest of everything some pages are made from, the generator's code and templates included."""
    return _digest(generator_fingerprint(), *inputs)


def recalled_or_rendered(
    previous: Recall | None, inputs: str, render: Callable[[], dict[str, str]]
) -> dict[str, str]:
    """Pages made together from the same inputs: all recalled, or all rendered again."""
    pages = previous.recall_all(inputs) if previous else None
    return pages if pages is not None else render()


def story_page_text(
    story: Story,
    links: StoryLinks,
    reading: Reading | None,
    film: Film | None,
    vocabulary: Vocabulary,
    audio_base_url: str,
    addresses: Addresses,
) -> str:
    """The Markdown of one story page: what a worker renders for the pages not recalled."""
    return render_story(story, links, vocabulary, reading, audio_base_url, addresses, film)[1]


def render_site(
    published: Sequence[Story],
    vocabulary: Vocabulary,
    readings: dict[str, Reading],
    has_statistics: bool,
    audio_base_url: str = "",
    previous: Recall | None = None,
    workers: Workers | None = None,
    addresses: Addresses = NO_ADDRESSES,
    films: Mapping[str, Film] | None = None,
) -> RenderedSite:
    """Render every generated page of the site for the published stories, recalling from
    `previous` each page whose inputs it knows.

    A worker, if given, renders half the story pages that are not recalled (all of them in a
    first build) while this process renders the listings and the other half.
    """
    # A worker still starting would keep this process waiting longer than the work takes here.
    helper = workers if workers is not None and workers.started() else None
    links = story_links(published)
    common = made_from(vocabulary, audio_base_url, addresses)
    # A listing shows nothing of a story but its ListedStory (its card and where it is listed).
    listings_made_from = _digest(common, has_statistics, listed_stories(published, readings))
    listings: dict[str, str] = {}

    def recall_or_render_listings() -> None:
        """This process's alone: done while the worker renders its first story pages."""
        listings.update(
            recalled_or_rendered(
                previous,
                listings_made_from,
                lambda: render_listings(
                    published, vocabulary, readings, has_statistics, audio_base_url, addresses
                ),
            )
        )

    if previous:
        previous.read_ahead(urls.story_page(story.id) for story in published)
    pages, inputs = {}, {}
    films = films or {}
    to_render: list[tuple[Story, StoryLinks, Reading | None, Film | None]] = []
    for story in published:
        page = urls.story_page(story.id)
        made_of = (story, links[story.id], readings.get(story.id), films.get(story.id))
        inputs[page] = _digest(common, *made_of)
        known = previous.recall(page, inputs[page]) if previous else None
        if known is not None:
            pages[page] = known
        else:
            to_render.append(made_of)
    settings = (vocabulary, audio_base_url, addresses)
    rendered = each(story_page_text, to_render, settings, helper, recall_or_render_listings)
    for (story, *_), text in zip(to_render, rendered, strict=True):
        pages[urls.story_page(story.id)] = text
    inputs |= dict.fromkeys(listings, listings_made_from)
    return RenderedSite(dict(sorted((pages | listings).items())), inputs)
