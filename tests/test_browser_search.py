"""Search with Pagefind in a real browser: every word of every published story, in its language,
and nothing of a story that is not published.

The archive is written here, with words that occur in one story each, so that a hit can only come
from that story's own text. Pagefind is asked through its own JavaScript API and through the
search page's interface (/sok/), in Debian's chromium.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.browser import SCREENSHOTS, axe_violations, build_project_site, serve, watch_requests
from tests.conftest import GOOD_FIELDS, stamped

pytestmark = pytest.mark.browser


# (id, language, status, title, body): each body word used below is in that story alone.
STORIES = [
    (
        "s-sv",
        "sv",
        "approved",
        "Rampen vid hållplatsen",
        "Chauffören fällde aldrig ut rampen. Min rullstolsdyna blev blöt i regnet. Till slut tog jag en taxi.",
    ),
    (
        "s-en",
        "en",
        "approved",
        "The bus that did not wait",
        "The driver looked at my walking frame and shut the doors. I waited with my kingfisher umbrella. In the end I took a taxi.",
    ),
    (
        "s-ar",
        "ar",
        "approved",
        "الحافلة لم تنتظر",
        "نظر السائق إلى عكازي وأغلق الباب. انتظرت تحت مظلة البرتقال.",
    ),
    (
        "s-markup",
        "sv",
        "approved",
        "Märkligt meddelande",
        "Någon skrev <img src=x onerror=alert(1)> under bilden av tranbärsjuicen.",
    ),
    ("s-draft", "sv", "draft", "Ett utkast", "Utkastet handlar om snöleoparden i parken."),
    ("s-review", "sv", "review", "Under granskning", "Granskningen gäller pelikanerna vid hamnen."),
    (
        "s-withdrawn",
        "sv",
        "withdrawn",
        "Tillbakadragen",
        "Den tillbakadragna handlar om flamingorna på torget.",
    ),
]
FOUND = {"rullstolsdyna": "s-sv", "kingfisher": "s-en", "البرتقال": "s-ar"}
NEVER = ["snöleoparden", "pelikanerna", "flamingorna"]
INPUT = ".pagefind-ui__search-input"


def write_archive(folder: Path) -> Path:
    folder.mkdir()
    for story_id, language, status, title, body in STORIES:
        fields = {**GOOD_FIELDS, "id": story_id, "language": language, "status": status, "title": title}
        if language == "en":
            fields["grounds"] = ["funktionsnedsattning"]
        if status != "approved":
            fields = {key: value for key, value in fields.items() if not key.startswith("approved")}
        dumped = yaml.safe_dump(stamped(fields, body + "\n"), allow_unicode=True, sort_keys=False)
        (folder / f"{story_id}.md").write_text(f"---\n{dumped}---\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("search")
    site = build_project_site(base, write_archive(base / "stories"), voice="none")
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(site_url + "sok/")
    opened.wait_for_selector(INPUT)
    yield opened
    context.close()


# Done when the message names these words and every result it counts (five to a page) is shown.
RESULTS_SHOWN = """words => {
  const message = document.querySelector(".pagefind-ui__message")?.textContent || "";
  if (!message.startsWith(words + " gav")) return false;
  const count = Number((message.match(/gav (\\d+) träff/) || [0, 0])[1]);
  return document.querySelectorAll(".pagefind-ui__result-link").length === Math.min(count, 5);
}"""


def search(page: Page, words: str) -> list[str]:
    """Search through the page's interface; the titles of the results."""
    page.fill(INPUT, words)
    page.wait_for_function(RESULTS_SHOWN, arg=words)
    return page.locator(".pagefind-ui__result-link").all_inner_texts()


# Pagefind's own API: the module the search page has loaded.
API_SEARCH = """async ([words, filters]) => {
  const pagefind = await import(new URL("../pagefind/pagefind.js", location.href).href);
  const found = await pagefind.search(words, { filters });
  return Promise.all(found.results.map(async (result) => (await result.data()).url));
}"""


