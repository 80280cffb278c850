from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from generator import urls
from generator.cache.pages import render_site
from generator.intake.vocabulary import load_vocabulary
from generator.model import NO_ADDRESSES, Addresses, Film, ListedStory, Reading, Status, Story
from generator.site.render import (
    TERM_KINDS,
    StoryCard,
    StoryLinks,
    cards_in_languages,
    count_stories,
    file_type,
    home_stories,
    render_dialogue,
    render_story,
    section_name,
    story_cards,
)
from generator.statistics.tables import DIMENSIONS
from tests.conftest import ROOT
from tests.languages import swedish_outside_swedish, swedish_phrases, texts_with_language
from tests.test_qr import decoded
from tests.test_vocabulary import ALL_FILLED_IN, vocabulary_with_titles

VOCABULARY = load_vocabulary()
NO_LINKS = StoryLinks(None, ())


def make_story(**changes: object) -> Story:
    fields: dict[str, object] = {
        "id": "hbg-0001",
        "title": "En vanlig dag",
        "status": Status.APPROVED,
        "language": "sv",
        "collected": "2025-10",
        "grounds": ("alder",),
        "arenas": ("arbetsliv",),
        "experiences": ("utanforskap",),
        "paragraphs": ("Första stycket.", "Andra\nraden."),
        "source": "stories/hbg-0001.md",
        "approved_by": "redaktor",
        "approved_on": dt.date(2026, 3, 14),
    }
    fields.update(changes)
    return Story(**fields)  # type: ignore[arg-type]


def body_of(markdown: str) -> str:
    return markdown.split("---\n", 2)[2]


def front_matter_of(markdown: str) -> dict[str, object]:
    loaded = yaml.safe_load(markdown.split("---\n", 2)[1])
    assert isinstance(loaded, dict)
    return loaded


def test_count_stories_in_swedish() -> None:
    assert count_stories(0) == "0 berättelser"
    assert count_stories(1) == "1 berättelse"
    assert count_stories(2) == "2 berättelser"


def test_story_page_path_front_matter_and_paragraphs() -> None:
    path, markdown = render_story(make_story(), NO_LINKS, VOCABULARY, None)
    assert path == "berattelser/hbg-0001.md"
    assert front_matter_of(markdown) == {
        "title": "En vanlig dag",
        "description": "En berättelse om ålder, berättad oktober 2025.",
        "hide": ["navigation", "toc"],
        "og_type": "article",
        "og_description": "Första stycket. Andra",
        "og_locale": "sv_SE",
    }
    body = body_of(markdown)
    assert body.startswith(
        '\n<div class="hbg-page hbg-story" data-hbg-story="hbg-0001" lang="sv" dir="ltr" data-pagefind-body'
    )
    assert '<div class="hbg-story__text">' in body
    assert (
        '<p><span class="hbg-sentence" id="mening-1">Första stycket.</span></p>\n'
        '<p><span class="hbg-sentence" id="mening-2">Andra</span><br>'
        '<span class="hbg-sentence" id="mening-3">raden.</span></p>'
    ) in body
    assert '<a href="../../grunder/alder/">Ålder</a>' in body
    assert "Berättad oktober 2025." in body


def test_story_body_is_one_raw_html_block_without_blank_lines() -> None:
    _, markdown = render_story(make_story(), NO_LINKS, VOCABULARY, None)
    body = body_of(markdown).lstrip("\n")
    assert body.startswith("<div ")
    assert "\n\n" not in body


def test_arabic_story_is_right_to_left_from_its_heading_to_its_help() -> None:
    _, markdown = render_story(make_story(language="ar", title="عنوان"), NO_LINKS, VOCABULARY, None)
    arabic = VOCABULARY.translation("ar")
    assert front_matter_of(markdown)["lang"] == "ar"
    assert front_matter_of(markdown)["dir"] == "rtl"
    body = body_of(markdown)
    assert body.startswith(
        '\n<div class="hbg-page hbg-story" data-hbg-story="hbg-0001" lang="ar" dir="rtl" data-pagefind-body'
    )
    assert '<h1 id="mening-0" data-pagefind-weight="10">عنوان</h1>' in body
    assert arabic.say("told", collected=arabic.month_year("2025-10")) in body
    # One element holds the whole page: nothing of it is outside the right-to-left direction.
    assert body.rstrip().endswith("</div>") and body.count("<div") == body.count("</div>")


def test_content_warning_comes_before_the_text() -> None:
    story = make_story(content_warnings=("hot", "vald"))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    assert "berättelsen handlar om hot och våld." in body
    assert body.index("Innehållsvarning") < body.index("hbg-story__text")


