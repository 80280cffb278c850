"""Render validated stories into the Markdown pages MkDocs builds: pure, no file access.

Every page is YAML front matter (written by a YAML dumper, never by string formatting) and a
single raw HTML block produced by autoescaping Jinja templates. Python-Markdown passes a raw
HTML block through untouched, so a story's words are never parsed as Markdown, HTML or Jinja:
they arrive as escaped text inside elements the templates control.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar
from urllib.parse import urljoin

from generator import urls
from generator.model import (
    NO_ADDRESSES,
    Addresses,
    Film,
    ListedStory,
    Reading,
    Story,
    Term,
    Translation,
    Vocabulary,
)
from generator.site.qr import qr_svg
from generator.site.templating import as_html, render_page, render_page_in
from generator.text import layout_sentences, teaser

T = TypeVar("T")

# The kinds of term a list of stories can be narrowed by, and the site's one name for each
# section is the Swedish story page's (generator/i18n/sv.yaml): the menu says the same.
TERM_KINDS = ("grounds", "arenas", "experiences")
# How many stories the home page opens with: every featured one up to the most, else the newest.
HOME_STORIES_FEWEST = 3
HOME_STORIES_MOST = 6
# The kinds of term whose pages have a podcast feed of their stories (besides each measure and language).
FEED_KINDS = ("grounds",)
# The city's way in for every question (generator/help.yaml), where the dialogue page sends readers.
CONTACT_CENTRE = "kontaktcenter"


# The kinds of file a link may lead to, named as a reader knows them, so that a link says what
# opens before it is followed (WCAG 2.4.4); an address without one of these is a web page.
FILE_TYPES = {".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".odt": "ODT", ".mp4": "MP4", ".webm": "WebM"}


def file_type(address: str) -> str:
    """The kind of file an address leads to ("PDF"), from the end of its path; '' for a web page."""
    path = address.split("#", 1)[0].split("?", 1)[0].lower()
    return next((name for suffix, name in FILE_TYPES.items() if path.endswith(suffix)), "")


def project_links(addresses: Addresses) -> list[dict[str, str]]:
    """The project's film and report, as the city's own page offers them, each with its file
    type when the address shows one; none while mkdocs.yml leaves them out."""
    links = {"film": addresses.film_url, "report": addresses.report_url}
    return [{"kind": kind, "url": url, "type": file_type(url)} for kind, url in links.items() if url]


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


def _by_key(items: Iterable[T], keys: Callable[[T], Iterable[object]]) -> dict[object, list[T]]:
    """Index stories (or cards) under each of their keys in one pass, so listings cost O(stories)."""
    index: dict[object, list[T]] = defaultdict(list)
    for item in items:
        for key in keys(item):
            index[key].append(item)
    return index


def listed_stories(stories: Iterable[Story], readings: Mapping[str, Reading]) -> list[ListedStory]:
    """The stories as a listing shows them: nothing else of a story reaches its template."""
    return [ListedStory.of(story, readings.get(story.id)) for story in stories]


def section_name(kind: str, vocabulary: Vocabulary) -> str:
    """The one name of the section of grounds, arenas or experiences, wherever the site names it."""
    return vocabulary.translation("sv").say(kind)


@dataclass(frozen=True)
class StoryCard:
    """One story in a list: the version the card shows, the original it was translated from (when
    the list is of one language) and its other versions, so that a list counts each story once."""

    story: ListedStory
    original: ListedStory | None
    translations: tuple[ListedStory, ...]

    @property
    def versions(self) -> tuple[ListedStory, ...]:
        return (self.story, *((self.original,) if self.original else ()), *self.translations)

    def keys(self, kind: str) -> tuple[str, ...]:
        """The terms of a kind that any version was placed under: the card is listed under each."""
        return tuple(sorted({key for version in self.versions for key in getattr(version, kind)}))

    @property
    def measures(self) -> tuple[int, ...]:
        """The plan's measures that any version speaks to."""
        return tuple(sorted({number for version in self.versions for number in version.measures}))

    @property
    def featured(self) -> bool:
        return any(version.featured for version in self.versions)


def _original_of(story: ListedStory, by_id: Mapping[str, ListedStory]) -> ListedStory:
    """The published story a translation was first written as (itself when it is no translation,
    or its original is not published). Should translations point at each other in a loop, the
    story with the first id in the loop stands for them all."""
    seen = [story]
    while seen[-1].translation_of in by_id:
        original = by_id[seen[-1].translation_of or ""]
        if original in seen:
            return min(seen[seen.index(original) :], key=lambda s: s.id)
        seen.append(original)
    return seen[-1]