def api_search(page: Page, words: str, filters: dict[str, str] | None = None) -> list[str]:
    search(page, words)  # the interface has loaded the index by then
    return page.evaluate(API_SEARCH, [words, filters or {}])


@pytest.mark.parametrize(("word", "story_id"), sorted(FOUND.items()))
def test_a_word_only_in_a_story_body_finds_that_story_in_its_language(
    page: Page, word: str, story_id: str
) -> None:
    title = next(story[3] for story in STORIES if story[0] == story_id)
    assert search(page, word) == [title]
    assert api_search(page, word) == [f"/berattelser/{story_id}/"]


def test_a_swedish_word_is_found_in_its_other_forms(page: Page) -> None:
    assert api_search(page, "hållplats") == ["/berattelser/s-sv/"]
    assert api_search(page, "rullstolsdynan") == ["/berattelser/s-sv/"]


@pytest.mark.parametrize("word", NEVER)
def test_nothing_of_a_draft_a_story_in_review_or_a_withdrawn_one_is_found(page: Page, word: str) -> None:
    assert search(page, word) == []
    assert api_search(page, word) == []


def test_nothing_but_the_stories_is_indexed(page: Page) -> None:
    # The help section, the questions and the player are on every story page: none is found.
    assert api_search(page, "Diskrimineringsombudsmannen") == []
    assert api_search(page, "Lyssna") == []


def test_filters_by_ground_arena_experience_and_language(page: Page) -> None:
    search(page, "rampen")
    names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert names == ["Diskrimineringsgrunder", "Språk", "Vad det var", "Var det hände"]
    assert api_search(page, "the", {"Språk": "Engelska"}) == ["/berattelser/s-en/"]
    assert api_search(page, "the", {"Diskrimineringsgrunder": "Funktionsnedsättning"}) == [
        "/berattelser/s-en/"
    ]
    assert api_search(page, "the", {"Språk": "Svenska"}) == []
    # In the interface: ticking a language narrows the results to it.
    assert sorted(search(page, "taxi")) == ["Rampen vid hållplatsen", "The bus that did not wait"]
    page.locator(".pagefind-ui__filter-name", has_text="Språk").click()
    page.get_by_label("Engelska").check()
    page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__result-link').length === 1")
    assert page.locator(".pagefind-ui__result-link").all_inner_texts() == ["The bus that did not wait"]


def test_markup_in_a_story_is_shown_as_text_in_the_excerpt(page: Page) -> None:
    assert search(page, "tranbärsjuicen") == ["Märkligt meddelande"]
    excerpt = page.locator(".pagefind-ui__result-excerpt").first
    assert "<img src=x onerror=alert(1)>" in excerpt.inner_text()
    assert page.locator(".pagefind-ui img, .pagefind-ui__result-excerpt *:not(mark)").count() == 0


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_violation_on_the_search_page_with_results(
    browser: Browser, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + "sok/")
    page.wait_for_selector(INPUT)
    search(page, "rampen")
    page.locator(".pagefind-ui__filter-name", has_text="Språk").click()
    assert axe_violations(page) == []
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"search-{width}.png", full_page=True)
    context.close()


def test_searching_asks_no_other_host_and_breaks_no_policy(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested, refused = watch_requests(page)
    page.goto(site_url + "sok/")
    page.wait_for_selector(INPUT)
    for words in [*FOUND, "rampen vid", NEVER[0]]:
        search(page, words)
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content") or ""
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["script-src"].startswith("'self' 'wasm-unsafe-eval' 'sha256-")
    assert "'unsafe-eval'" not in directives["script-src"] and "unsafe-inline" not in policy
    assert directives["style-src"] == "'self'"
    own = urlsplit(site_url).netloc
    assert [url for url in requested if urlsplit(url).netloc != own] == []
    assert any("/pagefind/fragment/" in url for url in requested)
    assert refused == []
    context.close()


def test_every_page_leads_to_the_search_by_keyboard(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "berattelser/s-en/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.hbg-search-link')"):
            break
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Sök"
    page.keyboard.press("Enter")
    page.wait_for_selector(INPUT)
    assert urlsplit(page.url).path == "/sok/"
    context.close()
