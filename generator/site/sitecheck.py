"""Check the built site before it replaces the live one: no injected markup, nothing unpublished.

The templates escape every story; this is the second line of defence. It knows exactly what the
templates produce inside a story and refuses anything else, and on every page it refuses what
no page of ours should have: event handlers, script URLs, frames, resources from other hosts.

An unpublished story must leave no trace. Its id is looked for only where the generator writes
ids (addresses, data-hbg-story, feed GUIDs, file names): an id may be an ordinary word ('bussen')
that a published story uses, or a file name it quotes. Its words are looked for everywhere: its
most distinctive sentences, in the text of every file, so a leak is caught wherever it lands.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Protocol, TypeVar
from urllib.parse import unquote, urlsplit

from generator import urls
from generator.model import Story
from generator.site.search import SIGNATURE
from generator.text import layout_sentences

STORY_MARKER = "data-hbg-story"
# What the story template produces, and nothing more.
STORY_ELEMENTS = frozenset(
    "div header h1 h2 p br strong aside section a ul ol li dl dt dd span audio track button video".split()
)
STORY_ATTRIBUTES = frozenset(
    [
        *"class id lang dir href hreflang aria-labelledby aria-label aria-describedby aria-pressed value role".split(),
        *"hidden type download controls preload src kind srclang label".split(),
        *"data-hbg-player data-hbg-rate".split(),
        # The button that copies the page's address (docs/javascripts/share.js).
        *"data-hbg-copy data-hbg-copied data-hbg-copy-failed".split(),
        # What tells Pagefind which part of the page to index, and how (generator/site/search.py).
        *"data-pagefind-body data-pagefind-ignore data-pagefind-weight data-pagefind-filter".split(),
        STORY_MARKER,
    ]
)
FORBIDDEN_ELEMENTS = frozenset("iframe frame frameset object embed applet base portal".split())
URL_ATTRIBUTES = frozenset("href src srcset action formaction poster data xlink:href background cite".split())
SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
# The attributes most tags carry and no rule below is about, whatever their value: outside a story
# they are not looked at one by one (tests/test_sitecheck.py holds this list to that).
HARMLESS_ATTRIBUTES = frozenset(
    "class id lang dir role title type name for hidden tabindex autocomplete aria-label aria-hidden".split()
)
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
TEXT_SUFFIXES = frozenset({".html", ".xml", ".json", ".txt", ".js", ".css", ".vtt", ".rss", ".pf_fragment"})
# A stylesheet that fetches a font, an image or another stylesheet from elsewhere.
FOREIGN_IN_CSS = re.compile(r"(url\(\s*['\"]?|@import\s+['\"])\s*(https?:)?//", re.IGNORECASE)


@dataclass
class _PageScanner(HTMLParser):
    """Walk one page's tags and note everything that breaks the rules above."""

    page: str
    audio_base_url: str = ""  # readings published from another host (mkdocs.yml: extra.audio_base_url)
    findings: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    # The ids the page marks its stories with (data-hbg-story): the generator writes ids there.
    marked: list[str] = field(default_factory=list)
    story_depth: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def _flag(self, what: str) -> None:
        self.findings.append(f"{self.page}: {what}")

    def updatepos(self, i: int, j: int) -> int:
        """Skip counting lines and columns: a finding names the page, never a line, and the
        counting is a fifth of the scan of a site."""
        return j

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        in_story = self.story_depth > 0
        if in_story and tag not in VOID_ELEMENTS:
            self.story_depth += 1
        if STORY_MARKER in values:
            self.marked.append(values[STORY_MARKER])
            if not in_story:
                self.story_depth = 1
        self._check_element(tag, values, in_story)
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in ("audio", "video", "track", "source") and "src" in values:
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
            if in_story or name not in HARMLESS_ATTRIBUTES:
                self._check_attribute(tag, name, value, in_story, rels)

    def _check_attribute(self, tag: str, name: str, value: str, in_story: bool, rels: set[str]) -> None:
        if name.startswith("on"):
            self._flag(f"händelseattributet {name}= på <{tag}>")
        if in_story and name not in STORY_ATTRIBUTES:
            self._flag(f"attributet {name}= på <{tag}> i berättelsen kommer inte från mallarna")
        if name in URL_ATTRIBUTES and scheme_of(value) not in SAFE_SCHEMES:
            self._flag(f"otillåten adress med schemat {scheme_of(value)!r} i {name}= på <{tag}>")
        from_audio_host = tag in ("audio", "video", "source") and bool(self.audio_base_url)
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


