"""Run MkDocs in this process: load the project's mkdocs.yml strictly and build into a folder."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias
from urllib.parse import urlsplit

from generator.errors import UserError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.pages import Page

# The loaded mkdocs.yml, as load_project gives it and run_mkdocs takes it. The pipeline passes it
# on by this name without looking inside, so that this module alone imports MkDocs.
EngineConfig: TypeAlias = "MkDocsConfig"


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

    @property
    def audio_origin(self) -> str:
        """The scheme and host of audio_base_url, for the pages' Content-Security-Policy."""
        parts = urlsplit(self.audio_base_url)
        return f"{parts.scheme}://{parts.netloc}" if self.audio_base_url else ""


def load_project(config_file: Path) -> tuple[ProjectSettings, MkDocsConfig]:
    """Load mkdocs.yml strictly, once per build: what the generator needs from it, and the
    configuration to build with."""
    config = _load(config_file)
    settings = ProjectSettings(
        Path(config.docs_dir),
        config.site_name,
        config.site_url or "",
        config.site_description or "",
        _audio_base_url(config_file, config.extra.get("audio_base_url") or ""),
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


def _finishing_plugin(finish_page: Callable[[str, str], str]) -> BasePlugin:  # type: ignore[type-arg]
    """A plugin, added last, that hands each page's final HTML to `finish_page`."""
    from mkdocs.plugins import BasePlugin

    class FinishPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
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


def run_mkdocs(
    config: MkDocsConfig, site_dir: Path, finish_page: Callable[[str, str], str] | None = None
) -> None:
    """Build the site (configured by load_project, used once) into site_dir, with `--strict`
    semantics: any MkDocs warning fails the build.

    `finish_page(path, html)` sees every HTML page before MkDocs writes it, and returns what to write.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config["site_dir"] = str(site_dir)
    if finish_page is not None:
        config.plugins["generator-finish-pages"] = _finishing_plugin(finish_page)
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        build(config)
    except MkDocsException as error:
        raise UserError("MkDocs kunde inte bygga webbplatsen.", [*collector.messages, str(error)]) from None
    finally:
        logger.removeHandler(collector)
