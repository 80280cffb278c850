"""A featured story's film in a real browser: fetched only when asked, it plays as long as the
reading with the reading's captions, by keyboard too, from the site's own host, and axe finds
nothing on its page. Built from the frozen sample archive, whose featured stories have films."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from generator.model import Story
from tests.browser import PAGE_TYPES, PUBLISHED, STORY_SV, axe_violations, first_story, watch_requests
from tests.test_browser_design import FOCUS_RING, contrast

pytestmark = pytest.mark.browser

FILMED_WITH_WARNING = first_story(lambda s: s.featured and s.content_warnings)
FILMED_IN_ARABIC = first_story(lambda s: s.featured and s.language == "ar")
WAIT_MS = 20_000


def open_story(page: Page, site_url: str, story_id: str) -> tuple[list[str], list[str]]:
    requested, refused = watch_requests(page)
    page.goto(f"{site_url}berattelser/{story_id}/")
    page.wait_for_load_state("networkidle")
    return requested, refused


def test_every_featured_story_and_only_those_have_a_film(page: Page, site_url: str) -> None:
    assert [story.id for story in PUBLISHED if story.featured] == [
        "hbg-0002",
        "hbg-0022",
        "hbg-0035",
        "hbg-0040",
    ]
    for story in (FILMED_WITH_WARNING, FILMED_IN_ARABIC):
        open_story(page, site_url, story.id)
        assert page.locator("video").count() == 1
    open_story(page, site_url, STORY_SV.id)
    assert not STORY_SV.featured
    assert page.locator("video").count() == 0


def test_the_film_is_fetched_only_when_asked_and_plays_as_long_as_the_reading_with_its_captions(
    page: Page, site_url: str
) -> None:
    requested, refused = open_story(page, site_url, FILMED_WITH_WARNING.id)
    video = page.locator("video.hbg-film__video")
    assert video.get_attribute("preload") == "none"
    assert video.get_attribute("autoplay") is None
    assert video.get_attribute("controls") is not None
    assert not [url for url in requested if url.endswith(".mp4")]
    track = video.locator("track")
    assert (track.get_attribute("kind"), track.get_attribute("srclang")) == ("captions", "sv")

    # Muted, as a page may start a film without a gesture only then; a viewer presses play.
    video.evaluate("v => { v.muted = true; return v.play(); }")
    page.wait_for_function(
        "() => { const v = document.querySelector('video'); return v.readyState >= 2 && v.currentTime > 0; }",
        timeout=WAIT_MS,
    )
    page.locator("audio.hbg-player").evaluate("a => { a.preload = 'metadata'; a.load(); }")
    page.wait_for_function("() => document.querySelector('audio.hbg-player').duration > 0", timeout=WAIT_MS)
    film, reading = (
        video.evaluate("v => v.duration"),
        page.locator("audio.hbg-player").evaluate("a => a.duration"),
    )
    assert abs(film - reading) <= 0.5
    assert video.evaluate("v => [v.videoWidth, v.videoHeight]") == [1280, 720]

    # The captions are the reading's: the title first, as the film opens.
    video.evaluate("v => { v.textTracks[0].mode = 'hidden'; }")
    page.wait_for_function(
        "() => document.querySelector('video').textTracks[0].cues?.length > 0", timeout=WAIT_MS
    )
    assert video.evaluate("v => v.textTracks[0].cues[0].text") == FILMED_WITH_WARNING.title

    download = page.get_by_role("link", name="Ladda ner filmen (MP4,", exact=False)
    assert download.get_attribute("download") is not None
    assert download.get_attribute("href") == video.get_attribute("src")
    assert all(url.startswith(site_url) for url in requested)
    assert refused == []


def test_the_film_plays_from_the_keyboard(page: Page, site_url: str) -> None:
    open_story(page, site_url, FILMED_IN_ARABIC.id)
    video = page.locator("video.hbg-film__video")
    video.evaluate("v => { v.muted = true; }")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('video')"):
            break
    assert page.evaluate("() => document.activeElement.matches('video.hbg-film__video')")
    ring = page.evaluate(FOCUS_RING)
    assert ring["shown"] and ring["width"] >= 2 and ring["outline"]
    assert min(contrast(ring["outline"], behind) for behind in ring["backgrounds"]) >= 3
    page.keyboard.press("Space")
    page.wait_for_function("() => !document.querySelector('video').paused", timeout=WAIT_MS)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("story", [FILMED_WITH_WARNING, FILMED_IN_ARABIC], ids=lambda s: s.id)
def test_axe_finds_nothing_on_a_filmed_storys_page(
    page: Page, site_url: str, width: int, story: Story
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_story(page, site_url, story.id)
    assert axe_violations(page) == []


def test_the_film_fits_a_narrow_phone(page: Page, site_url: str) -> None:
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(site_url + PAGE_TYPES["story-film"])
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    box = page.locator("video.hbg-film__video").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert box["height"] == pytest.approx(box["width"] * 9 / 16, abs=2)
