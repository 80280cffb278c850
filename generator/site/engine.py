"""The engine that turns docs/ into a site, the only module that imports it: MkDocs in this process,
or ProperDocs (the maintained MkDocs 1.x fork) as a process of its own.

Every engine gets the same job: build into a folder with `--strict` semantics and pass each HTML
page through the generator's `finish_page` (its security policy, its checks) before the site is
used. MkDocs does that through a plugin, page by page while it renders the next ones: an
optimisation. Any other engine builds first and the pages are finished from the files it wrote,
which is all an engine without plugins (Zensical, MkDocs 2) allows. The same function meets the
same HTML either way, so the site is the same to the byte.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import urlsplit

from generator.errors import UserError
from generator.privacy.quoting import shown
from generator.site.postbuild import FinishPage, finish_built_pages

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

# The loaded mkdocs.yml, as load_project gives it and run_mkdocs takes it. The pipeline passes it
# on by this name without looking inside, so that this module alone imports MkDocs.
EngineConfig: TypeAlias = "MkDocsConfig"

# The engines `build --engine` offers, and their names for messages.
ENGINES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}


class _WarningCollector(logging.Handler):
    """Keep MkDocs' warnings so they can be shown with the rest of the build's messages."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class ProjectSettings:
    """What the generator needs to know from mkdocs.yml."""

    docs_dir: Path
    site_name: str
    site_url: str
    description: str
    # Where the readings are published when not beside the pages ('' = in the site itself).
    audio_base_url: str = ""
    # The city's addresses the site links to ('' = not known yet: nothing is shown for it).
    # The dialogue or survey where residents share their own experience (its page, its QR code).
    dialogue_url: str = ""
    # The full report of the project, and the city's film of stories read aloud.
    report_url: str = ""
    film_url: str = ""

    @property
    def audio_origin(self) -> str:
        """The scheme and host of audio_base_url, for the pages' Content-Security-Policy."""
        parts = urlsplit(self.audio_base_url)
        return f"{parts.scheme}://{parts.netloc}" if self.audio_base_url else ""


def load_project(config_file: Path) -> tuple[ProjectSettings, MkDocsConfig]:
    """Load mkdocs.yml strictly, once per build: what the generator needs from it, and the
    configuration to build with."""
    config = _load(config_file)
    _check_sample_archive(config_file, config.extra.get("sample_archive", False))
    settings = ProjectSettings(
        Path(config.docs_dir),
        config.site_name,
        config.site_url or "",
        config.site_description or "",
        _audio_base_url(config_file, config.extra.get("audio_base_url") or ""),
        *(_link_setting(config_file, key, config.extra.get(key)) for key in LINK_SETTINGS),
    )
    return settings, config


def project_settings(config_file: Path) -> ProjectSettings:
    """Read the docs folder, the site's name, address and description from mkdocs.yml."""
    return load_project(config_file)[0]


def _audio_base_url(config_file: Path, value: object) -> str:
    """Accept an https address (a static host or an object store behind a CDN), ending in '/'."""
    if value == "":
        return ""
    parts = urlsplit(str(value))
    if (
        not isinstance(value, str)
        or parts.scheme != "https"
        or not parts.netloc
        or parts.query
        or parts.fragment
    ):
        raise UserError(
            f"{config_file}: extra.audio_base_url: Väntade en https-adress som https://ljud.example.se/arkiv/, "
            f"men fick {value!r}."
        )
    return value if value.endswith("/") else value + "/"


# The addresses in `extra:` the site links to, in ProjectSettings' order.
LINK_SETTINGS = ("dialogue_url", "report_url", "film_url")


def _link_setting(config_file: Path, key: str, value: object) -> str:
    """Accept a whole web address (http or https, with a host) or nothing: a typo such as a
    missing "https://" would otherwise become a link that leads nowhere, or a QR code that does."""
    if value is None or value == "":
        return ""
    if not (isinstance(value, str) and _is_web_address(value)):
        raise UserError(
            f"{config_file}: extra.{key}: Väntade en hel webbadress som https://helsingborg.se/..., "
            f"men fick {shown(value)}. Skriv adressen med https:// först, eller ta bort raden."
        )
    return value


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("https", "http") and bool(parts.netloc) and not any(c.isspace() for c in value)


def _check_sample_archive(config_file: Path, value: object) -> None:
    """`extra.sample_archive` says whether the stories are the project's examples: the theme
    then says so on every page (overrides/main.html). Only true or false, so a typo such as
    "ja" cannot silently hide that notice or put it on a real archive."""
    if not isinstance(value, bool):
        raise UserError(
            f"{config_file}: extra.sample_archive: Väntade true (berättelserna är exempel) eller false "
            f"(berättelserna är verkliga), men fick {shown(value)}. Skriv sample_archive: true eller "
            "sample_archive: false, utan citattecken."
        )


# An element's id, as MkDocs collects them from raw HTML for its check of links to anchors. In our
# pages every attribute is double-quoted and text is escaped (a quote becomes &#34;), so this
# finds exactly the ids an HTML parser would.
_ELEMENT_ID = re.compile(r'\sid="([^"]*)"')


