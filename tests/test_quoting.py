from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from generator.intake.validate import ALLOWED
from generator.privacy.quoting import display_path, inline, mask_input, shown, thousands

# Values a wrong field may hold, of every class the screen knows, each with the part that must
# never be printed.
PERSONAL = [
    ("19811218-9876", "19811218"),
    ("811218-9876", "811218"),
    ("8112189876", "8112189876"),
    ("198112189876", "1218"),
    ("070-123 45 67", "123 45"),
    ("+46 70 123 45 67", "123 45"),
    ("0701234567", "1234"),
    ("anna@example.se", "anna"),
    ("anna.svensson@hbg.se", "svensson"),
    ("anna (at) exempel punkt se", "exempel"),
    ("Göran", "Göran"),
    ("göran", "göran"),
    ("GÖRAN", "GÖRAN"),
    ("mohammed", "mohammed"),
    ("Marković", "Marković"),
    ("redaktor-anna", "anna"),
    ("Storgatan 12B", "Storgatan"),
    ("Rosengårdsskolan", "Rosengård"),
    ("12345678", "12345678"),
    ("1234 5678 9", "5678"),
]


@pytest.mark.parametrize(("value", "secret"), PERSONAL)
def test_personal_data_in_a_quoted_value_is_masked(value: str, secret: str) -> None:
    assert secret not in shown(value)
    assert secret not in inline(value)


def test_the_mask_is_the_screens() -> None:
    assert shown("19811218-9876") == "'1981****-**76'"
    assert shown("anna@example.se") == "'a***@*******.**'"
    assert shown("Göran") == "'G****'"
    assert inline("anna@example.se") == "a***@*******.**"


@pytest.mark.parametrize(
    "value", ["Approved", "APPROVED", "simhall", "hudfarg", "klingon", "2025-13", "140", "hbg-0042", "sv-SE"]
)
def test_harmless_values_stay_readable(value: str) -> None:
    assert shown(value) == repr(value)


def test_dates_and_small_numbers_stay_readable() -> None:
    assert shown("2026-02-30") == "'2026-02-30'"
    assert shown(dt.date(2026, 3, 14)) == "2026-03-14"
    assert shown(18) == "18"
    assert shown(1.2) == "1.2"


@pytest.mark.parametrize("name", ALLOWED)
def test_every_field_name_is_shown_as_it_is(name: str) -> None:
    assert inline(name) == name


def test_numbers_from_yaml_are_masked_too() -> None:
    assert shown(198112189876) == "1981******76"
    assert shown(10**50) == "ett mycket stort tal"


def test_long_values_are_described_not_cut() -> None:
    assert shown("x" * 41) == "en text på 41 tecken"
    assert shown("två\nrader") == "en text på 9 tecken"
    assert inline("anna@example.se " * 3) == "[48 tecken]"


def test_line_breaks_and_control_characters_cannot_fake_a_line_of_the_log() -> None:
    assert inline("a\nfel: b") == "a\\nfel: b"
    assert inline("\x1b[31mröd") == "\\x1b[31mröd"
    assert shown("\ud800") == "'\\ud800'"


def test_the_screens_normalisation_is_applied_first() -> None:
    # Full-width and Arabic-Indic digits, and a zero-width space inside, are the same number.
    assert mask_input("１９８１１２１８-９８７６") == "1981****-**76"
    assert mask_input("٠٧٠١٢٣٤٥٦٧") == "0701****67"
    assert mask_input("anna\u200b@example.se") == "a***@*******.**"


def test_other_types_are_named_not_printed() -> None:
    assert shown(None) == "ett tomt värde"
    assert shown(True) == "true"
    assert shown(["19811218-9876"]) == "en lista"
    assert shown({"a": "19811218-9876"}) == "en samling fält"
    assert shown(b"19811218-9876") == "bytes"


def test_thousands_are_grouped_as_in_swedish() -> None:
    assert thousands(30_000) == "30 000"
    assert thousands(200_000) == "200 000"
    assert thousands(999) == "999"


SEPARATORS = st.sampled_from(["", "", "", " ", "-", ".", "/", "+", " - ", "(", ")", "_", "–", "  "])


@given(st.lists(st.tuples(st.integers(0, 9), SEPARATORS), min_size=7, max_size=16))
def test_no_number_of_seven_digits_or_more_is_ever_shown_whole(digits: list[tuple[int, str]]) -> None:
    # Written any way (spaces, dots, dashes between the digits), at most the first four and the
    # last two digits remain: enough to tell two numbers apart, never enough to find anyone.
    value = "".join(f"{digit}{separator}" for digit, separator in digits).rstrip(" -./+()_–")
    assume(not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", value))  # a date is shown
    for text in (shown(value), inline(value)):
        assert len(re.findall(r"\d", text)) <= 6, (value, text)


def test_display_path_is_relative_inside_the_working_folder_and_whole_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(Path("stories/a.md")) == "stories/a.md"
    assert display_path(tmp_path / "stories" / "a.md") == "stories/a.md"
    assert display_path(tmp_path / "..x" / "a.md") == "..x/a.md"
    outside = tmp_path.parent / "annan" / "a.md"
    assert display_path(outside) == str(outside)


def test_a_files_display_path_is_its_folders_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate_folder relies on this to work out the display path once per folder.
    (tmp_path / "arbete").mkdir()
    monkeypatch.chdir(tmp_path / "arbete")
    for folder in [
        Path("."),
        Path("stories"),
        tmp_path / "arbete",
        tmp_path / "arbete" / "s",
        tmp_path,
        tmp_path / "annan",
    ]:
        assert str(Path(display_path(folder)) / "a.md") == display_path(folder / "a.md")
