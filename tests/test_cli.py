from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import generator.audio.film
from generator import pipeline
from generator.__main__ import cli
from generator.intake.vocabulary import load_vocabulary, vocabulary_warnings
from tests.conftest import FIXTURE_ARCHIVE, PERSONAL_VALUES, ROOT, StoryWriter, assert_nothing_raw
from tests.test_vocabulary import ALL_FILLED_IN, vocabulary_with_titles

# What check and build say while the plan's measure titles are placeholders, as the bundled
# vocabulary's are (its exact words: tests/test_vocabulary.py).
MEASURES_WARNING = "  varning: " + vocabulary_warnings(load_vocabulary())[0].format()


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


def readme_command_table() -> list[tuple[str, str, str]]:
    """The rows of the README's table under "Kommandon": each command's name, its usage and what it does."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Kommandon\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"(?m)^\| `python -m generator (\S+)([^`]*)` \| (.*) \|$", section)


def test_every_command_has_one_row_in_the_readmes_command_table() -> None:
    rows = readme_command_table()
    assert sorted(name for name, _, _ in rows) == sorted(cli.commands)  # type: ignore[attr-defined]
    for name, usage, what in rows:
        assert what.strip(), name
        for argument in cli.commands[name].params:  # type: ignore[attr-defined]
            if isinstance(argument, click.Argument):
                assert argument.human_readable_name in usage, (name, argument.name)


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]  # type: ignore[no-any-return]


def test_version_is_the_installed_package_as_pyproject_declares_it(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"{pyproject()['name']}, version {pyproject()['version']}\n"


def test_version_of_a_checkout_that_is_not_installed_says_so_and_how_to_install(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == (
        "berattelsearkivet, okänd version: paketet är inte installerat. Kör make för att installera det.\n"
    )


def test_the_installed_command_is_this_command_line() -> None:
    scripts = pyproject()["scripts"]
    assert list(scripts) == ["berattelsearkivet"]
    entry_point = metadata.EntryPoint("berattelsearkivet", scripts["berattelsearkivet"], "console_scripts")
    assert entry_point.load() is cli


def test_check_of_a_good_archive_exits_zero_and_its_last_line_names_the_warnings_above(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["check", "--stories", str(FIXTURE_ARCHIVE), "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == [
        "8 varningar (bygget fortsätter, men se över dem):",
        MEASURES_WARNING,
    ]
    assert (
        result.stdout
        == "Inga fel, men 8 varningar att titta på (se ovan). 6 berättelser, varav 3 godkända.\n"
    )


def test_check_with_several_warnings_says_how_many_on_its_last_line(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter, tmp_path: Path
) -> None:
    write_story(id="hbg-0001")
    write_story(id="hbg-0002", status="draft", body="Min chef Göran sa det igen.\n")
    write_story(id="hbg-0003", status="review", body="Jag bad om hjälp.\u200b\n")
    result = runner.invoke(cli, ["check", "--stories", str(stories_dir), "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "3 varningar (bygget fortsätter, men se över dem):"
    assert (
        result.stdout
        == "Inga fel, men 3 varningar att titta på (se ovan). 3 berättelser, varav 1 godkända.\n"
    )
    assert_nothing_raw(result.output + result.stderr)


@pytest.mark.parametrize(
    ("draft_body", "warning_lines", "last_line"),
    [
        ("Jag bad om hjälp.\n", 0, "Allt ser bra ut: 2 berättelser, varav 1 godkända.\n"),
        (
            "Min chef Göran sa det igen.\n",
            2,
            "Inga fel, men 1 varning att titta på (se ovan). 2 berättelser, varav 1 godkända.\n",
        ),
    ],
)
def test_check_says_all_is_well_only_when_there_is_no_warning(
    runner: CliRunner,
    stories_dir: Path,
    write_story: StoryWriter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    draft_body: str,
    warning_lines: int,
    last_line: str,
) -> None:
    monkeypatch.setattr(pipeline, "load_vocabulary", lambda: vocabulary_with_titles(ALL_FILLED_IN))
    write_story(id="hbg-0001")
    write_story(id="hbg-0002", status="draft", body=draft_body)
    result = runner.invoke(cli, ["check", "--stories", str(stories_dir), "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0
    assert result.stdout == last_line
    assert len(result.stderr.splitlines()) == warning_lines


def test_check_of_a_bad_archive_lists_every_problem_and_exits_one(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(id="hbg-0001", status="Approved")
    write_story(id="hbg-0002", arenas=["simhall"])
    result = runner.invoke(cli, ["check", "--stories", str(stories_dir)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == ["1 varning (bygget fortsätter, men se över den):", MEASURES_WARNING]
    lines = lines[2:]
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


@pytest.mark.build
def test_build_prints_a_summary_line(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["build", "--stories", str(FIXTURE_ARCHIVE), "--voice", "espeak"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Klart: 3 berättelser publicerade, 3 inte publicerade. Uppläsningar: 3 nya, 0 återanvända. "
        "Sidor: 117 skrivna, 0 oförändrade, 0 borttagna. Webbplatsen finns i site/.\n"
    )
    assert (project / "site" / "index.html").is_file()


@pytest.mark.build
def test_build_says_which_stories_got_no_film_and_why(
    runner: CliRunner, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, stories)
    for name in ("fx-sv-approved.md", "fx-ar-approved.md"):
        text = (stories / name).read_text(encoding="utf-8")
        (stories / name).write_text(
            text.replace("\nstatus:", "\nfeatured: true\nstatus:", 1), encoding="utf-8"
        )
    monkeypatch.setattr(generator.audio.film, "FONT_FOLDER", tmp_path / "inga-typsnitt")
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["build", "--stories", str(stories), "--voice", "espeak"])
    assert result.exit_code == 0, result.output
    missing = tmp_path / "inga-typsnitt" / "DejaVuSans.ttf"
    assert (
        "Ingen film för fx-ar-approved, fx-sv-approved (sidan visas utan): filmerna behöver typsnittet "
        f"DejaVu Sans i {tmp_path / 'inga-typsnitt'} ([Errno 2] No such file or directory: '{missing}'). "
        "Installera det med: sudo apt-get install fonts-dejavu-core\n"
    ) in result.stderr
    assert not list((project / "site").rglob("*.mp4"))


@pytest.mark.build
def test_build_with_properdocs_builds_the_same_way_and_names_it_in_the_generator_tag(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    command = ["build", "--stories", str(FIXTURE_ARCHIVE), "--voice", "none", "--engine", "properdocs"]
    result = runner.invoke(cli, command)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Klart: 3 berättelser publicerade, 3 inte publicerade. Uppläsningar: 0 nya, 0 återanvända. "
        "Sidor: 117 skrivna, 0 oförändrade, 0 borttagna. Webbplatsen finns i site/.\n"
    )
    assert '<meta name="generator" content="mkdocs-ProperDocs ' in (
        project / "site" / "index.html"
    ).read_text(encoding="utf-8")


def test_build_refuses_an_engine_it_does_not_know(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", "--engine", "zensical"])
    assert result.exit_code == 2
    assert "Invalid value for '--engine': 'zensical' is not one of 'mkdocs', 'properdocs'." in result.stderr


@pytest.mark.build
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
        "Sidor: 0 skrivna, 117 oförändrade, 0 borttagna. Webbplatsen finns i site/.\n"
    )


@pytest.mark.build
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
    assert "2 varningar" in result.stderr
    assert MEASURES_WARNING in result.stderr
    assert "Texten innehåller 1 osynliga tecken med noll bredd." in result.stderr


def run_generator(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a new process, as an editor or CI does."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=environment, capture_output=True, text=True
    )


LINK = (
    "Väntade en vanlig fil, men fick en symbolisk länk. Berättelser läses bara från vanliga filer "
    "direkt i mappen: lägg själva filen här i stället för länken."
)


def _complex_key(stories_dir: Path) -> str:
    (stories_dir / "hbg-0009.md").write_text(
        "---\nid: hbg-0009\n? [a, b]\n: x\n---\nText\n", encoding="utf-8"
    )
    return (
        "stories/hbg-0009.md:3: Väntade ett fältnamn, ett ord följt av kolon, men fick en lista, en samling "
        "fält eller en sammanslagning (?, <<) som namn. Skriv fältet som 'namn: värde'."
    )


def _five_megabytes(stories_dir: Path) -> str:
    (stories_dir / "hbg-0009.md").write_text(
        "---\nid: hbg-0009\n---\n" + "Text. " * 900_000, encoding="utf-8"
    )
    return (
        "stories/hbg-0009.md: Filen är större än 200 000 byte, så den läses inte: en berättelse får vara högst "
        "30 000 tecken. Dela berättelsen i två berättelser (med var sitt id) eller korta den."
    )


def _symlink(stories_dir: Path) -> str:
    target = stories_dir.parent / "utanfor.md"
    target.write_text("---\nid: hbg-0009\n---\nText\n", encoding="utf-8")
    (stories_dir / "hbg-0009.md").symlink_to(target)
    return f"stories/hbg-0009.md: {LINK}"


def _upper_case_ending(stories_dir: Path) -> str:
    (stories_dir / "hbg-0009.MD").write_text("---\nid: hbg-0009\n---\nText\n", encoding="utf-8")
    return (
        "stories/hbg-0009.MD: Berättelsefiler slutar på .md med små bokstäver, så den här läses inte. "
        "Byt namn till hbg-0009.md."
    )


@pytest.mark.parametrize("make_bad_file", [_complex_key, _five_megabytes, _symlink, _upper_case_ending])
def test_check_reports_a_bad_file_and_every_other_and_exits_one_without_a_traceback(
    stories_dir: Path, write_story: StoryWriter, make_bad_file: Callable[[Path], str]
) -> None:
    write_story()
    write_story(id="hbg-0002", status="Approved")
    expected = make_bad_file(stories_dir)
    done = run_generator("check", "--stories", "stories", cwd=stories_dir.parent)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.splitlines() == [
        "1 varning (bygget fortsätter, men se över den):",
        MEASURES_WARNING,
        "Hittade 2 fel i 2 filer. Rätta felen och kör check igen.",
        "  stories/hbg-0002.md:4: status: Väntade exakt ett av orden draft, review, approved, withdrawn, "
        "men fick 'Approved'.",
        f"  {expected}",
    ]


@pytest.mark.build
def test_check_build_and_import_print_no_personal_data_from_any_input(
    project: Path, stories_dir: Path, write_story: StoryWriter, tmp_path: Path
) -> None:
    # Every value in every cell of a survey row, a story field, a field's name and a file's name.
    cells = [",".join([f'"{value}"'] * 13) for value in PERSONAL_VALUES]
    (stories_dir / "responses.csv").write_text(
        "response_id,collected,language,grounds,arenas,experiences,frequency,reported,age_group,"
        "triad_reaction_a,triad_reaction_b,triad_reaction_c,dyad_belonging\n" + "\n".join(cells) + "\n",
        encoding="utf-8",
    )
    write_story()
    build = run_generator("build", "--stories", str(stories_dir), "--voice", "none", cwd=project)
    assert build.returncode == 0, build.stderr
    for number, value in enumerate(PERSONAL_VALUES, start=2):
        write_story(id=f"hbg-{number:04d}", status=f"{value}!", collected=f"'{value}'", arenas=[f"'{value}'"])
        (stories_dir / f"{value}.md").write_text(f"---\n'{value}': x\n---\nText\n", encoding="utf-8")
    check = run_generator("check", "--stories", str(stories_dir), cwd=project)
    failed_build = run_generator("build", "--stories", str(stories_dir), "--voice", "none", cwd=project)
    export = tmp_path / "export.csv"
    export.write_text(
        "response_id,collected,language,grounds,arenas,experiences,title,story\n"
        + "".join(",".join([f'"{value}"'] * 6) + ",,Text.\n" for value in PERSONAL_VALUES),
        encoding="utf-8",
    )
    imported = run_generator("import", str(export), "--stories", str(tmp_path / "nya"), cwd=project)
    assert (check.returncode, failed_build.returncode, imported.returncode) == (1, 1, 1)
    assert len(check.stderr.splitlines()) > 4 * len(PERSONAL_VALUES)
    for done in (build, check, failed_build, imported):
        assert "Traceback" not in done.stderr
        assert_nothing_raw(done.stdout + done.stderr)


def test_every_option_of_every_command_is_in_its_readme_row() -> None:
    for name, usage, _ in readme_command_table():
        command = cli.commands[name]
        for option in command.params:
            if isinstance(option, click.Option):
                assert option.opts[0] in usage, (name, option.opts[0])
