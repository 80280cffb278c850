"""Remember the results of pure, costly stages between builds, keyed by exactly what they read.

Checking a story file (YAML, contract, personal-data screen), counting the survey export and
checking a built page or file are pure functions of their arguments and of the generator: its
own files, Python and the packages it runs on. The stages know nothing of this: the pipeline
wraps each in a `Stage`, which keeps its results in JSON files (codec.py) under a key made of
the stage's name, every argument it is called with and a fingerprint of the generator, so an
edited story, an edited rule or an upgraded package means checking again, and an unchanged one
does not. The generated pages' reuse (docs/.generated.json) is keyed on the same fingerprint.
Entries not used by the latest build are dropped when it saves.
"""

from __future__ import annotations

import gc
import hashlib
import json
import platform
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

from generator.cache.codec import decoder, to_json
from generator.write import atomic_write

R = TypeVar("R")
# How the results of items missing from the memo are computed: (stage, items, settings) -> results.
Runner = Callable[[Callable[..., R], Sequence[tuple[object, ...]], tuple[object, ...]], list[R]]

# Bump when what an entry holds, or how a key is made, changes: older entries are then never read.
MEMO_FORMAT = "3"
# The installed distribution whose requirements, followed to the end, are what the generator runs on.
DISTRIBUTION = "berattelsearkivet"


@cache
def generator_fingerprint() -> str:
    """A hash of everything besides its input that decides a result: the memo's format, Python's
    version, every package the generator runs on and which YAML parser PyYAML uses, and every file
    under generator/ (code, data, templates, word lists, in every sub-package)."""
    digest = hashlib.sha256()
    for part in (f"memo format {MEMO_FORMAT}", python_version(), yaml_parser(), *package_versions()):
        digest.update(part.encode() + b"\n")
    for relative, data in package_files(resources.files("generator")):
        digest.update(len(relative).to_bytes(8, "big") + relative.encode())
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def python_version() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}"


def yaml_parser() -> str:
    """Which YAML parser and emitter the generator gets: libyaml's (and its version) or PyYAML's own."""
    if getattr(yaml, "CSafeLoader", None) is None:
        return "yaml: pure python"
    return f"yaml: libyaml {yaml._yaml.get_version_string()}"


def package_versions() -> list[str]:
    """`name version` of every package the generator needs, found by following its distribution's
    requirements (without the extras for development) and theirs, so none is forgotten.

    Run from a checkout that is not installed, every installed package counts instead.
    """
    try:
        metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return sorted(f"{_normalised(d.metadata['Name'])} {d.version}" for d in metadata.distributions())
    versions: dict[str, str] = {}
    wanted: list[tuple[str, frozenset[str]]] = [(DISTRIBUTION, frozenset())]
    seen: set[tuple[str, frozenset[str]]] = set()
    while wanted:
        name, extras = wanted.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"  # a requirement for another platform or Python
            continue
        versions[name] = distribution.version
        wanted.extend(_requirements(distribution.requires or [], extras))
    return sorted(f"{name} {version}" for name, version in versions.items())


_REQUIREMENT = re.compile(r"\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[(?P<extras>[^]]*)\])?")
_FOR_EXTRA = re.compile(r"""\bextra\s*==\s*["']([^"']+)["']""")


def _requirements(requirements: list[str], extras: frozenset[str]) -> Iterator[tuple[str, frozenset[str]]]:
    """The distributions (and their extras) that requirements name, leaving out those only an
    extra not asked for needs. Other conditions (platform, Python) are not weighed: a package
    that is not installed is recorded as such."""
    for requirement in requirements:
        specification, _, condition = requirement.partition(";")
        for_extras = {_normalised(extra) for extra in _FOR_EXTRA.findall(condition)}
        found = _REQUIREMENT.match(specification)
        if found is None or (for_extras and not for_extras & extras):
            continue
        asked = frozenset(_normalised(extra) for extra in (found["extras"] or "").split(",") if extra.strip())
        yield _normalised(found["name"]), asked


def _normalised(name: str) -> str:
    """A distribution's name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name.strip()).lower()


def package_files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, bytes]]:
    """Every file under a package folder, sub-packages included, by path, in a fixed order;
    compiled bytecode (__pycache__) is left out, as Python writes it when it likes."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        relative = f"{prefix}{entry.name}"
        if entry.is_dir() and entry.name != "__pycache__":
            yield from package_files(entry, f"{relative}/")
        elif entry.is_file() and not entry.name.endswith((".pyc", ".pyo")):
            yield relative, entry.read_bytes()


