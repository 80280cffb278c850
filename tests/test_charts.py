"""The SVG charts: accessible names, numbers as text, stable bytes, only protected counts."""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from generator.intake.vocabulary import load_vocabulary
from generator.statistics.charts import bar_chart, label_lines, ternary_chart
from generator.statistics.tables import DIMENSIONS, one_way

VOCABULARY = load_vocabulary()
SVG = "{http://www.w3.org/2000/svg}"


def grounds_table() -> object:
    counts = {key: 40 for key in VOCABULARY.grounds} | {"annat": 2, "alder": 7, "kon": 120}
    return one_way(DIMENSIONS[0], counts, 300, VOCABULARY)


def test_bar_chart_is_valid_svg_with_title_desc_and_every_value_as_text() -> None:
    table = grounds_table()
    svg = bar_chart(table, "diagram-grunder")  # type: ignore[arg-type]
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "diagram-grunder-titel diagram-grunder-beskrivning"
    assert root.findtext(f"{SVG}title") == "Diskrimineringsgrunder: antal svar"
    assert "Flest svar gällde ”Kön”: 120 av 300 svar, 40 %." in (root.findtext(f"{SVG}desc") or "")
    values = [t.text for t in root.iter(f"{SVG}text") if "hbg-chart__value" in (t.get("class") or "").split()]
    assert "120 (40 %)" in values and values.count("dolt") == 2
    assert not [v for v in values if v and re.fullmatch(r"[1-4]( \(.*\))?", v)]


def test_a_hidden_count_has_no_bar_length() -> None:
    svg = bar_chart(grounds_table(), "x")  # type: ignore[arg-type]
    bars = re.findall(r'<rect class="hbg-chart__bar" [^>]*width="([0-9.]+)%"', svg)
    assert len(bars) == len(VOCABULARY.grounds)
    assert bars.count("0.0") == 2


def test_charts_are_byte_stable() -> None:
    assert bar_chart(grounds_table(), "x") == bar_chart(grounds_table(), "x")  # type: ignore[arg-type]


def test_ternary_chart_has_seven_zones_with_their_counts() -> None:
    table = one_way(
        DIMENSIONS[6], {"a": 50, "b": 40, "c": 3, "ab": 30, "bc": 20, "ac": 10, "abc": 60}, 213, VOCABULARY
    )
    labels = {key: term.label for key, term in VOCABULARY.triad.items()}
    root = ET.fromstring(ternary_chart(table, "diagram-reaktioner", labels))
    assert len(list(root.iter(f"{SVG}polygon"))) == 7
    values = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "hbg-chart__value"]
    assert values == ["50", "40", "dolt", "30", "20", "dolt", "60"]
    assert "Sade ifrån" in (root.findtext(f"{SVG}desc") or "")


def test_the_bar_chart_is_never_scaled_so_its_text_keeps_its_size_on_a_phone() -> None:
    root = ET.fromstring(bar_chart(grounds_table(), "x"))  # type: ignore[arg-type]
    assert root.get("viewBox") is None
    assert root.get("width") == "100%" and root.get("font-size") == "16"


def test_a_long_label_wraps_between_words_onto_lines_of_its_own() -> None:
    assert label_lines("Könsöverskridande identitet eller uttryck") == (
        "Könsöverskridande identitet",
        "eller uttryck",
    )
    assert label_lines("Funktionsnedsättningsersättningsutredning") == (
        "Funktionsnedsättningsersättningsutredning",
    )
    root = ET.fromstring(bar_chart(grounds_table(), "x"))  # type: ignore[arg-type]
    labels = [
        [span.text for span in text.iter(f"{SVG}tspan")]
        for text in root.iter(f"{SVG}text")
        if text.get("class") == "hbg-chart__label"
    ]
    assert labels[1] == ["Könsöverskridande identitet", "eller uttryck"]


def test_a_value_stands_inside_a_bar_longer_than_half_the_chart_and_after_a_shorter_one() -> None:
    root = ET.fromstring(bar_chart(grounds_table(), "x"))  # type: ignore[arg-type]
    placed = {
        text.text: (text.get("class"), text.get("x"), text.get("text-anchor"))
        for text in root.iter(f"{SVG}text")
        if "hbg-chart__value" in (text.get("class") or "").split()
    }
    assert placed["120 (40 %)"] == ("hbg-chart__value hbg-chart__value--inside", "100.0%", "end")
    assert placed["40 (13 %)"] == ("hbg-chart__value", "33.3%", None)
