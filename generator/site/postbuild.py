"""Finish the pages of a built site from its files alone, for an engine that takes no plugin.

Zensical and MkDocs 2 have no plugins, and ProperDocs runs as a process of its own (site/engine.py):
none of them can hand a page to the generator while it builds. So the same `finish_page` that
MkDocs' plugin calls (the page's security policy, its checks) runs here over the files the engine
wrote, and what it returns is written back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.write import atomic_write

# (path of the page in the site, its HTML) -> the HTML to keep
FinishPage = Callable[[str, str], str]


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, by its path in the site, in a fixed order."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.is_file())


def finish_built_pages(site: Path, finish_page: FinishPage) -> None:
    """Pass each built page through `finish_page` and write back the pages it changed.

    The bytes are decoded and encoded as they are (no newline translation), so a page the
    function leaves alone stays what the engine wrote.
    """
    for relative in built_pages(site):
        path = site / relative
        html = path.read_bytes().decode("utf-8", errors="surrogateescape")
        finished = finish_page(relative, html)
        if finished != html:
            atomic_write(path, finished.encode("utf-8", errors="surrogateescape"))
