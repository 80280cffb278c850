"""The disclosure rule, cell by cell: what may be published and what must stay hidden."""

from __future__ import annotations

import pytest

from generator.statistics.disclosure import (
    CROSS_MINIMUM,
    HIDDEN,
    ONE_WAY_MINIMUM,
    Count,
    ProtectedTable,
    percent,
    protect,
    published_number,
    show,
)


def one_way(counts: list[int], total: int | None = None) -> ProtectedTable:
    """A one-way table: one column of categories whose total is the number of responses."""
    return protect(
        [[n] for n in counts],
        counts,
        [total if total is not None else sum(counts)],
        total or sum(counts),
        ONE_WAY_MINIMUM,
    )


def cells(table: ProtectedTable) -> list[list[int | None]]:
    return [[count.value for count in row] for row in table.cells]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(0, "0"), (1, "dolt"), (4, "dolt"), (5, "5"), (9, "9"), (10, "10")],
)
def test_one_way_cells_of_1_to_4_are_hidden_and_0_and_5_up_shown(value: int, shown: str) -> None:
    table = one_way([value, 40, 50, 60])
    assert show(table.cells[0][0]) == shown


@pytest.mark.parametrize(
    ("value", "hidden"), [(0, False), (1, True), (4, True), (5, True), (9, True), (10, False)]
)
def test_cross_table_cells_need_10(value: int, hidden: bool) -> None:
    table = protect([[value, 20], [30, 40]], [value + 20, 70], [value + 30, 60], value + 90, CROSS_MINIMUM)
    assert table.cells[0][0].hidden is hidden


def test_one_hidden_cell_in_a_row_takes_the_smallest_other_with_it() -> None:
    table = one_way([3, 40, 12, 60])
    assert cells(table) == [[None], [40], [None], [60]]
    assert [c.reason for row in table.cells for c in row] == ["small", None, "secondary", None]
    assert table.column_totals[0].value == 115


def test_a_hidden_cell_cannot_be_worked_out_from_any_published_total() -> None:
    table = protect([[3, 20, 30], [25, 40, 50]], [53, 115], [28, 60, 80], 168, ONE_WAY_MINIMUM)
    grid = cells(table)
    for r, row in enumerate(grid):
        if table.row_totals[r].value is not None:
            assert row.count(None) != 1
    for c in range(3):
        column = [grid[r][c] for r in range(2)]
        if table.column_totals[c].value is not None:
            assert column.count(None) != 1


def test_a_small_group_hides_its_zeros_too() -> None:
    table = one_way([3, 0, 0], total=3)
    assert cells(table) == [[None], [None], [None]]
    assert table.column_totals[0].hidden and table.total.hidden


def test_a_small_row_of_a_cross_table_does_not_say_where_its_few_answers_went() -> None:
    table = protect([[2, 0, 0], [30, 25, 40]], [2, 95], [32, 25, 40], 97, CROSS_MINIMUM)
    assert cells(table)[0] == [None, None, None]
    assert {count.reason for count in table.cells[0]} == {"small"}


def test_a_lone_hidden_cell_next_to_zeros_hides_the_total() -> None:
    table = one_way([3, 0, 0, 0], total=30)
    assert cells(table) == [[None], [0], [0], [0]]
    assert table.column_totals[0].hidden and table.total.hidden


def test_a_group_that_is_all_one_answer_is_not_shown_as_all() -> None:
    grounds_by_arena = [[12, 0, 0], [30, 25, 40]]
    table = protect(grounds_by_arena, [12, 95], [42, 25, 40], 107, ONE_WAY_MINIMUM)
    assert table.cells[0][0].hidden
    assert table.cells[0][0].reason == "concentrated"
    assert table.row_totals[0].hidden or table.cells[0][1].hidden or table.cells[0][2].hidden


def test_shares_only_for_groups_of_30_and_never_a_rounded_0_or_100() -> None:
    assert percent(Count(12), Count(12)) is None
    assert percent(Count(10), Count(29)) is None
    assert percent(Count(15), Count(30)) == "50 %"
    assert percent(Count(999), Count(1000)) == "över 99 %"
    assert percent(Count(1), Count(1000)) == "under 1 %"
    assert percent(Count(40), Count(40)) == "100 %"
    assert percent(Count(None, "small"), Count(100)) is None


def test_every_hidden_number_says_the_same_word_whatever_hid_it() -> None:
    """ "färre än 5" beside "dolt" told a reader which hidden count was the small one (issue 15)."""
    table = one_way([3, 40, 12, 60])
    assert [show(row[0]) for row in table.cells] == ["dolt", "40", "dolt", "60"]
    assert {row[0].reason for row in table.cells if row[0].hidden} == {"small", "secondary"}
    assert table.hidden == 4


def test_a_published_count_reads_back_as_its_number() -> None:
    assert published_number(show(Count(1234))) == 1234
    assert published_number(show(Count(0))) == 0
    assert published_number(HIDDEN) is None


def test_a_number_the_audit_withholds_is_hidden_and_protected_like_any_other() -> None:
    table = protect(
        [[40, 57], [30, 20]], [97, 50], [70, 77], 147, ONE_WAY_MINIMUM, withheld=frozenset({("row", 0, -1)})
    )
    assert table.row_totals[0].reason == "withheld"
    assert show(table.row_totals[0]) == "dolt"
    assert sum(1 for count in table.row_totals if count.hidden) >= 2 or table.total.hidden
