"""The build as a readable sequence: load, validate, gate, read aloud, film the featured
readings, render, write, MkDocs, index for search, place the audio and films, check, swap."""

from __future__ import annotations

import datetime as dt
import functools
import json
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import urls
from generator.audio.cover import cover_png
from generator.audio.feed import podcast_feeds
from generator.audio.film import FilmCache, FilmOutcome, make_films
from generator.audio.readings import (
    AudioCache,
    AudioOutcome,
    Progress,
    ReadingSource,
    current_keys,
    job_for,
    pending,
    read_aloud,
)
from generator.audio.voice import Voice
from generator.audio.webvtt import webvtt
from generator.cache.memo import Memo, Stage
from generator.cache.pages import made_from, recalled_or_rendered, render_site
from generator.editors.gitref import files_at, published_commit
from generator.editors.record import render_record
from generator.editors.report import ToRead, approval_states, changed_files, compare, render_report
from generator.editors.stamps import unstamped_changes
from generator.errors import UserError
from generator.intake.gate import hidden_stories, published_stories
from generator.intake.load import list_story_files, read_story_bytes
from generator.intake.validate import Checked, check_story_file, sort_key, validate_folder
from generator.intake.vocabulary import load_vocabulary, vocabulary_warnings
from generator.model import Addresses, Archive, Film, Problem, Story, Vocabulary
from generator.site.engine import EngineConfig, ProjectSettings, load_project, project_settings, run_engine
from generator.site.feeds import podcast_channels, podcast_owner
from generator.site.guard import KnownPages, PageGuard, PageInspection, inspect_page
from generator.site.packs import print_packs, render_print_pages
from generator.site.render import story_description
from generator.site.search import indexing
from generator.site.sitecheck import (
    KnownChecks,
    PageCheck,
    Shown,
    Unpublished,
    check_file,
    file_shown,
    page_shown,
    unpublished_of,
)
from generator.statistics.pages import render_statistics
from generator.statistics.survey import SurveyCounts, count_survey, read_survey
from generator.statistics.tables import build_statistics
from generator.statistics.zones import stories_by_zone
from generator.workers import each, worker_processes
from generator.write import (
    PreviousPages,
    WriteSummary,
    atomic_write,
    discard,
    new_build_folder,
    one_build_at_a_time,
    place_files,
    remove_folder,
    remove_leftovers,
    replace_folder,
    replace_site,
    write_generated,
)

VOICES = ("gtts", "espeak", "none")
NO_AUDIO = AudioOutcome({}, 0, 0, 0, (), 0)
NO_FILMS = FilmOutcome({}, 0, 0, {})


def audio_cache(cache_dir: Path) -> Path:
    """Where the readings are kept, in the folder of what builds keep (`--cache-dir`)."""
    return cache_dir / "audio"


@dataclass(frozen=True)
class BuildOptions:
    """What the `build` command was asked to do."""

    stories_dir: Path
    site_dir: Path
    config_file: Path
    voice: str = "gtts"
    # What builds keep for the next: the readings and the memo of checked files and pages.
    cache_dir: Path = Path(".cache")
    jobs: int = 2
    report: Path | None = None
    # Use nothing kept from earlier builds (memo, generated pages, readings); keep what this one makes.
    fresh: bool = False
    # What builds the site from docs/: mkdocs (in this process) or properdocs (site/engine.py).
    engine: str = "mkdocs"
    # Finish and check each page while MkDocs builds it (faster); False does it from the built
    # files, as for an engine without plugins. The site is the same to the byte.
    in_engine_checks: bool = True
    # The live site, whose published readings are fetched before anything is read aloud (the
    # Actions cache is gone after a week unused); None fetches nothing. Not with `fresh`.
    reuse_readings_from: str | None = None
    # How long to wait for the live site, in seconds (None: generator/audio/fetch.py's default).
    fetch_timeout: float | None = None
    # The report as a Markdown table too (the publishing record, for the deploy's summary).
    report_md: Path | None = None

    @property
    def audio_cache(self) -> Path:
        return audio_cache(self.cache_dir)

    @property
    def film_cache(self) -> Path:
        """Where the films of the featured stories' readings are kept."""
        return self.cache_dir / "film"

    @property
    def memo_dir(self) -> Path:
        """Where results of unchanged inputs are remembered between builds."""
        return self.cache_dir / "memo"

    @property
    def audio_dir(self) -> Path:
        """Where the readings go for upload when mkdocs.yml sets extra.audio_base_url."""
        return self.site_dir.with_name(f"{self.site_dir.name}-ljud")


