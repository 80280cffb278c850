"""Protected tables: what the statistics pages may publish, computed from the survey's counts."""

from __future__ import annotations

from pathlib import Path

from generator.statistics import DIMENSIONS, build_statistics, one_way
from generator.survey import read_survey
from generator.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary()
SAMPLE = Path(__file__).resolve().parent.parent / "stories" / "responses.csv"
GROUNDS = DIMENSIONS[0]


def test_one_way_table_hides_small_counts_and_says_why() -> None:
    counts = {key: 40 for key in VOCABULARY.grounds} | {"annat": 2, "alder": 7}
    table = one_way(GROUNDS, counts, 300, VOCABULARY)
    by_key = {row.key: row for row in table.rows}
    assert by_key["annat"].shown == "dolt"
    assert by_key["alder"].shown == "dolt"
    assert by_key["kon"].shown == "40" and by_key["kon"].share == "13 %"
    assert by_key["kon"].link == "grunder/kon.md"
    assert table.answered_shown == "300"


def test_summary_uses_only_published_numbers() -> None:
    table = one_way(GROUNDS, {key: 3 for key in VOCABULARY.grounds}, 27, VOCABULARY)
    assert (
        table.summary
        == "Grupperna är för små för att visa något om den här frågan utan att riskera att någon känns igen."
    )


def test_sample_export_publishes_no_count_from_1_to_4() -> None:
    survey = read_survey(SAMPLE, VOCABULARY)
    assert survey is not None
    assert survey.distributions["arenas"].counts["internet"] == 3
    assert survey.distributions["grounds"].counts["konsoverskridande-identitet"] == 2
    statistics = build_statistics(survey, VOCABULARY)
    published = [row.count.value for table in statistics.tables for row in table.rows]
    published += [table.answered.value for table in statistics.tables]
    cross = statistics.cross.table
    published += [c.value for row in cross.cells for c in row] + [
        c.value for c in (*cross.row_totals, *cross.column_totals, cross.total)
    ]
    assert not [n for n in published if n is not None and 0 < n < 5]
    assert not [c.value for row in cross.cells for c in row if c.value is not None and 0 < c.value < 10]
    assert statistics.hidden > 0
