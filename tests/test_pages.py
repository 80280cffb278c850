"""Generated pages recalled when their inputs are unchanged, and rendered with a worker alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from generator.cache.pages import RenderedSite, render_site
from generator.model import Addresses, Film, Reading, Story
from generator.workers import SHARE_FROM, worker_processes
from tests.test_render import VOCABULARY, make_story


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
    assert {
        "index.md",
        "berattelser/index.md",
        "grunder/index.md",
        "grunder/alder.md",
        "planen/atgard-03.md",
    } <= listings
    assert set(first.inputs) == set(first.pages)

    def recalled_after(changed: list[Story], readings: dict[str, Reading] | None = None) -> set[str]:
        previous = Remembered(first, lambda path: path in listings)
        second = render_site(changed, VOCABULARY, readings or {}, has_statistics=True, previous=previous)
        assert set(second.pages) >= listings
        return set(previous.recalled)

    # The teaser is the first sentences: an edit further on, of the same length, shows on no card.
    later_in_the_text = replace(stories[0], paragraphs=("Första stycket.", "Andra\nraden ändrad."))
    assert recalled_after([later_in_the_text, stories[1]]) == listings
    assert recalled_after([replace(stories[0], paragraphs=("Nytt första stycke.", "Andra\nraden."))]) == set()
    longer = replace(stories[0], paragraphs=(*stories[0].paragraphs, " ".join(["ord"] * 300)))
    assert recalled_after([longer, stories[1]]) == set()
    assert recalled_after([replace(stories[0], title="Ny rubrik"), stories[1]]) == set()
    assert recalled_after([replace(stories[0], language="en"), stories[1]]) == set()
    assert recalled_after([replace(stories[0], collected="2024-01"), stories[1]]) == set()
    assert recalled_after([replace(stories[0], grounds=("kon",)), stories[1]]) == set()
    assert recalled_after([replace(stories[0], experiences=("trakasserier",)), stories[1]]) == set()
    assert recalled_after([replace(stories[0], measures=(4,)), stories[1]]) == set()
    assert recalled_after([replace(stories[0], featured=True), stories[1]]) == set()
    assert (
        recalled_after([stories[0], replace(stories[1], language="en", translation_of="hbg-0001")]) == set()
    )
    reading = Reading("hbg-0001", "espeak", "ab" * 32, Path("x.mp3"), 12_345, 75.4, ())
    assert recalled_after(stories, {"hbg-0001": reading}) == set()
    assert recalled_after(stories[:1]) == set()
    without_statistics = render_site(stories, VOCABULARY, {}, has_statistics=False)
    assert without_statistics.inputs["grunder/alder.md"] != first.inputs["grunder/alder.md"]
    on_another_host = render_site(
        stories, VOCABULARY, {}, has_statistics=True, audio_base_url="https://ljud.example.se/"
    )
    assert on_another_host.inputs["grunder/alder.md"] != first.inputs["grunder/alder.md"]
    # The addresses to copy (podcast feeds, a story's own) are whole: a moved site shows new ones.
    moved = render_site(
        stories, VOCABULARY, {}, has_statistics=True, addresses=Addresses(site_url="https://ny.example.se/")
    )
    assert moved.inputs["grunder/alder.md"] != first.inputs["grunder/alder.md"]
    assert moved.inputs["berattelser/hbg-0001.md"] != first.inputs["berattelser/hbg-0001.md"]


def test_a_new_reading_or_another_reading_changes_the_cards_that_play_it() -> None:
    stories = [make_story()]
    one = Reading("hbg-0001", "espeak", "ab" * 32, Path("x.mp3"), 12_345, 75.4, ())
    other = replace(one, key="cd" * 32, duration=190.0)
    first = render_site(stories, VOCABULARY, {"hbg-0001": one}, has_statistics=True).pages["index.md"]
    second = render_site(stories, VOCABULARY, {"hbg-0001": other}, has_statistics=True).pages["index.md"]
    assert 'src="ljud/hbg-0001-abababababababab.mp3"' in first and "Uppläsning 1 min" in first
    assert 'src="ljud/hbg-0001-cdcdcdcdcdcdcdcd.mp3"' in second and "Uppläsning 3 min" in second


def test_a_worker_rendering_half_the_story_pages_changes_nothing() -> None:
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


def test_a_new_film_renders_its_story_page_again_and_no_listing() -> None:
    stories = [make_story(featured=True)]
    reading = Reading("hbg-0001", "espeak", "ab" * 32, Path("x.mp3"), 12_345, 75.4, ())
    film = Film("hbg-0001", "cd" * 32, Path("film.mp4"), 1_000, 75.4)

    def inputs(films: dict[str, Film]) -> dict[str, str]:
        return render_site(stories, VOCABULARY, {"hbg-0001": reading}, True, films=films).inputs

    without, with_film = inputs({}), inputs({"hbg-0001": film})
    remade = {page for page in without if without[page] != with_film[page]}
    assert remade == {"berattelser/hbg-0001.md"}
    assert inputs({"hbg-0001": replace(film, key="ef" * 32)}) != with_film
