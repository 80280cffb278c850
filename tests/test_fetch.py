"""Fetching published readings from the live site: a real HTTP server on 127.0.0.1, with its
requests logged, that answers, hangs, redirects or sends too much."""

from __future__ import annotations

import ast
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.audio import fetch
from generator.audio.fetch import LiveReadings, web_address
from generator.errors import UserError
from tests.conftest import ROOT

MP3 = "ljud/hbg-0001-0123456789abcdef.mp3"
VTT = "ljud/hbg-0001-0123456789abcdef.vtt"

Answer = Callable[[BaseHTTPRequestHandler], None]


@contextmanager
def server(answer: Answer) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Serve on 127.0.0.1 at a free port; yield the site's address and the requests it got."""
    requests: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(("GET", self.path))
            answer(self)

        def do_HEAD(self) -> None:
            requests.append(("HEAD", self.path))
            answer(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def files(content: dict[str, bytes]) -> Answer:
    """Answer with the files by path, and 404 for anything else."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        body = content.get(handler.path.lstrip("/"))
        handler.send_response(200 if body is not None else 404)
        handler.send_header("Content-Length", str(len(body or b"")))
        handler.end_headers()
        if handler.command == "GET":
            handler.wfile.write(body or b"")

    return answer


def test_a_reading_and_its_timing_file_are_fetched_from_their_paths_only() -> None:
    with server(files({MP3: b"mp3 bytes", VTT: b"WEBVTT\n"})) as (url, requests):
        live = LiveReadings(url)
        assert live.fetch(MP3, VTT) == (b"mp3 bytes", b"WEBVTT\n")
        assert live.has(MP3)
        assert not live.unreachable
    assert requests == [("GET", f"/{VTT}"), ("GET", f"/{MP3}"), ("HEAD", f"/{MP3}")]


def test_a_reading_missing_either_file_is_not_there() -> None:
    with server(files({VTT: b"WEBVTT\n"})) as (url, requests):
        live = LiveReadings(url)
        assert live.fetch(MP3, VTT) is None
        assert not live.has(MP3)
        assert not live.unreachable
    with server(files({MP3: b"mp3 bytes"})) as (url, requests):
        assert LiveReadings(url).fetch(MP3, VTT) is None
    # Without its timing file, the MP3 is not even asked for.
    assert requests == [("GET", f"/{VTT}")]


def test_a_site_in_a_sub_folder_is_asked_under_it() -> None:
    with server(files({f"arkiv/{MP3}": b"a", f"arkiv/{VTT}": b"b"})) as (url, requests):
        assert LiveReadings(url + "arkiv/").fetch(MP3, VTT) == (b"a", b"b")
    assert [path for _, path in requests] == [f"/arkiv/{VTT}", f"/arkiv/{MP3}"]


def test_the_mp3_comes_from_the_audio_host_and_the_timing_file_from_the_site() -> None:
    with (
        server(files({VTT: b"vtt"})) as (site, site_requests),
        server(files({f"ljudfiler/{MP3}": b"mp3"})) as (host, host_requests),
    ):
        assert LiveReadings(site, host + "ljudfiler/").fetch(MP3, VTT) == (b"mp3", b"vtt")
    assert site_requests == [("GET", f"/{VTT}")]
    assert host_requests == [("GET", f"/ljudfiler/{MP3}")]


def test_a_redirect_is_not_followed_to_another_host() -> None:
    with server(files({MP3: b"elsewhere", VTT: b"elsewhere"})) as (other, other_requests):

        def redirect(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(302)
            handler.send_header("Location", other + handler.path.lstrip("/"))
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        with server(redirect) as (url, requests):
            live = LiveReadings(url)
            assert live.fetch(MP3, VTT) is None
            assert not live.has(MP3)
            assert not live.unreachable
    assert other_requests == []
    assert requests == [("GET", f"/{VTT}"), ("HEAD", f"/{MP3}")]


def test_a_body_larger_than_the_limit_is_refused_whether_declared_or_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fetch, "VTT_LIMIT", 10)
    with server(files({MP3: b"mp3", VTT: b"WEBVTT\n" + b"x" * 10})) as (url, _):
        assert LiveReadings(url).fetch(MP3, VTT) is None

    def undeclared(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        handler.wfile.write(b"x" * 11)
        handler.close_connection = True

    with server(undeclared) as (url, _):
        live = LiveReadings(url)
        assert live.fetch(MP3, VTT) is None
        assert not live.unreachable


def test_a_host_that_hangs_is_given_up_on_after_the_timeout_and_asked_nothing_more() -> None:
    release = threading.Event()

    def hang(handler: BaseHTTPRequestHandler) -> None:
        release.wait(10)

    with server(hang) as (url, requests):
        live = LiveReadings(url, timeout=0.3)
        started = time.monotonic()
        assert live.fetch(MP3, VTT) is None
        assert live.fetch(MP3, VTT) is None
        assert not live.has(MP3)
        elapsed = time.monotonic() - started
        release.set()
    assert live.unreachable
    assert 0.3 <= elapsed < 2
    assert requests == [("GET", f"/{VTT}")]


def test_a_host_that_trickles_its_answer_is_given_up_on_at_the_timeout() -> None:
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.end_headers()
        for _ in range(40):
            handler.wfile.write(b"x" * 70_000)
            handler.wfile.flush()
            time.sleep(0.05)

    with server(trickle) as (url, _):
        live = LiveReadings(url, timeout=0.4)
        started = time.monotonic()
        assert live.fetch(MP3, VTT) is None
        assert time.monotonic() - started < 1.5
    assert live.unreachable


def test_no_host_at_all_is_unreachable() -> None:
    with server(files({})) as (url, _):
        pass  # the port is free again: nothing listens there
    live = LiveReadings(url, timeout=0.5)
    assert live.fetch(MP3, VTT) is None
    assert live.unreachable


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("https://berattelser.helsingborg.se", "https://berattelser.helsingborg.se/"),
        ("http://127.0.0.1:8000/arkiv/", "http://127.0.0.1:8000/arkiv/"),
    ],
)
def test_a_site_address_ends_in_a_slash(given: str, used: str) -> None:
    assert web_address(given, "--reuse-readings-from") == used


@pytest.mark.parametrize(
    "given", ["file:///etc/passwd", "ftp://example.se/", "berattelser.helsingborg.se", "https://x.se/?a=1"]
)
def test_only_an_http_or_https_address_of_a_site_is_accepted(given: str) -> None:
    with pytest.raises(UserError) as raised:
        web_address(given, "--reuse-readings-from")
    assert raised.value.summary == (
        "--reuse-readings-from: Väntade webbplatsens adress, som https://berattelser.helsingborg.se/, "
        f"men fick {given!r}. Skriv adressen med http:// eller https:// först."
    )


# import-linter cannot name a sub-module of the standard library (urllib.request) in a contract,
# and urllib.parse is used freely: so this test reads the imports itself.
NETWORK_MODULES = {"urllib.request", "http.client", "socket", "requests", "urllib3", "httpx"}


def imported_modules(source: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_only_the_fetching_module_makes_http_requests_of_its_own() -> None:
    """gTTS goes to Google on its own (generator/audio/voice_gtts.py); our own requests are only
    the published readings, made here with a timeout, a size limit and no redirects."""
    making_requests = {
        source.relative_to(ROOT).as_posix()
        for source in sorted((ROOT / "generator").rglob("*.py"))
        if imported_modules(source) & NETWORK_MODULES
    }
    assert making_requests == {"generator/audio/fetch.py"}
