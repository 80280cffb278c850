from __future__ import annotations

import pytest

from generator.audio.speech import speakable
from generator.audio.spoken.swedish import cardinal as swedish_cardinal
from generator.audio.spoken.swedish import ordinal as swedish_ordinal


def sv(text: str) -> str:
    return speakable(text, "sv")


# --- Cleanup for every language ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Jag  gick\n\nhem\t igen.  ", "Jag gick hem igen."),
        ("rad ett\r\nrad två", "rad ett rad två"),
        ("tunt\u2009mellanrum\u00a0och hårt", "tunt mellanrum och hårt"),
        ("*viktigt*", "viktigt"),
        ("**mycket viktigt**: kom", "mycket viktigt: kom"),
        ("# Rubrik", "Rubrik"),
        ("`kod` och ~struket~", "kod och struket"),
        ("a | b", "a b"),
        ("<b>fet</b>", "b fet /b"),
        ("[länktext] {x} y^z a\\b c_d", "länktext x y z a b c d"),
        ("(*ord*)", "(ord)"),
    ],
)
def test_whitespace_and_markup_are_cleaned(text: str, expected: str) -> None:
    assert sv(text) == expected
    assert speakable(text, "en") == expected


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202e",
        "\u2066",
        "\u2069",
        "\u061c",
    ],
)
def test_invisible_characters_are_removed(invisible: str) -> None:
    assert sv(f"kö{invisible}n") == "kön"
    assert speakable(f"a{invisible}b", "vi") == "ab"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Läs mer på https://example.se/a_b#c.", "sv", "Läs mer på länk."),
        ("Läs mer på https://example.se/a_b#c.", "sv-SE", "Läs mer på länk."),
        ("Se www.example.se, sedan", "sv", "Se länk, sedan"),
        ("(http://x.se/a) och <https://y.se>", "sv", "(länk) och länk"),
        ("See HTTPS://example.com/a?b=1. Then", "en", "See link. Then"),
        ("See https://example.com/a?b=1.", "en-GB", "See link."),
        ("Xem https://example.vn/a nhé.", "vi", "Xem liên kết nhé."),
        ("Pogledaj https://example.ba.", "bs", "Pogledaj link."),
        ("Pogledaj https://example.hr.", "hr", "Pogledaj poveznica."),
        ("انظر https://example.com/a.", "ar", "انظر رابط."),
        ("Lue https://example.fi.", "fi", "Lue."),
    ],
)
def test_urls_become_the_word_for_link_or_disappear(text: str, language: str, expected: str) -> None:
    assert speakable(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Odotin 45 minuuttia 14/3 2026 klo 14:30, t.ex. 50%.", "fi"),
        ("Ich wartete 45 Minuten am 14.3.2026 um 14:30, z.B. 50%.", "de-AT"),
        ("Rum ٣ och 3", "xx"),
    ],
)
def test_a_language_without_rules_gets_only_the_generic_cleanup(text: str, language: str) -> None:
    assert speakable(text, language) == text


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("I waited 45 minutes.", "en-GB", "I waited forty-five minutes."),
        ("Čekala sam 2 sata.", "sr-Latn", "Čekala sam dva sata."),
        ("Chờ 30 phút.", "VI", "Chờ ba mươi phút."),
        ("انتظرت ٣ ساعات.", "ar_SY", "انتظرت ثلاثة ساعات."),
    ],
)
def test_each_survey_language_is_found_by_its_primary_tag(text: str, language: str, expected: str) -> None:
    assert speakable(text, language) == expected


def test_plain_swedish_sentence_is_unchanged() -> None:
    assert sv("Jag diskriminerades i kön på apoteket.") == "Jag diskriminerades i kön på apoteket."


def test_arabic_digits_in_swedish_text_are_left_to_the_engine() -> None:
    assert sv("Rum ٣ och 3") == "Rum ٣ och tre"


