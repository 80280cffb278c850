"""The built site in every language: story pages that speak the story's language around it, the
theme's Swedish parts marked as Swedish, and a home per language that lists exactly its stories.

Built once from a copy of the frozen sample archive, with a draft added in every language, read
aloud by eSpeak NG so that the player's texts are on the pages too.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import urls
from generator.intake.gate import published_stories
from generator.model import Story
from generator.pipeline import check_archive
from generator.site.engine import project_settings
from generator.site.phones import PHONE_NUMBER
from tests.browser import build_project_site
from tests.conftest import SAMPLE_ARCHIVE
from tests.languages import VOCABULARY, swedish_outside_swedish, texts_with_language

pytestmark = pytest.mark.build

OTHER_LANGUAGES = ("en", "ar", "vi", "bs", "hr", "sr")
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")
# The link of a card's title: a card may also link a story's original or its translations.
CARD_LINK = re.compile(r'class="hbg-card__title"><a href="(?:\.\./)+berattelser/([a-z0-9-]+)/"')


def add_drafts(archive: Path) -> dict[str, str]:
    """A draft in every language, copied from a published story in it: never on a page."""
    drafts = {}
    for story in published_stories(check_archive(archive).stories):
        if story.primary_language in drafts or story.primary_language == "sv":
            continue
        draft_id = f"utkast-{story.primary_language}"
        text = Path(story.source).read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: {draft_id}", text, count=1, flags=re.M)
        text = re.sub(r"^status: .*$", "status: draft", text, count=1, flags=re.M)
        text = re.sub(r"^translation_of: .*\n", "", text, flags=re.M)
        (archive / f"{draft_id}.md").write_text(text, encoding="utf-8")
        drafts[story.primary_language] = draft_id
    return drafts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Story], dict[str, str]]]:
    base = tmp_path_factory.mktemp("languages")
    archive = base / "stories"
    shutil.copytree(SAMPLE_ARCHIVE, archive)
    drafts = add_drafts(archive)
    site = build_project_site(base, archive, voice="espeak")
    yield site, list(published_stories(check_archive(archive).stories)), drafts


def page(site: Path, markdown_path: str) -> str:
    return (site / urls.page_dir(markdown_path) / "index.html").read_text(encoding="utf-8")


def test_the_sample_has_a_published_story_in_every_language(
    built: tuple[Path, list[Story], dict[str, str]],
) -> None:
    _, published, drafts = built
    assert {story.primary_language for story in published} >= set(OTHER_LANGUAGES)
    assert set(drafts) == set(OTHER_LANGUAGES)


def test_a_story_page_shows_no_swedish_of_ours_outside_what_is_marked_swedish(
    built: tuple[Path, list[Story], dict[str, str]],
) -> None:
    site, published, _ = built
    for story in published:
        if story.primary_language == "sv":
            continue
        html = page(site, urls.story_page(story.id))
        assert f'<html lang="{story.language}"' in html
        assert swedish_outside_swedish(html) == [], story.id
        # The player is there, in the story's language: the checks above cover its words too.
        assert "hbg-player" in html


def test_an_arabic_page_is_right_to_left_from_its_heading_to_its_help(
    built: tuple[Path, list[Story], dict[str, str]],
) -> None:
    site, published, _ = built
    site_url = project_settings(site.parent / "mkdocs.yml").site_url
    for story in (s for s in published if s.primary_language == "ar"):
        html = page(site, urls.story_page(story.id))
        article = html[html.index('<article class="md-content__inner') : html.index("</article>")]
        texts = texts_with_language(article)
        contacts = {o.phone for o in VOCABULARY.organisations} | {o.email for o in VOCABULARY.organisations}
        contacts |= {o.website_shown for o in VOCABULARY.organisations}
        # The page's own address, to copy and share.
        contacts.add(urls.page_address(site_url, urls.story_page(story.id)))
        # Phone numbers and addresses read left to right inside the Arabic text.
        outside = {
            (lang, direction)
            for text, lang, direction in texts
            if text not in contacts
            and not PHONE_NUMBER.fullmatch(text)
            and text != VOCABULARY.translations["sv"].name
        }
        assert outside == {("ar", "rtl")}, story.id
        # The headings and labels are in Arabic script.
        for heading in re.findall(r"<h2[^>]*>(.*?)</h2>", article):
            assert ARABIC_LETTER.search(heading), heading


def test_each_language_home_lists_exactly_its_published_stories(
    built: tuple[Path, list[Story], dict[str, str]],
) -> None:
    site, published, drafts = built
    for home in urls.LANGUAGE_HOMES:
        html = page(site, urls.language_home(home))
        assert f'<html lang="{home}"' in html
        listed = CARD_LINK.findall(html[html.index("<article") : html.index("</article>")])
        expected = [s.id for s in published if VOCABULARY.languages[s.primary_language].home == home]
        assert sorted(listed) == expected, home
        assert not set(drafts.values()) & set(listed)
        assert swedish_outside_swedish(html) == [], home


def test_each_language_has_a_help_page_in_its_language(
    built: tuple[Path, list[Story], dict[str, str]],
) -> None:
    site, _, _ = built
    for home in urls.LANGUAGE_HOMES:
        html = page(site, urls.help_page(home))
        assert f'<html lang="{home}"' in html
        t = VOCABULARY.translations[home]
        assert t.say("help_page_title") in html
        assert "042-10 50 00" in html
        assert swedish_outside_swedish(html) == [], home


def test_the_swedish_lists_filter_by_language(built: tuple[Path, list[Story], dict[str, str]]) -> None:
    site, published, drafts = built
    assert 'href="../sprak/en/"' in page(site, "berattelser/index.md")
    for code in VOCABULARY.languages:
        html = page(site, urls.language_list_page(code))
        listed = CARD_LINK.findall(html[html.index("<article") : html.index("</article>")])
        assert sorted(listed) == [s.id for s in published if s.primary_language == code], code
        assert not set(drafts.values()) & set(listed)
