"""Shared pieces of the browser tests: build a site once, serve it on 127.0.0.1, drive chromium."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from generator.pipeline import BuildOptions, build_site
from tests.conftest import ROOT, copy_hand_written_docs

CHROMIUM = "/usr/bin/chromium"
# The flags the machine's probe found necessary: no sandbox as root, no calls home at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output for test results."""


def build_project_site(base: Path, stories: Path, voice: str) -> Path:
    """Build an archive with a copy of the project's MkDocs side; return the site folder."""
    shutil.copy(ROOT / "mkdocs.yml", base / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", base / "overrides")
    copy_hand_written_docs(base / "docs")
    build_site(
        BuildOptions(stories, base / "site", base / "mkdocs.yml", voice=voice, cache_dir=base / ".cache")
    )
    return base / "site"


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port and yield its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    server.daemon_threads = True
    server.block_on_close = False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Launch Debian's chromium headless; Playwright never downloads a browser of its own here."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
