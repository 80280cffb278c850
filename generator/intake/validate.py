"""Check raw story records against the input contract and turn them into Story objects."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.intake.approval import HASH_PATTERN
from generator.intake.load import (
    TEXT_MAX,
    TOO_LONG_FIX,
    read_story_file,
    read_story_folder,
)
from generator.intake.screening import approval_problem, flag_message, unresolved_flags
from generator.model import Archive, Problem, RawStory, Severity, Status, Story, Vocabulary
from generator.privacy.quoting import display_path, inline, shown, thousands
from generator.text import clean_text, split_paragraphs

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
COLLECTED_PATTERN = re.compile(r"^(\d{4})(-(\d{2}))?$")
RESPONSE_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
APPROVER_PATTERN = re.compile(r"^[\w][\w .@-]{0,63}$")
# Any text of this length is a title: `&`, `<`, `>` and quotes are ordinary characters, shown exactly
# wherever the title is printed (generator/templating.py writes it as the HTML MkDocs expects).
TITLE_MAX = 120

REQUIRED = ("id", "title", "status", "language", "collected", "grounds", "arenas", "experiences")
OPTIONAL = (
    "approved_by",
    "approved_on",
    "measures",
    "content_warnings",
    "translation_of",
    "response_id",
    "approved_hash",
    "cleared_flags",
    "withdrawn_on",
    "withdrawn_reason",
    "featured",
)
CODE_PATTERN = re.compile(r"^[0-9a-f]{12}$")
ALLOWED = REQUIRED + OPTIONAL
STATUSES = tuple(status.value for status in Status)


def _one_of(options: Sequence[object]) -> str:
    return ", ".join(str(option) for option in options)


@dataclass
class _Checker:
    """Collects the problems of one story file, each placed at its field's line."""

    raw: RawStory
    problems: list[Problem] = field(default_factory=list)

    def error(self, key: str | None, message: str, line: int | None = None) -> None:
        self.add(key, message, line, Severity.ERROR)

    def warn(self, key: str | None, message: str, line: int | None = None) -> None:
        self.add(key, message, line, Severity.WARNING)

    def add(self, key: str | None, message: str, line: int | None, severity: Severity) -> None:
        where = line if line is not None else self.raw.key_lines.get(key or "", None)
        path = display_path(self.raw.path)
        # An unknown field's name is input too: `anna@example.se: x` is shown masked.
        self.problems.append(Problem(path, where, inline(key) if key else key, message, severity))

    def expected(self, key: str, wanted: str, value: object) -> None:
        self.error(key, f"Väntade {wanted}, men fick {shown(value)}.")


def _check_keys(check: _Checker) -> None:
    for key in check.raw.front_matter:
        if key not in ALLOWED:
            check.error(key, f"Okänt fält. Väntade bara de här fälten: {_one_of(ALLOWED)}.")
    for key in REQUIRED:
        if key not in check.raw.front_matter:
            check.error(key, "Fältet saknas. Det måste finnas i varje berättelse.", line=1)


def _check_id(check: _Checker, value: object) -> str | None:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        check.expected("id", "små bokstäver a–z, siffror och bindestreck (3–64 tecken)", value)
        return None
    stem = unicodedata.normalize("NFC", check.raw.path.stem)
    if value != stem:
        check.error("id", f"Väntade samma id som filens namn ({shown(stem)}), men fick {shown(value)}.")
        return None
    return value


