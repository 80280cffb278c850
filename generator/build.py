"""The build as a readable sequence: load, validate, gate, render, write, MkDocs, check, swap."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.errors import UserError
from generator.gate import hidden_stories, published_stories
from generator.load import load_archive
from generator.mkdocs_build import docs_dir_of, run_mkdocs
from generator.model import Archive, Problem
from generator.render import render_site
from generator.sitecheck import check_site
from generator.validate import validate_archive
from generator.vocabulary import load_vocabulary
from generator.write import WriteSummary, discard, new_build_folder, replace_site, write_generated


@dataclass(frozen=True)
class BuildResult:
    """What a finished build did, for the summary line and for tests."""

    published: int
    hidden: int
    pages: WriteSummary
    warnings: tuple[Problem, ...]


def check_archive(stories_dir: Path) -> Archive:
    """Load and validate every story file in the folder, collecting all problems."""
    if not stories_dir.is_dir():
        raise UserError(f"Hittar ingen mapp med berättelser: {stories_dir}. Ange den med --stories.")
    raws, problems = load_archive(stories_dir)
    return validate_archive(raws, problems, load_vocabulary())


def problems_error(archive: Archive, consequence: str) -> UserError:
    """Phrase an archive's errors as one user error: a count, what follows, then every message."""
    files = len({p.path for p in archive.errors})
    return UserError(
        f"Hittade {len(archive.errors)} fel i {files} {'fil' if files == 1 else 'filer'}. {consequence}",
        [problem.format() for problem in archive.errors],
    )


def build_site(stories_dir: Path, site_dir: Path, config_file: Path) -> BuildResult:
    """Build the site from the archive; the site folder changes only if everything succeeded."""
    archive = check_archive(stories_dir)
    if archive.errors:
        raise problems_error(archive, "Inget har publicerats.")
    vocabulary = load_vocabulary()
    published = published_stories(archive.stories)
    hidden = hidden_stories(archive.stories)
    pages = render_site(published, vocabulary)
    docs_dir = docs_dir_of(config_file)
    summary = write_generated(
        docs_dir, {path: text.encode("utf-8") for path, text in pages.items()}, urls.GENERATED_ROOTS
    )
    built = new_build_folder(site_dir)
    try:
        run_mkdocs(config_file, built)
        findings = check_site(built, [s.id for s in published], [s.id for s in hidden])
        if findings:
            raise UserError(
                f"Kontrollen av den byggda webbplatsen hittade {len(findings)} problem. "
                "Den publicerade webbplatsen är orörd.",
                findings,
            )
        replace_site(built, site_dir)
    finally:
        discard(built)
    return BuildResult(len(published), len(hidden), summary, archive.warnings)
