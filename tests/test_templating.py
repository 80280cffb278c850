from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from jinja2 import PackageLoader, Template, TemplateNotFound, meta, nodes
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_NAMESPACE, DEFAULT_TESTS

from generator import urls
from generator.cache.pages import render_site
from generator.intake.vocabulary import load_vocabulary
from generator.model import Reading, Story
from generator.site.packs import print_packs, render_print_pages
from generator.site.templating import as_html, environment, render_page, to_markdown
from generator.statistics.pages import render_statistics, table_page
from generator.statistics.survey import read_survey
from generator.statistics.tables import build_statistics
from generator.statistics.zones import stories_by_zone
from tests.test_render import make_story as story_for_render


def front_matter_of(markdown: str) -> dict[str, object]:
    loaded = yaml.safe_load(markdown.split("---\n", 2)[1])
    assert isinstance(loaded, dict)
    return loaded


def test_front_matter_is_dumped_so_a_title_cannot_add_fields() -> None:
    markdown = to_markdown({"title": 'x"\nstatus: approved\ntemplate: evil'}, "<div></div>")
    assert front_matter_of(markdown) == {"title": 'x"\nstatus: approved\ntemplate: evil'}


def test_a_page_is_front_matter_and_one_html_block_with_relative_links() -> None:
    path, markdown = render_page(
        "terms.html.j2",
        "grunder/index.md",
        "Rubrik",
        "Beskrivning",
        kind="arenas",
        terms={},
        counts={},
        has_statistics=False,
    )
    assert path == "grunder/index.md"
    assert front_matter_of(markdown) == {
        "title": "Rubrik",
        "description": "Beskrivning",
        "hide": ["navigation", "toc"],
    }
    body = markdown.split("---\n", 2)[2]
    assert body.startswith("\n<div") and "\n\n" not in body.strip()


def test_title_and_description_go_into_front_matter_as_the_html_material_prints() -> None:
    _, markdown = render_page(
        "terms.html.j2",
        "grunder/index.md",
        '"Vi" & dom <3',
        "Om 'oss' & </title>",
        kind="arenas",
        terms={},
        counts={},
        has_statistics=False,
    )
    assert front_matter_of(markdown)["title"] == "&#34;Vi&#34; &amp; dom &lt;3"
    assert front_matter_of(markdown)["description"] == "Om &#39;oss&#39; &amp; &lt;/title&gt;"
    assert "<h1>&#34;Vi&#34; &amp; dom &lt;3</h1>" in markdown


def test_as_html_escapes_an_entity_so_it_shows_as_written() -> None:
    assert as_html("&amp; &lt;b&gt;") == "&amp;amp; &amp;lt;b&amp;gt;"


# Templates receive data, never open files (issue 16). A template can reach only what its
# environment gives every template, the other templates it names, and what the render
# functions pass it; these tests check all three.

TEMPLATE_FOLDER = resources.files("generator.site") / "templates"
SURVEY = Path(__file__).resolve().parent / "fixtures" / "survey" / "responses.csv"
VOCABULARY = load_vocabulary()
# Names that would give a template a file, the MkDocs configuration or the operating system.
FILE_HELPERS = {"open", "config", "os", "sys", "path", "Path", "source", "read_text", "read_bytes", "file"}


def package_templates() -> list[str]:
    return sorted(entry.name for entry in TEMPLATE_FOLDER.iterdir() if entry.name.endswith(".j2"))


def parsed(name: str) -> nodes.Template:
    env = environment()
    return env.parse(TEMPLATE_FOLDER.joinpath(name).read_text(encoding="utf-8"), name)


def test_the_templates_are_the_packages_and_no_path_leads_out_of_it() -> None:
    env = environment()
    assert isinstance(env.loader, PackageLoader)
    assert env.list_templates() == package_templates()
    for outside in ["../templating.py", "../../pipeline.py", "/etc/passwd", "templates/../render.py"]:
        with pytest.raises(TemplateNotFound):
            env.get_template(outside)


def test_the_environment_gives_templates_only_jinjas_own_globals_filters_and_tests() -> None:
    """And two filters of ours, which split a text at its phone numbers (site/phones.py) and draw
    an address's QR code (site/qr.py)."""
    env = environment()
    assert env.globals.keys() == DEFAULT_NAMESPACE.keys()
    assert env.filters.keys() == DEFAULT_FILTERS.keys() | {"phone_parts", "qr_code"}
    assert env.tests.keys() == DEFAULT_TESTS.keys()


