"""Measure what a search costs a visitor on a large site: bytes downloaded per query, and Pagefind's time.

Run:  .venv/bin/python benchmarks/search.py [--size 10000]

Writes a synthetic archive (benchmarks/build.py's, N stories, 90 % published), builds it without
audio, and prints how long Pagefind took and the size of its index on disk. Then, in chromium, it
opens the search page and runs a few typical queries, each in a fresh browser (nothing cached), and
prints the bytes of every response after the page has loaded, per query, against the budget of
300 KB. The site is served as GitHub Pages serves it: text files (HTML, CSS, JavaScript, JSON, XML)
compressed with gzip; Pagefind's own index files are compressed already. Not a test: it measures,
it does not judge.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from playwright.sync_api import Browser, Request

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.build import _project, write_archive  # noqa: E402
from benchmarks.serving import serve_compressed, wire_bytes  # noqa: E402
from generator.pipeline import BuildOptions, build_site, check_archive  # noqa: E402
from tests.browser import chromium  # noqa: E402

BUDGET = 300_000


INPUT = ".pagefind-ui__search-input"


def drop_flagged(stories: Path) -> int:
    """Remove the random stories the personal-data screen stops (a run of words may look like a
    workplace's name), so the archive builds; return how many."""
    flagged = {problem.path for problem in check_archive(stories).errors}
    for path in flagged:
        Path(path).unlink()
    return len(flagged)


def typical_queries(stories: Path) -> dict[str, str]:
    """A common word, a rare one (in one published story) and two words, from the archive itself."""
    counts: Counter[str] = Counter()
    for path in stories.glob("syn-*.md"):
        text = path.read_text(encoding="utf-8")
        if "status: approved" in text:
            counts.update(set(re.findall(r"[a-zåäö]{4,}", text.split("\n---\n", 1)[1].lower())))
    common = counts.most_common(1)[0][0]
    rare = min(counts, key=lambda word: (counts[word], word))
    second = counts.most_common(40)[-1][0]
    return {"common word": common, "rare word": rare, "two words": f"{common} {second}"}


def bytes_of_one_search(browser: Browser, url: str, words: str) -> tuple[int, int, int]:
    """Bytes and requests after the search page has loaded, for one query in a new browser context;
    and the bytes of the page load itself."""
    context = browser.new_context()
    page = context.new_page()
    loaded: list[Request] = []
    page.on("requestfinished", lambda request: loaded.append(request))
    page.goto(url + "sok/")
    page.wait_for_selector(INPUT)
    page.wait_for_load_state("networkidle")
    on_load = sum(map(wire_bytes, loaded))
    searching: list[Request] = []
    page.on("requestfinished", lambda request: searching.append(request))
    page.fill(INPUT, words)
    page.wait_for_selector(".pagefind-ui__message")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    downloaded = sum(map(wire_bytes, searching))
    context.close()
    return downloaded, len(searching), on_load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_archive(work / "stories", args.size)
        dropped = drop_flagged(work / "stories")
        project = _project(work)
        options = BuildOptions(
            work / "stories", project / "site", project / "mkdocs.yml", "none", work / "cache"
        )
        result = build_site(options)
        site = project / "site"
        index = [path for path in (site / "pagefind").rglob("*.pf_*")]
        print(
            f"{result.published} berättelser publicerade av {args.size} ({dropped} borttagna av kontrollen)"
        )
        print(
            f"Pagefind: {result.timings['search']:.2f} s (hela bygget {sum(result.timings.values()):.1f} s)"
        )
        print(f"Sökindex på disk: {sum(p.stat().st_size for p in index) / 1e6:.1f} MB i {len(index)} filer")
        queries = typical_queries(work / "stories")
        with serve_compressed(site) as url, chromium() as browser:
            for kind, words in queries.items():
                downloaded, requests, on_load = bytes_of_one_search(browser, url, words)
                verdict = "inom" if downloaded <= BUDGET else "ÖVER"
                print(
                    f"{kind:12} {words!r:28} {downloaded / 1000:6.0f} kB i {requests:3} förfrågningar "
                    f"({verdict} budgeten {BUDGET // 1000} kB); sidan själv {on_load / 1000:.0f} kB"
                )


if __name__ == "__main__":
    main()
