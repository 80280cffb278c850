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


def policy(scripts: Iterable[str], media_origin: str = "") -> str:
    """Return the policy for a page: its own files, these inline scripts, and the readings' host."""
    hashes = sorted({script_hash(script) for script in scripts})
    directives = [
        f"{d} {media_origin}" if media_origin and d.startswith("media-src") else d for d in DIRECTIVES
    ]
    return "; ".join([directives[0], f"script-src 'self' {' '.join(hashes)}".strip(), *directives[1:]])


def page_policy(html: str, known_shapes: frozenset[str], media_origin: str = "") -> tuple[str, list[str]]:
    """Return the policy a page needs and the shapes of its scripts that were unexpected."""
    scripts = inline_scripts(html)
    unexpected = sorted({shape(s) for s in scripts} - known_shapes)
    if PLACEHOLDER not in html:
        unexpected.append("(sidan saknar CSP-mallens platshållare)")
    return policy(scripts, media_origin), unexpected