def scan_page(page: str, html: str, audio_base_url: str = "") -> tuple[list[str], list[str], list[str]]:
    """Return the findings on one page, the addresses it links to or plays, and the story ids it marks."""
    scanner = _PageScanner(page, audio_base_url)
    scanner.feed(html)
    scanner.close()
    return scanner.findings, scanner.links, scanner.marked


# A sentence stands for its story when it is at least this long: short ones ("Jag blev så
# ledsen.") are said in many stories. A leak shows a story's whole text, so a few of its longest
# sentences find it; looking for more would only make every build slower.
DISTINCTIVE_WORDS = 8
DISTINCTIVE_CHARACTERS = 40
SENTENCES_PER_STORY = 3
# Up to this many words to look for, a file is searched for each of them rather than split into words.
FEW_WORDS = 16
# The words of a file as the check compares them: runs of letters, digits, '_' and '-'. Escaping
# (&amp;, &#39;) never changes such a run, so the runs of a page's HTML are those of its text.
_WORD = re.compile(r"[\w-]{3,}")


# Sentences of unpublished stories that a file shows: (story id, sentence), sorted.
Shown = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class SentenceIndex:
    """The unpublished stories' sentences under one word of each (its longest inside the sentence):
    a file's words, gathered once, tell which sentences it may hold, and only those are searched."""

    sentences: tuple[tuple[str, str], ...]  # (story id, sentence), numbered by position
    by_word: dict[str, tuple[int, ...]]

    def found_in(self, text: str) -> Shown:
        """The sentences a file shows, its text as written in HTML, XML or WebVTT."""
        if not self.by_word:
            return ()
        if len(self.by_word) <= FEW_WORDS:  # a search for each word, in C, beats splitting the text
            words: Iterable[str] = [word for word in self.by_word if word in text]
        else:
            words = self.by_word.keys() & _WORD.findall(text)
        if not words:
            return ()
        plain = " ".join(unescape(text).split())
        found = {
            self.sentences[n] for word in words for n in self.by_word[word] if self.sentences[n][1] in plain
        }
        return tuple(sorted(found))


@functools.lru_cache(maxsize=4)
def _index(packed: bytes) -> SentenceIndex:
    sentences = tuple((story_id, sentence) for story_id, sentence in json.loads(packed))
    by_word: defaultdict[str, list[int]] = defaultdict(list)
    for number, (_, sentence) in enumerate(sentences):
        words = _WORD.findall(sentence)
        # Not the first or last word: on a page another word may stand right beside the sentence.
        inner = words[1:-1] or words
        if inner:
            by_word[max(inner, key=len)].append(number)
    return SentenceIndex(sentences, {word: tuple(numbers) for word, numbers in by_word.items()})


@functools.lru_cache(maxsize=4)
def _sentence_set(packed: bytes) -> frozenset[tuple[str, str]]:
    return frozenset(_index(packed).sentences)


@dataclass(frozen=True)
class Unpublished:
    """What the unpublished stories (drafts, in review, withdrawn) must not leave on the site.

    `ids` are looked for where the generator writes ids; the sentences in `packed` everywhere.
    A worker gets this with every batch of pages, so the sentences travel as one block of bytes
    (copied, not pickled one by one) and are indexed once in each process.
    """

    ids: frozenset[str] = frozenset()
    packed: bytes = b"[]"  # JSON: [[story id, sentence], ...]

    @property
    def sentences(self) -> SentenceIndex:
        return _index(self.packed)

    def beyond(self, other: Unpublished) -> Unpublished:
        """These stories' sentences that `other` does not hold: what is new to look for."""
        return Unpublished(self.ids, _beyond(self.packed, other.packed))


@functools.lru_cache(maxsize=4)
def _beyond(packed: bytes, other: bytes) -> bytes:
    before = _sentence_set(other)
    new = [list(pair) for pair in _index(packed).sentences if pair not in before]
    return json.dumps(new, ensure_ascii=False).encode()


