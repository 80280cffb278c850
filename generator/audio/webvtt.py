"""Write a reading's sentence timings as WebVTT, the format the <track> element reads."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.model import Cue

_TIMES = re.compile(r"^(\d{2}):(\d{2}):(\d{2})\.(\d{3}) --> (\d{2}):(\d{2}):(\d{2})\.(\d{3})$", re.MULTILINE)


def timestamp(seconds: float) -> str:
    """Return seconds as WebVTT's hh:mm:ss.ttt."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _cue_text(text: str) -> str:
    """Escape what WebVTT reads as markup, and keep a cue on one line (a blank line ends it)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.split())


def webvtt(cues: Iterable[Cue]) -> str:
    """Return the WebVTT file: one cue per sentence, its id the sentence's anchor on the page."""
    blocks = ["WEBVTT\n"]
    for cue in cues:
        blocks.append(
            f"{cue.anchor}\n{timestamp(cue.start)} --> {timestamp(cue.end)}\n{_cue_text(cue.text)}\n"
        )
    return "\n".join(blocks)


def _millis(hours: str, minutes: str, seconds: str, millis: str) -> int:
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)


def cue_lengths(text: str) -> tuple[float, ...]:
    """Read back each cue's length in seconds from a file `webvtt` wrote (a published reading's
    timing file), so the reading can be kept again; whoever uses them checks that `webvtt` of the
    cues they make is this very file."""
    return tuple((_millis(*times[4:]) - _millis(*times[:4])) / 1000 for times in _TIMES.findall(text))
