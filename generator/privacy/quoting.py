"""How a message shows a value it got from input: masked, never as written.

Messages reach terminals, CI logs and pull-request summaries, and those of a public repository
are public. A wrong value is often exactly what should not be there (`collected: 19811218-9876`,
an e-mail address as a field's name, a name in a survey cell), so every message that quotes
input goes through `shown` or `inline`. They mask what the personal-data screen finds, the way
its flags show it (`1981****-**76`, `G****`), and, since a quoted value is a short key or id
where neither belongs, also every run of seven digits or more and every listed name in any
case. What is left stays readable, so that 'Approved' or 'simhall' can still be fixed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from generator.privacy.personal_data import find_spans, is_listed_name, mask, normalise

# Longer values are described by their length instead: a long value is seldom a typo, and
# cutting it could leave half a number that no pattern recognises.
QUOTE_MAX = 40
# Seven digits or more, written any way: `8112 18-98 76`, `070 - 123 45 67`, `+46(0)70…`.
_LONG_NUMBER = re.compile(r"\d(?:[\s.\-/+–—_()]{0,3}\d){6,}")
# A real date stays readable: it is what `approved_on` holds, and no one's number ("0000-00-0" is not one).
_DATE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])")
_WORD = re.compile(r"[^\W\d_]+")


def _spans(normal: str) -> list[tuple[int, int]]:
    """Everything to hide in a normalised value: the screen's findings, long numbers, names."""
    spans = [(start, end) for _, start, end in find_spans(normal, "sv")]
    spans += [m.span() for m in _LONG_NUMBER.finditer(normal) if not _DATE.fullmatch(m.group())]
    spans += [m.span() for m in _WORD.finditer(normal) if is_listed_name(m.group())]
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one (a mobile number is also a possible personnummer)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mask_input(text: str) -> str:
    """Return the text (normalised as the screen sees it) with everything that may be personal masked."""
    normal = normalise(text)
    parts = []
    position = 0
    for start, end in _merged(_spans(normal)):
        parts += [normal[position:start], mask(normal[start:end])]
        position = end
    parts.append(normal[position:])
    return "".join(parts)


def _printable(text: str) -> str:
    """Escape what could break a log line or fake another one: line breaks, control characters."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def masked(text: str) -> str:
    """Text that may hold input (a YAML parser's complaint) as one safe line of a message."""
    return _printable(mask_input(text))


def display_path(path: Path) -> str:
    """Return the path as the editor knows it: as given, or relative to the working folder when inside it."""
    if not path.is_absolute():
        return _decodable(str(path))
    relative = os.path.relpath(path)
    return _decodable(str(path) if relative == ".." or relative.startswith("../") else relative)


def _decodable(name: str) -> str:
    """A file name that is not valid UTF-8 (its bytes kept as surrogates) cannot be printed: show '�'."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def file_path(path: str) -> str:
    """A path as a message shows it: the folder as given, the file's name (input too) masked."""
    folder, slash, name = path.rpartition("/")
    return folder + slash + masked(name)


def inline(text: str) -> str:
    """A value from input as a message shows it in running text: a field's name, an id."""
    if len(text) > QUOTE_MAX:
        return f"[{len(text)} tecken]"
    return masked(text)


def shown(value: object) -> str:
    """Describe a wrong value for "men fick …": masked, and long texts only by their length."""
    if value is None:
        return "ett tomt värde"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and value.bit_length() > 3 * QUOTE_MAX:
        return "ett mycket stort tal"
    if isinstance(value, (int, float, dt.date)):
        return inline(str(value))
    if isinstance(value, str):
        if len(value) > QUOTE_MAX or "\n" in value:
            return f"en text på {len(value)} tecken"
        return repr(mask_input(value))
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en samling fält"
    return type(value).__name__


def thousands(number: int) -> str:
    """A count as Swedish writes it: 30 000, with a space between the groups."""
    return f"{number:,}".replace(",", " ")
