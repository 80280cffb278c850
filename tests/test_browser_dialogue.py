"""The dialogue, the film and report links and sharing, in a real browser (issue 19).

The frozen sample archive (tests/fixtures/sample/) is built twice without readings, for speed:
once with the project's mkdocs.yml plus a dialogue and a report address of our own, and once as
the project ships it, with neither. The dialogue's QR code is read back by a QR decoder from
chromium's own screenshot of it.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page

from generator import urls
from generator.intake.vocabulary import load_vocabulary
from generator.pipeline import BuildOptions, build_site
from generator.site.engine import project_settings
from generator.text import teaser
from tests.browser import PAGE_TYPES, STORY_AR, STORY_SV, STORY_WARNING, axe_violations, serve, watch_requests
from tests.conftest import ROOT, SAMPLE_ARCHIVE, copy_hand_written_docs

pytestmark = pytest.mark.browser

DIALOGUE = "https://dialog.example.se/delta?tema=diskriminering&steg=1#start"
REPORT = "https://helsingborg.example.se/omtanksam-stad/rapport.pdf"
SWEDISH = load_vocabulary().translation("sv")
ARABIC = load_vocabulary().translation("ar")


def build_variant(base: Path, extra: str) -> Path:
    """Build the sample archive, without readings, with the project's MkDocs side and these
    lines added to mkdocs.yml's `extra:`; return the site folder."""
    base.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (base / "mkdocs.yml").write_text(config.replace("extra:\n", "extra:\n" + extra, 1), encoding="utf-8")
    shutil.copytree(ROOT / "overrides", base / "overrides")
    copy_hand_written_docs(base / "docs")
    build_site(
        BuildOptions(
            SAMPLE_ARCHIVE, base / "site", base / "mkdocs.yml", voice="none", cache_dir=base / ".cache"
        )
    )
    return base / "site"


@pytest.fixture(scope="module")
def with_dialogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("dialogue")
    site = build_variant(base / "set", f'  dialogue_url: "{DIALOGUE}"\n  report_url: "{REPORT}"\n')
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def without_dialogue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("no-dialogue")
    with serve(build_variant(base / "unset", "")) as url:
        yield url


def published_address(story_id: str) -> str:
    """A story page's address on the published site, as mkdocs.yml's site_url gives it."""
    return urls.page_address(project_settings(ROOT / "mkdocs.yml").site_url, urls.story_page(story_id))


def decoded_screenshot(png: bytes) -> list[str]:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return [barcode.text for barcode in zxingcpp.read_barcodes(pixels)]


def test_the_dialogue_pages_qr_code_decodes_to_exactly_the_address_written_beside_it(
    page: Page, with_dialogue: str
) -> None:
    page.goto(with_dialogue + PAGE_TYPES["dialogue"])
    code = page.locator(".hbg-qr svg")
    assert code.get_attribute("role") == "img"
    assert code.get_attribute("aria-label") == "QR-kod till stadens dialog"
    assert decoded_screenshot(code.screenshot()) == [DIALOGUE]
    assert page.locator(".hbg-qr__address").inner_text() == DIALOGUE
    assert page.get_by_role("link", name="Gå till stadens dialog").get_attribute("href") == DIALOGUE


def test_without_a_dialogue_address_there_is_no_code_and_the_contact_centre_is_given(
    page: Page, without_dialogue: str
) -> None:
    page.goto(without_dialogue + PAGE_TYPES["dialogue"])
    assert page.locator(".hbg-dialogue svg").count() == 0
    assert "Kontakta Helsingborgs stads kontaktcenter." in page.locator(".hbg-dialogue").inner_text()
    contact = page.locator(".hbg-dialogue").get_by_role("link", name="042-10 50 00")
    assert contact.get_attribute("href") == "tel:+4642105000"


def test_the_home_page_and_a_story_lead_to_the_dialogue(page: Page, without_dialogue: str) -> None:
    for start in ("", PAGE_TYPES["story-sv"]):
        page.goto(without_dialogue + start)
        page.get_by_role("link", name=SWEDISH.say("dialogue_link")).click()
        assert page.url == without_dialogue + PAGE_TYPES["dialogue"]
        assert page.locator("h1").inner_text() == "Berätta och var med i dialogen"


