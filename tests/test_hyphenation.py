from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cache.pages import render_site
from generator.intake.vocabulary import load_vocabulary
from generator.site.hyphenation import SOFT_HYPHEN, soft_hyphenate
from generator.site.render import render_story
from generator.statistics.pages import render_statistics
from generator.statistics.survey import read_survey
from generator.statistics.tables import build_statistics
from tests.test_render import NO_LINKS, body_of, front_matter_of, make_story

VOCABULARY = load_vocabulary()
SURVEY = Path(__file__).resolve().parent / "fixtures" / "survey" / "responses.csv"
# Letters of the longest word an h1 fits on a phone 320 px wide, with a margin: chromium fits
# "Diskrimineringsgrunder" (22) there, but not "Tillgänglighetsredogörelse" (26).
LONGEST_UNBROKEN = 18


def shown(text: str) -> str:
    """The text with its soft hyphens drawn as "|", to read the joints in an assertion."""
    return text.replace(SOFT_HYPHEN, "|")


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Diskrimineringsgrunder", "Diskriminerings|grunder"),
        ("Diskrimineringsgrunderna", "Diskriminerings|grunderna"),
        ("Tillgänglighetsredogörelse", "Tillgänglighets|redo|görelse"),
        ("TILLGÄNGLIGHETSREDOGÖRELSEN", "TILLGÄNGLIGHETS|REDO|GÖRELSEN"),
        ("Antidiskrimineringsbyrån Norra Skåne", "Anti|diskriminerings|byrån Norra Skåne"),
        ("Religion eller annan trosuppfattning", "Religion eller annan tros|upp|fattning"),
        ("Könsöverskridande identitet eller uttryck", "Köns|över|skridande identitet eller uttryck"),
        ("Statistik: funktionsnedsättning", "Statistik: funktions|ned|sättning"),
    ],
)
def test_soft_hyphens_go_between_the_parts_of_a_long_compound(text: str, marked: str) -> None:
    assert shown(soft_hyphenate(text)) == marked


@pytest.mark.parametrize(
    "text",
    [
        "Diskriminering",
        "Kön",
        "Föräldrarnas tros",
        "Trosor",
        "Ökönsöverskridande",
        "Berättelser på svenska",
        "",
    ],
)
def test_other_words_and_a_part_inside_another_word_are_left_as_they_are(text: str) -> None:
    assert soft_hyphenate(text) == text


def test_hyphenating_twice_changes_nothing_more() -> None:
    once = soft_hyphenate("Diskrimineringsgrunder och tillgänglighetsredogörelsen")
    assert soft_hyphenate(once) == once


def generated_headings() -> dict[str, str]:
    """The h1 of every page the generator writes but the stories' own: listings, terms, the
    plan, languages and statistics, for a small archive and the fixture survey."""
    site = render_site([make_story()], VOCABULARY, {}, has_statistics=True)
    survey = read_survey(SURVEY, VOCABULARY)
    assert survey is not None
    statistics = render_statistics(build_statistics(survey, VOCABULARY), VOCABULARY, {})
    pages = {**site.pages, **statistics}
    headings = {
        path: match.group(1)
        for path, text in pages.items()
        if path.endswith(".md") and not path.startswith("berattelser/hbg-")
        for match in [re.search(r"<h1[^>]*>(.*?)</h1>", text)]
        if match
    }
    assert len(headings) > 40
    return headings


def test_no_generated_heading_has_a_word_too_long_for_a_phone_without_a_soft_hyphen() -> None:
    too_long = {
        path: word
        for path, heading in generated_headings().items()
        for word in re.split(rf"[\s{SOFT_HYPHEN}]+", heading)
        if len(word) > LONGEST_UNBROKEN
    }
    assert too_long == {}


def test_a_ground_page_heading_breaks_at_the_joint_while_its_title_stays_whole() -> None:
    site = render_site([make_story()], VOCABULARY, {}, has_statistics=False)
    page = site.pages["grunder/funktionsnedsattning.md"]
    assert "<h1>Funktions\u00adned\u00adsättning</h1>" in page
    assert front_matter_of(page)["title"] == "Funktionsnedsättning"


def test_a_story_title_is_the_editors_words_untouched() -> None:
    story = make_story(title="Diskrimineringsgrunder och jag")
    _, markdown = render_story(story, NO_LINKS, VOCABULARY, None, ())
    assert '<h1 id="mening-0" data-pagefind-weight="10">Diskrimineringsgrunder och jag</h1>' in body_of(
        markdown
    )
    assert SOFT_HYPHEN not in markdown
