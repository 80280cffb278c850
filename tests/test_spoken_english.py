"""English readings: numbers, years, dates, times, ordinals, decimals and short forms said the English way."""

from __future__ import annotations

import pytest

from generator.audio.speech import speakable
from generator.audio.spoken.english import cardinal, ordinal, year


def en(text: str) -> str:
    return speakable(text, "en")


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "zero"),
        (7, "seven"),
        (13, "thirteen"),
        (21, "twenty-one"),
        (40, "forty"),
        (100, "one hundred"),
        (101, "one hundred and one"),
        (999, "nine hundred and ninety-nine"),
        (1000, "one thousand"),
        (1001, "one thousand and one"),
        (1100, "one thousand one hundred"),
        (2024, "two thousand and twenty-four"),
        (21_000, "twenty-one thousand"),
        (1_000_000, "one million"),
        (2_500_000, "two million five hundred thousand"),
        (1_000_024, "one million and twenty-four"),
        (
            999_999_999,
            "nine hundred and ninety-nine million nine hundred and ninety-nine thousand nine hundred and ninety-nine",
        ),
    ],
)
def test_cardinal(number: int, expected: str) -> None:
    assert cardinal(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "first"), (2, "second"), (3, "third"), (12, "twelfth"), (20, "twentieth"), (21, "twenty-first"),
     (40, "fortieth"), (99, "ninety-ninth")],
)  # fmt: skip
def test_ordinal(number: int, expected: str) -> None:
    assert ordinal(number) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1987, "nineteen eighty-seven"),
        (1905, "nineteen oh five"),
        (1900, "nineteen hundred"),
        (1100, "eleven hundred"),
        (2000, "two thousand"),
        (2005, "two thousand and five"),
        (2010, "twenty ten"),
        (2024, "twenty twenty-four"),
    ],
)
def test_year(number: int, expected: str) -> None:
    assert year(number) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2024 I moved.", "In twenty twenty-four I moved."),
        ("We were 2024 people.", "We were two thousand and twenty-four people."),
        ("It cost 1500 kronor.", "It cost one thousand five hundred kronor."),
        ("On 2024-03-14 it began.", "On the fourteenth of March twenty twenty-four it began."),
        ("On 2025-02-29 it began.", "On 2025-02-29 it began."),
        ("On 14 March 2026 we met.", "On the fourteenth of March twenty twenty-six we met."),
        ("On March 14, 2026 we met.", "On March fourteenth, twenty twenty-six we met."),
        ("On 31 April we met.", "On thirty-one April we met."),
        ("You may 5 times ask.", "You may five times ask."),
        ("On 14/3 we met.", "On the fourteenth of March we met."),
        ("On 14/3/2026 we met.", "On the fourteenth of March twenty twenty-six we met."),
        ("On 30/2 we met.", "On 30/2 we met."),
        ("At 14:30.", "At fourteen thirty."),
        ("At 8:05.", "At eight oh five."),
        ("At 9:00.", "At nine o'clock."),
        ("At 14:00.", "At fourteen hundred."),
        ("At 24:00.", "At 24:00."),
        (
            "The 1st, 2nd, 3rd, 11th, 21st and 22nd.",
            "The first, second, third, eleventh, twenty-first and twenty-second.",
        ),
        ("The 21th.", "The 21th."),
        ("It was 3.5 hours.", "It was three point five hours."),
        ("It was 0.25 of it.", "It was zero point two five of it."),
        ("Version 1.2.3.", "Version 1.2.3."),
        ("We paid 12,000 or 12 000.", "We paid twelve thousand or twelve thousand."),
        ("About 50% of us.", "About fifty percent of us."),
        ("H&M and 2+2.", "H and M and two plus two."),
    ],
)
def test_numbers_dates_and_times(text: str, expected: str) -> None:
    assert en(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fruit, e.g. apples.", "Fruit, for example apples."),
        ("The boss, i.e. her.", "The boss, that is her."),
        ("Bread, milk etc. Then we left.", "Bread, milk et cetera. Then we left."),
        ("Bread, milk etc. and more.", "Bread, milk et cetera and more."),
        ("It took approx. an hour.", "It took approximately an hour."),
        ("Mr Smith, Mrs. Jones and Dr Lee.", "Mister Smith, Missus Jones and Doctor Lee."),
        ("E.g. this.", "For example this."),
        ("Room no. 5 and No. 7.", "Room number five and Number seven."),
        ("I said no. Then I left.", "I said no. Then I left."),
        ("Ms. Day.", "Miz Day."),
    ],
)
def test_short_forms(text: str, expected: str) -> None:
    assert en(text) == expected


def test_phone_numbers_keep_their_digits() -> None:
    assert en("Call 070-123 45 67 or +46 70 123 45 67 at 8:05.") == (
        "Call 070-123 45 67 or +46 70 123 45 67 at eight oh five."
    )
