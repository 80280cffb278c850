"""The personal-data screen: every kind, the tricky spellings, masking and codes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from benchmarks.personal_data import EXPECTED_KINDS, archive_stories, load_labelled, measure, report
from generator.privacy.personal_data import Flag, flag_code, mask, normalise, screen

FIXTURES = Path(__file__).parent / "fixtures"


def kinds(text: str, language: str = "sv") -> set[str]:
    return {flag.kind for flag in screen(text, language, "hbg-0001")}


def raw_free(flags: list[Flag], *raw: str) -> bool:
    shown = " ".join(f"{flag.masked} {flag.code}" for flag in flags)
    return not any(value in shown for value in raw)


@pytest.mark.parametrize(
    "number", ["19121212-1212", "121212-1212", "1212121212", "121212+1212", "121212 1212", "191212121212"]
)
def test_personnummer_in_every_spelling(number: str) -> None:
    assert "personnummer" in kinds(f"Mitt nummer är {number} om du undrar.")


def test_samordningsnummer_is_day_plus_60() -> None:
    assert "samordningsnummer" in kinds("Numret var 701272-1234 på papperet.")


def test_a_number_of_the_right_shape_that_fails_luhn_is_still_flagged() -> None:
    assert "personnummer-form" in kinds("Numret var 121212-1213 på papperet.")


@pytest.mark.parametrize(
    "phone",
    [
        "070-123 45 67",
        "0701234567",
        "+46 70 123 45 67",
        "+46 (0)8 123 456 78",
        "0046 70 123 45 67",
        "٠٧٠١٢٣٤٥٦٧",  # Arabic-Indic digits
        "０７０－１２３ ４５ ６７",  # full-width
        "070\u200b-123\u200b45\u200b67",  # zero-width spaces inside
    ],
)
def test_phone_numbers_in_every_spelling(phone: str) -> None:
    assert "telefon" in kinds(f"Ring mig på {phone} i kväll.")


def test_a_mobile_number_is_reported_both_as_phone_and_as_personnummer_shape() -> None:
    found = kinds("Ring 0701234567.")
    assert "telefon" in found and found & {"personnummer", "personnummer-form"}


@pytest.mark.parametrize(
    "address",
    [
        "anna.svensson@exempel.se",
        "anna (at) exempel punkt se",
        "anna snabel-a exempel.se",
        "anna [at] exempel [dot] com",
        "anna＠exempel．se",  # full-width: the '@' the screen looks for first appears only once normalised
    ],
)
def test_email_also_spelled_out(address: str) -> None:
    assert "e-post" in kinds(f"Skriv till {address} om du vill.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Jag bor på Storgatan 12B sedan i fjol.", "adress"),
        ("Vi flyttade till 211 34 Malmö förra året.", "postnummer"),
        ("Bilen hade nummer ABC 123 på skylten.", "registreringsnummer"),
        ("Jag jobbade på Ikea Svågertorp i två år.", "arbetsplats"),
        ("Jag jobbade på Byggfirman Svensson AB i två år.", "arbetsplats"),
        ("Sie arbeitete bei Müller Logistik GmbH damals.", "arbetsplats"),
        ("Min son går på Rosengårdsskolan nu.", "arbetsplats"),
    ],
)
def test_places_that_point_at_a_person(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Då kom Göran fram till mig.", "sv"),
        ("Min granne Mohammed hjälpte mig.", "sv"),
        ("Chefen hette Marković och var sträng.", "sv"),
        ("Cô giáo của tôi là Nguyễn Thị Lan.", "vi"),
        ("Hon heter Zlatkovska och bor här.", "sv"),
        ("Det var Annas idé från början.", "sv"),
        ("Sedan sa Wojciechowski att jag skulle gå.", "sv"),
    ],
)
def test_names_listed_cued_genitive_and_unknown_capitals(text: str, language: str) -> None:
    assert "namn" in kinds(text, language)


def test_a_vietnamese_full_name_is_one_flag() -> None:
    flags = [f for f in screen("Cô giáo của tôi là Nguyễn Thị Lan.", "vi", "hbg-0001") if f.kind == "namn"]
    assert [f.masked for f in flags] == ["N***** *** ***"]


@pytest.mark.parametrize(
    "text",
    [
        "Jag diskriminerades i kön på apoteket.",
        "Det hände på bussen i Helsingborg en tisdag i oktober.",
        "Han sa att vi inte fick vara där. Hon tittade bort.",
        "Klockan var 08.30 och bussen var sen. Jag var 34 år då.",
    ],
)
def test_ordinary_sentences_are_not_flagged(text: str) -> None:
    assert kinds(text) == set()


def test_masking_keeps_the_shape_and_hides_the_rest() -> None:
    assert mask("19810412-5676") == "1981****-**76"
    assert mask("070-123 45 67") == "070-1** ** 67"
    assert mask("Göran") == "G****"
    assert mask("Storgatan 12B") == "S******** ***"


def test_no_flag_carries_the_raw_match() -> None:
    text = "Jag heter Göran, ring 070-123 45 67 eller 19121212-1212, bor på Storgatan 12."
    flags = screen(text, "sv", "hbg-0001")
    assert len(flags) >= 4
    assert raw_free(flags, "Göran", "123 45 67", "1212-1212", "Storgatan 12")


def test_codes_are_per_story_and_kind_and_ignore_invisible_differences() -> None:
    assert flag_code("hbg-0001", "telefon", "0701234567") != flag_code("hbg-0002", "telefon", "0701234567")
    assert flag_code("hbg-0001", "telefon", "0701234567") != flag_code(
        "hbg-0001", "personnummer", "0701234567"
    )
    assert flag_code("hbg-0001", "namn", "Göran") == flag_code("hbg-0001", "namn", "Go\u0308ran")


def test_normalising_maps_digits_and_removes_invisible_marks() -> None:
    assert normalise("٠٧٠\u200b１２") == "07012"


def test_flags_know_their_line() -> None:
    flags = screen("Första raden.\n\nRing 070-123 45 67.", "sv", "hbg-0001")
    assert {flag.line for flag in flags if flag.kind == "telefon"} == {3}


# --- Issue 15: spellings the review found published, and others of the same class ---------------


@pytest.mark.parametrize(
    "number",
    ["8112 18-98 76", "8 1 1 2 1 8 9 8 7 6", "1981.12.18-9876", "811218 - 9876", "19 81 12 18 98 76"],
)
def test_personnummer_with_anything_between_its_digits(number: str) -> None:
    assert kinds(f"Hon skrev {number} på blanketten.") & {"personnummer", "personnummer-form"}


@pytest.mark.parametrize(
    "phone",
    [
        "070.123.45.67",
        "46 70 123 45 67",
        "0 7 0 1 2 3 4 5 6 7",
        "46-739-881204",
        "(070) 123 45 67",
        "073–765 43 21",
        "0739/88.12.04",
        "387 61 234 567",
    ],
)
def test_phone_numbers_with_dots_spaces_or_a_country_code_without_plus(phone: str) -> None:
    assert "telefon" in kinds(f"Ring mig på {phone} i kväll.")


def test_a_number_that_ends_a_sentence_is_still_found() -> None:
    assert "telefon" in kinds("Han gav mig 070 123 45 67. 2019 flyttade han.")


@pytest.mark.parametrize(
    "address",
    [
        "anna . svensson @ gmail . com",
        "peter dot holm at live dot com",
        "lisa punkt berg snabel-a telia punkt se",
        "ivana.kovac majmunče gmail točka com",
        "minh.tran a còng yahoo chấm com",
    ],
)
def test_email_with_spaced_at_and_dots_or_words_for_them(address: str) -> None:
    assert "e-post" in kinds(f"Skriv till {address} om du vill.")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("göran sa att jag skulle gå hem.", "sv"),
        ("Sedan skrek GÖRAN åt mig.", "sv"),
        ("Det var mohammeds bror.", "sv"),
        ("Vakten, ERIKSSON, tog min arm.", "sv"),
        ("Then oliver pushed me.", "en"),
        ("Nastavnica JOVANOVIĆ me je ispravljala.", "sr"),
        ("Ông NGUYỄN VĂN HÙNG là quản lý của tôi.", "vi"),
        ("Ime mi je Senada i radim ovdje.", "bs"),
        ("يدعى يوسف وهو جاري.", "ar"),
    ],
)
def test_names_in_lower_case_in_capitals_and_after_more_cues(text: str, language: str) -> None:
    assert "namn" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Jag låg på Helsingborgs lasarett.", "sv"),
        ("Hon jobbar på Drottninghögs vårdcentral.", "sv"),
        ("Han är rektor på Påarps förskola.", "sv"),
        ("Vi ber i Helsingborgs moské.", "sv"),
        ("Min son går på förskolan Solrosen.", "sv"),
        ("Han jobbar på Stattena polisstation.", "sv"),
        ("Jag städade på Fredriksdals äldreboende.", "sv"),
        ("Det var på Filbornaskolan.", "sv"),
        ("She teaches at Westfield High School.", "en"),
        ("Radila sam u bolnici Helsingborg.", "bs"),
        ("Tôi làm việc ở bệnh viện Helsingborg.", "vi"),
        ("عملت في مستشفى هلسنبوري سنتين.", "ar"),
    ],
)
def test_named_public_workplaces(text: str, language: str) -> None:
    assert "arbetsplats" in kinds(text, language)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Brevet kom till SE-254 40 HELSINGBORG.", "postnummer"),
        ("Bilen, TXR-19F, stod där.", "registreringsnummer"),
        ("Skylten var gkr382.", "registreringsnummer"),
        ("She lived at 24 Kings Road.", "adress"),
        ("Stanujem u Ulici Maršala Tita 15.", "adress"),
        ("Nhà tôi ở số 12 đường Lê Lợi.", "adress"),
    ],
)
def test_more_spellings_of_places(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mötet var kl. 14.30–15.15 och sedan 08.30 09.15.", "sv"),
        ("Den 05.06.2021 fick jag beskedet.", "sv"),
        ("Hon hade en tid 2023-05-14 10.30 men fick gå hem.", "sv"),
        ("Hyran var 7 450 kronor, och 12 000 kr i deposition.", "sv"),
        ("Jag fick ärendenummer 2023-1456 och väntade 45 minuter.", "sv"),
        ("Per dag fick vi klara oss på en stig vid en sten.", "sv"),
        ("Nu hejar vi på varandra, hela dan.", "sv"),
        ("Jag vill inte minnas hans ord, bara mina jeans.", "sv"),
        ("We were in the same class and shared a basic loan.", "en"),
        ("Vi väntade på vårdcentralen. Förskolan ringde. Min skola var otrygg.", "sv"),
        ("På Drottninghög och i Knutpunkten känner alla varandra.", "sv"),
        ("MIN CHEF SA ATT JAG INTE FICK KOMMA.", "sv"),
        ("Grace is what I needed. I will ask the bill again.", "en"),
        ("At school nobody sat next to me.", "en"),
        ("في المستشفى عاملوني بشكل مختلف. يجب علي أن أشرح.", "ar"),
        ("Minh bạch là điều tôi mong muốn. Cô giáo ở trường không nói gì.", "vi"),
        ("Nada je jedino što mi je ostalo. Stan je slobodan.", "sr"),
        ("Živim u Helsingborgu od 2016.", "sr"),
    ],
)
def test_tricky_but_clean_sentences_are_not_flagged(text: str, language: str) -> None:
    assert kinds(text, language) == set()


def test_new_kinds_of_match_are_masked_too() -> None:
    text = "Ring 070.123.45.67 eller skriv anna . svensson @ gmail . com, fråga göran på Dalhems bibliotek."
    flags = screen(text, "sv", "hbg-0001")
    assert {flag.kind for flag in flags} >= {"telefon", "e-post", "namn", "arbetsplats"}
    assert raw_free(flags, "123.45", "svensson", "gmail", "göran", "Dalhems")


def test_a_long_run_of_spaced_digits_does_not_stall_the_screen() -> None:
    started = time.perf_counter()
    flags = screen("0 " * 50_000, "sv", "hbg-0001")
    assert time.perf_counter() - started < 5
    assert {flag.line for flag in flags} == {1}


# --- The measurement (benchmarks/personal_data.py prints the same numbers) -----------------------


def test_the_labelled_set_is_large_balanced_and_in_every_language() -> None:
    examples = load_labelled()
    personal = [e for e in examples if e.personal]
    assert len(examples) >= 300
    assert abs(len(personal) - len(examples) / 2) <= len(examples) * 0.05
    assert {e.language for e in examples} >= {"sv", "en", "ar", "vi", "bs", "hr", "sr"}
    assert {e.kind for e in personal} == set(EXPECTED_KINDS)
    assert {e.portion for e in examples} == {"tuning", "held-out"}


def test_recall_and_false_flags_hold_their_floor() -> None:
    result = measure(load_labelled(), archive_stories([FIXTURES / "archive"]))
    assert result.recall >= 0.98, report("all", result)
    assert result.flags_per_ten_stories <= 1.0, report("all", result)