def _versions_by_original(stories: Sequence[ListedStory]) -> dict[str, list[ListedStory]]:
    """Every story under its original's id, the original first."""
    by_id = {story.id: story for story in stories}
    groups: dict[str, list[ListedStory]] = defaultdict(list)
    for story in sorted(stories, key=lambda s: (s.id != _original_of(s, by_id).id, s.id)):
        groups[_original_of(story, by_id).id].append(story)
    return groups


def story_cards(stories: Sequence[ListedStory]) -> list[StoryCard]:
    """Each story once, newest told first: an original with its translations named on its card.
    A translation whose original is not published is a story of its own."""
    return newest_first(
        StoryCard(versions[0], None, tuple(versions[1:]))
        for versions in _versions_by_original(stories).values()
    )


def cards_in_languages(stories: Sequence[ListedStory], languages: Collection[str]) -> list[StoryCard]:
    """The stories written in these languages (primary subtags), each with its original and its
    other versions named."""
    cards = []
    for versions in _versions_by_original(stories).values():
        for story in versions:
            if story.primary_language in languages:
                original = versions[0] if story is not versions[0] else None
                others = tuple(v for v in versions[1:] if v is not story)
                cards.append(StoryCard(story, original, others))
    return newest_first(cards)


def newest_first(cards: Iterable[StoryCard]) -> list[StoryCard]:
    """Cards by when the story was told, the newest first ('2025-10' before '2025'), then by id."""
    by_id = sorted(cards, key=lambda card: card.story.id)
    return sorted(by_id, key=lambda card: card.story.collected, reverse=True)


def cards_by_term(cards: Iterable[StoryCard], kind: str) -> dict[object, list[StoryCard]]:
    """The cards each term's page lists: a card under every term any of its versions has."""
    return _by_key(cards, partial(StoryCard.keys, kind=kind))


def cards_by_measure(cards: Iterable[StoryCard]) -> dict[object, list[StoryCard]]:
    """The cards each measure's page lists: a card under every measure any of its versions speaks to."""
    return _by_key(cards, lambda card: card.measures)


def feed_stories(cards: Iterable[StoryCard]) -> list[ListedStory]:
    """The stories a page's podcast feed plays: the version each card shows, when it is read aloud.
    So a feed counts a story once, as its page does, and plays it in the language its card shows."""
    return [card.story for card in cards if card.story.reading_file]


def home_stories(cards: Sequence[StoryCard]) -> list[StoryCard]:
    """The stories the home page opens with: those the editors featured (newest first, at most
    HOME_STORIES_MOST), filled up to HOME_STORIES_FEWEST with the newest others. Never random,
    so that two builds of the same archive make the same page."""
    featured = [card for card in cards if card.featured][:HOME_STORIES_MOST]
    others = [card for card in cards if not card.featured]
    return featured + others[: max(0, HOME_STORIES_FEWEST - len(featured))]


def audio_url(page: str, site_path: str, audio_base_url: str) -> str:
    """A reading's address from a page: beside it, or on the readings' own host."""
    return audio_base_url + site_path if audio_base_url else urls.file_url(page, site_path)


def _card_view(
    card: StoryCard, page: str, t: Translation, vocabulary: Vocabulary, audio_base_url: str
) -> dict[str, object]:
    """What a card shows, in the page's language t: the story's own words in the story's language."""
    story = card.story
    minutes = max(1, round(story.reading_seconds / 60))
    return {
        "url": urls.relative_url(page, urls.story_page(story.id)),
        "title": story.title,
        "language": story.language,
        "direction": vocabulary.languages[story.primary_language].direction,
        "teaser": story.teaser,
        "tags": " · ".join(
            [t.term("grounds", key) for key in card.keys("grounds")]
            + [t.term("arenas", key) for key in card.keys("arenas")]
        ),
        "language_name": vocabulary.translation(story.language).name,
        "told": t.say("card_told", collected=t.month_year(story.collected)),
        "length": t.say("card_listening_time", minutes=minutes)
        if story.reading_file
        else t.say("card_reading_time", minutes=story.minutes_to_read),
        "audio_url": audio_url(page, story.reading_file, audio_base_url) if story.reading_file else "",
        "listen_label": t.say("card_listen", title=story.title),
        "original": _in_its_language(page, card.original, vocabulary) if card.original else None,
        "translations": [_in_its_language(page, other, vocabulary) for other in card.translations],
        "filters": {
            **{kind: " ".join(card.keys(kind)) for kind in TERM_KINDS},
            "languages": " ".join(sorted({version.primary_language for version in card.versions})),
        },
    }


