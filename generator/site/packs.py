"""The print packs: for each of the plan's measures and each ground, a page made to be printed on A4
and taken into a library, a school or a meeting. Pure, no file access.

A pack holds the measure or the ground in words, the openings of a few published stories placed
under it (each with its page's address and a QR code to it), the city's three questions to the
reader, the way to the city's dialogue (its QR code, when mkdocs.yml gives its address) and the
contact centre. `python -m generator print` makes PDFs of them (generator/site/printing.py).

Which stories, never at random, so that the same archive prints the same packs: those placed under
the measure or ground, each story once (an original and its translations are one story, as in the
lists); the ones the editors featured first, then the newest told, then by id; the first
EXCERPTS_MOST. Each is printed in Swedish when the story has a Swedish version, else in its own
language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from operator import attrgetter

from generator import urls
from generator.model import Story, Vocabulary
from generator.site.render import StoryCard, listed_stories, section_name, story_cards
from generator.site.templating import render_page
from generator.text import excerpt

# Two or three openings fill a sheet with the questions and the ways to the city beside them.
EXCERPTS_MOST = 3
# The contact centre in generator/help.yaml: where a pack sends a reader who has questions.
CONTACT = "kontaktcenter"


@dataclass(frozen=True)
class Excerpt:
    """The opening of one story as a pack prints it."""

    story_id: str
    title: str
    language: str
    direction: str
    text: str
    content_warnings: tuple[str, ...]


@dataclass(frozen=True)
class PrintPacks:
    """The openings each pack prints: by measure number, and by ground."""

    measures: dict[int, tuple[Excerpt, ...]]
    grounds: dict[str, tuple[Excerpt, ...]]


def _in_swedish(card: StoryCard, by_id: dict[str, Story]) -> Story:
    """The version of a story a Swedish page prints: the Swedish one if there is one, else the original."""
    swedish = (version.id for version in card.versions if version.primary_language == "sv")
    return by_id[next(swedish, card.story.id)]


def _excerpt(story: Story, vocabulary: Vocabulary) -> Excerpt:
    return Excerpt(
        story.id,
        story.title,
        story.language,
        vocabulary.languages[story.primary_language].direction,
        excerpt(story.paragraphs),
        story.content_warnings,
    )


def print_packs(published: Sequence[Story], vocabulary: Vocabulary) -> PrintPacks:
    """Choose each pack's stories (the rule is in the module's docstring) and their openings."""
    by_id = {story.id: story for story in published}
    # Newest first from story_cards; a stable sort puts the featured ones before the others.
    cards = sorted(story_cards(listed_stories(published, {})), key=lambda card: not card.featured)

    def chosen(key: object, keys_of: Callable[[StoryCard], tuple[object, ...]]) -> tuple[Excerpt, ...]:
        under: Iterator[StoryCard] = (card for card in cards if key in keys_of(card))
        return tuple(_excerpt(_in_swedish(card, by_id), vocabulary) for card in islice(under, EXCERPTS_MOST))

    return PrintPacks(
        {number: chosen(number, attrgetter("measures")) for number in vocabulary.measures},
        {key: chosen(key, partial(StoryCard.keys, kind="grounds")) for key in vocabulary.grounds},
    )


@dataclass(frozen=True)
class PackPages:
    """What every pack prints besides its stories: the site's address, the dialogue's and the contact."""

    vocabulary: Vocabulary
    site_url: str
    dialogue_url: str

    def excerpt_view(self, page: str, chosen: Excerpt) -> dict[str, str]:
        """One opening as the template prints it: a warning first if the story has one."""
        t = self.vocabulary.translation("sv")
        story_page = urls.story_page(chosen.story_id)
        topics = t.join([t.term("content_warnings", key).lower() for key in chosen.content_warnings])
        return {
            "title": chosen.title,
            "language": chosen.language,
            "direction": chosen.direction,
            "text": chosen.text,
            "warning": t.say("warning_text", topics=topics) if topics else "",
            "url": urls.relative_url(page, story_page),
            "address": urls.page_address(self.site_url, story_page),
        }

    def render(
        self, page: str, title: str, description: str, excerpts: Sequence[Excerpt], **about: object
    ) -> tuple[str, str]:
        """One pack: `about` says what it is about (a measure, or a ground's key)."""
        vocabulary = self.vocabulary
        return render_page(
            "print_pack.html.j2",
            page,
            title,
            description,
            t=vocabulary.translation("sv"),
            excerpts=[self.excerpt_view(page, chosen) for chosen in excerpts],
            contact=next(o for o in vocabulary.organisations if o.key == CONTACT),
            site_url=self.site_url,
            dialogue_url=self.dialogue_url,
            vocabulary=vocabulary,
            **about,
        )


def render_print_pages(
    packs: PrintPacks, vocabulary: Vocabulary, site_url: str, dialogue_url: str
) -> dict[str, str]:
    """Return the page that lists the packs and a pack for each measure and each ground."""
    make = PackPages(vocabulary, site_url, dialogue_url)
    pages = [
        render_page(
            "print_index.html.j2",
            urls.print_index_page(),
            "Samtalsunderlag att skriva ut",
            "Sidor att skriva ut och samtala kring: utdrag ur berättelserna, frågor och hur du når staden.",
            vocabulary=vocabulary,
            grounds_name=section_name("grounds", vocabulary),
            most=EXCERPTS_MOST,
        )
    ]
    for number, excerpts in packs.measures.items():
        name = vocabulary.measure_name(number)
        pages.append(
            make.render(
                urls.print_measure_page(number),
                f"Samtalsunderlag: {name}",
                f"Att skriva ut: utdrag ur berättelser som hör till åtgärd {number} i planen för lika möjligheter.",
                excerpts,
                measure=vocabulary.measures[number],
                ground=None,
                up_page=urls.measure_page(number),
            )
        )
    for key, excerpts in packs.grounds.items():
        label = vocabulary.grounds[key].label
        pages.append(
            make.render(
                urls.print_ground_page(key),
                f"Samtalsunderlag: {label}",
                f"Att skriva ut: utdrag ur berättelser om {label.lower()}, frågor och hur du når staden.",
                excerpts,
                measure=None,
                ground=vocabulary.grounds[key],
                up_page=urls.term_page("grounds", key),
            )
        )
    return dict(pages)