def memo_key(*parts: str | bytes) -> str:
    """The key of one result: the generator's fingerprint and every input, unambiguously joined."""
    digest = hashlib.sha256(generator_fingerprint().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def input_bytes(value: object) -> bytes:
    """An input as a key takes it: bytes as they are, text as UTF-8, anything else as its JSON
    (with its type's name, so that equal JSON of two types makes two keys)."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode()
    data = json.dumps([type(value).__qualname__, to_json(value)], ensure_ascii=False, separators=(",", ":"))
    return data.encode()


def key_of(name: str, *inputs: object) -> str:
    """The key of whatever is made from these inputs and nothing else (with the generator)."""
    return memo_key(name, *(input_bytes(value) for value in inputs))


def stage_name(stage: Callable[..., object]) -> str:
    return f"{stage.__module__}.{stage.__qualname__}"


class Memo:
    """Results by key, in a folder of JSON files, one per first two characters of the key; what
    this build did not use is forgotten on save.

    A file is written again only when its entries changed, so saving after a one-story rebuild
    writes a few small files, not all the results of a large archive.
    """

    def __init__(self, folder: Path | None, fresh: bool = False) -> None:
        """`fresh` (`build --fresh`): remember nothing from earlier builds, only what this one finds."""
        self.folder = folder
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        # Entries read from each file, and the files whose entries this build changed.
        self._read: dict[str, int] = {}
        self._changed: set[str] = set()
        for path in sorted(folder.glob("*.json")) if folder is not None else []:
            if fresh:
                self._read[path.stem] = 0  # its entries are not used, so saving replaces the file
                continue
            try:
                entries = _parse(path.read_bytes())
            except (ValueError, UnicodeDecodeError):
                entries = {}  # a damaged file is only a slower build
            self._read[path.stem] = len(entries)
            self._old.update(entries)

    def get(self, key: str) -> Any:
        found = self._new.get(key, self._old.get(key))
        if found is not None:
            self._new[key] = found
        return found

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value
        self._changed.add(_shard(key))

    def value(self, name: str, kind: Any) -> Any:
        """The value of type `kind` that an earlier build kept under this name, or None."""
        found = self.get(key_of(name))
        return None if found is None else decoder(kind)(found)

    def keep_value(self, name: str, value: object) -> None:
        """Keep a value for the next build under a name (see `value`)."""
        self.put(key_of(name), to_json(value))

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


class Stage(Generic[R]):
    """A pure stage's results in the memo: `stage(*item, *settings)` for each item, under a key
    made of the stage's name and exactly the arguments it is called with.

    Settings are what every item of a build shares (the vocabulary, the audio host); items are
    what differs (a file's name and bytes). As the key is made of the same arguments the stage
    is given, a setting a stage comes to depend on is a new parameter and so a new part of its
    key: no key can be forgotten. `result` is the stage's return type, to read results back.
    """

    def __init__(self, memo: Memo, stage: Callable[..., R], result: Any, *settings: object) -> None:
        self.memo = memo
        self.stage = stage
        self.settings = settings
        self._read_back = decoder(result)
        self._settings_key = key_of(stage_name(stage), *settings)

    def key(self, *item: object) -> str:
        """The key of one item's result: the stage, its settings and the item."""
        return memo_key(self._settings_key, *(input_bytes(value) for value in item))

    def known(self, key: str) -> R | None:
        """The result under this key if an earlier build (or this one) computed it, else None."""
        found = self.memo.get(key)
        return None if found is None else self._read_back(found)

    def remember(self, key: str, result: R) -> None:
        self.memo.put(key, to_json(result))

    def recall(self, *item: object) -> R:
        """The stage's result for this item: remembered, or computed now and remembered."""
        key = self.key(*item)
        known = self.known(key)
        if known is not None:
            return known
        result = self.stage(*item, *self.settings)
        self.remember(key, result)
        return result

    def recall_each(self, items: Sequence[tuple[object, ...]], run: Runner[R] | None = None) -> list[R]:
        """The results for many items, in order; those not remembered are computed together by
        `run` (the pipeline's choice: here, or shared with a worker), then remembered."""
        keys = [self.key(*item) for item in items]
        results = [self.known(key) for key in keys]
        missing = [item for item, result in zip(items, results, strict=True) if result is None]
        computed = iter(run(self.stage, missing, self.settings) if run else self._here(missing))
        done: list[R] = []
        for key, result in zip(keys, results, strict=True):
            if result is None:
                result = next(computed)
                self.remember(key, result)
            done.append(result)
        return done

    def _here(self, items: Sequence[tuple[object, ...]]) -> list[R]:
        return [self.stage(*item, *self.settings) for item in items]
