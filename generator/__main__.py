"""The command line: `python -m generator build|check`. Heavy imports wait until a command runs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.errors import UserError
from generator.model import Problem

if TYPE_CHECKING:
    from generator.build import BuildResult

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


def _progress(done: int, total: int) -> None:
    """Show how far the reading has come, on a terminal only (CI logs stay clean)."""
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        click.echo(f"\rLäser upp berättelser: {done}/{total}", err=True, nl=False)
        click.echo(end, err=True, nl=False)


def _audio_notices(result: BuildResult) -> None:
    audio = result.audio
    if audio.offline_fallback:
        click.echo(
            f"Google gick inte att nå, så {audio.offline_fallback} berättelser lästes upp av den "
            "inbyggda rösten (eSpeak NG) i stället.",
            err=True,
        )
    if audio.missing:
        click.echo(
            f"{len(audio.missing)} berättelser fick ingen uppläsning och visas utan spelare: "
            + ", ".join(audio.missing),
            err=True,
        )


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
@click.option(
    "--voice",
    type=click.Choice(["gtts", "espeak", "none"]),
    default="gtts",
    show_default=True,
    help="Rösten som läser upp: gtts (Google, faller tillbaka på espeak), espeak (offline) eller none.",
)
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(".cache/audio"),
    show_default=True,
    help="Där uppläsningarna sparas, så att bara nya eller ändrade texter läses upp.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    help="Hur många uppläsningar åt gången.",
)
@click.option(
    "--report",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Skriv en rapport i JSON om vad bygget gjorde.",
)
def build(
    stories_dir: Path,
    site_dir: Path,
    config_file: Path,
    voice: str,
    cache_dir: Path,
    jobs: int,
    report: Path | None,
) -> None:
    """Kontrollera berättelserna och bygg webbplatsen av de godkända."""
    from generator.build import BuildOptions, build_site

    options = BuildOptions(stories_dir, site_dir, config_file, voice, cache_dir, jobs, report)
    try:
        result = build_site(options, _progress)
    except UserError as error:
        _fail(error)
        return
    _print_warnings(result.warnings)
    _audio_notices(result)
    pages, audio = result.pages, result.audio
    click.echo(
        f"Klart: {result.published} berättelser publicerade, {result.hidden} inte publicerade. "
        f"Uppläsningar: {audio.synthesised} nya, {audio.reused} återanvända. "
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
