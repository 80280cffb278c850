"""Bosnian, Croatian and Serbian readings: one grammar of numbers, each dialect's own words."""

from __future__ import annotations

import pytest

from generator.audio.speech import speakable
from generator.audio.spoken.bcs import cardinal, ordinal


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "nula"),
        (14, "četrnaest"),
        (21, "dvadeset jedan"),
        (200, "dvjesto"),
        (1000, "hiljadu"),
        (2024, "dvije hiljade dvadeset četiri"),
        (5000, "pet hiljada"),
        (12_000, "dvanaest hiljada"),
        (21_000, "dvadeset jedna hiljada"),
        (22_000, "dvadeset dvije hiljade"),
        (1_000_000, "milion"),
        (3_000_000, "tri miliona"),
        (21_000_000, "dvadeset jedan milion"),
    ],
)
def test_cardinal_in_bosnian(number: int, expected: str) -> None:
    assert cardinal(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "prvi"), (3, "treći"), (20, "dvadeseti"), (21, "dvadeset prvi"), (44, "četrdeset četvrti")],
)
def test_ordinal(number: int, expected: str) -> None:
    assert ordinal(number) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Bilo je 2024 i 200.", "bs", "Bilo je dvije hiljade dvadeset četiri i dvjesto."),
        ("Bilo je 2024 i 200.", "hr", "Bilo je dvije tisuće dvadeset četiri i dvjesto."),
        ("Bilo je 2024 i 200.", "sr", "Bilo je dve hiljade dvadeset četiri i dvesto."),
        ("Imam 1000 i 2 000 000.", "hr", "Imam tisuću i dva milijuna."),
        ("Imam 1000 i 2 000 000.", "sr", "Imam hiljadu i dva miliona."),
        ("Došao sam 14. marta.", "bs", "Došao sam četrnaestog marta."),
        (
            "Došao sam 3. ožujka 1987., kasno.",
            "hr",
            "Došao sam trećeg ožujka tisuću devetsto osamdeset sedme, kasno.",
        ),
        ("Došao sam 14.3. kasno.", "bs", "Došao sam četrnaestog marta kasno."),
        ("Došao sam 14.3.", "hr", "Došao sam četrnaestog ožujka."),
        (
            "Došao sam 14. 3. 2024. kasno.",
            "sr",
            "Došao sam četrnaestog marta dve hiljade dvadeset četvrte kasno.",
        ),
        ("Došao sam 2024-03-14.", "bs", "Došao sam četrnaestog marta dvije hiljade dvadeset četvrte."),
        ("Došao sam 14/3.", "bs", "Došao sam četrnaestog marta."),
        ("Došao sam 31.2. kasno.", "bs", "Došao sam 31.2. kasno."),
        ("To je bilo 2024. godine.", "bs", "To je bilo dvije hiljade dvadeset četvrte godine."),
        ("To je bilo u 2024. godini.", "hr", "To je bilo u dvije tisuće dvadeset četvrtoj godini."),
        ("To je bilo 2000. godine.", "sr", "To je bilo dvehiljadite godine."),
        ("To je bilo 1900. god. kasno.", "bs", "To je bilo hiljadu devetstote godine kasno."),
        ("U 14:30 h.", "bs", "U četrnaest i trideset."),
        ("U 14.30 h ili 8.15 sati.", "hr", "U četrnaest i trideset ili osam i petnaest sati."),
        ("U 9:00.", "sr", "U devet."),
        ("Išao je u 3. razred.", "bs", "Išao je u treći razred."),
        ("Bilo je 3,5 sati i 0,05.", "bs", "Bilo je tri zarez pet sati i nula zarez nula pet."),
        ("Platio sam 12.000 kruna.", "hr", "Platio sam dvanaest tisuća kruna."),
        ("Oko 50% ljudi.", "sr", "Oko pedeset posto ljudi."),
        ("Hljeb, mlijeko itd. Onda smo otišli.", "bs", "Hljeb, mlijeko i tako dalje. Onda smo otišli."),
        ("Voće, npr. jabuke, tj. crvene.", "bs", "Voće, na primjer jabuke, to jest crvene."),
        ("Voće, npr. jabuke.", "sr", "Voće, na primer jabuke."),
        ("Kod dr. Marića, br. 5, i dr. osoba.", "hr", "Kod doktor Marića, broj pet, i drugi osoba."),
        ("Npr. ovo.", "bs", "Na primjer ovo."),
        ("Nazovi 070-123 45 67.", "bs", "Nazovi 070-123 45 67."),
    ],
)
def test_numbers_dates_times_and_short_forms(text: str, language: str, expected: str) -> None:
    assert speakable(text, language) == expected
