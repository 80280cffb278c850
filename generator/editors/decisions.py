"""The editors' commands on one story file: approve, withdraw, clear a personal-data flag.

Each reads the file, decides, changes only its own fields (edit.set_fields keeps the rest as
written) and writes atomically. A refusal changes nothing and says what to do instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.editors.edit import EditError, set_fields
from generator.editors.importer import UNTITLED
from generator.errors import UserError
from generator.intake.approval import content_hash
from generator.intake.frontmatter import FrontMatterError
from generator.intake.load import read_story_bytes, read_story_file
from generator.intake.screening import flag_message, is_flag, unresolved_flags
from generator.intake.validate import APPROVER_PATTERN, ID_PATTERN, validate_story
from generator.intake.vocabulary import load_vocabulary
from generator.model import Problem, Severity, Status, Story
from generator.privacy.quoting import display_path, file_path, inline, shown
from generator.text import clean_text
from generator.write import atomic_write


@dataclass(frozen=True)
class StoryFile:
    """A story file as an editor's command sees it: where it is and its validated content."""

    path: Path
    text: str
    story: Story
    body: str


def story_path(stories_dir: Path, story_id: str) -> Path:
    """Return the file of a story, or say plainly that there is none."""
    if not ID_PATTERN.match(story_id):
        raise UserError(f"{shown(story_id)} är inte ett id. Ett id ser ut som hbg-0042.")
    path = stories_dir / f"{story_id}.md"
    if path.is_symlink():
        raise UserError(
            f"{_where(path)} är en symbolisk länk. Berättelser läses bara från vanliga filer: "
            "lägg själva filen i mappen i stället för länken."
        )
    if not path.is_file():
        wanted = inline(story_id)
        raise UserError(
            f"Hittar ingen berättelse {wanted} i {stories_dir}/ (väntade filen {stories_dir / wanted}.md)."
        )
    return path


def _where(path: Path) -> str:
    """The file as a message names it: its name is input too, and shown masked like any problem's."""
    return file_path(display_path(path))


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or a user error saying why they cannot be read."""
    data = read_story_bytes(path)
    if isinstance(data, Problem):
        raise UserError(data.format())
    return data


def _read(stories_dir: Path, story_id: str, ignore_fields: frozenset[str] = frozenset()) -> StoryFile:
    """Read and validate a story; refuse when it has errors other than those in `ignore_fields`."""
    path = story_path(stories_dir, story_id)
    data = _read_bytes(path)
    raw, problems = read_story_file(path, data)
    story = None
    if raw is not None:
        story, found = validate_story(raw, load_vocabulary())
        problems += found
    # Personal-data flags are each command's to weigh; any other error stops it.
    errors = [
        p
        for p in problems
        if p.severity is Severity.ERROR and not is_flag(p) and p.field not in ignore_fields
    ]
    if story is None or raw is None or errors:
        raise UserError(
            f"{_where(path)} har fel som måste rättas först.", [p.format() for p in errors or problems]
        )
    return StoryFile(path, data.decode("utf-8"), story, clean_text(raw.body).text)


def _write(path: Path, text: str, updates: dict[str, object]) -> None:
    try:
        edited = set_fields(text, updates)
    except FrontMatterError as error:
        raise UserError(f"{_where(path)} gick inte att läsa: {error.message}") from None
    except EditError as error:
        raise UserError(f"{_where(path)}: {error}") from None
    atomic_write(path, edited.encode("utf-8"))


def approve(stories_dir: Path, story_id: str, by: str, on: dt.date) -> Story:
    """Approve a story as it reads now; refuse while it has the import's placeholder title, or
    personal data is flagged and not cleared."""
    if not APPROVER_PATTERN.match(by):
        raise UserError(
            f"Väntade ett namn eller användarnamn efter --by (bokstäver, siffror, . @ -), men fick {shown(by)}."
        )
    current = _read(stories_dir, story_id, ignore_fields=frozenset({"approved_hash"}))
    story = current.story
    if " ".join(story.title.split()) == UNTITLED:
        raise UserError(
            f"{story_id} godkändes inte: rubriken är fortfarande importens platshållare "
            f'"{UNTITLED}". Ge berättelsen en egen rubrik i fältet title först.'
        )
    flags = unresolved_flags(story.id, story.primary_language, story.title, current.body, story.cleared_flags)
    if flags:
        raise UserError(
            f"{story_id} godkändes inte: {len(flags)} möjliga personuppgifter är inte lösta.",
            [f"{where}: {flag_message(flag, story.id, approved=False)}" for where, flag in flags],
        )
    _write(
        current.path,
        current.text,
        {
            "status": Status.APPROVED.value,
            "approved_by": by,
            "approved_on": on,
            "approved_hash": content_hash(story.title, story.language, story.paragraphs),
        },
    )
    return story


def withdraw(stories_dir: Path, story_id: str, on: dt.date, reason: str | None) -> None:
    """Withdraw a story, whatever else is wrong with the file: taking it down must always work."""
    path = story_path(stories_dir, story_id)
    try:
        text = _read_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{_where(path)}: väntade text i UTF-8. Spara filen som UTF-8.") from None
    updates: dict[str, object] = {"status": Status.WITHDRAWN.value, "withdrawn_on": on}
    if reason:
        updates["withdrawn_reason"] = " ".join(reason.split())
    _write(path, text, updates)


def clear(stories_dir: Path, story_id: str, code: str) -> int:
    """Record that one flag of a story is not personal data; return how many flags remain."""
    current = _read(stories_dir, story_id, ignore_fields=frozenset({"approved_hash"}))
    story = current.story
    flags = unresolved_flags(story.id, story.primary_language, story.title, current.body, ())
    codes = {flag.code for _, flag in flags}
    if code not in codes:
        raise UserError(
            f"Koden {shown(code)} hör inte till någon flagga i {story_id}. "
            f"Kör python -m generator check för att se berättelsens koder."
        )
    cleared = sorted({*story.cleared_flags, code})
    _write(current.path, current.text, {"cleared_flags": cleared})
    return len(codes - set(cleared))
