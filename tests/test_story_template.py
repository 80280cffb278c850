"""The story template editors copy in GitHub's web interface (stories/MALL.md): a valid story once
copied, filled in as an editor would, and never read as a story where it lies."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from generator.editors.importer import UNTITLED
from generator.intake.frontmatter import split_story_file
from generator.intake.load import list_story_files
from generator.intake.validate import ALLOWED
from generator.intake.vocabulary import load_vocabulary
from tests.conftest import ROOT

TEMPLATE = ROOT / "stories" / "MALL.md"
BODY = "Jag bad om hjälp i receptionen och fick vänta längst.\n\nSedan gick jag hem.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


def copy_template(stories_dir: Path, story_id: str) -> Path:
    """Step 1 and 2 of the template: copy all of it into a new file named after the story's id."""
    path = stories_dir / f"{story_id}.md"
    shutil.copy(TEMPLATE, path)
    return path


def fill_in(path: Path, replacements: dict[str, str], body: str) -> None:
    """Step 3, as an editor does it in the browser: change whole lines, keep the explanations."""
    text = path.read_text(encoding="utf-8")
    for line, new_line in replacements.items():
        assert text.count(f"\n{line}\n") == 1, line
        text = text.replace(f"\n{line}\n", f"\n{new_line}\n")
    front_matter, _ = text.rsplit("\n---\n", 1)
    path.write_text(f"{front_matter}\n---\n{body}", encoding="utf-8")


def check(runner: CliRunner, stories_dir: Path, tmp_path: Path) -> tuple[int, str]:
    result = runner.invoke(
        cli, ["check", "--stories", str(stories_dir), "--cache-dir", str(tmp_path / "cache")]
    )
    return result.exit_code, result.stdout


def test_the_template_filled_in_as_an_editor_would_passes_check_and_can_be_approved(
    runner: CliRunner, stories_dir: Path, tmp_path: Path
) -> None:
    path = copy_template(stories_dir, "hbg-0045")
    fill_in(
        path,
        {
            "id: hbg-0000": "id: hbg-0045",
            f"title: {UNTITLED}": "title: Kön som aldrig tog slut",
            "status: draft": "status: review",
            "collected: 2025-10": "collected: 2024-03",
            "grounds: []": "grounds: [alder, funktionsnedsattning]",
            "arenas: []": "arenas: [vard-och-omsorg]",
            "experiences: []": "experiences: [krankande-behandling]",
            "measures: []": "measures: [3, 12]",
            "content_warnings: []": "content_warnings: [nedsattande-ord]",
            "# response_id: r0099": "response_id: r0099",
            "# featured: true": "featured: true",
        },
        BODY,
    )
    assert check(runner, stories_dir, tmp_path) == (
        0,
        "Inga fel, men 1 varning att titta på (se ovan). 1 berättelser, varav 0 godkända.\n",
    )
    approve = [
        "approve",
        "hbg-0045",
        "--by",
        "redaktor-anna",
        "--on",
        "2026-03-14",
        "--stories",
        str(stories_dir),
    ]
    assert runner.invoke(cli, approve).exit_code == 0
    assert check(runner, stories_dir, tmp_path) == (
        0,
        "Inga fel, men 1 varning att titta på (se ovan). 1 berättelser, varav 1 godkända.\n",
    )
    written = split_story_file(path.read_text(encoding="utf-8"))
    assert (
        written.values["grounds"] == ["alder", "funktionsnedsattning"] and written.values["featured"] is True
    )
    assert written.body == BODY
    assert "# Hela guiden, steg för steg: stories/README.md." in path.read_text(encoding="utf-8")


def test_the_template_copied_unchanged_but_for_its_id_is_a_draft_that_passes_check(
    runner: CliRunner, stories_dir: Path, tmp_path: Path
) -> None:
    fill_in(copy_template(stories_dir, "hbg-0046"), {"id: hbg-0000": "id: hbg-0046"}, BODY)
    assert check(runner, stories_dir, tmp_path)[0] == 0
    values = split_story_file((stories_dir / "hbg-0046.md").read_text(encoding="utf-8")).values
    assert values["status"] == "draft"


def test_the_template_beside_the_stories_is_not_a_story(
    runner: CliRunner, stories_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(TEMPLATE, stories_dir / TEMPLATE.name)
    fill_in(copy_template(stories_dir, "hbg-0047"), {"id: hbg-0000": "id: hbg-0047"}, BODY)
    assert list_story_files(stories_dir) == [stories_dir / "hbg-0047.md"]
    assert check(runner, stories_dir, tmp_path)[1].endswith(" 1 berättelser, varav 0 godkända.\n")


def test_the_template_explains_every_field_and_every_word_an_editor_may_write() -> None:
    template = TEMPLATE.read_text(encoding="utf-8")
    explained = set(re.findall(r"(?m)^# ?([a-z_]+):", template)) | set(
        re.findall(r"\b([a-z]+_[a-z_]+)\b", template)
    )
    assert [field for field in ALLOWED if field not in explained] == []
    vocabulary = load_vocabulary()
    for group in [vocabulary.grounds, vocabulary.arenas, vocabulary.experiences, vocabulary.content_warnings]:
        assert [key for key in group if not re.search(rf"[\s,\[]{key}[,.\s\]]", template)] == []
    assert [code for code in vocabulary.languages if f" {code} (" not in template] == []


def test_the_templates_title_is_the_imports_placeholder_and_its_status_a_draft() -> None:
    values = split_story_file(TEMPLATE.read_text(encoding="utf-8")).values
    assert values["title"] == UNTITLED
    assert values["status"] == "draft"
