"""Check the built site before it replaces the live one: no injected markup, nothing unpublished.

The templates escape every story; this is the second line of defence. It knows exactly what the
templates produce inside a story and refuses anything else, and on every page it refuses what
no page of ours should have: event handlers, script URLs, frames, resources from other hosts.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.memo import Memo, memo_key

STORY_MARKER = "data-hbg-story"
# What the story template produces, and nothing more.
STORY_ELEMENTS = frozenset(
    "div header h1 h2 p br strong aside section a ul ol li dl dt dd span audio track button".split()
)
STORY_ATTRIBUTES = frozenset(
    [
        *"class id lang dir href aria-labelledby aria-label aria-describedby aria-pressed value role".split(),
        *"hidden type download controls preload src kind srclang label".split(),
        *"data-hbg-player data-hbg-rate data-search-exclude".split(),
        STORY_MARKER,
    ]
)
FORBIDDEN_ELEMENTS = frozenset("iframe frame frameset object embed applet base portal".split())
URL_ATTRIBUTES = frozenset("href src srcset action formaction poster data xlink:href background cite".split())
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
# Elements whose URL makes the browser fetch something as soon as the page loads.
LOADING = {
    "script": "src",
    "img": "src",
    "audio": "src",
    "video": "src",
    "source": "src",
    "track": "src",
    "input": "src",
}
LOADING_LINK_RELS = frozenset(
    "stylesheet icon preload modulepreload manifest prefetch apple-touch-icon".split()
)
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta source track wbr".split())
TEXT_SUFFIXES = frozenset({".html", ".xml", ".json", ".txt", ".js", ".css", ".vtt", ".rss"})
# A stylesheet that fetches a font, an image or another stylesheet from elsewhere.
FOREIGN_IN_CSS = re.compile(r"(url\(\s*['\"]?|@import\s+['\"])\s*(https?:)?//", re.IGNORECASE)


@dataclass
class _PageScanner(HTMLParser):
    """Walk one page's tags and note everything that breaks the rules above."""

    page: str
    audio_base_url: str = ""  # readings published from another host (mkdocs.yml: extra.audio_base_url)
    findings: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    story_depth: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _flag(self, what: str) -> None:
        self.findings.append(f"{self.page}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        in_story = self.story_depth > 0
        if in_story and tag not in VOID_ELEMENTS:
            self.story_depth += 1
        if STORY_MARKER in values and not in_story:
            self.story_depth = 1
        self._check_element(tag, values, in_story)
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in ("audio", "track", "source") and "src" in values:
            self.links.append(values["src"])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_element(tag, {name: value or "" for name, value in attrs}, self.story_depth > 0)

    def handle_endtag(self, tag: str) -> None:
        if self.story_depth > 0 and tag not in VOID_ELEMENTS:
            self.story_depth -= 1

    def _check_element(self, tag: str, values: dict[str, str], in_story: bool) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self._flag(f"otillåtet element <{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._flag("otillåten omdirigering <meta http-equiv=refresh>")
        if in_story and tag not in STORY_ELEMENTS:
            self._flag(f"elementet <{tag}> i berättelsen kommer inte från mallarna")
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            self._check_attribute(tag, name, value, in_story, rels)

    def _check_attribute(self, tag: str, name: str, value: str, in_story: bool, rels: set[str]) -> None:
        if name.startswith("on"):
            self._flag(f"händelseattributet {name}= på <{tag}>")
        if in_story and name not in STORY_ATTRIBUTES:
            self._flag(f"attributet {name}= på <{tag}> i berättelsen kommer inte från mallarna")
        if name in URL_ATTRIBUTES and scheme_of(value) not in SAFE_SCHEMES:
            self._flag(f"otillåten adress med schemat {scheme_of(value)!r} i {name}= på <{tag}>")
        from_audio_host = tag in ("audio", "source") and bool(self.audio_base_url)
        if from_audio_host and name == "src" and value.startswith(self.audio_base_url):
            return
        if _loads_resource(tag, name, rels) and is_foreign(value):
            self._flag(f"<{tag}> hämtar något från en annan värd ({urlsplit(value.strip()).netloc})")
        if name == "style" and re.search(r"url\(\s*['\"]?\s*(https?:)?//", value, re.IGNORECASE):
            self._flag(f"style= på <{tag}> hämtar något från en annan värd")


def _loads_resource(tag: str, name: str, rels: set[str]) -> bool:
    if name in ("srcset", "poster"):
        return True
    if tag == "link":
        return name == "href" and bool(rels & LOADING_LINK_RELS)
    return LOADING.get(tag) == name


def scheme_of(url: str) -> str:
    """Return a URL's scheme in lower case, seeing through the tricks browsers forgive."""
    cleaned = re.sub(r"[\x00-\x20]", "", unquote(url)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match[1] if match else ""


def is_foreign(url: str) -> bool:
    """True when a URL points at another host (absolute or protocol-relative)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def scan_page(page: str, html: str, audio_base_url: str = "") -> tuple[list[str], list[str]]:
    """Return the findings on one page and the addresses it links to or plays."""
    scanner = _PageScanner(page, audio_base_url)
    scanner.feed(html)
    scanner.close()
    return scanner.findings, scanner.links


def _broken_links(page: str, hrefs: Iterable[str], files: set[str]) -> list[str]:
    """Links from a page (its path in the site) that lead to no file of the site."""
    broken = []
    base = posixpath.dirname(page)
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        # MkDocs writes root-relative links on the 404 page, which is served from any folder.
        target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
        if target not in files and posixpath.normpath(posixpath.join(target, "index.html")) not in files:
            broken.append(f"{page}: länken {href!r} leder ingenstans")
    return broken


def _scan_remembered(page: str, html: str, audio_base_url: str, memo: Memo) -> tuple[list[str], list[str]]:
    """Scan a page, or recall the scan of the same bytes at the same place (MkDocs is deterministic)."""
    key = memo_key("page", page, audio_base_url, html)
    if (known := memo.get(key)) is not None:
        return known[0], known[1]
    found, links = scan_page(page, html, audio_base_url)
    memo.put(key, [found, links])
    return found, links


def check_site(
    site: Path,
    published_ids: Iterable[str],
    hidden_ids: Iterable[str],
    audio_base_url: str = "",
    memo: Memo | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[str]:
    """Return every reason the built site must not go live; an empty list means it may.

    `texts` holds pages already in memory (by path in the site); the others are read from disk.
    """
    findings: list[str] = []
    for story_id in sorted(published_ids):
        if not (site / "berattelser" / story_id / "index.html").is_file():
            findings.append(f"berattelser/{story_id}/: sidan för en godkänd berättelse saknas")
    hidden = sorted(hidden_ids)
    hidden_pattern = re.compile(r"(?<![a-z0-9-])(" + "|".join(map(re.escape, hidden)) + r")(?![a-z0-9-])")
    paths = sorted(p for p in site.rglob("*") if p.is_file())
    files = {path.relative_to(site).as_posix() for path in paths}
    for path in paths:
        relative = path.relative_to(site).as_posix()
        if path.stat().st_size == 0:
            findings.append(f"{relative}: filen är tom")
        if path.suffix not in TEXT_SUFFIXES:
            continue
        known = texts.get(relative) if texts else None
        text = known if known is not None else path.read_text(encoding="utf-8", errors="replace")
        if hidden and (match := hidden_pattern.search(text)):
            findings.append(f"{relative}: nämner {match[1]}, som inte är godkänd")
        if path.suffix == ".css" and (match := FOREIGN_IN_CSS.search(text)):
            findings.append(f"{relative}: stilmallen hämtar något från en annan värd ({match[0]!r})")
        if path.suffix == ".html":
            found, hrefs = _scan_remembered(relative, text, audio_base_url, memo or Memo(None))
            findings += found + _broken_links(relative, hrefs, files)
    return findings
