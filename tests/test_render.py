from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator.cache.pages import render_site
from generator.intake.vocabulary import load_vocabulary
from generator.model import Reading, Status, Story
from generator.site.render import StoryLinks, count_stories, render_story
from tests.languages import swedish_outside_swedish, swedish_phrases, texts_with_language

VOCABULARY = load_vocabulary()
NO_LINKS = StoryLinks(None, ())


def make_story(**changes: object) -> Story:
    fields: dict[str, object] = {
        "id": "hbg-0001",
        "title": "En vanlig dag",
        "status": Status.APPROVED,
        "language": "sv",
        "collected": "2025-10",
        "grounds": ("alder",),
        "arenas": ("arbetsliv",),
        "experiences": ("utanforskap",),
        "paragraphs": ("Första stycket.", "Andra\nraden."),
        "source": "stories/hbg-0001.md",
        "approved_by": "redaktor",
        "approved_on": dt.date(2026, 3, 14),
    }
    fields.update(changes)
    return Story(**fields)  # type: ignore[arg-type]


def body_of(markdown: str) -> str:
    return markdown.split("---\n", 2)[2]


def front_matter_of(markdown: str) -> dict[str, object]:
    loaded = yaml.safe_load(markdown.split("---\n", 2)[1])
    assert isinstance(loaded, dict)
    return loaded


def test_count_stories_in_swedish() -> None:
    assert count_stories(0) == "0 berättelser"
    assert count_stories(1) == "1 berättelse"
    assert count_stories(2) == "2 berättelser"


def test_story_page_path_front_matter_and_paragraphs() -> None:
    path, markdown = render_story(make_story(), NO_LINKS, VOCABULARY, None)
    assert path == "berattelser/hbg-0001.md"
    assert front_matter_of(markdown) == {
        "title": "En vanlig dag",
        "description": "En berättelse om ålder, berättad oktober 2025.",
        "hide": ["toc"],
    }
    body = body_of(markdown)
    assert body.startswith(
        '\n<div class="hbg-page hbg-story" data-hbg-story="hbg-0001" lang="sv" dir="ltr" data-pagefind-body'
    )
    assert '<div class="hbg-story__text">' in body
    assert (
        '<p><span class="hbg-sentence" id="mening-1">Första stycket.</span></p>\n'
        '<p><span class="hbg-sentence" id="mening-2">Andra</span><br>'
        '<span class="hbg-sentence" id="mening-3">raden.</span></p>'
    ) in body
    assert '<a href="../../grunder/alder/">Ålder</a>' in body
    assert "Berättad oktober 2025." in body


def test_story_body_is_one_raw_html_block_without_blank_lines() -> None:
    _, markdown = render_story(make_story(), NO_LINKS, VOCABULARY, None)
    body = body_of(markdown).lstrip("\n")
    assert body.startswith("<div ")
    assert "\n\n" not in body


def test_arabic_story_is_right_to_left_from_its_heading_to_its_help() -> None:
    _, markdown = render_story(make_story(language="ar", title="عنوان"), NO_LINKS, VOCABULARY, None)
    arabic = VOCABULARY.translation("ar")
    assert front_matter_of(markdown)["lang"] == "ar"
    assert front_matter_of(markdown)["dir"] == "rtl"
    body = body_of(markdown)
    assert body.startswith(
        '\n<div class="hbg-page hbg-story" data-hbg-story="hbg-0001" lang="ar" dir="rtl" data-pagefind-body'
    )
    assert '<h1 id="mening-0" data-pagefind-weight="10">عنوان</h1>' in body
    assert arabic.say("told", collected=arabic.month_year("2025-10")) in body
    # One element holds the whole page: nothing of it is outside the right-to-left direction.
    assert body.rstrip().endswith("</div>") and body.count("<div") == body.count("</div>")


def test_content_warning_comes_before_the_text() -> None:
    story = make_story(content_warnings=("hot", "vald"))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    assert "berättelsen handlar om hot och våld." in body
    assert body.index("Innehållsvarning") < body.index("hbg-story__text")


def test_text_is_escaped_not_interpreted() -> None:
    story = make_story(paragraphs=("<script>alert(1)</script> & *fet* {{ config }}",))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *fet* {{ config }}" in body
    assert "<script>" not in body


def test_search_indexes_the_story_its_title_and_terms_but_not_what_every_story_page_says() -> None:
    story = make_story(language="en", grounds=("religion",), arenas=("skola",), content_warnings=("hot",))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    # Filters are named and valued in Swedish, the search page's language, whatever the story's.
    assert 'data-pagefind-body data-pagefind-filter="Språk:Engelska"' in body
    assert (
        '<dd data-pagefind-weight="5" data-pagefind-filter="Diskrimineringsgrunder:Religion eller annan trosuppfattning">'
        in body
    )
    assert '<dd data-pagefind-weight="5" data-pagefind-filter="Arenor:Skola och utbildning">' in body
    assert '<h1 id="mening-0" data-pagefind-weight="10">' in body
    for part in ("hbg-warning", "hbg-listen", "hbg-reflect", "hbg-help", "hbg-back", "hbg-story__meta"):
        assert re.search(rf'class="{part}"[^>]* data-pagefind-ignore[ >]', body), part
    assert re.search(r'<div class="hbg-story__text">', body)


