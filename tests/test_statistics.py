"""Protected tables: what the statistics pages may publish, computed from the survey's counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.intake.vocabulary import load_vocabulary
from generator.statistics.audit import FEWEST_VALUES
from generator.statistics.disclosure import published_number
from generator.statistics.survey import (
    DYAD_BINS,
    SINGLE,
    TRIAD_ZONES,
    CrossCounts,
    Distribution,
    SurveyCounts,
    read_survey,
)
from generator.statistics.tables import DIMENSIONS, build_statistics, one_way, publication
from tests.conftest import SAMPLE_ARCHIVE

VOCABULARY = load_vocabulary()
SAMPLE = SAMPLE_ARCHIVE / "responses.csv"
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


def test_the_sample_export_hides_every_total_that_differs_from_its_whole_by_a_few() -> None:
    """Issue 15: 340 responses against 339 with a ground; skola 78 against 77 in the cross table."""
    survey = read_survey(SAMPLE, VOCABULARY)
    assert survey is not None
    assert (survey.responses, survey.distributions["grounds"].answered) == (340, 339)
    assert (survey.distributions["arenas"].counts["skola"], survey.cross.column_totals[0]) == (78, 77)
    statistics = build_statistics(survey, VOCABULARY)
    grounds = statistics.tables[0]
    assert (statistics.responses_shown, grounds.answered_shown) == ("340", "dolt")
    assert grounds.summary == "Flest svar gällde ”Etnisk tillhörighet”: 142 svar."
    assert statistics.cross.shown(statistics.cross.table.column_totals[0]) == "dolt"
    assert statistics.audit is not None and statistics.audit.findings == ()
    assert statistics.audit.narrowest is not None and statistics.audit.narrowest >= FEWEST_VALUES


def test_the_single_choice_attack_of_the_issue_publishes_one_word_and_leaves_room() -> None:
    """1, 5, 10, 20 of 36 answers: once published as `färre än 5, dolt, 10, 20`."""
    table = one_way(DIMENSIONS[3], dict(zip(FREQUENCIES, [1, 5, 10, 20], strict=True)), 36, VOCABULARY)
    assert [row.shown for row in table.rows] == ["dolt", "dolt", "10", "20"]


# Random survey exports: a few answers of each question, so that small counts are common.
def _answers(keys: list[str], multi: bool) -> st.SearchStrategy[tuple[str, ...]]:
    if multi:
        return st.lists(st.sampled_from(keys[:4]), max_size=3, unique=True).map(tuple)
    return st.sampled_from([(), *((key,) for key in keys[:4])])


KEYS = {
    "languages": list(VOCABULARY.languages),
    "triad": list(TRIAD_ZONES),
    "dyad": [f"{low}–{high}" for low, high in DYAD_BINS],
    **{d.key: list(VOCABULARY.terms(d.key)) for d in DIMENSIONS[:3]},
    **{key: list(VOCABULARY.terms(kind)) for key, kind in SINGLE.items()},
}
FREQUENCIES = KEYS["frequency"]
RESPONSE = st.fixed_dictionaries({d.key: _answers(KEYS[d.key], d.multi) for d in DIMENSIONS})
EXPORT = st.lists(RESPONSE, max_size=30)


def count_export(responses: list[dict[str, tuple[str, ...]]]) -> SurveyCounts:
    """Count random responses as survey.py would, without pandas."""
    distributions = {
        d.key: Distribution(
            {key: sum(key in r[d.key] for r in responses) for key in KEYS[d.key]},
            sum(bool(r[d.key]) for r in responses),
        )
        for d in DIMENSIONS
    }
    grounds, arenas = tuple(VOCABULARY.grounds), tuple(VOCABULARY.arenas)
    both = [r for r in responses if r["grounds"] and r["arenas"]]
    cross = CrossCounts(
        grounds,
        arenas,
        tuple(
            tuple(sum(g in r["grounds"] and a in r["arenas"] for r in both) for a in arenas) for g in grounds
        ),
        tuple(sum(g in r["grounds"] for r in both) for g in grounds),
        tuple(sum(a in r["arenas"] for r in both) for a in arenas),
        len(both),
    )
    return SurveyCounts(len(responses), None, None, distributions, cross)


def possible_values(shown: list[int | None], answered: int | None, responses: int | None) -> list[set[int]]:
    """Every value each hidden count of a single-choice question can have, given its published
    counts, the number who answered it and the number of responses.

    The hidden counts share what the published numbers leave over, and any one of them can take
    all of it or none while the others take the rest. Only when the number who answered is
    published is the sum fixed: a single hidden count is then exactly what is left over. (Checked
    against a brute-force search of every combination, which took nearly all of this test's time.)
    """
    limit = responses if responses is not None else 60
    known = sum(n for n in shown if n is not None)
    if answered is None:
        values = set(range(limit - known + 1))
    elif not known <= answered <= limit:
        values = set()
    elif shown.count(None) == 1:
        values = {answered - known}
    else:
        values = set(range(answered - known + 1))
    return [values if n is None else set() for n in shown]


@settings(max_examples=20, deadline=None)
@given(EXPORT)
def test_a_random_export_publishes_no_count_of_1_to_4_and_leaves_every_hidden_count_open(
    responses: list[dict[str, tuple[str, ...]]],
) -> None:
    statistics = build_statistics(count_export(responses), VOCABULARY)
    published = publication(statistics)
    assert not [q.name for q in published.quantities if q.value is not None and 0 < q.value < 5]
    cross = statistics.cross.table
    assert not [c.value for row in cross.cells for c in row if c.value is not None and 0 < c.value < 10]
    assert statistics.audit is not None and statistics.audit.findings == ()
    frequency = statistics.tables[3]
    shown = [published_number(row.shown) for row in frequency.rows]
    answered = published_number(frequency.answered_shown)
    found = possible_values(shown, answered, published_number(statistics.responses_shown))
    assert all(len(values) >= FEWEST_VALUES for values, n in zip(found, shown, strict=True) if n is None)
