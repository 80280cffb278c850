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
from functools import partial

from generator import urls
from generator.model import ListedStory, Reading, Story, Term, Translation, Vocabulary
from generator.site.templating import render_page, render_page_in
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


def format_duration(seconds: float, t: Translation) -> str:
    """Return a length as the page's language writes it: '45 s', '2 min 13 s'."""
    whole = max(1, round(seconds))
    minutes, rest = divmod(whole, 60)
    if minutes:
        return t.say("duration_minutes", minutes=minutes, seconds=rest)
    return t.say("duration_seconds", seconds=rest)


def format_size(size: int, t: Translation) -> str:
    """Return a file size as the page's language writes it: '812 kB', '1,4 MB'."""
    if size < 1_000_000:
        return t.say("size_kilobytes", size=max(1, round(size / 1000)))
    return t.say("size_megabytes", size=t.decimal(size / 1_000_000))


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
    """The page's and the podcast episode's description, in the story's language."""
    t = vocabulary.translation(story.language)
    collected = t.month_year(story.collected)
    if not story.grounds:
        return t.say("story_description_no_grounds", collected=collected)
    grounds = t.join([t.term("grounds", key).lower() for key in story.grounds])
    return t.say("story_description", grounds=grounds, collected=collected)


def _in_its_language(page: str, story: Story, vocabulary: Vocabulary) -> dict[str, str]:
    """A link from `page` to another language's version of a story, named in that language."""
    return {
        "url": urls.relative_url(page, urls.story_page(story.id)),
        "language": story.language,
        "direction": vocabulary.languages[story.primary_language].direction,
        "name": vocabulary.translation(story.language).name,
    }


def render_story(
    story: Story,
    links: StoryLinks,
    vocabulary: Vocabulary,
    reading: Reading | None,
    audio_base_url: str = "",
) -> tuple[str, str]:
    """Return the path and Markdown text of one story's page, with its player when it has a
    reading: every word around the story in the story's own language."""
    page = urls.story_page(story.id)
    language = vocabulary.languages[story.primary_language]
    t = vocabulary.translation(story.language)
    render = (
        render_page
        if story.primary_language == "sv"
        else partial(render_page_in, story.language, language.direction)
    )
    return render(
        "story.html.j2",
        page,
        story.title,
        story_description(story, vocabulary),
        story=story,
        layout=layout_sentences(story.paragraphs),
        t=t,
        language=language,
        original=_in_its_language(page, links.original, vocabulary) if links.original else None,
        translations=[_in_its_language(page, other, vocabulary) for other in links.translations],
        collected=t.month_year(story.collected),
        warning_topics=t.join([t.term("content_warnings", key).lower() for key in story.content_warnings]),
        organisations=vocabulary.organisations,
        back_page=urls.language_home(language.home) if language.home else "berattelser/index.md",
        voice=reading.voice_label if reading else "",
        duration=format_duration(reading.duration, t) if reading else "",
        size=format_size(reading.size, t) if reading else "",
        mp3_url=_mp3_url(page, reading, audio_base_url),
        vtt_url=urls.file_url(page, reading.vtt_path) if reading else "",
        # The search filters, named and valued in Swedish like the search page.
        filters=KIND_HEADINGS,
        sv=vocabulary.translation("sv"),
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
    """The pages that list stories: all of them, by term, by measure, by language, and each
    language's home with its help page."""
    listings = [render_story_index(published, vocabulary, has_feed)]
    for kind in urls.TERM_FOLDERS:
        listings += render_terms(kind, published, vocabulary, has_statistics)
    listings += render_plan(published, vocabulary)
    listings += render_languages(published, vocabulary)
    by_home = _by_key(published, lambda s: [vocabulary.languages[s.primary_language].home])
    for home in urls.LANGUAGE_HOMES:
        listings += render_language_home(home, by_home.get(home, []), vocabulary)
    return dict(listings)


def home_name(home: str, vocabulary: Vocabulary) -> str:
    """A language home named in its own languages: "English", "Bosanski, hrvatski, srpski"."""
    names = ", ".join(
        vocabulary.translations[code].name for code, lang in vocabulary.languages.items() if lang.home == home
    )
    return names[:1].upper() + names[1:]


def _home_entry(story: Story, t: Translation, vocabulary: Vocabulary) -> dict[str, object]:
    """A story as its language home lists it: title, whether it is a translation, and where it
    was placed (grounds and arenas), named in the home's language."""
    labels = [t.term("grounds", key) for key in story.grounds] + [
        t.term("arenas", key) for key in story.arenas
    ]
    return {
        "id": story.id,
        "title": story.title,
        "language": story.language,
        "direction": vocabulary.languages[story.primary_language].direction,
        "translation": bool(story.translation_of),
        "terms": " · ".join(labels),
    }


def render_language_home(
    home: str, stories: Sequence[Story], vocabulary: Vocabulary
) -> list[tuple[str, str]]:
    """Return a language home and its help page, in that language, listing its languages' stories."""
    t = vocabulary.translation(home)
    direction = vocabulary.languages[home].direction
    return [
        render_page_in(
            home,
            direction,
            "language_home.html.j2",
            urls.language_home(home),
            t.say("home_title"),
            t.say("home_description"),
            t=t,
            direction=direction,
            stories=[_home_entry(story, t, vocabulary) for story in stories],
            help_page=urls.help_page(home),
        ),
        render_page_in(
            home,
            direction,
            "language_help.html.j2",
            urls.help_page(home),
            t.say("help_page_title"),
            t.say("help_page_description"),
            t=t,
            direction=direction,
            organisations=vocabulary.organisations,
            home_page=urls.language_home(home),
        ),
    ]


def _review_status(t: Translation) -> str:
    if t.language == "sv":
        return "Originalet."
    if t.reviewed_by:
        return f"Granskade av {t.reviewed_by} {t.reviewed_on}."
    return "Utkast som ingen översättare har granskat än."


def render_languages(stories: Sequence[Story], vocabulary: Vocabulary) -> list[tuple[str, str]]:
    """Return the Swedish page about the site's languages and a list of the stories in each."""
    by_language = _by_key(stories, lambda s: [s.primary_language])
    rows = [
        {
            "code": code,
            "label": language.label,
            "direction": language.direction,
            "name": vocabulary.translations[code].name,
            "count": count_stories(len(by_language.get(code, []))),
            "home": language.home,
            "home_name": home_name(language.home, vocabulary) if language.home else "Startsidan",
            "status": _review_status(vocabulary.translations[code]),
        }
        for code, language in vocabulary.languages.items()
    ]
    pages = [
        render_page(
            "languages.html.j2",
            urls.languages_page(),
            "Språk",
            "Webbplatsens språk, berättelserna på varje språk och hur långt översättningarna har kommit.",
            rows=rows,
        )
    ]
    for code, language in vocabulary.languages.items():
        listed = by_language.get(code, [])
        pages.append(
            render_page(
                "language_list.html.j2",
                urls.language_list_page(code),
                f"Berättelser på {language.label}",
                f"De publicerade berättelserna som är skrivna på {language.label}.",
                language=language,
                stories=_listed(listed),
                languages=vocabulary.languages,
                count=count_stories(len(listed)),
            )
        )
    return pages
