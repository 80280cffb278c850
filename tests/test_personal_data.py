"""The personal-data screen: every kind, the tricky spellings, masking and codes."""

from __future__ import annotations

import pytest

from generator.personal_data import Flag, flag_code, mask, normalise, screen


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
