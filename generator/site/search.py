"""Index the built site for full-text search with Pagefind, the only module that runs it.

Pagefind reads the finished pages and writes its index and its search interface into the site's
`pagefind/` folder. It reads the story pages alone, and of each only the story block, which carries
`data-pagefind-body` (templates/story.html.j2): the index holds the published stories and no other
page. (Pagefind indexes every page whole when none has that attribute: the glob keeps a site
without stories from having its other pages indexed.) A visitor's search downloads only the parts of the
index its words need, where Material's search downloaded the whole index first.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pagefind_bin import get_executable

from generator import urls
from generator.errors import UserError

# One index for every language, read with the Swedish stemmer. Pagefind would split the index by
# each page's `lang`, with that language's stemmer, but a search page can search the other
# languages' indexes only with its own language's stemmer: a word that stemmer does not reduce as
# the index did is not found (an Arabic noun loses its article "ال" in the Arabic index, never in
# a Swedish query). With one stemmer on both sides every word of every story is found as written,
# Swedish words also in their other forms; one index is also the least a search downloads.
INDEX_LANGUAGE = "sv"
# The story pages (urls.story_page) as MkDocs builds them, with directory URLs.
STORY_PAGES = "berattelser/*/index.html"
# Every compressed file of Pagefind's starts with this, once decompressed; then comes CBOR.
SIGNATURE = b"pagefind_dcd"
# Where a language's metadata lists its filters: [version, pages, index chunks, filters, sorts, fields].
META_FILTERS = 3

Cbor = int | str | bytes | list["Cbor"]


def index_command(site: Path) -> list[str]:
    """The command that indexes a built site in place: the binary from the `pagefind-bin` wheel."""
    return [
        str(get_executable()),
        "--site",
        str(site),
        "--force-language",
        INDEX_LANGUAGE,
        "--glob",
        STORY_PAGES,
        "--output-subdir",
        urls.SEARCH_FOLDER,
        "--silent",
    ]


def index_site(site: Path) -> None:
    """Write the search index and interface of a built site into its `pagefind/` folder, the same
    bytes for the same pages. A site with no story has nothing to search and gets no index."""
    with indexing(site):
        pass


@contextmanager
def indexing(site: Path) -> Iterator[None]:
    """Index a built site (as `index_site`) while the caller does other work, such as checking
    pages it holds in memory: Pagefind runs as a process of its own, and the index is done and
    made reproducible when the block ends. The caller must not change the site meanwhile."""
    if not any(site.glob(STORY_PAGES)):
        yield
        return
    process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
        index_command(site), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        yield
    finally:
        output, errors = process.communicate()
    if process.returncode != 0:
        said = [line.strip() for line in (errors + output).splitlines() if line.strip()]
        raise UserError("Pagefind kunde inte bygga sökindexet. Den publicerade webbplatsen är orörd.", said)
    make_reproducible(site / urls.SEARCH_FOLDER)


def make_reproducible(bundle: Path) -> None:
    """Put Pagefind's filters (and languages, should there be more than one) in a fixed order and
    name their files after it.

    Pagefind writes them in the order of a Rust hash map, which changes from run to run, so two
    builds of the same pages would differ; the index of words and the fragments do not.
    """
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        meta_file = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = decode_file(meta_file.read_bytes())
        filters: list[Cbor] = []
        for name, old in _pairs(meta[META_FILTERS]):
            new, data = sorted_filter(_prefix(old), (bundle / "filter" / f"{old}.pf_filter").read_bytes())
            (bundle / "filter" / f"{old}.pf_filter").unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(data)
            filters.append([name, new])
        meta[META_FILTERS] = sorted(filters, key=lambda pair: str(pair[0]))  # type: ignore[index]
        data = encode_file(meta)
        language["hash"] = named(_prefix(language["hash"]), data, 10)
        meta_file.unlink()
        (bundle / f"pagefind.{language['hash']}.pf_meta").write_bytes(data)
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def sorted_filter(prefix: str, data: bytes) -> tuple[str, bytes]:
    """A filter's file with its values in alphabetical order, and its new name."""
    name, values = decode_file(data)
    sorted_data = encode_file([name, sorted(values, key=lambda value: str(value[0]))])  # type: ignore[arg-type,index]
    return named(prefix, sorted_data, 7), sorted_data


def named(prefix: str, data: bytes, digits: int) -> str:
    """A file's name after its content, as Pagefind names it: the language, then a hash."""
    return f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"


def _prefix(name: str) -> str:
    return name.rsplit("_", 1)[0]


def _pairs(value: Cbor) -> list[tuple[str, str]]:
    assert isinstance(value, list)
    return [(str(pair[0]), str(pair[1])) for pair in value if isinstance(pair, list)]


def decode_file(data: bytes) -> list[Cbor]:
    """The content of one of Pagefind's compressed files."""
    plain = gzip.decompress(data)
    if not plain.startswith(SIGNATURE):
        raise ValueError("not a file of Pagefind's")
    value, end = decode(plain, len(SIGNATURE))
    if end != len(plain) or not isinstance(value, list):
        raise ValueError("not a file of Pagefind's")
    return value


def encode_file(value: list[Cbor]) -> bytes:
    """One of Pagefind's compressed files, with no time in its header so it is the same each build."""
    return gzip.compress(SIGNATURE + encode(value), mtime=0)


# CBOR (RFC 8949), only as much as Pagefind's files use: integers, strings, bytes, arrays.
_UNSIGNED, _NEGATIVE, _BYTES, _TEXT, _ARRAY = range(5)


def decode(data: bytes, at: int = 0) -> tuple[Cbor, int]:
    """The CBOR value at `at`, and where the next one starts."""
    major, info, at = data[at] >> 5, data[at] & 31, at + 1
    if info < 24:
        size = info
    elif info <= 27:
        width = 1 << (info - 24)
        size, at = int.from_bytes(data[at : at + width], "big"), at + width
    else:
        raise ValueError(f"CBOR of a kind Pagefind does not write: {data[at - 1]:#x}")
    if major == _UNSIGNED:
        return size, at
    if major == _NEGATIVE:
        return -1 - size, at
    if major == _BYTES:
        return data[at : at + size], at + size
    if major == _TEXT:
        return data[at : at + size].decode("utf-8"), at + size
    if major == _ARRAY:
        items: list[Cbor] = []
        for _ in range(size):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR of a kind Pagefind does not write: major type {major}")


def encode(value: Cbor) -> bytes:
    """A value as CBOR, each length in its shortest form (as Pagefind writes it)."""
    if isinstance(value, int):
        return _head(_UNSIGNED, value) if value >= 0 else _head(_NEGATIVE, -1 - value)
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _head(_TEXT, len(text)) + text
    if isinstance(value, bytes):
        return _head(_BYTES, len(value)) + value
    return _head(_ARRAY, len(value)) + b"".join(map(encode, value))


def _head(major: int, size: int) -> bytes:
    if size < 24:
        return bytes([major << 5 | size])
    for info, form in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if size < 1 << (8 << (info - 24)):
            return bytes([major << 5 | info]) + struct.pack(form, size)
    raise ValueError(f"too large for CBOR: {size}")