def test_text_is_escaped_not_interpreted() -> None:
    story = make_story(paragraphs=("<script>alert(1)</script> & *fet* {{ config }}",))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *fet* {{ config }}" in body
    assert "<script>" not in body


def test_search_indexes_the_story_its_title_and_terms_but_not_what_every_story_page_says() -> None:
    story = make_story(language="en", grounds=("religion",), arenas=("skola",), content_warnings=("hot",))
    body = body_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    # Filters are named and valued in Swedish, the search page's language, whatever the story's.
    assert 'data-pagefind-body data-pagefind-filter="Språk:Engelska"' in body
    assert (
        '<dd data-pagefind-weight="5" data-pagefind-filter="Diskrimineringsgrunder:Religion eller annan trosuppfattning">'
        in body
    )
    assert '<dd data-pagefind-weight="5" data-pagefind-filter="Var det hände:Skola och utbildning">' in body
    assert '<h1 id="mening-0" data-pagefind-weight="10">' in body
    for part in ("hbg-warning", "hbg-listen", "hbg-reflect", "hbg-help", "hbg-back", "hbg-story__meta"):
        assert re.search(rf'class="{part}"[^>]* data-pagefind-ignore[ >]', body), part
    assert re.search(r'<div class="hbg-story__text">', body)


def test_translations_link_both_ways() -> None:
    original = make_story()
    translation = make_story(id="hbg-0002", language="en", translation_of="hbg-0001")
    pages = render_site([original, translation], VOCABULARY, {}, has_statistics=True).pages
    # Each names the other in that other's own language, marked as such.
    english, swedish = VOCABULARY.translation("en"), VOCABULARY.translation("sv")
    assert (
        f'<a href="../hbg-0002/" lang="en" hreflang="en" dir="ltr">{english.name}</a>'
        in pages["berattelser/hbg-0001.md"]
    )
    assert (
        f'<a href="../hbg-0001/" lang="sv" hreflang="sv" dir="ltr">{swedish.name}</a>'
        in pages["berattelser/hbg-0002.md"]
    )
    assert english.say("translation_of") in pages["berattelser/hbg-0002.md"]
    assert "Berättelsen finns också på:" in pages["berattelser/hbg-0001.md"]


def test_site_has_every_browse_page_with_counts() -> None:
    pages = render_site(
        [make_story(), make_story(id="hbg-0002", grounds=("alder", "kon"))],
        VOCABULARY,
        {},
        has_statistics=True,
    ).pages
    assert "grunder/konsoverskridande-identitet.md" in pages
    assert "0 berättelser" in pages["grunder/konsoverskridande-identitet.md"]
    assert (
        '<a href="alder/">Ålder</a> <span class="hbg-count">(2 berättelser)</span>'
        in pages["grunder/index.md"]
    )
    assert '<a href="kon/">Kön</a> <span class="hbg-count">(1 berättelse)</span>' in pages["grunder/index.md"]
    assert len([p for p in pages if p.startswith("planen/atgard-")]) == 17
    assert "Arkivet har 2 berättelser, den senast berättade först." in pages["berattelser/index.md"]


def test_measures_link_to_their_pages_and_list_their_stories() -> None:
    pages = render_site([make_story(measures=(3,))], VOCABULARY, {}, has_statistics=True).pages
    assert '<a href="../../planen/atgard-03/">Åtgärd 3</a>' in pages["berattelser/hbg-0001.md"]
    assert '<a href="../../berattelser/hbg-0001/"' in pages["planen/atgard-03.md"]
    assert "1 berättelse." in pages["planen/atgard-03.md"]


def stories_with_measures() -> list[Story]:
    """A story in each language, each speaking to measure 3 (and one to 4 too)."""
    return [
        make_story(id=f"hbg-{code}", language=code, measures=(3, 4) if code == "sv" else (3,))
        for code in sorted(VOCABULARY.languages)
    ]


