"""Turn the survey's counts into protected tables, ready for pages, charts and CSV.

Disclosure control (disclosure.py) is applied here, before anything else sees a number, and
the audit (audit.py) then reads back everything the pages would publish: where a reader could
narrow a hidden number down, more is hidden, until the audit finds nothing. Everything
downstream gets only `Count`s that may be published.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from generator import urls
from generator.model import Term, Vocabulary
from generator.statistics.audit import (
    Audit,
    Finding,
    Key,
    Publication,
    Quantity,
    Relation,
    adds_up,
    audit,
    audit_error,
    combine,
    covered_by,
)
from generator.statistics.disclosure import (
    CROSS_MINIMUM,
    ONE_WAY_MINIMUM,
    Count,
    Position,
    ProtectedTable,
    percent,
    protect,
    published_number,
    show,
)
from generator.statistics.survey import SurveyCounts


@dataclass(frozen=True)
class Dimension:
    """One question of the survey as the statistics pages present it."""

    key: str
    slug: str
    title: str
    question: str
    multi: bool
    chart: str | None  # "bars", "ternary" or None
    # The sentence the question's page opens with: what the page shows, before any number.
    shows: str


DIMENSIONS = (
    Dimension(
        "grounds",
        "grunder",
        "Diskrimineringsgrunder",
        "Vilken eller vilka diskrimineringsgrunder handlade det om?",
        True,
        "bars",
        "Här ser du hur många svar som gällde varje diskrimineringsgrund.",
    ),
    Dimension(
        "arenas",
        "arenor",
        "Var det hände",
        "Var hände det?",
        True,
        "bars",
        "Här ser du var det hände: hur många svar som gällde skolan, arbetet, bussen och andra platser.",
    ),
    Dimension(
        "experiences",
        "upplevelser",
        "Vad det var",
        "Hur skulle du beskriva det som hände?",
        True,
        "bars",
        "Här ser du hur de som svarade beskrev det som hände, till exempel som trakasserier eller utanförskap.",
    ),
    Dimension(
        "frequency",
        "hur-ofta",
        "Hur ofta det händer",
        "Hur ofta händer det dig?",
        False,
        "bars",
        "Här ser du hur ofta det händer dem som svarade.",
    ),
    Dimension(
        "reported",
        "anmalan",
        "Om det anmäldes",
        "Berättade du om det för någon som kunde göra något, eller anmälde du det?",
        False,
        "bars",
        "Här ser du om de som svarade berättade om det för någon som kunde göra något, eller anmälde det.",
    ),
    Dimension(
        "age_group",
        "alder",
        "Åldersgrupper",
        "Hur gammal är du?",
        False,
        "bars",
        "Här ser du hur gamla de som svarade var.",
    ),
    Dimension(
        "triad",
        "reaktioner",
        "Hur man reagerade",
        "Hur reagerade du? (en punkt i en triangel mellan tre svar)",
        False,
        "ternary",
        "Här ser du hur de som svarade reagerade: om de sade ifrån, teg eller gick därifrån, eller något mitt emellan.",
    ),
    Dimension(
        "dyad",
        "tillhorighet",
        "Tillhörighet",
        "Hur mycket känner du att du hör hemma här? (ett reglage från 0 till 100)",
        False,
        "bars",
        "Här ser du hur mycket de som svarade känner att de hör hemma här, på en skala från 0 till 100.",
    ),
    Dimension(
        "languages",
        "sprak",
        "Språk",
        "På vilket språk svarade personen på enkäten?",
        False,
        None,
        "Här ser du på vilket språk de som svarade fyllde i enkäten.",
    ),
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
        return show(count)


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics pages publish."""

    responses: Count
    responses_shown: str
    first_month: str | None
    last_month: str | None
    tables: tuple[StatTable, ...]
    cross: CrossTable
    audit: Audit | None = None

    @property
    def hidden(self) -> int:
        return sum(t.hidden for t in self.tables) + self.cross.table.hidden + self.responses.hidden


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
    if not visible:
        return (
            "Grupperna är för små för att visa något om den här frågan utan att riskera att någon känns igen."
        )
    top = max(visible, key=lambda row: (row.count.value or 0, -rows.index(row)))
    share = f", {top.share}" if top.share else ""
    of = f" av {show(answered)}" if answered.value is not None else ""
    prefix = "Vanligast var svaret" if not dimension.multi else "Flest svar gällde"
    return f"{prefix} ”{top.label}”: {top.shown}{of} svar{share}."


