"""Turn the survey's counts into protected tables, ready for pages, charts and CSV.

Disclosure control (disclosure.py) is applied here, before anything else sees a number:
everything downstream gets only `Count`s that may be published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator import urls
from generator.disclosure import (
    CROSS_MINIMUM,
    ONE_WAY_MINIMUM,
    Count,
    ProtectedTable,
    close_groups,
    percent,
    protect,
    show,
)
from generator.model import Term, Vocabulary
from generator.survey import SurveyCounts


@dataclass(frozen=True)
class Dimension:
    """One question of the survey as the statistics pages present it."""

    key: str
    slug: str
    title: str
    question: str
    multi: bool
    chart: str | None  # "bars", "ternary" or None


DIMENSIONS = (
    Dimension(
        "grounds",
        "grunder",
        "Diskrimineringsgrunder",
        "Vilken eller vilka diskrimineringsgrunder handlade det om?",
        True,
        "bars",
    ),
    Dimension("arenas", "arenor", "Var det hände", "Var hände det?", True, "bars"),
    Dimension(
        "experiences", "upplevelser", "Vad det var", "Hur skulle du beskriva det som hände?", True, "bars"
    ),
    Dimension("frequency", "hur-ofta", "Hur ofta det händer", "Hur ofta händer det dig?", False, "bars"),
    Dimension(
        "reported",
        "anmalan",
        "Om det anmäldes",
        "Berättade du om det för någon som kunde göra något, eller anmälde du det?",
        False,
        "bars",
    ),
    Dimension("age_group", "alder", "Åldersgrupper", "Hur gammal är du?", False, "bars"),
    Dimension(
        "triad",
        "reaktioner",
        "Hur man reagerade",
        "Hur reagerade du? (en punkt i en triangel mellan tre svar)",
        False,
        "ternary",
    ),
    Dimension(
        "dyad",
        "tillhorighet",
        "Tillhörighet",
        "Hur mycket känner du att du hör hemma här? (ett reglage från 0 till 100)",
        False,
        "bars",
    ),
    Dimension("languages", "sprak", "Språk", "På vilket språk svarade personen på enkäten?", False, None),
)
ZONE_LABELS = {
    "a": "{A} mest",
    "b": "{B} mest",
    "c": "{C} mest",
    "ab": "{A} och {b}",
    "bc": "{B} och {c}",
    "ac": "{A} och {c}",
    "abc": "Lite av alla tre",
}


@dataclass(frozen=True)
class Row:
    """One category of a protected one-way table."""

    key: str
    label: str
    count: Count
    shown: str
    share: str | None
    link: str | None


@dataclass(frozen=True)
class StatTable:
    """A protected one-way table: what a page, a chart, a CSV and a sentence may show."""

    dimension: Dimension
    rows: tuple[Row, ...]
    answered: Count
    answered_shown: str
    summary: str
    hidden: int
    minimum: int = ONE_WAY_MINIMUM


@dataclass(frozen=True)
class CrossTable:
    """The protected cross table of grounds by arenas."""

    row_labels: tuple[Term, ...]
    column_labels: tuple[Term, ...]
    table: ProtectedTable
    minimum: int = CROSS_MINIMUM

    def shown(self, count: Count) -> str:
        return show(count, self.minimum)


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics pages publish."""

    responses: Count
    responses_shown: str
    first_month: str | None
    last_month: str | None
    tables: tuple[StatTable, ...]
    cross: CrossTable

    @property
    def hidden(self) -> int:
        return sum(t.hidden for t in self.tables) + self.cross.table.hidden


def _labels(dimension: Dimension, vocabulary: Vocabulary) -> dict[str, str]:
    if dimension.key == "languages":
        return {code: language.label.capitalize() for code, language in vocabulary.languages.items()}
    if dimension.key == "triad":
        names = {key: term.label.lower() for key, term in vocabulary.triad.items()}
        names |= {key.upper(): term.label for key, term in vocabulary.triad.items()}
        return {zone: text.format(**names) for zone, text in ZONE_LABELS.items()}
    if dimension.key == "dyad":
        return {}
    kinds = {"frequency": "frequencies", "age_group": "age_groups"}
    return {
        key: term.label for key, term in vocabulary.terms(kinds.get(dimension.key, dimension.key)).items()
    }


def _summary(dimension: Dimension, rows: Sequence[Row], answered: Count) -> str:
    """One sentence from the protected numbers only."""
    visible = [row for row in rows if row.count.value]
    if not visible or answered.value is None:
        return (
            "Grupperna är för små för att visa något om den här frågan utan att riskera att någon känns igen."
        )
    top = max(visible, key=lambda row: (row.count.value or 0, -rows.index(row)))
    share = f", {top.share}" if top.share else ""
    prefix = "Vanligast var svaret" if not dimension.multi else "Flest svar gällde"
    return f"{prefix} ”{top.label}”: {top.shown} av {show(answered, ONE_WAY_MINIMUM)} svar{share}."


def one_way(dimension: Dimension, counts: dict[str, int], answered: int, vocabulary: Vocabulary) -> StatTable:
    """Protect one question's counts and describe them."""
    labels = _labels(dimension, vocabulary)
    keys = list(counts)
    table = protect(
        [[counts[k]] for k in keys], [counts[k] for k in keys], [answered], answered, ONE_WAY_MINIMUM
    )
    group = table.column_totals[0]
    rows = tuple(
        Row(
            key,
            labels.get(key, key),
            cell[0],
            show(cell[0], ONE_WAY_MINIMUM),
            percent(cell[0], group),
            urls.term_page(dimension.key, key) if dimension.key in urls.TERM_FOLDERS else None,
        )
        for key, cell in zip(keys, table.cells, strict=True)
    )
    hidden = sum(1 for row in rows if row.count.hidden) + group.hidden
    return StatTable(
        dimension, rows, group, show(group, ONE_WAY_MINIMUM), _summary(dimension, rows, group), hidden
    )


def _cross(counts: SurveyCounts, vocabulary: Vocabulary) -> CrossTable:
    cross = counts.cross
    grounds = counts.distributions["grounds"].counts
    overlapping = close_groups([grounds[key] for key in cross.rows], list(cross.row_totals))
    table = protect(
        cross.counts, cross.row_totals, cross.column_totals, cross.total, CROSS_MINIMUM, overlapping
    )
    return CrossTable(
        tuple(vocabulary.grounds[key] for key in cross.rows),
        tuple(vocabulary.arenas[key] for key in cross.columns),
        table,
    )


def build_statistics(counts: SurveyCounts, vocabulary: Vocabulary) -> Statistics:
    """Protect every table the statistics pages show."""
    tables = tuple(
        one_way(d, counts.distributions[d.key].counts, counts.distributions[d.key].answered, vocabulary)
        for d in DIMENSIONS
    )
    responses = protect(
        [[counts.responses]], [counts.responses], [counts.responses], counts.responses, ONE_WAY_MINIMUM
    ).total
    return Statistics(
        responses,
        show(responses, ONE_WAY_MINIMUM),
        counts.first_month,
        counts.last_month,
        tables,
        _cross(counts, vocabulary),
    )