# --- Swedish abbreviations and symbols --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frukt, t.ex. äpplen", "Frukt, till exempel äpplen"),
        ("Frukt, t ex äpplen", "Frukt, till exempel äpplen"),
        ("Frukt, t. ex. äpplen", "Frukt, till exempel äpplen"),
        ("Vi åt bl.a. soppa", "Vi åt bland annat soppa"),
        ("Vi åt bl a soppa", "Vi åt bland annat soppa"),
        ("soppa, bröd osv. och mer", "soppa, bröd och så vidare och mer"),
        ("soppa, bröd osv och mer", "soppa, bröd och så vidare och mer"),
        ("Hon var ny, dvs. ensam", "Hon var ny, det vill säga ensam"),
        ("Hon var ny, d.v.s. ensam", "Hon var ny, det vill säga ensam"),
        ("soppa m.m. och mer", "soppa med mera och mer"),
        ("Anna m.fl. och mer", "Anna med flera och mer"),
        ("fr.o.m. måndag", "från och med måndag"),
        ("t.o.m. fredag", "till och med fredag"),
        ("p.g.a. kön", "på grund av kön"),
        ("pga. kön", "på grund av kön"),
        ("pga kön", "på grund av kön"),
        ("ca tjugo", "cirka tjugo"),
        ("ca. tjugo", "cirka tjugo"),
        ("kl. åtta", "klockan åtta"),
        ("kl åtta", "klockan åtta"),
        ("nr tre", "nummer tre"),
        ("nr. tre", "nummer tre"),
        ("tio st. äpplen", "tio stycken äpplen"),
        ("hon resp. han", "hon respektive han"),
        ("jfr kapitlet", "jämför kapitlet"),
        ("inkl. moms", "inklusive moms"),
        ("exkl. moms", "exklusive moms"),
        ("tel. nummer", "telefon nummer"),
        ("T.ex. så", "Till exempel så"),
        ("Kl. åtta", "Klockan åtta"),
    ],
)
def test_swedish_abbreviations_are_spelled_out(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mosvik, Capri och Ica", "Mosvik, Capri och Ica"),
        ("St. Eriks gata", "St. Eriks gata"),
        ("klart", "klart"),
        ("starka krafter", "starka krafter"),
    ],
)
def test_abbreviations_match_only_whole_tokens(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("soppa, bröd osv. Sedan gick vi.", "soppa, bröd och så vidare. Sedan gick vi."),
        ("soppa, bröd m.m.", "soppa, bröd med mera."),
        ("Det kostade 50 kr.", "Det kostade femtio kronor."),
        ("Frukt, t.ex. Äpplen", "Frukt, till exempel Äpplen"),
    ],
)
def test_a_closing_abbreviation_keeps_its_dot_when_it_ends_the_sentence(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("50 kr", "femtio kronor"),
        ("50kr", "femtio kronor"),
        ("50 kr. till", "femtio kronor till"),
        ("5 st", "fem stycken"),
        ("50%", "femtio procent"),
        ("50 %", "femtio procent"),
        ("enligt § 5", "enligt paragraf fem"),
        ("enligt §5", "enligt paragraf fem"),
        ("Ica & Coop", "Ica och Coop"),
        ("H&M", "H och M"),
        ("2+2", "två plus två"),
        ("Ica + Coop", "Ica plus Coop"),
    ],
)
def test_swedish_units_and_symbols_are_spelled_out(text: str, expected: str) -> None:
    assert sv(text) == expected


