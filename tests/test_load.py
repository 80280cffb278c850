from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.load import display_path, list_story_files, load_archive


def test_files_are_listed_in_nfc_order_whatever_the_file_system_says(tmp_path: Path) -> None:
    for name in ["b.md", unicodedata.normalize("NFD", "ä.md"), "a.md", "notes.txt", "README.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.md").mkdir()
    assert [unicodedata.normalize("NFC", p.name) for p in list_story_files(tmp_path)] == [
        "a.md",
        "b.md",
        "ä.md",
    ]


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("no front matter", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nid: b\n---\nText\n", encoding="utf-8")
    raws, problems = load_archive(tmp_path)
    assert [r.path.name for r in raws] == ["b.md"]
    assert [(p.path.split("/")[-1], p.line) for p in problems] == [("a.md", 1)]


def test_byte_order_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbf---\r\nid: a\r\n---\r\nText\r\n")
    raws, problems = load_archive(tmp_path)
    assert problems == []
    assert raws[0].front_matter == {"id": "a"}
    assert raws[0].body == "Text\n"


def test_display_path_is_relative_inside_the_working_folder_and_whole_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert display_path(Path("stories/a.md")) == "stories/a.md"
    assert display_path(tmp_path / "stories" / "a.md") == "stories/a.md"
    assert display_path(tmp_path / "..x" / "a.md") == "..x/a.md"
    outside = tmp_path.parent / "annan" / "a.md"
    assert display_path(outside) == str(outside)


def test_a_files_display_path_is_its_folders_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # validate_folder relies on this to work out the display path once per folder.
    (tmp_path / "arbete").mkdir()
    monkeypatch.chdir(tmp_path / "arbete")
    for folder in [
        Path("."),
        Path("stories"),
        tmp_path / "arbete",
        tmp_path / "arbete" / "s",
        tmp_path,
        tmp_path / "annan",
    ]:
        assert str(Path(display_path(folder)) / "a.md") == display_path(folder / "a.md")
