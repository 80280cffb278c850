"""Draw the statistics as SVG through Jinja templates: accessible, high-contrast, byte-stable.

Every chart has a <title> and a <desc>, writes each number as text beside its bar (meaning
never rests on colour or length alone) and uses only published counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.site.templating import environment
from generator.statistics.tables import StatTable

BAR_HEIGHT = 26
BAR_GAP = 10
LABEL_WIDTH = 330
BAR_AREA = 300
VALUE_WIDTH = 170
TOP = 10
# Corners of the triangle for the three answers, and the seven zones in barycentric corners.
TRIANGLE = {"a": (300.0, 40.0), "b": (60.0, 455.0), "c": (540.0, 455.0)}
ZONES = {
    "a": [(1, 0, 0), (0.6, 0.4, 0), (0.6, 0, 0.4)],
    "b": [(0, 1, 0), (0, 0.6, 0.4), (0.4, 0.6, 0)],
    "c": [(0, 0, 1), (0.4, 0, 0.6), (0, 0.4, 0.6)],
    "ab": [(0.6, 0.4, 0), (0.4, 0.6, 0), (0.2, 0.6, 0.2), (0.6, 0.2, 0.2)],
    "bc": [(0, 0.6, 0.4), (0, 0.4, 0.6), (0.2, 0.2, 0.6), (0.2, 0.6, 0.2)],
    "ac": [(0.6, 0, 0.4), (0.6, 0.2, 0.2), (0.2, 0.2, 0.6), (0.4, 0, 0.6)],
    "abc": [(0.6, 0.2, 0.2), (0.2, 0.6, 0.2), (0.2, 0.2, 0.6)],
}
ZONE_SHADES = {
    "a": "#dbe4f7",
    "b": "#dbe4f7",
    "c": "#dbe4f7",
    "ab": "#f2f2f2",
    "bc": "#f2f2f2",
    "ac": "#f2f2f2",
    "abc": "#ffffff",
}


@dataclass(frozen=True)
class Bar:
    """One bar: where it is drawn and what it says."""

    y: int
    width: str
    label: str
    value: str


def _fmt(number: float) -> str:
    """Coordinates with one decimal: stable text, whatever the float arithmetic did."""
    return f"{number:.1f}"


def bar_chart(table: StatTable, chart_id: str) -> str:
    """Return a horizontal bar chart of a protected one-way table."""
    largest = max((row.count.value or 0 for row in table.rows), default=0) or 1
    bars = [
        Bar(
            TOP + index * (BAR_HEIGHT + BAR_GAP),
            _fmt(BAR_AREA * (row.count.value or 0) / largest),
            row.label,
            row.shown + (f" ({row.share})" if row.share else ""),
        )
        for index, row in enumerate(table.rows)
    ]
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + BAR_GAP)
    return (
        environment()
        .get_template("bar_chart.svg.j2")
        .render(
            chart_id=chart_id,
            table=table,
            bars=bars,
            height=height,
            width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
            label_width=LABEL_WIDTH,
            bar_height=BAR_HEIGHT,
        )
    )


def _point(weights: tuple[float, float, float]) -> tuple[float, float]:
    a, b, c = weights
    return (
        a * TRIANGLE["a"][0] + b * TRIANGLE["b"][0] + c * TRIANGLE["c"][0],
        a * TRIANGLE["a"][1] + b * TRIANGLE["b"][1] + c * TRIANGLE["c"][1],
    )


def ternary_chart(table: StatTable, chart_id: str, corner_labels: dict[str, str]) -> str:
    """Return the triangle of the three reactions with the protected count of each zone."""
    rows = {row.key: row for row in table.rows}
    zones = []
    for zone, corners in ZONES.items():
        points = [_point(corner) for corner in corners]
        centre = (sum(x for x, _ in points) / len(points), sum(y for _, y in points) / len(points))
        zones.append(
            {
                "points": " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points),
                "x": _fmt(centre[0]),
                "y": _fmt(centre[1]),
                "value": rows[zone].shown,
                "shade": ZONE_SHADES[zone],
            }
        )
    return (
        environment()
        .get_template("ternary.svg.j2")
        .render(chart_id=chart_id, table=table, zones=zones, corners=TRIANGLE, corner_labels=corner_labels)
    )