@dataclass(frozen=True)
class Cards:
    """Makes the cards of the listing pages, each in its page's language."""

    vocabulary: Vocabulary
    audio_base_url: str
    site_url: str = ""

    @property
    def swedish(self) -> Translation:
        """The texts of the Swedish pages, which the cards' own words are in."""
        return self.vocabulary.translation("sv")

    def view(self, cards: Iterable[StoryCard], page: str, language: str = "sv") -> list[dict[str, object]]:
        """The cards as the template shows them on `page`, in its language."""
        t = self.vocabulary.translation(language)
        return [_card_view(card, page, t, self.vocabulary, self.audio_base_url) for card in cards]

    def feed(self, page: str, feed_path: str, language: str = "") -> dict[str, str]:
        """A link from `page` to a podcast feed with the feed's whole address to copy, and, on a
        page with a feed per language, that language named in itself, as a line starts
        ("Bosanski")."""
        name = self.vocabulary.translation(language).name if language else ""
        return {
            "url": urls.file_url(page, feed_path),
            "address": urljoin(self.site_url, feed_path),
            "language": language,
            "name": name[:1].upper() + name[1:],
            "direction": self.vocabulary.languages[language].direction if language else "ltr",
        }

    def feeds(self, page: str, cards: Iterable[StoryCard]) -> list[dict[str, str]]:
        """The page's podcast feed, beside it, when any story it lists is read aloud; else none."""
        return [self.feed(page, urls.feed_path(page))] if feed_stories(cards) else []


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


def _in_its_language(page: str, story: Story | ListedStory, vocabulary: Vocabulary) -> dict[str, str]:
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
    addresses: Addresses = NO_ADDRESSES,
    film: Film | None = None,
) -> tuple[str, str]:
    """Return the path and Markdown text of one story's page, with its player when it has a
    reading and its film when it is featured: every word around the story in its own language.
    With the site's address, a printed page carries its own address and a QR code to it."""
    page = urls.story_page(story.id)
    language = vocabulary.languages[story.primary_language]
    t = vocabulary.translation(story.language)
    render = (
        render_page
        if story.primary_language == "sv"
        else partial(render_page_in, story.language, language.direction, t.say("sample_notice"))
    )
    return render(
        "story.html.j2",
        page,
        story.title,
        story_description(story, vocabulary),
        story_preview(story, vocabulary),
        story=story,
        address=urls.page_address(addresses.site_url, page),
        layout=layout_sentences(story.paragraphs),
        t=t,
        language=language,
        original=_in_its_language(page, links.original, vocabulary) if links.original else None,
        translations=[_in_its_language(page, other, vocabulary) for other in links.translations],
        collected=t.month_year(story.collected),
        warning_topics=t.topics(story.content_warnings),
        organisations=vocabulary.organisations,
        back_page=urls.language_home(language.home) if language.home else "berattelser/index.md",
        voice=reading.voice_label if reading else "",
        duration=format_duration(reading.duration, t) if reading else "",
        size=format_size(reading.size, t) if reading else "",
        mp3_url=_mp3_url(page, reading, audio_base_url),
        vtt_url=urls.file_url(page, reading.vtt_path) if reading else "",
        film_url=audio_url(page, film.path, audio_base_url) if film and reading else "",
        film_size=format_size(film.size, t) if film else "",
        measure_names=[
            (number, vocabulary.measure_name(number, story.language)) for number in story.measures
        ],
        measures_untitled=any(number in vocabulary.untitled_measures for number in story.measures),
        # The search filters, named and valued in Swedish like the search page.
        filters={kind: section_name(kind, vocabulary) for kind in urls.TERM_FOLDERS},
        sv=vocabulary.translation("sv"),
    )


def story_preview(story: Story, vocabulary: Vocabulary) -> dict[str, str]:
    """What a link preview (Open Graph) shows of a story page: an article, in the story's
    language, described by its first words. A story with a content warning is described as its
    page is, so that a preview in a chat never shows what the warning stands before."""
    t = vocabulary.translation(story.language)
    words = story_description(story, vocabulary) if story.content_warnings else teaser(story.paragraphs)
    return {"og_type": "article", "og_description": as_html(words), "og_locale": t.say("og_locale")}


def _mp3_url(page: str, reading: Reading | None, audio_base_url: str) -> str:
    """Beside the page, or on the readings' own host when the site would grow too heavy."""
    if reading is None:
        return ""
    return audio_url(page, reading.mp3_path, audio_base_url)


