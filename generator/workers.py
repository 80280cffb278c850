"""Worker processes for the build's pure, costly steps, on the cores this process leaves idle.

Started when a build begins, so they are ready (imported) by the time there is work: checking
new story files while this process does the same, then checking pages while MkDocs renders.
"""

from __future__ import annotations

import atexit
import itertools
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import get_context
from typing import TypeVar

from generator.errors import UserError

T = TypeVar("T")
R = TypeVar("R")
# Below this many items of work, asking a worker costs more than it saves.
SHARE_FROM = 200


def _ready() -> None:
    """A task that does nothing, so a worker starts before there is work."""


def _end_without_cleanup() -> None:
    """Make this worker, once its last result is sent, end at once when its interpreter would
    otherwise free every object one by one (a tenth of a second after a build, which the build
    waits for). The operating system takes back a process's memory in one go."""
    atexit.register(os._exit, 0)


class Workers(ProcessPoolExecutor):
    """Worker processes that can tell whether they have started: a fresh interpreter takes a few
    tenths of a second to import the generator, which a small build may not want to wait for."""

    def __init__(self, count: int) -> None:
        # A fresh interpreter, not a copy of this process and its memory.
        super().__init__(count, mp_context=get_context("spawn"), initializer=_end_without_cleanup)
        self._started = [self.submit(_ready) for _ in range(count)]

    def started(self) -> bool:
        return all(future.done() for future in self._started)


@contextmanager
def worker_processes(count: int) -> Iterator[Workers | None]:
    """Start `count` worker processes now (none: all work stays in this process); stop them on leaving."""
    if count < 1:
        yield None
        return
    workers = Workers(count)
    try:
        yield workers
    except BrokenProcessPool:
        raise UserError(
            "En av byggets arbetsprocesser avslutades oväntat (kanske slut på minne). Inget har publicerats. "
            "Försök igen, eller bygg i en enda process med --jobs 1."
        ) from None
    finally:
        workers.shutdown(wait=True, cancel_futures=True)


def shared(
    work: Callable[..., list[R]],
    items: Sequence[T],
    workers: Executor | None,
    *arguments: object,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[R]:
    """Return work(items, *arguments), shared with a worker when there is enough of it.

    `work` must be a module-level function that maps each item to one result, in order. The
    worker is handed three quarters of the items at once, as three tasks (while this process
    works it cannot spare time to hand over more); this process does `meanwhile` (work of its
    own alone; without a worker it is simply done first), then the first quarter, then takes
    back the worker's tasks it has not started, newest first. Both are busy to the end, however
    long `meanwhile` takes.
    """
    if workers is None or len(items) < SHARE_FROM:
        meanwhile()
        return work(items, *arguments)
    bounds = [len(items) * quarter // 4 for quarter in range(5)]
    parts = [items[start:end] for start, end in itertools.pairwise(bounds)]
    theirs = [workers.submit(work, part, *arguments) for part in parts[1:]]
    meanwhile()
    done = {0: work(parts[0], *arguments)}
    for number in reversed(range(1, len(parts))):
        if theirs[number - 1].cancel():
            done[number] = work(parts[number], *arguments)
    return [
        result for number in range(len(parts)) for result in done.get(number) or theirs[number - 1].result()
    ]


def each(
    stage: Callable[..., R],
    items: Sequence[tuple[object, ...]],
    settings: tuple[object, ...],
    workers: Executor | None,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[R]:
    """Return stage(*item, *settings) for every item, in order, shared with a worker when there are
    enough (see `shared`, which also does `meanwhile`); `stage` must be a module-level function."""
    return shared(_each, items, workers, stage, settings, meanwhile=meanwhile)


def _each(
    items: Sequence[tuple[object, ...]], stage: Callable[..., R], settings: tuple[object, ...]
) -> list[R]:
    return [stage(*item, *settings) for item in items]
