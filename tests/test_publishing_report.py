"""`check --report-md --base`: the pull request's report, compared with a real git ref."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from generator.editors.report import MARKER, PREVIEW_ARTIFACT, ToRead, compare, render_report
from generator.model import Problem, Severity
from tests.conftest import StoryWriter


def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(
    tmp_path: Path, stories_dir: Path, write_story: StoryWriter, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A git repository whose base commit has three approved stories and a draft, as the working
    folder: the report reads mkdocs.yml and .cache/ from there, never the project's own."""
    write_story(id="hbg-0001")
    write_story(id="hbg-0002")
    write_story(id="hbg-0003")
    write_story(id="hbg-0004", status="draft")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_report_lists_new_changed_and_withdrawn_by_id_with_masked_flags(
    repository: Path,
    stories_dir: Path,
    write_story: StoryWriter,
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_story(id="hbg-0001", body="Ett ändrat stycke.\n")
    write_story(id="hbg-0002", status="withdrawn")
    write_story(id="hbg-0004", body="Ring 070-123 45 67.\n")  # draft → approved, with a phone number
    monkeypatch.chdir(project)  # its mkdocs.yml names the site; its .cache/ holds no readings
    report = repository / "rapport.md"
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["check", "--stories", str(stories_dir), "--report-md", str(report), "--base", "main"]
    )
    assert result.exit_code == 1
    text = report.read_text(encoding="utf-8")
    assert "- Nya: 1 (hbg-0004)" in text
    assert "- Ändrade: 1 (hbg-0001)" in text
    assert "- Tas bort från webbplatsen: 1 (hbg-0002)" in text
    assert "telefonnummer '070-1** ** 67'" in text
    assert "123 45 67" not in text + result.stdout + result.stderr
    assert "berättelser behöver läsas upp" in text
    assert "tal visas inte" in text or "Ingen enkätexport" in text


def test_an_unknown_ref_is_a_clear_error(repository: Path, stories_dir: Path) -> None:
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["check", "--stories", str(stories_dir), "--base", "nope"]
    )
    assert result.exit_code == 1 and "git kunde inte läsa" in result.stderr


def test_compare_ignores_drafts_and_unreadable_files() -> None:
    approved = b"---\nstatus: approved\n---\nx\n"
    changes = compare(
        "main",
        {"a.md": approved, "b.md": b"---\nstatus: draft\n---\n", "c.md": b"no front matter"},
        {"a.md": approved, "b.md": approved, "c.md": approved},
    )
    assert (changes.new, changes.changed, changes.withdrawn) == (("b", "c"), (), ())


def test_a_message_cannot_break_out_of_its_code_block() -> None:
    problem = Problem("x.md", 1, "title", "Väntade ```\n# Rubrik", Severity.ERROR)
    report = render_report(None, [problem], 0, ToRead(()), None)
    assert "````text" in report


def check_against_main(stories_dir: Path, report: Path) -> tuple[int, str]:
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["check", "--stories", str(stories_dir), "--report-md", str(report), "--base", "main"]
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout + result.stderr


EDITED = "Ett nytt stycke som ingen har godkänt.\n"