def unpublished_of(stories: Iterable[Story]) -> Unpublished:
    """What the checks look for of these unpublished stories: their ids and distinctive sentences."""
    hidden = list(stories)
    sentences = [[story.id, sentence] for story in hidden for sentence in distinctive_sentences(story)]
    return Unpublished(
        frozenset(story.id for story in hidden), json.dumps(sentences, ensure_ascii=False).encode()
    )


def distinctive_sentences(story: Story) -> list[str]:
    """The story's longest sentences, title included, long enough to be its own; as a page shows
    them, with runs of spaces as one."""
    shown = [story.title] + [s for p in layout_sentences(story.paragraphs) for line in p for s in line]
    long_enough = [
        " ".join(sentence.split())
        for sentence in shown
        if len(sentence.split()) >= DISTINCTIVE_WORDS and len(sentence) >= DISTINCTIVE_CHARACTERS
    ]
    return sorted(dict.fromkeys(long_enough), key=len, reverse=True)[:SENTENCES_PER_STORY]


def said_only_unpublished(
    shown: Iterable[tuple[str, tuple[str, str]]], unpublished: Unpublished, published: Sequence[Story]
) -> list[str]:
    """Findings for each file that shows a sentence of an unpublished story, unless an approved
    story says the same (a stock phrase, a story told twice): that story's page may show it."""
    seen = sorted(set(shown))
    if not seen:
        return []
    # Not the unpublished stories themselves, should one have slipped through to the site.
    approved = [story for story in published if story.id not in unpublished.ids]
    said = "\n".join(
        " ".join(text.split()) for story in approved for text in (story.title, *story.paragraphs)
    )
    return sorted(
        {
            f"{relative}: visar en mening ur {story_id}, som inte är godkänd"
            for relative, (story_id, sentence) in seen
            if sentence not in said
        }
    )


@dataclass(frozen=True)
class PageCheck:
    """What checking one built file found whatever is published, where its links lead (each target
    once; a page's), and the story ids it names where the generator writes ids. Which of those
    ids are unpublished is asked of each build, so a page's check holds for every build that
    makes the same page, whichever stories are approved."""

    findings: tuple[str, ...]
    # (path of the target in the site, the address as the page wrote it)
    links: tuple[tuple[str, str], ...]
    named: tuple[str, ...] = ()


@dataclass
class CheckedPages:
    """The checks of many pages, kept small: each link target once, under the first page (by
    name) that links to it, so a broken link in the navigation is one finding, not one per page."""

    findings: list[str] = field(default_factory=list)
    links: dict[str, tuple[str, str]] = field(default_factory=dict)
    pages: set[str] = field(default_factory=set)
    # (page, an unpublished story's sentence it shows)
    shown: list[tuple[str, tuple[str, str]]] = field(default_factory=list)
    # (page, a story id it marks)
    named: list[tuple[str, str]] = field(default_factory=list)

    def add(self, page: str, check: PageCheck, shown: Shown = ()) -> None:
        self.pages.add(page)
        self.findings += check.findings
        self.shown += [(page, sentence) for sentence in shown]
        self.named += [(page, story_id) for story_id in check.named]
        for target, href in check.links:
            known = self.links.get(target)
            if known is None or page < known[0]:
                self.links[target] = (page, href)

    def add_file(self, relative: str, check: PageCheck, shown: Shown = ()) -> None:
        """A file that is not a page: its findings and what it names count; it has no links."""
        self.findings += check.findings
        self.shown += [(relative, sentence) for sentence in shown]
        self.named += [(relative, story_id) for story_id in check.named]

    def broken_links(self, files: set[str]) -> list[str]:
        """The links that lead to no file of the site (nor to a folder's index.html)."""
        return [
            f"{page}: länken {href!r} leder ingenstans"
            for target, (page, href) in sorted(self.links.items())
            if target not in files and posixpath.normpath(posixpath.join(target, "index.html")) not in files
        ]

    def unpublished_named(self, ids: frozenset[str]) -> list[str]:
        """The pages that mark a story that is not published (data-hbg-story), and the other
        files that hold its address or its reading's GUID."""
        return [
            f"{page}: {STORY_MARKER}= nämner {story_id}, som inte är godkänd"
            if page.endswith(".html")
            else f"{page}: pekar på {story_id}, som inte är godkänd"
            for page, story_id in sorted(set(self.named))
            if story_id in ids
        ]

    def unpublished_links(self, ids: frozenset[str]) -> list[str]:
        """The links to the page or the reading of a story that is not published."""
        return [
            f"{page}: länken {href!r} leder till {story_id}, som inte är godkänd"
            for target, (page, href) in sorted(self.links.items())
            if (story_id := urls.story_at(target)) in ids
        ]