def test_a_template_includes_or_imports_only_templates_of_the_package_by_their_names() -> None:
    named = []
    for name in package_templates():
        for node in parsed(name).find_all((nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)):
            assert isinstance(node.template, nodes.Const), f"{name}: a template named by a variable"
            named.append(node.template.value)
    assert named and set(named) <= set(package_templates())


def test_no_template_names_open_config_or_a_file_helper() -> None:
    for name in package_templates():
        tree = parsed(name)
        used = {node.name for node in tree.find_all(nodes.Name)}
        used |= {node.attr for node in tree.find_all(nodes.Getattr)}
        assert not used & FILE_HELPERS, name


def make_story(**changes: object) -> Story:
    """A story that uses every part of the story page: measures and a content warning too."""
    return story_for_render(**{"measures": (3,), "content_warnings": ("hot",), **changes})


def data_problems(value: object, where: str) -> list[str]:
    """Where in a template's context something is not plain data: a file, a path, a module."""
    if isinstance(value, str | int | float | dt.date | Enum) or value is None:
        return []
    if isinstance(value, tuple | list | set | frozenset):
        return [problem for item in value for problem in data_problems(item, f"{where}[]")]
    if isinstance(value, dict):
        return [
            problem
            for key, item in value.items()
            for problem in data_problems(key, f"{where} key") + data_problems(item, f"{where}[{key!r}]")
        ]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return [f"{where}: {type(value).__name__} can be changed by a template"]
        return [
            problem
            for field in dataclasses.fields(value)
            for problem in data_problems(getattr(value, field.name), f"{where}.{field.name}")
        ]
    return [f"{where}: {type(value).__name__} is not data"]


def is_link(value: object) -> bool:
    """The `link(target)` that rendering gives each template: a relative URL from a path."""
    return callable(value) and getattr(value, "__qualname__", "") == "_render.<locals>.link"


@pytest.fixture
def contexts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, object]]]:
    """Render every page of a small site and of the statistics; return what each template got."""
    seen: list[tuple[str, dict[str, object]]] = []
    render = Template.render

    def recording(self: Template, *args: Any, **kwargs: Any) -> str:
        seen.append((str(self.name), dict(*args, **kwargs)))
        return render(self, *args, **kwargs)

    monkeypatch.setattr(Template, "render", recording)
    original = make_story()
    translation = make_story(id="hbg-0002", language="ar", translation_of="hbg-0001", content_warnings=())
    reading = Reading("hbg-0001", "espeak", "ab" * 32, Path("cache/x.mp3"), 12_345, 75.4, ())
    render_site([original, translation], VOCABULARY, {"hbg-0001": reading}, has_statistics=True)
    packs = print_packs([original, translation], VOCABULARY)
    render_print_pages(packs, VOCABULARY, "https://berattelser.example.se/", "https://dialog.example.se/")
    survey = read_survey(SURVEY, VOCABULARY)
    assert survey is not None
    statistics = build_statistics(survey, VOCABULARY)
    render_statistics(statistics, VOCABULARY, stories_by_zone(statistics, survey.triad_zones, [original]))
    return seen


def names_from_outside(name: str) -> set[str]:
    """The names a template reads but does not set itself (Jinja's own check misses a `set` in an `if`)."""
    tree = parsed(name)
    own = {node.name for node in tree.find_all(nodes.Name) if node.ctx == "store"}
    return meta.find_undeclared_variables(tree) - own


def test_every_template_names_only_what_it_is_given(contexts: list[tuple[str, dict[str, object]]]) -> None:
    env = environment()
    pages = {name for name in package_templates() if not name.startswith("_")}
    assert {name for name, _ in contexts} == pages
    for name, context in contexts:
        assert names_from_outside(name) <= context.keys() | env.globals.keys(), name
    # The shared pieces are imported without the page's context: they see only their arguments.
    for name in set(package_templates()) - pages:
        assert names_from_outside(name) <= env.globals.keys(), name


def test_render_functions_give_templates_plain_data(contexts: list[tuple[str, dict[str, object]]]) -> None:
    problems = [
        problem
        for name, context in contexts
        for key, value in context.items()
        if not (value is urls or value is table_page or is_link(value))
        for problem in data_problems(value, f"{name}: {key}")
    ]
    assert problems == []


def test_a_path_given_to_a_template_is_found() -> None:
    story = make_story()
    assert data_problems({"story": story}, "story.html.j2") == []
    assert data_problems({"x": (story, Path("a"))}, "t") == ["t['x'][]: PosixPath is not data"]
    assert data_problems(urls, "t") == ["t: module is not data"]
