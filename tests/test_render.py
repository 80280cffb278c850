from __future__ import annotations

import datetime as dt

import yaml

from generator.cache.pages import render_site
from generator.intake.vocabulary import load_vocabulary
from generator.model import Status, Story
from generator.site.render import StoryLinks, count_stories, render_story

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
    path, markdown = render_story(make_story(), NO_LINKS, VOCABULARY, None, ())
    assert path == "berattelser/hbg-0001.md"
    assert front_matter_of(markdown) == {
        "title": "En vanlig dag",
        "description": "En berättelse om ålder, berättad oktober 2025.",
        "hide": ["toc"],
    }
    body = body_of(markdown)
    assert '<div class="hbg-story__text" lang="sv" dir="ltr" data-search-exclude>' in body
    assert (
        '<p><span class="hbg-sentence" id="mening-1">Första stycket.</span></p>\n'
        '<p><span class="hbg-sentence" id="mening-2">Andra</span><br>'
        '<span class="hbg-sentence" id="mening-3">raden.</span></p>'
    ) in body
    assert '<a href="../../grunder/alder/">Ålder</a>' in body
    assert "Berättad oktober 2025." in body


def test_story_body_is_one_raw_html_block_without_blank_lines() -> None:
    _, markdown = render_story(make_story(), NO_LINKS, VOCABULARY, None, ())
    body = body_of(markdown).lstrip("\n")
    assert body.startswith("<div ")
    assert "\n\n" not in body


def test_arabic_story_is_right_to_left_on_title_and_text() -> None:
    _, markdown = render_story(make_story(language="ar", title="عنوان"), NO_LINKS, VOCABULARY, None, ())
    body = body_of(markdown)
    assert '<h1 id="mening-0" lang="ar" dir="rtl">عنوان</h1>' in body
    assert '<div class="hbg-story__text" lang="ar" dir="rtl" data-search-exclude>' in body
    assert "Berättad oktober 2025, på arabiska." in body


def test_content_warning_comes_before_the_text() -> None:
    story = make_story(content_warnings=("hot", "vald"))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None, ())[1])
    assert "berättelsen handlar om hot och våld." in body
    assert body.index("Innehållsvarning") < body.index("hbg-story__text")


def test_text_is_escaped_not_interpreted() -> None:
    story = make_story(paragraphs=("<script>alert(1)</script> & *fet* {{ config }}",))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None, ())[1])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *fet* {{ config }}" in body
    assert "<script>" not in body


def test_translations_link_both_ways() -> None:
    original = make_story()
    translation = make_story(id="hbg-0002", language="en", translation_of="hbg-0001")
    pages = render_site([original, translation], VOCABULARY, {}, has_statistics=True).pages
    assert '<a href="../hbg-0002/">på engelska</a>' in pages["berattelser/hbg-0001.md"]
    assert '<a href="../hbg-0001/">Läs berättelsen på svenska</a>' in pages["berattelser/hbg-0002.md"]


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
