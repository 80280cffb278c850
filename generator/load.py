"""Read story files from an archive folder into raw records, collecting every problem."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from generator.frontmatter import FrontMatterError, split_story_file
from generator.model import Problem, RawStory

# Files in the stories folder that are not stories: the editors' guide and the survey export.
NOT_STORIES = frozenset({"README.md"})


def list_story_files(stories_dir: Path) -> list[Path]:
    """Return the story files of an archive in a stable order, whatever the file system says.

    Names are compared in NFC so that a file saved on macOS (NFD) sorts like its twin.
    """
    files = [
        path
        for path in stories_dir.iterdir()
        if path.is_file()
        and path.suffix == ".md"
        and not path.name.startswith(".")
        and path.name not in NOT_STORIES
    ]
    return sorted(files, key=lambda p: unicodedata.normalize("NFC", p.name))


def display_path(path: Path) -> str:
    """Return the path as the editor knows it: as given, or relative to the working folder when inside it."""
    if not path.is_absolute():
        return str(path)
    relative = os.path.relpath(path)
    return str(path) if relative == ".." or relative.startswith("../") else relative


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


def read_story_file(path: Path, data: bytes | None = None) -> tuple[RawStory | None, list[Problem]]:
    """Read one story file (or its bytes, already read) into a RawStory, or the problems that prevent it."""
    text, problem = _decode(path, path.read_bytes() if data is None else data)
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
    problems: list[Problem] = []
    for path in list_story_files(stories_dir):
        raw, found = read_story_file(path)
        problems += found
        if raw is not None:
            raws.append(raw)
    return raws, problems