def test_no_page_presents_a_placeholder_as_the_plans_title() -> None:
    pages = render_site(stories_with_measures(), VOCABULARY, {}, has_statistics=True).pages
    # Every language's placeholder titles, as a page would write them (escaped: "city&#39;s").
    placeholders = {
        str(escape(t.measures[n])) for t in VOCABULARY.translations.values() for n in VOCABULARY.measures
    }
    assert {page for page, text in pages.items() if any(title in text for title in placeholders)} == set()
    assert (
        '<p class="hbg-note">Planens egna titlar på åtgärderna är inte ifyllda här än, så de visas bara med '
        "sitt nummer." in pages["planen/index.md"]
    )
    assert (
        '<a href="atgard-03/">Åtgärd 3</a> <span class="hbg-count">(7 berättelser)</span>'
        in pages["planen/index.md"]
    )
    assert "<h1>Åtgärd 3</h1>" in pages["planen/atgard-03.md"]
    assert "Planens egen titel på åtgärden är inte ifylld här än." in pages["planen/atgard-03.md"]
    swedish, english = pages["berattelser/hbg-sv.md"], pages["berattelser/hbg-en.md"]
    assert '">Åtgärd 3</a></li>\n<li><a href="../../planen/atgard-04/">Åtgärd 4</a></li>' in swedish
    assert "<p>Planens egna titlar på åtgärderna är inte ifyllda här än.</p>" in swedish
    assert 'hreflang="sv">Measure 3</a></li>' in english
    assert "<p>The plan&#39;s own titles for the measures have not been filled in here yet.</p>" in english


def test_the_plans_titles_show_once_an_editor_has_filled_them_in() -> None:
    vocabulary = vocabulary_with_titles(ALL_FILLED_IN)
    pages = render_site(stories_with_measures(), vocabulary, {}, has_statistics=True).pages
    assert "hbg-note" not in pages["planen/index.md"]
    assert '<a href="atgard-03/">Åtgärd 3: Riktig titel 3</a>' in pages["planen/index.md"]
    assert "<h1>Åtgärd 3: Riktig titel 3</h1>\n<p>Läs mer om åtgärden i" in pages["planen/atgard-03.md"]
    assert ">Åtgärd 4: Riktig titel 4</a>" in pages["berattelser/hbg-sv.md"]
    assert 'hreflang="sv">الإجراء 3: Real title 3 (ar)</a>' in pages["berattelser/hbg-ar.md"]
    assert not any("inte ifyllda" in text or "not been filled" in text for text in pages.values())


def test_a_page_in_another_language_carries_the_sample_notice_in_its_language() -> None:
    pages = render_site(stories_with_measures(), VOCABULARY, {}, has_statistics=True).pages
    for page in ["berattelser/hbg-ar.md", "ar/index.md", "ar/help.md"]:
        assert front_matter_of(pages[page])["sample_notice"] == (
            "القصص والإحصاءات على هذا الموقع أمثلة كُتبت من أجل المشروع. وهي لا تأتي من سكان حقيقيين."
        ), page
    assert front_matter_of(pages["berattelser/hbg-sr.md"])["sample_notice"] == (
        "Priče i statistika na ovom sajtu su primeri napisani za projekat. Ne potiču od stvarnih stanovnika."
    )
    # A Swedish page has the theme's own Swedish words (overrides/main.html).
    assert "sample_notice" not in front_matter_of(pages["berattelser/hbg-sv.md"])


def full_story_page(language: str) -> str:
    """A page with every part a story page can have: warning, reading, measures, a translation."""
    story = make_story(
        id="hbg-0002",
        language=language,
        title="Title",
        content_warnings=("hot", "vald", "nedsattande-ord"),
        measures=(4, 10),
        grounds=("etnisk-tillhorighet", "religion"),
        arenas=("skola",),
        experiences=("trakasserier",),
        translation_of="hbg-0001",
    )
    reading = Reading("hbg-0002", "gtts", "cd" * 32, Path("cache/x.mp3"), 1_234_567, 134.2, ())
    links = StoryLinks(make_story(), (make_story(id="hbg-0003", language="sv"),))
    return render_story(story, links, VOCABULARY, reading)[1]


@pytest.mark.parametrize("language", sorted(set(VOCABULARY.languages) - {"sv"}))
def test_a_story_page_in_another_language_has_no_swedish_words_of_our_own(language: str) -> None:
    markdown = full_story_page(language)
    assert swedish_outside_swedish(body_of(markdown)) == []
    # Even the description a search result or a podcast app shows.
    assert not any(phrase in str(front_matter_of(markdown)["description"]) for phrase in swedish_phrases())


def test_the_swedish_check_finds_a_swedish_word_left_in_a_page() -> None:
    page = full_story_page("en").replace("</h1>", "</h1><p>Lyssna</p>")
    assert swedish_outside_swedish(body_of(page)) == ["Lyssna"]
    marked = full_story_page("en").replace("</h1>", '</h1><p lang="sv">Lyssna</p>')
    assert swedish_outside_swedish(body_of(marked)) == []


