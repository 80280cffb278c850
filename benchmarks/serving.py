"""Serve a built site as the public host does, for the benchmarks that count what a visitor downloads.

GitHub Pages compresses text files (HTML, CSS, JavaScript, JSON, XML, SVG) with gzip for a browser
that accepts it; Pagefind's index files and the readings are compressed already and are sent as
they are. Python's own server compresses nothing, so a page would weigh more here than in public.
"""

from __future__ import annotations

import gzip
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO

from playwright.sync_api import Request

from tests.browser import QuietHandler, serve

COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".vtt")


class CompressingHandler(QuietHandler):
    """Serve text files gzip-compressed to a browser that accepts it."""

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def serve_compressed(folder: Path) -> AbstractContextManager[str]:
    """Serve a folder on 127.0.0.1 at a free port, compressed; its URL is what `with` gives."""
    return serve(folder, CompressingHandler)


def wire_bytes(request: Request) -> int:
    """What a finished request cost on the wire: its response's headers and body as sent."""
    sizes = request.sizes()
    return int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])
