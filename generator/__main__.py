"""The command line: `python -m generator build|check|import|approve|approve-review|withdraw|clear|serve|print`
(installed also as `berattelsearkivet`). Heavy imports wait until a command runs."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

from generator.errors import UserError
from generator.model import Problem

if TYPE_CHECKING:
    from generator.pipeline import BuildResult

FC = TypeVar("FC", bound=Callable[..., object])

STORIES_OPTION = click.option(
    "--stories",
    "stories_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("stories"),
    show_default=True,
    help="Mappen med berättelserna.",
)

SITE_DIR_OPTION = click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="Dit den färdiga webbplatsen skrivs. Den byts ut först när hela bygget lyckats.",
)
CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs-konfigurationen; dess docs_dir får de genererade sidorna.",
)
CACHE_OPTION = click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path(".cache"),
    show_default=True,
    help="Där byggen sparar det som går att använda igen: uppläsningarna (audio/) och de "
    "kontrollerade filerna och sidorna (memo/). Bara det som ändrats görs om.",
)


def voice_option(default: str, help_text: str) -> Callable[[FC], FC]:
    """The --voice option of the commands that build; each has its own default."""
    return click.option(
        "--voice",
        type=click.Choice(["gtts", "espeak", "none"]),  # generator.pipeline.VOICES, without its imports
        default=default,
        show_default=True,
        help=help_text,
    )


def _print_warnings(warnings: tuple[Problem, ...]) -> None:
    if warnings:
        heading = (
            "1 varning (bygget fortsätter, men se över den)"
            if len(warnings) == 1
            else (f"{len(warnings)} varningar (bygget fortsätter, men se över dem)")
        )
        click.echo(f"{heading}:", err=True)
        for warning in warnings:
            click.echo(f"  varning: {warning.format()}", err=True)


def _fail(error: UserError) -> NoReturn:
    click.echo(error.summary, err=True)
    for detail in error.details:
        click.echo(f"  {detail}", err=True)
    sys.exit(1)


class _Command(click.Command):
    """A command whose user errors (UserError) end as plain messages and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as error:
            _fail(error)


def installed_version(distribution: str) -> str | None:
    """The version of the installed distribution, or None when the code runs from a checkout that
    `make` has not installed: its metadata is then missing, and a guess would be worse than saying so."""
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _show_version(ctx: click.Context, _param: click.Parameter, wanted: bool) -> None:
    """Print the version and stop. Looked up only when asked, so the other commands start no slower;
    click's own version_option ends in a traceback when the package is not installed."""
    if not wanted or ctx.resilient_parsing:
        return
    from generator.cache.memo import DISTRIBUTION

    version = installed_version(DISTRIBUTION)
    if version is None:
        click.echo(
            f"{DISTRIBUTION}, okänd version: paketet är inte installerat. Kör make för att installera det."
        )
    else:
        click.echo(f"{DISTRIBUTION}, version {version}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Visa vilken version som är installerad och avsluta.",
)
def cli() -> None:
    """Bygg berättelsearkivets webbplats av godkända berättelser."""


cli.command_class = _Command


def _site_address(value: str | None, option: str) -> str | None:
    """Check a site's address as the option is read: http(s), a host, nothing after the path."""
    if value is None:
        return None
    from generator.audio.fetch import web_address

    return web_address(value, option)


def _progress(done: int, total: int) -> None:
    """Show how far the reading has come, on a terminal only (CI logs stay clean)."""
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        click.echo(f"\rLäser upp berättelser: {done}/{total}", err=True, nl=False)
        click.echo(end, err=True, nl=False)


def _audio_notices(result: BuildResult, source: str | None) -> None:
    audio = result.audio
    if audio.source_unreachable:
        click.echo(
            f"Webbplatsen {source} svarade inte (eller för långsamt), så uppläsningarna som inte "
            "hämtats därifrån lästes upp i stället.",
            err=True,
        )
    if audio.refused:
        click.echo(
            f"{len(audio.refused)} uppläsningar på {source} klarade inte kontrollen och lästes upp "
            "på nytt: " + ", ".join(audio.refused),
            err=True,
        )
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
    for reason, story_ids in _by_reason(result.films.failed).items():
        click.echo(f"Ingen film för {', '.join(story_ids)} (sidan visas utan): {reason}", err=True)


