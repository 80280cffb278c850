"""`serve`: a change under stories/ rebuilds once; the build's own writes never trigger another."""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.pipeline import BuildOptions, BuildResult
from generator.serve import snapshot, start_server, watch
from tests.conftest import StoryWriter


def fetch(url: str) -> str:
    with urllib.request.urlopen(url) as response:
        text: str = response.read().decode()
        return text


def wait_for(condition: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.mark.build
def test_an_edit_rebuilds_once_and_the_site_is_served(
    project: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story()
    options = BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", "none", project / ".cache")
    outcomes: list[BuildResult | UserError] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(options, outcomes.append, stop, 0.2))
    watcher.start()
    server = start_server(project / "site", "127.0.0.1", 0)
    try:
        wait_for(lambda: len(outcomes) == 1)
        url = f"http://127.0.0.1:{server.server_address[1]}/berattelser/hbg-0001/"
        assert "En vanlig dag" in fetch(url)
        write_story(title="En ny rubrik")
        wait_for(lambda: len(outcomes) == 2)
        assert isinstance(outcomes[1], BuildResult)
        assert "En ny rubrik" in fetch(url)
        time.sleep(1.5)  # several more looks: the build's own writes under docs/ and site/ must not count
        assert len(outcomes) == 2
        write_story(status="Approved")
        wait_for(lambda: len(outcomes) == 3)
        assert isinstance(outcomes[2], UserError)
        assert "En ny rubrik" in fetch(url)
    finally:
        stop.set()
        watcher.join()
        server.shutdown()
        server.server_close()


def test_snapshot_sees_size_and_time_and_ignores_dot_files(
    stories_dir: Path, write_story: StoryWriter
) -> None:
    path = write_story()
    before = snapshot(stories_dir)
    (stories_dir / ".hbg-0001.md.swp").write_text("x", encoding="utf-8")
    assert snapshot(stories_dir) == before
    path.write_text(path.read_text(encoding="utf-8") + "Mer.\n", encoding="utf-8")
    assert snapshot(stories_dir) != before


@pytest.mark.parametrize("missing", ["nowhere"])
def test_a_missing_folder_is_an_empty_snapshot(tmp_path: Path, missing: str) -> None:
    assert snapshot(tmp_path / missing) == frozenset()
