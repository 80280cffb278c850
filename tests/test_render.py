from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace

import yaml

from generator.intake.vocabulary import load_vocabulary
from generator.model import Status, Story
from generator.site.render import (
    RenderedSite,
    StoryLinks,
    count_stories,
    render_site,
    render_story,
)
from generator.workers import SHARE_FROM, worker_processes

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


class Remembered:
    """Pages of an earlier render, recalled the way PreviousPages recalls them, counting each recall."""

    def __init__(self, site: RenderedSite, keep: Callable[[str], bool]) -> None:
        self.pages = {path: "sparad: " + site.pages[path] for path in site.inputs if keep(path)}
        self.inputs = site.inputs
        self.recalled: list[str] = []

    def read_ahead(self, relatives: Iterable[str]) -> None:
        pass  # nothing to read: the pages are in memory

    def recall(self, relative: str, inputs: str) -> str | None:
        if relative in self.pages and self.inputs[relative] == inputs:
            self.recalled.append(relative)
            return self.pages[relative]
        return None

    def recall_all(self, inputs: str) -> dict[str, str] | None:
        found = {path: page for path, page in self.pages.items() if self.inputs[path] == inputs}
        self.recalled += found
        return found or None


def test_a_story_page_whose_inputs_are_known_is_recalled_not_rendered() -> None:
    stories = [make_story(), make_story(id="hbg-0002")]
    first = render_site(stories, VOCABULARY, {}, has_statistics=True)
    previous = Remembered(first, lambda path: path.endswith("hbg-0001.md"))
    second = render_site(stories, VOCABULARY, {}, has_statistics=True, previous=previous)
    assert previous.recalled == ["berattelser/hbg-0001.md"]
    assert second.pages["berattelser/hbg-0001.md"] == "sparad: " + first.pages["berattelser/hbg-0001.md"]
    assert second.pages["berattelser/hbg-0002.md"] == first.pages["berattelser/hbg-0002.md"]


def test_the_listings_are_recalled_unless_something_they_show_changed() -> None:
    stories = [make_story(), make_story(id="hbg-0002")]
    first = render_site(stories, VOCABULARY, {}, has_statistics=True)
    listings = {path for path in first.pages if not path.startswith("berattelser/hbg-")}
    assert {"berattelser/index.md", "grunder/index.md", "grunder/alder.md", "planen/atgard-03.md"} <= listings
    assert set(first.inputs) == set(first.pages)

    def recalled_after(changed: list[Story]) -> set[str]:
        previous = Remembered(first, lambda path: path in listings)
        second = render_site(changed, VOCABULARY, {}, has_statistics=True, previous=previous)
        assert set(second.pages) >= listings
        return set(previous.recalled)

    new_text = replace(stories[0], paragraphs=("En helt ny text.",))
    assert recalled_after([new_text, stories[1]]) == listings
    assert recalled_after([replace(stories[0], title="Ny rubrik"), stories[1]]) == set()
    assert recalled_after([replace(stories[0], language="en"), stories[1]]) == set()
    assert recalled_after([replace(stories[0], grounds=("kon",)), stories[1]]) == set()
    assert recalled_after([replace(stories[0], experiences=("trakasserier",)), stories[1]]) == set()
    assert recalled_after([replace(stories[0], measures=(4,)), stories[1]]) == set()
    assert recalled_after(stories[:1]) == set()
    without_statistics = render_site(stories, VOCABULARY, {}, has_statistics=False)
    assert without_statistics.inputs["grunder/alder.md"] != first.inputs["grunder/alder.md"]


def test_a_worker_finding_the_keywords_and_rendering_half_the_story_pages_changes_nothing() -> None:
    words = ("skolan", "bussen", "grannen", "läkaren", "chefen", "kassan", "tåget")
    stories = [
        make_story(
            id=f"hbg-{number:04d}",
            title=f"Berättelse {number}",
            paragraphs=(f"Det hände vid {words[number % 7]} och sedan vid {words[number % 5]}.",),
        )
        for number in range(SHARE_FROM)
    ]
    alone = render_site(stories, VOCABULARY, {}, has_statistics=True)
    with worker_processes(1) as workers:
        assert workers is not None and workers.submit(int).result() == 0 and workers.started()
        assert render_site(stories, VOCABULARY, {}, has_statistics=True, workers=workers) == alone


def test_a_story_page_has_new_inputs_when_anything_it_shows_changes() -> None:
    def inputs(stories: list[Story], audio_base_url: str = "") -> str:
        return render_site(stories, VOCABULARY, {}, True, audio_base_url).inputs["berattelser/hbg-0001.md"]

    base = inputs([make_story()])
    assert inputs([make_story()]) == base
    assert inputs([make_story(title="En annan rubrik")]) != base
    assert inputs([make_story(), make_story(id="hbg-0002", language="en", translation_of="hbg-0001")]) != base
    assert inputs([make_story()], "https://ljud.example.se/") != base