def test_translations_link_both_ways() -> None:
    original = make_story()
    translation = make_story(id="hbg-0002", language="en", translation_of="hbg-0001")
    pages = render_site([original, translation], VOCABULARY, {}, has_statistics=True).pages
    # Each names the other in that other's own language, marked as such.
    english, swedish = VOCABULARY.translation("en"), VOCABULARY.translation("sv")
    assert (
        f'<a href="../hbg-0002/" lang="en" hreflang="en" dir="ltr">{english.name}</a>'
        in pages["berattelser/hbg-0001.md"]
    )
    assert (
        f'<a href="../hbg-0001/" lang="sv" hreflang="sv" dir="ltr">{swedish.name}</a>'
        in pages["berattelser/hbg-0002.md"]
    )
    assert english.say("translation_of") in pages["berattelser/hbg-0002.md"]
    assert "Berättelsen finns också på:" in pages["berattelser/hbg-0001.md"]


def test_site_has_every_browse_page_with_counts() -> None:
    pages = render_site(
        [make_story(), make_story(id="hbg-0002", grounds=("alder", "kon"))],
        VOCABULARY,
        {},
        has_statistics=True,
    ).pages
    assert "grunder/konsoverskridande-identitet.md" in pages
    assert "0 berättelser" in pages["grunder/konsoverskridande-identitet.md"]
    assert (
        '<a href="alder/">Ålder</a> <span class="hbg-count">(2 berättelser)</span>'
        in pages["grunder/index.md"]
    )
    assert '<a href="kon/">Kön</a> <span class="hbg-count">(1 berättelse)</span>' in pages["grunder/index.md"]
    assert len([p for p in pages if p.startswith("planen/atgard-")]) == 17
    assert "Arkivet har 2 berättelser." in pages["berattelser/index.md"]


def test_measures_link_to_their_pages_and_list_their_stories() -> None:
    pages = render_site([make_story(measures=(3,))], VOCABULARY, {}, has_statistics=True).pages
    assert '<a href="../../planen/atgard-03/">Åtgärd 3: ' in pages["berattelser/hbg-0001.md"]
    assert '<a href="../../berattelser/hbg-0001/"' in pages["planen/atgard-03.md"]
    assert "1 berättelse." in pages["planen/atgard-03.md"]


def full_story_page(language: str) -> str:
    """A page with every part a story page can have: warning, reading, measures, a translation."""
    story = make_story(
        id="hbg-0002",
        language=language,
        title="Title",
        content_warnings=("hot", "vald", "nedsattande-ord"),
        measures=(4, 10),
        grounds=("etnisk-tillhorighet", "religion"),
        arenas=("skola",),
        experiences=("trakasserier",),
        translation_of="hbg-0001",
    )
    reading = Reading("hbg-0002", "gtts", "cd" * 32, Path("cache/x.mp3"), 1_234_567, 134.2, ())
    links = StoryLinks(make_story(), (make_story(id="hbg-0003", language="sv"),))
    return render_story(story, links, VOCABULARY, reading)[1]


@pytest.mark.parametrize("language", sorted(set(VOCABULARY.languages) - {"sv"}))
def test_a_story_page_in_another_language_has_no_swedish_words_of_our_own(language: str) -> None:
    markdown = full_story_page(language)
    assert swedish_outside_swedish(body_of(markdown)) == []
    # Even the description a search result or a podcast app shows.
    assert not any(phrase in str(front_matter_of(markdown)["description"]) for phrase in swedish_phrases())


def test_the_swedish_check_finds_a_swedish_word_left_in_a_page() -> None:
    page = full_story_page("en").replace("</h1>", "</h1><p>Lyssna</p>")
    assert swedish_outside_swedish(body_of(page)) == ["Lyssna"]
    marked = full_story_page("en").replace("</h1>", '</h1><p lang="sv">Lyssna</p>')
    assert swedish_outside_swedish(body_of(marked)) == []


@pytest.mark.parametrize("language", sorted(VOCABULARY.languages))
def test_every_text_of_a_story_page_carries_the_storys_language_and_direction(language: str) -> None:
    body = body_of(full_story_page(language))
    direction = VOCABULARY.languages[language].direction
    contacts = {o.phone for o in VOCABULARY.organisations} | {o.email for o in VOCABULARY.organisations}
    contacts |= {o.website_shown for o in VOCABULARY.organisations}
    marked = {(lang, dir_) for text, lang, dir_ in texts_with_language(body) if text not in contacts}
    # The only other language on the page is the link to the original, named in its own language.
    assert marked == {(language, direction), ("sv", "ltr")}
    # Phone numbers and addresses read left to right, in an Arabic sentence too.
    assert {dir_ for text, _, dir_ in texts_with_language(body) if text in contacts} == {"ltr"}