@dataclass(frozen=True)
class BuildResult:
    """What a finished build did, for the summary line, the report and tests."""

    published: int
    hidden: int
    pages: WriteSummary
    audio: AudioOutcome
    voice: str
    warnings: tuple[Problem, ...]
    statistics_hidden: int
    timings: dict[str, float] = field(default_factory=dict)
    # What the disclosure audit checked: hidden numbers, differences, the narrowest range.
    statistics_audit: dict[str, int | None] | None = None
    # For the publishing record: the commit built, when the build finished (UTC), the live site
    # readings were fetched from.
    commit: str | None = None
    finished: str | None = None
    readings_from: str | None = None
    # The films of the featured stories' readings.
    films: FilmOutcome = NO_FILMS

    def report(self) -> dict[str, object]:
        """The build's report (`--report`), which is also the deploy's publishing record."""
        engines = [reading.engine for reading in self.audio.readings.values()]
        return {
            "commit": self.commit,
            "finished": self.finished,
            "published": self.published,
            "not_published": self.hidden,
            "voice": self.voice,
            "audio_synthesised": self.audio.synthesised,
            "audio_reused": self.audio.reused,
            "audio_fetched": self.audio.fetched,
            "audio_fetch_refused": len(self.audio.refused),
            "readings_from": self.readings_from,
            "readings_by_voice": {engine: engines.count(engine) for engine in sorted(set(engines))},
            "audio_offline_fallback": self.audio.offline_fallback,
            "audio_missing": len(self.audio.missing),
            "speech_requests": self.audio.requests,
            "pages_written": self.pages.written,
            "pages_unchanged": self.pages.unchanged,
            "pages_removed": self.pages.removed,
            "warnings": len(self.warnings),
            "statistics_hidden": self.statistics_hidden,
            "statistics_audit": self.statistics_audit,
            "films_made": self.films.made,
            "films_reused": self.films.reused,
            "films_missing": len(self.films.failed),
            "seconds": {stage: round(seconds, 3) for stage, seconds in self.timings.items()},
        }


SURVEY_FILE = "responses.csv"
# What the memo keeps of the stories unpublished in the last build: a page is then searched only
# for the sentences of stories unpublished since.
LAST_UNPUBLISHED = "the unpublished stories of the last build"


def read_archive(
    stories_dir: Path, memo: Memo | None = None, workers: Executor | None = None
) -> tuple[Archive, SurveyCounts | None]:
    """Load and validate every story file and the survey export, collecting all problems (and
    what the vocabulary still lacks: the plan's titles).

    With a memo, a file or an export whose bytes an earlier build checked is not checked again;
    the story files that are checked are shared with a worker, if there is one.
    """
    if not stories_dir.is_dir():
        raise UserError(f"Hittar ingen mapp med berättelser: {stories_dir}. Ange den med --stories.")
    vocabulary = load_vocabulary()
    memo = memo or Memo(None)

    def check_all(files: Sequence[tuple[Path, bytes]], vocabulary: Vocabulary) -> list[Checked]:
        stage = Stage(memo, check_story_file, Checked, vocabulary)
        return stage.recall_each(files, functools.partial(each, workers=workers))

    archive = validate_folder(stories_dir, vocabulary, check_all)
    count = Stage(memo, count_survey, SurveyCounts, vocabulary).recall
    survey = read_survey(stories_dir / SURVEY_FILE, vocabulary, count)
    problems = [*vocabulary_warnings(vocabulary), *(survey.problems if survey else ())]
    return (_with_problems(archive, problems) if problems else archive), survey


def _with_problems(archive: Archive, problems: Sequence[Problem]) -> Archive:
    """The archive with more problems, all in the order an editor works down them."""
    return Archive(archive.stories, tuple(sorted((*archive.problems, *problems), key=sort_key)))


def check_archive(stories_dir: Path) -> Archive:
    """Load and validate the archive without building anything."""
    return read_archive(stories_dir)[0]


def problems_error(archive: Archive, consequence: str) -> UserError:
    """Phrase an archive's errors as one user error: a count, what follows, then every message."""
    files = len({p.path for p in archive.errors})
    return UserError(
        f"Hittade {len(archive.errors)} fel i {files} {'fil' if files == 1 else 'filer'}. {consequence}",
        [problem.format() for problem in archive.errors],
    )