# --- Swedish times and dates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", "fjorton trettio"),
        ("8:05", "åtta noll fem"),
        ("08:05", "åtta noll fem"),
        ("14:00", "fjorton"),
        ("0:15", "noll femton"),
        ("23:59", "tjugotre femtionio"),
        ("kl. 14.30", "klockan fjorton trettio"),
        ("kl 14.30", "klockan fjorton trettio"),
        ("klockan 9.15", "klockan nio femton"),
        ("Klockan 9.15.", "Klockan nio femton."),
        ("kl. 14:00", "klockan fjorton"),
        ("kl. 1", "klockan ett"),
        ("9.15", "9.15"),
        ("24:00", "24:00"),
        ("14:60", "14:60"),
        ("14:30:15", "14:30:15"),
    ],
)
def test_swedish_times(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-14", "fjortonde mars tjugohundratjugosex"),
        ("den 2005-01-01", "den första januari tvåtusenfem"),
        ("1987-12-31", "trettioförsta december nittonhundraåttiosju"),
        ("2024-02-29", "tjugonionde februari tjugohundratjugofyra"),
        ("2025-02-29", "2025-02-29"),
        ("2026-13-01", "2026-13-01"),
        ("14 mars 2026", "fjortonde mars tjugohundratjugosex"),
        ("den 14 mars", "den fjortonde mars"),
        ("den 1 maj", "den första maj"),
        ("den 21 Juni", "den tjugoförsta Juni"),
        ("31 april", "trettioett april"),
        ("14/3", "fjortonde mars"),
        ("den 2/11", "den andra november"),
        ("29/2", "tjugonionde februari"),
        ("30/2", "30/2"),
        ("14/13", "14/13"),
        ("14/3/2026", "14/3/2026"),
    ],
)
def test_swedish_dates(text: str, expected: str) -> None:
    assert sv(text) == expected


# --- Swedish years, ordinals and numbers ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1987", "nittonhundraåttiosju"),
        ("år 1100", "år elvahundra"),
        ("2000", "tvåtusen"),
        ("2005", "tvåtusenfem"),
        ("2009", "tvåtusennio"),
        ("2010", "tjugohundratio"),
        ("2019", "tjugohundranitton"),
        ("2026", "tjugohundratjugosex"),
        ("2099", "tjugohundranittionio"),
        ("Sommaren 1987.", "Sommaren nittonhundraåttiosju."),
        ("1099", "tusennittionio"),
        ("2100", "tvåtusenhundra"),
    ],
)
def test_swedish_years(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024 kronor", "tvåtusentjugofyra kronor"),
        ("2024 kr", "tvåtusentjugofyra kronor"),
        ("1500 personer", "tusenfemhundra personer"),
        ("2000 st", "tvåtusen stycken"),
        ("2000 stycken", "tvåtusen stycken"),
        ("1200 meter", "tusentvåhundra meter"),
        ("1800 kilo", "tusenåttahundra kilo"),
        ("2001 procent", "tvåtusenett procent"),
        ("2001 %", "tvåtusenett procent"),
    ],
)
def test_four_digit_counts_are_not_years(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:a", "första"),
        ("2:a", "andra"),
        ("3:e", "tredje"),
        ("11:e", "elfte"),
        ("21:a", "tjugoförsta"),
        ("den 14:e mars", "den fjortonde mars"),
        ("Hon kom 2:a.", "Hon kom andra."),
    ],
)
def test_swedish_written_ordinals(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5", "tre komma fem"),
        ("3,05", "tre komma noll fem"),
        ("3,25", "tre komma tjugofem"),
        ("0,5", "noll komma fem"),
        ("0,125", "noll komma ett två fem"),
        ("1,5 år", "ett komma fem år"),
        ("1,2,3", "1,2,3"),
    ],
)
def test_swedish_decimals(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", "noll"),
        ("1", "ett"),
        ("2", "två"),
        ("7", "sju"),
        ("11", "elva"),
        ("17", "sjutton"),
        ("21", "tjugoett"),
        ("40", "fyrtio"),
        ("99", "nittionio"),
        ("100", "hundra"),
        ("101", "hundraett"),
        ("250", "tvåhundrafemtio"),
        ("1000", "tusen"),
        ("1001", "tusenett"),
        ("12 000", "tolvtusen"),
        ("12\u2009000", "tolvtusen"),
        ("12\u00a0000", "tolvtusen"),
        ("12000", "tolvtusen"),
        ("21 000", "tjugoettusen"),
        ("1 000 000", "en miljon"),
        ("2 500 000", "två miljoner femhundratusen"),
        ("21 000 000", "tjugoen miljoner"),
        ("999 999 999", "niohundranittionio miljoner niohundranittioniotusenniohundranittionio"),
        ("1 000 000 000", "1 000 000 000"),
        ("1000000000", "1000000000"),
        ("Vi var 12 personer.", "Vi var tolv personer."),
        ("007", "007"),
    ],
)
def test_swedish_integers(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring 070-123 45 67.", "Ring 070-123 45 67."),
        ("Ring 08-123 456 78 nu", "Ring 08-123 456 78 nu"),
        ("Ring 070-1234567", "Ring 070-1234567"),
        ("Ring 070 123 45 67", "Ring 070 123 45 67"),
        ("Ring +46 70 123 45 67", "Ring +46 70 123 45 67"),
        ("Ring 070-123 45 67 kl. 8", "Ring 070-123 45 67 klockan åtta"),
    ],
)
def test_phone_numbers_keep_their_digits(text: str, expected: str) -> None:
    assert sv(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v1.2.3", "v1.2.3"),
        ("B12", "B12"),
        ("10km", "10km"),
        ("1987-1990", "1987-1990"),
        ("COVID-19", "COVID-nitton"),
    ],
)
def test_numbers_inside_codes_and_ranges_are_left_to_the_engine(text: str, expected: str) -> None:
    assert sv(text) == expected


