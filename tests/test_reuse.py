"""`build --reuse-readings-from URL`: readings survive the loss of the CI cache.

A site is built with the offline voice and served on 127.0.0.1 as the "live site"; a fresh copy of
the project with an empty cache then builds from it. Every request the server gets is logged.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.__main__ import cli
from generator.editors import decisions as editors
from generator.pipeline import BuildOptions, BuildResult, build_site
from tests.browser import serve
from tests.conftest import FIXTURE_ARCHIVE, copy_project
from tests.test_build import PUBLISHED, assert_same_tree

pytestmark = pytest.mark.build

EPOCH = "1700000000"
READING_REQUEST = re.compile(r"/ljud/[a-z0-9-]+-[0-9a-f]{16}\.(?:mp3|vtt)")


@pytest.fixture(scope="module")
def live_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The live site: the fixture archive read aloud by eSpeak NG."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        project = copy_project(tmp_path_factory.mktemp("live") / "project")
        build_site(options(project, "espeak"))
        yield project


@pytest.fixture
def fresh_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new checkout: the project with no cache, no generated pages and no site."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return copy_project(tmp_path / "clone")


def options(
    project: Path, voice: str, source: str | None = None, timeout: float | None = None
) -> BuildOptions:
    return BuildOptions(
        FIXTURE_ARCHIVE,
        project / "site",
        project / "mkdocs.yml",
        voice=voice,
        cache_dir=project / ".cache",
        reuse_readings_from=source,
        fetch_timeout=timeout,
    )


@contextmanager
def logged_server(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve a folder; yield its address and the path of every request it gets."""
    requests: list[str] = []

    class Logged(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            requests.append(self.path)

    with serve(folder, Logged) as url:
        yield url, requests


def readings_of(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site / "ljud").iterdir())}


def test_a_fresh_clone_reads_nothing_aloud_and_publishes_the_same_site(
    live_project: Path, fresh_clone: Path
) -> None:
    live_site = live_project / "site"
    with logged_server(live_site) as (url, requests):
        result = CliRunner().invoke(
            cli,
            [
                *("build", "--stories", str(FIXTURE_ARCHIVE), "--site-dir", str(fresh_clone / "site")),
                *("--config", str(fresh_clone / "mkdocs.yml"), "--cache-dir", str(fresh_clone / ".cache")),
                *("--voice", "espeak", "--report", str(fresh_clone / "rapport.json")),
                *("--reuse-readings-from", url.rstrip("/")),
            ],
        )
    assert result.exit_code == 0, result.output
    assert "Uppläsningar: 0 nya, 0 återanvända, 3 hämtade från webbplatsen." in result.stdout
    report = json.loads((fresh_clone / "rapport.json").read_text(encoding="utf-8"))
    assert (report["audio_synthesised"], report["audio_fetched"], report["audio_fetch_refused"]) == (0, 3, 0)
    # Only each reading and its timing file were asked for, once.
    assert sorted(requests) == sorted(set(requests))
    assert len(requests) == 2 * len(PUBLISHED)
    assert all(READING_REQUEST.fullmatch(path) for path in requests), requests
    # Byte-identical readings, and so the whole site.
    assert readings_of(fresh_clone / "site") == readings_of(live_site)
    assert_same_tree(filecmp.dircmp(live_site, fresh_clone / "site"))
    # Kept in the cache: the next build asks the site nothing.
    with logged_server(live_site) as (url, requests):
        again = build_site(options(fresh_clone, "espeak", url))
    assert (again.audio.reused, again.audio.fetched, requests) == (3, 0, [])


def corrupt(site: Path, served: Path) -> tuple[str, str]:
    """Copy the site with one reading cut short and another's timing file changed; return their ids."""
    shutil.copytree(site, served)
    mp3s = sorted((served / "ljud").glob("*.mp3"))
    truncated, mistimed = mp3s[0], mp3s[1].with_suffix(".vtt")
    truncated.write_bytes(truncated.read_bytes()[:-100])
    text = mistimed.read_text(encoding="utf-8")
    mistimed.write_text(re.sub(r"(\d{2}\.\d{3}\n)", "99.999\n", text, count=1)[: len(text)], encoding="utf-8")
    assert mistimed.read_text(encoding="utf-8") != text
    return truncated.name.rsplit("-", 1)[0], mistimed.name.rsplit("-", 1)[0]


def test_a_reading_that_fails_the_checks_is_refused_and_read_aloud_again(
    live_project: Path, fresh_clone: Path, tmp_path: Path
) -> None:
    refused = corrupt(live_project / "site", tmp_path / "served")
    with logged_server(tmp_path / "served") as (url, _):
        result = build_site(options(fresh_clone, "espeak", url))
    audio = result.audio
    assert (audio.fetched, audio.synthesised, audio.refused) == (1, 2, tuple(sorted(refused)))
    assert readings_of(fresh_clone / "site") == readings_of(live_project / "site")