def test_deleting_the_hash_while_editing_the_text_stops_the_pull_request_and_leads_the_report(
    repository: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(id="hbg-0002", body=EDITED, approved_hash=None)
    report = repository / "rapport.md"
    code, output = check_against_main(stories_dir, report)
    assert code == 1
    assert (
        "stories/hbg-0002.md:4: approved_hash: Saknar nytt godkännande: texten har ändrats sedan "
        "main, men approved_hash saknas. Det som publiceras ska vara precis det en redaktör har godkänt. "
        "Läs igenom berättelsen och godkänn den: python -m generator approve hbg-0002 --by NAMN"
    ) in output
    text = report.read_text(encoding="utf-8")
    assert text.split("\n")[:5] == [
        "# Publiceringsrapport",
        "",
        "## Ändrat utan nytt godkännande",
        "",
        "**1 godkänd berättelse har inte godkänts som den ser ut nu. Inget publiceras förrän en "
        "redaktör har läst den och godkänt den med approve.**",
    ]
    assert text.count("Saknar nytt godkännande") == 1
    assert "ingen har godkänt" not in text + output
    # The build alone cannot tell this from a story approved before approve wrote hashes.
    alone = CliRunner(mix_stderr=False).invoke(cli, ["check", "--stories", str(stories_dir)])
    assert alone.exit_code == 0 and "Godkänd utan hash" in alone.stderr


def test_a_stale_hash_leads_the_report_too(
    repository: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    old_hash = (
        (stories_dir / "hbg-0003.md").read_text(encoding="utf-8").split("approved_hash: ")[1].split()[0]
    )
    write_story(id="hbg-0003", title="En ny rubrik", approved_hash=old_hash)
    report = repository / "rapport.md"
    code, output = check_against_main(stories_dir, report)
    assert code == 1 and "hbg-0003.md:12: approved_hash: Ändrad efter godkännandet" in output
    top, rest = report.read_text(encoding="utf-8").split("**1 fel:", 1)
    assert "hbg-0003.md:12: approved_hash: Ändrad efter godkännandet" in top
    assert "Ändrad efter godkännandet" not in rest


def test_approving_the_edited_story_again_lets_the_pull_request_through(
    repository: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(id="hbg-0002", body=EDITED, title="En ny rubrik", approved_hash=None)
    write_story(id="hbg-0005", approved_hash=None)  # new, approved by hand
    report = repository / "rapport.md"
    assert check_against_main(stories_dir, report)[0] == 1
    for story_id in ("hbg-0002", "hbg-0005"):
        approved = CliRunner(mix_stderr=False).invoke(
            cli, ["approve", story_id, "--by", "redaktor-bo", "--stories", str(stories_dir)]
        )
        assert approved.exit_code == 0, approved.stderr
    code, output = check_against_main(stories_dir, report)
    assert code == 0, output
    text = report.read_text(encoding="utf-8")
    assert "Ändrat utan nytt godkännande" not in text
    assert "- Nya: 1 (hbg-0005)" in text and "- Ändrade: 1 (hbg-0002)" in text


def test_the_report_says_where_each_story_of_the_pull_request_stands(
    repository: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(id="hbg-0001", body="En ändrad text, godkänd på nytt.\n", approved_on="2026-04-02")
    write_story(id="hbg-0002", body="En ändrad text som ingen har godkänt.\n", approved_hash=None)
    (stories_dir / "hbg-0003.md").unlink()
    write_story(id="hbg-0004", status="review")
    write_story(id="hbg-0005", status="draft")
    write_story(id="hbg-0006", status="withdrawn")
    write_story(id="hbg-0007", status="Approved")
    report = repository / "rapport.md"
    code, _ = check_against_main(stories_dir, report)
    assert code == 1
    text = report.read_text(encoding="utf-8")
    section = text.split("## Godkännanden\n\n")[1].split("\n\n## ")[0]
    assert section.splitlines() == [
        "Varje berättelse som pull requesten ändrar:",
        "",
        "- hbg-0001: godkänd 2026-04-02",
        "- hbg-0002: godkänd, men stoppad av fel (se nedan)",
        "- hbg-0003: borttagen ur förrådet",
        "- hbg-0004: under granskning: inte godkänd än",
        "- hbg-0005: utkast: publiceras inte",
        "- hbg-0006: tillbakadragen: publiceras inte",
        "- hbg-0007: har fel (se nedan) eller är borttagen ur förrådet",
    ]


def test_without_a_base_the_report_has_no_approvals_and_ends_with_the_preview_and_its_marker(
    repository: Path, stories_dir: Path
) -> None:
    report = repository / "rapport.md"
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        [
            *("check", "--stories", str(stories_dir), "--report-md", str(report)),
            *("--preview-url", "https://github.com/stad/arkiv/actions/runs/42"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert "## Godkännanden" not in text
    preview = text.split("## Förhandsvisning\n\n")[1]
    assert preview == (
        "Webbplatsen som den blir finns i [körningen](https://github.com/stad/arkiv/actions/runs/42) som "
        f"artefakten `{PREVIEW_ARTIFACT}`, när bygget är klart. Ladda ner den, packa upp den och öppna "
        f"`index.html`, eller kör `python3 -m http.server -d {PREVIEW_ARTIFACT}` och gå till "
        "http://127.0.0.1:8000/. Den publiceras inte förrän pull requesten är godkänd och sammanslagen.\n"
        f"\n{MARKER}\n"
    )
    assert text.count(MARKER) == 1
