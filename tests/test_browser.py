"""The built site in a real browser: Debian's chromium driven by Playwright, served on 127.0.0.1."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator import urls
from generator.build import BuildOptions, build_site
from tests.conftest import FIXTURE_ARCHIVE, ROOT

CHROMIUM = "/usr/bin/chromium"
PUBLISHED = ["fx-ar-approved", "fx-en-translation", "fx-sv-approved"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output for test results."""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("browser")
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", base / "overrides")
    shutil.copytree(ROOT / "docs", base / "docs", ignore=shutil.ignore_patterns(*urls.GENERATED_ROOTS, ".*"))
    build_site(
        BuildOptions(
            FIXTURE_ARCHIVE, base / "site", base / "mkdocs.yml", voice="espeak", cache_dir=base / ".cache"
        )
    )
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(base / "site"))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


LOAD_AUDIO = """() => new Promise((resolve, reject) => {
  const audio = document.querySelector("audio");
  audio.addEventListener("loadedmetadata", () => resolve(audio.duration));
  audio.addEventListener("error", () => reject(new Error("audio error " + audio.error.code)));
  audio.load();
})"""


@pytest.mark.parametrize("story_id", PUBLISHED)
def test_every_reading_plays_in_the_browser(page: Page, site_url: str, story_id: str) -> None:
    page.goto(f"{site_url}berattelser/{story_id}/")
    assert page.evaluate(LOAD_AUDIO) > 0
    assert page.eval_on_selector("audio", "a => a.autoplay") is False
    page.wait_for_function("() => document.querySelector('audio').textTracks[0].cues?.length > 0")
    cues = page.evaluate("() => Array.from(document.querySelector('audio').textTracks[0].cues, c => c.id)")
    assert cues[0] == "mening-0"
    assert all(page.locator(f"#{cue}").count() == 1 for cue in cues)


def test_speed_buttons_change_the_rate_and_say_which_is_pressed(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}berattelser/fx-sv-approved/")
    button = page.get_by_role("button", name="1,5×")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('audio').playbackRate") == 1.5
    assert button.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="1×").get_attribute("aria-pressed") == "false"


def test_the_sentence_being_read_is_highlighted(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}berattelser/fx-sv-approved/")
    page.evaluate(LOAD_AUDIO)
    page.wait_for_function("() => document.querySelector('audio').textTracks[0].cues?.length > 0")
    start = page.evaluate("() => document.querySelector('audio').textTracks[0].cues[2].startTime")
    page.evaluate(
        f"() => {{ const a = document.querySelector('audio'); a.muted = true; a.currentTime = {start} + 0.1; return a.play(); }}"
    )
    page.wait_for_selector("#mening-2.hbg-reading")


def test_the_player_is_reachable_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}berattelser/fx-sv-approved/")
    reached: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        reached.add(
            page.evaluate(
                "() => document.activeElement.tagName + ':' + (document.activeElement.textContent || '').trim()"
            )
        )
    assert "AUDIO:" in reached
    assert "BUTTON:0,75×" in reached
    assert any(item.startswith("A:Ladda ner uppläsningen") for item in reached)


def test_without_javascript_the_page_still_plays(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}berattelser/fx-sv-approved/")
    assert page.locator("audio[controls]").count() == 1
    assert page.locator(".hbg-speed").is_hidden()
    assert page.get_by_role("link", name="Ladda ner uppläsningen").count() == 1
    context.close()


def test_the_story_pages_request_nothing_from_another_host(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for story_id in PUBLISHED:
        page.goto(f"{site_url}berattelser/{story_id}/")
        page.evaluate(LOAD_AUDIO)
    own = urlsplit(site_url).netloc
    assert requested
    assert [url for url in requested if urlsplit(url).netloc != own] == []