@pytest.mark.parametrize("language", sorted(VOCABULARY.languages))
def test_every_text_of_a_story_page_carries_the_storys_language_and_direction(language: str) -> None:
    body = body_of(full_story_page(language))
    direction = VOCABULARY.languages[language].direction
    contacts = {o.phone for o in VOCABULARY.organisations} | {o.email for o in VOCABULARY.organisations}
    contacts |= {o.website_shown for o in VOCABULARY.organisations} | {"112"}  # the emergency number
    marked = {(lang, dir_) for text, lang, dir_ in texts_with_language(body) if text not in contacts}
    # The only other language on the page is the link to the original, named in its own language.
    assert marked == {(language, direction), ("sv", "ltr")}
    # Phone numbers and addresses read left to right, in an Arabic sentence too.
    assert {dir_ for text, _, dir_ in texts_with_language(body) if text in contacts} == {"ltr"}


# --- cards: every list shows each story once, newest told first -----------------------------------


def listed(*stories: Story) -> list[ListedStory]:
    return [ListedStory.of(story) for story in stories]


def card_ids(cards: list[StoryCard]) -> list[tuple[str, str | None, tuple[str, ...]]]:
    return [
        (card.story.id, card.original.id if card.original else None, tuple(t.id for t in card.translations))
        for card in cards
    ]


def test_a_story_and_its_translations_are_one_card_counted_once() -> None:
    original = make_story(arenas=("kollektivtrafik",))
    english = make_story(id="hbg-0002", language="en", translation_of="hbg-0001", arenas=("kollektivtrafik",))
    other = make_story(id="hbg-0003", arenas=("kollektivtrafik",), collected="2024-05")
    pages = render_site([original, english, other], VOCABULARY, {}, has_statistics=True).pages
    assert "Arkivet har 2 berättelser" in pages["berattelser/index.md"]
    assert "<p>2 berättelser, den senast berättade först." in pages["arenor/kollektivtrafik.md"]
    assert (
        '<a href="kollektivtrafik/">Kollektivtrafik</a> <span class="hbg-count">(2 berättelser)</span>'
        in (pages["arenor/index.md"])
    )
    # The original's card names its translation, in that translation's language.
    assert (
        'Finns också på: <a href="../../berattelser/hbg-0002/" lang="en" hreflang="en" dir="ltr">English</a>'
        in pages["arenor/kollektivtrafik.md"]
    )
    assert pages["arenor/kollektivtrafik.md"].count('class="hbg-card"') == 2
    # Each language's list still has the stories written in it, the translation with its original.
    assert "Arkivet har 1 berättelse på engelska." in pages["sprak/en.md"]
    assert (
        'Översatt från: <a href="../../berattelser/hbg-0001/" lang="sv" hreflang="sv" dir="ltr">svenska</a>'
        in pages["sprak/en.md"]
    )
    assert 'Translated from: <a href="../berattelser/hbg-0001/"' in pages["en/index.md"]
    # Narrowing by a language finds the card by any of its versions.
    assert 'data-hbg-languages="en sv"' in pages["berattelser/index.md"]


def test_a_translation_whose_original_is_not_published_is_a_story_of_its_own() -> None:
    translation = ListedStory.of(make_story(id="hbg-0002", language="en", translation_of="hbg-0001"))
    assert card_ids(story_cards([translation])) == [("hbg-0002", None, ())]


def test_translations_in_a_chain_or_a_loop_share_one_card() -> None:
    a = make_story(id="hbg-000a")
    b = make_story(id="hbg-000b", language="en", translation_of="hbg-000a")
    c = make_story(id="hbg-000c", language="ar", translation_of="hbg-000b")
    assert card_ids(story_cards(listed(c, b, a))) == [("hbg-000a", None, ("hbg-000b", "hbg-000c"))]
    looped = [
        make_story(id="hbg-000x", translation_of="hbg-000y"),
        make_story(id="hbg-000y", translation_of="hbg-000x"),
    ]
    assert card_ids(story_cards(listed(*looped))) == [("hbg-000x", None, ("hbg-000y",))]
    in_english = cards_in_languages(listed(c, b, a), {"en"})
    assert card_ids(in_english) == [("hbg-000b", "hbg-000a", ("hbg-000c",))]


def test_cards_are_newest_told_first_then_by_id() -> None:
    stories = [
        make_story(id="hbg-0001", collected="2024"),
        make_story(id="hbg-0002", collected="2025-03"),
        make_story(id="hbg-0003", collected="2024-11"),
        make_story(id="hbg-0004", collected="2025-03"),
        make_story(id="hbg-0005", collected="2025"),
    ]
    order = [card.story.id for card in story_cards(listed(*stories))]
    assert order == ["hbg-0002", "hbg-0004", "hbg-0005", "hbg-0003", "hbg-0001"]
    page = render_site(stories, VOCABULARY, {}, has_statistics=True).pages["grunder/alder.md"]
    assert [page.index(f"berattelser/{sid}/") for sid in order] == sorted(
        page.index(f"berattelser/{sid}/") for sid in order
    )