def test_a_whole_swedish_sentence() -> None:
    text = "Den 14 mars 2026 kl. 14.30 väntade jag ca 45 min, dvs. till 14:15, på 2:a plats i kön."
    expected = (
        "Den fjortonde mars tjugohundratjugosex klockan fjorton trettio väntade jag cirka fyrtiofem min,"
        " det vill säga till fjorton femton, på andra plats i kön."
    )
    assert sv(text) == expected


# --- The word functions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "noll"),
        (1, "ett"),
        (20, "tjugo"),
        (80, "åttio"),
        (200, "tvåhundra"),
        (1000, "tusen"),
        (2024, "tvåtusentjugofyra"),
        (101_000, "hundraettusen"),
        (1_000_001, "en miljon ett"),
        (101_000_000, "hundraen miljoner"),
        (999_999_999, "niohundranittionio miljoner niohundranittioniotusenniohundranittionio"),
    ],
)
def test_swedish_cardinal(number: int, expected: str) -> None:
    assert swedish_cardinal(number) == expected


@pytest.mark.parametrize("number", [-1, 1_000_000_000])
def test_swedish_cardinal_rejects_numbers_out_of_range(number: int) -> None:
    with pytest.raises(ValueError, match="mellan 0 och 999999999"):
        swedish_cardinal(number)


ORDINALS_1_TO_31 = (
    "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde elfte tolfte trettonde"
    " fjortonde femtonde sextonde sjuttonde artonde nittonde tjugonde tjugoförsta tjugoandra tjugotredje"
    " tjugofjärde tjugofemte tjugosjätte tjugosjunde tjugoåttonde tjugonionde trettionde trettioförsta"
).split()


@pytest.mark.parametrize(("number", "expected"), list(enumerate(ORDINALS_1_TO_31, start=1)))
def test_swedish_ordinal_days(number: int, expected: str) -> None:
    assert swedish_ordinal(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"), [(40, "fyrtionde"), (42, "fyrtioandra"), (99, "nittionionde")]
)
def test_swedish_ordinal_beyond_days(number: int, expected: str) -> None:
    assert swedish_ordinal(number) == expected


@pytest.mark.parametrize("number", [0, 100, -3])
def test_swedish_ordinal_rejects_numbers_out_of_range(number: int) -> None:
    with pytest.raises(ValueError, match="mellan 1 och 99"):
        swedish_ordinal(number)