def link_targets(page: str, hrefs: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Where a page's links lead within the site: its own addresses, resolved from the page's folder."""
    targets: dict[str, str] = {}
    base = posixpath.dirname(page)
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        # MkDocs writes root-relative links on the 404 page, which is served from any folder.
        target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
        targets.setdefault(target, href)
    return tuple(targets.items())


def check_page(page: str, html: str, audio_base_url: str) -> PageCheck:
    """Check one built page: its markup, its links and the stories it marks."""
    found, hrefs, marked = scan_page(page, html, audio_base_url)
    return PageCheck(tuple(found), link_targets(page, hrefs), tuple(sorted(set(marked))))


# Where files other than pages hold the addresses and names the generator writes: the URLs of the
# sitemap and the feed, the feed's GUIDs, and the search index's addresses (Pagefind's fragments).
_URLS = re.compile(r'<(?:loc|link)\b[^>]*>([^<]*)<|\b(?:url|href)="([^"]*)"|"(?:location|url)":\s*"([^"]*)"')
_GUIDS = re.compile(r"<guid\b[^>]*>([^<]*)<")


def addresses(text: str) -> tuple[str, ...]:
    """The stories whose address or feed GUID a file (not a page) holds."""
    named = {urls.story_at("".join(groups)) for groups in _URLS.findall(text)}
    named |= {urls.story_of_reading(guid.strip()) for guid in _GUIDS.findall(text)}
    return tuple(sorted(story_id for story_id in named if story_id))


def _text(relative: str, data: bytes) -> str:
    """A file's text: a fragment of Pagefind's index (one story's address, title and words) is
    compressed JSON behind Pagefind's signature."""
    if relative.endswith(".pf_fragment"):
        try:
            data = gzip.decompress(data).removeprefix(SIGNATURE)
        except (OSError, EOFError):
            return ""
    return data.decode("utf-8", errors="replace")


def _readable(relative: str, text: str) -> str:
    """A file's text as a reader gets it: JSON (a fragment of the search index) decoded, its strings
    one per line."""
    if not relative.endswith((".json", ".pf_fragment")):
        return text
    try:
        return "\n".join(_strings(json.loads(text)))
    except ValueError:
        return text


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# Text files this large (the sitemap and the longest lists of a large archive) are read by a
# worker, if there is one, while this process reads the rest: looking for unpublished stories in
# 14 MB takes a quarter of a second.
LARGE = 2**20


def check_site(
    site: Path,
    published: Sequence[Story],
    unpublished: Unpublished,
    audio_base_url: str = "",
    checked: CheckedPages | None = None,
    workers: Executor | None = None,
    known: KnownChecks | None = None,
) -> list[str]:
    """Return every reason the built site must not go live; an empty list means it may.

    Pages in `checked` were checked while MkDocs built them; every other file is read here.
    What an earlier build found in the same file (the theme's scripts and stylesheets) is
    recalled from `known`.
    """
    files = _files(site)
    findings = [
        f"berattelser/{story.id}/: sidan för en godkänd berättelse saknas"
        for story in sorted(published, key=lambda story: story.id)
        if f"berattelser/{story.id}/index.html" not in files
    ]
    findings += [
        f"{relative}: filen hör till {story_id}, som inte är godkänd"
        for relative in sorted(files)
        if (story_id := urls.story_at(relative)) in unpublished.ids
    ]
    pages = checked or CheckedPages()
    findings += [f"{relative}: filen är tom" for relative, size in sorted(files.items()) if size == 0]
    unread = {
        relative: size
        for relative, size in files.items()
        if posixpath.splitext(relative)[1] in TEXT_SUFFIXES and relative not in pages.pages
    }
    theirs = {
        relative: workers.submit(read_and_check, site, relative, audio_base_url, unpublished)
        for relative, size in unread.items()
        if workers and size >= LARGE and not relative.endswith(".html")
    }
    remembered = known or KnownChecks(NothingKnown(), NothingKnown())
    checks = {
        relative: _remembered(remembered, site, relative, audio_base_url, unpublished)
        for relative in unread.keys() - theirs.keys()
    } | {relative: future.result() for relative, future in theirs.items()}
    for relative, (check, shown) in sorted(checks.items()):
        if relative.endswith(".html"):
            pages.add(relative, check, shown)
        else:
            pages.add_file(relative, check, shown)
    findings += said_only_unpublished(pages.shown, unpublished, published)
    findings += pages.unpublished_named(unpublished.ids)
    findings += pages.unpublished_links(unpublished.ids)
    return sorted([*findings, *pages.findings, *pages.broken_links(set(files))])


R = TypeVar("R")


class Known(Protocol[R]):
    """Results an earlier build (or this one) found for the same inputs, by their key: the
    pipeline's memo of one stage, bound to the settings of this build."""

    def key(self, *item: object) -> str:
        """The key of one item's result: a digest of the item and of the settings."""

    def known(self, key: str) -> R | None:
        """The result under this key, if one was found before."""

    def remember(self, key: str, result: R) -> None:
        """Keep the result under this key."""


class NothingKnown(Known[R]):
    """Nothing found before, nothing kept: every file is checked."""

    def key(self, *item: object) -> str:
        return ""

    def known(self, key: str) -> R | None:
        return None

    def remember(self, key: str, result: R) -> None:
        return None


@dataclass(frozen=True)
class KnownChecks:
    """What earlier builds found in a file: its check (by its path, bytes and the audio host) and
    the unpublished sentences it shows (by the key of its check, and the unpublished stories)."""

    checks: Known[PageCheck]
    shown: Known[Shown]


def _remembered(
    known: KnownChecks, site: Path, relative: str, audio_base_url: str, unpublished: Unpublished
) -> tuple[PageCheck, Shown]:
    data = (site / relative).read_bytes()
    key = known.checks.key(relative, data)
    check = known.checks.known(key)
    if check is None:
        check = check_file(relative, data, audio_base_url)
        known.checks.remember(key, check)
    shown_key = known.shown.key(key)
    shown = known.shown.known(shown_key)
    if shown is None:
        shown = file_shown(relative, data, unpublished)
        known.shown.remember(shown_key, shown)
    return check, shown


def read_and_check(
    site: Path, relative: str, audio_base_url: str, unpublished: Unpublished
) -> tuple[PageCheck, Shown]:
    """Read and check one file of the built site that was not checked while MkDocs built it."""
    data = (site / relative).read_bytes()
    return check_file(relative, data, audio_base_url), file_shown(relative, data, unpublished)


def check_file(relative: str, data: bytes, audio_base_url: str) -> PageCheck:
    """Check one file of the built site, whatever is published."""
    text = _text(relative, data)
    if relative.endswith(".html"):
        return check_page(relative, text, audio_base_url)
    found = []
    if relative.endswith(".css") and (match := FOREIGN_IN_CSS.search(text)):
        found.append(f"{relative}: stilmallen hämtar något från en annan värd ({match[0]!r})")
    return PageCheck(tuple(found), (), addresses(text))


def page_shown(html: str, unpublished: Unpublished) -> Shown:
    """The sentences of unpublished stories that a built page shows."""
    return unpublished.sentences.found_in(html)


def shown_since(html: str, unpublished: Unpublished, previous: Unpublished, shown_before: Shown) -> Shown:
    """The same as page_shown(html, unpublished), from what the page showed of the stories
    unpublished before: only the sentences new since then are looked for. Approving a draft
    leaves nothing to look for; withdrawing a story, its few sentences."""
    current = _sentence_set(unpublished.packed)
    kept = {sentence for sentence in shown_before if sentence in current}
    return tuple(sorted(kept.union(page_shown(html, unpublished.beyond(previous)))))


def file_shown(relative: str, data: bytes, unpublished: Unpublished) -> Shown:
    """The sentences of unpublished stories that a file of the built site shows."""
    sentences = unpublished.sentences
    if not sentences.by_word:
        return ()
    text = _text(relative, data)
    return sentences.found_in(text if relative.endswith(".html") else _readable(relative, text))


def _files(site: Path) -> dict[str, int]:
    """Every file in the site by its path, with its size, from one walk of its folders."""
    found: dict[str, int] = {}
    folders = [(str(site), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file():
                    found[prefix + entry.name] = entry.stat().st_size
    return found
