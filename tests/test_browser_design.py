"""The site's own design in chromium: no side menu, a reading width, focus rings that show on
every background, long words that break at their joints, nothing cut off at 320 px, and axe.

Every page type of tests/test_browser.py, built from the frozen sample archive. Screenshots of
each at 1280 and 390 px go to artifacts/screenshots/<page type>-<width>.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import PAGE_TYPES

pytestmark = pytest.mark.browser

WIDE, PHONE, NARROWEST = 1280, 390, 320
# The page types whose every focusable element is walked with the keyboard: each kind of page
# and each part of the shell (header, tabs, drawer, player, tables, footer, right to left).
# One page of each layout: the theme's own parts, a story in each direction, cards, a table that
# scrolls, Pagefind's interface, a language home and the hand-written pages.
KEYBOARD_TYPES = [
    "start",
    "story-sv",
    "story-ar",
    "all-stories",
    "measure",
    "english",
    "help",
    "statistics-cross",
    "search",
    "not-found",
]
SECTIONS = ["Start", "Berättelser", "Planen för lika möjligheter", "Statistik", "Om arkivet", "Språk"]


def open_page(browser: Browser, url: str, width: int) -> Page:
    """A page in a fresh context of the given width, opened at `url`."""
    page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(url)
    return page


VISIBLE = "e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'"


@pytest.mark.parametrize("name", KEYBOARD_TYPES)
def test_no_side_menu_on_a_wide_screen_and_every_section_in_the_header(
    browser: Browser, site_url: str, name: str
) -> None:
    page = open_page(browser, site_url + PAGE_TYPES[name], WIDE)
    assert page.locator(".md-sidebar--primary").evaluate(VISIBLE) is False
    tabs = page.locator(".md-tabs__link")
    assert [text.strip() for text in tabs.all_inner_texts() if text.strip() in SECTIONS] == SECTIONS
    assert all(tab.evaluate(VISIBLE) for tab in tabs.all())
    page.context.close()


@pytest.mark.parametrize("name", ["story-sv", "story-ar", "all-stories", "statistics-cross"])
def test_a_generated_page_has_no_table_of_contents(browser: Browser, site_url: str, name: str) -> None:
    page = open_page(browser, site_url + PAGE_TYPES[name], WIDE)
    assert page.locator(".md-sidebar--secondary").evaluate(VISIBLE) is False
    page.context.close()


@pytest.mark.parametrize("name", ["story-sv", "story-ar", "help"])
def test_on_a_phone_the_drawer_leads_to_every_section(browser: Browser, site_url: str, name: str) -> None:
    page = open_page(browser, site_url + PAGE_TYPES[name], PHONE)
    assert page.locator(".md-tabs").evaluate(VISIBLE) is False
    page.locator(".md-header label[for=__drawer]").click()
    drawer = page.locator(
        ".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item > .md-nav__link"
    )
    page.wait_for_timeout(300)
    shown = [link.inner_text().strip() for link in drawer.all() if link.evaluate(VISIBLE)]
    assert [section for section in SECTIONS if section in shown] == SECTIONS
    page.context.close()


@pytest.mark.parametrize("width", [WIDE, NARROWEST])
def test_the_header_says_what_the_site_is_in_full(browser: Browser, site_url: str, width: int) -> None:
    page = open_page(browser, site_url + PAGE_TYPES["story-sv"], width)
    title = page.locator(".md-header__title")
    lines = [line.strip() for line in title.inner_text().split("\n") if line.strip()]
    assert lines == ["Berättelser om diskriminering", "Helsingborgsbor berättar"]
    # Nothing of it is hidden behind an ellipsis or outside the header.
    clipped = title.evaluate(
        """t => [...t.querySelectorAll('*')].filter(e => e.getClientRects().length
              && (e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth))
              .map(e => e.className)"""
    )
    assert clipped == []
    page.context.close()


# Characters on each rendered line of an element's text, from the boxes of its characters.
LINE_LENGTHS = """e => {
  const lines = new Map();
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const boxes = range.getClientRects();
      if (!boxes.length) continue;
      const top = Math.round(boxes[boxes.length - 1].top);
      lines.set(top, (lines.get(top) || 0) + 1);
    }
  }
  return [...lines.values()];
}"""


# A story's words a step larger than the rest, so its lines hold a few characters fewer.
@pytest.mark.parametrize(
    ("name", "paragraph", "at_most"),
    [
        ("story-sv", ".hbg-story__text p", 75),
        ("story-ar", ".hbg-story__text p", 75),
        ("story-vi-warning", ".hbg-story__text p", 75),
        ("all-stories", ".hbg-page > p", 80),
        ("about", ".md-typeset > p", 80),
        ("statistics", ".hbg-page > p", 80),
    ],
)
def test_running_text_is_about_65_characters_a_line_on_a_wide_screen(
    browser: Browser, site_url: str, name: str, paragraph: str, at_most: int
) -> None:
    page = open_page(browser, site_url + PAGE_TYPES[name], WIDE)
    lengths = [
        length for located in page.locator(paragraph).all() for length in located.evaluate(LINE_LENGTHS)
    ]
    assert 55 <= max(lengths) <= at_most
    page.context.close()


# The focused element's outline and, at the middle of each side of its ring, the colour behind
# it: the first element there that is not the focused one, its own and its ancestors'
# backgrounds laid over each other down to the first opaque one (white below all); and whether
# the element is shown at all. It marks the first element, so the walk stops where it began.
FOCUS_RING = """async () => {
  const element = document.activeElement;
  // A ring or a skip link that fades in is measured once it has.
  const finite = element.getAnimations().filter(a => a.effect.getTiming().iterations !== Infinity);
  await Promise.all(finite.map(a => a.finished.catch(() => null)));
  const style = getComputedStyle(element);
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const opacity = e => e ? Number(getComputedStyle(e).opacity) * opacity(e.parentElement) : 1;
  const behind = start => {
    const layers = [];
    for (let e = start; e; e = e.parentElement) {
      const [r, g, b, alpha = 1] = parse(getComputedStyle(e).backgroundColor);
      const a = alpha * opacity(e);
      if (a > 0) layers.push([r, g, b, a]);
      if (a >= 1) break;
    }
    return layers.reverse().reduce(
      (under, [r, g, b, a]) => [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a)],
      [255, 255, 255]);
  };
  const box = element.getBoundingClientRect();
  const gap = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) / 2;
  const middle = [box.left + box.width / 2, box.top + box.height / 2];
  const points = [[box.left - gap, middle[1]], [box.right + gap, middle[1]],
                  [middle[0], box.top - gap], [middle[0], box.bottom + gap]];
  const backgrounds = points
    .filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight)
    .map(([x, y]) => document.elementsFromPoint(x, y).find(e => e !== element && !element.contains(e)))
    .filter(e => e)
    .map(behind);
  const name = (element.getAttribute('aria-label') || element.textContent || '').trim().slice(0, 30);
  const again = element === document.body || element.hasAttribute('data-hbg-first');
  if (!document.querySelector('[data-hbg-first]')) element.setAttribute('data-hbg-first', '');
  const shown = opacity(element) > 0.9 && box.bottom > 0 && box.right > 0
    && box.top < innerHeight && box.left < innerWidth;
  return {
    element: element.tagName + ' ' + element.className + ' ' + name,
    again,
    shown,
    outline: style.outlineStyle === 'none' ? null : parse(style.outlineColor).slice(0, 3),
    width: parseFloat(style.outlineWidth),
    backgrounds,
  };
}"""


def luminance(rgb: list[float]) -> float:
    """Relative luminance as WCAG defines it."""
    channels = [c / 255 for c in rgb]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: list[float], other: list[float]) -> float:
    """WCAG's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted([luminance(one), luminance(other)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_is_measured_as_wcag_does() -> None:
    assert round(contrast([0, 0, 0], [255, 255, 255]), 1) == 21.0
    assert round(contrast([113, 32, 130], [251, 247, 242]), 1) == 8.8
    assert contrast([26, 60, 196], [63, 81, 181]) < 3