def one_way(
    dimension: Dimension,
    counts: dict[str, int],
    answered: int,
    vocabulary: Vocabulary,
    withheld: frozenset[Key] = frozenset(),
) -> StatTable:
    """Protect one question's counts and describe them; `withheld` numbers are hidden whatever they are."""
    labels = _labels(dimension, vocabulary)
    keys = list(counts)
    positions = {answered_key(dimension.key): [("column", -1, 0), ("total", -1, -1)]}
    positions |= {count_key(dimension.key, k): [("cell", i, 0)] for i, k in enumerate(keys)}
    table = protect(
        [[counts[k]] for k in keys],
        [counts[k] for k in keys],
        [answered],
        answered,
        ONE_WAY_MINIMUM,
        _withheld_positions(withheld, positions),
    )
    group = table.column_totals[0]
    rows = tuple(
        Row(
            key,
            labels.get(key, key),
            cell[0],
            show(cell[0]),
            percent(cell[0], group),
            urls.term_page(dimension.key, key) if dimension.key in urls.TERM_FOLDERS else None,
        )
        for key, cell in zip(keys, table.cells, strict=True)
    )
    hidden = sum(1 for row in rows if row.count.hidden) + group.hidden
    return StatTable(dimension, rows, group, show(group), _summary(dimension, rows, group), hidden)


def _withheld_positions(
    withheld: frozenset[Key], positions: dict[Key, list[Position]]
) -> frozenset[Position]:
    """The positions in one table of the numbers the audit asked to hide."""
    return frozenset(position for key in withheld & positions.keys() for position in positions[key])


def _cross(counts: SurveyCounts, vocabulary: Vocabulary, withheld: frozenset[Key]) -> CrossTable:
    cross = counts.cross
    positions: dict[Key, list[Position]] = {CROSS_TOTAL: [("total", -1, -1)]}
    positions |= {cross_row_key(g): [("row", r, -1)] for r, g in enumerate(cross.rows)}
    positions |= {cross_column_key(a): [("column", -1, c)] for c, a in enumerate(cross.columns)}
    positions |= {
        cross_key(g, a): [("cell", r, c)]
        for r, g in enumerate(cross.rows)
        for c, a in enumerate(cross.columns)
    }
    table = protect(
        cross.counts,
        cross.row_totals,
        cross.column_totals,
        cross.total,
        CROSS_MINIMUM,
        _withheld_positions(withheld, positions),
    )
    return CrossTable(
        tuple(vocabulary.grounds[key] for key in cross.rows),
        tuple(vocabulary.arenas[key] for key in cross.columns),
        table,
    )


def _protected(counts: SurveyCounts, vocabulary: Vocabulary, withheld: frozenset[Key]) -> Statistics:
    """Protect every table, hiding the `withheld` numbers too."""
    tables = tuple(
        one_way(
            d, counts.distributions[d.key].counts, counts.distributions[d.key].answered, vocabulary, withheld
        )
        for d in DIMENSIONS
    )
    n = counts.responses
    responses_withheld = frozenset({("total", -1, -1)}) if RESPONSES in withheld else frozenset()
    responses = protect([[n]], [n], [n], n, ONE_WAY_MINIMUM, responses_withheld).total
    return Statistics(
        responses,
        show(responses),
        counts.first_month,
        counts.last_month,
        tables,
        _cross(counts, vocabulary, withheld),
    )


def build_statistics(counts: SurveyCounts, vocabulary: Vocabulary) -> Statistics:
    """Protect every table the statistics pages show, then let the audit read it all back and
    hide more until a reader can narrow no hidden number down (issue 15).

    Each round hides at least one more published number, so the rounds end: at the latest
    when nothing is left that could pin anything.
    """
    withheld: frozenset[Key] = frozenset()
    while True:
        statistics = _protected(counts, vocabulary, withheld)
        result = audit(publication(statistics))
        if not result.findings:
            return replace(statistics, audit=result)
        more = frozenset(finding.hide for finding in result.findings if finding.hide is not None)
        if not more - withheld:
            raise audit_error(result)
        withheld |= more


RESPONSES: Key = ("responses",)
CROSS_TOTAL: Key = ("cross_total",)
CROSS_TITLE = "”Grunder och arenor”"


def answered_key(dimension: str) -> Key:
    return ("answered", dimension)


def count_key(dimension: str, answer: str) -> Key:
    return ("count", dimension, answer)


def cross_key(ground: str, arena: str) -> Key:
    return ("cross", ground, arena)


def cross_row_key(ground: str) -> Key:
    return ("cross_row", ground)


def cross_column_key(arena: str) -> Key:
    return ("cross_column", arena)


def publication(statistics: Statistics) -> Publication:
    """Everything the statistics pages publish, read back from the very texts the pages, charts,
    CSV files and sentences are made of, with how a reader knows the numbers hang together."""
    responses = Quantity(
        RESPONSES, "antal svar på statistikens startsida", published_number(statistics.responses_shown)
    )
    return combine(
        [
            Publication((responses,), (), ()),
            *(_table_publication(table) for table in statistics.tables),
            _cross_publication(statistics.cross),
        ]
    )


def _table_publication(table: StatTable) -> Publication:
    """One question: its counts add up to those who answered it (or, with several answers each,
    cover them), every count is a part of those who answered, and they a part of all responses."""
    d = table.dimension
    where = f"i tabellen ”{d.title}”"
    answered = Quantity(
        answered_key(d.key), f"”svar på frågan” {where}", published_number(table.answered_shown)
    )
    cells = [
        Quantity(count_key(d.key, row.key), f"raden ”{row.label}” {where}", published_number(row.shown))
        for row in table.rows
    ]
    members = [cell.key for cell in cells]
    relation = covered_by(answered.key, members) if d.multi else adds_up(members, answered.key)
    nested = [(answered.key, RESPONSES), *((key, answered.key) for key in members)]
    return Publication((answered, *cells), (relation,), tuple(nested), tuple(_table_problems(table, where)))


