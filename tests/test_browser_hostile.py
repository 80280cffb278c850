"""Hostile stories in a real browser: no injected script runs, nothing is fetched from elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Dialog, Page

from tests.browser import build_project_site, serve
from tests.conftest import GOOD_FIELDS, front_matter_text
from tests.test_adversarial import HOSTILE_BODIES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = tmp_path_factory.mktemp("hostile-browser")
    stories = base / "stories"
    stories.mkdir()
    for name, body in HOSTILE_BODIES.items():
        fields = {**GOOD_FIELDS, "id": f"x-{name}", "title": f"Prov {name}"}
        (stories / f"x-{name}.md").write_text(
            f"---\n{front_matter_text(fields)}\n---\n{body}\n", encoding="utf-8"
        )
    site = build_project_site(base, stories, voice="none")
    with serve(site) as url:
        yield url


def test_no_injected_script_runs_and_nothing_is_fetched_elsewhere(hostile_url: str, page: Page) -> None:
    dialogs: list[str] = []
    requested: list[str] = []
    page.on("dialog", lambda dialog: _dismiss(dialog, dialogs))
    page.on("request", lambda request: requested.append(request.url))
    for name in HOSTILE_BODIES:
        page.goto(f"{hostile_url}berattelser/x-{name}/")
        page.wait_for_load_state("networkidle")
        assert (
            page.evaluate(
                "() => document.querySelectorAll('.hbg-story__text *:not(p):not(br):not(span)').length"
            )
            == 0
        )
    own = urlsplit(hostile_url).netloc
    assert dialogs == []
    assert [url for url in requested if urlsplit(url).netloc != own and not url.startswith("data:")] == []


def _dismiss(dialog: Dialog, seen: list[str]) -> None:
    seen.append(dialog.message)
    dialog.dismiss()
