"""Run MkDocs in this process: load the project's mkdocs.yml strictly and build into a folder."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import UserError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


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


def project_settings(config_file: Path) -> ProjectSettings:
    """Read the docs folder, the site's name, address and description from mkdocs.yml."""
    config = _load(config_file, site_dir=None)
    return ProjectSettings(
        Path(config.docs_dir), config.site_name, config.site_url or "", config.site_description or ""
    )


def _load(config_file: Path, site_dir: Path | None) -> MkDocsConfig:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        raise UserError(f"Hittar ingen MkDocs-konfiguration i {config_file}. Ange den med --config.")
    overrides = {"site_dir": str(site_dir)} if site_dir else {}
    try:
        return load_config(config_file=str(config_file), strict=True, **overrides)
    except ConfigurationError as error:
        raise UserError(f"MkDocs-konfigurationen {config_file} är fel: {error}") from None


def run_mkdocs(config_file: Path, site_dir: Path) -> None:
    """Build the site with `--strict` semantics: any MkDocs warning fails the build."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        build(_load(config_file, site_dir))
    except MkDocsException as error:
        raise UserError("MkDocs kunde inte bygga webbplatsen.", [*collector.messages, str(error)]) from None
    finally:
        logger.removeHandler(collector)
