"""Results remembered between builds: the same as checking again, and never for changed bytes."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path

import pytest

import generator.cache.memo
import generator.intake.validate
from generator.cache.codec import from_json, to_json
from generator.cache.memo import (
    Memo,
    Stage,
    generator_fingerprint,
    memo_key,
    package_versions,
)
from generator.intake.validate import Checked, check_story_file, validate_folder
from generator.intake.vocabulary import load_vocabulary
from generator.model import Archive, Story, Vocabulary
from generator.pipeline import BuildOptions, build_site
from tests.conftest import FIXTURE_ARCHIVE, StoryWriter

VOCABULARY = load_vocabulary()


def remembered(stories_dir: Path, memo: Memo) -> Archive:
    """Validate a folder as the pipeline does: each file's check recalled from the memo, or made."""

    def check_all(files: Sequence[tuple[Path, bytes]], vocabulary: Vocabulary) -> list[Checked]:
        return Stage(memo, check_story_file, Checked, vocabulary).recall_each(files)

    return validate_folder(stories_dir, VOCABULARY, check_all)


def test_a_remembered_archive_equals_a_checked_one(tmp_path: Path) -> None:
    fresh = validate_folder(FIXTURE_ARCHIVE, VOCABULARY)
    memo = Memo(tmp_path / "memo")
    remembered(FIXTURE_ARCHIVE, memo)
    memo.save()
    assert remembered(FIXTURE_ARCHIVE, Memo(tmp_path / "memo")) == fresh


def test_every_story_field_survives_the_round_trip() -> None:
    for story in validate_folder(FIXTURE_ARCHIVE, VOCABULARY).stories:
        assert from_json(Story, to_json(story)) == story


def test_an_edited_file_is_checked_again(tmp_path: Path, stories_dir: Path, write_story: StoryWriter) -> None:
    path = write_story()
    memo = Memo(tmp_path / "memo")
    assert remembered(stories_dir, memo).errors == ()
    memo.save()
    path.write_text(path.read_text(encoding="utf-8").replace("apoteket", "070-123 45 67"), encoding="utf-8")
    errors = remembered(stories_dir, Memo(tmp_path / "memo")).errors
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


@pytest.mark.build
def test_a_second_build_uses_what_the_first_remembered(
    project: Path, stories_dir: Path, write_story: StoryWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_story()
    options = BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", "none", project / ".cache")
    build_site(options)
    kept = {path.name: path.read_bytes() for path in options.memo_dir.iterdir()}
    calls: list[str] = []
    monkeypatch.setattr(
        "generator.intake.validate.validate_story", lambda *args: calls.append("story") or (None, [])
    )
    build_site(options)
    assert calls == []
    assert {path.name: path.read_bytes() for path in options.memo_dir.iterdir()} == kept


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


@pytest.fixture
def fingerprint() -> Iterator[None]:
    """Let a test change what the fingerprint is made of: it is worked out again before and after."""
    generator_fingerprint.cache_clear()
    yield
    generator_fingerprint.cache_clear()


def with_version(monkeypatch: pytest.MonkeyPatch, package: str, version: str) -> None:
    """Make importlib.metadata report another version of one installed package, as after an upgrade."""
    real = metadata.distribution

    class Upgraded(metadata.PathDistribution):
        @property
        def version(self) -> str:
            return version

    def distribution(name: str) -> metadata.Distribution:
        found = real(name)
        if found.metadata["Name"].lower() == package and isinstance(found, metadata.PathDistribution):
            return Upgraded(found._path)  # type: ignore[attr-defined]
        return found

    monkeypatch.setattr(metadata, "distribution", distribution)


def test_the_packages_are_every_requirement_followed_to_the_end_without_the_tools_for_development() -> None:
    names = {line.split()[0] for line in package_versions()}
    # Direct requirements, and requirements of requirements (markupsafe: Jinja2's; numpy: pandas';
    # pymdown-extensions: Material's).
    direct = {"jinja2", "pyyaml", "pandas", "mkdocs", "mkdocs-material", "gtts", "espeakng-loader"}
    assert direct | {"lameenc", "wordfreq", "markupsafe", "numpy", "pymdown-extensions", "markdown"} <= names
    assert not {"pytest", "ruff", "mypy", "playwright"} & names


@pytest.mark.usefixtures("fingerprint")
@pytest.mark.parametrize("package", ["jinja2", "markupsafe", "numpy", "pyyaml"])
def test_an_upgraded_package_changes_every_key(monkeypatch: pytest.MonkeyPatch, package: str) -> None:
    before = memo_key("page", "<html>")
    with_version(monkeypatch, package, "999.0")
    generator_fingerprint.cache_clear()
    assert memo_key("page", "<html>") != before


@pytest.mark.usefixtures("fingerprint")
@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("generator.cache.memo.platform.python_version", lambda: "3.11.99"),
        ("generator.cache.memo.yaml_parser", lambda: "yaml: pure python"),
        ("generator.cache.memo.MEMO_FORMAT", "999"),
    ],
)
def test_another_python_yaml_parser_or_memo_format_changes_every_key(
    monkeypatch: pytest.MonkeyPatch, name: str, value: object
) -> None:
    before = generator_fingerprint()
    monkeypatch.setattr(name, value)
    generator_fingerprint.cache_clear()
    assert generator_fingerprint() != before