def _by_reason(failed: dict[str, str]) -> dict[str, list[str]]:
    """The stories that got no film, under why: one line when the fonts are missing for all."""
    grouped: dict[str, list[str]] = {}
    for story_id, reason in failed.items():
        grouped.setdefault(reason, []).append(story_id)
    return grouped


@cli.command()
@STORIES_OPTION
@SITE_DIR_OPTION
@CONFIG_OPTION
@voice_option(
    "gtts", "Rösten som läser upp: gtts (Google, faller tillbaka på espeak), espeak (offline) eller none."
)
@CACHE_OPTION
@click.option(
    "--jobs",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    help="Hur många processer bygget får använda: till uppläsningar, och till att kontrollera sidorna medan MkDocs bygger.",
)
@click.option(
    "--report",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Skriv en rapport i JSON om vad bygget gjorde.",
)
@click.option(
    "--report-md",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Skriv samma rapport som en kort tabell i Markdown (publiceringens sammanfattning).",
)
@click.option(
    "--fresh",
    is_flag=True,
    help="Gör om allt: använd inga sparade kontroller, sidor eller uppläsningar (nya sparas ändå).",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "properdocs"]),  # generator.site.engine.ENGINES, without its imports
    default="mkdocs",
    show_default=True,
    help="Programmet som bygger webbplatsen av docs/: mkdocs, eller properdocs (MkDocs 1.x som underhålls "
    "vidare). Webbplatsen blir densamma, utom taggen <meta name=generator> som namnger programmet.",
)
@click.option(
    "--reuse-readings-from",
    metavar="URL",
    default=None,
    help="Den publicerade webbplatsens adress: uppläsningar som saknas i cachen hämtas därifrån, "
    "kontrolleras och används igen, och bara det som inte finns där läses upp. Inte med --fresh.",
)
def build(
    stories_dir: Path,
    site_dir: Path,
    config_file: Path,
    voice: str,
    cache_dir: Path,
    jobs: int,
    report: Path | None,
    report_md: Path | None,
    fresh: bool,
    engine: str,
    reuse_readings_from: str | None,
) -> None:
    """Kontrollera berättelserna och bygg webbplatsen av de godkända."""
    from generator.pipeline import BuildOptions, build_site

    reuse_readings_from = _site_address(reuse_readings_from, "--reuse-readings-from")
    options = BuildOptions(
        stories_dir,
        site_dir,
        config_file,
        voice,
        cache_dir,
        jobs,
        report,
        fresh,
        engine,
        reuse_readings_from=reuse_readings_from,
        report_md=report_md,
    )
    result = build_site(options, _progress)
    _print_warnings(result.warnings)
    _audio_notices(result, reuse_readings_from)
    pages, audio = result.pages, result.audio
    fetched = f", {audio.fetched} hämtade från webbplatsen" if reuse_readings_from and not fresh else ""
    click.echo(
        f"Klart: {result.published} berättelser publicerade, {result.hidden} inte publicerade. "
        f"Uppläsningar: {audio.synthesised} nya, {audio.reused} återanvända{fetched}. "
        f"Sidor: {pages.written} skrivna, {pages.unchanged} oförändrade, {pages.removed} borttagna. "
        f"Webbplatsen finns i {site_dir}/."
    )


@cli.command()
@STORIES_OPTION
@click.option(
    "--report-md",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Skriv en publiceringsrapport i Markdown (för pull requesten).",
)
@click.option("--base", default=None, help="Git-ref att jämföra med, till exempel origin/main.")
@CACHE_OPTION
@click.option(
    "--reuse-readings-from",
    metavar="URL",
    default=None,
    help="Den publicerade webbplatsens adress: rapporten räknar uppläsningarna som ska göras mot "
    "den också, inte bara mot cachen.",
)
@click.option(
    "--preview-url",
    metavar="URL",
    default=None,
    help="Länken till körningen vars artefakt är förhandsvisningen; rapporten visar den.",
)
def check(
    stories_dir: Path,
    report_md: Path | None,
    base: str | None,
    cache_dir: Path,
    reuse_readings_from: str | None,
    preview_url: str | None,
) -> None:
    """Kontrollera berättelserna utan att bygga något. Avslutar med fel om något är fel."""
    from generator.pipeline import check_archive, problems_error, publishing_report
    from generator.write import atomic_write

    live_site = _site_address(reuse_readings_from, "--reuse-readings-from")
    if report_md or base:
        archive, report = publishing_report(
            stories_dir, base, cache_dir, Path("mkdocs.yml"), live_site, preview_url
        )
        if report_md:
            atomic_write(report_md, report.encode("utf-8"))
    else:
        archive = check_archive(stories_dir)
    if archive.errors:
        _print_warnings(archive.warnings)
        raise problems_error(archive, "Rätta felen och kör check igen.")
    _print_warnings(archive.warnings)
    published = sum(1 for story in archive.stories if story.status.value == "approved")
    click.echo(_check_summary(len(archive.stories), published, len(archive.warnings)))


