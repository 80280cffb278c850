"""Which podcast feeds the site has and which stories each plays: the same stories its page lists.

The main feed (podcast.xml) plays every reading, translations too, as it always has. A ground's
and a measure's feed play what their pages list, each story once, in the version its card shows
(the original, or a translation whose original is not published). A language's feed plays every
story written in that language, a translation too: a listener picks that feed by its language.
A feed that would play nothing is not made, and no page links it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from generator import urls
from generator.model import ListedStory, PodcastChannel, PodcastOwner, Reading, Story, Vocabulary
from generator.site.render import (
    FEED_KINDS,
    StoryCard,
    cards_by_measure,
    cards_by_term,
    cards_in_languages,
    feed_stories,
    listed_stories,
    story_cards,
)

# The place in generator/help.yaml that answers for the feeds (itunes:owner).
OWNER = "kontaktcenter"


def podcast_owner(vocabulary: Vocabulary) -> PodcastOwner | None:
    """The city's contact centre, named as the Swedish pages name it, when its e-mail is known."""
    for organisation in vocabulary.organisations:
        if organisation.key == OWNER and organisation.email:
            return PodcastOwner(vocabulary.translation("sv").organisations[OWNER][0], organisation.email)
    return None


def podcast_channels(
    published: Sequence[Story],
    readings: Mapping[str, Reading],
    vocabulary: Vocabulary,
    site_name: str,
    site_description: str,
) -> list[PodcastChannel]:
    """Every feed of the site that plays at least one story: the main one, then one per ground,
    per measure and per language."""
    listed = listed_stories(published, readings)
    cards = story_cards(listed)
    main = PodcastChannel(
        urls.FEED_PATH,
        "index.md",
        site_name,
        site_description,
        "sv",
        tuple(story.id for story in listed if story.reading_file),
    )
    channels = [
        main,
        *_ground_channels(cards, vocabulary, site_name),
        *_measure_channels(cards, vocabulary, site_name),
        *_language_channels(listed, vocabulary),
    ]
    return [channel for channel in channels if channel.story_ids]


def _channel(
    page: str, title: str, description: str, language: str, stories: Iterable[ListedStory]
) -> PodcastChannel:
    """The feed beside a listing page."""
    return PodcastChannel(
        urls.feed_path(page), page, title, description, language, tuple(story.id for story in stories)
    )


def _ground_channels(
    cards: Sequence[StoryCard], vocabulary: Vocabulary, site_name: str
) -> Iterable[PodcastChannel]:
    """A feed for each ground (each kind of FEED_KINDS), of the stories its page lists."""
    for kind in FEED_KINDS:
        index = cards_by_term(cards, kind)
        for key, term in vocabulary.terms(kind).items():
            yield _channel(
                urls.term_page(kind, key),
                f"{site_name}: {term.label}",
                f"Uppläsningar av berättelserna om {term.label.lower()}.",
                "sv",
                feed_stories(index.get(key, [])),
            )


def _measure_channels(
    cards: Sequence[StoryCard], vocabulary: Vocabulary, site_name: str
) -> Iterable[PodcastChannel]:
    """A feed for each of the plan's measures, of the stories its page lists."""
    index = cards_by_measure(cards)
    for number in vocabulary.measures:
        yield _channel(
            urls.measure_page(number),
            f"{site_name}: {vocabulary.measure_name(number)}",
            f"Uppläsningar av berättelserna som hör till åtgärd {number} i stadens plan för lika möjligheter.",
            "sv",
            feed_stories(index.get(number, [])),
        )


def _language_channels(listed: Sequence[ListedStory], vocabulary: Vocabulary) -> Iterable[PodcastChannel]:
    """A feed for each language, of the stories written in it, titled in that language."""
    for code in vocabulary.languages:
        t = vocabulary.translation(code)
        yield _channel(
            urls.language_list_page(code),
            t.say("feed_title"),
            t.say("feed_description"),
            code,
            feed_stories(cards_in_languages(listed, {code})),
        )
