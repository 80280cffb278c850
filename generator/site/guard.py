"""Finish and check each page the moment MkDocs has built it, on the core MkDocs leaves idle.

MkDocs renders on one core. Each page it finishes gets its Content-Security-Policy here, in
MkDocs' own thread (cheap: a few hashes). The scan, the slowest of our checks, runs in worker
processes on pages in small batches while MkDocs renders the next ones, so it adds little to
the build's time. With no workers everything happens in this process, with the same result.

Both are pure functions of the page's path and HTML (and of the build's settings), so what an
earlier build found for the same page is recalled (the pipeline gives the guard its memo as
`known`): a rebuild after one edited story scans only the pages that changed. Which stories are
unpublished is no part of a page's check: approving a draft scans no page again.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.model import Story
from generator.site.csp import PagePolicies, PageScripts, page_scripts
from generator.site.sitecheck import (
    CheckedPages,
    Known,
    KnownChecks,
    NothingKnown,
    PageCheck,
    Shown,
    Unpublished,
    check_page,
    check_site,
    page_shown,
    shown_since,
)

# Pages per task: enough that handing a batch over costs little, few enough that the
# workers stay close behind MkDocs and little is left to check once MkDocs is done.
BATCH = 8


def _check_batch(
    batch: list[tuple[str, str]], audio_base_url: str, unpublished: Unpublished
) -> list[tuple[PageCheck, Shown]]:
    return [(check_page(page, html, audio_base_url), page_shown(html, unpublished)) for page, html in batch]


@dataclass(frozen=True)
class PageInspection:
    """What a page's policy and its check need of its HTML, whatever is published."""

    scripts: PageScripts
    check: PageCheck


def inspect_page(page: str, html: str, audio_base_url: str) -> PageInspection:
    """A page's scripts and its check: the guard finds the first here and has the second found
    by a worker, but the two are what this returns."""
    return PageInspection(page_scripts(html), check_page(page, html, audio_base_url))


@dataclass(frozen=True)
class KnownPages:
    """What earlier builds found in a page: its inspection (by its path, HTML and the audio host)
    and the unpublished sentences it shows (by the key of its inspection and the unpublished
    stories); and what they found in the site's other files."""

    pages: Known[PageInspection]
    shown: Known[Shown]
    files: KnownChecks
    # The stories unpublished in the last build, and what each page showed of them.
    previous: Unpublished
    shown_before: Known[Shown]


def nothing_known() -> KnownPages:
    return KnownPages(
        NothingKnown(),
        NothingKnown(),
        KnownChecks(NothingKnown(), NothingKnown()),
        Unpublished(),
        NothingKnown(),
    )


class PageGuard:
    """Give MkDocs `finish` for every page; ask `findings` once the build is complete."""

    def __init__(
        self,
        media_origin: str,
        audio_base_url: str,
        published: Sequence[Story],
        unpublished: Unpublished,
        workers: Executor | None,
        known: KnownPages | None = None,
    ) -> None:
        self.policies = PagePolicies(media_origin)
        self.checked = CheckedPages()
        self.audio_base_url = audio_base_url
        self.published = published
        self.unpublished = unpublished
        # Time spent in MkDocs' thread on our work, so a timing of MkDocs can leave it out.
        self.seconds = 0.0
        self._workers = workers
        self._batch: list[tuple[str, str]] = []
        # Batches handed over, with their pages, so this process can take back those not started.
        self._pending: deque[tuple[list[tuple[str, str]], Future[list[tuple[PageCheck, Shown]]]]] = deque()
        self._known = known or nothing_known()
        # Pages being checked, with their key and scripts, to remember once their check is back.
        self._to_remember: dict[str, tuple[str, PageScripts]] = {}

    def finish(self, page: str, html: str) -> str:
        """Return the page with its policy filled in, and have it checked (or recall its check)."""
        start = time.perf_counter()
        hand_written = not urls.is_generated(page)
        key = self._known.pages.key(page, html)
        known = self._known.pages.known(key)
        scripts = page_scripts(html) if known is None else known.scripts
        html = self.policies.fill(page, html, hand_written, scripts)
        if known is not None:
            self.checked.add(page, known.check, self._shown(key, html))
        else:
            self._to_remember[page] = (key, scripts)
            self._batch.append((page, html))
        if self._workers is None:
            self._check_here(self._batch)
            self._batch = []
        elif len(self._batch) >= BATCH:
            self._hand_over(self._workers)
        self.seconds += time.perf_counter() - start
        return html

    def _shown(self, key: str, html: str) -> Shown:
        """The unpublished sentences a page shows that was inspected before: looked for again
        only when the unpublished stories changed, and then only the sentences new since the
        last build (none when a draft was approved)."""
        known = self._known
        shown_key = known.shown.key(key)
        shown = known.shown.known(shown_key)
        if shown is None:
            before = known.shown_before.known(known.shown_before.key(key))
            shown = (
                page_shown(html, self.unpublished)
                if before is None
                else shown_since(html, self.unpublished, known.previous, before)
            )
            known.shown.remember(shown_key, shown)
        return shown

    def _check_here(self, batch: list[tuple[str, str]]) -> None:
        self._fold(batch, _check_batch(batch, self.audio_base_url, self.unpublished))

    def _fold(self, batch: list[tuple[str, str]], checks: list[tuple[PageCheck, Shown]]) -> None:
        for (page, _), (check, shown) in zip(batch, checks, strict=True):
            self.checked.add(page, check, shown)
            key, scripts = self._to_remember.pop(page)
            self._known.pages.remember(key, PageInspection(scripts, check))
            self._known.shown.remember(self._known.shown.key(key), shown)

    def _hand_over(self, workers: Executor) -> None:
        future = workers.submit(_check_batch, self._batch, self.audio_base_url, self.unpublished)
        self._pending.append((self._batch, future))
        self._batch = []
        self._collect(wait=False)

    def _collect(self, wait: bool) -> None:
        """Fold finished checks into the summary, oldest first, so few results are held at once."""
        while self._pending and (wait or self._pending[0][1].done()):
            batch, future = self._pending.popleft()
            if not future.cancelled():
                self._fold(batch, future.result())

    def check_last_pages(self) -> None:
        """Once MkDocs is done, help the workers finish: check the last pages here, and the
        batches they have not started, newest first, while they work on the oldest."""
        self._check_here(self._batch)
        self._batch = []
        for batch, future in reversed(self._pending):
            if future.cancel():
                self._check_here(batch)
        self._collect(wait=True)

    def findings(self, site: Path) -> list[str]:
        """Every reason the finished site must not go live (files added after MkDocs included)."""
        self.check_last_pages()
        finished = set(self.checked.pages)
        found = check_site(
            site,
            self.published,
            self.unpublished,
            self.audio_base_url,
            self.checked,
            self._workers,
            self._known.files,
        )
        # check_site read these from disk: MkDocs wrote them without passing them to `finish`.
        found += [
            f"{page}: sidan fick ingen säkerhetspolicy (MkDocs skrev den utan att visa den för generatorn)"
            for page in sorted(self.checked.pages - finished)
        ]
        return sorted(self.policies.findings() + found)
