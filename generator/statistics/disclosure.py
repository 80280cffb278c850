"""Disclosure control: the one rule that decides which counts may be published.

What the method page states, and all a reader may assume:
1. A count of 1–4 is never shown (in cross tables, 1–9). Zero may be shown, except inside a
   group that is itself that small: which answers a few people did not give tells about them.
2. A group whose answers all fall in one category does not show that count.
3. A number that is not shown says "dolt", whatever the reason, and may be any number, 0 too.
4. Percentages are given only for groups of at least 30, and never as 0 % or 100 % unless
   exact.
5. Everything published about the survey, taken together, leaves every hidden number at least
   four possible values and pins no group of 1–4 (the audit, audit.py, proves it at each build).

How the numbers to hide are chosen is deliberately not stated: the old page said a lone hidden
count "takes the smallest other count with it", which bounded the hidden count (issue 15).
Here a lone hidden count in a line with a published total still takes another with it
(secondary suppression); the audit then hides more wherever a reader could narrow one down.
Every table, chart, CSV, alt text and sentence is made from the result, never from raw counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ONE_WAY_MINIMUM = 5
CROSS_MINIMUM = 10
PERCENT_MINIMUM = 30
HIDDEN = "dolt"


@dataclass(frozen=True)
class Count:
    """A count as published: the number, or None when hidden, and which rule hid it."""

    value: int | None
    reason: str | None = None  # "small" (1), "concentrated" (2), "secondary" or "withheld" (5)

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class ProtectedTable:
    """A table after disclosure control: cells by row, and the row and column totals."""

    cells: tuple[tuple[Count, ...], ...]
    row_totals: tuple[Count, ...]
    column_totals: tuple[Count, ...]
    total: Count
    minimum: int

    @property
    def hidden(self) -> int:
        """How many numbers this table keeps back, for the publishing report."""
        counts = [c for row in self.cells for c in row] + [*self.row_totals, *self.column_totals, self.total]
        return sum(1 for count in counts if count.hidden)


# A position in the table: ("cell", row, column), ("row", row, -1), ("column", -1, column), ("total", -1, -1).
Position = tuple[str, int, int]


def _lines(rows: int, columns: int) -> list[tuple[list[Position], Position]]:
    """Every additive line of the table: its members and the total it adds up to."""
    lines: list[tuple[list[Position], Position]] = []
    lines += [([("cell", r, c) for c in range(columns)], ("row", r, -1)) for r in range(rows)]
    lines += [([("cell", r, c) for r in range(rows)], ("column", -1, c)) for c in range(columns)]
    lines.append(([("row", r, -1) for r in range(rows)], ("total", -1, -1)))
    lines.append(([("column", -1, c) for c in range(columns)], ("total", -1, -1)))
    return lines


def protect(
    counts: Sequence[Sequence[int]],
    row_totals: Sequence[int],
    column_totals: Sequence[int],
    total: int,
    minimum: int,
    withheld: frozenset[Position] = frozenset(),
) -> ProtectedTable:
    """Apply the disclosure rule to a table of counts with its totals.

    Totals are passed in rather than summed because a question with several answers per
    response (grounds, arenas) has totals that are not the sum of their cells. Positions in
    `withheld` are hidden from the start: the audit asks for them (rule 5).
    """
    value: dict[Position, int] = {
        ("cell", r, c): n for r, row in enumerate(counts) for c, n in enumerate(row)
    }
    value |= {("row", r, -1): n for r, n in enumerate(row_totals)}
    value |= {("column", -1, c): n for c, n in enumerate(column_totals)}
    value[("total", -1, -1)] = total
    lines = _lines(len(counts), len(column_totals))
    small = {position for position, n in value.items() if 0 < n < minimum}
    small |= {member for members, total in lines if 0 < value[total] < minimum for member in members}
    asked = set(withheld) - small
    concentrated = _concentrated(value, lines) - small
    hidden = _secondary(value, lines, small | concentrated | asked)
    reasons = (
        {p: "secondary" for p in hidden}
        | {p: "concentrated" for p in concentrated}
        | {p: "withheld" for p in asked}
        | {p: "small" for p in small}
    )
    return _table(value, reasons, len(counts), len(column_totals), minimum)


def _concentrated(value: dict[Position, int], lines: list[tuple[list[Position], Position]]) -> set[Position]:
    """Cells that hold every answer of a group of several categories (rule 2)."""
    found = set()
    for members, total in lines:
        nonzero = [p for p in members if value[p] > 0]
        if len(members) > 1 and len(nonzero) == 1 and value[nonzero[0]] == value[total] and value[total] > 0:
            found.add(nonzero[0])
    return found


def _secondary(
    value: dict[Position, int], lines: list[tuple[list[Position], Position]], hidden: set[Position]
) -> set[Position]:
    """Hide more until no line with a published total has exactly one hidden member (rule 3)."""
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            lone = [p for p in members if p in hidden]
            if total in hidden or len(lone) != 1:
                continue
            others = sorted((value[p], p) for p in members if p not in hidden and value[p] > 0)
            hidden.add(others[0][1] if others else total)
            changed = True
    return hidden


def _table(
    value: dict[Position, int], reasons: dict[Position, str], rows: int, columns: int, minimum: int
) -> ProtectedTable:
    def count(position: Position) -> Count:
        reason = reasons.get(position)
        return Count(None if reason else value[position], reason)

    return ProtectedTable(
        cells=tuple(tuple(count(("cell", r, c)) for c in range(columns)) for r in range(rows)),
        row_totals=tuple(count(("row", r, -1)) for r in range(rows)),
        column_totals=tuple(count(("column", -1, c)) for c in range(columns)),
        total=count(("total", -1, -1)),
        minimum=minimum,
    )


def percent(count: Count, group: Count) -> str | None:
    """Return a share as Swedish text, or None when the rule does not allow one (rule 4)."""
    if count.value is None or group.value is None or group.value < PERCENT_MINIMUM:
        return None
    share = 100 * count.value / group.value
    if 0 < share < 0.5:
        return "under 1 %"
    if 99.5 <= share < 100:
        return "över 99 %"
    return f"{round(share)} %"


def show(count: Count) -> str:
    """Return a published count as text: the number, or the one word for every hidden number.

    One word whatever the reason: "färre än 5" beside "dolt" told a reader which hidden
    count was the small one (issue 15).
    """
    if count.value is not None:
        return f"{count.value:,}".replace(",", " ")
    return HIDDEN


def published_number(shown: str) -> int | None:
    """Read back a count as a page shows it: the number, or None for the hidden word."""
    return None if shown == HIDDEN else int(shown.replace(" ", ""))
