"""Reading the survey export: every bad row reported by line and id, the rest counted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cache.memo import Memo, Stage
from generator.intake.vocabulary import load_vocabulary
from generator.statistics.survey import COLUMNS, SurveyCounts, count_survey, dyad_bin, read_survey, triad_zone
from tests.conftest import PERSONAL_VALUES, assert_nothing_raw

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "survey" / "responses.csv"
VOCABULARY = load_vocabulary()


def test_bad_rows_are_reported_with_line_field_and_id_and_left_out() -> None:
    survey = read_survey(FIXTURE, VOCABULARY)
    assert survey is not None
    assert [p.format().split("/")[-1] for p in survey.problems] == [
        "responses.csv:5: arenas: Svar r4: okänd nyckel 'simhall'. Raden räknas inte med.",
        "responses.csv:6: triad_reaction_a: Svar r5: väntade att de tre talen blir 1 tillsammans, men de blir 1.30. Raden räknas inte med.",
        "responses.csv:7: frequency: Svar r6: okänd nyckel 'sällan'. Raden räknas inte med.",
        "responses.csv:7: dyad_belonging: Svar r6: väntade ett tal från 0 till 100, men fick '140'. Raden räknas inte med.",
        "responses.csv:8: response_id: Svar r1: id:t saknas eller finns redan. Raden räknas inte med.",
        "responses.csv:9: collected: Svar r8: väntade år och månad som 2019-10, men fick '2020-13'. Raden räknas inte med.",
        "responses.csv:9: language: Svar r8: okänt språk 'xx'. Raden räknas inte med.",
    ]
    assert all(p.severity.value == "varning" for p in survey.problems)
    assert survey.responses == 3


def test_counts_are_of_responses_with_several_answers_counted_per_answer() -> None:
    survey = read_survey(FIXTURE, VOCABULARY)
    assert survey is not None
    grounds = survey.distributions["grounds"]
    assert (grounds.counts["kon"], grounds.counts["alder"], grounds.counts["etnisk-tillhorighet"]) == (
        2,
        1,
        1,
    )
    assert grounds.answered == 3
    assert survey.distributions["languages"].counts["sv"] == 2
    assert survey.distributions["frequency"].answered == 2
    assert survey.distributions["triad"].answered == 2
    assert (survey.first_month, survey.last_month) == ("2019-10", "2019-12")


def test_cross_counts_pair_every_ground_with_every_arena_of_a_response() -> None:
    survey = read_survey(FIXTURE, VOCABULARY)
    assert survey is not None
    cross = survey.cross
    etnisk, skola, internet = (
        cross.rows.index("etnisk-tillhorighet"),
        cross.columns.index("skola"),
        cross.columns.index("internet"),
    )
    assert cross.counts[etnisk][skola] == 1 and cross.counts[etnisk][internet] == 1
    assert cross.row_totals[etnisk] == 1
    assert cross.total == 3


def test_missing_columns_make_the_file_unusable_with_an_error(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_text("response_id,collected\nr1,2019-10\n", encoding="utf-8")
    survey = read_survey(path, VOCABULARY)
    assert survey is not None and survey.responses == 0
    (problem,) = survey.problems
    assert problem.severity.value == "fel"
    assert problem.message.startswith("Kolumnerna saknas: language, grounds")


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_bytes(b"response_id\n\xff\xfe\n")
    survey = read_survey(path, VOCABULARY)
    assert survey is not None and survey.problems[0].severity.value == "fel"


def test_remembered_counts_equal_fresh_ones_and_a_changed_export_is_counted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "responses.csv"
    shutil.copy(FIXTURE, path)
    fresh = read_survey(path, VOCABULARY)
    memo = Memo(tmp_path / "memo")
    assert read_survey(path, VOCABULARY, Stage(memo, count_survey, SurveyCounts, VOCABULARY).recall) == fresh
    memo.save()

    def not_again(*_: object) -> None:
        raise AssertionError("counted again")

    stage = Stage(Memo(tmp_path / "memo"), count_survey, SurveyCounts, VOCABULARY)
    with monkeypatch.context() as patched:
        patched.setattr(stage, "stage", not_again)
        assert read_survey(path, VOCABULARY, stage.recall) == fresh
    with path.open("a", encoding="utf-8") as export:
        export.write("r99,2020-01,sv,,,,,,,,,,\n")
    changed = read_survey(path, VOCABULARY, stage.recall)
    assert changed is not None and fresh is not None and changed != fresh


def test_each_counted_response_that_placed_its_dot_knows_its_zone() -> None:
    survey = read_survey(FIXTURE, VOCABULARY)
    assert survey is not None
    # r3 placed no dot; r4, r5, r6, the second r1 and r8 are left out.
    assert survey.triad_zones == {"r1": "abc", "r2": "a"}
    triad = survey.distributions["triad"]
    assert (triad.counts["abc"], triad.counts["a"], triad.answered) == (1, 1, 2)


def test_no_export_means_no_statistics(tmp_path: Path) -> None:
    assert read_survey(tmp_path / "responses.csv", VOCABULARY) is None


@pytest.mark.parametrize(
    ("weights", "zone"),
    [
        ((1, 0, 0), "a"),
        ((0.6, 0.2, 0.2), "a"),
        ((0.1, 0.8, 0.1), "b"),
        ((0.2, 0.2, 0.6), "c"),
        ((0.5, 0.45, 0.05), "ab"),
        ((0.05, 0.5, 0.45), "bc"),
        ((0.45, 0.1, 0.45), "ac"),
        ((0.34, 0.33, 0.33), "abc"),
    ],
)
def test_triad_zones(weights: tuple[float, float, float], zone: str) -> None:
    assert triad_zone(*weights) == zone


@pytest.mark.parametrize(
    ("value", "label"), [(0, "0–9"), (9.9, "0–9"), (10, "10–19"), (90, "90–100"), (100, "90–100")]
)
def test_dyad_bins(value: float, label: str) -> None:
    assert dyad_bin(value) == label


@pytest.mark.parametrize("value", PERSONAL_VALUES)
def test_no_warning_prints_personal_data_in_any_cell(tmp_path: Path, value: str) -> None:
    # The value in every column at once: each column's check quotes what it found.
    header = ",".join(COLUMNS)
    good = "r1,2019-10,sv,kon,skola,utanforskap,ofta,ja,30-49,0.2,0.3,0.5,50"
    cell = f'"{value}"'
    rows = [good, ",".join([cell] * len(COLUMNS)), f"{cell},2019-10,sv,kon,skola,utanforskap,ofta,ja,,,,,"]
    path = tmp_path / "responses.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    survey = read_survey(path, VOCABULARY)
    assert survey is not None
    shown = [p.format() for p in survey.problems]
    assert {p.field for p in survey.problems} >= {
        "collected",
        "language",
        "grounds",
        "frequency",
        "dyad_belonging",
    }
    assert_nothing_raw("\n".join(shown))


_CELLS = st.sampled_from(
    [
        "",
        "r1",
        "r2",
        "2019-10",
        "2020-13",
        "sv",
        "xx",
        "kon",
        "kon;alder",
        "skola",
        ";;",
        "ofta",
        "ja",
        "30-49",
        "0.2",
        "0.5",
        "1",
        "-1",
        "nan",
        "inf",
        "1e309",
        "140",
        "50",
        '"',
        "a,b",
        "=1+1",
        "\x00",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=11, max_size=15), max_size=6), st.booleans())
def test_any_export_is_counted_or_reported_never_an_exception(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], with_header: bool
) -> None:
    lines = [",".join(COLUMNS)] if with_header else []
    lines += [",".join(row) for row in rows]
    path = tmp_path_factory.mktemp("export") / "responses.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    survey = read_survey(path, VOCABULARY)
    assert survey is not None
    assert 0 <= survey.responses <= len(rows)
    assert all(problem.line is not None for problem in survey.problems)