def _table_problems(table: StatTable, where: str) -> list[Finding]:
    """A share needs both its numbers published, and the sentence may use only published numbers."""
    problems = [
        Finding(f"Andelen för raden ”{row.label}” {where} visas fast ett av dess tal är dolt.", None)
        for row in table.rows
        if row.share and (row.count.value is None or table.answered.value is None)
    ]
    shown = {published_number(text) for text in (table.answered_shown, *(row.shown for row in table.rows))}
    shares = {int(n) for row in table.rows for n in re.findall(r"\d+", row.share or "")}
    said = {int(n.replace(" ", "")) for n in _NUMBER.findall(_QUOTED.sub("", table.summary))}
    if said - shown - shares:
        problems.append(
            Finding(f"Meningen om tabellen {where} nämner ett tal som inte står i tabellen.", None)
        )
    return problems


_QUOTED = re.compile(r"”[^”]*”")
_NUMBER = re.compile(r"\d+(?: \d{3})*")


def _cross_publication(cross: CrossTable) -> Publication:
    """The cross table of two questions with several answers each: a cell is a part of its row's
    and its column's total, they of the table's total and of their own one-way counts, and the
    table's total (responses that answered both) a part of those who answered either."""
    grounds = [term.key for term in cross.row_labels]
    arenas = [term.key for term in cross.column_labels]
    table = cross.table

    def quantity(key: Key, name: str, count: Count) -> Quantity:
        return Quantity(key, f"{name} i tabellen {CROSS_TITLE}", published_number(cross.shown(count)))

    quantities = [quantity(CROSS_TOTAL, "totalen", table.total)]
    quantities += [
        quantity(cross_row_key(g), f"summan för ”{term.label}”", count)
        for g, term, count in zip(grounds, cross.row_labels, table.row_totals, strict=True)
    ]
    quantities += [
        quantity(cross_column_key(a), f"summan för ”{term.label}”", count)
        for a, term, count in zip(arenas, cross.column_labels, table.column_totals, strict=True)
    ]
    quantities += [
        quantity(cross_key(g, a), f"cellen ”{ground.label} / {arena.label}”", count)
        for g, ground, row in zip(grounds, cross.row_labels, table.cells, strict=True)
        for a, arena, count in zip(arenas, cross.column_labels, row, strict=True)
    ]
    return Publication(tuple(quantities), _cross_relations(grounds, arenas), _cross_nested(grounds, arenas))


def _cross_nested(grounds: Sequence[str], arenas: Sequence[str]) -> tuple[tuple[Key, Key], ...]:
    nested = [(CROSS_TOTAL, answered_key("grounds")), (CROSS_TOTAL, answered_key("arenas"))]
    nested += [(cross_row_key(g), CROSS_TOTAL) for g in grounds]
    nested += [(cross_row_key(g), count_key("grounds", g)) for g in grounds]
    nested += [(cross_column_key(a), CROSS_TOTAL) for a in arenas]
    nested += [(cross_column_key(a), count_key("arenas", a)) for a in arenas]
    nested += [(cross_key(g, a), cross_row_key(g)) for g in grounds for a in arenas]
    nested += [(cross_key(g, a), cross_column_key(a)) for g in grounds for a in arenas]
    return tuple(nested)


def _cross_relations(grounds: Sequence[str], arenas: Sequence[str]) -> tuple[Relation, ...]:
    """Everyone counted in a total chose at least one answer; those with a ground but no arena are
    among those with grounds but no arenas (and the other way round); and those who answered
    either question are not more than all responses."""
    relations = [covered_by(cross_row_key(g), [cross_key(g, a) for a in arenas]) for g in grounds]
    relations += [covered_by(cross_column_key(a), [cross_key(g, a) for g in grounds]) for a in arenas]
    relations.append(covered_by(CROSS_TOTAL, [cross_row_key(g) for g in grounds]))
    relations.append(covered_by(CROSS_TOTAL, [cross_column_key(a) for a in arenas]))
    relations += [_outside_cross("grounds", g, cross_row_key(g)) for g in grounds]
    relations += [_outside_cross("arenas", a, cross_column_key(a)) for a in arenas]
    either = ((1, answered_key("grounds")), (1, answered_key("arenas")), (-1, CROSS_TOTAL), (-1, RESPONSES))
    relations.append(Relation(either, exact=False))
    return tuple(relations)


def _outside_cross(dimension: str, answer: str, in_cross: Key) -> Relation:
    """count − in the cross table ≤ answered − the cross table's total."""
    terms = (
        (1, count_key(dimension, answer)),
        (-1, in_cross),
        (-1, answered_key(dimension)),
        (1, CROSS_TOTAL),
    )
    return Relation(terms, exact=False)