def test_the_home_page_leads_with_the_featured_stories_and_fills_up_with_the_newest() -> None:
    stories = [make_story(id=f"hbg-{n:04d}", collected=f"2025-{n:02d}") for n in range(1, 10)]
    newest = [card.story.id for card in home_stories(story_cards(listed(*stories)))]
    assert newest == ["hbg-0009", "hbg-0008", "hbg-0007"]
    one = [replace(s, featured=s.id == "hbg-0002") for s in stories]
    assert [c.story.id for c in home_stories(story_cards(listed(*one)))] == [
        "hbg-0002",
        "hbg-0009",
        "hbg-0008",
    ]
    many = [replace(s, featured=True) for s in stories]
    assert [c.story.id for c in home_stories(story_cards(listed(*many)))] == [
        f"hbg-{n:04d}" for n in range(9, 3, -1)
    ]
    # A featured translation features its story's card.
    translation = make_story(id="hbg-0010", language="en", translation_of="hbg-0001", featured=True)
    led = home_stories(story_cards(listed(*stories, translation)))
    assert card_ids(led)[0] == ("hbg-0001", None, ("hbg-0010",))
    page = render_site([*one, translation], VOCABULARY, {}, has_statistics=True).pages["index.md"]
    assert page.count('class="hbg-card"') == 3
    assert "Alla 9 berättelser" in page


def test_a_card_shows_title_teaser_terms_language_length_and_plays_without_downloading() -> None:
    story = make_story(
        title="Bussen <b>& jag</b>",
        paragraphs=("Jag satt i min rullstol. Chauffören suckade.", "<script>alert(1)</script>"),
        grounds=("funktionsnedsattning",),
        arenas=("kollektivtrafik",),
    )
    reading = Reading("hbg-0001", "espeak", "ab" * 32, Path("x.mp3"), 12_345, 130.0, ())
    page = render_site([story], VOCABULARY, {"hbg-0001": reading}, has_statistics=True).pages[
        "berattelser/index.md"
    ]
    card = page[page.index('<li class="hbg-card"') : page.index("</li>", page.index('<li class="hbg-card"'))]
    assert '<a href="hbg-0001/" lang="sv" dir="ltr">Bussen &lt;b&gt;&amp; jag&lt;/b&gt;</a>' in card
    assert (
        '<p class="hbg-card__teaser" lang="sv" dir="ltr">Jag satt i min rullstol. Chauffören suckade.</p>'
        in card
    )
    assert "Funktionsnedsättning · Kollektivtrafik" in card
    assert "svenska</span> · Berättad oktober 2025 · Uppläsning 2 min" in card
    assert (
        '<audio class="hbg-card__player" controls preload="none" src="../ljud/hbg-0001-abababababababab.mp3" '
        'aria-label="Lyssna: Bussen &lt;b&gt;&amp; jag&lt;/b&gt;"></audio>'
    ) in card
    without = render_site([story], VOCABULARY, {}, has_statistics=True).pages["berattelser/index.md"]
    assert "Lästid 1 min" in without and "<audio" not in without


def test_a_hostile_teaser_stays_text() -> None:
    story = make_story(paragraphs=('<img src=x onerror=alert(1)> "{{ config }}" [x](javascript:alert(1))',))
    page = render_site([story], VOCABULARY, {}, has_statistics=True).pages["index.md"]
    assert "&lt;img src=x onerror=alert(1)&gt; &#34;{{ config }}&#34; [x](javascript:alert(1))" in page
    assert "<img" not in page


def test_a_language_home_names_its_cards_terms_in_its_language() -> None:
    story = make_story(language="en", grounds=("alder",), arenas=("bostad",))
    page = render_site([story], VOCABULARY, {}, has_statistics=True).pages["en/index.md"]
    english = VOCABULARY.translation("en")
    assert f"{english.term('grounds', 'alder')} · {english.term('arenas', 'bostad')}" in page
    assert "Told in October 2025 · Reading time 1 min" in page
    assert swedish_outside_swedish(body_of(page)) == []


