"""Finish and check each page the moment MkDocs has built it, on the core MkDocs leaves idle.

MkDocs renders on one core. Each page it finishes gets its Content-Security-Policy here, in
MkDocs' own thread (cheap: a few hashes). The scan, the slowest of our checks, runs in worker
processes on pages in small batches while MkDocs renders the next ones, so it adds little to
the build's time. With no workers everything happens in this process, with the same result.

Both are pure functions of the page's path and HTML (and of the build's settings), so what an
earlier build found for the same page is taken from the memo: a rebuild after one edited story
scans only the pages that changed.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from generator import urls
from generator.cache.memo import Memo, memo_key
from generator.model import Story
from generator.site.csp import PagePolicies, PageScripts, page_scripts
from generator.site.sitecheck import CheckedPages, PageCheck, Unpublished, check_page, check_site

# Pages per task: enough that handing a batch over costs little, few enough that the
# workers stay close behind MkDocs and little is left to check once MkDocs is done.
BATCH = 8


def _check_batch(
    batch: list[tuple[str, str]], audio_base_url: str, unpublished: Unpublished
) -> list[PageCheck]:
    return [check_page(page, html, audio_base_url, unpublished) for page, html in batch]


class PageGuard:
    """Give MkDocs `finish` for every page; ask `findings` once the build is complete."""

    def __init__(
        self,
        media_origin: str,
        audio_base_url: str,
        published: Sequence[Story],
        unpublished: Unpublished,
        workers: ProcessPoolExecutor | None,
        memo: Memo | None = None,
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
        self._pending: deque[tuple[list[tuple[str, str]], Future[list[PageCheck]]]] = deque()
        self._memo = memo or Memo(None)
        # Everything besides its path and HTML that a page's policy and check depend on.
        self._settings = memo_key("page settings", media_origin, audio_base_url, unpublished.digest)
        # Pages being checked, with their memo key and scripts, to remember once their check is back.
        self._to_remember: dict[str, tuple[str, PageScripts]] = {}

    def finish(self, page: str, html: str) -> str:
        """Return the page with its policy filled in, and have it checked (or recall its check)."""
        start = time.perf_counter()
        hand_written = page.split("/")[0] not in urls.GENERATED_ROOTS
        key = memo_key("page", self._settings, page, html)
        known = self._memo.get(key)
        scripts = page_scripts(html) if known is None else PageScripts.from_json(known[0])
        html = self.policies.fill(page, html, hand_written, scripts)
        if known is not None:
            self.checked.add(page, PageCheck.from_json(known[1]))
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

    def _check_here(self, batch: list[tuple[str, str]]) -> None:
        self._fold(batch, _check_batch(batch, self.audio_base_url, self.unpublished))

    def _fold(self, batch: list[tuple[str, str]], checks: list[PageCheck]) -> None:
        for (page, _), check in zip(batch, checks, strict=True):
            self.checked.add(page, check)
            key, scripts = self._to_remember.pop(page)
            self._memo.put(key, [scripts.to_json(), check.to_json()])

    def _hand_over(self, workers: ProcessPoolExecutor) -> None:
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

    def findings(self, site: Path) -> list[str]:
        """Every reason the finished site must not go live (files added after MkDocs included)."""
        # MkDocs is done, so this process helps the workers finish: it checks the last pages, and
        # the batches they have not started, newest first, while they work on the oldest.
        self._check_here(self._batch)
        self._batch = []
        for batch, future in reversed(self._pending):
            if future.cancel():
                self._check_here(batch)
        self._collect(wait=True)
        finished = set(self.checked.pages)
        found = check_site(
            site,
            self.published,
            self.unpublished,
            self.audio_base_url,
            self.checked,
            self._workers,
            self._memo,
        )
        # check_site read these from disk: MkDocs wrote them without passing them to `finish`.
        found += [
            f"{page}: sidan fick ingen säkerhetspolicy (MkDocs skrev den utan att visa den för generatorn)"
            for page in sorted(self.checked.pages - finished)
        ]
        return sorted(self.policies.findings() + found)
