"""A Content-Security-Policy for each built page, allowing exactly the theme's own inline scripts.

A static host often cannot send headers, so the policy travels in a <meta> that the theme
template writes with a placeholder. After MkDocs has built, each page's inline scripts are
hashed into its policy. A script is hashed only if its shape is one the theme writes on the
hand-written pages too: anything else stops the build instead of being blessed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator import urls

PLACEHOLDER = "hbg-csp-placeholder"
# The theme's inline scripts differ between pages only in the relative path to the site root.
_RELATIVE_ROOT = re.compile(r'"(?:\.\./)*\.\.?/?"')
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_NOT_JAVASCRIPT = re.compile(r"""\btype\s*=\s*["']?(?!text/javascript|module)[a-z]""", re.IGNORECASE)
_SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)

DIRECTIVES = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "media-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_scripts(html: str) -> list[str]:
    """Return the bodies of the inline scripts a browser would run (not JSON data blocks)."""
    return [
        match["body"]
        for match in _SCRIPT.finditer(html)
        if not _SOURCE.search(match["attributes"]) and not _NOT_JAVASCRIPT.search(match["attributes"])
    ]


def shape(script: str) -> str:
    """Return a script with its relative root path blanked out, to compare across pages."""
    return _RELATIVE_ROOT.sub('"…"', script)


def script_hash(script: str) -> str:
    """Return the CSP source expression for one inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# What Pagefind's search needs to compile its WebAssembly, and nothing broader (not 'unsafe-eval').
WEBASSEMBLY = "'wasm-unsafe-eval'"


def policy(hashes: Iterable[str], media_origin: str = "", webassembly: bool = False) -> str:
    """Return the policy for a page: its own files, its inline scripts (by hash), the readings'
    host, and WebAssembly only on the search page, the one page that runs it."""
    directives = [
        f"{d} {media_origin}" if media_origin and d.startswith("media-src") else d for d in DIRECTIVES
    ]
    scripts = ["script-src 'self'", *([WEBASSEMBLY] if webassembly else []), *hashes]
    return "; ".join([directives[0], " ".join(scripts), *directives[1:]])


@dataclass(frozen=True)
class PageScripts:
    """What a page's inline scripts bring to its policy, found once and remembered by its HTML."""

    hashes: tuple[str, ...]  # sorted, each once
    shapes: tuple[str, ...]  # sorted, each once
    has_placeholder: bool

    def to_json(self) -> list[object]:
        return [self.hashes, self.shapes, self.has_placeholder]

    @classmethod
    def from_json(cls, data: list[Any]) -> PageScripts:
        return cls(tuple(data[0]), tuple(data[1]), data[2])


def page_scripts(html: str) -> PageScripts:
    """Find what the policy of a page (with the template's placeholder) depends on."""
    scripts = inline_scripts(html)
    return PageScripts(
        tuple(sorted({script_hash(script) for script in scripts})),
        tuple(sorted({shape(script) for script in scripts})),
        PLACEHOLDER in html,
    )


@dataclass
class PagePolicies:
    """Fill in each page's policy as soon as it is built; judge its scripts once all pages are.

    Every inline script is hashed into its own page's policy, so no page waits for the others.
    The build then stops unless each script on a generated page has the shape of one on the
    hand-written pages: a blessed-but-unexpected script never goes live.
    """

    media_origin: str = ""
    _hand_written: set[str] = field(default_factory=set)
    _generated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _without_placeholder: list[str] = field(default_factory=list)

    def fill(self, path: str, html: str, hand_written: bool, scripts: PageScripts | None = None) -> str:
        """Return the page with its policy in place of the template's placeholder.

        `scripts` is what page_scripts(html) returns, when that is known already.
        """
        found = scripts or page_scripts(html)
        if hand_written:
            self._hand_written.update(found.shapes)
        else:
            self._generated[path] = found.shapes
        if not found.has_placeholder:
            self._without_placeholder.append(path)
        return html.replace(PLACEHOLDER, policy(found.hashes, self.media_origin, path == urls.SEARCH_PAGE), 1)

    def findings(self) -> list[str]:
        """Scripts on generated pages that no hand-written page has, and pages with no policy."""
        found = [
            f"{path}: oväntat inline-skript: {script[:80]!r}"
            for path, shapes in sorted(self._generated.items())
            for script in shapes
            if script not in self._hand_written
        ]
        return found + [
            f"{path}: sidan saknar CSP-mallens platshållare" for path in self._without_placeholder
        ]