def test_the_report_is_on_the_home_page_with_its_file_type_and_absent_when_unset(
    page: Page, with_dialogue: str, without_dialogue: str
) -> None:
    page.goto(with_dialogue)
    report = page.get_by_role("link", name="Läs hela rapporten från projektet (PDF)")
    assert report.get_attribute("href") == REPORT
    page.goto(without_dialogue)
    assert page.locator(".hbg-project").count() == 0
    assert page.get_by_text("rapporten").count() == 0


@pytest.mark.parametrize(
    ("variant", "name"),
    [
        ("set", "dialogue"),
        ("unset", "dialogue"),
        ("set", "start"),
        ("set", "story-sv"),
        ("set", "story-ar"),
        ("set", "story-warning"),
    ],
)
def test_no_accessibility_violations(
    page: Page, with_dialogue: str, without_dialogue: str, variant: str, name: str
) -> None:
    page.goto((with_dialogue if variant == "set" else without_dialogue) + PAGE_TYPES[name])
    assert axe_violations(page) == []


def test_copy_link_puts_the_stories_address_on_the_clipboard_and_says_so(
    browser: Browser, with_dialogue: str
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(with_dialogue + PAGE_TYPES["story-ar"])
    button = page.get_by_role("button", name=ARABIC.say("share_copy"))
    button.click()
    status = page.get_by_role("status").filter(has_text=ARABIC.say("share_copied"))
    status.wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == published_address(STORY_AR.id)
    context.close()


def test_when_copying_fails_the_status_says_how_to_copy_by_hand(browser: Browser, with_dialogue: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(with_dialogue + PAGE_TYPES["story-sv"])
    # A clipboard that refuses, as a browser does when the reader has said no.
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('nej')); }")
    page.get_by_role("button", name=SWEDISH.say("share_copy")).click()
    page.get_by_role("status").filter(has_text=SWEDISH.say("share_copy_failed")).wait_for()
    context.close()


def test_without_javascript_the_address_is_there_to_select_and_no_button_that_does_nothing(
    browser: Browser, with_dialogue: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(with_dialogue + PAGE_TYPES["story-sv"])
    address = page.locator(".hbg-share__address")
    assert address.is_visible()
    assert address.inner_text() == published_address(STORY_SV.id)
    assert page.locator(".hbg-share__copy").is_hidden()
    context.close()


def test_link_previews_come_from_the_page_and_never_show_what_a_warning_stands_before(
    page: Page, with_dialogue: str
) -> None:
    def preview(name: str) -> dict[str, str | None]:
        page.goto(with_dialogue + PAGE_TYPES[name])
        found = page.locator("meta[property^='og:']")
        return {
            found.nth(n).get_attribute("property") or "": found.nth(n).get_attribute("content")
            for n in range(found.count())
        }

    story = preview("story-ar")
    assert story["og:type"] == "article"
    assert story["og:locale"] == "ar_AR"
    assert story["og:title"] == STORY_AR.title
    assert story["og:url"] == published_address(STORY_AR.id)
    assert story["og:description"] == teaser(STORY_AR.paragraphs)
    warned = preview("story-warning")
    assert warned["og:description"] == page.locator("meta[name=description]").get_attribute("content")
    assert not any(warned["og:description"] in paragraph for paragraph in STORY_WARNING.paragraphs)
    dialogue = preview("dialogue")
    assert dialogue["og:type"] == "website" and dialogue["og:locale"] == "sv_SE"
    assert dialogue["og:title"] == "Berätta och var med i dialogen"


@pytest.mark.parametrize("name", ["dialogue", "story-sv"])
def test_nothing_is_asked_of_another_host_even_when_copying(
    browser: Browser, with_dialogue: str, name: str
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    requested, refused = watch_requests(page)
    page.goto(with_dialogue + PAGE_TYPES[name])
    if name == "story-sv":
        page.get_by_role("button", name=SWEDISH.say("share_copy")).click()
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if not url.startswith(with_dialogue)] == []
    assert refused == []
    context.close()


@pytest.mark.parametrize("name", ["dialogue", "story-ar"])
def test_the_code_and_the_addresses_fit_a_narrow_phone(
    browser: Browser, with_dialogue: str, name: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(with_dialogue + PAGE_TYPES[name])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for selector in (".hbg-qr svg", ".hbg-qr__address", ".hbg-share__address"):
        for box in (element.bounding_box() for element in page.locator(selector).all()):
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320, selector
    context.close()