def test_a_site_that_hangs_costs_one_timeout_and_everything_is_read_aloud(
    live_project: Path, fresh_clone: Path
) -> None:
    release = threading.Event()
    requests: list[str] = []

    class Hangs(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            release.wait(30)

    try:
        with serve(live_project / "site", Hangs) as url:
            result = build_site(options(fresh_clone, "espeak", url, timeout=0.5))
    finally:
        release.set()
    audio = result.audio
    assert (audio.fetched, audio.synthesised, audio.source_unreachable) == (0, 3, True)
    # One request per worker at most: after the first timeout nothing more is asked.
    assert 1 <= len(requests) <= len(PUBLISHED)
    assert result.timings["audio"] < 10
    assert readings_of(fresh_clone / "site") == readings_of(live_project / "site")


def test_a_redirect_to_another_host_is_not_followed(live_project: Path, fresh_clone: Path) -> None:
    with logged_server(live_project / "site") as (other, elsewhere):

        class Redirects(SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(301)
                self.send_header("Location", other + self.path.lstrip("/"))
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        with serve(live_project / "site", Redirects) as url:
            result: BuildResult = build_site(options(fresh_clone, "espeak", url))
    assert (result.audio.fetched, result.audio.synthesised, result.audio.source_unreachable) == (0, 3, False)
    assert elsewhere == []


def test_without_the_option_the_build_asks_no_one(live_project: Path, fresh_clone: Path) -> None:
    with logged_server(live_project / "site") as (_, requests):
        result = build_site(options(fresh_clone, "espeak"))
    assert (result.audio.fetched, result.audio.synthesised, requests) == (0, 3, [])


NEW_STORY = """---
id: fx-ny-berattelse
title: En ny berättelse
status: approved
approved_by: redaktor-test
approved_on: 2026-03-14
language: sv
collected: 2025-10
grounds: []
arenas: []
experiences: []
---
Jag diskriminerades i kön på apoteket.
"""


def readings_line(project: Path, stories: Path, *source: str) -> tuple[str, str]:
    """Run `check --report-md` in the project's folder; return the report's line on readings, and stderr."""
    report = project / "rapport.md"
    result = CliRunner(mix_stderr=False).invoke(
        cli, ["check", "--stories", str(stories), "--report-md", str(report), *source]
    )
    text = report.read_text(encoding="utf-8")
    return text.split("## Uppläsningar\n\n")[1].split("\n")[0], result.stderr


@pytest.fixture
def archive_with_a_new_story(tmp_path: Path) -> Path:
    stories = shutil.copytree(FIXTURE_ARCHIVE, tmp_path / "stories")
    (stories / "fx-ny-berattelse.md").write_text(NEW_STORY, encoding="utf-8")
    editors.approve(stories, "fx-ny-berattelse", "redaktor-test", dt.date(2026, 3, 14))
    return stories


def test_the_report_counts_the_readings_to_make_against_the_live_site(
    live_project: Path, fresh_clone: Path, archive_with_a_new_story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fresh_clone)  # its mkdocs.yml, its empty .cache/
    with logged_server(live_project / "site") as (url, requests):
        line, _ = readings_line(fresh_clone, archive_with_a_new_story, "--reuse-readings-from", url)
    assert line == (
        "1 berättelser behöver läsas upp (nya eller ändrade texter), räknat mot cachen här och "
        f"uppläsningarna på {url}: fx-ny-berattelse."
    )
    assert requests and all(READING_REQUEST.fullmatch(path) and path.endswith(".mp3") for path in requests)
    # Against the empty cache alone, every story would be read again.
    line, _ = readings_line(fresh_clone, archive_with_a_new_story)
    assert line.startswith(
        "4 berättelser behöver läsas upp (nya eller ändrade texter), räknat mot uppläsningarna i cachen här: "
    )


def test_a_live_site_that_does_not_answer_is_named_and_the_cache_counted(
    fresh_clone: Path, archive_with_a_new_story: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fresh_clone)
    with logged_server(fresh_clone) as (url, _):
        pass  # nothing listens there any more
    line, _ = readings_line(fresh_clone, archive_with_a_new_story, "--reuse-readings-from", url)
    assert line == (
        "4 berättelser behöver läsas upp (nya eller ändrade texter), räknat bara mot uppläsningarna i "
        f"cachen här: {url} gick inte att nå: fx-ar-approved, fx-en-translation, fx-ny-berattelse, fx-sv-approved."
    )


def test_the_record_says_what_was_published_fetched_and_by_which_voice(
    live_project: Path, fresh_clone: Path, tmp_path: Path
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=fresh_clone, check=True)
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            "x",
        ],
        cwd=fresh_clone,
        check=True,
    )
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=fresh_clone, check=True, capture_output=True, text=True
    ).stdout.strip()
    stories = shutil.copytree(FIXTURE_ARCHIVE, fresh_clone / "stories")
    record, table = tmp_path / "publicering.json", tmp_path / "publicering.md"
    with logged_server(live_project / "site") as (url, _):
        build_site(
            replace(options(fresh_clone, "espeak", url), stories_dir=stories, report=record, report_md=table)
        )
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["commit"] == head
    assert dt.datetime.fromisoformat(data["finished"]).tzinfo == dt.UTC
    assert (data["audio_fetched"], data["audio_synthesised"], data["readings_from"]) == (3, 0, url)
    assert data["readings_by_voice"] == {"espeak": 3}
    assert data["statistics_audit"]["hidden_checked"] >= 0
    markdown = table.read_text(encoding="utf-8")
    assert "| Uppläsningar hämtade från webbplatsen | 3 |" in markdown
    assert f"| Commit | `{head}` |" in markdown
