"""Read the survey export with pandas and count it: the only module that imports pandas, and only
when an export is counted (the pipeline remembers the counts of an export it has seen).

Counts are of responses (stories), never of persons: one person could tell several stories.
Rows that break the contract are reported with their line and response id and left out; the
rest of the file is still counted. Nothing here is published: disclosure.py decides that.
"""

from __future__ import annotations

import functools
import io
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from generator.model import RESPONSE_COLUMNS, Problem, Severity, Vocabulary
from generator.privacy.quoting import display_path, inline, shown

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = (
    *RESPONSE_COLUMNS,
    "frequency",
    "reported",
    "age_group",
    "triad_reaction_a",
    "triad_reaction_b",
    "triad_reaction_c",
    "dyad_belonging",
)
MULTI = {"grounds": "grounds", "arenas": "arenas", "experiences": "experiences"}
SINGLE = {"frequency": "frequencies", "reported": "reported", "age_group": "age_groups"}
TRIAD = ("triad_reaction_a", "triad_reaction_b", "triad_reaction_c")
TRIAD_TOLERANCE = 0.01
# The seven zones of the triangle: near a corner (one answer at least 0.6), along an edge
# (one answer under 0.2, the other two shared), or in the middle (all three at least 0.2).
TRIAD_STRONG = 0.6
TRIAD_WEAK = 0.2
TRIAD_ZONES = ("a", "b", "c", "ab", "bc", "ac", "abc")
DYAD_BINS = tuple((low, low + 9 if low < 90 else 100) for low in range(0, 100, 10))
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Distribution:
    """Counts of one question's answers, and how many responses answered it."""

    counts: dict[str, int]
    answered: int


