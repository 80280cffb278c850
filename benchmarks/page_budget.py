"""Measure the pages against their budgets: what a first visit downloads, and Lighthouse's scores.

Run:  .venv/bin/python benchmarks/page_budget.py [--stories tests/fixtures/sample] [--runs 3]

Builds the archive (without readings: the budget is a page without its reading) with the
project's MkDocs side, serves it on 127.0.0.1 compressed with gzip as a static host does, and
for the home page, a story, a list and a statistics page:
- opens it in chromium with an empty cache and adds up every response it needed (the page, the
  theme's CSS and JavaScript, the images): the bytes on the wire, gzip-compressed where the host
  compresses. Budget: a story page under 100 KB.
- runs Lighthouse (tests/lighthouse/audit.mjs) at a phone's size, 390 px, with its default
  mobile throttling; the median of --runs. Budget: performance at least 95, accessibility 100.
Prints a table and writes benchmarks/results/page_budget.json. Not a test: Lighthouse's
performance score depends on the machine, so it is measured here, never asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.serving import serve_compressed, wire_bytes  # noqa: E402
from tests.browser import PAGE_TYPES, build_project_site, chromium  # noqa: E402
from tests.test_lighthouse import run_lighthouse  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
PAGES = {"start": "start", "story": "story-sv", "list": "all-stories", "statistics": "statistics"}
STORY_BUDGET = 100_000


def first_visit(url: str) -> dict[str, int]:
    """What chromium downloads to show a page with an empty cache: requests and bytes on the wire."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        sizes: list[int] = []
        page.on("requestfinished", lambda request: sizes.append(wire_bytes(request)))
        page.goto(url, wait_until="networkidle")
        context.close()
    return {"requests": len(sizes), "bytes": sum(sizes)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=Path, default=ROOT / "tests" / "fixtures" / "sample")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        site = build_project_site(Path(temporary), arguments.stories.resolve(), voice="none")
        with serve_compressed(site) as url:
            names = [PAGE_TYPES[key] for key in PAGES.values()]
            weights = {name: first_visit(url + path) for name, path in zip(PAGES, names, strict=True)}
            runs = [
                run_lighthouse(url, list(PAGES.values()), (390,), ["performance", "accessibility"])
                for _ in range(arguments.runs)
            ]
    for index, name in enumerate(PAGES):
        scores = [run[index]["scores"] for run in runs]
        rows.append(
            {
                "page": name,
                "requests": weights[name]["requests"],
                "kilobytes": round(weights[name]["bytes"] / 1000, 1),
                "performance": round(100 * statistics.median(s["performance"] for s in scores)),
                "accessibility": round(100 * statistics.median(s["accessibility"] for s in scores)),
            }
        )
    print(f"{'sida':<12}{'anrop':>7}{'kB (gzip)':>11}{'prestanda':>11}{'tillgänglighet':>16}")
    for row in rows:
        print(
            f"{row['page']:<12}{row['requests']:>7}{row['kilobytes']:>11}"
            f"{row['performance']:>11}{row['accessibility']:>16}"
        )
    story = next(row for row in rows if row["page"] == "story")
    print(
        f"Berättelsesidan vid första besöket: {story['kilobytes']} kB av budgetens {STORY_BUDGET // 1000} kB."
    )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "page_budget.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
