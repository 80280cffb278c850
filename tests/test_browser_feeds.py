"""Podcast feeds in a real browser: each list of stories that is read aloud explains what a podcast
feed is and shows its feed's address to copy; the address leads to a feed a directory takes; axe
finds nothing, nothing is asked of another host, and a phone at 320 px does not scroll sideways.

Built from the frozen sample archive (tests/fixtures/sample/) with readings.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser import PAGE_TYPES, axe_violations, watch_requests
from tests.podcasts import feed_guids, feed_problems

pytestmark = pytest.mark.browser

# The pages that link a feed: the list of every story, a ground, a measure, a language's list in
# Swedish, and the homes of one language and of three.
FEED_PAGES = ("all-stories", "ground", "measure", "stories-in-english", "english", "bosnian-croatian-serbian")
ADDRESSES = "() => Array.from(document.querySelectorAll('a.hbg-feed__address'), a => [a.href, a.textContent])"


@pytest.mark.parametrize("name", FEED_PAGES)
def test_a_list_read_aloud_explains_its_feed_and_shows_an_address_that_leads_to_it(
    page: Page, site_url: str, name: str
) -> None:
    requested, refused = watch_requests(page)
    page.goto(site_url + PAGE_TYPES[name])
    section = page.locator("section.hbg-feed")
    assert section.is_visible()
    assert section.get_by_role("heading", level=2).count() == 1
    addresses = page.evaluate(ADDRESSES)
    assert addresses
    for href, address in addresses:
        # The address to copy is the feed's own (on the host mkdocs.yml names, not this test's).
        assert urlsplit(address).path == urlsplit(href).path
        response = page.request.get(href)
        assert response.ok and response.headers["content-type"] in ("application/xml", "text/xml")
        assert feed_problems(response.body()) == []
        assert feed_guids(response.body())
    assert axe_violations(page) == []
    own = urlsplit(site_url).netloc
    assert [url for url in requested if urlsplit(url).netloc != own and not url.startswith("data:")] == []
    assert refused == []


def test_the_list_of_every_story_leads_from_its_top_to_how_to_subscribe(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["all-stories"])
    page.get_by_role("link", name="så prenumererar du på poddflödet").click()
    assert urlsplit(page.url).fragment == "poddflode"
    assert page.get_by_role("heading", name="Lyssna i en poddapp").is_visible()
    (href, _), *_ = page.evaluate(ADDRESSES)
    assert href == urljoin(site_url, "podcast.xml")


@pytest.mark.parametrize("name", ["ground", "bosnian-croatian-serbian"])
def test_at_320_px_an_address_wraps_and_nothing_scrolls_sideways(
    browser: Browser, site_url: str, name: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[name])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    for box in page.locator("a.hbg-feed__address").all():
        bounds = box.bounding_box()
        assert bounds is not None and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 320
    context.close()
