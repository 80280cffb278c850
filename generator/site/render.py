"""Render validated stories into the Markdown pages MkDocs builds: pure, no file access.

Every page is YAML front matter (written by a YAML dumper, never by string formatting) and a
single raw HTML block produced by autoescaping Jinja templates. Python-Markdown passes a raw
HTML block through untouched, so a story's words are never parsed as Markdown, HTML or Jinja:
they arrive as escaped text inside elements the templates control.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator import urls
from generator.model import ListedStory, Reading, Story, Term, Vocabulary
from generator.site.templating import format_collected, render_page
from generator.text import layout_sentences

KIND_HEADINGS = {
    "grounds": "Diskrimineringsgrunder",
    "arenas": "Arenor",
    "experiences": "Upplevelser",
}


@dataclass(frozen=True)
class StoryLinks:
    """What a story page links to that is not in the story itself: its translations."""

    original: Story | None
    translations: tuple[Story, ...]


def count_stories(count: int) -> str:
    """Return a count of stories in Swedish words: '1 berättelse', '3 berättelser'."""
    return "1 berättelse" if count == 1 else f"{count} berättelser"


def format_duration(seconds: float) -> str:
    """Return a length in Swedish: '45 s', '2 min 13 s'."""
    whole = max(1, round(seconds))
    minutes, rest = divmod(whole, 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def format_size(size: int) -> str:
    """Return a file size in Swedish: '812 kB', '1,4 MB'."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def _by_key(stories: Iterable[Story], keys: Callable[[Story], Iterable[object]]) -> dict[object, list[Story]]:
    """Index stories under each of their keys in one pass, so listings cost O(stories)."""
    index: dict[object, list[Story]] = defaultdict(list)
    for story in stories:
        for key in keys(story):
            index[key].append(story)
    return index


def _listed(stories: Iterable[Story]) -> list[ListedStory]:
    """The stories as a listing shows them: nothing else of a story reaches its template."""
    return [ListedStory.of(story) for story in stories]


def story_links(stories: Sequence[Story]) -> dict[str, StoryLinks]:
    """Each story's original and translations, by its id."""
    by_id = {story.id: story for story in stories}
    translations = _by_key(stories, lambda s: [s.translation_of] if s.translation_of else [])
    return {
        story.id: StoryLinks(by_id.get(story.translation_of or ""), tuple(translations.get(story.id, ())))
        for story in stories
    }


def story_description(story: Story, vocabulary: Vocabulary) -> str:
    labels = [vocabulary.grounds[key].label.lower() for key in story.grounds]
    about = f" om {', '.join(labels)}" if labels else ""
    return f"En berättelse{about}, berättad {format_collected(story.collected)}."


def render_story(
    story: Story,
    links: StoryLinks,
    vocabulary: Vocabulary,
    reading: Reading | None,
    keywords: Sequence[str],
    audio_base_url: str = "",
) -> tuple[str, str]:
    """Return the path and Markdown text of one story's page, with its player when it has a reading."""
    page = urls.story_page(story.id)
    language = vocabulary.languages[story.primary_language]
    return render_page(
        "story.html.j2",
        page,
        story.title,
        story_description(story, vocabulary),
        story=story,
        layout=layout_sentences(story.paragraphs),
        language=language,
        languages=vocabulary.languages,
        links=links,
        vocabulary=vocabulary,
        collected=format_collected(story.collected),
        voice=reading.voice_label if reading else "",
        duration=format_duration(reading.duration) if reading else "",
        size=format_size(reading.size) if reading else "",
        mp3_url=_mp3_url(page, reading, audio_base_url),
        vtt_url=urls.file_url(page, reading.vtt_path) if reading else "",
        keywords=keywords,
    )


def _mp3_url(page: str, reading: Reading | None, audio_base_url: str) -> str:
    """Beside the page, or on the readings' own host when the site would grow too heavy."""
    if reading is None:
        return ""
    return audio_base_url + reading.mp3_path if audio_base_url else urls.file_url(page, reading.mp3_path)


def render_story_index(stories: Sequence[Story], vocabulary: Vocabulary, has_feed: bool) -> tuple[str, str]:
    """Return the page that lists every published story, and links the podcast when there is one."""
    page = "berattelser/index.md"
    return render_page(
        "stories.html.j2",
        page,
        "Alla berättelser",
        "Alla publicerade berättelser i arkivet.",
        stories=_listed(stories),
        languages=vocabulary.languages,
        count=count_stories(len(stories)),
        feed_url=urls.file_url(page, urls.FEED_PATH) if has_feed else "",
    )


def render_terms(
    kind: str, stories: Sequence[Story], vocabulary: Vocabulary, has_statistics: bool
) -> list[tuple[str, str]]:
    """Return the index page of one kind of term and a page for each term with its stories."""
    index = _by_key(stories, lambda s: getattr(s, kind))
    terms: dict[str, Term] = vocabulary.terms(kind)
    heading = KIND_HEADINGS[kind]
    pages = [
        render_page(
            "terms.html.j2",
            urls.terms_index_page(kind),
            heading,
            f"Berättelserna ordnade efter {heading.lower()}.",
            kind=kind,
            terms=terms,
            counts={key: count_stories(len(index.get(key, []))) for key in terms},
            has_statistics=has_statistics,
        )
    ]
    for key, term in terms.items():
        listed = index.get(key, [])
        pages.append(
            render_page(
                "term.html.j2",
                urls.term_page(kind, key),
                term.label,
                f"Berättelser om {term.label.lower()}.",
                kind=kind,
                kind_heading=heading,
                stories=_listed(listed),
                languages=vocabulary.languages,
                count=count_stories(len(listed)),
                has_statistics=has_statistics,
            )
        )
    return pages


def render_plan(stories: Sequence[Story], vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """Return the plan's page and a page for each of its measures with the stories about it."""
    index = _by_key(stories, lambda s: s.measures)
    measures = vocabulary.measures
    pages = [
        render_page(
            "plan.html.j2",
            "planen/index.md",
            "Planen för lika möjligheter",
            f"Stadens {len(measures)} åtgärder för lika möjligheter och berättelserna som hör till dem.",
            vocabulary=vocabulary,
            counts={n: count_stories(len(index.get(n, []))) for n in measures},
        )
    ]
    for number, measure in measures.items():
        listed = index.get(number, [])
        pages.append(
            render_page(
                "measure.html.j2",
                urls.measure_page(number),
                f"Åtgärd {number}",
                f"Åtgärd {number} i planen för lika möjligheter och berättelserna som hör till den.",
                measure=measure,
                vocabulary=vocabulary,
                stories=_listed(listed),
                languages=vocabulary.languages,
                count=count_stories(len(listed)),
            )
        )
    return pages


def render_listings(
    published: Sequence[Story], vocabulary: Vocabulary, has_feed: bool, has_statistics: bool
) -> dict[str, str]:
    """The pages that list stories: all of them, by term, by measure."""
    listings = [render_story_index(published, vocabulary, has_feed)]
    for kind in urls.TERM_FOLDERS:
        listings += render_terms(kind, published, vocabulary, has_statistics)
    listings += render_plan(published, vocabulary)
    return dict(listings)
