from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache.memo import Memo
from generator.pipeline import known_pages
from generator.site import guard as guard_module
from generator.site import sitecheck
from generator.site.csp import PLACEHOLDER
from generator.site.guard import BATCH, PageGuard
from generator.site.postbuild import finish_built_pages
from generator.site.sitecheck import Unpublished
from generator.workers import worker_processes
from tests.test_sitecheck import SECRET, published, unpublished

HEAD = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
PAGES = {
    "index.html": HEAD + '<a href="berattelser/a/">a</a><a href="saknas/">x</a>',
    "berattelser/a/index.html": HEAD
    + '<div data-hbg-story="a"><p onclick="x()">t</p></div><a href="../../saknas/">x</a>',
    "berattelser/b/index.html": HEAD + f"<p>Se även hbg-hidden. {SECRET}</p>",
    "om/index.html": HEAD + '<iframe src="https://evil.example/"></iframe>',
}
HIDDEN = unpublished(("hbg-hidden", SECRET))


def guarded_build(
    site: Path,
    workers: int,
    pages: dict[str, str] = PAGES,
    memo: Memo | None = None,
    hidden: Unpublished = HIDDEN,
    previous: Unpublished | None = None,
) -> list[str]:
    """What MkDocs does with the guard: hand over each page, write what comes back."""
    with worker_processes(workers) as pool:
        known = known_pages(memo, "", hidden, previous) if memo else None
        guard = PageGuard("", "", published("a", "b"), hidden, pool, known)
        for relative, html in pages.items():
            (site / relative).parent.mkdir(parents=True, exist_ok=True)
            (site / relative).write_text(guard.finish(relative, html), encoding="utf-8")
        return guard.findings(site)


def built_then_guarded(site: Path, workers: int, pages: dict[str, str] = PAGES) -> list[str]:
    """What an engine without plugins gets: the pages written first, then finished from the files."""
    for relative, html in pages.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(html, encoding="utf-8")
    with worker_processes(workers) as pool:
        guard = PageGuard("", "", published("a", "b"), HIDDEN, pool)
        finish_built_pages(site, guard.finish)
        return guard.findings(site)


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("workers", [0, 2])
def test_pages_finished_from_the_built_files_are_the_same_bytes_with_the_same_findings(
    tmp_path: Path, workers: int
) -> None:
    in_engine = guarded_build(tmp_path / "in-engine", workers)
    from_files = built_then_guarded(tmp_path / "from-files", workers)
    assert from_files == in_engine
    assert site_bytes(tmp_path / "from-files") == site_bytes(tmp_path / "in-engine")


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_pages_are_finished_and_checked_alike_in_workers_and_here(tmp_path: Path, workers: int) -> None:
    findings = guarded_build(tmp_path, workers)
    assert findings == [
        "berattelser/a/index.html: attributet onclick= på <p> i berättelsen kommer inte från mallarna",
        "berattelser/a/index.html: händelseattributet onclick= på <p>",
        "berattelser/a/index.html: länken '../../saknas/' leder ingenstans",
        "berattelser/b/index.html: visar en mening ur hbg-hidden, som inte är godkänd",
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
    guard = PageGuard("", "", [], Unpublished(), None)
    assert guard.findings(tmp_path) == [
        "extra.html: sidan fick ingen säkerhetspolicy (MkDocs skrev den utan att visa den för generatorn)"
    ]


def test_a_page_finished_from_the_files_without_the_placeholder_is_reported(tmp_path: Path) -> None:
    # What a page copied as it is from docs/ gives when the pages are finished after the build.
    (tmp_path / "extra.html").write_text("<p>x</p>", encoding="utf-8")
    guard = PageGuard("", "", [], Unpublished(), None)
    finish_built_pages(tmp_path, guard.finish)
    assert guard.findings(tmp_path) == ["extra.html: sidan saknar CSP-mallens platshållare"]


def counted_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the pages scanned (not recalled), by path."""
    checked: list[str] = []
    check_batch = guard_module._check_batch

    def counted(batch: list[tuple[str, str]], *settings: object) -> object:
        checked.extend(page for page, _ in batch)
        return check_batch(batch, *settings)  # type: ignore[arg-type]

    monkeypatch.setattr(guard_module, "_check_batch", counted)
    return checked


def test_an_unchanged_page_is_not_checked_again_and_gives_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = guarded_build(tmp_path / "first", 0, memo=(memo := Memo(tmp_path / "memo")))
    memo.save()
    checked = counted_checks(monkeypatch)
    pages = PAGES | {"om/index.html": HEAD + f"<p>Ny text, som visar: {SECRET}</p>"}
    second = guarded_build(tmp_path / "second", 0, pages, Memo(tmp_path / "memo"))
    assert checked == ["om/index.html"]
    assert second == sorted(
        [f for f in first if not f.startswith("om/")]
        + ["om/index.html: visar en mening ur hbg-hidden, som inte är godkänd"]
    )
    # A recalled page gets the same policy as when it was checked.
    for page in PAGES.keys() - {"om/index.html"}:
        assert (tmp_path / "second" / page).read_bytes() == (tmp_path / "first" / page).read_bytes()


def test_a_story_withheld_or_approved_since_is_found_or_forgotten_without_scanning_a_page_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def build(site: str, hidden: Unpublished, previous: Unpublished) -> list[str]:
        memo = Memo(tmp_path / "memo")
        found = guarded_build(tmp_path / site, 0, memo=memo, hidden=hidden, previous=previous)
        memo.save()
        return found

    approved = build("first", Unpublished(), Unpublished())
    checked = counted_checks(monkeypatch)
    searched: list[int] = []
    for module in (guard_module, sitecheck):
        page_shown = module.page_shown
        monkeypatch.setattr(
            module,
            "page_shown",
            lambda html, hidden, search=page_shown: (
                searched.append(len(hidden.sentences.sentences)) or search(html, hidden)
            ),
        )
    withheld = build("second", HIDDEN, Unpublished())
    assert withheld == sorted(
        [*approved, "berattelser/b/index.html: visar en mening ur hbg-hidden, som inte är godkänd"]
    )
    assert searched == [1] * len(PAGES)  # the one sentence new since the first build
    marked = unpublished(("a", "Kort text."))
    assert "berattelser/a/index.html: data-hbg-story= nämner a, som inte är godkänd" in build(
        "third", marked, HIDDEN
    )
    searched.clear()
    assert build("fourth", Unpublished(), marked) == approved  # "a" approved: nothing new to look for
    assert searched == [0] * len(PAGES)
    assert checked == []
