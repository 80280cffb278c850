"""A local stand-in for Google Translate's speech endpoint, for running gTTS's own code in tests.

It answers gTTS's batchexecute POST the way Google does (a JSON line holding base64 MP3), or
fails in the ways Google and networks fail: 429, 500, a hang, a 200 with no audio or no MP3.
"""

from __future__ import annotations

import base64
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import lameenc


def make_mp3(seconds: float = 0.5, rate: int = 24000) -> bytes:
    """Real MP3 audio (silence) like Google's: 24 kHz mono, 32 kbit/s."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(32)
    encoder.set_in_sample_rate(rate)
    encoder.set_out_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(5)
    return bytes(encoder.encode(b"\x00\x00" * int(seconds * rate)) + encoder.flush())


def google_body(audio: bytes) -> bytes:
    """The shape of Google's answer that gTTS parses: the audio inside an escaped JSON string."""
    encoded = base64.b64encode(audio).decode("ascii")
    return f')]}}\'\n\n123\n[["wrb.fr","jQ1olc","[\\"{encoded}\\"]",null,null,null,"generic"]]\n'.encode()


@dataclass
class Behaviour:
    """What the stand-in answers, request by request; the last answer repeats."""

    answers: list[str] = field(default_factory=lambda: ["ok"])
    hang_seconds: float = 3.0
    requests: int = 0
    bodies: list[bytes] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self, body: bytes) -> str:
        with self.lock:
            self.bodies.append(body)
            answer = self.answers[min(self.requests, len(self.answers) - 1)]
            self.requests += 1
            return answer


def _handler(behaviour: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            answer = behaviour.next_answer(body)
            if answer == "hang":
                time.sleep(behaviour.hang_seconds)
                return
            status, payload = {
                "ok": (200, google_body(make_mp3())),
                "400": (400, b"Bad Request"),
                "429": (429, b"Too Many Requests"),
                "500": (500, b"Internal Server Error"),
                "no-audio": (200, b')]}\'\n\n[["wrb.fr","other","[]"]]\n'),
                "not-mp3": (200, google_body(b"<html>not audio</html>")),
            }[answer]
            self.send_response(status)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            """Stay quiet: the tests assert on what was asked, not on logs."""

    return Handler


@contextmanager
def stand_in_google(behaviour: Behaviour) -> Iterator[str]:
    """Run the stand-in on 127.0.0.1 and yield its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(behaviour))
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/_/TranslateWebserverUi/data/batchexecute"
    finally:
        server.shutdown()
        server.server_close()
