"""The GitHub side of the editors' workflow, read and run for real.

The two workflows (preview of a pull request, deploy to Pages), CODEOWNERS, the pull request
template, the pre-commit hook, the editors' guide in stories/README.md, and the system packages
`make test` installs before the workflows run it.
"""

from __future__ import annotations

import filecmp
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator import urls
from generator.__main__ import cli
from generator.editors.report import MARKER, PREVIEW_ARTIFACT
from generator.intake.load import list_story_files
from generator.intake.validate import ALLOWED
from generator.write import MANIFEST_NAME
from tests.conftest import (
    FIXTURE_ARCHIVE,
    ROOT,
    SAMPLE_ARCHIVE,
    StoryWriter,
    copy_project,
    count_rendered_templates,
)
from tests.test_build import assert_same_tree
from tests.test_lock import make_dry_run

GITHUB = ROOT / ".github"
LIGHTHOUSE = Path("tests/lighthouse/node_modules/.bin/lighthouse")
WORKFLOWS = GITHUB / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
DEPENDABOT = GITHUB / "dependabot.yml"
# The editors' guide is documentation and lives beside the stories; no test reads the stories there.
GUIDE = ROOT / "stories" / "README.md"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
REPORT_FILE, REPORT_ARTIFACT = "publiceringsrapport.md", "publiceringsrapport"
COMMENT_JOB = "kommentera"

Step = dict[str, Any]


def load_workflow(path: Path) -> dict[str, Any]:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(workflow, dict), path
    return workflow


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """Return the `on:` block; YAML 1.1 reads the bare key `on` as the boolean True."""
    found = workflow.get("on", workflow.get(True))
    assert isinstance(found, dict)
    return found


def steps(workflow: dict[str, Any], job: str | None = None) -> list[Step]:
    jobs = workflow["jobs"] if job is None else {job: workflow["jobs"][job]}
    return [step for spec in jobs.values() for step in spec.get("steps", [])]


def uses(step: Step) -> str:
    return str(step.get("uses", ""))


def action(step: Step) -> str:
    """The action a step uses, without the commit it is pinned to."""
    return uses(step).partition("@")[0]


def run(step: Step) -> str:
    return str(step.get("run", ""))


def only_step(found: list[Step], what: str) -> Step:
    assert len(found) == 1, f"expected exactly one step that {what}, found {len(found)}"
    return found[0]


def position(all_steps: list[Step], step: Step) -> int:
    return next(i for i, candidate in enumerate(all_steps) if candidate is step)


def runs_always(step: Step) -> bool:
    return "always()" in str(step.get("if", ""))


def cache_steps(all_steps: list[Step]) -> list[Step]:
    return [step for step in all_steps if action(step).startswith("actions/cache")]


# --- both workflows -----------------------------------------------------------------------------


# `uses: owner/repo[/path]@<40 hex digits> # v1.2.3`: a tag can be moved to other code, a commit
# cannot; the comment says which release it is, for people and for Dependabot.
PINNED_USES = re.compile(r"uses: ([\w.-]+/[\w.-]+)[\w./-]*@([0-9a-f]{40}) # v\d+\.\d+\.\d+")


def uses_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_release_beside_it(path: Path) -> None:
    lines = uses_lines(path)
    assert len(lines) == len([step for step in steps(load_workflow(path)) if "uses" in step]) > 0
    for line in lines:
        assert PINNED_USES.fullmatch(line.removeprefix("- ")), line


def test_each_action_repository_is_pinned_to_one_commit_in_every_workflow() -> None:
    commits: dict[str, set[str]] = {}
    for path in (PULL_REQUEST, DEPLOY):
        for line in uses_lines(path):
            pinned = PINNED_USES.fullmatch(line.removeprefix("- "))
            assert pinned, line
            commits.setdefault(pinned[1], set()).add(pinned[2])
    assert {"actions/checkout", "actions/setup-python", "actions/cache"} <= set(commits)
    assert all(len(shas) == 1 for shas in commits.values()), commits


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_setup_python_is_311(path: Path) -> None:
    setup = only_step(
        [s for s in steps(load_workflow(path)) if action(s) == "actions/setup-python"], "sets up Python"
    )
    assert str(setup["with"]["python-version"]) == "3.11"


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_no_job_has_rights_unless_it_names_them(path: Path) -> None:
    workflow = load_workflow(path)
    assert workflow["permissions"] == {}
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), name


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_only_the_jobs_that_deploy_or_comment_may_write_and_they_run_no_code_of_ours(path: Path) -> None:
    for name, job in load_workflow(path)["jobs"].items():
        deploys = any(action(step) == "actions/deploy-pages" for step in job.get("steps", []))
        if deploys:
            assert job["permissions"] == {"pages": "write", "id-token": "write"}, name
        elif name == COMMENT_JOB and path == PULL_REQUEST:
            assert job["permissions"] == {"actions": "read", "pull-requests": "write"}, name
        else:
            assert set(job["permissions"].values()) == {"read"}, name
            continue
        assert not any(action(step) == "actions/checkout" for step in job["steps"]), name


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_every_checkout_leaves_no_credentials_behind(path: Path) -> None:
    checkouts = [s for s in steps(load_workflow(path)) if action(s) == "actions/checkout"]
    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_no_script_has_an_expression_written_into_it(path: Path) -> None:
    """A `${{ }}` inside `run:` is pasted into the shell before it runs (template injection):
    values reach scripts through `env:` instead."""
    for step in steps(load_workflow(path)):
        assert "${{" not in run(step), step.get("name")


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_python_packages_come_only_from_the_lock_through_make(path: Path) -> None:
    for step in steps(load_workflow(path)):
        assert not re.search(r"\b(pip|uv)\b", run(step)), step.get("name")


