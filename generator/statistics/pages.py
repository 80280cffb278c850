"""Render the statistics pages, their charts and CSV downloads from protected tables only."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from generator import urls
from generator.model import Vocabulary
from generator.site.templating import render_page
from generator.statistics.charts import bar_chart, ternary_chart
from generator.statistics.disclosure import CROSS_MINIMUM, ONE_WAY_MINIMUM, PERCENT_MINIMUM
from generator.statistics.tables import DIMENSIONS, Statistics, StatTable
from generator.statistics.zones import TRIAD, Linked, zones

INDEX = "statistik/index.md"
CROSS_PAGE = "statistik/grunder-och-arenor.md"
METHOD_PAGE = "statistik/metod.md"
CODEBOOK_PAGE = "statistik/kodbok.md"
# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table_page(slug: str) -> str:
    return f"statistik/{slug}.md"


def csv_path(slug: str) -> str:
    return f"statistik/data/{slug}.csv"


def neutralise(cell: str) -> str:
    """Keep a spreadsheet from running a cell as a formula."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def csv_text(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return CSV (UTF-8, comma, a header row) with every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[neutralise(cell) for cell in row] for row in rows])
    return out.getvalue()


def table_csv(table: StatTable) -> str:
    rows = [[row.key, row.label, row.shown, row.share or ""] for row in table.rows]
    rows.append(["svarande", "Antal svar på frågan", table.answered_shown, ""])
    return csv_text(["nyckel", "kategori", "antal", "andel"], rows)


def cross_csv(statistics: Statistics) -> str:
    cross = statistics.cross
    rows = [
        [ground.key, ground.label, arena.key, arena.label, cross.shown(cell)]
        for ground, cells in zip(cross.row_labels, cross.table.cells, strict=True)
        for arena, cell in zip(cross.column_labels, cells, strict=True)
    ]
    return csv_text(["grund_nyckel", "grund", "arena_nyckel", "arena", "antal"], rows)


def _period(statistics: Statistics, vocabulary: Vocabulary) -> str:
    if not statistics.first_month or not statistics.last_month:
        return "okänd tid"
    swedish = vocabulary.translation("sv")
    return f"{swedish.month_year(statistics.first_month)} till {swedish.month_year(statistics.last_month)}"


def _chart(table: StatTable, vocabulary: Vocabulary) -> str:
    if table.dimension.chart == "ternary":
        labels = {key: term.label for key, term in vocabulary.triad.items()}
        return ternary_chart(table, f"diagram-{table.dimension.slug}", labels)
    if table.dimension.chart == "bars":
        return bar_chart(table, f"diagram-{table.dimension.slug}")
    return ""


def render_statistics(
    statistics: Statistics | None,
    vocabulary: Vocabulary,
    linked: Mapping[str, Linked],
) -> dict[str, str]:
    """Return every statistics page and CSV file by path under docs/; the reactions page links
    each zone of the triangle to the stories in `linked` (zones.stories_by_zone)."""
    common: dict[str, object] = {
        "minimum": ONE_WAY_MINIMUM,
        "cross_minimum": CROSS_MINIMUM,
        "percent_minimum": PERCENT_MINIMUM,
    }
    if statistics is None:
        return dict(
            [
                render_page(
                    "statistics_index.html.j2",
                    INDEX,
                    "Statistik",
                    "Statistik från enkäten.",
                    statistics=None,
                    **common,
                )
            ]
        )
    pages = [
        render_page(
            "statistics_index.html.j2",
            INDEX,
            "Statistik",
            "Vad enkäten om diskriminering i Helsingborg visar, i tabeller och diagram.",
            statistics=statistics,
            period=_period(statistics, vocabulary),
            tables=statistics.tables,
            table_page=table_page,
            cross_page=CROSS_PAGE,
            method_page=METHOD_PAGE,
            codebook_page=CODEBOOK_PAGE,
            csv_url=urls.file_url(INDEX, csv_path("sprak")),
            **common,
        )
    ]
    for table in statistics.tables:
        page = table_page(table.dimension.slug)
        pages.append(
            render_page(
                "statistics_table.html.j2",
                page,
                table.dimension.title,
                f"Statistik: {table.dimension.title.lower()}, i diagram och tabell.",
                table=table,
                chart=_chart(table, vocabulary),
                zones=zones(table, vocabulary, linked) if table.dimension.key == TRIAD else (),
                languages=vocabulary.languages,
                csv_url=urls.file_url(page, csv_path(table.dimension.slug)),
                method_page=METHOD_PAGE,
                **common,
            )
        )
    pages.append(
        render_page(
            "statistics_cross.html.j2",
            CROSS_PAGE,
            "Grunder och arenor",
            "Statistik: vilka diskrimineringsgrunder som gällde var.",
            cross=statistics.cross,
            csv_url=urls.file_url(CROSS_PAGE, csv_path("grunder-och-arenor")),
            method_page=METHOD_PAGE,
            **common,
        )
    )
    pages.append(
        render_page(
            "statistics_method.html.j2",
            METHOD_PAGE,
            "Så har vi räknat",
            "Hur statistiken räknas och hur små grupper skyddas.",
            **common,
        )
    )
    pages.append(
        render_page(
            "statistics_codebook.html.j2",
            CODEBOOK_PAGE,
            "Kodbok för nedladdningarna",
            "Vad varje kolumn i statistikens CSV-filer betyder.",
            dimensions=DIMENSIONS,
            csv_files=[(d.title, urls.file_url(CODEBOOK_PAGE, csv_path(d.slug))) for d in DIMENSIONS],
            cross_csv=urls.file_url(CODEBOOK_PAGE, csv_path("grunder-och-arenor")),
            **common,
        )
    )
    files = dict(pages)
    files |= {csv_path(table.dimension.slug): table_csv(table) for table in statistics.tables}
    files[csv_path("grunder-och-arenor")] = cross_csv(statistics)
    return files
