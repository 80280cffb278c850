from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from tests.conftest import FIXTURE_ARCHIVE, ROOT, StoryWriter


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


@pytest.mark.parametrize("command", [[], ["build"], ["check"]])
def test_every_command_has_help(runner: CliRunner, command: list[str]) -> None:
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_build_help_names_its_options(runner: CliRunner) -> None:
    output = runner.invoke(cli, ["build", "--help"]).output
    assert "--stories" in output and "--site-dir" in output and "--config" in output


def test_every_command_is_in_the_readme(runner: CliRunner) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:  # type: ignore[attr-defined]
        assert f"python -m generator {name}" in readme


def test_check_of_a_good_archive_exits_zero(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", "--stories", str(FIXTURE_ARCHIVE)])
    assert result.exit_code == 0
    assert result.stdout == "Allt ser bra ut: 6 berättelser, varav 3 godkända.\n"


def test_check_of_a_bad_archive_lists_every_problem_and_exits_one(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(id="hbg-0001", status="Approved")
    write_story(id="hbg-0002", arenas=["simhall"])
    result = runner.invoke(cli, ["check", "--stories", str(stories_dir)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Hittade 2 fel i 2 filer. Rätta felen och kör check igen."
    assert lines[1].endswith(
        "hbg-0001.md:4: status: Väntade exakt ett av orden draft, review, approved, withdrawn, men fick 'Approved'."
    )
    assert lines[2].endswith(
        "hbg-0002.md:10: arenas: Väntade nycklar ur ordlistan: annat, arbetsliv, bostad, "
        "butik-och-service, fritid, internet, kollektivtrafik, myndigheter, offentlig-miljo, "
        "skola, vard-och-omsorg, men fick 'simhall'."
    )
    assert "Traceback" not in result.output


def test_check_of_a_missing_folder_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", "--stories", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Hittar ingen mapp med berättelser:")


def test_build_prints_a_summary_line(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["build", "--stories", str(FIXTURE_ARCHIVE), "--voice", "espeak"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Klart: 3 berättelser publicerade, 3 inte publicerade. Uppläsningar: 3 nya, 0 återanvända. "
        "Sidor: 72 skrivna, 0 oförändrade, 0 borttagna. Webbplatsen finns i site/.\n"
    )
    assert (project / "site" / "index.html").is_file()


def test_build_fresh_reads_everything_aloud_again_and_writes_only_what_differs(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    command = ["build", "--stories", str(FIXTURE_ARCHIVE), "--voice", "espeak"]
    assert runner.invoke(cli, command).exit_code == 0
    result = runner.invoke(cli, [*command, "--fresh"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Klart: 3 berättelser publicerade, 3 inte publicerade. Uppläsningar: 3 nya, 0 återanvända. "
        "Sidor: 0 skrivna, 72 oförändrade, 0 borttagna. Webbplatsen finns i site/.\n"
    )


def test_build_shows_warnings_but_goes_on(
    runner: CliRunner, project: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(body="Text med\u200b osynligt tecken.\n")
    result = runner.invoke(
        cli,
        [
            "build",
            "--stories",
            str(stories_dir),
            "--config",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(project / "site"),
        ],
    )
    assert result.exit_code == 0
    assert "1 varningar" in result.stderr
    assert "Texten innehåller 1 osynliga tecken med noll bredd." in result.stderr
