from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.site import engine as engine_module
from generator.site.engine import engine_messages, load_project, run_engine
from tests.conftest import ROOT

GENERATOR_META = re.compile(r'<meta name="generator" content="[^"]*">')


@pytest.fixture
def small_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two pages with Material, nothing of ours: what every engine is asked to build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Prov\nsite_url: https://example.se/\ntheme:\n  name: material\n  font: false\n",
        encoding="utf-8",
    )
    (project / "docs" / "index.md").write_text("# Start\n\n[Om](om.md)\n", encoding="utf-8")
    (project / "docs" / "om.md").write_text("# Om\n\nText.\n", encoding="utf-8")
    return project


def build(project: Path, site: str, engine: str, in_engine: bool = True) -> list[tuple[str, str]]:
    """Build the project into a folder; return each page the generator got, in the order it got them."""
    seen: list[tuple[str, str]] = []

    def finish(page: str, html: str) -> str:
        seen.append((page, html))
        return html.replace("</head>", "<!-- klar --></head>", 1)

    _, config = load_project(project / "mkdocs.yml")
    run_engine(engine, config, project / site, finish, in_engine)
    return seen


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def without_generator(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files with the tag that names the engine taken out of the pages."""
    return {
        path: GENERATOR_META.sub("", data.decode()).encode() if path.endswith(".html") else data
        for path, data in files.items()
    }


def test_mkdocs_finishes_the_same_pages_to_the_same_bytes_in_the_engine_and_from_the_files(
    small_project: Path,
) -> None:
    in_engine = build(small_project, "in-engine", "mkdocs")
    from_files = build(small_project, "from-files", "mkdocs", in_engine=False)
    assert sorted(in_engine) == from_files
    assert [page for page, _ in from_files] == ["404.html", "index.html", "om/index.html"]
    built = site_bytes(small_project / "in-engine")
    assert built == site_bytes(small_project / "from-files")
    assert all(b"<!-- klar --></head>" in built[page] for page, _ in from_files)


def test_properdocs_builds_the_same_site_as_mkdocs_but_for_the_generator_tag(small_project: Path) -> None:
    from_mkdocs = build(small_project, "mkdocs", "mkdocs")
    from_properdocs = build(small_project, "properdocs", "properdocs")
    assert [page for page, _ in from_properdocs] == ["404.html", "index.html", "om/index.html"]
    mkdocs_site, properdocs_site = (
        site_bytes(small_project / "mkdocs"),
        site_bytes(small_project / "properdocs"),
    )
    assert without_generator(properdocs_site) == without_generator(mkdocs_site)
    assert b'<meta name="generator" content="mkdocs-ProperDocs ' in properdocs_site["index.html"]
    assert b'<meta name="generator" content="mkdocs-1.' in mkdocs_site["index.html"]
    # The generator was given the same pages, but for that tag.
    assert [(page, GENERATOR_META.sub("", html)) for page, html in sorted(from_mkdocs)] == [
        (page, GENERATOR_META.sub("", html)) for page, html in from_properdocs
    ]


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_a_warning_stops_the_build_and_is_shown(small_project: Path, engine: str) -> None:
    (small_project / "docs" / "om.md").write_text("# Om\n\n[trasig](finns-inte.md)\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        build(small_project, "site", engine)
    name = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}[engine]
    assert caught.value.summary == f"{name} kunde inte bygga webbplatsen."
    assert caught.value.details == [
        "Doc file 'om.md' contains a link 'finns-inte.md', but the target is not found among documentation files.",
        "Aborted with 1 warnings in strict mode!",
    ]


def test_an_engine_that_is_not_installed_is_named_with_what_to_do(
    small_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, config = load_project(small_project / "mkdocs.yml")
    monkeypatch.setattr(engine_module.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(UserError) as caught:
        run_engine("properdocs", config, small_project / "site", lambda page, html: html)
    assert caught.value.summary == (
        "ProperDocs är inte installerat. Kör make igen (det installerar allt i requirements.txt) "
        "eller bygg med --engine mkdocs."
    )
    assert not (small_project / "site").exists()


def test_engine_messages_keep_warnings_and_errors_without_their_level() -> None:
    output = (
        "INFO    -  Cleaning site directory\n"
        "INFO    -  Building documentation to directory: /tmp/x\n"
        "WARNING -  Doc file 'om.md' contains a link 'x.md', but the target is not found.\n"
        "ERROR   -  Config value 'theme': Unrecognised theme name: 'nope'.\n"
        "\n"
        "Aborted with 1 warnings in strict mode!\n"
    )
    assert engine_messages(output) == [
        "Doc file 'om.md' contains a link 'x.md', but the target is not found.",
        "Config value 'theme': Unrecognised theme name: 'nope'.",
        "Aborted with 1 warnings in strict mode!",
    ]


# Material's plugins, which MkDocs knows as 'material/<name>' and Zensical as '<name>'.
MATERIAL_PLUGINS = frozenset("blog group info meta offline privacy search social tags".split())
PLUGIN_LOOKUP = re.compile(
    r"""config\.plugins\s*\[\s*["']([\w/-]+)["']|["']([\w/-]+)["']\s+in\s+config\.plugins"""
)


def plugins_asked_by_one_name_only(template: str) -> list[str]:
    """The Material plugins a template asks for under one of its two names but not the other."""
    names = {name for match in PLUGIN_LOOKUP.finditer(template) for name in match.groups() if name}
    bare = {name.removeprefix("material/") for name in names} & MATERIAL_PLUGINS
    return sorted(plugin for plugin in bare if not {plugin, f"material/{plugin}"} <= names)


def test_materials_own_header_asks_for_search_by_the_name_only_mkdocs_knows() -> None:
    # A copy of Material's header in overrides/ would lose the search box under Zensical, which
    # names the plugin 'search' (issue 16); the check below would refuse that copy.
    spec = importlib.util.find_spec("material")
    assert spec and spec.submodule_search_locations
    header = Path(spec.submodule_search_locations[0]) / "templates" / "partials" / "header.html"
    assert plugins_asked_by_one_name_only(header.read_text(encoding="utf-8")) == ["search"]
    both = '{% if "material/search" in config.plugins or "search" in config.plugins %}'
    assert plugins_asked_by_one_name_only(both) == []


@pytest.mark.parametrize(
    "template", sorted((ROOT / "overrides").rglob("*.html")), ids=lambda p: p.relative_to(ROOT).as_posix()
)
def test_every_override_asks_for_a_material_plugin_by_both_names(template: Path) -> None:
    assert plugins_asked_by_one_name_only(template.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("written", "shown"),
    [('"true"', "'true'"), ("ja", "'ja'"), ("1", "1"), ("[true]", "en lista"), ("", "ett tomt värde")],
)
def test_sample_archive_is_true_or_false_and_anything_else_says_how_to_write_it(
    small_project: Path, written: str, shown: str
) -> None:
    config_file = small_project / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text() + f"extra:\n  sample_archive: {written}\n", encoding="utf-8"
    )
    with pytest.raises(UserError) as raised:
        load_project(config_file)
    assert raised.value.summary == (
        f"{config_file}: extra.sample_archive: Väntade true (berättelserna är exempel) eller false "
        f"(berättelserna är verkliga), men fick {shown}. Skriv sample_archive: true eller "
        "sample_archive: false, utan citattecken."
    )


@pytest.mark.parametrize(
    "setting", ["extra:\n  sample_archive: true\n", "extra:\n  sample_archive: false\n", ""]
)
def test_sample_archive_may_be_true_false_or_left_out(small_project: Path, setting: str) -> None:
    config_file = small_project / "mkdocs.yml"
    config_file.write_text(config_file.read_text() + setting, encoding="utf-8")
    assert load_project(config_file)[0].site_name == "Prov"


@pytest.mark.parametrize("key", ["dialogue_url", "report_url", "film_url"])
@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("helsingborg.se/dialog", "'helsingborg.se/dialog'"),
        ("ftp://helsingborg.se/rapport.pdf", "'ftp://helsingborg.se/rapport.pdf'"),
        ('"https://"', "'https://'"),
        ('"https://helsingborg.se/en dialog"', "'https://helsingborg.se/en dialog'"),
        ("42", "42"),
    ],
)
def test_a_link_setting_is_a_whole_web_address_or_says_how_to_write_it(
    small_project: Path, key: str, written: str, shown: str
) -> None:
    config_file = small_project / "mkdocs.yml"
    config_file.write_text(config_file.read_text() + f"extra:\n  {key}: {written}\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        load_project(config_file)
    assert raised.value.summary == (
        f"{config_file}: extra.{key}: Väntade en hel webbadress som https://helsingborg.se/..., "
        f"men fick {shown}. Skriv adressen med https:// först, eller ta bort raden."
    )


def test_link_settings_are_read_and_left_out_means_not_known(small_project: Path) -> None:
    config_file = small_project / "mkdocs.yml"
    base = config_file.read_text()
    assert load_project(config_file)[0].dialogue_url == ""
    config_file.write_text(
        base + "extra:\n  dialogue_url: https://dialog.example.se/?tema=1\n  report_url:\n", encoding="utf-8"
    )
    settings = load_project(config_file)[0]
    assert (settings.dialogue_url, settings.report_url, settings.film_url) == (
        "https://dialog.example.se/?tema=1",
        "",
        "",
    )