@pytest.mark.usefixtures("fingerprint")
def test_a_new_file_in_any_sub_package_changes_the_fingerprint_and_bytecode_does_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "generator"
    shutil.copytree(
        Path(generator.cache.memo.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr("generator.cache.memo.resources.files", lambda name: package)
    first = generator_fingerprint()
    (package / "intake" / "rules").mkdir(parents=True)
    (package / "intake" / "rules" / "ny_regel.py").write_text("GRANS = 5\n")
    generator_fingerprint.cache_clear()
    second = generator_fingerprint()
    assert second != first
    (package / "intake" / "rules" / "__pycache__").mkdir()
    (package / "intake" / "rules" / "__pycache__" / "ny_regel.cpython-311.pyc").write_bytes(b"\x00")
    generator_fingerprint.cache_clear()
    assert generator_fingerprint() == second
    (package / "intake" / "rules" / "ny_regel.py").write_text("GRANS = 4\n")
    generator_fingerprint.cache_clear()
    assert generator_fingerprint() not in {first, second}


@pytest.mark.build
@pytest.mark.usefixtures("fingerprint")
def test_after_an_upgrade_a_build_checks_every_story_again(
    project: Path, stories_dir: Path, write_story: StoryWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_story(id="hbg-0001")
    write_story(id="hbg-0002")
    options = BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", "none", project / ".cache")
    build_site(options)
    checked = counted_checks(monkeypatch)
    build_site(options)
    assert checked == []
    with_version(monkeypatch, "markupsafe", "999.0")
    generator_fingerprint.cache_clear()
    build_site(options)
    assert sorted(checked) == ["hbg-0001.md", "hbg-0002.md"]


def counted_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the story files checked (not recalled from the memo), by name."""
    checked: list[str] = []
    validate_story = generator.intake.validate.validate_story
    monkeypatch.setattr(
        "generator.intake.validate.validate_story",
        lambda raw, *rest: checked.append(raw.path.name) or validate_story(raw, *rest),
    )
    return checked


def test_a_fresh_memo_recalls_nothing_and_keeps_only_what_it_found(tmp_path: Path) -> None:
    memo = Memo(tmp_path)
    memo.put("aa1", "gammalt")
    memo.put("bb1", "gammalt")
    memo.save()
    fresh = Memo(tmp_path, fresh=True)
    assert fresh.get("aa1") is None
    fresh.put("aa2", "nytt")
    fresh.save()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["aa.json"]
    assert (tmp_path / "aa.json").read_text(encoding="utf-8") == '{"aa2": "nytt"}'


def joined(item: str, first: str, second: str = "") -> str:
    """A stage with two settings, the second one new."""
    return f"{item}:{first}:{second}"


def other_stage(item: str, first: str, second: str = "") -> str:
    return f"{item}:{first}:{second}"


def test_a_stage_is_keyed_by_its_name_and_every_argument_it_is_called_with(tmp_path: Path) -> None:
    memo = Memo(tmp_path)
    keys = {
        Stage(memo, joined, str, "a").key("x"),
        Stage(memo, joined, str, "a", "b").key("x"),  # a setting added to the stage
        Stage(memo, joined, str, "a", "c").key("x"),
        Stage(memo, joined, str, "b").key("x"),
        Stage(memo, joined, str, "a").key("y"),
        Stage(memo, other_stage, str, "a").key("x"),
    }
    assert len(keys) == 6
    stage = Stage(memo, joined, str, "a", "b")
    assert stage.recall_each([("x",), ("y",)]) == ["x:a:b", "y:a:b"]
    assert stage.known(stage.key("y")) == "y:a:b"


def test_a_kept_value_is_read_back_by_the_next_build(tmp_path: Path) -> None:
    story = validate_folder(FIXTURE_ARCHIVE, VOCABULARY).stories[0]
    memo = Memo(tmp_path)
    assert memo.value("senaste", Story) is None
    memo.keep_value("senaste", story)
    memo.save()
    assert Memo(tmp_path).value("senaste", Story) == story