def test_each_section_has_one_name_in_the_menu_the_page_and_the_statistics() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    menu = {
        target: name
        for section in config["nav"]
        for entry in section.values()
        if isinstance(entry, list)
        for item in entry
        for name, target in item.items()
    }
    pages = render_site([make_story()], VOCABULARY, {}, has_statistics=True).pages
    for kind in TERM_KINDS:
        name = section_name(kind, VOCABULARY)
        assert menu[urls.terms_index_page(kind)] == name
        assert front_matter_of(pages[urls.terms_index_page(kind)])["title"] == name
        assert (
            f'<p class="hbg-up"><a href="../">{name}</a></p>'
            in pages[urls.term_page(kind, next(iter(VOCABULARY.terms(kind))))]
        )
        assert {d.title for d in DIMENSIONS if d.key == kind} == {name}
    assert [section_name(kind, VOCABULARY) for kind in TERM_KINDS] == [
        "Diskrimineringsgrunder",
        "Var det hände",
        "Vad det var",
    ]


# --- the dialogue, the film and the report, sharing (issue 19) ----------------------------------

SITE = "https://berattelser.example.se/"
DIALOGUE = "https://dialog.example.se/delta?tema=diskriminering&steg=1"


def qr_of(page: str) -> str:
    return page[page.index("<svg ") : page.index("</svg>") + len("</svg>")]


def test_the_dialogue_page_links_the_dialogue_and_draws_its_qr_code_with_the_address_beside_it() -> None:
    path, page = render_dialogue(VOCABULARY, Addresses(SITE, DIALOGUE))
    assert path == "dialog.md"
    assert front_matter_of(page)["title"] == "Berätta och var med i dialogen"
    escaped = "https://dialog.example.se/delta?tema=diskriminering&amp;steg=1"
    assert f'<a href="{escaped}">Gå till stadens dialog</a>' in page
    assert f'<span class="hbg-qr__address" dir="ltr">{escaped}</span>' in page
    assert qr_of(page).startswith('<svg role="img" aria-label="QR-kod till stadens dialog" ')
    assert decoded(qr_of(page)) == [DIALOGUE]
    assert page.count("<svg") == 1


def test_without_a_dialogue_the_page_says_how_to_reach_the_city_and_draws_no_code() -> None:
    _, page = render_dialogue(VOCABULARY, NO_ADDRESSES)
    assert "<svg" not in page and "hbg-qr" not in page
    assert "Kontakta Helsingborgs stads kontaktcenter. Där får du veta hur du kan vara med just nu." in page
    assert '<a href="tel:+4642105000" dir="ltr">042-10 50 00</a>' in page
    assert '<a href="mailto:kontaktcenter@helsingborg.se" dir="ltr">kontaktcenter@helsingborg.se</a>' in page


def test_the_dialogue_page_says_what_happens_to_what_is_written_and_whom_to_ask() -> None:
    _, page = render_dialogue(VOCABULARY, NO_ADDRESSES)
    for heading in (
        "Vad händer med det du skriver?",
        "Skriv så att ingen känns igen",
        "Frågor",
        "Att fundera på",
    ):
        assert f">{heading}</h2>" in page
    assert "Redaktören tar bort sådant som kan visa vem någon är" in page
    assert "hur länge de sparas eller hur du får en berättelse borttagen? Fråga kontaktcenter." in page
    assert '<a href="../hjalp/">om du har blivit diskriminerad</a>' in page


def test_a_hostile_dialogue_address_stays_text_and_its_code_holds_it_exactly() -> None:
    hostile = 'https://dialog.example.se/"><script>alert(1)</script>'
    _, page = render_dialogue(VOCABULARY, Addresses(dialogue_url=hostile))
    assert "<script>" not in page
    assert 'href="https://dialog.example.se/&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert decoded(qr_of(page)) == [hostile]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("https://helsingborg.se/rapport.pdf", "PDF"),
        ("https://helsingborg.se/Rapport.PDF?version=2#sida-3", "PDF"),
        ("https://helsingborg.se/folder.docx", "Word"),
        ("https://video.example.se/film.mp4", "MP4"),
        ("https://helsingborg.se/omtanksam-stad/", ""),
        ("https://helsingborg.se/pdf", ""),
    ],
)
def test_a_link_names_the_kind_of_file_it_opens(address: str, kind: str) -> None:
    assert file_type(address) == kind


