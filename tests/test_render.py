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
from generator.model import ListedStory, Reading, Status, Story
from generator.site.render import (
    TERM_KINDS,
    StoryCard,
    StoryLinks,
    cards_in_languages,
    count_stories,
    home_stories,
    render_story,
    section_name,
    story_cards,
)
from generator.statistics.tables import DIMENSIONS
from tests.conftest import ROOT
from tests.languages import swedish_outside_swedish, swedish_phrases, texts_with_language
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


def test_a_printed_story_page_carries_its_address_and_a_qr_code_hidden_on_screen_outside_the_story() -> None:
    site = "https://berattelser.example.se/"
    body = body_of(render_story(make_story(), NO_LINKS, VOCABULARY, None, site_url=site)[1])
    story_block, after = body.split('<div class="hbg-print-address"')
    assert story_block.endswith("</a></p>\n</div>\n") and "qr-code" not in story_block
    assert after.startswith(' lang="sv" dir="ltr" hidden>\n<svg role="img" ')
    assert 'aria-label="QR-kod till berättelsens sida på webben"' in after
    assert f'<p>Berättelsen på webben:<br><span dir="ltr">{site}berattelser/hbg-0001/</span></p>' in after
    arabic = body_of(render_story(make_story(language="ar"), NO_LINKS, VOCABULARY, None, site_url=site)[1])
    assert '<div class="hbg-print-address" lang="ar" dir="rtl" hidden>' in arabic
    assert 'aria-label="رمز QR لصفحة القصة على الإنترنت"' in arabic
    assert "hbg-print-address" not in body_of(render_story(make_story(), NO_LINKS, VOCABULARY, None)[1])


def test_each_measure_and_ground_page_links_its_print_pack_and_other_term_pages_do_not() -> None:
    pages = render_site([make_story(measures=(3,))], VOCABULARY, {}, has_statistics=True).pages
    link = '<a href="{}">Samtalsunderlag att skriva ut</a>'
    assert link.format("../../skriv-ut/planen/atgard-03/") in pages["planen/atgard-03.md"]
    assert link.format("../../skriv-ut/grunder/alder/") in pages["grunder/alder.md"]
    assert "Samtalsunderlag" not in pages["arenor/arbetsliv.md"] + pages["upplevelser/utanforskap.md"]
