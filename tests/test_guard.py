from __future__ import annotations

from pathlib import Path

import pytest

from generator.csp import PLACEHOLDER
from generator.guard import BATCH, PageGuard
from generator.workers import worker_processes

HEAD = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
PAGES = {
    "index.html": HEAD + '<a href="berattelser/a/">a</a><a href="saknas/">x</a>',
    "berattelser/a/index.html": HEAD
    + '<div data-hbg-story="a"><p onclick="x()">t</p></div><a href="../../saknas/">x</a>',
    "berattelser/b/index.html": HEAD + "<p>Se även hbg-hidden.</p>",
    "om/index.html": HEAD + '<iframe src="https://evil.example/"></iframe>',
}


def guarded_build(site: Path, workers: int, pages: dict[str, str] = PAGES) -> list[str]:
    """What MkDocs does with the guard: hand over each page, write what comes back."""
    with worker_processes(workers) as pool:
        guard = PageGuard("", "", ["a", "b"], frozenset({"hbg-hidden"}), pool)
        for relative, html in pages.items():
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


def test_many_pages_are_checked_alike_whichever_process_takes_each_batch(tmp_path: Path) -> None:
    # Enough pages for many batches: the workers take some, this process the rest once MkDocs is done.
    pages = {
        f"berattelser/s{number:03d}/index.html": HEAD
        + (f'<p onclick="x()">{number}</p><a href="../t{number}/">x</a>' if number % 7 == 0 else "<p>t</p>")
        for number in range(6 * BATCH + 3)
    }
    found = {workers: guarded_build(tmp_path / str(workers), workers, pages) for workers in (0, 1, 2)}
    flagged = len(range(0, 6 * BATCH + 3, 7))
    assert len([f for f in found[0] if "onclick" in f]) == flagged
    assert len([f for f in found[0] if "leder ingenstans" in f]) == flagged
    assert found[1] == found[0]
    assert found[2] == found[0]


def test_a_page_written_without_the_guard_seeing_it_is_reported(tmp_path: Path) -> None:
    (tmp_path / "extra.html").write_text(HEAD + "<p>x</p>", encoding="utf-8")
    guard = PageGuard("", "", [], frozenset(), None)
    assert guard.findings(tmp_path) == [
        "extra.html: sidan fick ingen säkerhetspolicy (MkDocs skrev den utan att visa den för generatorn)"
    ]