def test_the_film_and_the_report_are_on_the_home_and_dialogue_pages_with_their_file_type() -> None:
    addresses = Addresses(
        report_url="https://helsingborg.se/rapport.pdf", film_url="https://helsingborg.se/film/"
    )
    pages = render_site([make_story()], VOCABULARY, {}, has_statistics=True, addresses=addresses).pages
    for path in ("index.md", "dialog.md"):
        assert '<h2 id="film-och-rapport">Film och rapport</h2>' in pages[path]
        assert (
            '<li><a href="https://helsingborg.se/rapport.pdf">Läs hela rapporten från projektet (PDF)</a></li>'
            in pages[path]
        )
        assert (
            '<li><a href="https://helsingborg.se/film/">Se stadens film där några av berättelserna läses upp</a></li>'
            in pages[path]
        )
    only_report = Addresses(report_url="https://helsingborg.se/rapport/")
    page = render_site([make_story()], VOCABULARY, {}, has_statistics=True, addresses=only_report).pages[
        "index.md"
    ]
    assert '<a href="https://helsingborg.se/rapport/">Läs hela rapporten från projektet</a>' in page
    assert "filmen" not in page


def test_nothing_is_said_of_a_film_or_report_that_is_not_set() -> None:
    pages = render_site([make_story()], VOCABULARY, {}, has_statistics=True).pages
    for path in ("index.md", "dialog.md"):
        assert "Film och rapport" not in pages[path] and "rapporten" not in pages[path]


def test_the_home_page_and_every_story_invite_to_the_dialogue_in_the_pages_language() -> None:
    english = make_story(id="hbg-0002", language="en")
    pages = render_site([make_story(), english], VOCABULARY, {}, has_statistics=True).pages
    invitation = (
        '<p class="hbg-invite">Vill du berätta om något du själv har varit med om? '
        '<a href="{}">Berätta och var med i dialogen</a></p>'
    )
    assert invitation.format("dialog/") in pages["index.md"]
    assert invitation.format("../../dialog/") in pages["berattelser/hbg-0001.md"]
    en = VOCABULARY.translation("en")
    for path, link in (("berattelser/hbg-0002.md", "../../dialog/"), ("en/index.md", "../dialog/")):
        assert (
            f'<p class="hbg-invite">{en.say("dialogue_invite")} '
            f'<a href="{link}" hreflang="sv">{en.say("dialogue_link")}</a></p>'
        ) in pages[path]
        assert swedish_outside_swedish(body_of(pages[path])) == []


def test_a_story_page_offers_its_address_to_copy_in_its_language() -> None:
    story = make_story(language="ar", title="عنوان")
    _, page = render_story(story, NO_LINKS, VOCABULARY, None, addresses=Addresses(SITE))
    arabic = VOCABULARY.translation("ar")
    address = "https://berattelser.example.se/berattelser/hbg-0001/"
    assert (
        f'<p>{arabic.say("share_address")} <span class="hbg-share__address" dir="ltr">{address}</span></p>'
    ) in page
    assert (
        f'<button type="button" class="md-button hbg-share__copy" data-hbg-copy="{address}" '
        f'data-hbg-copied="{arabic.say("share_copied")}" data-hbg-copy-failed="{arabic.say("share_copy_failed")}" '
        f"hidden>{arabic.say('share_copy')}</button>"
    ) in page
    assert '<p class="hbg-share__status" role="status"></p>' in page


def test_without_the_sites_address_the_button_copies_the_address_it_was_opened_at() -> None:
    _, page = render_story(make_story(), NO_LINKS, VOCABULARY, None)
    assert "hbg-share__address" not in page
    assert 'data-hbg-copy=""' in page


def test_a_link_preview_shows_a_storys_first_words_in_its_language_escaped() -> None:
    story = make_story(
        language="en", title="</title><script>x</script>", paragraphs=('It began "<b>here</b>" & then.',)
    )
    preview = front_matter_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    assert preview["og_type"] == "article"
    assert preview["og_locale"] == "en_GB"
    assert preview["og_description"] == "It began &#34;&lt;b&gt;here&lt;/b&gt;&#34; &amp; then."
    assert preview["title"] == "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"


def test_a_link_preview_never_shows_the_words_a_content_warning_stands_before() -> None:
    story = make_story(content_warnings=("vald",), paragraphs=("Han slog mig i ansiktet.",))
    preview = front_matter_of(render_story(story, NO_LINKS, VOCABULARY, None)[1])
    assert preview["og_description"] == "En berättelse om ålder, berättad oktober 2025."
    assert "slog" not in str(preview)


def test_each_language_home_says_its_locale_to_link_previews() -> None:
    pages = render_site([make_story()], VOCABULARY, {}, has_statistics=True).pages
    locales = {
        home: front_matter_of(pages[urls.language_home(home)])["og_locale"] for home in urls.LANGUAGE_HOMES
    }
    assert locales == {"en": "en_GB", "ar": "ar_AR", "vi": "vi_VN", "bs": "bs_BA"}
    assert front_matter_of(pages["bs/help.md"])["og_locale"] == "bs_BA"