def _check_summary(stories: int, approved: int, warnings: int) -> str:
    """The last line of a check that found no errors. "All is well" only when nothing is left to
    look at: a reassuring last line would hide the warnings printed above it."""
    counts = f"{stories} berättelser, varav {approved} godkända."
    if not warnings:
        return f"Allt ser bra ut: {counts}"
    to_look_at = "1 varning" if warnings == 1 else f"{warnings} varningar"
    return f"Inga fel, men {to_look_at} att titta på (se ovan). {counts}"


@cli.command(name="import")
@click.argument("export", type=click.Path(path_type=Path, dir_okay=False))
@STORIES_OPTION
def import_command(export: Path, stories_dir: Path) -> None:
    """Gör utkast (status: draft) av en enkätexport med fritext. Skriver aldrig över en fil.

    Exporten innehåller det folk skrev innan någon redaktör läst det: förvara den på en privat
    plats, aldrig i det öppna förrådet. Bara granskade utkast hör hemma där.
    """
    from generator.editors.importer import import_export
    from generator.intake.vocabulary import load_vocabulary

    result = import_export(export, stories_dir, load_vocabulary())
    for line in result.created:
        click.echo(f"  nytt utkast: {line}")
    for line in result.skipped:
        click.echo(f"  hoppade över: {line}")
    for line in result.problems:
        click.echo(f"  inte importerad: {line}", err=True)
    click.echo(
        f"Importerade {len(result.created)} utkast, hoppade över {result.rows_skipped}, "
        f"{len(result.problems)} problem. {result.flags} möjliga personuppgifter att se över med check."
    )
    if result.problems:
        sys.exit(1)


def _today() -> dt.date:
    return dt.date.today()


@cli.command()
@click.argument("story_id", metavar="ID")
@click.option("--by", "by", required=True, help="Vem som godkänner (namn eller användarnamn).")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Datum, annars i dag.")
@STORIES_OPTION
def approve(story_id: str, by: str, on: dt.datetime | None, stories_dir: Path) -> None:
    """Godkänn berättelsen ID som den ser ut nu: status, vem, när och en hash över innehållet."""
    from generator.editors import decisions as editors

    editors.approve(stories_dir, story_id, by, on.date() if on else _today())
    click.echo(f"{story_id} är godkänd. Den publiceras vid nästa bygge.")


@cli.command(name="approve-review")
@click.option(
    "--event",
    "event_file",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="GitHubs händelse pull_request_review i JSON (i ett arbetsflöde: $GITHUB_EVENT_PATH).",
)
@STORIES_OPTION
@click.option(
    "--comment-md",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Skriv en kommentar till pull requesten i Markdown: vad som stämplades, vad som inte "
    "stämplades och varför. Skrivs inte när granskningen inte rör någon berättelse.",
)
def approve_review(event_file: Path, stories_dir: Path, comment_md: Path | None) -> None:
    """Godkänn berättelserna i en pull request som en redaktör har godkänt med en granskning.

    Stämplar varje berättelse i pull requesten som är under granskning (eller godkänd men ändrad)
    med granskarens användarnamn och dag. Granskaren måste stå i EDITORS i berättelsemappen och
    får inte själv ha ändrat berättelsen. Läser git-historiken mellan pull requestens mål och den
    granskade commiten, så hela historiken behövs.
    """
    from generator.editors import review as reviews
    from generator.write import atomic_write

    try:
        outcome = reviews.approve_by_review(reviews.read_event(event_file), stories_dir)
    except UserError as error:
        if comment_md:
            atomic_write(comment_md, reviews.error_comment(error).encode("utf-8"))
        raise
    body = reviews.comment(outcome)
    if comment_md and body:
        atomic_write(comment_md, body.encode("utf-8"))
    day = outcome.review.day.isoformat()
    for story_id in outcome.stamped:
        click.echo(f"  stämplad: {story_id}, godkänd av {outcome.review.reviewer} {day}")
    for refusal in outcome.refused:
        click.echo(f"  inte stämplad: {refusal.where}: {refusal.reason}", err=True)
        for detail in refusal.details:
            click.echo(f"    {detail}", err=True)
    for story_id in outcome.already:
        click.echo(f"  redan godkänd: {story_id}")
    for story_id in outcome.not_ready:
        click.echo(f"  inte klar för granskning: {story_id}")
    click.echo(reviews.summary(outcome), err=bool(outcome.refused))
    if outcome.refused:
        sys.exit(1)


