"""`approve-review`: an editor's approving review of a pull request stamps its stories.

Offline, in a git repository of the test's own: a base commit with the editors' list and an
approved story, and a pull request's commits on top, written by named authors. The events are
GitHub's `pull_request_review` payloads as recorded in tests/fixtures/events/, with the commit
ids of the repository under test filled in. The workflow that runs the command is read, and its
scripts are run against a local stand-in for GitHub.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from generator.editors.review import parse_editors, read_event
from generator.errors import UserError
from generator.intake.approval import approved_content, content_hash
from generator.intake.frontmatter import split_story_file
from tests.conftest import GOOD_BODY, GOOD_FIELDS, ROOT, assert_nothing_raw, front_matter_text, stamped
from tests.test_github import (
    DEPLOY,
    PINNED_USES,
    PULL_REQUEST,
    Step,
    action,
    load_workflow,
    only_step,
    run,
    steps,
    triggers,
    uses_lines,
)

EVENTS = Path(__file__).resolve().parent / "fixtures" / "events"
WORKFLOW = ROOT / ".github" / "workflows" / "approve-review.yml"

EDITORS = """\
# Redaktörerna i testets förråd.
redaktor-anna  anna.redaktor@kommun.example   # med en adress hon gör commits med
redaktor-bo
redaktor-cecilia
"""
# Authors as git records them: name and address.
DEVELOPER = ("Utvecklaren", "2001+utvecklare@users.noreply.github.com")
ANNA = ("Anna", "1001+redaktor-anna@users.noreply.github.com")
ANNA_AT_WORK = ("Anna", "anna.redaktor@kommun.example")
BO = ("Bo", "1002+Redaktor-Bo@users.noreply.github.com")  # GitHub logins match in any case
STRANGER = ("Någon", "anna.svensson@example.se")
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")
BASE_DATE = "2026-03-10T10:00:00+01:00"


@dataclass(frozen=True)
class Repository:
    """The test's git repository: its folder, the stories in it and the pull request's base."""

    root: Path
    stories: Path
    base: str


def git(root: Path, *args: str, author: tuple[str, str] = DEVELOPER) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_AUTHOR_DATE": BASE_DATE,
        "GIT_COMMITTER_NAME": author[0],
        "GIT_COMMITTER_EMAIL": author[1],
        "GIT_COMMITTER_DATE": BASE_DATE,
    }
    done = subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def commit(repository: Repository, author: tuple[str, str], message: str = "Ändring") -> str:
    git(repository.root, "add", "-A", "stories")
    git(repository.root, "commit", "-q", "-m", message, author=author)
    return git(repository.root, "rev-parse", "HEAD")


def write(stories: Path, body: str = GOOD_BODY, **changes: object) -> Path:
    """A story file as an editor writes it; keyword arguments change or drop fields."""
    fields = stamped({**GOOD_FIELDS, **changes}, body)
    fields = {key: value for key, value in fields.items() if value is not None}
    path = stories / f"{fields['id']}.md"
    path.write_text(f"---\n{front_matter_text(fields)}\n---\n{body}", encoding="utf-8")
    return path


IN_REVIEW: dict[str, object] = {"status": "review", "approved_by": None, "approved_on": None}


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repository:
    """A repository whose base (main) lists the editors and holds one approved story, as the
    working folder, so that messages name `stories/…` as an editor sees it."""
    root = tmp_path / "repo"
    stories = root / "stories"
    stories.mkdir(parents=True)
    (stories / "EDITORS").write_text(EDITORS, encoding="utf-8")
    write(stories, id="hbg-0001")
    git(root, "init", "-q", "-b", "main")
    partial = Repository(root, stories, "")
    base = commit(partial, DEVELOPER, "Bas")
    git(root, "checkout", "-q", "-b", "ny-berattelse")
    monkeypatch.chdir(root)
    return Repository(root, Path("stories"), base)


def event(
    tmp_path: Path,
    repository: Repository,
    reviewed: str,
    name: str = "approved.json",
    reviewer: str | None = None,
    submitted_at: str | None = None,
) -> Path:
    """A recorded event with the commit ids of the repository under test."""
    payload = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    payload["pull_request"]["base"]["sha"] = repository.base
    payload["pull_request"]["head"]["sha"] = reviewed
    payload["review"]["commit_id"] = reviewed
    if reviewer:
        payload["review"]["user"]["login"] = reviewer
    if submitted_at:
        payload["review"]["submitted_at"] = submitted_at
    path = tmp_path / f"event-{name}"
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Ran:
    code: int
    stdout: str
    stderr: str
    comment: str | None


def approve_review(tmp_path: Path, event_file: Path, stories: Path = Path("stories")) -> Ran:
    comment = tmp_path / "kommentar.md"
    comment.unlink(missing_ok=True)
    result = CliRunner(mix_stderr=False).invoke(
        cli,
        [
            "approve-review",
            "--event",
            str(event_file),
            "--stories",
            str(stories),
            "--comment-md",
            str(comment),
        ],
    )
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    text = comment.read_text(encoding="utf-8") if comment.exists() else None
    return Ran(result.exit_code, result.stdout, result.stderr, text)


def snapshot(stories: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(stories.iterdir())}


def short(sha: str) -> str:
    return sha[:7]


# --- an approving review by a listed editor who did not write the story ------------------------------


def test_a_listed_editor_who_did_not_write_the_story_stamps_it_and_check_then_passes(
    tmp_path: Path, repository: Repository
) -> None:
    path = write(repository.stories, id="hbg-0002", title="Kön på apoteket", **IN_REVIEW)
    head = commit(repository, ANNA)
    before = path.read_text(encoding="utf-8")

    ran = approve_review(tmp_path, event(tmp_path, repository, head))

    assert (ran.code, ran.stderr) == (0, "")
    assert ran.stdout == (
        "  stämplad: hbg-0002, godkänd av redaktor-bo 2026-03-14\nStämplade 1 berättelse som godkänd.\n"
    )
    after = path.read_text(encoding="utf-8")
    values = split_story_file(after).values
    assert values["status"] == "approved"
    assert values["approved_by"] == "redaktor-bo"
    assert str(values["approved_on"]) == "2026-03-14"
    assert values["approved_hash"] == content_hash(*approved_content("Kön på apoteket", "sv", GOOD_BODY))
    # Only the stamp's lines changed: the status line, and three new lines after it.
    stamp_lines = {"status: approved", "approved_by: redaktor-bo", "approved_on: 2026-03-14"}
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert set(added) - stamp_lines == {f"approved_hash: {values['approved_hash']}"}
    assert [line for line in before.splitlines() if line not in after.splitlines()] == ["status: review"]
    checked = CliRunner(mix_stderr=False).invoke(cli, ["check", "--stories", "stories"])
    assert checked.exit_code == 0, checked.stderr
    # The one warning is the vocabulary's: the plan's measure titles are still placeholders.
    assert (
        checked.stdout == "Inga fel, men 1 varning att titta på (se ovan). 2 berättelser, varav 2 godkända.\n"
    )


def test_a_second_run_changes_no_byte_and_says_there_is_nothing_to_stamp(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    reviewed = event(tmp_path, repository, head)
    assert approve_review(tmp_path, reviewed).code == 0
    stamped_files = snapshot(repository.stories)

    again = approve_review(tmp_path, reviewed)

    assert snapshot(repository.stories) == stamped_files
    assert (again.code, again.stderr) == (0, "")
    assert again.stdout == (
        "  redan godkänd: hbg-0002\n"
        "Inget att stämpla: berättelserna i pull requesten är redan godkända eller inte klara för granskning.\n"
    )


def test_the_same_event_run_again_after_the_stamp_was_committed_stamps_nothing(
    tmp_path: Path, repository: Repository
) -> None:
    # A re-run of the workflow: the branch now holds the bot's commit after the reviewed one.
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    reviewed = event(tmp_path, repository, head)
    assert approve_review(tmp_path, reviewed).code == 0
    commit(repository, BOT, "Godkänn berättelserna")
    stamped_files = snapshot(repository.stories)

    again = approve_review(tmp_path, reviewed)

    assert (again.code, snapshot(repository.stories)) == (0, stamped_files)
    assert "redan godkänd: hbg-0002" in again.stdout


def test_the_day_is_the_day_in_helsingborg(tmp_path: Path, repository: Repository) -> None:
    path = write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    # 23:30 UTC on the 14th is half past midnight on the 15th in Sweden (summer time: +2).
    late = event(tmp_path, repository, head, submitted_at="2026-06-14T23:30:00Z")
    assert approve_review(tmp_path, late).code == 0
    assert str(split_story_file(path.read_text(encoding="utf-8")).values["approved_on"]) == "2026-06-15"


def test_an_approved_story_changed_in_the_pull_request_is_stamped_again_by_the_reviewer(
    tmp_path: Path, repository: Repository
) -> None:
    # The author edits the published text and runs approve herself: one person is not enough.
    path = write(
        repository.stories, id="hbg-0001", body="En ny text om samma dag.\n", approved_by="redaktor-anna"
    )
    head = commit(repository, ANNA)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert ran.code == 0, ran.stderr
    values = split_story_file(path.read_text(encoding="utf-8")).values
    assert (values["approved_by"], str(values["approved_on"])) == ("redaktor-bo", "2026-03-14")


def test_stories_the_pull_request_does_not_change_in_what_it_publishes_are_left_as_they_are(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0001", arenas=["skola"])  # not what an approval covers
    write(repository.stories, id="hbg-0003", status="draft", approved_by=None, approved_on=None)
    head = commit(repository, ANNA)
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert snapshot(repository.stories) == files
    assert ran.code == 0
    assert ran.stdout == (
        "  redan godkänd: hbg-0001\n"
        "  inte klar för granskning: hbg-0003\n"
        "Inget att stämpla: berättelserna i pull requesten är redan godkända eller inte klara för granskning.\n"
    )
    assert (
        ran.comment is not None
        and "**Inte klara för granskning (`draft` eller `withdrawn`):** hbg-0003." in ran.comment
    )


def test_a_review_of_a_pull_request_that_changes_no_story_says_so_and_writes_no_comment(
    tmp_path: Path, repository: Repository
) -> None:
    (repository.root / "README.md").write_text("Kod, inga berättelser.\n", encoding="utf-8")
    git(repository.root, "add", "README.md")
    git(repository.root, "commit", "-q", "-m", "Kod", author=DEVELOPER)
    head = git(repository.root, "rev-parse", "HEAD")
    # Not even the reviewer's place in EDITORS matters: a developer reviewing code is not told off.
    ran = approve_review(tmp_path, event(tmp_path, repository, head, reviewer="utvecklare"))
    assert (ran.code, ran.comment) == (0, None)
    assert ran.stdout == "Pull requesten ändrar ingen berättelse, så det finns inget att stämpla.\n"


@pytest.mark.parametrize("state", ["commented", "changes_requested"])
def test_a_review_that_does_not_approve_does_nothing(
    tmp_path: Path, repository: Repository, state: str
) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    recorded = event(tmp_path, repository, head, name="commented.json")
    payload = json.loads(recorded.read_text(encoding="utf-8"))
    payload["review"]["state"] = state
    recorded.write_text(json.dumps(payload), encoding="utf-8")
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, recorded)
    assert (ran.code, ran.comment, snapshot(repository.stories)) == (0, None, files)
    assert ran.stdout == "Granskningen godkände inte pull requesten, så inget stämplas.\n"


# --- the rules: each refusal stamps nothing and exits non-zero with a clear message -------------------


@pytest.mark.parametrize(
    "author",
    [
        ANNA,
        ANNA_AT_WORK,
        ("anna", "1001+REDAKTOR-ANNA@users.noreply.github.com"),
        ("anna", "redaktor-anna@users.noreply.github.com"),  # GitHub's address before 2017
    ],
    ids=["github-address", "address-in-editors", "any-case", "old-github-address"],
)
def test_the_author_of_the_story_cannot_stamp_it(
    tmp_path: Path, repository: Repository, author: tuple[str, str]
) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, author)
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, event(tmp_path, repository, head, reviewer="redaktor-anna"))
    assert snapshot(repository.stories) == files
    assert (ran.code, ran.stdout) == (1, "")
    assert ran.stderr == (
        f"  inte stämplad: stories/hbg-0002.md (hbg-0002): redaktor-anna har själv ändrat filen i pull "
        f"requesten (commit {short(head)}). En annan redaktör som står i stories/EDITORS behöver granska "
        "och godkänna den.\n"
        "Ingen berättelse stämplades: 1 kunde inte stämplas.\n"
    )


def test_a_reviewer_who_wrote_any_commit_that_changed_the_story_cannot_stamp_it(
    tmp_path: Path, repository: Repository
) -> None:
    # Anna wrote it; Bo fixed a word later, then approved: the first commit is not the only one.
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    commit(repository, ANNA)
    write(repository.stories, id="hbg-0002", body="Jag diskriminerades i kön på banken.\n", **IN_REVIEW)
    head = commit(repository, BO)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert ran.code == 1
    assert f"redaktor-bo har själv ändrat filen i pull requesten (commit {short(head)})" in ran.stderr


def test_a_co_author_of_a_commit_wrote_it_too(tmp_path: Path, repository: Repository) -> None:
    # GitHub writes a trailer like this when an author accepts a reviewer's suggestion.
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    commit(repository, ANNA, f"Ändring\n\nCo-authored-by: Bo <{BO[1]}>\n")
    ran = approve_review(tmp_path, event(tmp_path, repository, git(repository.root, "rev-parse", "HEAD")))
    assert ran.code == 1
    assert "redaktor-bo har själv ändrat filen i pull requesten" in ran.stderr


def test_an_author_who_cannot_be_told_apart_from_the_reviewer_is_a_refusal_with_the_address_masked(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, STRANGER)
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert snapshot(repository.stories) == files
    assert ran.code == 1
    assert ran.stderr.splitlines()[0] == (
        f"  inte stämplad: stories/hbg-0002.md (hbg-0002): Det går inte att visa att redaktor-bo inte "
        f"skrev commit {short(head)}: adressen 'a***.********@*******.**' är ingen av GitHubs egna "
        "adresser (som slutar på @users.noreply.github.com) och står inte i stories/EDITORS. Skriv "
        "adressen på författarens rad där, i en egen pull request, eller be författaren göra sina "
        "commits med GitHubs adress."
    )
    assert "anna.svensson" not in ran.stderr + (ran.comment or "")


def test_a_reviewer_not_listed_in_editors_stamps_nothing(tmp_path: Path, repository: Repository) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, event(tmp_path, repository, head, reviewer="redaktor-dan"))
    assert snapshot(repository.stories) == files
    assert (ran.code, ran.stdout) == (1, "")
    message = (
        "redaktor-dan står inte i stories/EDITORS, så granskningen stämplar ingen berättelse. Be en "
        "redaktör som står där att granska, eller lägg till användarnamnet i stories/EDITORS i en egen "
        "pull request."
    )
    assert ran.stderr == message + "\n"
    assert ran.comment is not None and f"    {message}" in ran.comment.splitlines()


def test_a_pull_request_cannot_add_its_own_reviewer_to_editors(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    with (repository.stories / "EDITORS").open("a", encoding="utf-8") as editors:
        editors.write("redaktor-dan\n")
    head = commit(repository, ANNA)
    ran = approve_review(tmp_path, event(tmp_path, repository, head, reviewer="redaktor-dan"))
    assert ran.code == 1
    assert ran.stderr.startswith("redaktor-dan står inte i stories/EDITORS")


def test_without_editors_at_the_base_no_review_can_stamp(tmp_path: Path, repository: Repository) -> None:
    git(repository.root, "rm", "-q", "stories/EDITORS")
    git(repository.root, "commit", "-q", "-m", "Ingen lista", author=DEVELOPER)
    base = git(repository.root, "rev-parse", "HEAD")
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    without = Repository(repository.root, repository.stories, base)
    ran = approve_review(tmp_path, event(tmp_path, without, head))
    assert ran.code == 1
    assert ran.stderr == (
        f"stories/EDITORS finns inte i målgrenen (commit {short(base)}), så ingen granskning kan godkänna "
        "berättelser. Lägg till filen med redaktörernas användarnamn på GitHub i en egen pull request först.\n"
    )


LEAKY_BODY = "Jag heter Göran och ringde 070-123 45 67 till kontoret.\n"


def test_a_story_whose_personal_data_is_not_cleared_is_not_stamped_and_the_finding_is_masked(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0002", body=LEAKY_BODY, **IN_REVIEW)
    head = commit(repository, ANNA)
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert snapshot(repository.stories) == files
    assert ran.code == 1
    lines = ran.stderr.splitlines()
    assert lines[0] == (
        "  inte stämplad: stories/hbg-0002.md (hbg-0002): hbg-0002 godkändes inte: 3 möjliga "
        "personuppgifter är inte lösta."
    )
    assert [line for line in lines[1:-1] if not line.startswith("    text: Möjlig personuppgift: ")] == []
    assert "telefonnummer '070-1** ** 67'" in ran.stderr
    assert ran.comment is not None and "telefonnummer '070-1** ** 67'" in ran.comment
    assert "cleared_flags" in ran.comment
    assert_nothing_raw(ran.stdout + ran.stderr + ran.comment)
    assert "Göran" not in ran.stderr + ran.comment


def test_a_cleared_finding_no_longer_stops_the_stamp(tmp_path: Path, repository: Repository) -> None:
    write(repository.stories, id="hbg-0002", body="Jag träffade Zlatkovska på ett möte.\n", **IN_REVIEW)
    head = commit(repository, ANNA)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert ran.code == 1
    code = ran.stderr.split("(kod ")[1].split(")")[0]
    write(
        repository.stories,
        id="hbg-0002",
        body="Jag träffade Zlatkovska på ett möte.\n",
        cleared_flags=[code],
        **IN_REVIEW,
    )
    head = commit(repository, ANNA)
    assert approve_review(tmp_path, event(tmp_path, repository, head)).code == 0


def test_a_story_with_the_imports_placeholder_title_is_not_stamped(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0002", title="Berättelse utan rubrik", **IN_REVIEW)
    head = commit(repository, ANNA)
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert snapshot(repository.stories) == files
    assert ran.code == 1
    assert ran.stderr == (
        "  inte stämplad: stories/hbg-0002.md (hbg-0002): hbg-0002 godkändes inte: rubriken är "
        'fortfarande importens platshållare "Berättelse utan rubrik". Ge berättelsen en egen rubrik i '
        "fältet title först.\n"
        "Ingen berättelse stämplades: 1 kunde inte stämplas.\n"
    )


def test_a_pull_request_from_a_fork_is_never_written_to(tmp_path: Path, repository: Repository) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    files = snapshot(repository.stories)
    ran = approve_review(tmp_path, event(tmp_path, repository, head, name="from-fork.json"))
    assert snapshot(repository.stories) == files
    assert (ran.code, ran.stdout) == (1, "")
    assert ran.stderr == (
        "Pull requesten kommer från en kopia av förrådet (en fork), och en sådan skrivs aldrig till. Be "
        "en redaktör med skrivrätt att lägga ändringen på en gren i förrådet och öppna en ny pull request.\n"
    )


def test_a_story_changed_after_the_reviewed_commit_is_not_stamped(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    reviewed = commit(repository, ANNA)
    write(repository.stories, id="hbg-0002", body="En annan text än den som granskades.\n", **IN_REVIEW)
    commit(repository, ANNA)
    ran = approve_review(tmp_path, event(tmp_path, repository, reviewed))
    assert ran.code == 1
    assert ran.stderr.splitlines()[0] == (
        f"  inte stämplad: stories/hbg-0002.md (hbg-0002): Filen har ändrats efter den granskade commiten "
        f"{short(reviewed)}. Granska den senaste versionen och godkänn pull requesten igen."
    )


def test_a_history_rewritten_after_the_review_stamps_nothing(tmp_path: Path, repository: Repository) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    reviewed = commit(repository, ANNA)
    git(repository.root, "commit", "-q", "--amend", "-m", "Omskriven", author=ANNA)
    rewritten = git(repository.root, "rev-parse", "HEAD")
    ran = approve_review(tmp_path, event(tmp_path, repository, reviewed))
    assert ran.code == 1
    assert ran.stderr == (
        f"Det utcheckade (commit {short(rewritten)}) bygger inte på den granskade commiten {short(reviewed)}: "
        "historiken har skrivits om efter granskningen. Granska pull requestens senaste version och "
        "godkänn igen.\n"
    )


def test_a_commit_missing_from_a_shallow_history_is_named(tmp_path: Path, repository: Repository) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    commit(repository, ANNA)
    missing = "ab" * 20
    ran = approve_review(tmp_path, event(tmp_path, repository, missing))
    assert ran.code == 1
    assert ran.stderr == (
        f"Commit {short(missing)} finns inte i den lokala historiken. Hämta hela historiken (git fetch, "
        "eller fetch-depth: 0 i arbetsflödet) och kör igen.\n"
    )


def test_some_stamped_and_some_refused_says_both_and_exits_non_zero(
    tmp_path: Path, repository: Repository
) -> None:
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    write(repository.stories, id="hbg-0003", title="Berättelse utan rubrik", **IN_REVIEW)
    head = commit(repository, ANNA)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert ran.code == 1
    assert ran.stdout == "  stämplad: hbg-0002, godkänd av redaktor-bo 2026-03-14\n"
    assert ran.stderr.endswith("Stämplade 1 berättelse som godkänd, 1 kunde inte stämplas.\n")
    assert ran.comment is not None
    assert "**Stämplade:** hbg-0002." in ran.comment
    assert "    stories/hbg-0003.md (hbg-0003): hbg-0003 godkändes inte: rubriken är" in ran.comment


# --- the comment ----------------------------------------------------------------------------------------


def test_the_comment_names_stories_by_id_never_by_title_or_text(
    tmp_path: Path, repository: Repository
) -> None:
    secret_title, secret_text = "Hemlig rubrik om *kontoret*", "Hemlig text som aldrig får synas.\n"
    write(repository.stories, id="hbg-0002", title=secret_title, body=secret_text, **IN_REVIEW)
    write(repository.stories, id="hbg-0003", body=LEAKY_BODY, **IN_REVIEW)
    head = commit(repository, ANNA)
    ran = approve_review(tmp_path, event(tmp_path, repository, head))
    assert ran.comment is not None
    assert ran.comment.startswith(
        "### Godkännande genom granskning\n\n`redaktor-bo` godkände pull requesten den 2026-03-14 "
        f"(commit `{short(head)}`). Stämplade 1 berättelse som godkänd, 1 kunde inte stämplas.\n"
    )
    for secret in (secret_title, "kontoret", secret_text.strip(), "Göran"):
        assert secret not in ran.comment + ran.stdout + ran.stderr
    # The refusals are an indented code block: a masked 'G****' is text, not emphasis.
    block = [line for line in ran.comment.splitlines() if line.startswith("    ")]
    assert block and all("hbg-0003" in line or line.startswith("      ") for line in block)


# --- reading the event and the editors' list ------------------------------------------------------------


def test_the_recorded_event_is_read_as_github_sends_it() -> None:
    review = read_event(EVENTS / "approved.json")
    assert review.approving and not review.from_fork
    assert (review.reviewer, review.day.isoformat()) == ("redaktor-bo", "2026-03-14")
    assert review.reviewed_commit == "1" * 40 and review.base_commit == "0" * 40
    assert read_event(EVENTS / "from-fork.json").from_fork
    assert not read_event(EVENTS / "commented.json").approving


def test_without_the_reviews_commit_the_pull_requests_head_is_the_reviewed_commit(tmp_path: Path) -> None:
    payload = json.loads((EVENTS / "approved.json").read_text(encoding="utf-8"))
    del payload["review"]["commit_id"]
    payload["pull_request"]["head"]["sha"] = "2" * 40
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert read_event(path).reviewed_commit == "2" * 40


def test_a_deleted_fork_counts_as_a_fork(tmp_path: Path) -> None:
    payload = json.loads((EVENTS / "approved.json").read_text(encoding="utf-8"))
    payload["pull_request"]["head"]["repo"] = None
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    assert read_event(path).from_fork


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p["review"].pop("user"), "fältet review.user.login saknas"),
        (
            lambda p: p["review"].update(commit_id="--upload-pack=x"),
            "review.commit_id: väntade en commits id",
        ),
        (
            lambda p: p["pull_request"]["base"].update(sha="a" * 40 + "\n"),
            "pull_request.base.sha: väntade en commits id",
        ),
        (
            lambda p: p["review"].update(submitted_at="i går"),
            "review.submitted_at: väntade en tidpunkt med tidszon",
        ),
        (lambda p: p["review"].update(submitted_at="2026-03-14T09:00:00"), "väntade en tidpunkt med tidszon"),
        (
            lambda p: p["review"]["user"].update(login="<img src=x>"),
            "review.user.login: väntade ett användarnamn",
        ),
    ],
)
def test_a_broken_event_is_a_clear_error(tmp_path: Path, change: Any, message: str) -> None:
    payload = json.loads((EVENTS / "approved.json").read_text(encoding="utf-8"))
    change(payload)
    path = tmp_path / "event.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(UserError) as raised:
        read_event(path)
    assert message in raised.value.summary


def test_an_event_that_is_not_json_is_a_clear_error_and_the_comment_says_so(tmp_path: Path) -> None:
    path = tmp_path / "event.json"
    path.write_text("inte json", encoding="utf-8")
    ran = approve_review(tmp_path, path)
    assert ran.code == 1
    assert ran.stderr == f"{path}: väntade GitHubs händelse i JSON, men filen är inte JSON.\n"
    assert ran.comment is not None and "**Granskningen stämplade ingen berättelse.**" in ran.comment


def test_editors_lists_logins_and_addresses_with_comments() -> None:
    editors = parse_editors(EDITORS, "stories/EDITORS")
    assert editors.logins == {"redaktor-anna", "redaktor-bo", "redaktor-cecilia"}
    assert editors.login_by_address == {"anna.redaktor@kommun.example": "redaktor-anna"}


def test_a_broken_editors_list_names_each_line() -> None:
    text = "redaktor-anna a@kommun.example\n-fel-\nredaktor-bo a@kommun.example inte-en-adress\n"
    with pytest.raises(UserError) as raised:
        parse_editors(text, "stories/EDITORS")
    assert (
        raised.value.summary == "stories/EDITORS går inte att läsa, så ingen granskning kan godkänna något."
    )
    assert raised.value.details == [
        "stories/EDITORS:2: väntade ett användarnamn på GitHub först på raden (bokstäver, siffror och "
        "bindestreck), men fick '-fel-'.",
        "stories/EDITORS:3: adressen 'a@******.*******' står redan på raden för redaktor-anna. En adress hör "
        "till en person.",
        "stories/EDITORS:3: väntade e-postadresser efter användarnamnet, men fick 'inte-en-adress'.",
    ]


def test_the_projects_editors_file_reads() -> None:
    editors = parse_editors((ROOT / "stories" / "EDITORS").read_text(encoding="utf-8"), "stories/EDITORS")
    assert editors.logins == frozenset()


# --- the workflow -----------------------------------------------------------------------------------------


def workflow() -> dict[str, Any]:
    return load_workflow(WORKFLOW)


def job(name: str) -> dict[str, Any]:
    found = workflow()["jobs"][name]
    assert isinstance(found, dict)
    return found


def test_it_runs_on_submitted_reviews_and_stamps_only_approvals_of_pull_requests_from_this_repository() -> (
    None
):
    assert triggers(workflow()) == {"pull_request_review": {"types": ["submitted"]}}
    condition = job("stampla")["if"]
    assert "github.event.review.state == 'approved'" in condition
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    assert "github.event.pull_request.head.ref != github.event.repository.default_branch" in condition
    # The jobs after it run only when it did: never for a fork, never for another kind of review.
    assert job("spara")["needs"] == "stampla"
    assert "needs.stampla.result != 'skipped'" in job("kommentera")["if"]


def test_each_job_has_only_the_rights_it_needs_and_repository_code_never_runs_with_write_rights() -> None:
    assert workflow()["permissions"] == {}
    assert job("stampla")["permissions"] == {"contents": "read"}
    assert job("spara")["permissions"] == {"contents": "write", "actions": "write"}
    assert job("kommentera")["permissions"] == {"pull-requests": "write"}
    for name in ("spara", "kommentera"):
        for step in steps(workflow(), name):
            assert not re.search(r"\b(make|python|\.venv|pip)\b", run(step)), (name, step.get("name"))


def test_actions_are_pinned_as_in_the_other_workflows_and_leave_no_credentials() -> None:
    pins: dict[str, set[str]] = {}
    for path in (PULL_REQUEST, DEPLOY, WORKFLOW):
        for line in uses_lines(path):
            pinned = PINNED_USES.fullmatch(line.removeprefix("- "))
            assert pinned, line
            pins.setdefault(pinned[1], set()).add(pinned[2])
    assert all(len(commits) == 1 for commits in pins.values()), pins
    checkouts = [step for step in steps(workflow()) if action(step) == "actions/checkout"]
    assert len(checkouts) == 2
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


def test_no_script_has_an_expression_written_into_it() -> None:
    for step in steps(workflow()):
        assert "${{" not in run(step), step.get("name")


def test_the_preview_can_be_started_for_the_stamped_commit() -> None:
    # A push with GITHUB_TOKEN starts no workflow; workflow_dispatch is the way it may start one.
    assert "workflow_dispatch" in triggers(load_workflow(PULL_REQUEST))
    dispatch = only_step([s for s in steps(workflow(), "spara") if "gh workflow run" in run(s)], "dispatches")
    assert "pull-request.yml" in run(dispatch) and '--ref "$HEAD_REF"' in run(dispatch)


def step_named(job_name: str, words: str) -> Step:
    return only_step([s for s in steps(workflow(), job_name) if words in str(s.get("name"))], words)


def run_script(step: Step, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-c", run(step)],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


def test_the_workflows_scripts_stamp_commit_push_and_comment_against_a_stand_in_for_github(
    tmp_path: Path, repository: Repository
) -> None:
    """The stamp job's scripts in a clone of the pull request's branch, then the push job's in a
    fresh checkout of the same commit, pushing to a bare repository as origin, and the comment job's,
    with `gh` written down instead of called."""
    write(repository.stories, id="hbg-0002", **IN_REVIEW)
    head = commit(repository, ANNA)
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(repository.root), str(origin))
    runner_temp, bin_dir = tmp_path / "runner-temp", tmp_path / "bin"
    runner_temp.mkdir()
    bin_dir.mkdir()
    calls = tmp_path / "gh-calls"
    (bin_dir / "gh").write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> {shlex.quote(str(calls))}\n'
        f'[ "$1 $2" = "pr comment" ] && cp "$7" {shlex.quote(str(tmp_path / "posted.md"))}\nexit 0\n'
    )
    (bin_dir / "gh").chmod(0o755)
    github_env = {"RUNNER_TEMP": str(runner_temp), "PATH": f"{bin_dir}:{os.environ['PATH']}"}

    # Job 1, in a clone of the branch: the command, with this interpreter as the .venv's.
    stamping = tmp_path / "stampla"
    git(tmp_path, "clone", "-q", "--branch", "ny-berattelse", str(origin), str(stamping))
    python = stamping / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n')
    python.chmod(0o755)
    (stamping / ".git" / "info" / "exclude").write_text(".venv/\n")
    stamp_env = {
        **github_env,
        "GITHUB_EVENT_PATH": str(event(tmp_path, repository, head)),
        "GITHUB_OUTPUT": str(tmp_path / "stampla-output"),
        "PYTHONPATH": str(ROOT),
    }
    stamped_run = run_script(step_named("stampla", "Stämpla"), stamping, stamp_env)
    assert stamped_run.returncode == 0, stamped_run.stderr
    handed = run_script(step_named("stampla", "Lämna över"), stamping, stamp_env)
    assert handed.returncode == 0, handed.stderr
    handed_over = outputs(tmp_path / "stampla-output")
    assert handed_over["commit"] == head
    patch = base64.b64decode(handed_over["patch"]).decode("utf-8")
    assert set(re.findall(r"^\+\+\+ b/(\S+)", patch, re.MULTILINE)) == {"stories/hbg-0002.md"}

    # Job 2, in a fresh checkout of the stamped commit: no repository code runs here.
    saving = tmp_path / "spara"
    git(tmp_path, "clone", "-q", str(origin), str(saving))
    git(saving, "checkout", "-q", "--detach", head)
    save_env = {
        **github_env,
        "PATCH": handed_over["patch"],
        "HEAD_REF": "ny-berattelse",
        "REVIEWER": "redaktor-bo",
        "GH_TOKEN": "stand-in-token",
        "REPOSITORY": "helsingborg/berattelsearkivet",
    }
    saved = run_script(step_named("spara", "skicka upp"), saving, save_env)
    assert saved.returncode == 0, saved.stderr
    assert run_script(step_named("spara", "förhandsgranskningen"), saving, save_env).returncode == 0
    pushed = git(origin, "log", "-1", "--format=%an <%ae>|%s", "ny-berattelse")
    assert pushed == (
        "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>"
        "|Godkänn berättelserna som redaktor-bo godkände i sin granskning"
    )
    assert git(origin, "diff", "--name-only", head, "ny-berattelse") == "stories/hbg-0002.md"
    shown_story = git(origin, "show", "ny-berattelse:stories/hbg-0002.md")
    assert "approved_by: redaktor-bo" in shown_story

    # Job 3: the comment, posted once.
    comment_env = {
        **github_env,
        "COMMENT": handed_over["comment"],
        "SAVED": "success",
        "NUMBER": "7",
        "REPOSITORY": "helsingborg/berattelsearkivet",
        "GH_TOKEN": "stand-in-token",
    }
    assert run_script(step_named("kommentera", "Skriv"), tmp_path, comment_env).returncode == 0
    assert calls.read_text(encoding="utf-8").splitlines() == [
        "workflow run pull-request.yml --repo helsingborg/berattelsearkivet --ref ny-berattelse",
        f"pr comment 7 --repo helsingborg/berattelsearkivet --body-file {runner_temp}/kommentar.md",
    ]
    assert "**Stämplade:** hbg-0002." in (tmp_path / "posted.md").read_text(encoding="utf-8")
    marked = run_script(
        step_named("kommentera", "misslyckad"), tmp_path, {"STAMPING": "success", "SAVED": "success"}
    )
    assert marked.returncode == 0


def test_the_run_is_marked_failed_when_a_story_was_refused_or_the_push_failed(tmp_path: Path) -> None:
    mark = step_named("kommentera", "misslyckad")
    for stamping, saved, code in [
        ("success", "skipped", 0),
        ("failure", "success", 1),
        ("success", "failure", 1),
        ("", "skipped", 1),
    ]:
        result = run_script(mark, tmp_path, {"STAMPING": stamping, "SAVED": saved})
        assert result.returncode == code, (stamping, saved)