def _check_title(check: _Checker, value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        check.expected("title", "en rubrik", value)
        return None
    cleaned = clean_text(value)
    title = " ".join(cleaned.text.split())
    if "\n" in value.strip() or cleaned.odd:
        check.error("title", "Väntade en rubrik på en rad utan osynliga tecken, men fick något annat.")
        return None
    if len(title) > TITLE_MAX:
        check.error("title", f"Väntade högst {TITLE_MAX} tecken, men fick {len(title)}.")
        return None
    return title


def _check_status(check: _Checker, value: object) -> Status | None:
    if not isinstance(value, str) or value not in STATUSES:
        check.expected("status", f"exakt ett av orden {_one_of(STATUSES)}", value)
        return None
    return Status(value)


def _check_language(check: _Checker, value: object, vocabulary: Vocabulary) -> str | None:
    known = sorted(vocabulary.languages)
    if (
        not isinstance(value, str)
        or not LANGUAGE_PATTERN.match(value)
        or value.split("-")[0] not in vocabulary.languages
    ):
        check.expected("language", f"en språkkod som börjar med en av {_one_of(known)}", value)
        return None
    return value


def _check_collected(check: _Checker, value: object) -> str | None:
    text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    match = COLLECTED_PATTERN.match(text)
    if not match or not 1900 <= int(match[1]) <= 2100 or (match[3] and not 1 <= int(match[3]) <= 12):
        check.expected("collected", "år och gärna månad, som 2025 eller 2025-10", value)
        return None
    return text


def _check_keys_list(check: _Checker, key: str, value: object, allowed: Sequence[str]) -> tuple[str, ...]:
    if key not in check.raw.front_matter:
        return ()
    if not isinstance(value, list):
        check.expected(key, "en lista, som [] eller [a, b]", value)
        return ()
    for item in value:
        if not isinstance(item, str) or item not in allowed:
            check.expected(key, f"nycklar ur ordlistan: {_one_of(allowed)}", item)
    if len(set(map(str, value))) != len(value):
        check.warn(key, "Samma nyckel står flera gånger i listan; den räknas en gång.")
    return tuple(sorted({item for item in value if isinstance(item, str) and item in allowed}))


def _check_measures(check: _Checker, value: object, vocabulary: Vocabulary) -> tuple[int, ...]:
    if value is None:
        return ()
    numbers = sorted(vocabulary.measures)
    if not isinstance(value, list):
        check.expected("measures", "en lista med åtgärdernas nummer, som [3, 12]", value)
        return ()
    good: set[int] = set()
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or item not in vocabulary.measures:
            check.expected("measures", f"nummer från {numbers[0]} till {numbers[-1]}", item)
        else:
            good.add(item)
    return tuple(sorted(good))


def _as_date(value: object) -> dt.date | None:
    """Accept a YAML date or the same date in quotes, which editors sometimes write."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            return None
    return None


def _check_approval(
    check: _Checker, status: Status | None, by: object, on: object
) -> tuple[str | None, dt.date | None]:
    approver: str | None = None
    date: dt.date | None = None
    if by is not None:
        if isinstance(by, str) and APPROVER_PATTERN.match(by):
            approver = by
        else:
            check.expected("approved_by", "redaktörens namn eller användarnamn", by)
    if on is not None:
        date = _as_date(on)
        if date is None:
            check.expected("approved_on", "ett datum på formen 2026-03-14", on)
    if status is Status.APPROVED:
        if by is None:
            check.error(
                "approved_by", "Fältet saknas. En godkänd berättelse måste säga vem som godkände den.", 1
            )
        if on is None:
            check.error(
                "approved_on", "Fältet saknas. En godkänd berättelse måste säga när den godkändes.", 1
            )
    return approver, date


def _check_approved_hash(check: _Checker, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not HASH_PATTERN.match(value):
        check.expected("approved_hash", "det som approve skriver ('sha256:' och 64 tecken)", value)
        return None
    return value


def _check_cleared(check: _Checker, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and CODE_PATTERN.match(v) for v in value):
        check.expected("cleared_flags", "en lista med koder som clear skriver (12 tecken 0–9, a–f)", value)
        return ()
    return tuple(value)


def _check_featured(check: _Checker, value: object) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        check.expected("featured", "true eller false (utan citattecken)", value)
        return False
    return value


def _check_withdrawal(check: _Checker, on: object, reason: object) -> None:
    if on is not None and _as_date(on) is None:
        check.expected("withdrawn_on", "ett datum på formen 2026-03-14", on)
    if reason is not None and not isinstance(reason, str):
        check.expected("withdrawn_reason", "en text", reason)


def _check_publishing(check: _Checker, story: Story, text: str) -> None:
    """Personal data and approval: errors for an approved story, warnings for the others."""
    approved = story.status is Status.APPROVED
    severity = Severity.ERROR if approved else Severity.WARNING
    flags = unresolved_flags(story.id, story.primary_language, story.title, text, story.cleared_flags)
    for where, flag in flags:
        line = check.raw.key_lines.get("title") if where == "title" else check.raw.body_line + flag.line - 1
        check.add(where, flag_message(flag, story.id, approved), line, severity)
    found = approval_problem(
        story.status, story.approved_hash, story.title, story.language, story.paragraphs, story.id
    )
    if found:
        check.add("approved_hash", found[1], check.raw.key_lines.get("approved_hash", 1), found[0])


def _check_optional_id(check: _Checker, key: str, value: object, pattern: re.Pattern[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not pattern.match(value):
        check.expected(key, "ett id med bokstäver, siffror och bindestreck", value)
        return None
    return value


def _check_body(check: _Checker) -> tuple[tuple[str, ...], str]:
    cleaned = clean_text(check.raw.body)
    for odd in cleaned.odd:
        line = check.raw.body_line + odd.first_line - 1
        check.warn("text", f"Texten innehåller {odd.count} {odd.kind}. Se över texten.", line)
    paragraphs = split_paragraphs(cleaned.text)
    length = len(cleaned.text.strip())
    if length > TEXT_MAX:
        check.error(
            "text",
            f"Texten har {thousands(length)} tecken, men högst {thousands(TEXT_MAX)} går att publicera "
            f"och läsa upp. {TOO_LONG_FIX}",
            check.raw.body_line,
        )
    if not paragraphs:
        check.error(
            "text", "Väntade berättelsens text efter fälten, men fick en tom text.", check.raw.body_line
        )
    return paragraphs, cleaned.text


def validate_story(raw: RawStory, vocabulary: Vocabulary) -> tuple[Story | None, list[Problem]]:
    """Check one raw story; return the Story when it has no errors, and every problem found."""
    check = _Checker(raw)
    fm = raw.front_matter
    _check_keys(check)
    story_id = _check_id(check, fm.get("id"))
    title = _check_title(check, fm.get("title"))
    status = _check_status(check, fm.get("status"))
    language = _check_language(check, fm.get("language"), vocabulary)
    collected = _check_collected(check, fm.get("collected"))
    lists: dict[str, tuple[str, ...]] = {
        kind: _check_keys_list(check, kind, fm.get(kind), sorted(vocabulary.terms(kind)))
        for kind in ("grounds", "arenas", "experiences", "content_warnings")
    }
    measures = _check_measures(check, fm.get("measures"), vocabulary)
    approver, date = _check_approval(check, status, fm.get("approved_by"), fm.get("approved_on"))
    translation_of = _check_optional_id(check, "translation_of", fm.get("translation_of"), ID_PATTERN)
    response_id = _check_optional_id(check, "response_id", fm.get("response_id"), RESPONSE_ID_PATTERN)
    approved_hash = _check_approved_hash(check, fm.get("approved_hash"))
    cleared = _check_cleared(check, fm.get("cleared_flags"))
    _check_withdrawal(check, fm.get("withdrawn_on"), fm.get("withdrawn_reason"))
    featured = _check_featured(check, fm.get("featured"))
    paragraphs, text = _check_body(check)
    if any(p.severity is Severity.ERROR for p in check.problems):
        return None, check.problems
    assert story_id and title and status and language and collected
    story = Story(
        id=story_id,
        title=title,
        status=status,
        language=language,
        collected=collected,
        grounds=lists["grounds"],
        arenas=lists["arenas"],
        experiences=lists["experiences"],
        paragraphs=paragraphs,
        source=display_path(raw.path),
        approved_by=approver,
        approved_on=date,
        measures=measures,
        content_warnings=lists["content_warnings"],
        translation_of=translation_of,
        response_id=response_id,
        approved_hash=approved_hash,
        cleared_flags=cleared,
        featured=featured,
    )
    _check_publishing(check, story, text)
    return story, check.problems


def _check_across_files(stories: Sequence[Story]) -> list[Problem]:
    """Find ids used twice and translations that point at a missing story or at themselves."""
    ids = {story.id for story in stories}
    problems = []
    first_source: dict[str, str] = {}
    for story in stories:
        if story.id in first_source:
            problems.append(
                Problem(
                    story.source,
                    None,
                    "id",
                    f"Id:t används redan av {first_source[story.id]}. Väntade ett unikt id.",
                )
            )
        first_source.setdefault(story.id, story.source)
        target = story.translation_of
        if target is not None and (target == story.id or target not in ids):
            problems.append(
                Problem(
                    story.source,
                    None,
                    "translation_of",
                    f"Väntade id:t på en annan berättelse i arkivet, men fick {shown(target)}.",
                )
            )
    return problems


def validate_archive(
    raws: Sequence[RawStory],
    load_problems: Sequence[Problem],
    vocabulary: Vocabulary,
) -> Archive:
    """Validate every raw story and the links between them; keep going after each problem."""
    problems = list(load_problems)
    stories: list[Story] = []
    for raw in raws:
        story, found = validate_story(raw, vocabulary)
        problems += found
        if story is not None:
            stories.append(story)
    return _archive(stories, problems)


def _archive(stories: list[Story], problems: list[Problem]) -> Archive:
    problems = problems + _check_across_files(stories)
    return Archive(tuple(sorted(stories, key=lambda s: s.id)), tuple(sorted(problems, key=sort_key)))


Checked = tuple[Story | None, list[Problem]]
# Checks many story files (name as shown, bytes), each as check_story_file does, in order.
CheckAll = Callable[[Sequence[tuple[Path, bytes]], Vocabulary], list[Checked]]


def check_story_file(path: Path, data: bytes, vocabulary: Vocabulary) -> Checked:
    """Check one story file's bytes; `path` is the file as messages name it.

    A pure function of its arguments (the generator aside), so the pipeline may remember it.
    """
    raw, problems = read_story_file(path, data)
    if raw is None:
        return None, problems
    story, found = validate_story(raw, vocabulary)
    return story, problems + found


def check_here(files: Sequence[tuple[Path, bytes]], vocabulary: Vocabulary) -> list[Checked]:
    """Check each file in turn, in this process."""
    return [check_story_file(path, data, vocabulary) for path, data in files]


def validate_folder(stories_dir: Path, vocabulary: Vocabulary, check_all: CheckAll = check_here) -> Archive:
    """Validate every story file in a folder and the links between them.

    `check_all` checks the files' bytes: the pipeline's own recalls what an earlier build found
    for the same bytes and shares the rest with a worker.
    """
    files, problems = read_story_folder(stories_dir)
    stories: list[Story] = []
    for story, found in check_all(files, vocabulary):
        problems += found
        if story is not None:
            stories.append(story)
    return _archive(stories, problems)


def sort_key(problem: Problem) -> tuple[str, int, str, str]:
    """Order problems by file, then line, so an editor can work down the list."""
    return (problem.path, problem.line or 0, problem.field or "", problem.message)