@cli.command()
@click.argument("story_id", metavar="ID")
@click.option("--reason", default=None, help="Varför (publiceras aldrig).")
@STORIES_OPTION
def withdraw(story_id: str, reason: str | None, stories_dir: Path) -> None:
    """Dra tillbaka berättelsen ID: nästa bygge tar bort sidan och uppläsningen."""
    from generator.editors import decisions as editors

    editors.withdraw(stories_dir, story_id, _today(), reason)
    click.echo(f"{story_id} är tillbakadragen. Nästa bygge tar bort sidan och uppläsningen.")


@cli.command()
@click.argument("story_id", metavar="ID")
@click.argument("code", metavar="KOD")
@STORIES_OPTION
def clear(story_id: str, code: str, stories_dir: Path) -> None:
    """Intyga att flaggan KOD i berättelsen ID inte är en personuppgift. Sparar bara koden."""
    from generator.editors import decisions as editors

    remaining = editors.clear(stories_dir, story_id, code)
    click.echo(f"Flaggan {code} i {story_id} är avfärdad. {remaining} flaggor återstår.")


@cli.command()
@STORIES_OPTION
@SITE_DIR_OPTION
@CONFIG_OPTION
@voice_option("none", "Rösten för förhandsvisningen; none bygger snabbast.")
@CACHE_OPTION
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve(
    stories_dir: Path, site_dir: Path, config_file: Path, voice: str, cache_dir: Path, port: int
) -> None:
    """Visa webbplatsen på http://127.0.0.1:PORT och bygg om när något i berättelsemappen ändras."""
    import threading

    from generator.pipeline import BuildOptions
    from generator.serve import start_server, watch

    def report(outcome: BuildResult | UserError) -> None:
        if isinstance(outcome, UserError):
            click.echo(outcome.summary, err=True)
            for detail in outcome.details:
                click.echo(f"  {detail}", err=True)
            click.echo("Den senaste fungerande webbplatsen visas fortfarande.", err=True)
            return
        _print_warnings(outcome.warnings)
        click.echo(
            f"Byggd: {outcome.published} berättelser publicerade. Sidor: {outcome.pages.written} skrivna."
        )

    server = start_server(site_dir, "127.0.0.1", port)
    click.echo(f"Webbplatsen visas på http://127.0.0.1:{port}/ . Avsluta med Ctrl+C.")
    options = BuildOptions(stories_dir, site_dir, config_file, voice, cache_dir)
    try:
        watch(options, report, threading.Event())
    except KeyboardInterrupt:
        click.echo("Avslutat.")
    finally:
        server.shutdown()
        server.server_close()


@cli.command(name="print")
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site"),
    show_default=True,
    help="Den byggda webbplatsen att skriva ut från.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("utskrifter"),
    show_default=True,
    help="Mappen som PDF-filerna skrivs till, utanför webbplatsen. Den byts ut hel, så ingen "
    "tillbakadragen berättelse blir kvar där.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    help="Hur många sidor chromium skriver ut åt gången.",
)
def print_command(site_dir: Path, out_dir: Path, jobs: int) -> None:
    """Skriv ut samtalsunderlagen (varje åtgärd och grund) och varje berättelse som PDF i A4, med
    chromium, från den byggda webbplatsen. Samma webbplats ger samma filer."""
    from generator.serve import start_server
    from generator.site.printing import print_site

    server = start_server(site_dir, "127.0.0.1", 0)
    try:
        printed = print_site(site_dir, out_dir, f"http://127.0.0.1:{server.server_address[1]}/", jobs)
    finally:
        server.shutdown()
        server.server_close()
    stories = sum(1 for pdf in printed if pdf.startswith("berattelser/"))
    click.echo(
        f"Klart: {len(printed)} PDF-filer i {out_dir}/, {len(printed) - stories} samtalsunderlag och "
        f"{stories} berättelser."
    )


if __name__ == "__main__":
    cli(prog_name="python -m generator")
