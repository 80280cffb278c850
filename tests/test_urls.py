from __future__ import annotations

import itertools
import posixpath

import pytest

from generator import urls


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("berattelser/hbg-0001.md", "grunder/religion.md", "../../grunder/religion/"),
        ("berattelser/hbg-0001.md", "berattelser/index.md", "../"),
        ("berattelser/index.md", "berattelser/hbg-0001.md", "hbg-0001/"),
        ("grunder/index.md", "grunder/kon.md", "kon/"),
        ("planen/atgard-03.md", "planen/index.md", "../"),
        ("planen/index.md", "index.md", "../"),
        ("index.md", "planen/index.md", "planen/"),
    ],
)
def test_relative_url_matches_mkdocs_directory_urls(source: str, target: str, expected: str) -> None:
    assert urls.relative_url(source, target) == expected


def test_page_paths() -> None:
    assert urls.story_page("hbg-0001") == "berattelser/hbg-0001.md"
    assert urls.term_page("arenas", "skola") == "arenor/skola.md"
    assert urls.terms_index_page("experiences") == "upplevelser/index.md"
    assert urls.measure_page(3) == "planen/atgard-03.md"


def test_relative_path_agrees_with_posixpath_relpath_for_paths_in_the_site() -> None:
    parts = ["", ".", "a", "b", "berattelser", "hbg-0001", "ljud", "x.mp3"]
    paths = {"/".join(p for p in combination if p) for combination in itertools.product(parts, repeat=3)}
    for path in paths:
        for start in paths:
            expected = posixpath.relpath(path or ".", start or ".")
            assert urls.relative_path(path, start) == expected, (path, start)


@pytest.mark.parametrize(
    ("address", "story_id"),
    [
        ("berattelser/hbg-0001/", "hbg-0001"),
        ("berattelser/hbg-0001", "hbg-0001"),
        ("https://example.se/arkiv/berattelser/bussen/#mening-2", "bussen"),
        ("ljud/hbg-0001-2-0123456789abcdef.mp3", "hbg-0001-2"),
        ("../../ljud/bussen-0123456789abcdef.vtt", "bussen"),
        ("https://ljud.example.se/ljud/bussen-0123456789abcdef.mp4", "bussen"),
        ("berattelser/index.html", None),
        ("berattelser/", None),
        ("grunder/bussen/", None),
        ("ljud/bussen.mp3", None),
        ("hbg-0007.md", None),
    ],
)
def test_the_story_an_address_leads_to(address: str, story_id: str | None) -> None:
    assert urls.story_at(address) == story_id


def test_a_readings_files_and_feed_guid_share_its_name() -> None:
    key = "0123456789abcdef" + "f" * 48
    assert urls.reading_file("hbg-0001", key, "mp3") == "ljud/hbg-0001-0123456789abcdef.mp3"
    assert urls.story_of_reading(urls.reading_name("hbg-0001-2", key)) == "hbg-0001-2"
    assert urls.story_of_reading("hbg-0001") is None


def test_a_listing_pages_podcast_feed_lies_in_its_own_folder() -> None:
    assert urls.feed_path("grunder/kon.md") == "grunder/kon/podd.xml"
    assert urls.feed_path("planen/atgard-03.md") == "planen/atgard-03/podd.xml"
    assert urls.feed_path("sprak/sr.md") == "sprak/sr/podd.xml"
    assert urls.file_url("en/index.md", urls.feed_path("sprak/en.md")) == "../sprak/en/podd.xml"


def test_print_packs_have_pages_of_their_own_under_a_generated_folder() -> None:
    assert urls.print_index_page() == "skriv-ut/index.md"
    assert urls.print_measure_page(3) == "skriv-ut/planen/atgard-03.md"
    assert urls.print_ground_page("alder") == "skriv-ut/grunder/alder.md"
    assert urls.is_generated("skriv-ut/grunder/alder.md")


@pytest.mark.parametrize(
    ("site_url", "page", "expected"),
    [
        (
            "https://berattelser.helsingborg.se/",
            "berattelser/hbg-0001.md",
            "https://berattelser.helsingborg.se/berattelser/hbg-0001/",
        ),
        ("https://stad.example.se/arkiv", "dialog.md", "https://stad.example.se/arkiv/dialog/"),
        ("https://stad.example.se/arkiv/", "index.md", "https://stad.example.se/arkiv/"),
        ("https://stad.example.se/", "planen/index.md", "https://stad.example.se/planen/"),
        (
            "https://example.github.io/arkiv/",
            "skriv-ut/index.md",
            "https://example.github.io/arkiv/skriv-ut/",
        ),
        ("", "berattelser/hbg-0001.md", ""),
    ],
)
def test_page_address_is_the_whole_published_address_or_nothing(
    site_url: str, page: str, expected: str
) -> None:
    assert urls.page_address(site_url, page) == expected


@pytest.mark.parametrize(
    ("address", "typed"),
    [
        ("https://berattelser.helsingborg.se/", "berattelser.helsingborg.se"),
        ("http://127.0.0.1:8000/", "127.0.0.1:8000"),
        ("https://example.se/arkiv/", "example.se/arkiv"),
    ],
)
def test_an_address_as_a_reader_types_it(address: str, typed: str) -> None:
    assert urls.as_typed(address) == typed
