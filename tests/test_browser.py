"""The sample archive's site in a real browser: accessibility, keyboard, reflow, privacy, audio.

The archive is the frozen copy in tests/fixtures/sample/, never stories/, built once for every
browser test module (tests/conftest.py). Debian's chromium is driven by Playwright and audited
with axe-core (WCAG 2.0 and 2.1, A and AA, plus best practice). A screenshot of every page type
at 1280 and 390 px goes to artifacts/screenshots/<type>-<width>.png for CI.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import PAGE_TYPES, PUBLISHED, SCREENSHOTS, axe_violations, watch_requests

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_axe_finds_no_violation_and_nothing_scrolls_sideways(
    browser: Browser, site_url: str, name: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[name])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
    assert axe_violations(page) == []
    # Nothing makes the page scroll sideways (WCAG 1.4.10); 320 px: tests/test_browser_design.py.
    assert (
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
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
    requested, refused = watch_requests(page)
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
