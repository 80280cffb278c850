"""Stories first, in a real browser: the home page's stories, cards in every list, narrowing a list
with and without JavaScript, and a story with its translation counted once.

Built from the frozen sample archive (tests/fixtures/sample/) with readings, so every card can play.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from generator.intake.gate import published_stories
from generator.pipeline import check_archive
from tests.browser import axe_violations
from tests.conftest import SAMPLE_ARCHIVE

pytestmark = pytest.mark.browser

PUBLISHED = published_stories(check_archive(SAMPLE_ARCHIVE).stories)
# A story and its translation are one story.
DISTINCT = len([story for story in PUBLISHED if story.translation_of not in {s.id for s in PUBLISHED}])
ETHNICITY = {story.id for story in PUBLISHED if "etnisk-tillhorighet" in story.grounds}
LISTS = {
    "start": "",
    "all-stories": "berattelser/",
    "ground": "grunder/etnisk-tillhorighet/",
    "arena": "arenor/kollektivtrafik/",
    "experience": "upplevelser/diskriminering/",
    "measure": "planen/atgard-04/",
    "language": "sprak/en/",
    "english": "en/",
    "arabic": "ar/",
}
CARD_IDS = """() => Array.from(document.querySelectorAll('.hbg-card:not([hidden]) .hbg-card__title a'),
  a => a.getAttribute('href').split('/').filter(Boolean).pop())"""


def test_the_home_page_opens_with_stories_to_read_and_play_without_downloading_a_reading(
    page: Page, site_url: str
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    cards = page.locator(".hbg-start .hbg-card")
    assert cards.count() >= 3
    for n in range(cards.count()):
        card = cards.nth(n)
        title = card.locator(".hbg-card__title").inner_text()
        assert len(card.locator(".hbg-card__teaser").inner_text()) > 20
        player = card.locator("audio[controls]")
        assert player.get_attribute("preload") == "none"
        assert player.get_attribute("aria-label") == f"Lyssna: {title}"
        assert player.is_visible()
    # The stories come before the welcome text's headings.
    assert page.evaluate(
        "() => document.querySelector('.hbg-card').compareDocumentPosition("
        "document.getElementById('varfor-vi-visar-berattelserna')) === Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert not [url for url in requested if url.endswith(".mp3")]
    assert page.get_by_role("link", name=f"Alla {DISTINCT} berättelser").count() == 1


def test_a_cards_player_is_reached_by_keyboard_and_plays(page: Page, site_url: str) -> None:
    page.goto(site_url)
    reached = []
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.hbg-card audio')"):
            reached.append(page.evaluate("() => document.activeElement.getAttribute('aria-label')"))
            break
    assert reached and reached[0].startswith("Lyssna: ")
    duration = page.evaluate(
        """() => new Promise((resolve, reject) => {
          const audio = document.activeElement;
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
          audio.addEventListener('error', () => reject(new Error('no reading')));
          audio.load();
        })"""
    )
    assert duration > 0


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_list_is_cards_with_teaser_tags_and_length(page: Page, site_url: str, name: str) -> None:
    page.goto(site_url + LISTS[name])
    cards = page.locator(".hbg-card")
    assert cards.count() > 0
    for n in range(cards.count()):
        card = cards.nth(n)
        assert card.locator(".hbg-card__teaser").inner_text().strip()
        assert card.locator(".hbg-card__tags").inner_text().strip()
        meta = card.locator(".hbg-card__meta").inner_text()
        assert any(word in meta for word in ("min", "phút", "د")), meta


def test_the_list_of_all_stories_counts_a_translation_with_its_original(page: Page, site_url: str) -> None:
    page.goto(site_url + LISTS["all-stories"])
    assert page.locator(".hbg-card").count() == DISTINCT
    assert page.get_by_text(f"Arkivet har {DISTINCT} berättelser").count() == 1
    translation = next(story for story in PUBLISHED if story.translation_of)
    original = page.locator(".hbg-card", has=page.locator(f'a[href="{translation.translation_of}/"]'))
    assert original.locator(f'.hbg-card__versions a[href="{translation.id}/"]').count() == 1
    assert page.locator(f'.hbg-card__title a[href="{translation.id}/"]').count() == 0


def test_without_javascript_a_ground_is_chosen_by_its_link_and_its_page_has_only_its_cards(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + LISTS["all-stories"])
    assert page.locator("form[data-hbg-narrow]").is_hidden()
    page.locator("summary", has_text="Diskrimineringsgrunder").click()
    page.get_by_role("link", name="Etnisk tillhörighet").click()
    assert urlsplit(page.url).path.endswith("/grunder/etnisk-tillhorighet/")
    assert set(page.evaluate(CARD_IDS)) <= ETHNICITY
    shown = set(page.evaluate(CARD_IDS))
    # Every story of the ground is there, a translation on its original's card.
    translated = {story.id for story in PUBLISHED if story.translation_of}
    assert shown == ETHNICITY - translated | {
        story.translation_of for story in PUBLISHED if story.id in ETHNICITY & translated
    }
    context.close()


def test_with_javascript_choosing_a_ground_narrows_the_cards_and_says_how_many(
    page: Page, site_url: str
) -> None:
    page.goto(site_url + LISTS["all-stories"])
    ground = page.get_by_role("combobox", name="Diskrimineringsgrunder")
    assert ground.is_visible()
    ground.select_option("etnisk-tillhorighet")
    shown = page.evaluate(CARD_IDS)
    assert shown and set(shown) <= ETHNICITY | {s.translation_of for s in PUBLISHED if s.id in ETHNICITY}
    status = page.locator("[data-hbg-narrow-status]")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == f"Visar {len(shown)} av {DISTINCT} berättelser."
    page.get_by_role("combobox", name="Språk").select_option("vi")
    narrower = page.evaluate(CARD_IDS)
    assert set(narrower) < set(shown)
    assert status.inner_text() == f"Visar {len(narrower)} av {DISTINCT} berättelser."
    ground.select_option("")
    page.get_by_role("combobox", name="Språk").select_option("")
    assert len(page.evaluate(CARD_IDS)) == DISTINCT


def test_the_narrowed_list_has_no_axe_violation(page: Page, site_url: str) -> None:
    page.goto(site_url + LISTS["all-stories"])
    page.get_by_role("combobox", name="Var det hände").select_option("kollektivtrafik")
    assert axe_violations(page) == []