def every_voice() -> list[Voice]:
    """Each voice a build can read with: the cache may hold a story's reading by any of them."""
    return [voice for name in VOICES if (voice := choose_voice(name))]


def choose_voice(name: str) -> Voice | None:
    """Return the voice a build asked for; `none` means no audio at all."""
    if name == "gtts":
        from generator.audio.voice_gtts import GttsVoice

        return GttsVoice()
    if name == "espeak":
        from generator.audio.voice_espeak import EspeakVoice

        return EspeakVoice()
    return None


def _read_aloud(
    published: tuple[Story, ...],
    options: BuildOptions,
    settings: ProjectSettings,
    progress: Progress | None,
) -> AudioOutcome:
    voice = choose_voice(options.voice)
    if voice is None:
        return NO_AUDIO
    from generator.audio.voice_espeak import EspeakVoice

    offline = voice if voice.engine == "espeak" else EspeakVoice()
    cache = AudioCache(options.audio_cache, reuse=not options.fresh)
    source = (
        None
        if options.fresh
        else reading_source(options.reuse_readings_from, settings, options.fetch_timeout)
    )
    return read_aloud(published, voice, offline, cache, settings.site_name, options.jobs, progress, source)


def reading_source(
    site_url: str | None, settings: ProjectSettings, timeout: float | None = None
) -> ReadingSource | None:
    """The live site's readings, when a site is named: its MP3s on the audio host when mkdocs.yml
    names one (the pages play them from there), its timing files on the site itself."""
    if not site_url:
        return None
    from generator.audio.fetch import TIMEOUT_SECONDS, LiveReadings

    return LiveReadings(site_url, settings.audio_base_url, timeout or TIMEOUT_SECONDS)


def _make_films(
    published: tuple[Story, ...],
    audio: AudioOutcome,
    vocabulary: Vocabulary,
    settings: ProjectSettings,
    options: BuildOptions,
) -> FilmOutcome:
    cache = FilmCache(options.film_cache, reuse=not options.fresh)
    return make_films(published, audio.readings, vocabulary, settings.site_url, cache, options.jobs)


def _forget_other_readings(
    published: tuple[Story, ...], audio: AudioOutcome, options: BuildOptions, site_name: str
) -> None:
    """Delete the cached readings of stories not published as they are now (withdrawn, edited),
    and the films of any other reading or of a story no longer featured: after a successful
    build, so a failed one keeps the caches as they were."""
    readings, films = AudioCache(options.audio_cache), FilmCache(options.film_cache)
    if readings.is_empty() and films.is_empty():
        return
    jobs = audio.jobs.values() if audio.jobs else map(job_for, published)
    keys = current_keys(jobs, every_voice(), site_name)
    readings.keep_only(keys)
    films.keep_only(keys, {story.id for story in published if story.featured})


def _site_files(
    published: tuple[Story, ...],
    audio: AudioOutcome,
    films: dict[str, Film],
    vocabulary: Vocabulary,
    settings: ProjectSettings,
) -> dict[str, Path | bytes]:
    """Return the files placed in the site after MkDocs: readings, their timings, films, the
    podcast feeds and their cover art."""
    files: dict[str, Path | bytes] = {}
    for reading in audio.readings.values():
        if not settings.audio_base_url:
            files[reading.mp3_path] = reading.source
        files[reading.vtt_path] = webvtt(reading.cues).encode("utf-8")
    if not settings.audio_base_url:
        files |= {film.path: film.source for film in films.values()}
    episodes = {
        story.id: (story, audio.readings[story.id], story_description(story, vocabulary))
        for story in published
        if story.id in audio.readings
    }
    channels = podcast_channels(
        published, audio.readings, vocabulary, settings.site_name, settings.description
    )
    files |= podcast_feeds(
        channels, episodes, podcast_owner(vocabulary), settings.site_url, settings.audio_base_url
    )
    if channels:
        files[urls.FEED_COVER] = cover_png()
    return files


def city_addresses(settings: ProjectSettings) -> Addresses:
    """The addresses in mkdocs.yml the pages send readers to: the site's own and the city's."""
    return Addresses(settings.site_url, settings.dialogue_url, settings.report_url, settings.film_url)


