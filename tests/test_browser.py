"""The sample archive's site in a real browser: accessibility, keyboard, reflow, privacy, audio.

The archive is the frozen copy in tests/fixtures/sample/, never stories/. Debian's chromium is
driven by Playwright and audited with axe-core (WCAG 2.0 and 2.1, A and AA, plus best practice).
Screenshots of the main page types go to artifacts/screenshots/ for CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Page

from generator.intake.gate import published_stories
from generator.model import Story
from generator.pipeline import check_archive
from tests.browser import build_project_site, chromium, serve
from tests.conftest import ROOT, SAMPLE_ARCHIVE

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("HBG_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
PUBLISHED = published_stories(check_archive(SAMPLE_ARCHIVE).stories)


def first_story(condition: object) -> Story:
    return next(story for story in PUBLISHED if condition(story))  # type: ignore[operator]


STORY_SV = first_story(lambda s: s.language == "sv" and not s.content_warnings)
STORY_AR = first_story(lambda s: s.language == "ar")
STORY_WARNING = first_story(lambda s: s.content_warnings)
# A story page in each other language, with a content warning where the sample has one.
STORIES_IN = {
    code: max((s for s in PUBLISHED if s.primary_language == code), key=lambda s: len(s.content_warnings))
    for code in ("en", "ar", "vi", "bs", "hr", "sr")
}
PAGE_TYPES = {
    "start": "",
    "story-sv": f"berattelser/{STORY_SV.id}/",
    "story-ar": f"berattelser/{STORY_AR.id}/",
    **{f"story-{code}-warning": f"berattelser/{story.id}/" for code, story in STORIES_IN.items()},
    "story-warning": f"berattelser/{STORY_WARNING.id}/",
    "all-stories": "berattelser/",
    "grounds": "grunder/",
    "ground": "grunder/etnisk-tillhorighet/",
    "arenas": "arenor/",
    "arena": "arenor/skola/",
    "experiences": "upplevelser/",
    "experience": "upplevelser/diskriminering/",
    "plan": "planen/",
    "measure": "planen/atgard-04/",
    "help": "hjalp/",
    "about": "om/",
    "accessibility": "tillganglighet/",
    "easy-read": "lattlast/",
    "easy-read-listen": "lattlast/lasa-och-lyssna/",
    "easy-read-rights": "lattlast/dina-rattigheter/",
    "easy-read-contact": "lattlast/kontakt/",
    "languages": "sprak/",
    "stories-in-english": "sprak/en/",
    "english": "en/",
    "arabic": "ar/",
    "vietnamese": "vi/",
    "bosnian-croatian-serbian": "bs/",
    "help-english": "en/help/",
    "help-arabic": "ar/help/",
    "help-vietnamese": "vi/help/",
    "help-bosnian-croatian-serbian": "bs/help/",
    "not-found": "404.html",
    "statistics": "statistik/",
    "statistics-grounds": "statistik/grunder/",
    "statistics-arenas": "statistik/arenor/",
    "statistics-experiences": "statistik/upplevelser/",
    "statistics-frequency": "statistik/hur-ofta/",
    "statistics-reported": "statistik/anmalan/",
    "statistics-age": "statistik/alder/",
    "statistics-languages": "statistik/sprak/",
    "statistics-reactions": "statistik/reaktioner/",
    "statistics-belonging": "statistik/tillhorighet/",
    "statistics-cross": "statistik/grunder-och-arenor/",
    "statistics-method": "statistik/metod/",
    "statistics-codebook": "statistik/kodbok/",
}
SCREENSHOT_TYPES = [
    "start",
    "story-sv",
    "story-ar",
    "story-warning",
    "all-stories",
    "plan",
    "accessibility",
    "easy-read",
    "arabic",
    "not-found",
]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_project_site(tmp_path_factory.mktemp("sample"), SAMPLE_ARCHIVE, voice="espeak")
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def axe_violations(page: Page) -> list[str]:
    response = Axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in response["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_axe_finds_no_violation(browser: Browser, site_url: str, name: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[name])
    assert axe_violations(page) == []
    if name in SCREENSHOT_TYPES and width == 1280:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()


def test_axe_finds_no_violation_in_search_results(page: Page, site_url: str) -> None:
    page.goto(site_url + "sok/")
    page.fill(".pagefind-ui__search-input", "bussen")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert axe_violations(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "search.png")


FOCUS_VISIBLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== "none" || element.matches(":focus-visible") && style.textDecorationLine.includes("underline");
}"""
DESCRIBE_FOCUS = "() => document.activeElement.tagName + ' ' + (document.activeElement.getAttribute('aria-label') || document.activeElement.textContent || '').trim().slice(0, 40)"


