"""`import`: the raw survey export (private, with the tellers' own words) becomes draft stories.

Each row with a story becomes `stories/<id>.md` with `status: draft`, checked against the
contract exactly as an editor's file would be. Nothing is ever overwritten: a row already
imported (same response_id) is skipped, and a new file is created only under a free name.
Every row that becomes no draft is reported, with its line and why: a row without a story, one
already imported, one with more or fewer cells than the header, one that breaks the contract.
The text is never printed; what the screen finds in a draft is counted, and `check` shows it
masked.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import UserError
from generator.intake.frontmatter import split_story_file
from generator.intake.load import TEXT_MAX, load_archive
from generator.intake.screening import is_flag
from generator.intake.validate import TITLE_MAX, validate_story
from generator.model import RESPONSE_COLUMNS, RawStory, Severity, Vocabulary
from generator.privacy.quoting import inline, thousands
from generator.text import clean_text
from generator.write import create_new

REQUIRED_COLUMNS = (*RESPONSE_COLUMNS, "title", "story")
ID_PREFIX = "hbg-"
_NUMBERED_ID = re.compile(rf"^{ID_PREFIX}(\d+)$")
UNTITLED = "Berättelse utan rubrik"


@dataclass
class ImportResult:
    """What import did, row by row, in words an editor can act on (never the story's text)."""

    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    flags: int = 0
    rows_skipped: int = 0


@dataclass(frozen=True)
class ExportRow:
    """One row of the export: the line it starts on, its cells by column, and how many cells it had."""

    line: int
    values: dict[str, str]
    cells: int


def _read_text(export: Path) -> str:
    """The export's text, or a user error saying why it cannot be read."""
    try:
        return export.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"Hittar ingen export: {export}.") from None
    except OSError as error:
        raise UserError(f"{export}: filen går inte att läsa ({error.strerror or 'okänt fel'}).") from None
    except UnicodeDecodeError:
        raise UserError(
            f"{export}: väntade text i UTF-8, men fick ogiltiga byte. Spara filen som UTF-8."
        ) from None


def _rows(export: Path) -> tuple[int, list[ExportRow]]:
    """Read the export; return how many columns its header names, and each row (blank lines are none)."""
    reader = csv.reader(io.StringIO(_read_text(export), newline=""))
    start = 1
    rows = []
    try:
        columns = next(reader, [])
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if missing:
            raise UserError(
                f"{export}: kolumner saknas: {', '.join(missing)}. Väntade minst: {', '.join(REQUIRED_COLUMNS)}."
            )
        start = reader.line_num + 1
        for cells in reader:
            if cells:
                values = {column: cells[i] if i < len(cells) else "" for i, column in enumerate(columns)}
                rows.append(ExportRow(start, values, len(cells)))
            start = reader.line_num + 1
    except csv.Error:  # a field over the csv module's limit (131,072 characters), a stray NUL
        raise UserError(
            f"{export}:{start}: raden går inte att läsa som CSV. Kontrollera citattecknen, eller dela "
            f"en berättelse som är längre än {thousands(TEXT_MAX)} tecken."
        ) from None
    return len(columns), rows


def _title(given: str) -> str:
    """The teller's title, made fit for the contract: one line of at most 120 characters."""
    title = " ".join(clean_text(given).text.split())
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return title or UNTITLED


