"""The statistics pages on a phone and a desktop, in chromium: every number reachable, chart text
at least 12 px as shown, no page wider than the screen, no axe violation (issue 18, item 4).

The archive is the frozen sample in tests/fixtures/sample/. Screenshots of every statistics page
at both widths go to artifacts/screenshots/ for CI.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import PAGE_TYPES

pytestmark = pytest.mark.browser

STATISTICS_PAGES = {name: path for name, path in PAGE_TYPES.items() if name.startswith("statistics")}
CHART_PAGES = [
    name
    for name in STATISTICS_PAGES
    if name
    not in {
        "statistics",
        "statistics-languages",
        "statistics-cross",
        "statistics-method",
        "statistics-codebook",
    }
]
CROSS = STATISTICS_PAGES["statistics-cross"]
REGION = ".hbg-cross .hbg-table-wrap"


def open_page(browser: Browser, url: str, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(url)
    return page


PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [390, 320])
def test_no_statistics_page_scrolls_sideways(browser: Browser, site_url: str, width: int) -> None:
    page = open_page(browser, site_url, width)
    wider = []
    for name, path in STATISTICS_PAGES.items():
        page.goto(site_url + path)
        if page.evaluate(PAGE_OVERFLOW) > 0:
            wider.append(name)
    page.context.close()
    assert wider == []


# Scrolls the region so that each number stands just right of the sticky first column, and
# returns the cells that are then not wholly visible or are covered by something else.
UNREACHABLE_CELLS = """(selector) => {
  const region = document.querySelector(selector);
  const box = region.getBoundingClientRect();
  const unreachable = [];
  for (const cell of region.querySelectorAll("td")) {
    const row = cell.parentElement;
    cell.scrollIntoView({block: "center", inline: "nearest"});
    region.scrollLeft = 0;
    const sticky = row.firstElementChild.getBoundingClientRect();
    region.scrollLeft = Math.max(0, cell.getBoundingClientRect().left - sticky.right);
    const rect = cell.getBoundingClientRect();
    const stickyNow = row.firstElementChild.getBoundingClientRect();
    const inView = rect.left >= stickyNow.right - 1 && rect.right <= box.right + 1;
    const hit = document.elementFromPoint((rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2);
    if (!inView || !cell.contains(hit)) unreachable.push(row.firstElementChild.textContent.trim() + " / " + cell.cellIndex);
  }
  return [region.querySelectorAll("td").length, unreachable];
}"""


@pytest.mark.parametrize("width", [390, 320])
def test_every_number_of_the_cross_table_can_be_scrolled_into_view(
    browser: Browser, site_url: str, width: int
) -> None:
    page = open_page(browser, site_url + CROSS, width)
    region = page.locator(REGION)
    assert page.evaluate(
        "(s) => { const r = document.querySelector(s); return r.scrollWidth > r.clientWidth }", REGION
    )
    cells, unreachable = page.evaluate(UNREACHABLE_CELLS, REGION)
    assert cells == 10 * 12  # nine grounds and the totals, by eleven arenas and the totals
    assert unreachable == []
    assert region.bounding_box()["width"] <= width  # type: ignore[index]
    assert page.evaluate(PAGE_OVERFLOW) <= 0
    page.context.close()


def test_the_cross_tables_region_is_labelled_focusable_and_scrolls_with_the_arrow_keys(
    browser: Browser, site_url: str
) -> None:
    page = open_page(browser, site_url + CROSS, 390)
    region = page.locator(REGION)
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    label = page.evaluate(
        "(s) => document.getElementById(document.querySelector(s).getAttribute('aria-labelledby')).textContent",
        REGION,
    )
    assert label == "Antal svar efter diskrimineringsgrund (rader) och arena (kolumner)"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", REGION):
            break
    assert page.evaluate("(s) => document.activeElement === document.querySelector(s)", REGION)
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(s) => document.querySelector(s).scrollLeft > 0", arg=REGION)
    page.context.close()


def test_on_a_phone_the_grounds_show_their_short_label_and_screen_readers_the_whole(
    browser: Browser, site_url: str
) -> None:
    page = open_page(browser, site_url + CROSS, 390)
    religion = page.get_by_role("link", name="Religion eller annan trosuppfattning", exact=True)
    short, full = religion.locator(".hbg-cross__short"), religion.locator(".hbg-cross__full")
    assert short.inner_text() == "Religion" and short.bounding_box()["width"] > 20  # type: ignore[index]
    assert full.bounding_box()["width"] <= 1  # type: ignore[index]
    assert page.locator(".hbg-cross__key").is_visible()
    page.context.close()


# The size of each chart text as shown: its font size scaled by the chart's transform to the
# screen, and the texts that stick out of their chart or overlap another.
CHART_TEXT = """() => {
  const sizes = [], outside = [], overlapping = [];
  for (const chart of document.querySelectorAll("svg.hbg-chart")) {
    const frame = chart.getBoundingClientRect();
    const texts = [...chart.querySelectorAll("text")];
    const boxes = texts.map((text) => text.getBoundingClientRect());
    texts.forEach((text, i) => {
      const scale = text.getScreenCTM();
      sizes.push(parseFloat(getComputedStyle(text).fontSize) * Math.hypot(scale.a, scale.b));
      const box = boxes[i];
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5) outside.push(text.textContent);
      boxes.forEach((other, j) => {
        if (j > i && box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom)
          overlapping.push(text.textContent + " / " + texts[j].textContent);
      });
    });
  }
  return [sizes, outside, overlapping];
}"""


@pytest.mark.parametrize("width", [1280, 390, 320])
def test_every_chart_text_is_at_least_12_px_inside_its_chart_and_overlaps_no_other(
    browser: Browser, site_url: str, width: int
) -> None:
    page = open_page(browser, site_url, width)
    problems = []
    for name in CHART_PAGES:
        page.goto(site_url + STATISTICS_PAGES[name])
        sizes, outside, overlapping = page.evaluate(CHART_TEXT)
        assert sizes, name
        if min(sizes) < 12 or outside or overlapping:
            problems.append((name, round(min(sizes), 1), outside, overlapping))
    page.context.close()
    assert problems == []