@pytest.mark.parametrize("name", ["start", "story-sv", "story-ar", "plan", "accessibility"])
def test_keyboard_walk_skip_link_first_and_focus_always_visible(page: Page, site_url: str, name: str) -> None:
    page.goto(site_url + PAGE_TYPES[name])
    page.keyboard.press("Tab")
    assert page.evaluate(DESCRIBE_FOCUS) == "A Gå till innehållet"
    assert page.evaluate("() => document.activeElement.getBoundingClientRect().height") > 0
    invisible = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        if not page.evaluate(FOCUS_VISIBLE):
            invisible.append(page.evaluate(DESCRIBE_FOCUS))
    assert invisible == []


def test_skip_link_moves_to_the_content(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["story-sv"])
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('.md-content') !== null")
    assert focused


def test_search_is_reachable_and_usable_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url)
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.hbg-search-link')"):
            break
    page.keyboard.press("Enter")
    page.wait_for_selector(".pagefind-ui__search-input")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link, past the menu
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.pagefind-ui__search-input')"):
            break
    page.keyboard.type("hållplatsen")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert page.locator(".pagefind-ui__result-link").count() > 0


@pytest.mark.parametrize("width", [320, 640])
@pytest.mark.parametrize(
    "name", ["start", "story-sv", "story-ar", "all-stories", "plan", "accessibility", "arabic"]
)
def test_reflow_without_horizontal_scrolling(browser: Browser, site_url: str, name: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[name])
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    context.close()
    assert overflow <= 0


