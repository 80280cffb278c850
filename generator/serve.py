"""`serve`: the site on 127.0.0.1 for an editor, rebuilt whenever a file under stories/ changes.

Only the stories folder is watched. The build writes to docs/ and site/, which are never
watched, so a rebuild cannot set off another (MkDocs' own `serve` watches docs/ and would).
A failed rebuild is reported and the last good site stays up.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.errors import UserError
from generator.pipeline import BuildOptions, BuildResult, build_site

Snapshot = frozenset[tuple[str, int, int]]


def snapshot(folder: Path) -> Snapshot:
    """What the stories folder looks like now: every file's name, size and change time."""
    if not folder.is_dir():
        return frozenset()
    return frozenset(
        (path.name, stat.st_size, stat.st_mtime_ns)
        for path in folder.iterdir()
        if path.is_file() and not path.name.startswith(".")
        for stat in [path.stat()]
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the site folder without a log line per request (the editor sees the builds)."""

    def log_message(self, format: str, *args: object) -> None:
        return


def start_server(site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    """Serve the site folder in a background thread; the folder may be swapped underneath."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def watch(
    options: BuildOptions,
    on_build: Callable[[BuildResult | UserError], None],
    stop: threading.Event,
    interval: float = 1.0,
) -> None:
    """Build now, then again each time the stories folder has changed and settled."""
    seen = snapshot(options.stories_dir)
    on_build(_build(options))
    while not stop.wait(interval):
        now = snapshot(options.stories_dir)
        if now == seen:
            continue
        # Wait until an editor's save has finished: two looks in a row must agree.
        while not stop.wait(interval / 4) and (later := snapshot(options.stories_dir)) != now:
            now = later
        seen = now
        on_build(_build(options))


def _build(options: BuildOptions) -> BuildResult | UserError:
    try:
        return build_site(options)
    except UserError as error:
        return error
