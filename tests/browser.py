"""Shared pieces of the browser tests: build a site once, serve it on 127.0.0.1, drive chromium."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from generator.intake.gate import published_stories
from generator.model import Story
from generator.pipeline import BuildOptions, build_site, check_archive
from tests.conftest import ROOT, SAMPLE_ARCHIVE, copy_hand_written_docs

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
def serve(folder: Path, handler: type[SimpleHTTPRequestHandler] | None = None) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 at a free port and yield its URL (with `handler`, else quietly)."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler or QuietHandler, directory=str(folder))
    )
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


# The sample archive's site: one page of each type, by name.
SCREENSHOTS = Path(os.environ.get("HBG_SCREENSHOTS", ROOT / "artifacts" / "screenshots"))
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
PUBLISHED = published_stories(check_archive(SAMPLE_ARCHIVE).stories)


def first_story(condition: object) -> Story:
    return next(story for story in PUBLISHED if condition(story))  # type: ignore[operator]


STORY_SV = first_story(lambda s: s.language == "sv" and not s.content_warnings)
STORY_AR = first_story(lambda s: s.language == "ar")
STORY_WARNING = first_story(lambda s: s.content_warnings)
STORY_FILM = first_story(lambda s: s.featured)
# A story page in each other language, with a content warning where the sample has one.
STORIES_IN = {
    code: max((s for s in PUBLISHED if s.primary_language == code), key=lambda s: len(s.content_warnings))
    for code in ("en", "ar", "vi", "bs", "hr", "sr")
}
PAGE_TYPES = {
    "start": "",
    "story-sv": f"berattelser/{STORY_SV.id}/",
    "story-ar": f"berattelser/{STORY_AR.id}/",
    **{f"story-{code}-warning": f"berattelser/{story.id}/" for code, story in STORIES_IN.items()},
    "story-warning": f"berattelser/{STORY_WARNING.id}/",
    "all-stories": "berattelser/",
    "grounds": "grunder/",
    "ground": "grunder/etnisk-tillhorighet/",
    "arenas": "arenor/",
    "arena": "arenor/skola/",
    "experiences": "upplevelser/",
    "experience": "upplevelser/diskriminering/",
    "plan": "planen/",
    "measure": "planen/atgard-04/",
    "help": "hjalp/",
    "about": "om/",
    "accessibility": "tillganglighet/",
    "easy-read": "lattlast/",
    "easy-read-listen": "lattlast/lasa-och-lyssna/",
    "easy-read-rights": "lattlast/dina-rattigheter/",
    "easy-read-contact": "lattlast/kontakt/",
    "languages": "sprak/",
    "stories-in-english": "sprak/en/",
    "english": "en/",
    "arabic": "ar/",
    "vietnamese": "vi/",
    "bosnian-croatian-serbian": "bs/",
    "help-english": "en/help/",
    "help-arabic": "ar/help/",
    "help-vietnamese": "vi/help/",
    "help-bosnian-croatian-serbian": "bs/help/",
    "not-found": "404.html",
    "statistics": "statistik/",
    "statistics-grounds": "statistik/grunder/",
    "statistics-arenas": "statistik/arenor/",
    "statistics-experiences": "statistik/upplevelser/",
    "statistics-frequency": "statistik/hur-ofta/",
    "statistics-reported": "statistik/anmalan/",
    "statistics-age": "statistik/alder/",
    "statistics-languages": "statistik/sprak/",
    "statistics-reactions": "statistik/reaktioner/",
    "statistics-belonging": "statistik/tillhorighet/",
    "statistics-cross": "statistik/grunder-och-arenor/",
    "statistics-method": "statistik/metod/",
    "statistics-codebook": "statistik/kodbok/",
    "search": "sok/",
    "dialogue": "dialog/",
    "story-film": f"berattelser/{STORY_FILM.id}/",
    "print-packs": "skriv-ut/",
    "print-ground": "skriv-ut/grunder/etnisk-tillhorighet/",
    "print-measure": "skriv-ut/planen/atgard-04/",
}


def axe_violations(page: Page) -> list[str]:
    response = Axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{v['id']}: {v['help']} ({', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in response["violations"]
    ]


def note_refusal(message: ConsoleMessage, refused: list[str]) -> None:
    if "Content Security Policy" in message.text or "Refused to" in message.text:
        refused.append(message.text)


def watch_requests(page: Page) -> tuple[list[str], list[str]]:
    """Collect, as the page works, every address it asks for and every refusal by its security
    policy the browser reports."""
    requested: list[str] = []
    refused: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: note_refusal(message, refused))
    return requested, refused