def _keys(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def draft_text(story_id: str, row: dict[str, str]) -> str:
    """Return a draft story file for one row of the export."""
    front_matter = {
        "id": story_id,
        "title": _title(row["title"]),
        "status": "draft",
        "language": row["language"].strip(),
        "collected": row["collected"].strip(),
        "grounds": _keys(row["grounds"]),
        "arenas": _keys(row["arenas"]),
        "experiences": _keys(row["experiences"]),
        "measures": [],
        "content_warnings": [],
        "response_id": row["response_id"].strip(),
    }
    header = yaml.safe_dump(
        front_matter, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1000
    )
    body = clean_text(row["story"]).text.strip("\n")
    return f"---\n{header}---\n{body}\n"


def _next_number(existing: set[str]) -> int:
    numbers = [int(match[1]) for name in existing if (match := _NUMBERED_ID.match(name))]
    return max(numbers, default=0) + 1


def import_export(export: Path, stories_dir: Path, vocabulary: Vocabulary) -> ImportResult:
    """Create a draft for every new row with a story; report every row that could not be used."""
    columns, rows = _rows(export)
    stories_dir.mkdir(parents=True, exist_ok=True)
    raws, _ = load_archive(stories_dir)
    imported = {
        str(raw.front_matter["response_id"]): raw.path.stem
        for raw in raws
        if raw.front_matter.get("response_id")
    }
    taken = {path.stem for path in stories_dir.glob("*.md")}
    result = ImportResult()
    without_story = []
    number = _next_number(taken)
    for row in rows:
        response_id = row.values["response_id"].strip()
        where = f"{export.name}:{row.line} (svar {inline(response_id) if response_id else 'utan id'})"
        if row.cells != columns:
            result.problems.append(f"{where}: {_cell_count_problem(row.cells, columns)} Inte importerad.")
            continue
        if not row.values["story"].strip():
            without_story.append(row.line)
            continue
        if response_id in imported:
            result.skipped.append(f"{where}: finns redan som {imported[response_id]}.")
            result.rows_skipped += 1
            continue
        while f"{ID_PREFIX}{number:04d}" in taken:
            number += 1
        story_id = f"{ID_PREFIX}{number:04d}"
        text = draft_text(story_id, row.values)
        problems, flags = _contract_problems(stories_dir / f"{story_id}.md", text, vocabulary)
        if problems:
            result.problems += [f"{where}: {problem} Inte importerad." for problem in problems]
            continue
        if not create_new(stories_dir / f"{story_id}.md", text.encode("utf-8")):
            taken.add(story_id)
            result.problems.append(f"{where}: {story_id}.md fanns redan. Kör import igen.")
            continue
        taken.add(story_id)
        imported[response_id] = story_id
        result.created.append(f"{story_id} ← {where}")
        result.flags += flags
    if without_story:
        result.skipped.append(_without_story(export.name, without_story))
        result.rows_skipped += len(without_story)
    return result


def _cell_count_problem(cells: int, columns: int) -> str:
    """Why a row with more or fewer cells than the header is not used: its cells may be shifted, so
    a story cut at a comma would become a draft that says less than the teller wrote."""
    return (
        f"Raden har {cells} celler, men rubrikraden har {columns}. Oftast saknas citattecken runt en "
        "text med kommatecken eller radbrytningar: rätta raden eller exportera filen igen."
    )


def _without_story(export_name: str, lines: list[int]) -> str:
    """One line for every row without a story, by line: a survey has many, and each is as it should be."""
    become = "raden blir inget utkast" if len(lines) == 1 else "raderna blir inga utkast"
    return (
        f"{export_name} rad {_spans(lines)}: story: tom, så {become}. Det är som det ska för svar "
        "utan berättelse: de hör bara till statistiken (responses.csv)."
    )


def _spans(numbers: list[int]) -> str:
    """Numbers in ascending order written as spans: [3, 4, 5, 7, 9, 10] is '3–5, 7 och 9–10'."""
    spans: list[list[int]] = []
    for number in numbers:
        if spans and number == spans[-1][-1] + 1:
            spans[-1].append(number)
        else:
            spans.append([number])
    written = [f"{span[0]}–{span[-1]}" if len(span) > 1 else str(span[0]) for span in spans]
    return written[0] if len(written) == 1 else f"{', '.join(written[:-1])} och {written[-1]}"


def _contract_problems(path: Path, text: str, vocabulary: Vocabulary) -> tuple[list[str], int]:
    """Check a draft as `check` would: the contract's errors, and how many flags the screen raised."""
    parts = split_story_file(text)
    raw = RawStory(path, parts.values, parts.key_lines, parts.body, parts.body_line)
    _, problems = validate_story(raw, vocabulary)
    errors = [
        f"{p.field}: {p.message}" if p.field else p.message for p in problems if p.severity is Severity.ERROR
    ]
    return errors, sum(1 for p in problems if is_flag(p))
