from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from generator.intake.load import (
    FILE_MAX_BYTES,
    list_story_files,
    load_archive,
    read_story_bytes,
    scan_story_folder,
)
from generator.model import Problem, Severity
from generator.privacy.quoting import display_path


def test_files_are_listed_in_nfc_order_whatever_the_file_system_says(tmp_path: Path) -> None:
    for name in ["b.md", unicodedata.normalize("NFD", "ä.md"), "a.md", "notes.txt", "README.md", "MALL.md"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.md").mkdir()
    assert [unicodedata.normalize("NFC", p.name) for p in list_story_files(tmp_path)] == [
        "a.md",
        "b.md",
        "ä.md",
    ]


def test_the_guide_and_the_template_beside_the_stories_are_neither_read_nor_reported(tmp_path: Path) -> None:
    for name in ["README.md", "MALL.md"]:
        (tmp_path / name).write_text("---\nid: not-a-story\n---\n", encoding="utf-8")
    assert scan_story_folder(tmp_path) == ([], [])
    assert load_archive(tmp_path) == ([], [])


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


def _scan(folder: Path) -> tuple[list[str], list[tuple[str, str, Severity]]]:
    files, problems = scan_story_folder(folder)
    return [path.name for path in files], [
        (problem.path.removeprefix(str(folder) + "/"), problem.message, problem.severity)
        for problem in problems
    ]


def test_a_symlink_named_like_a_story_is_an_error_and_is_not_read(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.md"
    target.write_text("---\nid: hbg-0001\n---\nText\n", encoding="utf-8")
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "hbg-0001.md").symlink_to(target)
    (stories / "hbg-0002.md").symlink_to(tmp_path / "missing.md")
    link = (
        "Väntade en vanlig fil, men fick en symbolisk länk. Berättelser läses bara från vanliga filer "
        "direkt i mappen: lägg själva filen här i stället för länken."
    )
    assert _scan(stories) == (
        [],
        [("hbg-0001.md", link, Severity.ERROR), ("hbg-0002.md", link, Severity.ERROR)],
    )


@pytest.mark.parametrize("name", ["hbg-0001.MD", "hbg-0001.Md", "hbg-0001.markdown", "hbg-0001.MARKDOWN"])
def test_a_story_file_with_another_ending_is_an_error_that_says_the_right_name(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / name).write_text("---\nid: hbg-0001\n---\nText\n", encoding="utf-8")
    assert _scan(tmp_path) == (
        [],
        [
            (
                name,
                "Berättelsefiler slutar på .md med små bokstäver, så den här läses inte. "
                "Byt namn till hbg-0001.md.",
                Severity.ERROR,
            )
        ],
    )


def test_a_folder_named_like_a_story_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "hbg-0001.md").mkdir()
    assert _scan(tmp_path) == (
        [],
        [
            (
                "hbg-0001.md",
                "Väntade en fil, men fick en mapp med ett namn som en berättelse. Byt namn på mappen.",
                Severity.ERROR,
            )
        ],
    )


def test_hidden_files_and_files_in_sub_folders_are_warned_about_and_not_read(tmp_path: Path) -> None:
    (tmp_path / "hbg-0001.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hbg-0002.md").write_text("x", encoding="utf-8")
    (tmp_path / "arkiv" / "gamla").mkdir(parents=True)
    (tmp_path / "arkiv" / "hbg-0003.md").write_text("x", encoding="utf-8")
    (tmp_path / "arkiv" / "gamla" / "hbg-0004.MD").write_text("x", encoding="utf-8")
    (tmp_path / "arkiv" / "README.md").write_text("x", encoding="utf-8")
    (tmp_path / "arkiv" / "bild.png").write_bytes(b"x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("x", encoding="utf-8")
    moved = f"Filer i undermappar läses inte som berättelser. Om den ska publiceras: flytta den direkt till {tmp_path}/."
    files, problems = _scan(tmp_path)
    assert files == ["hbg-0001.md"]
    assert sorted(problems) == [
        (
            ".hbg-0002.md",
            "Dolda filer (namn som börjar med punkt) läses inte som berättelser. "
            "Om det är en berättelse: ta bort punkten först i namnet.",
            Severity.WARNING,
        ),
        ("arkiv/gamla/hbg-0004.MD", moved, Severity.WARNING),
        ("arkiv/hbg-0003.md", moved, Severity.WARNING),
    ]


def test_a_file_over_the_byte_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    at_limit = tmp_path / "hbg-0001.md"
    at_limit.write_bytes(b"---\nid: hbg-0001\n---\n" + b"x" * (FILE_MAX_BYTES - 21))
    over = tmp_path / "hbg-0002.md"
    # Not even valid front matter: it is refused by its size alone, so the YAML is never read.
    over.write_bytes(b"---\n? [a, b]\n" + b"x" * FILE_MAX_BYTES)
    assert at_limit.stat().st_size == FILE_MAX_BYTES
    assert isinstance(read_story_bytes(at_limit), bytes)
    problem = read_story_bytes(over)
    assert isinstance(problem, Problem)
    assert problem.format() == (
        f"{over}: Filen är större än 200 000 byte, så den läses inte: en berättelse får vara högst "
        "30 000 tecken. Dela berättelsen i två berättelser (med var sitt id) eller korta den."
    )
    raws, problems = load_archive(tmp_path)
    assert [raw.path.name for raw in raws] == ["hbg-0001.md"]
    assert problems == [problem]


def test_a_file_that_cannot_be_read_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    problem = read_story_bytes(tmp_path)  # a folder: the same OSError as a file without permission
    assert isinstance(problem, Problem)
    assert problem.message == "Filen går inte att läsa (Is a directory). Kontrollera filen."


def test_a_file_name_that_is_not_utf8_can_be_printed(tmp_path: Path) -> None:
    name = os.fsdecode(b"hbg-\xff.md")
    (tmp_path / name).write_text("---\nid: hbg-0001\n---\nText\n", encoding="utf-8")
    files, _ = scan_story_folder(tmp_path)
    shown = display_path(files[0])
    assert shown.endswith("hbg-\ufffd.md")
    shown.encode("utf-8")  # would raise for a lone surrogate
