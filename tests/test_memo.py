"""Results remembered between builds: the same as checking again, and never for changed bytes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator.build import BuildOptions, build_site
from generator.memo import Memo, memo_key, story_from_json, story_to_json
from generator.validate import validate_folder
from generator.vocabulary import load_vocabulary
from tests.conftest import FIXTURE_ARCHIVE, StoryWriter

VOCABULARY = load_vocabulary()


def test_a_remembered_archive_equals_a_checked_one(tmp_path: Path) -> None:
    fresh = validate_folder(FIXTURE_ARCHIVE, VOCABULARY, Memo(None))
    memo = Memo(tmp_path / "memo")
    validate_folder(FIXTURE_ARCHIVE, VOCABULARY, memo)
    memo.save()
    assert validate_folder(FIXTURE_ARCHIVE, VOCABULARY, Memo(tmp_path / "memo")) == fresh


def test_every_story_field_survives_the_round_trip() -> None:
    for story in validate_folder(FIXTURE_ARCHIVE, VOCABULARY, Memo(None)).stories:
        assert story_from_json(story_to_json(story)) == story


def test_an_edited_file_is_checked_again(tmp_path: Path, stories_dir: Path, write_story: StoryWriter) -> None:
    path = write_story()
    memo = Memo(tmp_path / "memo")
    assert validate_folder(stories_dir, VOCABULARY, memo).errors == ()
    memo.save()
    path.write_text(path.read_text(encoding="utf-8").replace("apoteket", "070-123 45 67"), encoding="utf-8")
    errors = validate_folder(stories_dir, VOCABULARY, Memo(tmp_path / "memo")).errors
    assert any("telefonnummer" in error.message for error in errors)


def test_keys_separate_their_parts() -> None:
    assert memo_key("ab", "c") != memo_key("a", "bc")


def test_a_damaged_memo_file_is_only_forgotten(tmp_path: Path) -> None:
    (tmp_path / "xa.json").write_bytes(b"\xff{not json")
    (tmp_path / "ya.json").write_text('{"ya": 1}', encoding="utf-8")
    memo = Memo(tmp_path)
    assert memo.get("xa") is None
    assert memo.get("ya") == 1


def test_saving_writes_only_the_files_whose_entries_changed(tmp_path: Path) -> None:
    memo = Memo(tmp_path)
    for key in ("aa1", "aa2", "bb1", "cc1"):
        memo.put(key, key.upper())
    memo.save()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["aa.json", "bb.json", "cc.json"]
    for path in tmp_path.iterdir():
        path.write_text(path.read_text(encoding="utf-8") + " ", encoding="utf-8")  # marks the file as read
    memo = Memo(tmp_path)
    assert [memo.get(key) for key in ("aa1", "aa2", "bb1")] == ["AA1", "AA2", "BB1"]
    memo.put("dd1", "DD1")
    memo.save()
    after = {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()}
    # Unchanged: aa and bb, whose entries were all used. Gone: cc, whose only entry was not.
    assert after["aa.json"].endswith(" ") and after["bb.json"].endswith(" ")
    assert "cc.json" not in after
    assert after["dd.json"] == '{"dd1": "DD1"}'
    memo = Memo(tmp_path)
    assert memo.get("aa1") == "AA1"  # the other of aa's two entries is forgotten: aa is written again
    memo.save()
    assert (tmp_path / "aa.json").read_text(encoding="utf-8") == '{"aa1": "AA1"}'


def test_entries_in_the_single_file_of_earlier_versions_are_moved(tmp_path: Path) -> None:
    (tmp_path / "checks.json").write_text('{"aa1": 1, "bb1": 2}', encoding="utf-8")
    memo = Memo(tmp_path)
    assert memo.get("aa1") == 1 and memo.get("bb1") == 2
    memo.save()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["aa.json", "bb.json"]
    assert Memo(tmp_path).get("bb1") == 2


def test_a_second_build_uses_what_the_first_remembered(
    project: Path, stories_dir: Path, write_story: StoryWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_story()
    options = BuildOptions(
        stories_dir,
        project / "site",
        project / "mkdocs.yml",
        "none",
        project / ".cache",
        memo_dir=project / "memo",
    )
    build_site(options)
    remembered = {path.name: path.read_bytes() for path in (project / "memo").iterdir()}
    calls: list[str] = []
    monkeypatch.setattr(
        "generator.validate.validate_story", lambda *args: calls.append("story") or (None, [])
    )
    build_site(options)
    assert calls == []
    assert {path.name: path.read_bytes() for path in (project / "memo").iterdir()} == remembered


def test_reading_a_memo_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "k.json"
    path.write_text('{"k": [1, 2]}', encoding="utf-8")
    assert gc.isenabled()
    assert Memo(tmp_path).get("k") == [1, 2]
    assert gc.isenabled()
    path.write_bytes(b"{damaged")
    gc.disable()
    try:
        assert Memo(tmp_path).get("k") is None
        assert not gc.isenabled()
    finally:
        gc.enable()
