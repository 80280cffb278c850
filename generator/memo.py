"""Remember the results of pure, costly steps between builds, keyed by exactly what they read.

Checking a story file (YAML, contract, personal-data screen), counting the survey export and
checking a built page or file are pure functions of their input and of the generator's own code.
Their results are kept in JSON files under a key made of that input and a fingerprint of the
generator (its source, data files and word lists), so an edited story, or an edited rule, is
always checked again, and an unchanged one is not. Entries not used by the latest build are
dropped when it saves.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from generator.model import Problem, Severity, Status, Story
from generator.write import atomic_write


@cache
def generator_fingerprint() -> str:
    """A hash of everything that decides a result: the package's code, data and templates, and the
    word lists' version."""
    digest = hashlib.sha256(metadata.version("wordfreq").encode())
    package = resources.files("generator")
    for folder in (package, package / "data", package / "templates"):
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".py", ".yaml", ".txt", ".j2")):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


def memo_key(*parts: str | bytes) -> str:
    """The key of one result: the generator's fingerprint and every input, unambiguously joined."""
    digest = hashlib.sha256(generator_fingerprint().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class Memo:
    """Results by key, in a folder of JSON files, one per first two characters of the key; what
    this build did not use is forgotten on save.

    A file is written again only when its entries changed, so saving after a one-story rebuild
    writes a few small files, not all the results of a large archive.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        # Entries read from each file, and the files whose entries this build changed.
        self._read: dict[str, int] = {}
        self._changed: set[str] = set()
        for path in sorted(folder.glob("*.json")) if folder is not None else []:
            try:
                entries = _parse(path.read_bytes())
            except (ValueError, UnicodeDecodeError):
                entries = {}  # a damaged file is only a slower build
            self._read[path.stem] = len(entries)
            # Entries kept in the wrong file (a single file, as earlier versions kept them) move.
            self._changed.update(_shard(key) for key in entries if _shard(key) != path.stem)
            self._old.update(entries)

    def get(self, key: str) -> Any:
        found = self._new.get(key, self._old.get(key))
        if found is not None:
            self._new[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value
        self._changed.add(_shard(key))

    def save(self) -> None:
        if self.folder is None:
            return
        shards: dict[str, dict[str, Any]] = {}
        for key, value in self._new.items():
            shards.setdefault(_shard(key), {})[key] = value
        for shard in self._read.keys() - shards.keys():
            (self.folder / f"{shard}.json").unlink(missing_ok=True)
        for shard, entries in shards.items():
            # Without a new entry, a file keeps some of its entries: all of them if as many are used.
            if shard in self._changed or len(entries) != self._read.get(shard):
                data = json.dumps(entries, sort_keys=True, ensure_ascii=False).encode("utf-8")
                atomic_write(self.folder / f"{shard}.json", data)


def _shard(key: str) -> str:
    return key[:2]


def _parse(data: bytes) -> Any:
    """Parse JSON without the garbage collector: parsing makes hundreds of thousands of lists and
    dicts, all kept, which the collector would otherwise walk again and again (half the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return json.loads(data)
    finally:
        if was_enabled:
            gc.enable()


def problem_to_json(problem: Problem) -> list[Any]:
    return [problem.path, problem.line, problem.field, problem.message, problem.severity.value]


def problem_from_json(data: list[Any]) -> Problem:
    return Problem(data[0], data[1], data[2], data[3], Severity(data[4]))


def story_to_json(story: Story) -> dict[str, Any]:
    fields = dict(story.__dict__)
    fields["status"] = story.status.value
    fields["approved_on"] = story.approved_on.isoformat() if story.approved_on else None
    return fields


def story_from_json(data: dict[str, Any]) -> Story:
    fields: dict[str, Any] = {
        key: tuple(value) if isinstance(value, list) else value for key, value in data.items()
    }
    fields["status"] = Status(fields["status"])
    fields["approved_on"] = dt.date.fromisoformat(fields["approved_on"]) if fields["approved_on"] else None
    return Story(**fields)
