"""Lighthouse's accessibility audit (pinned in tests/lighthouse/) on the start page and a story."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, build_project_site, serve
from tests.conftest import ROOT, SAMPLE_ARCHIVE

pytestmark = pytest.mark.lighthouse

LIGHTHOUSE = ROOT / "tests" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = Path(os.environ.get("HBG_LIGHTHOUSE", ROOT / "artifacts" / "lighthouse"))


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_project_site(tmp_path_factory.mktemp("lighthouse"), SAMPLE_ARCHIVE, voice="none")
    with serve(site) as url:
        yield url


@pytest.mark.parametrize(("name", "path"), [("start", ""), ("story", "berattelser/hbg-0001/")])
def test_lighthouse_accessibility_score_is_100(site_url: str, name: str, path: str) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name}.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            site_url + path,
            "--only-categories=accessibility",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        timeout=180,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    failing = [
        key
        for key, audit in result["audits"].items()
        if audit.get("score") is not None and audit["score"] < 1
    ]
    assert (result["categories"]["accessibility"]["score"], failing) == (1, [])
