"""Results remembered between builds: the same as checking again, and never for changed bytes."""

from __future__ import annotations

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
    memo = Memo(tmp_path / "memo.json")
    validate_folder(FIXTURE_ARCHIVE, VOCABULARY, memo)
    memo.save()
    assert validate_folder(FIXTURE_ARCHIVE, VOCABULARY, Memo(tmp_path / "memo.json")) == fresh


def test_every_story_field_survives_the_round_trip() -> None:
    for story in validate_folder(FIXTURE_ARCHIVE, VOCABULARY, Memo(None)).stories:
        assert story_from_json(story_to_json(story)) == story


def test_an_edited_file_is_checked_again(tmp_path: Path, stories_dir: Path, write_story: StoryWriter) -> None:
    path = write_story()
    memo = Memo(tmp_path / "memo.json")
    assert validate_folder(stories_dir, VOCABULARY, memo).errors == ()
    memo.save()
    path.write_text(path.read_text(encoding="utf-8").replace("apoteket", "070-123 45 67"), encoding="utf-8")
    errors = validate_folder(stories_dir, VOCABULARY, Memo(tmp_path / "memo.json")).errors
    assert any("telefonnummer" in error.message for error in errors)


def test_keys_separate_their_parts() -> None:
    assert memo_key("ab", "c") != memo_key("a", "bc")


def test_a_damaged_memo_is_only_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "memo.json"
    path.write_bytes(b"\xff{not json")
    assert Memo(path).get("x") is None


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
    remembered = (project / "memo" / "checks.json").read_text(encoding="utf-8")
    calls: list[str] = []
    monkeypatch.setattr(
        "generator.validate.validate_story", lambda *args: calls.append("story") or (None, [])
    )
    build_site(options)
    assert calls == []
    assert (project / "memo" / "checks.json").read_text(encoding="utf-8") == remembered
