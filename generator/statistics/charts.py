"""Draw the statistics as SVG through Jinja templates: accessible, high-contrast, byte-stable.

Every chart has a <title> and a <desc>, writes each number as text beside its bar (meaning
never rests on colour or length alone) and uses only published counts.

A chart's text stays readable on a phone (issue 18: at least 12 px as rendered). The bar chart
has no viewBox, so nothing in it is scaled: its text is FONT_SIZE pixels at any width, each
label stands on its own line above its bar, wrapped to fit 288 pixels (a 320-pixel screen), and
bars are drawn in percent of the chart's width. The triangle must scale to keep its shape, so
its text is large enough in its own units to be 12 px at 288 pixels wide.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from generator.site.templating import environment
from generator.statistics.tables import StatTable

FONT_SIZE = 16
LINE_HEIGHT = 20
# Characters of a label on one line: 28 of the widest letters at 16 px fit in 288 pixels.
LABEL_CHARACTERS = 28
BAR_HEIGHT = 22
BAR_GAP = 14
# A value is written inside a bar longer than this share of the chart, in front of it otherwise,
# so that it always fits beside the bar, even on the narrowest screen.
VALUE_INSIDE_FROM = 0.5
# The triangle: its box, its text size in the box's units (600 units shown 288 pixels wide make
# 26 units 12.5 px), the corners of the three answers, and the seven zones in barycentric corners.
TERNARY_WIDTH = 600
TERNARY_HEIGHT = 480
TERNARY_FONT_SIZE = 26
TRIANGLE = {"a": (300.0, 70.0), "b": (110.0, 410.0), "c": (490.0, 410.0)}
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
    """One bar: its label's lines, where it is drawn (y in pixels, width in percent) and its value."""

    lines: tuple[str, ...]
    label_y: int
    bar_y: int
    width: str
    value: str
    value_inside: bool


def _fmt(number: float) -> str:
    """Coordinates with one decimal: stable text, whatever the float arithmetic did."""
    return f"{number:.1f}"


def label_lines(label: str) -> tuple[str, ...]:
    """A label in lines that fit a phone's width, broken between words only."""
    return tuple(textwrap.wrap(label, LABEL_CHARACTERS, break_long_words=False, break_on_hyphens=False))


def _bars(table: StatTable) -> tuple[list[Bar], int]:
    """Every bar from the top, and the height of the chart in pixels."""
    largest = max((row.count.value or 0 for row in table.rows), default=0) or 1
    bars, y = [], 0
    for row in table.rows:
        lines = label_lines(row.label)
        share = (row.count.value or 0) / largest
        bar_y = y + len(lines) * LINE_HEIGHT + 4
        bars.append(
            Bar(
                lines,
                y + FONT_SIZE,
                bar_y,
                _fmt(100 * share),
                row.shown + (f" ({row.share})" if row.share else ""),
                share > VALUE_INSIDE_FROM,
            )
        )
        y = bar_y + BAR_HEIGHT + BAR_GAP
    return bars, y


def bar_chart(table: StatTable, chart_id: str) -> str:
    """Return a horizontal bar chart of a protected one-way table."""
    bars, height = _bars(table)
    return (
        environment()
        .get_template("bar_chart.svg.j2")
        .render(
            chart_id=chart_id,
            table=table,
            bars=bars,
            height=height,
            font_size=FONT_SIZE,
            line_height=LINE_HEIGHT,
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
        .render(
            chart_id=chart_id,
            table=table,
            zones=zones,
            corners=TRIANGLE,
            corner_labels=corner_labels,
            width=TERNARY_WIDTH,
            height=TERNARY_HEIGHT,
            font_size=TERNARY_FONT_SIZE,
        )
    )