def known_pages(
    memo: Memo, audio_base_url: str, unpublished: Unpublished, previous: Unpublished | None = None
) -> KnownPages:
    """What the page guard recalls: each page's and file's check by its path, its bytes and the
    audio host, and the unpublished sentences it shows by the key of that check (which stands
    for the page's bytes) and the unpublished stories, these or (`previous`) the last build's."""
    before = previous or Unpublished()
    return KnownPages(
        Stage(memo, inspect_page, PageInspection, audio_base_url),
        Stage(memo, page_shown, Shown, unpublished),
        KnownChecks(
            Stage(memo, check_file, PageCheck, audio_base_url), Stage(memo, file_shown, Shown, unpublished)
        ),
        before,
        Stage(memo, page_shown, Shown, before),
    )


@contextmanager
def _stage(timings: dict[str, float], name: str) -> Iterator[None]:
    """Time one step of the build, for the report and the benchmark."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


def build_site(options: BuildOptions, progress: Progress | None = None) -> BuildResult:
    """Build the site from the archive; the site folder changes only if everything succeeded.

    One build at a time: a second waits. Each starts by removing what a killed one left behind.
    """
    with one_build_at_a_time(options.site_dir):
        remove_leftovers(
            (options.site_dir, options.audio_dir),
            [options.audio_cache, options.film_cache, options.memo_dir],
            [report for report in (options.report, options.report_md) if report],
        )
        return _build(options, progress)


def _build(options: BuildOptions, progress: Progress | None) -> BuildResult:
    timings: dict[str, float] = {}
    memo = Memo(options.memo_dir, fresh=options.fresh)
    # The workers start now: they share the checking of new story files, then check pages.
    with worker_processes(options.jobs - 1) as workers:
        with _stage(timings, "load"):
            archive, survey = read_archive(options.stories_dir, memo, workers)
            if archive.errors:
                raise problems_error(archive, "Inget har publicerats.")
            vocabulary = load_vocabulary()
            settings, mkdocs_config = load_project(options.config_file)
            published = published_stories(archive.stories)
            hidden = hidden_stories(archive.stories)
        with _stage(timings, "audio"):
            audio = _read_aloud(published, options, settings, progress)
        with _stage(timings, "film"):
            films = _make_films(published, audio, vocabulary, settings, options)
        with _stage(timings, "statistics"):
            statistics = build_statistics(survey, vocabulary) if survey else None
            # The stories the reactions page links to, all it needs of them: a digest of these
            # (below) renders the statistics pages again when a linked story's title changes.
            linked = (
                stories_by_zone(statistics, survey.triad_zones, published) if statistics and survey else {}
            )
        with _stage(timings, "render"):
            previous = PreviousPages(settings.docs_dir, reuse=not options.fresh)
            rendered = render_site(
                published,
                vocabulary,
                audio.readings,
                statistics is not None,
                settings.audio_base_url,
                previous,
                workers,
                city_addresses(settings),
                films.films,
            )
            statistics_made_from = made_from(statistics, vocabulary, linked)
            statistics_pages = recalled_or_rendered(
                previous,
                statistics_made_from,
                functools.partial(render_statistics, statistics, vocabulary, linked),
            )
            packs = print_packs(published, vocabulary)
            packs_made_from = made_from(packs, vocabulary, settings.site_url, settings.dialogue_url)
            print_pages = recalled_or_rendered(
                previous,
                packs_made_from,
                functools.partial(
                    render_print_pages, packs, vocabulary, settings.site_url, settings.dialogue_url
                ),
            )
            pages = rendered.pages | statistics_pages | print_pages
            inputs = (
                rendered.inputs
                | dict.fromkeys(statistics_pages, statistics_made_from)
                | dict.fromkeys(print_pages, packs_made_from)
            )
        with _stage(timings, "write"):
            summary = write_generated(
                settings.docs_dir,
                {path: text.encode("utf-8") for path, text in pages.items()},
                urls.GENERATED_ROOTS,
                inputs,
                previous,
            )
        unpublished = unpublished_of(hidden)
        guard = PageGuard(
            settings.audio_origin,
            settings.audio_base_url,
            published,
            unpublished,
            workers,
            known_pages(
                memo, settings.audio_base_url, unpublished, memo.value(LAST_UNPUBLISHED, Unpublished)
            ),
        )
        site_files = _site_files(published, audio, films.films, vocabulary, settings)
        readings = {reading.mp3_path: reading.source for reading in audio.readings.values()}
        readings |= {film.path: film.source for film in films.films.values()}
        _publish(
            options,
            mkdocs_config,
            frozenset(pages),
            settings.audio_base_url,
            guard,
            site_files,
            readings,
            timings,
        )
    with _stage(timings, "swap"):
        _forget_other_readings(published, audio, options, settings.site_name)
    with _stage(timings, "memo"):
        memo.keep_value(LAST_UNPUBLISHED, unpublished)
        memo.save()
    hidden_numbers = statistics.hidden if statistics else 0
    audited = statistics.audit.report() if statistics and statistics.audit else None
    result = BuildResult(
        len(published),
        len(hidden),
        summary,
        audio,
        options.voice,
        archive.warnings,
        hidden_numbers,
        timings,
        audited,
        films=films,
    )
    if options.report or options.report_md:
        _write_record(options, result)
    return result


def _write_record(options: BuildOptions, result: BuildResult) -> None:
    """Write the report (JSON) and its table (Markdown): what this build published, and from where."""
    fetching = options.reuse_readings_from if not options.fresh else None
    finished = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    record = replace(
        result, commit=published_commit(options.stories_dir), finished=finished, readings_from=fetching
    )
    if options.report:
        atomic_write(options.report, (json.dumps(record.report(), indent=2) + "\n").encode())
    if options.report_md:
        atomic_write(options.report_md, render_record(record.report()).encode("utf-8"))


def _publish(
    options: BuildOptions,
    mkdocs_config: EngineConfig,
    html_pages: frozenset[str],
    audio_base_url: str,
    guard: PageGuard,
    site_files: dict[str, Path | bytes],
    readings: dict[str, Path],
    timings: dict[str, float],
) -> None:
    """Run the engine into a new folder, index it for search, add our files, check it all, and
    only then swap it in. `html_pages` are the generated pages: HTML the engine need not convert."""
    built = new_build_folder(options.site_dir)
    try:
        with _stage(timings, "mkdocs"):
            run_engine(
                options.engine, mkdocs_config, built, guard.finish, options.in_engine_checks, html_pages
            )
        # Pagefind indexes the built pages while the guard checks the last of them (in memory).
        with _stage(timings, "search"), indexing(built):
            guard.check_last_pages()
        with _stage(timings, "checks"):
            place_files(built, site_files)
            findings = guard.findings(built)
        # What the guard did inside the engine's stage is ours, not the engine's.
        timings["mkdocs"] -= guard.seconds
        timings["checks"] += guard.seconds
        if findings:
            raise UserError(
                f"Kontrollen av den byggda webbplatsen hittade {len(findings)} problem. "
                "Den publicerade webbplatsen är orörd.",
                findings,
            )
        with _stage(timings, "swap"):
            if audio_base_url:  # the readings first, so the new pages find theirs
                replace_folder(options.audio_dir, readings)
            elif options.audio_dir.is_dir() and not options.audio_dir.is_symlink():
                remove_folder(options.audio_dir)  # readings for a host no longer used, withdrawn ones too
            replace_site(built, options.site_dir)
    finally:
        discard(built)


def publishing_report(
    stories_dir: Path,
    base: str | None,
    cache_dir: Path,
    config_file: Path = Path("mkdocs.yml"),
    live_site: str | None = None,
    preview_url: str | None = None,
) -> tuple[Archive, str]:
    """Check the archive and describe, for a pull request, what publishing it would change; the
    readings to make are counted against the cache and, when named and answering, the live site."""
    archive, survey = read_archive(stories_dir)
    # A file too large or unreadable is already among the archive's problems; it compares as absent.
    read = {path.name: read_story_bytes(path) for path in list_story_files(stories_dir)}
    current = {name: data for name, data in read.items() if isinstance(data, bytes)}
    changes = None
    approvals: list[str] = []
    if base:
        before = files_at(base, stories_dir)
        changes = compare(base, before, current)
        archive = _with_problems(archive, unstamped_changes(base, before, current, stories_dir))
        approvals = approval_states(changed_files(before, current), archive.stories, archive.problems)
    published = published_stories(archive.stories)
    to_read = None
    if config_file.is_file():
        settings = project_settings(config_file)
        source = reading_source(live_site, settings)
        cache = AudioCache(audio_cache(cache_dir))
        ids = pending(published, every_voice(), cache, settings.site_name, source)
        to_read = ToRead(tuple(ids), live_site, not (source and source.unreachable))
    hidden = build_statistics(survey, load_vocabulary()).hidden if survey else None
    report = render_report(changes, archive.problems, len(published), to_read, hidden, approvals, preview_url)
    return archive, report
