"""Worker processes for the build's pure, costly steps, on the cores this process leaves idle.

Started when a build begins, so they are ready (imported) by the time there is work: checking
new story files while this process does the same, then checking pages while MkDocs renders.
"""

from __future__ import annotations

import atexit
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import get_context

from generator.errors import UserError


def _ready() -> None:
    """A task that does nothing, so a worker starts before there is work."""


def _end_without_cleanup() -> None:
    """Make this worker, once its last result is sent, end at once when its interpreter would
    otherwise free every object one by one (a tenth of a second after a build, which the build
    waits for). The operating system takes back a process's memory in one go."""
    atexit.register(os._exit, 0)


@contextmanager
def worker_processes(count: int) -> Iterator[ProcessPoolExecutor | None]:
    """Start `count` worker processes now (none: all work stays in this process); stop them on leaving."""
    if count < 1:
        yield None
        return
    # A fresh interpreter, not a copy of this process and its memory.
    workers = ProcessPoolExecutor(count, mp_context=get_context("spawn"), initializer=_end_without_cleanup)
    for _ in range(count):
        workers.submit(_ready)
    try:
        yield workers
    except BrokenProcessPool:
        raise UserError(
            "En av byggets arbetsprocesser avslutades oväntat (kanske slut på minne). Inget har publicerats. "
            "Försök igen, eller bygg i en enda process med --jobs 1."
        ) from None
    finally:
        workers.shutdown(wait=True, cancel_futures=True)