@dataclass(frozen=True)
class CrossCounts:
    """Responses by two questions at once, with the totals of each row and column."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    row_totals: tuple[int, ...]
    column_totals: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class SurveyCounts:
    """Everything the statistics pages need, as plain numbers (still unprotected)."""

    responses: int
    first_month: str | None
    last_month: str | None
    distributions: dict[str, Distribution]
    cross: CrossCounts
    problems: tuple[Problem, ...] = field(default=())
    # The triangle's zone of each response that placed its dot, by response id: what links a
    # published story to its zone (statistics/zones.py), never published as such.
    triad_zones: dict[str, str] = field(default_factory=dict)


def _split(cell: str) -> list[str]:
    """The keys of a multiple-choice cell, each once: `kon;kon` is one response about kön, and
    counting it twice would break what the disclosure audit knows (a count ≤ those who answered)."""
    return list(dict.fromkeys(part.strip() for part in cell.split(";") if part.strip()))


def _row_problems(row: Mapping[str, str], line: int, path: str, vocabulary: Vocabulary) -> list[Problem]:
    """Check one row against the contract; each problem names the line and the response id."""
    rid = inline(row["response_id"]) if row["response_id"] else "(utan id)"
    found: list[tuple[str, str]] = []
    if row["collected"] and not _MONTH.match(row["collected"]):
        found.append(("collected", f"väntade år och månad som 2019-10, men fick {shown(row['collected'])}"))
    if row["language"] and row["language"].split("-")[0] not in vocabulary.languages:
        found.append(("language", f"okänt språk {shown(row['language'])}"))
    for column, kind in MULTI.items():
        unknown = [key for key in _split(row[column]) if key not in vocabulary.terms(kind)]
        found += [(column, f"okänd nyckel {shown(key)}") for key in unknown]
    for column, kind in SINGLE.items():
        if row[column] and row[column] not in vocabulary.terms(kind):
            found.append((column, f"okänd nyckel {shown(row[column])}"))
    found += _triad_problems(row)
    found += _dyad_problems(row)
    return [
        Problem(path, line, column, f"Svar {rid}: {message}. Raden räknas inte med.", Severity.WARNING)
        for column, message in found
    ]


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _triad_problems(row: Mapping[str, str]) -> list[tuple[str, str]]:
    cells = [row[column] for column in TRIAD]
    if not any(cells):
        return []
    weights = [_number(cell) for cell in cells]
    if any(w is None or not 0 <= w <= 1 for w in weights):
        return [("triad_reaction_a", "väntade tre tal mellan 0 och 1")]
    total = sum(w for w in weights if w is not None)
    if abs(total - 1) > TRIAD_TOLERANCE:
        return [("triad_reaction_a", f"väntade att de tre talen blir 1 tillsammans, men de blir {total:.2f}")]
    return []


def _dyad_problems(row: Mapping[str, str]) -> list[tuple[str, str]]:
    value = row["dyad_belonging"]
    number = _number(value) if value else 0.0
    if number is None or not 0 <= number <= 100:
        return [("dyad_belonging", f"väntade ett tal från 0 till 100, men fick {shown(value)}")]
    return []


def triad_zone(a: float, b: float, c: float) -> str:
    """Return which of the seven zones of the triangle a response falls in."""
    weights = {"a": a, "b": b, "c": c}
    strong = [key for key, w in weights.items() if w >= TRIAD_STRONG]
    if strong:
        return strong[0]
    weak = [key for key, w in weights.items() if w < TRIAD_WEAK]
    if weak:
        return "".join(key for key in "abc" if key != weak[0])
    return "abc"


def dyad_bin(value: float) -> str:
    """Return the histogram bin of a belonging value: '0–9', …, '90–100'."""
    low, high = DYAD_BINS[min(int(value // 10), len(DYAD_BINS) - 1)]
    return f"{low}–{high}"


def _distribution(series: pd.Series, keys: Sequence[str], multi: bool) -> Distribution:
    answers = series.map(_split) if multi else series.map(lambda cell: [cell] if cell else [])
    exploded = answers.explode().dropna()
    counted = exploded.value_counts()
    return Distribution({key: int(counted.get(key, 0)) for key in keys}, int((answers.map(len) > 0).sum()))


def _cross(frame: pd.DataFrame, vocabulary: Vocabulary) -> CrossCounts:
    import pandas as pd

    rows, columns = tuple(vocabulary.grounds), tuple(vocabulary.arenas)
    pairs = frame.assign(g=frame["grounds"].map(_split), a=frame["arenas"].map(_split))
    both = pairs[(pairs["g"].map(len) > 0) & (pairs["a"].map(len) > 0)]
    exploded = both.explode("g").explode("a")
    table = pd.crosstab(exploded["g"], exploded["a"]).reindex(
        index=list(rows), columns=list(columns), fill_value=0
    )
    # Counted in Python: on an export whose every row was left out, pandas' sum of nothing is ''.
    row_totals = tuple(sum(key in keys for keys in both["g"]) for key in rows)
    column_totals = tuple(sum(key in keys for keys in both["a"]) for key in columns)
    counts = tuple(tuple(int(n) for n in row) for row in table.to_numpy().tolist())
    return CrossCounts(rows, columns, counts, row_totals, column_totals, len(both))


def _triad_zones(frame: pd.DataFrame) -> dict[str, str]:
    """The zone of each response that placed its dot, by response id (unique among good rows)."""
    answered = frame[(frame[list(TRIAD)] != "").all(axis=1)]
    columns = [answered[column].astype(float) for column in TRIAD]
    return {
        response: triad_zone(*weights)
        for response, *weights in zip(answered["response_id"], *columns, strict=True)
    }


def _triad(zones: dict[str, str]) -> Distribution:
    counted = Counter(zones.values())
    return Distribution({zone: int(counted.get(zone, 0)) for zone in TRIAD_ZONES}, len(zones))


def _dyad(frame: pd.DataFrame) -> Distribution:
    values = frame.loc[frame["dyad_belonging"] != "", "dyad_belonging"].astype(float)
    counted = values.map(dyad_bin).value_counts()
    labels = [f"{low}–{high}" for low, high in DYAD_BINS]
    return Distribution({label: int(counted.get(label, 0)) for label in labels}, len(values))


# Counts an export with the vocabulary: (its path as messages name it, its bytes) -> counts.
Count = Callable[[str, bytes], SurveyCounts]


def read_survey(path: Path, vocabulary: Vocabulary, count: Count | None = None) -> SurveyCounts | None:
    """Read and count the export; None when there is none. Bad rows are reported, not counted.

    `count` is count_survey with this vocabulary, or the pipeline's own that recalls the counts
    of an export it has seen (then pandas is not even imported).
    """
    if not path.is_file():
        return None
    counted = count or functools.partial(count_survey, vocabulary=vocabulary)
    return counted(display_path(path), path.read_bytes())


def count_survey(source: str, data: bytes, vocabulary: Vocabulary) -> SurveyCounts:
    """Count an export's bytes; `source` is the file as messages name it."""
    import pandas as pd

    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return _unusable(source, f"Filen går inte att läsa som CSV i UTF-8 ({type(error).__name__}).")
    missing = [column for column in COLUMNS if column not in frame.columns]
    if missing:
        return _unusable(source, f"Kolumnerna saknas: {', '.join(missing)}. Väntade {', '.join(COLUMNS)}.")
    frame = frame[list(COLUMNS)].map(str.strip)
    problems = _duplicate_ids(frame, source)
    rows = cast(list[dict[str, str]], frame.to_dict("records"))  # every cell was read as text
    for position, row in enumerate(rows):
        problems += _row_problems(row, position + 2, source, vocabulary)
    problems.sort(key=lambda p: (p.line or 0, COLUMNS.index(p.field) if p.field in COLUMNS else 0))
    bad_lines = {p.line for p in problems}
    # .loc: with no rows, frame[[]] would pick no columns instead.
    good = frame.loc[[index + 2 not in bad_lines for index in range(len(frame))]]
    months = sorted(m for m in good["collected"] if m)
    zones = _triad_zones(good)
    distributions = {
        "languages": _distribution(
            good["language"].map(lambda v: v.split("-")[0]), list(vocabulary.languages), False
        ),
        **{
            column: _distribution(good[column], list(vocabulary.terms(kind)), True)
            for column, kind in MULTI.items()
        },
        **{
            column: _distribution(good[column], list(vocabulary.terms(kind)), False)
            for column, kind in SINGLE.items()
        },
        "triad": _triad(zones),
        "dyad": _dyad(good),
    }
    return SurveyCounts(
        len(good),
        months[0] if months else None,
        months[-1] if months else None,
        distributions,
        _cross(good, vocabulary),
        tuple(problems),
        zones,
    )


def _duplicate_ids(frame: pd.DataFrame, path: str) -> list[Problem]:
    duplicated = frame["response_id"].duplicated(keep="first") | (frame["response_id"] == "")
    return [
        Problem(
            path,
            index + 2,
            "response_id",
            f"Svar {inline(frame['response_id'].iloc[index]) or '(utan id)'}: id:t saknas eller finns redan. Raden räknas inte med.",
            Severity.WARNING,
        )
        for index in range(len(frame))
        if duplicated.iloc[index]
    ]


def _unusable(path: str, message: str) -> SurveyCounts:
    empty = CrossCounts((), (), (), (), (), 0)
    return SurveyCounts(0, None, None, {}, empty, (Problem(path, 1, None, message, Severity.ERROR),))
