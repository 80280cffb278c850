"""Shared fixtures: story files written to order, and a copy of the project to build in."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

from generator import urls
from generator.intake.approval import approved_content, content_hash

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_ARCHIVE = Path(__file__).resolve().parent / "fixtures" / "archive"
# A frozen copy of the sample archive the project shipped with (44 stories, 340 survey responses):
# big enough for every page type and statistics that show. The tests never read stories/, which
# the city replaces with its real archive.
SAMPLE_ARCHIVE = Path(__file__).resolve().parent / "fixtures" / "sample"

# A story that passes every check; tests change one thing at a time.
GOOD_FIELDS: dict[str, object] = {
    "id": "hbg-0001",
    "title": "En vanlig dag",
    "status": "approved",
    "approved_by": "redaktor-test",
    "approved_on": "2026-03-14",
    "language": "sv",
    "collected": "2025-10",
    "grounds": ["alder"],
    "arenas": ["arbetsliv"],
    "experiences": ["utanforskap"],
}
GOOD_BODY = "Jag diskriminerades i kön på apoteket.\n\nDet andra stycket.\n"

StoryWriter = Callable[..., Path]

# Personal data of every class, spelled as an editor or a survey tool might put it where it does
# not belong (a field, a survey cell, a command's argument): no message may print any of them.
PERSONAL_VALUES = (
    "19811218-9876",
    "8112 18-98 76",
    "070-123 45 67",
    "0046.70.123.45.67",
    "anna.svensson@example.se",
    "Göran",
    "mohammed",
    "GÖRAN",
)


def assert_nothing_raw(output: str) -> None:
    """No value of PERSONAL_VALUES is in the output, nor seven of its digits however separated."""
    numbers = ["".join(filter(str.isdigit, m)) for m in re.findall(r"\d(?:[\s.\-/+()]{0,3}\d)*", output)]
    for value in PERSONAL_VALUES:
        assert value not in output, value
        digits = "".join(filter(str.isdigit, value))
        assert not digits or not any(digits[:7] in number for number in numbers), value


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Write the end-to-end build's output as the new golden files.",
    )


def front_matter_text(fields: dict[str, object]) -> str:
    """Write front matter the way an editor would: one `key: value` per line, in order."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}: [{', '.join(map(str, value))}]")
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(lines)


@pytest.fixture
def stories_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "stories"
    folder.mkdir()
    return folder


def stamped(fields: dict[str, object], body: str) -> dict[str, object]:
    """Add the hash `approve` would write to an approved story, unless the test set one itself.

    Pass approved_hash=None to write a story approved by hand, without a hash.
    """
    title, language = fields.get("title"), fields.get("language")
    if fields.get("status") != "approved" or "approved_hash" in fields:
        return fields
    if not isinstance(title, str) or not isinstance(language, str):
        return fields
    return {**fields, "approved_hash": content_hash(*approved_content(title, language, body))}


@pytest.fixture
def write_story(stories_dir: Path) -> StoryWriter:
    """Return a function that writes a story file; keyword arguments change or drop fields."""

    def write(body: str = GOOD_BODY, raw_front_matter: str | None = None, **changes: object) -> Path:
        fields = stamped({**GOOD_FIELDS, **changes}, body)
        fields = {key: value for key, value in fields.items() if value is not None}
        text = raw_front_matter if raw_front_matter is not None else front_matter_text(fields)
        path = stories_dir / f"{fields['id']}.md"
        path.write_text(f"---\n{text}\n---\n{body}", encoding="utf-8")
        return path

    return write


@pytest.fixture
def write_safe_story(stories_dir: Path) -> StoryWriter:
    """Like write_story, but the front matter is dumped by YAML, so any string stays a string."""

    def write(body: str = GOOD_BODY, **changes: object) -> Path:
        fields = stamped({**GOOD_FIELDS, **changes}, body)
        fields = {key: value for key, value in fields.items() if value is not None}
        path = stories_dir / f"{fields['id']}.md"
        dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")
        return path

    return write


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's MkDocs side (config, hand-written docs, overrides) to build in."""
    return copy_project(tmp_path / "project")


def copy_project(target: Path) -> Path:
    """Copy mkdocs.yml, overrides/ and the hand-written docs/ (not what the generator writes)."""
    target.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    copy_hand_written_docs(target / "docs")
    return target


def copy_hand_written_docs(target: Path) -> None:
    """Copy the project's docs/ without what the generator writes there (nor its manifest)."""
    shutil.copytree(
        ROOT / "docs",
        target,
        ignore=lambda folder, names: [
            n for n in names if Path(folder) == ROOT / "docs" and (urls.is_generated(n) or n.startswith("."))
        ],
    )


def count_rendered_templates(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of every template rendered from now on, by the story pages and by the
    statistics pages, so that a test can tell which pages a build made again."""
    import generator.site.render
    import generator.statistics.pages

    rendered: list[str] = []
    for module in (generator.site.render, generator.statistics.pages):
        render_page = module.render_page
        monkeypatch.setattr(
            module,
            "render_page",
            lambda template, *rest, render=render_page, **context: (
                rendered.append(template) or render(template, *rest, **context)
            ),
        )
    return rendered


# The browser tests' site and chromium, made once for every module that asks (tests/browser.py):
# the sample archive read aloud by eSpeak NG, built with a copy of the project's MkDocs side.
@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.browser import build_project_site

    base = tmp_path_factory.mktemp("sample")
    build_project_site(base, SAMPLE_ARCHIVE, voice="espeak")
    return base


@pytest.fixture(scope="session")
def site_url(sample_project: Path) -> Iterator[str]:
    from tests.browser import serve

    with serve(sample_project / "site") as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from tests.browser import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()
