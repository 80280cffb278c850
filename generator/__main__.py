"""The command line: `python -m generator build|check`. Heavy imports wait until a command runs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.errors import UserError
from generator.model import Problem

STORIES_OPTION = click.option(
    "--stories",
    "stories_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("stories"),
    show_default=True,
    help="Mappen med berättelserna.",
)


def _print_warnings(warnings: tuple[Problem, ...]) -> None:
    if warnings:
        click.echo(f"{len(warnings)} varningar (bygget fortsätter, men se över dem):", err=True)
        for warning in warnings:
            click.echo(f"  varning: {warning.format()}", err=True)


def _fail(error: UserError) -> None:
    click.echo(error.summary, err=True)
    for detail in error.details:
        click.echo(f"  {detail}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Bygg berättelsearkivets webbplats av godkända berättelser."""


@cli.command()
@STORIES_OPTION
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="Dit den färdiga webbplatsen skrivs. Den byts ut först när hela bygget lyckats.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs-konfigurationen; dess docs_dir får de genererade sidorna.",
)
def build(stories_dir: Path, site_dir: Path, config_file: Path) -> None:
    """Kontrollera berättelserna och bygg webbplatsen av de godkända."""
    from generator.build import build_site

    try:
        result = build_site(stories_dir, site_dir, config_file)
    except UserError as error:
        _fail(error)
        return
    _print_warnings(result.warnings)
    pages = result.pages
    click.echo(
        f"Klart: {result.published} berättelser publicerade, {result.hidden} inte publicerade. "
        f"Sidor: {pages.written} skrivna, {pages.unchanged} oförändrade, {pages.removed} borttagna. "
        f"Webbplatsen finns i {site_dir}/."
    )


@cli.command()
@STORIES_OPTION
def check(stories_dir: Path) -> None:
    """Kontrollera berättelserna utan att bygga något. Avslutar med fel om något är fel."""
    from generator.build import check_archive, problems_error

    try:
        archive = check_archive(stories_dir)
        if archive.errors:
            _print_warnings(archive.warnings)
            raise problems_error(archive, "Rätta felen och kör check igen.")
    except UserError as error:
        _fail(error)
        return
    _print_warnings(archive.warnings)
    published = sum(1 for story in archive.stories if story.status.value == "approved")
    click.echo(f"Allt ser bra ut: {len(archive.stories)} berättelser, varav {published} godkända.")


if __name__ == "__main__":
    cli(prog_name="python -m generator")
