"""Read story files from an archive folder into raw records, collecting every problem."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from generator.intake.frontmatter import FrontMatterError, split_story_file
from generator.model import Problem, RawStory, Severity
from generator.privacy.quoting import display_path, thousands

# Files in the stories folder that are not stories: the editors' guide and the template editors copy
# a new story from (stories/README.md says so). Neither name can be a story's: an id is lower case.
NOT_STORIES = frozenset({"README.md", "MALL.md"})
# A story is read aloud and shown on one page: 30,000 characters take over half an hour to
# read aloud (the sample's stories have under 1,000). Far longer texts stall the offline voice.
TEXT_MAX = 30_000
TOO_LONG_FIX = "Dela berättelsen i två berättelser (med var sitt id) eller korta den."
# A story file is read whole, so a larger one is refused before it is read, let alone parsed.
# Room for a text of the longest allowed length even in a script of four bytes a character,
# and its front matter.
FILE_MAX_BYTES = 200_000
# Names an editor may have meant as a story file: `.md` in any case, and Markdown's other endings.
_STORY_LIKE = re.compile(r"\.(?:md|markdown|mdown|mkd)$", re.IGNORECASE)


def _is_story_file(entry: os.DirEntry[str]) -> bool:
    """A story file: a regular file (never a link) directly in the folder, named `<id>.md`."""
    return (
        entry.name.endswith(".md")
        and not entry.name.startswith(".")
        and entry.name not in NOT_STORIES
        and entry.is_file(follow_symlinks=False)
    )


def _nfc_sorted(paths: list[Path]) -> list[Path]:
    """Sort by name in NFC, so that a file saved on macOS (NFD) sorts like its twin."""
    return sorted(paths, key=lambda p: unicodedata.normalize("NFC", p.name))


def scan_story_folder(stories_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Return the story files of an archive in a stable order, whatever the file system says,
    and a message for everything else there that looks like a story but is not read as one.

    Nothing that looks like a story is read or passed over silently: a link or a folder named
    like a story, or a story file named `.MD` or `.markdown`, is an error (it was meant to be
    published and would not be); a hidden file or one in a sub-folder gets a warning, as it
    may be kept aside on purpose (an editor's backup, an example) and is never published.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    with os.scandir(stories_dir) as entries:
        for entry in entries:
            if _is_story_file(entry):
                files.append(Path(entry.path))
            elif problem := _misplaced(entry):
                problems.append(problem)
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                problems += _in_sub_folder(Path(entry.path), stories_dir)
    return _nfc_sorted(files), sorted(problems, key=lambda p: unicodedata.normalize("NFC", p.path))


def list_story_files(stories_dir: Path) -> list[Path]:
    """Return the story files of an archive in a stable order (see scan_story_folder)."""
    return scan_story_folder(stories_dir)[0]


def _misplaced(entry: os.DirEntry[str]) -> Problem | None:
    """The message for an entry of the stories folder that looks like a story but is not one."""
    if not _STORY_LIKE.search(entry.name) or entry.name in NOT_STORIES:
        return None
    shown = display_path(Path(entry.path))
    if entry.name.startswith("."):
        return Problem(
            shown,
            None,
            None,
            "Dolda filer (namn som börjar med punkt) läses inte som berättelser. "
            "Om det är en berättelse: ta bort punkten först i namnet.",
            Severity.WARNING,
        )
    if entry.is_symlink():
        return Problem(
            shown,
            None,
            None,
            "Väntade en vanlig fil, men fick en symbolisk länk. Berättelser läses bara från vanliga "
            "filer direkt i mappen: lägg själva filen här i stället för länken.",
        )
    if entry.is_dir(follow_symlinks=False):
        return Problem(
            shown,
            None,
            None,
            "Väntade en fil, men fick en mapp med ett namn som en berättelse. Byt namn på mappen.",
        )
    if not entry.is_file(follow_symlinks=False):
        return Problem(shown, None, None, "Väntade en vanlig fil, men fick något annat. Ta bort det.")
    stem = _STORY_LIKE.sub("", entry.name)
    return Problem(
        shown,
        None,
        None,
        f"Berättelsefiler slutar på .md med små bokstäver, så den här läses inte. Byt namn till {stem}.md.",
    )


def _in_sub_folder(folder: Path, stories_dir: Path) -> list[Problem]:
    """A warning for each file in a sub-folder (at any depth) that looks like a story."""
    problems = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if _STORY_LIKE.search(name) and name not in NOT_STORIES and not name.startswith("."):
                problems.append(
                    Problem(
                        display_path(Path(root) / name),
                        None,
                        None,
                        "Filer i undermappar läses inte som berättelser. Om den ska publiceras: "
                        f"flytta den direkt till {display_path(stories_dir)}/.",
                        Severity.WARNING,
                    )
                )
    return problems


def _decode(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return None, Problem(
            display_path(path),
            line,
            None,
            "Väntade text i UTF-8, men fick ogiltiga byte. Spara filen som UTF-8.",
        )


def read_story_bytes(path: Path) -> bytes | Problem:
    """Return a story file's bytes, or why they were not read: too large for a story, or unreadable.

    At most one byte over the limit is read, so even a file that grows meanwhile costs nothing.
    """
    try:
        with path.open("rb") as file:
            data = file.read(FILE_MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return Problem(
            display_path(path), None, None, f"Filen går inte att läsa ({reason}). Kontrollera filen."
        )
    if len(data) > FILE_MAX_BYTES:
        return Problem(
            display_path(path),
            None,
            None,
            f"Filen är större än {thousands(FILE_MAX_BYTES)} byte, så den läses inte: en berättelse får "
            f"vara högst {thousands(TEXT_MAX)} tecken. {TOO_LONG_FIX}",
        )
    return data


def read_story_folder(stories_dir: Path) -> tuple[list[tuple[Path, bytes]], list[Problem]]:
    """Every story file's bytes, by its path as messages name it, and what could not be read."""
    # The files' paths from the folder's: display_path for each file costs as much as the rest.
    shown = Path(display_path(stories_dir))
    paths, problems = scan_story_folder(stories_dir)
    files = []
    for path in paths:
        data = read_story_bytes(path)
        if isinstance(data, Problem):
            problems.append(data)
        else:
            files.append((shown / path.name, data))
    return files, problems


def read_story_file(path: Path, data: bytes | None = None) -> tuple[RawStory | None, list[Problem]]:
    """Read one story file (or its bytes, already read) into a RawStory, or the problems that prevent it."""
    read = read_story_bytes(path) if data is None else data
    if isinstance(read, Problem):
        return None, [read]
    text, problem = _decode(path, read)
    if text is None:
        return None, [problem] if problem else []
    try:
        parts = split_story_file(text.replace("\r\n", "\n").replace("\r", "\n"))
    except FrontMatterError as error:
        return None, [Problem(display_path(path), error.line, error.field, error.message)]
    return RawStory(path, parts.values, parts.key_lines, parts.body, parts.body_line), []


def load_archive(stories_dir: Path) -> tuple[list[RawStory], list[Problem]]:
    """Read every story file in the folder; a bad file never stops the others being read."""
    raws: list[RawStory] = []
    paths, problems = scan_story_folder(stories_dir)
    for path in paths:
        raw, found = read_story_file(path)
        problems += found
        if raw is not None:
            raws.append(raw)
    return raws, problems