def _finishing_plugin(finish_page: FinishPage, html_pages: frozenset[str]) -> BasePlugin:  # type: ignore[type-arg]
    """A plugin, added last, that hands each page's final HTML to `finish_page`, and hands MkDocs
    the pages in `html_pages` as the HTML they already are.

    The generator's pages are HTML in a Markdown file. Python-Markdown passes an HTML block
    through unchanged, but only after parsing it twice in Python (MkDocs looks for anchors, then
    Markdown finds where the block ends): two thirds of MkDocs' time on a large archive. So their
    Markdown is taken out before the conversion and put back as its result, which is what the
    conversion returns for them (tests/test_engine.py compares the two on every page of a built
    site). Every other engine converts the same files, and the site is the same to the byte.
    """
    from mkdocs.plugins import BasePlugin

    class FinishPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
        def __init__(self) -> None:
            self.html_of: dict[str, str] = {}

        def on_page_markdown(
            self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
        ) -> str:
            if page.file.src_uri not in html_pages:
                return markdown
            self.html_of[page.file.src_uri] = markdown
            return ""

        def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
            ready = self.html_of.pop(page.file.src_uri, None)
            if ready is None:
                return html
            page.present_anchor_ids = set(_ELEMENT_ID.findall(ready))
            return ready.strip("\n")

        def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
            return finish_page(page.file.dest_uri, output)

        def on_post_template(
            self, output_content: str, /, *, template_name: str, config: MkDocsConfig
        ) -> str:
            # The theme's own pages (404.html); the sitemap is not a page.
            return (
                finish_page(template_name, output_content)
                if template_name.endswith(".html")
                else output_content
            )

    return FinishPages()


def _load(config_file: Path) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        raise UserError(f"Hittar ingen MkDocs-konfiguration i {config_file}. Ange den med --config.")
    try:
        return load_config(config_file=str(config_file), strict=True)
    except ConfigurationError as error:
        raise UserError(f"MkDocs-konfigurationen {config_file} är fel: {error}") from None


def run_engine(
    engine: str,
    config: MkDocsConfig,
    site_dir: Path,
    finish_page: FinishPage,
    in_engine: bool = True,
    html_pages: frozenset[str] = frozenset(),
) -> None:
    """Build the site (configured by load_project, used once) into site_dir with `--strict`
    semantics; every HTML page goes through `finish_page(path, html)`, which returns what to keep.

    `in_engine=False` finishes MkDocs' pages from the built files too, as every other engine's are.
    MkDocs in this process takes the pages in `html_pages` (paths in docs/) as the HTML they are.
    """
    config["site_dir"] = str(site_dir)
    finished_in_engine = engine == "mkdocs" and in_engine
    if engine == "mkdocs":
        _run_mkdocs(config, finish_page if finished_in_engine else None, html_pages)
    else:
        _run_apart(engine, Path(config.config_file_path), site_dir)
    if not finished_in_engine:
        finish_built_pages(site_dir, finish_page)


def _run_mkdocs(config: MkDocsConfig, finish_page: FinishPage | None, html_pages: frozenset[str]) -> None:
    """Build with MkDocs in this process, a plugin handing each page to `finish_page` if given."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    if finish_page is not None:
        config.plugins["generator-finish-pages"] = _finishing_plugin(finish_page, html_pages)
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        build(config)
    except MkDocsException as error:
        raise UserError("MkDocs kunde inte bygga webbplatsen.", [*collector.messages, str(error)]) from None
    finally:
        logger.removeHandler(collector)


def _run_apart(engine: str, config_file: Path, site_dir: Path) -> None:
    """Build with an engine in a process of its own.

    ProperDocs cannot share this process with MkDocs: it makes `import mkdocs` load itself, for
    Material's plugins, and this process has imported MkDocs to read mkdocs.yml.
    """
    if importlib.util.find_spec(engine) is None:
        raise UserError(
            f"{ENGINES[engine]} är inte installerat. Kör make igen (det installerar allt i "
            "requirements.txt) eller bygg med --engine mkdocs."
        )
    command = [sys.executable, "-m", engine, "build", "--strict"]
    command += ["--config-file", str(config_file), "--site-dir", str(site_dir)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own arguments, no shell
    if done.returncode != 0:
        raise UserError(
            f"{ENGINES[engine]} kunde inte bygga webbplatsen.", engine_messages(done.stderr + done.stdout)
        )


# How MkDocs and its forks begin each line they log: the level, then ' -  '.
_LOG_LEVEL = re.compile(r"^(?P<level>[A-Z]+)\s+-\s+")


def engine_messages(output: str) -> list[str]:
    """What an engine said about a failed build, without its progress notes and level prefixes."""
    messages = []
    for line in output.splitlines():
        level = _LOG_LEVEL.match(line)
        if level and level["level"] in ("INFO", "DEBUG"):
            continue
        if line.strip():
            messages.append(line[level.end() :] if level else line.strip())
    return messages
