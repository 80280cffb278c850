"""Lighthouse's accessibility audit (pinned in tests/lighthouse/) on every page type, at a desktop
width and a phone's, with one chromium for all of them (tests/lighthouse/audit.mjs)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, PAGE_TYPES
from tests.conftest import ROOT

pytestmark = pytest.mark.lighthouse

LIGHTHOUSE = ROOT / "tests" / "lighthouse"
REPORTS = Path(os.environ.get("HBG_LIGHTHOUSE", ROOT / "artifacts" / "lighthouse"))
WIDTHS = (1280, 390)
# One page of each kind the site has: each template, each kind of hand-written page.
AUDITED = (
    "start",
    "story-sv",
    "story-ar",
    "all-stories",
    "grounds",
    "ground",
    "plan",
    "measure",
    "help",
    "about",
    "accessibility",
    "easy-read",
    "languages",
    "stories-in-english",
    "english",
    "help-english",
    "statistics",
    "statistics-cross",
    "statistics-reactions",
    "statistics-method",
    "statistics-codebook",
    "not-found",
    "search",
)


def run_lighthouse(
    site_url: str, names: list[str], widths: tuple[int, ...], categories: list[str]
) -> list[Any]:
    """Audit each page at each width; return audit.mjs's summary, one entry per page and width."""
    REPORTS.mkdir(parents=True, exist_ok=True)
    job = {
        "chrome": CHROMIUM,
        "flags": ["--headless=new", *CHROMIUM_ARGS],
        "categories": categories,
        "pages": [
            {
                "name": name,
                "url": site_url + PAGE_TYPES[name],
                "width": width,
                "report": str(REPORTS / f"{name}-{width}.json"),
            }
            for name in names
            for width in widths
        ],
    }
    job_file = REPORTS / "job.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(
        ["node", str(LIGHTHOUSE / "audit.mjs"), str(job_file)],
        check=True,
        capture_output=True,
        text=True,
        cwd=LIGHTHOUSE,
        timeout=60 * len(job["pages"]),
    )
    return list(json.loads(done.stdout.splitlines()[-1]))


@pytest.fixture(scope="module")
def audited(site_url: str) -> dict[tuple[str, int], Any]:
    summary = run_lighthouse(site_url, list(AUDITED), WIDTHS, ["accessibility"])
    return {(entry["name"], entry["width"]): entry for entry in summary}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", AUDITED)
def test_lighthouse_accessibility_score_is_100(
    audited: dict[tuple[str, int], Any], name: str, width: int
) -> None:
    result = audited[(name, width)]
    assert (result["scores"]["accessibility"], result["failing"]) == (1, [])
