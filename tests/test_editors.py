"""The editors' commands end to end: approve, withdraw, clear, and what check and build say."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from generator.intake.approval import content_hash
from generator.intake.frontmatter import split_story_file
from tests.conftest import PERSONAL_VALUES, StoryWriter, assert_nothing_raw

LEAKY_BODY = (
    "Jag heter Göran Lindqvist och mitt personnummer är 19811231-1272.\n\n"
    "Ring mig på 070-123 45 67 eller skriv till goran.lindqvist@exempel.se.\n\n"
    "Jag bor på Storgatan 14 sedan länge.\n"
)
RAW_VALUES = ("Göran", "Lindqvist", "19811231-1272", "811231", "123 45 67", "goran.lindqvist", "Storgatan 14")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(mix_stderr=False)


def run(runner: CliRunner, stories_dir: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, [*args, "--stories", str(stories_dir)])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout + result.stderr


def test_check_refuses_an_approved_story_with_personal_data_and_prints_none_of_it(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(body=LEAKY_BODY)
    code, output = run(runner, stories_dir, "check")
    assert code == 1
    assert "hbg-0001.md" in output
    for kind in ("personnummer", "telefonnummer", "e-postadress", "möjligt namn", "gatuadress"):
        assert kind in output
    assert not [value for value in RAW_VALUES if value in output]


def test_build_refuses_it_too(
    runner: CliRunner,
    stories_dir: Path,
    write_story: StoryWriter,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_story(body=LEAKY_BODY)
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["build", "--stories", str(stories_dir), "--voice", "none"])
    assert result.exit_code == 1
    assert not (project / "site").exists()
    assert not [value for value in RAW_VALUES if value in result.stdout + result.stderr]


def test_a_draft_with_personal_data_is_only_a_warning(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(body=LEAKY_BODY, status="draft")
    code, output = run(runner, stories_dir, "check")
    assert code == 0
    assert "varning" in output and "personnummer" in output
    assert not [value for value in RAW_VALUES if value in output]


def test_approve_stamps_status_approver_date_and_hash_and_keeps_the_rest(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    path = write_story(status="draft", approved_by=None, approved_on=None)
    before = path.read_text(encoding="utf-8")
    code, output = run(
        runner, stories_dir, "approve", "hbg-0001", "--by", "redaktor-anna", "--on", "2026-11-25"
    )
    assert code == 0, output
    after = split_story_file(path.read_text(encoding="utf-8"))
    assert after.values["status"] == "approved"
    assert after.values["approved_by"] == "redaktor-anna"
    assert str(after.values["approved_on"]) == "2026-11-25"
    assert after.values["approved_hash"] == content_hash(
        "En vanlig dag", "sv", ("Jag diskriminerades i kön på apoteket.", "Det andra stycket.")
    )
    assert path.read_text(encoding="utf-8").split("---\n", 2)[2] == before.split("---\n", 2)[2]
    assert run(runner, stories_dir, "check")[0] == 0


def test_editing_the_text_after_approval_fails_check_naming_the_story(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    path = write_story(status="draft")
    run(runner, stories_dir, "approve", "hbg-0001", "--by", "redaktor-anna")
    path.write_text(path.read_text(encoding="utf-8").replace("apoteket", "banken"), encoding="utf-8")
    code, output = run(runner, stories_dir, "check")
    assert code == 1
    assert "hbg-0001.md" in output and "Ändrad efter godkännandet" in output
    assert run(runner, stories_dir, "approve", "hbg-0001", "--by", "redaktor-anna")[0] == 0
    assert run(runner, stories_dir, "check")[0] == 0


def test_a_story_approved_by_hand_without_hash_builds_with_a_warning(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(approved_hash=None)
    code, output = run(runner, stories_dir, "check")
    assert code == 0
    assert "approve hbg-0001" in output


def test_approve_refuses_while_personal_data_is_flagged(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    path = write_story(body=LEAKY_BODY, status="draft")
    before = path.read_bytes()
    code, output = run(runner, stories_dir, "approve", "hbg-0001", "--by", "redaktor-anna")
    assert code == 1
    assert "godkändes inte" in output
    assert path.read_bytes() == before
    assert not [value for value in RAW_VALUES if value in output]


@pytest.mark.parametrize("title", ["Berättelse utan rubrik", "  Berättelse   utan rubrik "])
def test_approve_refuses_the_imports_placeholder_title(
    runner: CliRunner, stories_dir: Path, write_safe_story: StoryWriter, title: str
) -> None:
    path = write_safe_story(status="draft", title=title, approved_by=None, approved_on=None)
    before = path.read_bytes()
    code, output = run(runner, stories_dir, "approve", "hbg-0001", "--by", "redaktor-anna")
    assert code == 1
    assert output == (
        'hbg-0001 godkändes inte: rubriken är fortfarande importens platshållare "Berättelse utan rubrik". '
        "Ge berättelsen en egen rubrik i fältet title först.\n"
    )
    assert path.read_bytes() == before


def test_a_title_that_only_begins_like_the_placeholder_is_approved(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(status="draft", title="Berättelse utan rubrik, men med en mening till")
    assert run(runner, stories_dir, "approve", "hbg-0001", "--by", "redaktor-anna")[0] == 0


def test_clear_stores_only_the_code_and_lets_the_story_pass(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    path = write_story(body="Jag träffade Zlatkovska på ett möte.\n")
    code, output = run(runner, stories_dir, "check")
    assert code == 1
    flag_code = output.split("(kod ")[1].split(")")[0]
    code, output = run(runner, stories_dir, "clear", "hbg-0001", flag_code)
    assert code == 0, output
    text = path.read_text(encoding="utf-8")
    assert f"cleared_flags: [{flag_code}]" in text
    assert text.count("Zlatkovska") == 1  # only in the story itself
    assert run(runner, stories_dir, "check")[0] == 0


def test_clear_refuses_a_code_that_is_no_flag(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story()
    code, output = run(runner, stories_dir, "clear", "hbg-0001", "0123456789ab")
    assert code == 1 and "hör inte till någon flagga" in output


@pytest.mark.build
def test_withdraw_then_build_leaves_no_page(
    runner: CliRunner,
    stories_dir: Path,
    write_story: StoryWriter,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_story()
    write_story(id="hbg-0002")
    monkeypatch.chdir(project)
    assert runner.invoke(cli, ["build", "--stories", str(stories_dir), "--voice", "none"]).exit_code == 0
    assert (project / "site" / "berattelser" / "hbg-0002" / "index.html").exists()
    code, output = run(runner, stories_dir, "withdraw", "hbg-0002", "--reason", "Berättaren bad om det.")
    assert code == 0, output
    values = split_story_file((stories_dir / "hbg-0002.md").read_text(encoding="utf-8")).values
    assert values["status"] == "withdrawn" and values["withdrawn_reason"] == "Berättaren bad om det."
    assert runner.invoke(cli, ["build", "--stories", str(stories_dir), "--voice", "none"]).exit_code == 0
    assert not (project / "site" / "berattelser" / "hbg-0002").exists()
    assert "Berättaren bad om det" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (project / "site").rglob("*") if p.is_file()
    )


def test_withdraw_works_on_a_file_with_other_errors(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(arenas=["simhall"])
    code, _ = run(runner, stories_dir, "withdraw", "hbg-0001")
    assert code == 0
    assert "status: withdrawn" in (stories_dir / "hbg-0001.md").read_text(encoding="utf-8")


def test_commands_name_a_missing_story(runner: CliRunner, stories_dir: Path) -> None:
    for command in (
        ["approve", "hbg-0404", "--by", "x"],
        ["withdraw", "hbg-0404"],
        ["clear", "hbg-0404", "a" * 12],
    ):
        code, output = run(runner, stories_dir, *command)
        assert code == 1 and "hbg-0404" in output


@pytest.mark.parametrize("value", PERSONAL_VALUES)
def test_commands_never_echo_personal_data_typed_as_an_argument(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter, value: str
) -> None:
    write_story(status="draft")
    for command in (
        ["approve", value, "--by", "x"],
        ["approve", "hbg-0001", "--by", f"{value}!"],
        ["withdraw", value],
        ["clear", "hbg-0001", value],
        ["clear", value.lower().replace(" ", "-").replace("@", "-").replace(".", "-"), "a" * 12],
    ):
        code, output = run(runner, stories_dir, *command)
        assert code == 1, command
        assert_nothing_raw(output)


def test_a_story_file_that_is_a_link_is_refused_by_every_command(
    runner: CliRunner, stories_dir: Path, write_story: StoryWriter, tmp_path: Path
) -> None:
    target = write_story(status="draft").rename(tmp_path / "elsewhere.md")
    (stories_dir / "hbg-0001.md").symlink_to(target)
    for command in (
        ["approve", "hbg-0001", "--by", "x"],
        ["withdraw", "hbg-0001"],
        ["clear", "hbg-0001", "a" * 12],
    ):
        code, output = run(runner, stories_dir, *command)
        assert (code, output) == (
            1,
            f"{stories_dir}/hbg-0001.md är en symbolisk länk. Berättelser läses bara från vanliga filer: "
            "lägg själva filen i mappen i stället för länken.\n",
        )
    assert (stories_dir / "hbg-0001.md").is_symlink()


def test_withdraw_of_a_file_that_is_not_utf8_is_a_message(runner: CliRunner, stories_dir: Path) -> None:
    (stories_dir / "hbg-0001.md").write_bytes(b"---\nid: hbg-0001\ntitle: \xff\n---\nText\n")
    code, output = run(runner, stories_dir, "withdraw", "hbg-0001")
    assert (code, output) == (1, f"{stories_dir}/hbg-0001.md: väntade text i UTF-8. Spara filen som UTF-8.\n")
