"""Honest content in a real browser: the sample archive's notice on every kind of page, in the
page's language, and not at all when mkdocs.yml says the archive is real; every phone number a
tel: link; no placeholder shown as the plan's title.

The archive is the frozen sample (tests/fixtures/sample/), built once with the project's
mkdocs.yml (extra.sample_archive: true) and once more with the setting off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import escape
from playwright.sync_api import Browser, Page

from generator.intake.vocabulary import load_vocabulary
from generator.pipeline import BuildOptions, build_site
from tests.browser import PAGE_TYPES, STORY_FILM, serve
from tests.conftest import SAMPLE_ARCHIVE
from tests.phone_numbers import unlinked_phone_numbers

pytestmark = pytest.mark.browser

VOCABULARY = load_vocabulary()
NOTICE = ".md-banner .hbg-sample"
# The language each page is in (the story pages' from their names, the language homes' from
# their address); every other page is Swedish.
HOMES = {"english": "en", "arabic": "ar", "vietnamese": "vi", "bosnian-croatian-serbian": "bs"}


def page_language(name: str) -> str:
    if name == "story-film":
        return STORY_FILM.language
    if name.startswith("story-") and name not in ("story-sv", "story-warning"):
        return "ar" if name == "story-ar" else name.split("-")[1]
    if name.startswith("help-"):
        return HOMES[name.removeprefix("help-")]
    return HOMES.get(name, "sv")


@pytest.fixture(scope="module")
def real_archive_url(sample_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same archive built as if it were real: extra.sample_archive set to false (in a
    configuration of its own beside the shared one, whose site is built already)."""
    config = sample_project / "mkdocs-real.yml"
    config.write_text(
        (sample_project / "mkdocs.yml").read_text().replace("sample_archive: true", "sample_archive: false")
    )
    real = tmp_path_factory.mktemp("real")
    site = real / "site"
    build_site(BuildOptions(SAMPLE_ARCHIVE, site, config, voice="none", cache_dir=real / ".cache"))
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("name", sorted(PAGE_TYPES))
def test_every_page_says_the_stories_are_examples_in_its_language(
    page: Page, site_url: str, name: str
) -> None:
    page.goto(site_url + PAGE_TYPES[name])
    notice = page.locator(NOTICE)
    assert notice.count() == 1, name
    assert notice.is_visible(), name
    language = page_language(name)
    assert notice.inner_text() == VOCABULARY.translation(language).say("sample_notice"), name
    # Read in its own language, from the page's <html lang>.
    spoken = notice.evaluate("element => element.closest('[lang]').getAttribute('lang')")
    assert spoken.split("-")[0] == language, name


def test_the_notice_is_a_calm_note_not_an_alert(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["story-sv"])
    notice = page.locator(NOTICE)
    assert notice.get_attribute("role") == "note"
    alerting = "element => element.closest('[aria-live], [role=alert], [role=status], [role=log]') === null"
    assert notice.evaluate(alerting)


@pytest.mark.parametrize(
    "name", ["start", "story-sv", "story-ar", "help-arabic", "plan", "about", "not-found"]
)
def test_a_real_archive_has_no_notice(page: Page, real_archive_url: str, name: str) -> None:
    page.goto(real_archive_url + PAGE_TYPES[name])
    assert page.locator(".md-banner").count() == 0
    assert page.locator(".hbg-sample").count() == 0


@pytest.mark.parametrize("width", [1280, 390, 320])
@pytest.mark.parametrize("name", ["start", "story-ar", "story-sv", "not-found"])
def test_the_notice_fits_the_screen(browser: Browser, site_url: str, name: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGE_TYPES[name])
    notice = page.locator(NOTICE).bounding_box()
    assert notice is not None and notice["x"] >= 0 and notice["x"] + notice["width"] <= width
    context.close()


def test_every_phone_number_on_the_site_is_a_tel_link(sample_project: Path) -> None:
    site = sample_project / "site"
    unlinked = {
        str(path.relative_to(site)): found
        for path in sorted(site.rglob("*.html"))
        if (found := unlinked_phone_numbers(path.read_text(encoding="utf-8")))
    }
    assert unlinked == {}


def test_no_page_shows_a_placeholder_as_the_plans_title(sample_project: Path) -> None:
    site = sample_project / "site"
    placeholders = {
        str(escape(t.measures[number]))
        for t in VOCABULARY.translations.values()
        for number in VOCABULARY.untitled_measures
    }
    assert placeholders
    showing = [
        str(path.relative_to(site))
        for path in sorted(site.rglob("*.html"))
        if any(title in path.read_text(encoding="utf-8") for title in placeholders)
    ]
    assert showing == []


def test_the_plan_names_each_measure_by_its_number_and_says_why(page: Page, site_url: str) -> None:
    page.goto(site_url + PAGE_TYPES["plan"])
    names = page.locator(".hbg-measures-list a").all_inner_texts()
    assert names == [f"Åtgärd {number}" for number in range(1, 18)]
    assert "inte ifyllda här än" in page.locator(".hbg-page .hbg-note").inner_text()