def render_story_index(cards: Sequence[StoryCard], make: Cards, has_feed: bool) -> tuple[str, str]:
    """Return the page that lists every published story, with the ways to narrow the list, and
    links the podcast when there is one."""
    page = "berattelser/index.md"
    vocabulary = make.vocabulary
    return render_page(
        "stories.html.j2",
        page,
        "Alla berättelser",
        "Alla publicerade berättelser i arkivet.",
        t=make.swedish,
        cards=make.view(cards, page),
        count=count_stories(len(cards)),
        narrowing=_narrowing(cards, vocabulary),
        feeds=[make.feed(page, urls.FEED_PATH)] if has_feed else [],
    )


def _narrowing(cards: Sequence[StoryCard], vocabulary: Vocabulary) -> list[dict[str, object]]:
    """Each way to narrow the list of all stories: its name, and each term (or language) that
    some story has, with its page and how many stories it has."""
    choices: list[dict[str, object]] = []
    for kind in TERM_KINDS:
        index = cards_by_term(cards, kind)
        choices.append(
            {
                "kind": kind,
                "name": section_name(kind, vocabulary),
                "options": [
                    {
                        "key": key,
                        "label": term.label,
                        "page": urls.term_page(kind, key),
                        "count": len(index[key]),
                    }
                    for key, term in vocabulary.terms(kind).items()
                    if key in index
                ],
            }
        )
    by_language = _by_key(cards, lambda card: {version.primary_language for version in card.versions})
    choices.append(
        {
            "kind": "languages",
            "name": "Språk",
            "options": [
                {
                    "key": code,
                    "label": language.label.capitalize(),
                    "page": urls.language_list_page(code),
                    "count": len(by_language[code]),
                }
                for code, language in vocabulary.languages.items()
                if code in by_language
            ],
        }
    )
    return choices


def render_home(
    cards: Sequence[StoryCard], make: Cards, addresses: Addresses = NO_ADDRESSES
) -> tuple[str, str]:
    """Return the site's start page: a few stories first, then what the site is and how to read
    it, the invitation to the dialogue, and the project's film and report when they are known."""
    page = urls.language_home("")
    return render_page(
        "home.html.j2",
        page,
        "Start",
        "Helsingborgsbor berättar om diskriminering, trakasserier och utanförskap. Läs berättelserna "
        "och se hur staden arbetar för lika möjligheter.",
        t=make.swedish,
        cards=make.view(home_stories(cards), page),
        count=count_stories(len(cards)),
        measures=len(make.vocabulary.measures),
        project_links=project_links(addresses),
    )


def render_dialogue(vocabulary: Vocabulary, addresses: Addresses) -> tuple[str, str]:
    """Return the page inviting residents to share their own experience: what happens to what
    they write, the city's dialogue with its QR code when mkdocs.yml gives its address, else how
    to reach the city, and the contact centre either way."""
    dialogue = addresses.dialogue_url
    return render_page(
        "dialogue.html.j2",
        urls.DIALOGUE_PAGE,
        "Berätta och var med i dialogen",
        "Så kan du berätta om något du själv har varit med om och vara med i stadens dialog, "
        "och vad som händer med det du skriver.",
        t=vocabulary.translation("sv"),
        dialogue_url=dialogue,
        dialogue_qr=qr_svg(dialogue, "QR-kod till stadens dialog") if dialogue else "",
        contact=next((o for o in vocabulary.organisations if o.key == CONTACT_CENTRE), None),
        project_links=project_links(addresses),
    )


def render_terms(
    cards: Sequence[StoryCard], make: Cards, kind: str, has_statistics: bool
) -> list[tuple[str, str]]:
    """Return the index page of one kind of term and a page for each term with its stories."""
    vocabulary = make.vocabulary
    index = cards_by_term(cards, kind)
    terms: dict[str, Term] = vocabulary.terms(kind)
    heading = section_name(kind, vocabulary)
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
        page = urls.term_page(kind, key)
        pages.append(
            render_page(
                "term.html.j2",
                page,
                term.label,
                f"Berättelser om {term.label.lower()}.",
                kind=kind,
                kind_heading=heading,
                t=make.swedish,
                cards=make.view(listed, page),
                count=count_stories(len(listed)),
                has_statistics=has_statistics,
                feeds=make.feeds(page, listed) if kind in FEED_KINDS else [],
                print_page=urls.print_ground_page(key) if kind == "grounds" else "",
            )
        )
    return pages


def render_plan(cards: Sequence[StoryCard], make: Cards) -> list[tuple[str, str]]:
    """Return the plan's page and a page for each of its measures with the stories about it."""
    vocabulary = make.vocabulary
    index = cards_by_measure(cards)
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
        page = urls.measure_page(number)
        pages.append(
            render_page(
                "measure.html.j2",
                page,
                f"Åtgärd {number}",
                f"Åtgärd {number} i planen för lika möjligheter och berättelserna som hör till den.",
                measure=measure,
                vocabulary=vocabulary,
                t=make.swedish,
                cards=make.view(listed, page),
                count=count_stories(len(listed)),
                feeds=make.feeds(page, listed),
            )
        )
    return pages