def is_make_site(step: Step) -> bool:
    """The step that builds the site with `make site`, whatever options it passes the build."""
    return run(step).strip().split(" BUILD_ARGS=")[0] == "make site"


def cache_step(workflow: Path) -> Step:
    return only_step(cache_steps(steps(load_workflow(workflow))), "caches .cache")


def cached_paths(cache: Step) -> list[str]:
    return str(cache["with"]["path"]).split()


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_the_cache_of_readings_checks_and_pages_is_keyed_on_the_stories_and_the_code(path: Path) -> None:
    cache = cache_step(path)
    # The readings (.cache/audio), the memo of checked files (.cache/memo) and the pages the
    # generator wrote with their manifest; the same paths in the same order on both workflows, or
    # the pull request's restore would never find what the deploy saved.
    generated = [f"docs/{root}" for root in urls.GENERATED_ROOTS]
    assert cached_paths(cache) == [".cache", f"docs/{MANIFEST_NAME}", *generated]
    # The lock is in the key too: after new versions of the dependencies a new cache is saved.
    assert "hashFiles('stories/**', 'generator/**', 'requirements.txt')" in cache["with"]["key"]
    prefixes = str(cache["with"]["restore-keys"]).split()
    assert prefixes and all(cache["with"]["key"].startswith(prefix) for prefix in prefixes)


@pytest.mark.parametrize("path", [PULL_REQUEST, DEPLOY], ids=lambda p: p.name)
def test_no_step_prints_stories_or_reports_into_the_log(path: Path) -> None:
    for step in steps(load_workflow(path)):
        script = run(step)
        assert "set -x" not in script
        for line in script.splitlines():
            if re.search(r"\bcat\b", line):
                assert '>> "$GITHUB_STEP_SUMMARY"' in line, line
            assert not re.search(r"\bstories/\S*\.md\b", line), line


# --- the pull request's preview -----------------------------------------------------------------


def test_pull_request_workflow_runs_on_pull_requests_with_read_only_rights() -> None:
    workflow = load_workflow(PULL_REQUEST)
    # pull_request only: never pull_request_target or workflow_run, which run with a token that can
    # write on a fork's pull request.
    assert set(triggers(workflow)) == {"pull_request", "workflow_dispatch"}
    permissions = {name: job["permissions"] for name, job in workflow["jobs"].items()}
    assert permissions == {
        "granska": {"contents": "read", "pages": "read"},
        COMMENT_JOB: {"actions": "read", "pull-requests": "write"},
    }
    assert workflow["concurrency"]["group"]


def test_pull_request_checks_out_the_whole_history() -> None:
    checkout = only_step(
        [s for s in steps(load_workflow(PULL_REQUEST)) if action(s) == "actions/checkout"], "checks out"
    )
    assert checkout["with"]["fetch-depth"] == 0


def test_pull_request_only_restores_the_cache() -> None:
    cache = cache_step(PULL_REQUEST)
    assert action(cache) == "actions/cache/restore"


def test_pull_request_reports_the_check_in_the_summary_and_then_fails() -> None:
    all_steps = steps(load_workflow(PULL_REQUEST))
    install = only_step([s for s in all_steps if "make .venv/.installed" in run(s)], "installs")
    check = only_step([s for s in all_steps if "-m generator check" in run(s)], "runs check")
    args = shlex.split(run(check).replace("\n", " "))
    assert args[:4] == [".venv/bin/python", "-m", "generator", "check"]
    report = args[args.index("--report-md") + 1]
    assert args[args.index("--base") + 1].startswith("origin/")
    assert "github.base_ref" in run(check) + str(check.get("env", {}))
    # The job goes on to the summary, then fails on its own if check failed.
    assert check["continue-on-error"] is True
    summary = only_step([s for s in all_steps if "GITHUB_STEP_SUMMARY" in run(s)], "writes the summary")
    assert runs_always(summary)
    assert f'cat {report} >> "$GITHUB_STEP_SUMMARY"' in run(summary)
    fail = only_step(
        [s for s in all_steps if f"steps.{check['id']}.outcome" in str(s.get("if", ""))], "fails on check"
    )
    assert "failure" in fail["if"] and "exit 1" in run(fail)
    site = only_step([s for s in all_steps if is_make_site(s)], "builds")
    test = only_step([s for s in all_steps if run(s).strip() == "make test"], "tests")
    order = [position(all_steps, s) for s in (install, check, summary, fail, site, test)]
    assert order == sorted(order)
    (cache,) = cache_steps(all_steps)
    assert position(all_steps, cache) < position(all_steps, site)