# --- the film of a featured story's reading --------------------------------------------------------

READING = Reading("hbg-0001", "espeak", "ab" * 32, Path("x.mp3"), 12_345, 61.4, ())
FILM = Film("hbg-0001", "cd" * 32, Path("cache/film.mp4"), 927_908, 61.4)


def test_a_featured_storys_film_plays_only_when_asked_with_the_readings_captions() -> None:
    page = render_story(make_story(featured=True), NO_LINKS, VOCABULARY, READING, film=FILM)[1]
    section = page[page.index('<section class="hbg-film"') : page.index("</section>", page.index("hbg-film"))]
    assert section == (
        '<section class="hbg-film" aria-labelledby="film" data-pagefind-ignore>\n'
        '<h2 id="film">Se filmen</h2>\n'
        '<p id="film-om">I filmen läses berättelsen upp medan varje mening visas i stor text. '
        "Filmen är 1 min 1 s lång och har texten som textremsa.</p>\n"
        '<video class="hbg-film__video" controls preload="none" src="../../ljud/hbg-0001-cdcdcdcdcdcdcdcd.mp4" '
        'aria-describedby="film-om">\n'
        '<track kind="captions" src="../../ljud/hbg-0001-abababababababab.vtt" srclang="sv" label="Texten">\n'
        "</video>\n"
        '<p><a href="../../ljud/hbg-0001-cdcdcdcdcdcdcdcd.mp4" download>Ladda ner filmen (MP4, 928 kB)</a></p>\n'
    )


def test_a_film_on_the_readings_host_is_played_from_there() -> None:
    host = "https://ljud.example.se/arkiv/"
    page = render_story(make_story(featured=True), NO_LINKS, VOCABULARY, READING, host, film=FILM)[1]
    assert (
        f'<video class="hbg-film__video" controls preload="none" src="{host}ljud/hbg-0001-cdcdcdcdcdcdcdcd.mp4"'
        in page
    )
    assert f'<a href="{host}ljud/hbg-0001-cdcdcdcdcdcdcdcd.mp4" download>' in page


def test_a_film_is_in_the_storys_language_and_without_a_reading_or_film_there_is_none() -> None:
    english = render_story(make_story(language="en"), NO_LINKS, VOCABULARY, READING, film=FILM)[1]
    assert '<h2 id="film">Watch the film</h2>' in english
    assert "Download the film (MP4, 928 kB)" in english
    assert "<video" not in render_story(make_story(), NO_LINKS, VOCABULARY, READING)[1]
    assert "<video" not in render_story(make_story(), NO_LINKS, VOCABULARY, None, film=FILM)[1]


def test_a_printed_story_page_carries_its_address_and_a_qr_code_hidden_on_screen_outside_the_story() -> None:
    site = "https://berattelser.example.se/"
    body = body_of(render_story(make_story(), NO_LINKS, VOCABULARY, None, addresses=Addresses(site))[1])
    story_block, after = body.split('<div class="hbg-print-address"')
    assert story_block.endswith("</a></p>\n</div>\n") and "qr-code" not in story_block
    assert after.startswith(' lang="sv" dir="ltr" hidden>\n<svg role="img" ')
    assert 'aria-label="QR-kod till berättelsens sida på webben"' in after
    assert f'<p>Berättelsen på webben:<br><span dir="ltr">{site}berattelser/hbg-0001/</span></p>' in after
    arabic = body_of(
        render_story(make_story(language="ar"), NO_LINKS, VOCABULARY, None, addresses=Addresses(site))[1]
    )
    assert '<div class="hbg-print-address" lang="ar" dir="rtl" hidden>' in arabic
    assert 'aria-label="رمز QR لصفحة القصة على الإنترنت"' in arabic
    assert "hbg-print-address" not in body_of(render_story(make_story(), NO_LINKS, VOCABULARY, None)[1])


def test_each_measure_and_ground_page_links_its_print_pack_and_other_term_pages_do_not() -> None:
    pages = render_site([make_story(measures=(3,))], VOCABULARY, {}, has_statistics=True).pages
    link = '<a href="{}">Samtalsunderlag att skriva ut</a>'
    assert link.format("../../skriv-ut/planen/atgard-03/") in pages["planen/atgard-03.md"]
    assert link.format("../../skriv-ut/grunder/alder/") in pages["grunder/alder.md"]
    assert "Samtalsunderlag" not in pages["arenor/arbetsliv.md"] + pages["upplevelser/utanforskap.md"]