def render_listings(
    published: Sequence[Story],
    vocabulary: Vocabulary,
    readings: Mapping[str, Reading],
    has_statistics: bool,
    audio_base_url: str = "",
    addresses: Addresses = NO_ADDRESSES,
) -> dict[str, str]:
    """The pages that list stories: the home page, all of them, by term, by measure, by language,
    and each language's home with its help page. Each counts a story and its translations once.
    With them, the dialogue page, which the home page links to."""
    listed = listed_stories(published, readings)
    cards = story_cards(listed)
    make = Cards(vocabulary, audio_base_url, addresses.site_url)
    listings = [render_home(cards, make, addresses), render_story_index(cards, make, bool(readings))]
    listings.append(render_dialogue(vocabulary, addresses))
    for kind in TERM_KINDS:
        listings += render_terms(cards, make, kind, has_statistics)
    listings += render_plan(cards, make)
    listings += render_languages(listed, make)
    for home in urls.LANGUAGE_HOMES:
        languages = [code for code, language in vocabulary.languages.items() if language.home == home]
        listings += render_language_home(home, cards_in_languages(listed, languages), make)
    return dict(listings)


def home_name(home: str, vocabulary: Vocabulary) -> str:
    """A language home named in its own languages: "English", "Bosanski, hrvatski, srpski"."""
    names = ", ".join(
        vocabulary.translations[code].name for code, lang in vocabulary.languages.items() if lang.home == home
    )
    return names[:1].upper() + names[1:]


def render_language_home(home: str, cards: Sequence[StoryCard], make: Cards) -> list[tuple[str, str]]:
    """Return a language home and its help page, in that language, listing its languages' stories."""
    vocabulary = make.vocabulary
    t = vocabulary.translation(home)
    direction = vocabulary.languages[home].direction
    page = urls.language_home(home)
    locale = {"og_locale": t.say("og_locale")}
    return [
        render_page_in(
            home,
            direction,
            t.say("sample_notice"),
            "language_home.html.j2",
            page,
            t.say("home_title"),
            t.say("home_description"),
            locale,
            t=t,
            direction=direction,
            cards=make.view(cards, page, home),
            help_page=urls.help_page(home),
            feeds=_language_feeds(home, cards, make),
        ),
        render_page_in(
            home,
            direction,
            t.say("sample_notice"),
            "language_help.html.j2",
            urls.help_page(home),
            t.say("help_page_title"),
            t.say("help_page_description"),
            locale,
            t=t,
            direction=direction,
            organisations=vocabulary.organisations,
            home_page=urls.language_home(home),
        ),
    ]


def _language_feeds(home: str, cards: Sequence[StoryCard], make: Cards) -> list[dict[str, str]]:
    """The podcast feed of each language of a language's home whose stories are read aloud, each
    named in its language: the feeds the Swedish page of each language links too."""
    page = urls.language_home(home)
    return [
        make.feed(page, urls.feed_path(urls.language_list_page(code)), code)
        for code, language in make.vocabulary.languages.items()
        if language.home == home
        and feed_stories(card for card in cards if card.story.primary_language == code)
    ]


def _review_status(t: Translation) -> str:
    if t.language == "sv":
        return "Originalet."
    if t.reviewed_by:
        return f"Granskade av {t.reviewed_by} {t.reviewed_on}."
    return "Utkast som ingen översättare har granskat än."


def render_languages(listed: Sequence[ListedStory], make: Cards) -> list[tuple[str, str]]:
    """Return the Swedish page about the site's languages and a list of the stories in each."""
    vocabulary = make.vocabulary
    by_language = {code: cards_in_languages(listed, {code}) for code in vocabulary.languages}
    rows = [
        {
            "code": code,
            "label": language.label,
            "direction": language.direction,
            "name": vocabulary.translations[code].name,
            "count": count_stories(len(by_language[code])),
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
        cards = by_language[code]
        page = urls.language_list_page(code)
        pages.append(
            render_page(
                "language_list.html.j2",
                page,
                f"Berättelser på {language.label}",
                f"De publicerade berättelserna som är skrivna på {language.label}.",
                language=language,
                t=make.swedish,
                cards=make.view(cards, page),
                count=count_stories(len(cards)),
                feeds=make.feeds(page, cards),
            )
        )
    return pages