def test_text_zoomed_to_200_percent_needs_no_horizontal_scrolling(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    for name in ["start", "story-sv", "story-ar"]:
        page.goto(site_url + PAGE_TYPES[name])
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        assert (
            page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            <= 0
        )
    context.close()


def test_language_and_direction_are_marked_on_every_text(page: Page, site_url: str) -> None:
    page.goto(site_url)
    assert page.get_attribute("html", "lang") == "sv"
    for story in PUBLISHED:
        page.goto(f"{site_url}berattelser/{story.id}/")
        # The page is in the story's language; the theme's own Swedish parts say they are Swedish.
        assert page.get_attribute("html", "lang") == story.language
        direction = "rtl" if story.primary_language == "ar" else "ltr"
        for part in ("h1", ".hbg-story__text", ".hbg-help", ".hbg-listen", ".hbg-facts"):
            located = page.locator(f".md-content {part}")
            assert located.evaluate("e => e.closest('[lang]').lang") == story.language, part
            assert located.evaluate("e => getComputedStyle(e).direction") == direction, part
        for chrome in ("header.md-header", ".md-footer", ".md-sidebar--primary", ".md-top"):
            assert page.locator(chrome).first.evaluate("e => e.closest('[lang]').lang") == "sv", chrome
    for path, language in [("en/", "en"), ("ar/", "ar"), ("vi/", "vi"), ("bs/", "bs")]:
        page.goto(site_url + path)
        heading = page.locator(".md-content h1")
        assert heading.evaluate("h => h.closest('[lang]').lang") == language
        direction = heading.evaluate("h => getComputedStyle(h).direction")
        assert direction == ("rtl" if language == "ar" else "ltr")
    # Every page links to each language home, named in its own language and script.
    for path in ["", PAGE_TYPES["story-ar"], "statistik/", "en/"]:
        page.goto(site_url + path)
        for language, name in [
            ("en", "English"),
            ("ar", "العربية"),
            ("vi", "Tiếng Việt"),
            ("bs", "Bosanski"),
        ]:
            link = page.locator(f".md-footer a[hreflang={language}]")
            assert link.get_attribute("lang") == language
            assert name in link.inner_text()


def test_no_request_to_another_host_no_cookie_no_policy_violation(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    refused: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: _note_refusal(message, refused))
    for path in PAGE_TYPES.values():
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(site_url + "sok/")
    page.fill(".pagefind-ui__search-input", "skolan")
    page.wait_for_selector(".pagefind-ui__result-link")
    own = urlsplit(site_url).netloc
    assert [url for url in requested if urlsplit(url).netloc != own and not url.startswith("data:")] == []
    assert context.cookies() == []
    assert refused == []
    context.close()


def _note_refusal(message: ConsoleMessage, refused: list[str]) -> None:
    if "Content Security Policy" in message.text or "Refused to" in message.text:
        refused.append(message.text)


def test_every_page_carries_a_policy_without_unsafe_inline_scripts(page: Page, site_url: str) -> None:
    for path in PAGE_TYPES.values():
        page.goto(site_url + path)
        policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""
        script_src = next(part for part in policy.split("; ") if part.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert page.get_attribute('meta[name="referrer"]', "content") == "no-referrer"


def test_footer_links_the_accessibility_statement_and_easy_read_from_every_page(
    page: Page, site_url: str
) -> None:
    for path in PAGE_TYPES.values():
        page.goto(site_url + path)
        footer = page.locator("footer")
        assert footer.get_by_role("link", name="Tillgänglighetsredogörelse").count() == 1
        assert footer.get_by_role("link", name="Lättläst").count() == 1


def test_accessibility_statement_links_digg(page: Page, site_url: str) -> None:
    page.goto(site_url + "tillganglighet/")
    assert page.locator('a[href="https://www.digg.se/tdosanmalan"]').count() == 1


# The audio player, in the browser: the readings play, and the controls work without a mouse.

LOAD_AUDIO = """() => new Promise((resolve, reject) => {
  const audio = document.querySelector("audio");
  audio.addEventListener("loadedmetadata", () => resolve(audio.duration));
  audio.addEventListener("error", () => reject(new Error("audio error " + audio.error.code)));
  audio.load();
})"""


def test_every_reading_plays_in_the_browser(page: Page, site_url: str) -> None:
    for story in PUBLISHED:
        page.goto(f"{site_url}berattelser/{story.id}/")
        assert page.evaluate(LOAD_AUDIO) > 0, story.id
        assert page.eval_on_selector("audio", "a => a.autoplay") is False
        page.wait_for_function("() => document.querySelector('audio').textTracks[0].cues?.length > 0")
        cues = page.evaluate(
            "() => Array.from(document.querySelector('audio').textTracks[0].cues, c => c.id)"
        )
        assert cues[0] == "mening-0"
        assert page.evaluate("ids => ids.every(id => document.getElementById(id))", cues)


def test_speed_buttons_change_the_rate_and_say_which_is_pressed(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["story-sv"])
    button = page.get_by_role("button", name="1,5×")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('audio').playbackRate") == 1.5
    assert button.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="1×", exact=True).get_attribute("aria-pressed") == "false"


def test_the_sentence_being_read_is_highlighted(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["story-sv"])
    page.evaluate(LOAD_AUDIO)
    page.wait_for_function("() => document.querySelector('audio').textTracks[0].cues?.length > 2")
    start = page.evaluate("() => document.querySelector('audio').textTracks[0].cues[2].startTime")
    page.evaluate(
        f"() => {{ const a = document.querySelector('audio'); a.muted = true; a.currentTime = {start} + 0.1; return a.play(); }}"
    )
    page.wait_for_selector("#mening-2.hbg-reading")


def test_the_player_is_reachable_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["story-sv"])
    reached: set[str] = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate(DESCRIBE_FOCUS))
    assert "AUDIO" in {item.split(" ")[0] for item in reached}
    assert "BUTTON 0,75×" in reached
    assert any(item.startswith("A Ladda ner uppläsningen") for item in reached)


def test_without_javascript_the_page_still_plays(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES["story-sv"])
    assert page.locator("audio[controls]").count() == 1
    assert page.locator(".hbg-speed").is_hidden()
    assert page.get_by_role("link", name="Ladda ner uppläsningen").count() == 1
    context.close()