@pytest.mark.parametrize("width", [WIDE, PHONE])
@pytest.mark.parametrize("name", KEYBOARD_TYPES)
def test_every_focus_ring_is_2_px_and_3_to_1_against_what_is_behind_it(
    browser: Browser, site_url: str, name: str, width: int
) -> None:
    page = open_page(browser, site_url + PAGE_TYPES[name], width)
    # The search dialog is the search part's, tested in tests/test_browser_search.py; opened by
    # the walk, it would lay its shade over every ring after it.
    page.evaluate("() => document.querySelector('[data-md-component=search]')?.remove()")
    faint: list[str] = []
    walked: list[str] = []
    for _ in range(300):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring["again"]:
            break
        walked.append(ring["element"])
        ratios = (
            [contrast(ring["outline"], behind) for behind in ring["backgrounds"]] if ring["outline"] else []
        )
        if not ring["shown"] or ring["width"] < 2 or not ratios or min(ratios) < 3:
            faint.append(
                f"{ring['element']}: shown {ring['shown']}, {ring['width']} px, {[round(r, 2) for r in ratios]}"
            )
    assert 10 < len(walked) < 300
    assert faint == []
    page.context.close()


# Words in headings and labels that a line break splits anywhere but at a soft hyphen or a
# hyphen: each character's box is compared with the one before it. The statistics tables'
# labels on a phone are the statistics part's (tests/test_browser_statistics.py).
WORDS_BROKEN_MID_WORD = """() => {
  const labels = 'h1, h2, h3, h4, dt, th, caption, label, summary, button, figcaption, '
    + '.md-nav__link, .md-tabs__link, .md-header__title';
  const broken = [];
  const range = document.createRange();
  for (const element of document.querySelectorAll(labels)) {
    if (!element.getClientRects().length || element.closest('.hbg-stats')) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        let top = null;
        for (let i = word.index; i < word.index + word[0].length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const boxes = range.getClientRects();
          const box = boxes[boxes.length - 1];
          if (!box || box.width === 0) continue;
          if (top !== null && box.top > top + 2 && !['\\u00ad', '-', '/', '–'].includes(node.data[i - 1])) {
            broken.push(word[0].replaceAll('\\u00ad', '|'));
          }
          top = box.top;
        }
      }
    }
  }
  return broken;
}"""

