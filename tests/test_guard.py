from __future__ import annotations

from pathlib import Path

import pytest

from generator.csp import PLACEHOLDER
from generator.guard import PageGuard
from generator.workers import worker_processes

HEAD = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
PAGES = {
    "index.html": HEAD + '<a href="berattelser/a/">a</a><a href="saknas/">x</a>',
    "berattelser/a/index.html": HEAD
    + '<div data-hbg-story="a"><p onclick="x()">t</p></div><a href="../../saknas/">x</a>',
    "berattelser/b/index.html": HEAD + "<p>Se även hbg-hidden.</p>",
    "om/index.html": HEAD + '<iframe src="https://evil.example/"></iframe>',
}


def guarded_build(site: Path, workers: int) -> list[str]:
    """What MkDocs does with the guard: hand over each page, write what comes back."""
    with worker_processes(workers) as pool:
        guard = PageGuard("", "", ["a", "b"], frozenset({"hbg-hidden"}), pool)
        for relative, html in PAGES.items():
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            (site / relative).write_text(guard.finish(relative, html), encoding="utf-8")
        return guard.findings(site)


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_pages_are_finished_and_checked_alike_in_workers_and_here(tmp_path: Path, workers: int) -> None:
    findings = guarded_build(tmp_path, workers)
    assert findings == [
        "berattelser/a/index.html: attributet onclick= på <p> i berättelsen kommer inte från mallarna",
        "berattelser/a/index.html: händelseattributet onclick= på <p>",
        "berattelser/a/index.html: länken '../../saknas/' leder ingenstans",
        "berattelser/b/index.html: nämner hbg-hidden, som inte är godkänd",
        "om/index.html: otillåtet element <iframe>",
    ]
    for path in tmp_path.rglob("*.html"):
        assert PLACEHOLDER not in path.read_text(encoding="utf-8")


def test_a_page_written_without_the_guard_seeing_it_is_reported(tmp_path: Path) -> None:
    (tmp_path / "extra.html").write_text(HEAD + "<p>x</p>", encoding="utf-8")
    guard = PageGuard("", "", [], frozenset(), None)
    assert guard.findings(tmp_path) == [
        "extra.html: sidan fick ingen säkerhetspolicy (MkDocs skrev den utan att visa den för generatorn)"
    ]