def test_pull_request_builds_the_site_with_properdocs_too_and_compares_the_two() -> None:
    all_steps = steps(load_workflow(PULL_REQUEST))
    site = only_step([s for s in all_steps if is_make_site(s)], "builds")
    properdocs = only_step([s for s in all_steps if run(s).strip() == "make site-properdocs"], "builds again")
    test = only_step([s for s in all_steps if run(s).strip() == "make test"], "tests")
    assert position(all_steps, site) < position(all_steps, properdocs) < position(all_steps, test)
    build, compare = make_dry_run("site-properdocs")[-2:]
    assert build[1:] == [
        *("-m", "generator", "build", "--stories", "stories"),
        *("--site-dir", "site-properdocs", "--engine", "properdocs"),
    ]
    # Only the tag that names the program may differ from the site `make site` built.
    assert compare == ["diff", "-r", "-I", '<meta name="generator"', "site", "site-properdocs"]


def test_pull_request_uploads_the_site_and_the_test_artifacts() -> None:
    all_steps = steps(load_workflow(PULL_REQUEST))
    uploads = {
        str(s["with"]["path"]).rstrip("/"): s for s in all_steps if action(s) == "actions/upload-artifact"
    }
    assert set(uploads) == {"site", "artifacts", REPORT_FILE}
    assert uploads["site"]["with"]["name"] == PREVIEW_ARTIFACT
    assert uploads["artifacts"]["with"]["name"] != PREVIEW_ARTIFACT
    assert runs_always(uploads["artifacts"])
    test = only_step([s for s in all_steps if run(s).strip() == "make test"], "tests")
    assert all(position(all_steps, uploads[s]) > position(all_steps, test) for s in ("site", "artifacts"))
    # The report is saved as soon as it is written, for the comment.
    assert uploads[REPORT_FILE]["with"]["name"] == REPORT_ARTIFACT and runs_always(uploads[REPORT_FILE])


# --- the deploy to Pages --------------------------------------------------------------------------


def test_deploy_runs_on_main_one_at_a_time() -> None:
    workflow = load_workflow(DEPLOY)
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert "paths" not in on["push"]
    assert "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_deploy_builds_with_the_commits_date_and_uploads_the_site() -> None:
    workflow = load_workflow(DEPLOY)
    build_steps = [
        s for job, spec in workflow["jobs"].items() if "needs" not in spec for s in steps(workflow, job)
    ]
    cache = only_step(cache_steps(build_steps), "caches .cache")
    assert action(cache) == "actions/cache", "the deploy saves the cache as well as restoring it"
    site = only_step([s for s in build_steps if "make site" in run(s)], "builds")
    assert "SOURCE_DATE_EPOCH" in run(site) and "git log -1" in run(site)
    configure = only_step([s for s in build_steps if action(s) == "actions/configure-pages"], "configures")
    upload = only_step([s for s in build_steps if action(s) == "actions/upload-pages-artifact"], "uploads")
    assert str(upload["with"]["path"]).rstrip("/") == "site"
    order = [position(build_steps, s) for s in (cache, configure, site, upload)]
    assert order == sorted(order)


def deploy_check_step() -> Step:
    workflow = load_workflow(DEPLOY)
    return only_step([s for s in steps(workflow) if "check --base" in run(s)], "compares with main")


def run_deploy_check(repository: Path, before: str) -> subprocess.CompletedProcess[str]:
    """Run the deploy's own check script in `repository`, its .venv being this interpreter."""
    python = repository / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True, exist_ok=True)
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n')
    python.chmod(0o755)
    env = {**os.environ, "BEFORE": before, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        ["bash", "-e", "-c", run(deploy_check_step())],
        cwd=repository,
        env=env,
        capture_output=True,
        text=True,
    )