# Elements that reach past the right edge of the window, but for those inside a scroll region
# with a name (a wide table a reader scrolls on purpose) and the closed drawer's menu.
CUT_OFF = """() => [...document.querySelectorAll('body *')].filter(e => {
  const box = e.getBoundingClientRect();
  if (!box.width || box.right <= document.documentElement.clientWidth + 1) return false;
  if (getComputedStyle(e).visibility === 'hidden') return false;
  for (let up = e.parentElement; up; up = up.parentElement) {
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(up).overflowX);
    if (scrolls && (up.getAttribute('aria-label') || up.getAttribute('aria-labelledby'))) return false;
  }
  return true;
}).map(e => e.tagName + '.' + e.className).slice(0, 5)"""


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_at_320_px_nothing_scrolls_sideways_is_cut_off_or_breaks_mid_word(
    browser: Browser, site_url: str, name: str
) -> None:
    page = open_page(browser, site_url + PAGE_TYPES[name], NARROWEST)
    assert (
        page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
    assert page.evaluate(CUT_OFF) == []
    assert page.evaluate(WORDS_BROKEN_MID_WORD) == []
    page.context.close()


def test_a_long_heading_breaks_at_its_soft_hyphen_on_a_phone(browser: Browser, site_url: str) -> None:
    page = open_page(browser, site_url + PAGE_TYPES["accessibility"], NARROWEST)
    heading = page.locator(".md-content h1")
    assert heading.evaluate(LINE_LENGTHS) == [len("Tillgänglighets\u00ad"), len("redogörelse")]
    page.context.close()
