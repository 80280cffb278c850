"""Pagefind over a built site: only story pages, in their languages, the same bytes every time.

Whether a search finds what it should is asked of Pagefind itself, in chromium
(tests/test_browser_search.py); here the files it writes are checked.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.site import search
from generator.site.search import decode, decode_file, encode, encode_file, index_site

GROUNDS = [
    "Ålder",
    "Kön",
    "Religion eller annan trosuppfattning",
    "Funktionsnedsättning",
    "Etnisk tillhörighet",
]


def story_page(language: str, title: str, text: str, grounds: list[str]) -> str:
    terms = "".join(f'<dd data-pagefind-filter="Diskrimineringsgrunder:{g}">{g}</dd>' for g in grounds)
    return (
        f'<!doctype html><html lang="{language}"><head><title>{title}</title></head><body>'
        f'<nav>Meny som inte ska sökas</nav><div data-pagefind-body data-pagefind-filter="Språk:{language}">'
        f"<h1>{title}</h1><p>{text}</p><p data-pagefind-ignore>Stöd och hjälp</p><dl>{terms}</dl></div></body></html>"
    )


def write_site(folder: Path, stories: int = 12) -> Path:
    """A built site in miniature: story pages in two languages with many filter values, and a
    hand-written page that would be indexed whole if Pagefind read it."""
    for number in range(stories):
        page = folder / "berattelser" / f"hbg-{number:04d}" / "index.html"
        page.parent.mkdir(parents=True)
        language = "en" if number % 3 == 0 else "sv"
        grounds = [GROUNDS[(number + shift) % len(GROUNDS)] for shift in range(1 + number % 3)]
        page.write_text(
            story_page(language, f"Berättelse {number}", f"ord{number} rullstol", grounds), "utf-8"
        )
    (folder / "om").mkdir(parents=True, exist_ok=True)
    (folder / "om" / "index.html").write_text(story_page("sv", "Om arkivet", "handskriven", []), "utf-8")
    return folder


def bundle_files(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {
        path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()
    }


def test_only_story_pages_are_indexed_in_one_index_for_every_language(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # Twelve stories, four of them in English; the hand-written page is not indexed.
    assert {language: about["page_count"] for language, about in entry["languages"].items()} == {"sv": 12}
    assert (site / "pagefind" / "pagefind-ui.js").is_file() and (
        site / "pagefind" / "pagefind-ui.css"
    ).is_file()


def test_two_indexings_of_the_same_pages_give_the_same_bytes(tmp_path: Path) -> None:
    first = write_site(tmp_path / "first")
    second = tmp_path / "second"
    shutil.copytree(first, second)
    index_site(first)
    index_site(second)
    assert bundle_files(first) == bundle_files(second)
    # Pagefind's own order changes from run to run; ours is alphabetical.
    meta = next((first / "pagefind").glob("pagefind.sv_*.pf_meta"))
    filters = decode_file(meta.read_bytes())[search.META_FILTERS]
    assert [name for name, _ in filters] == ["Diskrimineringsgrunder", "Språk"]  # type: ignore[misc]
    grounds = dict(filters)["Diskrimineringsgrunder"]  # type: ignore[arg-type]
    values = decode_file((first / "pagefind" / "filter" / f"{grounds}.pf_filter").read_bytes())[1]
    assert [value[0] for value in values] == sorted(GROUNDS)  # type: ignore[index]


def test_every_file_is_named_after_its_content(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site")
    index_site(site)
    bundle = site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta = (bundle / f"pagefind.{about['hash']}.pf_meta").read_bytes()
        assert about["hash"] == search.named(language, meta, 10)
        for _, name in decode_file(meta)[search.META_FILTERS]:  # type: ignore[misc]
            assert name == search.named(language, (bundle / "filter" / f"{name}.pf_filter").read_bytes(), 7)
    metas = sorted(path.name for path in bundle.glob("*.pf_meta"))
    assert metas == sorted(f"pagefind.{about['hash']}.pf_meta" for about in entry["languages"].values())


def test_a_site_without_stories_gets_no_index(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", stories=0)
    index_site(site)
    assert not (site / "pagefind").exists()


def test_a_failing_pagefind_stops_the_build_with_what_it_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: något gick fel' >&2\nexit 1\n", encoding="utf-8")
    failing.chmod(0o755)
    monkeypatch.setattr(search, "get_executable", lambda: failing)
    with pytest.raises(UserError) as raised:
        index_site(write_site(tmp_path / "site", stories=1))
    assert str(raised.value) == "Pagefind kunde inte bygga sökindexet. Den publicerade webbplatsen är orörd."
    assert raised.value.details == ["Error: något gick fel"]


@pytest.mark.parametrize(
    ("value", "cbor"),
    [
        (0, b"\x00"),
        (23, b"\x17"),
        (24, b"\x18\x18"),
        (255, b"\x18\xff"),
        (256, b"\x19\x01\x00"),
        (70000, b"\x1a\x00\x01\x11\x70"),
        (2**32, b"\x1b\x00\x00\x00\x01\x00\x00\x00\x00"),
        (-1, b"\x20"),
        (-241, b"\x38\xf0"),
        ("Kön", b"\x64K\xc3\xb6n"),
        (b"\x01", b"\x41\x01"),
        ([1, ["a"]], b"\x82\x01\x81\x61a"),
    ],
)
def test_cbor_in_the_shortest_form_both_ways(value: search.Cbor, cbor: bytes) -> None:
    assert encode(value) == cbor
    assert decode(cbor) == (value, len(cbor))


def test_a_file_not_of_pagefind_is_refused() -> None:
    with pytest.raises(ValueError, match="not a file of Pagefind's"):
        decode_file(gzip.compress(b'{"url": "/"}'))
    assert decode_file(encode_file(["a", [1, 2]])) == ["a", [1, 2]]