def test_deploy_compares_with_main_before_the_push_before_it_builds() -> None:
    workflow = load_workflow(DEPLOY)
    build_steps = [
        s for job, spec in workflow["jobs"].items() if "needs" not in spec for s in steps(workflow, job)
    ]
    checkout = only_step([s for s in build_steps if action(s) == "actions/checkout"], "checks out")
    assert checkout["with"]["fetch-depth"] == 0
    check = only_step([s for s in build_steps if "check --base" in run(s)], "compares with main")
    assert check["env"]["BEFORE"] == "${{ github.event.before }}"
    site = only_step([s for s in build_steps if "make site" in run(s)], "builds")
    assert position(build_steps, check) < position(build_steps, site)


def test_a_push_to_main_that_edits_an_approved_story_and_deletes_its_hash_is_not_deployed(
    tmp_path: Path, write_story: StoryWriter
) -> None:
    write_story(id="hbg-0001")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "stories"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "before"], cwd=tmp_path, check=True)
    before = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.strip()
    write_story(id="hbg-0001", body="En ändrad text som ingen har godkänt.\n", approved_hash=None)
    stopped = run_deploy_check(tmp_path, before)
    assert stopped.returncode == 1
    assert "hbg-0001.md" in stopped.stderr and "Saknar nytt godkännande" in stopped.stderr
    assert "ingen har godkänt" not in stopped.stdout + stopped.stderr


@pytest.mark.parametrize("before", ["", "0000000000000000000000000000000000000000"])
def test_a_deploy_with_no_earlier_commit_to_compare_with_goes_on(
    tmp_path: Path, write_story: StoryWriter, before: str
) -> None:
    # Started by hand (no event.before), or after a push that created the branch.
    write_story(id="hbg-0001")
    result = run_deploy_check(tmp_path, before)
    assert result.returncode == 0
    assert "Ingen tidigare commit att jämföra med" in result.stdout


def build_step(all_steps: list[Step]) -> Step:
    return only_step([s for s in all_steps if is_make_site(s)], "builds")


