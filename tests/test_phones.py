from __future__ import annotations

import pytest

from generator.site.phones import phone_parts, tel_uri
from generator.site.templating import environment
from tests.phone_numbers import unlinked_phone_numbers

# Phone numbers as the site's texts and readers write them, each with what a page should show.
LINKED = [
    ("Om någon är i fara, ring 112.", 'Om någon är i fara, ring <a href="tel:112" dir="ltr">112</a>.'),
    ("ring polisen på 114 14.", 'ring polisen på <a href="tel:11414" dir="ltr">114 14</a>.'),
    ("Ring 042-10 50 00 i dag.", 'Ring <a href="tel:+4642105000" dir="ltr">042-10 50 00</a> i dag.'),
    (
        "Från utlandet: +46 42 10 50 00.",
        'Från utlandet: <a href="tel:+4642105000" dir="ltr">+46 42 10 50 00</a>.',
    ),
    ("+46 (0)8 123 456 78", '<a href="tel:+46812345678" dir="ltr">+46 (0)8 123 456 78</a>'),
    ("Gratis: 020-12 34 56", 'Gratis: <a href="tel:+4620123456" dir="ltr">020-12 34 56</a>'),
    ("اتصل بالرقم 112.", 'اتصل بالرقم <a href="tel:112" dir="ltr">112</a>.'),
]
# What is not a phone number, however many digits it has.
NOT_PHONES = [
    "Planen 2022–2025 antogs 2022-03-15.",
    "organisationsnummer 212000-1157",
    "diskrimineringslagen (2008:567)",
    "berättelsen hbg-0112",
    "1 min 12 s",
    "WCAG 2.1",
]


def with_phone_links(text: str) -> str:
    """The text as a page writes it, through the macro the templates use."""
    macros = environment().get_template("_macros.html.j2").module
    return str(macros.with_phone_links(text))  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "html"), LINKED)
def test_a_phone_number_in_the_sites_own_text_becomes_a_tel_link(text: str, html: str) -> None:
    assert with_phone_links(text) == html


@pytest.mark.parametrize("text", NOT_PHONES)
def test_dates_years_ids_and_laws_are_left_as_text(text: str) -> None:
    assert phone_parts(text) == [(text, "")]
    assert with_phone_links(text) == text


def test_the_text_around_a_number_is_escaped() -> None:
    assert (
        with_phone_links("<b>ring 112</b> & ")
        == '&lt;b&gt;ring <a href="tel:112" dir="ltr">112</a>&lt;/b&gt; &amp; '
    )


def test_a_swedish_number_is_called_with_the_country_code_from_abroad_too() -> None:
    assert tel_uri("042-10 50 00") == "tel:+4642105000"
    assert tel_uri("114 14") == "tel:11414"


@pytest.mark.parametrize(
    "html",
    [
        "<p>Ring 042-10 50 00</p>",
        "<li>Telefon: 020-12 34 56</li>",
        "<p>08-123 456 78</p>",
        "<p>0701234567</p>",
        "<p>+46 42 10 50 00</p>",
        "<p>0046 8 123 456 78</p>",
        "<p>Om någon är i fara, ring <strong>112</strong>.</p>",
        "<p>call the police on 114 14.</p>",
        "<p>nazovite 112</p>",
        "<p>hãy gọi 112.</p>",
        '<p dir="rtl">يُرجى الاتصال بالرقم 112.</p>',
        '<p>Ring <a href="../hjalp/">112</a>.</p>',
    ],
)
def test_the_scan_finds_a_phone_number_that_is_not_a_tel_link(html: str) -> None:
    assert len(unlinked_phone_numbers(html)) == 1


@pytest.mark.parametrize(
    "html",
    [
        '<p>ring <a href="tel:112">112</a>.</p>',
        '<p>Telefon: <a href="tel:+4642105000" dir="ltr">042-10 50 00</a></p>',
        "<p>Berättad oktober 2025. Godkänd 2026-03-14.</p>",
        "<p>2022–2025</p>",
        "<p>organisationsnummer 212000-1157</p>",
        '<p><a href="../hbg-0112/">hbg-0112</a></p>',
        "<p>Uppläsningen är 1 min 12 s lång (1,2 MB).</p>",
        "<p>112 berättelser</p>",
        "<p>Number of stories: 114</p>",
        "<table><tr><th>Ring</th><td>112</td><td>1177</td></tr></table>",
        "<p>13 % (n = 112)</p>",
        "<p>SFS 2008:567, WCAG 2.1</p>",
        "<p>0 50 100 0,5</p>",
        '<svg><text x="0">112</text></svg>',
        "<script>const help = 'ring 112';</script>",
        '<div class="hbg-story__text"><p><span>Jag ringde 112 och 070-123 45 67.</span></p></div>',
    ],
)
def test_the_scan_leaves_counts_dates_ids_and_the_tellers_words_alone(html: str) -> None:
    assert unlinked_phone_numbers(html) == []
