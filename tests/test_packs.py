from __future__ import annotations

import html
import re

from generator import urls
from generator.model import Story
from generator.site.packs import EXCERPTS_MOST, Excerpt, PrintPacks, print_packs, render_print_pages
from tests.test_render import VOCABULARY, body_of, front_matter_of, make_story

SITE = "https://berattelser.example.se/"
DIALOGUE = "https://dialog.example.se/berätta?tema=diskriminering&språk=sv"


def chosen(packs: PrintPacks, ground: str) -> list[str]:
    return [excerpt.story_id for excerpt in packs.grounds[ground]]


def story(story_id: str, collected: str, **changes: object) -> Story:
    return make_story(**{"id": story_id, "title": f"Titel {story_id}", "collected": collected, **changes})


def test_a_pack_prints_the_featured_stories_first_then_the_newest_then_by_id_at_most_three() -> None:
    stories = [
        story("hbg-0001", "2024-01"),
        story("hbg-0002", "2025-10"),
        story("hbg-0003", "2020", featured=True),
        story("hbg-0004", "2025-01"),
        story("hbg-0005", "2025-01"),
        story("hbg-0006", "2025-11", grounds=("kon",)),
    ]
    packs = print_packs(stories, VOCABULARY)
    assert EXCERPTS_MOST == 3
    assert chosen(packs, "alder") == ["hbg-0003", "hbg-0002", "hbg-0004"]
    assert chosen(packs, "kon") == ["hbg-0006"]
    assert chosen(packs, "religion") == []
    # The order of the files does not matter: the same archive prints the same packs.
    assert print_packs(list(reversed(stories)), VOCABULARY) == packs


def test_a_pack_for_a_measure_prints_the_stories_that_speak_to_it() -> None:
    stories = [story("hbg-0001", "2024", measures=(3, 12)), story("hbg-0002", "2025", measures=(12,))]
    packs = print_packs(stories, VOCABULARY)
    assert [e.story_id for e in packs.measures[12]] == ["hbg-0002", "hbg-0001"]
    assert [e.story_id for e in packs.measures[3]] == ["hbg-0001"]
    assert packs.measures.keys() == VOCABULARY.measures.keys()
    assert packs.grounds.keys() == VOCABULARY.grounds.keys()


def test_a_story_and_its_translations_are_one_excerpt_in_swedish_where_there_is_a_swedish_version() -> None:
    original = story("hbg-0001", "2025-10", language="en", paragraphs=("It happened on the bus.",))
    swedish = story(
        "hbg-0002", "2025-10", language="sv", translation_of="hbg-0001", paragraphs=("Det hände på bussen.",)
    )
    arabic = story("hbg-0003", "2024", language="ar", paragraphs=("حدث ذلك في المدرسة.",))
    (first, second) = print_packs([original, swedish, arabic], VOCABULARY).grounds["alder"]
    assert first == Excerpt("hbg-0002", "Titel hbg-0002", "sv", "ltr", "Det hände på bussen.", ())
    assert second == Excerpt("hbg-0003", "Titel hbg-0003", "ar", "rtl", "حدث ذلك في المدرسة.", ())


def pack_pages(stories: list[Story], dialogue_url: str = DIALOGUE) -> dict[str, str]:
    return render_print_pages(print_packs(stories, VOCABULARY), VOCABULARY, SITE, dialogue_url)


def qr_labels(body: str) -> list[str]:
    return re.findall(r'<svg role="img" aria-label="([^"]*)"', body)


def test_a_pack_gives_each_excerpt_its_full_address_as_text_a_link_and_a_qr_code() -> None:
    pages = pack_pages([story("hbg-0001", "2025-10", measures=(4,), content_warnings=("hot",))])
    body = body_of(pages[urls.print_measure_page(4)])
    assert '<blockquote lang="sv" dir="ltr"><p>Första stycket. Andra raden.</p></blockquote>' in body
    assert f'<a href="../../../berattelser/hbg-0001/" dir="ltr">{SITE}berattelser/hbg-0001/</a>' in body
    assert "<strong>Innehållsvarning:</strong> berättelsen handlar om hot." in body
    assert qr_labels(body) == ["QR-kod till berättelsen Titel hbg-0001", "QR-kod till stadens dialog"]
    assert front_matter_of(pages[urls.print_measure_page(4)])["title"] == "Samtalsunderlag: Åtgärd 4"


def test_a_pack_has_the_questions_the_dialogue_and_the_contact_centre() -> None:
    body = body_of(pack_pages([])[urls.print_ground_page("religion")])
    assert "Det finns inga publicerade berättelser om det här än." in body
    assert "Har du själv varit med om något liknande?" in body
    assert (
        f'<a href="{DIALOGUE.replace("&", "&amp;")}" dir="ltr">{DIALOGUE.replace("&", "&amp;")}</a>' in body
    )
    assert '<a href="tel:+4642105000" dir="ltr">042-10 50 00</a>' in body
    assert "kontaktcenter@helsingborg.se" in body
    assert f'<span dir="ltr">{SITE}</span>' in body


def test_without_the_dialogues_address_a_pack_says_how_to_reach_the_city_and_draws_no_qr_code_for_it() -> (
    None
):
    body = body_of(pack_pages([], dialogue_url="")[urls.print_ground_page("religion")])
    assert qr_labels(body) == []
    assert "Du kan berätta om det för staden. Ring eller mejla kontaktcenter" in body


def test_a_packs_story_text_and_title_stay_text() -> None:
    hostile = '</h3><script>alert(1)</script>"'
    body = body_of(
        pack_pages([story("hbg-0001", "2025", title=hostile, paragraphs=("<img src=x onerror=alert(1)>",))])[
            urls.print_ground_page("alder")
        ]
    )
    assert "<script>" not in body and "<img" not in body
    assert "&lt;/h3&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in body
    label = qr_labels(body)[0]
    assert "<" not in label and html.unescape(label) == f"QR-kod till berättelsen {hostile}"


def test_a_measures_pack_never_shows_an_example_title() -> None:
    body = body_of(pack_pages([])[urls.print_measure_page(2)])
    assert VOCABULARY.measures[2].example
    assert VOCABULARY.measures[2].title.removeprefix("Exempeltitel: ") not in body
    assert "Planens egen titel på åtgärden är inte ifylld här än." in body


def test_the_list_of_packs_links_every_measure_and_ground() -> None:
    pages = pack_pages([])
    assert len(pages) == 1 + len(VOCABULARY.measures) + len(VOCABULARY.grounds)
    body = body_of(pages[urls.print_index_page()])
    links = re.findall(r'<a href="([^"]+)">', body)
    assert links == [f"grunder/{key}/" for key in VOCABULARY.grounds] + [
        f"planen/atgard-{number:02d}/" for number in VOCABULARY.measures
    ]