def test_the_deploy_reuses_the_live_sites_readings_and_keeps_its_record() -> None:
    build_steps = steps(load_workflow(DEPLOY), "bygg")
    site = only_step([s for s in build_steps if "make site" in run(s)], "builds")
    assert site["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    (arguments,) = re.findall(r'BUILD_ARGS="([^"]*)"', run(site))
    assert shlex.split(arguments) == [
        *("--reuse-readings-from", "$SITE_URL", "--report", "publicering.json"),
        *("--report-md", "publicering.md"),
    ]
    # make hands them to the build as they are.
    build = make_dry_run_with("site", BUILD_ARGS="--reuse-readings-from https://x.se/ --report r.json")[-1]
    assert build[-4:] == ["--reuse-readings-from", "https://x.se/", "--report", "r.json"]
    summary = only_step(
        [s for s in build_steps if "publicering.md" in run(s) and "cat" in run(s)], "summarises"
    )
    assert run(summary).strip() == 'cat publicering.md >> "$GITHUB_STEP_SUMMARY"'
    upload = only_step([s for s in build_steps if action(s) == "actions/upload-artifact"], "saves the record")
    assert upload["with"]["name"] == "publicering"
    assert str(upload["with"]["path"]).split() == ["publicering.json", "publicering.md"]
    order = [position(build_steps, s) for s in (site, summary, upload)]
    assert order == sorted(order)


def make_dry_run_with(target: str, **variables: str) -> list[list[str]]:
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "--no-print-directory", target]
        + [f"{name}={value}" for name, value in variables.items()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return [shlex.split(line) for line in result.stdout.splitlines() if line.strip()]


def test_the_pull_request_counts_and_fetches_readings_from_the_live_site_and_links_its_run() -> None:
    all_steps = steps(load_workflow(PULL_REQUEST), "granska")
    pages = only_step([s for s in all_steps if action(s) == "actions/configure-pages"], "finds the site")
    # A repository without Pages yet still gets its report and build.
    assert pages["continue-on-error"] is True
    check = only_step([s for s in all_steps if "-m generator check" in run(s)], "runs check")
    site = build_step(all_steps)
    for step in (check, site):
        assert step["env"]["LIVE_SITE"] == f"${{{{ steps.{pages['id']}.outputs.base_url }}}}"
        assert "${LIVE_SITE:+--reuse-readings-from " in run(step)
        assert position(all_steps, pages) < position(all_steps, step)
    assert '--preview-url "$PREVIEW_URL"' in run(check)
    assert check["env"]["PREVIEW_URL"].endswith("/actions/runs/${{ github.run_id }}")


def comment_job() -> dict[str, Any]:
    job = load_workflow(PULL_REQUEST)["jobs"][COMMENT_JOB]
    assert isinstance(job, dict)
    return job


def test_the_report_is_commented_by_a_job_of_its_own_only_on_the_repositorys_own_pull_requests() -> None:
    job = comment_job()
    assert job["needs"] == "granska"
    condition = " ".join(str(job["if"]).split())
    assert "!cancelled()" in condition and "github.event_name == 'pull_request'" in condition
    assert "github.event.pull_request.head.repo.full_name == github.repository" in condition
    # It runs no code of the pull request's: one step, a script, no action, no checkout.
    (step,) = job["steps"]
    assert "uses" not in step
    assert f'marker="{MARKER}"' in run(step)


def run_comment_script(
    tmp_path: Path, report_text: str | None, existing: str = ""
) -> tuple[subprocess.CompletedProcess[str], list[str], dict[str, str]]:
    """Run the comment job's script with a stand-in `gh` that logs each call; return the result,
    the calls, and the bodies sent, by method."""
    bin_dir, work = tmp_path / "bin", tmp_path / "work"
    bin_dir.mkdir()
    work.mkdir()
    source = tmp_path / "artefact.md"
    if report_text is not None:
        source.write_text(report_text, encoding="utf-8")
    (bin_dir / "gh").write_text(
        """#!/bin/bash
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "run download" ]; then
  [ -f "$ARTEFACT" ] || exit 1
  mkdir -p publiceringsrapport && cp "$ARTEFACT" publiceringsrapport/publiceringsrapport.md
elif [[ " $* " == *" --method "* ]]; then
  for arg in "$@"; do
    case "$arg" in body=@*) cp "${arg#body=@}" "$GH_LOG.$3" ;; esac
  done
else
  printf '%s' "$EXISTING"
fi
""",
        encoding="utf-8",
    )
    (bin_dir / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "GH_LOG": str(log),
        "ARTEFACT": str(source),
        "EXISTING": existing,
        "GITHUB_RUN_ID": "42",
        "GITHUB_REPOSITORY": "stad/arkiv",
        "PR_NUMBER": "7",
        "RUN_URL": "https://github.com/stad/arkiv/actions/runs/42",
        "GH_TOKEN": "inte-en-riktig-token",
    }
    (step,) = comment_job()["steps"]
    result = subprocess.run(
        ["bash", "-e", "-c", run(step)], cwd=work, env=env, capture_output=True, text=True, timeout=30
    )
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    bodies = {path.suffix.lstrip("."): path.read_text(encoding="utf-8") for path in tmp_path.glob("gh.log.*")}
    return result, calls, bodies


REPORT_TEXT = f"# Publiceringsrapport\n\nInga fel.\n\n{MARKER}\n"


def test_the_first_report_of_a_pull_request_is_a_new_comment(tmp_path: Path) -> None:
    result, calls, bodies = run_comment_script(tmp_path, REPORT_TEXT)
    assert result.returncode == 0, result.stderr
    assert (
        calls[0] == "run download 42 --repo stad/arkiv --name publiceringsrapport --dir publiceringsrapport"
    )
    assert calls[1].startswith("api --paginate repos/stad/arkiv/issues/7/comments --jq ")
    assert '.user.login == "github-actions[bot]"' in calls[1] and MARKER in calls[1]
    assert calls[2:] == [
        "api --method POST repos/stad/arkiv/issues/7/comments -F body=@publiceringsrapport/publiceringsrapport.md"
    ]
    assert bodies == {"POST": REPORT_TEXT}
    assert "skriven som kommentar" in result.stdout


def test_every_later_push_updates_the_same_comment(tmp_path: Path) -> None:
    result, calls, bodies = run_comment_script(tmp_path, REPORT_TEXT, existing="1234\n5678\n")
    assert result.returncode == 0, result.stderr
    assert calls[2:] == [
        "api --method PATCH repos/stad/arkiv/issues/comments/1234 -F body=@publiceringsrapport/publiceringsrapport.md"
    ]
    assert bodies == {"PATCH": REPORT_TEXT}


def test_a_report_too_long_for_a_comment_points_to_the_summary_and_keeps_the_marker(tmp_path: Path) -> None:
    _, _, bodies = run_comment_script(tmp_path, "x" * 70_000 + MARKER)
    assert bodies == {
        "POST": "Publiceringsrapporten är för lång för en kommentar. Läs den i körningens sammanfattning: "
        f"https://github.com/stad/arkiv/actions/runs/42\n\n{MARKER}\n"
    }


def test_without_a_report_no_comment_is_written(tmp_path: Path) -> None:
    result, calls, bodies = run_comment_script(tmp_path, None)
    assert result.returncode == 0
    assert (len(calls), bodies) == (1, {})
    assert "ingen kommentar" in result.stdout


def test_deploy_job_publishes_to_the_pages_environment() -> None:
    workflow = load_workflow(DEPLOY)
    (name,) = [job for job, spec in workflow["jobs"].items() if "needs" in spec]
    job = workflow["jobs"][name]
    needs = [job["needs"]] if isinstance(job["needs"], str) else job["needs"]
    assert needs and set(needs) <= set(workflow["jobs"])
    environment = job["environment"]
    assert (environment["name"] if isinstance(environment, dict) else environment) == "github-pages"
    assert job["permissions"] == {"pages": "write", "id-token": "write"}
    only_step([s for s in job["steps"] if action(s) == "actions/deploy-pages"], "deploys")


@pytest.mark.build
def test_a_fresh_checkout_with_the_deploys_cache_restored_renders_and_writes_nothing_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the deploy caches is what a build needs to redo only what changed: a new checkout
    with those paths restored renders no page, writes no page and publishes the same site."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    last_run, checkout = copy_project(tmp_path / "last-run"), copy_project(tmp_path / "checkout")
    for project in (last_run, checkout):
        shutil.copytree(FIXTURE_ARCHIVE, project / "stories")
    build_command = ["build", "--voice", "none"]
    monkeypatch.chdir(last_run)
    assert CliRunner(mix_stderr=False).invoke(cli, build_command, catch_exceptions=False).exit_code == 0
    for cached in cached_paths(cache_step(DEPLOY)):
        copy = shutil.copytree if (last_run / cached).is_dir() else shutil.copy2
        copy(last_run / cached, checkout / cached)
    rendered = count_rendered_templates(monkeypatch)
    monkeypatch.chdir(checkout)
    result = CliRunner(mix_stderr=False).invoke(cli, build_command, catch_exceptions=False)
    assert rendered == []
    assert "Sidor: 0 skrivna" in result.stdout
    assert_same_tree(filecmp.dircmp(last_run / "site", checkout / "site"))


# --- Dependabot ---------------------------------------------------------------------------------------

# Each ecosystem Dependabot watches, and the files in its folder that it keeps up to date.
WATCHED = {
    "pip": ["pyproject.toml", "requirements.txt"],
    "npm": ["package.json", "package-lock.json"],
    "github-actions": [".github/workflows/deploy.yml", ".github/workflows/pull-request.yml"],
}


def test_dependabot_watches_python_npm_and_the_actions_where_their_files_are() -> None:
    config = yaml.safe_load(DEPENDABOT.read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == set(WATCHED)
    for ecosystem, files in WATCHED.items():
        folder = ROOT / updates[ecosystem]["directory"].lstrip("/")
        assert all((folder / name).is_file() for name in files), ecosystem
        assert updates[ecosystem]["schedule"]["interval"] in {"daily", "weekly"}
        # A release gets a week to be found out before it is proposed.
        assert updates[ecosystem]["cooldown"]["default-days"] >= 7


# --- CODEOWNERS -------------------------------------------------------------------------------------


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def owners_of(path: str) -> list[str]:
    """The owners GitHub asks for: the last rule that matches wins (anchored paths only here)."""
    owners: list[str] = []
    for pattern, rule_owners in codeowners():
        anchored = pattern.lstrip("/")
        if path == anchored.rstrip("/") or (anchored.endswith("/") and path.startswith(anchored)):
            owners = rule_owners
    return owners


def test_every_codeowners_pattern_is_a_path_in_the_repository_with_team_owners() -> None:
    rules = codeowners()
    assert rules
    for pattern, owners in rules:
        assert pattern.startswith("/") and not set("*?[!") & set(pattern), pattern
        target = ROOT / pattern.strip("/")
        assert target.exists(), pattern
        assert target.is_dir() == pattern.endswith("/"), pattern
        assert owners and all(re.fullmatch(r"@[\w.-]+/[\w.-]+", owner) for owner in owners), pattern


@pytest.mark.parametrize(
    ("path", "team"),
    [
        ("stories/hbg-0001.md", "@helsingborg/redaktorer"),
        ("stories/responses.csv", "@helsingborg/redaktorer"),
        ("stories/README.md", "@helsingborg/redaktorer"),
        ("generator/build.py", "@helsingborg/utvecklare"),
        ("generator/vocabulary.yaml", "@helsingborg/redaktorer"),
        (".github/workflows/deploy.yml", "@helsingborg/utvecklare"),
        (".github/CODEOWNERS", "@helsingborg/utvecklare"),
        (".pre-commit-config.yaml", "@helsingborg/utvecklare"),
        ("mkdocs.yml", "@helsingborg/utvecklare"),
        ("requirements.txt", "@helsingborg/utvecklare"),
        (".github/dependabot.yml", "@helsingborg/utvecklare"),
        ("overrides/main.html", "@helsingborg/utvecklare"),
    ],
)
def test_codeowners_covers_stories_generator_and_github(path: str, team: str) -> None:
    assert team in owners_of(path)


def test_stories_are_owned_by_editors_only() -> None:
    assert owners_of("stories/hbg-0001.md") == ["@helsingborg/redaktorer"]


# --- the pull request template ------------------------------------------------------------------------


def test_pull_request_template_is_the_editors_checklist() -> None:
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"(?m)^- \[ \] (.+)$", template)
    assert len(items) >= 8
    checklist = "\n".join(items).lower()
    for words in [
        "samtycke",
        "läst hela",
        "personnummer",
        "clear",
        "innehållsvarning",
        "approve",
        "annan redaktör",
    ]:
        assert words in checklist, words
    # It names the artifact the preview workflow really uploads.
    assert PREVIEW_ARTIFACT in checklist


# --- the pre-commit hook --------------------------------------------------------------------------------


def pre_commit_hook() -> dict[str, Any]:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    (repo,) = [repo for repo in config["repos"] if repo["repo"] == "local"]
    (hook,) = [hook for hook in repo["hooks"] if hook["id"] == "berattelser-check"]
    assert isinstance(hook, dict)
    return hook


def hook_command() -> list[str]:
    """The hook's entry as it runs here: `python` is this interpreter."""
    args = shlex.split(pre_commit_hook()["entry"])
    assert args[0] == "python"
    return [sys.executable, *args[1:]]


def test_pre_commit_hook_checks_the_stories_folder() -> None:
    hook = pre_commit_hook()
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "stories/hbg-0001.md")
    assert not re.search(hook["files"], "generator/build.py")
    assert hook_command()[1:] == ["-m", "generator", "check", "--stories", "stories"]


def run_hook(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(hook_command(), cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def story_sentences(stories: Path) -> list[str]:
    """Longer stretches of every story's own words, to look for in output."""
    sentences = []
    for path in list_story_files(stories):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        sentences += [s.strip() for s in re.split(r"[.!?\n]", body) if len(s.strip()) >= 40]
    assert sentences
    return sentences


def test_pre_commit_hook_passes_on_the_sample_archive_and_prints_no_story_text(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_ARCHIVE, tmp_path / "stories")
    result = run_hook(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert (
        result.stdout
        == "Inga fel, men 4 varningar att titta på (se ovan). 44 berättelser, varav 39 godkända.\n"
    )
    for sentence in story_sentences(tmp_path / "stories"):
        assert sentence not in output


def test_pre_commit_hook_stops_a_commit_with_a_bad_status(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_ARCHIVE, tmp_path / "stories")
    story = sorted((tmp_path / "stories").glob("hbg-*.md"))[0]
    text = story.read_text(encoding="utf-8")
    changed, count = re.subn(r"(?m)^status: \w+$", "status: Approved", text, count=1)
    assert count == 1
    story.write_text(changed, encoding="utf-8")
    result = run_hook(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert story.name in output and "'Approved'" in output


# --- the editors' guide ---------------------------------------------------------------------------------

# Every field the contract and the editor commands know, as the validator lists them.
FIELDS = list(ALLOWED)


def test_the_guide_is_not_a_story(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE_ARCHIVE, tmp_path / "stories")
    shutil.copy(GUIDE, tmp_path / "stories" / GUIDE.name)
    listed = list_story_files(tmp_path / "stories")
    assert len(listed) == 44
    assert tmp_path / "stories" / GUIDE.name not in listed


def test_the_guide_names_every_field_status_and_command() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    for field in FIELDS:
        assert f"| `{field}` |" in guide, field
    for status in ["draft", "review", "approved", "withdrawn"]:
        assert f"| `{status}` |" in guide, status
    for command in ["import", "check", "approve", "withdraw", "clear"]:
        assert re.search(rf"python -m generator {command}\b", guide), command
    for words in [
        "--report-md",
        "--base",
        "--by",
        "--on",
        "--reason",
        "pre-commit install",
        "vocabulary.yaml",
    ]:
        assert words in guide, words


def test_the_guide_lists_every_word_of_the_vocabulary() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    vocabulary = yaml.safe_load((ROOT / "generator" / "vocabulary.yaml").read_text(encoding="utf-8"))
    for group in ["grounds", "arenas", "experiences", "content_warnings"]:
        for key in vocabulary[group]:
            assert f"`{key}`" in guide, (group, key)


def test_the_guides_examples_hold_no_real_looking_personal_data() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert not re.search(r"\b(19|20)?\d{6}[-+]?\d{4}\b", guide), "personnummer"
    assert not re.search(r"(\+46|\b0)\d[\d -]{6,}\d\b", guide), "telefonnummer"
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", guide), "e-post"
    assert not re.search(r"\b\d{3} ?\d{2} [A-ZÅÄÖ]", guide), "postnummer"
    assert not re.search(r"\b[A-ZÅÄÖ][a-zåäö]+gatan \d", guide), "adress"


# --- what `make test` needs from the system -------------------------------------------------------------

SYSTEM_PACKAGES_MESSAGE = (
    "Testerna behöver Debian-paketen{missing} (chromium till webbläsartesterna, nodejs och npm till "
    "Lighthouse, fonts-dejavu-core till filmerna). Installera dem med: sudo apt-get install{missing}"
)


def run_system_packages(tmp_path: Path, user_id: int, present: set[str]) -> tuple[int, str, list[str]]:
    """Run the Makefile's `system-packages` on a machine of our own: only the programs in `present`
    (chromium, node, npm) exist, `id -u` says `user_id`, and apt-get only writes down how it was called.
    Return make's exit code, its error output and apt-get's calls."""
    programs = tmp_path / "bin"
    programs.mkdir()
    calls = tmp_path / "apt-get-calls"
    stand_ins = {
        "id": f"echo {user_id}",
        "apt-get": f'echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> {shlex.quote(str(calls))}',
        **{name: "exit 0" for name in present},
    }
    for name, script in stand_ins.items():
        (programs / name).write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
        (programs / name).chmod(0o755)
    make = shutil.which("make")
    assert make is not None
    done = subprocess.run(
        [make, "--no-print-directory", "system-packages", f"CHROMIUM={programs / 'chromium'}"],
        cwd=ROOT,
        env={"PATH": str(programs), "SOURCE_DATE_EPOCH": "0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return (
        done.returncode,
        done.stderr,
        calls.read_text(encoding="utf-8").splitlines() if calls.exists() else [],
    )


@pytest.mark.parametrize(
    ("present", "installed"),
    [
        ({"chromium", "node", "npm"}, ""),
        (set(), "chromium nodejs npm"),
        ({"chromium", "node"}, "npm"),
        ({"node", "npm"}, "chromium"),
    ],
)
def test_as_root_make_test_installs_only_the_missing_system_packages(
    tmp_path: Path, present: set[str], installed: str
) -> None:
    returncode, stderr, apt_get = run_system_packages(tmp_path, 0, present)
    assert (returncode, stderr) == (0, "")
    expected = ["DEBIAN_FRONTEND= update -qq", f"DEBIAN_FRONTEND=noninteractive install -y -qq {installed}"]
    assert apt_get == (expected if installed else [])


def test_as_anyone_else_make_test_names_the_missing_system_packages_and_stops(tmp_path: Path) -> None:
    returncode, stderr, apt_get = run_system_packages(tmp_path, 1000, {"node"})
    assert returncode != 0
    assert stderr.splitlines()[0] == SYSTEM_PACKAGES_MESSAGE.format(missing=" chromium npm")
    assert apt_get == []


def test_as_anyone_else_make_test_goes_on_when_nothing_is_missing(tmp_path: Path) -> None:
    assert run_system_packages(tmp_path, 1000, {"chromium", "node", "npm"}) == (0, "", [])


def test_lighthouse_is_installed_with_npm_only_after_the_system_packages() -> None:
    commands = [" ".join(args) for args in make_dry_run(str(LIGHTHOUSE))]
    system_packages = next(i for i, command in enumerate(commands) if "apt-get install" in command)
    npm = next(
        i for i, command in enumerate(commands) if command.startswith("PUPPETEER_SKIP_DOWNLOAD=1 npm ci")
    )
    assert system_packages < npm


# --- the repository's own documents ---------------------------------------------------------------------

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
# What people read to run the generator; each command and make target they name must exist.
DOCUMENTS = [ROOT / "README.md", CONTRIBUTING, ROOT / "SECURITY.md", GUIDE]


def make_targets() -> set[str]:
    return set(re.findall(r"(?m)^([a-z][\w.-]*):", (ROOT / "Makefile").read_text(encoding="utf-8")))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_a_document_names_only_commands_and_make_targets_that_exist(document: Path) -> None:
    text = document.read_text(encoding="utf-8")
    assert set(re.findall(r"python -m generator ([a-z]+)", text)) <= set(cli.commands)  # type: ignore[attr-defined]
    assert set(re.findall(r"\bmake ([a-z][\w.-]*)", text)) <= make_targets()


def test_contributing_says_where_every_part_of_the_generator_goes() -> None:
    contributing = CONTRIBUTING.read_text(encoding="utf-8")
    package = ROOT / "generator"
    parts = [f"generator/{path.name}/" for path in package.iterdir() if (path / "__init__.py").is_file()]
    parts += [f"generator/{path.name}" for path in package.glob("*.py") if path.name != "__init__.py"]
    assert [part for part in sorted(parts) if f"`{part}`" not in contributing] == []


def test_the_license_is_the_mit_license_pyproject_declares() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    license_text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert pyproject["project"]["license"] == "MIT"
    assert license_text.startswith("MIT License\n\nCopyright (c) 2026 Helsingborgs stad och bidragsgivarna\n")
    assert "Permission is hereby granted, free of charge, to any person" in license_text
