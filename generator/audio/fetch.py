"""Fetch published readings (an MP3 and its WebVTT timing file) from the live site: the one module
that goes on the network for them, with a timeout, a size limit and no redirects.

The Actions cache, where the deploy keeps its readings, is deleted by GitHub after seven days
without use; the live site still has every reading, under a name that carries the reading's key.
Only the paths a build computes for its readings are asked for, so nothing else is ever fetched.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.client import HTTPException
from urllib.parse import urlsplit

from generator.errors import UserError
from generator.privacy.quoting import shown

# The longest story (30,000 characters) read aloud lasts about half an hour: some 12 MB of MP3 at
# Google's bitrate, slowed down for English. Anything much larger is not one of our readings.
MP3_LIMIT = 32 * 1024 * 1024
# Its timing file holds the text once, with a line of times per sentence.
VTT_LIMIT = 2 * 1024 * 1024
TIMEOUT_SECONDS = 10.0
# Downloads at a time: enough to hide the round trips, few enough to be polite to the host.
WORKERS = 4
_CHUNK = 64 * 1024


class _TooSlowError(Exception):
    """The host sent its answer too slowly: asking it again is not worth the wait."""


def _opener() -> urllib.request.OpenerDirector:
    """An opener for http and https only, that follows no redirect: one could lead to another host,
    or to a path that is not a reading. A 3xx answer is then an HTTPError, like a 404."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


_OPENER = _opener()


def _request(url: str, method: str) -> urllib.request.Request:
    return urllib.request.Request(url, method=method)  # noqa: S310 - the opener speaks only http(s)


def web_address(value: str, option: str) -> str:
    """Accept an http(s) address with a host and no query or fragment, ending it in '/'."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise UserError(
            f"{option}: Väntade webbplatsens adress, som https://berattelser.helsingborg.se/, "
            f"men fick {shown(value)}. Skriv adressen med http:// eller https:// först."
        )
    return value if value.endswith("/") else value + "/"


@dataclass
class LiveReadings:
    """The readings of the live site: MP3s on the site, or on `audio_base_url` when the site uses
    its own audio host; timing files always on the site (where the pages' <track> finds them).

    After the first request that times out or finds no host, no more are made: a site that hangs
    costs one timeout per worker, not one per story.
    """

    site_url: str
    audio_base_url: str = ""
    timeout: float = TIMEOUT_SECONDS
    workers: int = WORKERS
    _gave_up: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def unreachable(self) -> bool:
        """Whether a request failed for want of an answer (then the rest were not made)."""
        return self._gave_up.is_set()

    def mp3_url(self, mp3_path: str) -> str:
        return (self.audio_base_url or self.site_url) + mp3_path

    def vtt_url(self, vtt_path: str) -> str:
        return self.site_url + vtt_path

    def fetch(self, mp3_path: str, vtt_path: str) -> tuple[bytes, bytes] | None:
        """Return a reading's MP3 and timing file, or None when either is not there as it should be."""
        vtt = self._download(self.vtt_url(vtt_path), VTT_LIMIT)
        mp3 = self._download(self.mp3_url(mp3_path), MP3_LIMIT) if vtt is not None else None
        return (mp3, vtt) if mp3 is not None and vtt is not None else None

    def has(self, mp3_path: str) -> bool:
        """Whether the site publishes this reading (a HEAD request: nothing is downloaded)."""
        return self._answer(_request(self.mp3_url(mp3_path), "HEAD"), MP3_LIMIT) is not None

    def _download(self, url: str, limit: int) -> bytes | None:
        return self._answer(_request(url, "GET"), limit)

    def _answer(self, request: urllib.request.Request, limit: int) -> bytes | None:
        """The body of a 200 answer (empty for HEAD), or None for any other answer, a body over
        the limit, or no answer (and then the host is given up on)."""
        if self.unreachable:
            return None
        try:
            return _read(request, limit, self.timeout)
        except urllib.error.HTTPError as error:
            error.close()
            return None
        except (OSError, HTTPException, _TooSlowError):
            # URLError, refused connections and timeouts are OSErrors; a broken answer is an HTTPException.
            self._gave_up.set()
            return None


def _read(request: urllib.request.Request, limit: int, timeout: float) -> bytes | None:
    """Read at most `limit` bytes within `timeout` seconds in all: a server that trickles its bytes
    is given up on like one that never answers."""
    deadline = time.monotonic() + timeout
    with _OPENER.open(request, timeout=timeout) as answer:
        if answer.status != 200:
            return None
        declared = answer.headers.get("Content-Length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return None
        body = bytearray()
        while chunk := answer.read(_CHUNK):
            body += chunk
            if len(body) > limit:
                return None
            if time.monotonic() > deadline:
                raise _TooSlowError(request.full_url)
        return bytes(body)
