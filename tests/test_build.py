"""End to end: build the fixture archive with the real MkDocs and compare with golden output."""

from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import pytest

import generator.intake.validate
import generator.pipeline
import generator.site.render
import generator.statistics.pages
from generator import urls
from generator.audio.mp3 import inspect_mp3
from generator.audio.readings import AudioCache, job_for
from generator.audio.voice_gtts import GttsVoice
from generator.editors import decisions as editors
from generator.errors import UserError
from generator.pipeline import BuildOptions, BuildResult, build_site
from generator.site.engine import project_settings
from tests.conftest import FIXTURE_ARCHIVE, ROOT, count_rendered_templates

pytestmark = pytest.mark.build

GOLDEN = Path(__file__).resolve().parent / "golden" / "docs"
PUBLISHED = ["fx-ar-approved", "fx-en-translation", "fx-sv-approved"]
HIDDEN = {
    "fx-draft": "Utkastets hemliga",
    "fx-review": "Granskningens hemliga",
    "fx-withdrawn": "Den tillbakadragna",
}


@pytest.fixture
def fixture_archive(tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, target)
    return target


def build(project: Path, stories: Path, voice: str = "none") -> Path:
    build_with(project, stories, voice)
    return project / "site"


def build_with(project: Path, stories: Path, voice: str) -> BuildResult:
    options = BuildOptions(
        stories, project / "site", project / "mkdocs.yml", voice=voice, cache_dir=project / ".cache"
    )
    return build_site(options)


def generated_files(docs: Path) -> dict[str, bytes]:
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for root in urls.GENERATED_ROOTS
        for p in [docs / root, *sorted((docs / root).rglob("*"))]
        if p.is_file()
    }


def all_text(site: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt"}
    )


def test_generated_pages_match_golden_output(
    project: Path, fixture_archive: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    # The story pages show their address on the site: mkdocs.yml's default, whatever the shell says.
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.chdir(project)
    build(project, fixture_archive, voice="espeak")
    produced = generated_files(project / "docs")
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for relative, data in produced.items():
            (GOLDEN / relative).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / relative).write_bytes(data)
    golden = {
        p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in sorted(GOLDEN.rglob("*")) if p.is_file()
    }
    assert sorted(produced) == sorted(golden)
    for relative, data in produced.items():
        assert data.decode() == golden[relative].decode(), f"{relative} differs; run pytest --update-golden"


def test_only_approved_stories_reach_the_site(project: Path, fixture_archive: Path) -> None:
    site = build(project, fixture_archive)
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in (site / "berattelser").iterdir() if p.is_dir()) == PUBLISHED
    everything = all_text(site)
    for story_id, secret in HIDDEN.items():
        assert story_id not in everything
        assert secret not in everything
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "berattelser/fx-sv-approved/" in sitemap


def test_counts_count_only_published_stories(project: Path, fixture_archive: Path) -> None:
    site = build(project, fixture_archive)
    # Three published files, but the English one is a translation of the Swedish: two stories.
    everything = (site / "berattelser" / "index.html").read_text(encoding="utf-8")
    assert "Arkivet har 2 berättelser," in everything
    religion = (site / "grunder" / "religion" / "index.html").read_text(encoding="utf-8")
    assert "1 berättelse. " in religion  # the withdrawn story about religion is not counted
    measure = (site / "planen" / "atgard-11" / "index.html").read_text(encoding="utf-8")
    assert "0 berättelser." in measure


def test_arabic_story_is_right_to_left_in_the_built_page(project: Path, fixture_archive: Path) -> None:
    site = build(project, fixture_archive)
    page = (site / "berattelser" / "fx-ar-approved" / "index.html").read_text(encoding="utf-8")
    # The page is Arabic; the theme's Swedish parts say they are Swedish.
    assert '<html lang="ar"' in page
    assert '<div class="hbg-page hbg-story" data-hbg-story="fx-ar-approved" lang="ar" dir="rtl" ' in page
    assert '<header lang="sv" class="md-header' in page
    assert '<footer lang="sv" class="md-footer"' in page


def test_withdrawing_a_story_removes_its_page_on_the_next_build(project: Path, fixture_archive: Path) -> None:
    site = build(project, fixture_archive)
    assert (site / "berattelser" / "fx-ar-approved" / "index.html").is_file()
    story = fixture_archive / "fx-ar-approved.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("status: approved", "status: withdrawn"), encoding="utf-8"
    )
    build(project, fixture_archive)
    assert not (site / "berattelser" / "fx-ar-approved").exists()
    assert not (project / "docs" / "berattelser" / "fx-ar-approved.md").exists()
    assert "fx-ar-approved" not in all_text(site)


def test_stale_generated_files_and_dot_files_are_removed(project: Path, fixture_archive: Path) -> None:
    (project / "docs" / "berattelser").mkdir(parents=True)
    (project / "docs" / "berattelser" / "old-story.md").write_text(
        "---\ntitle: old\n---\nold\n", encoding="utf-8"
    )
    (project / "docs" / "grunder").mkdir()
    (project / "docs" / "grunder" / ".hidden.md").write_text("x", encoding="utf-8")
    site = build(project, fixture_archive)
    assert not (project / "docs" / "berattelser" / "old-story.md").exists()
    assert not (project / "docs" / "grunder" / ".hidden.md").exists()
    assert not (site / "berattelser" / "old-story").exists()


def test_an_invalid_archive_leaves_the_previous_site_untouched(project: Path, fixture_archive: Path) -> None:
    site = build(project, fixture_archive)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (fixture_archive / "fx-draft.md").write_text("---\nid: fx-draft\nstatus: nope\n---\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        build(project, fixture_archive)
    assert re.match(r"Hittade \d+ fel i 1 fil\.", caught.value.summary)
    assert any("fx-draft.md" in detail and "status" in detail for detail in caught.value.details)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_a_failed_mkdocs_build_leaves_the_previous_site_untouched(
    project: Path, fixture_archive: Path
) -> None:
    site = build(project, fixture_archive)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "docs" / "om.md").write_text("# Om\n\n[trasig länk](finns-inte.md)\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        build(project, fixture_archive)
    assert caught.value.summary == "MkDocs kunde inte bygga webbplatsen."
    assert any("finns-inte.md" in detail for detail in caught.value.details)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_two_builds_with_source_date_epoch_are_byte_identical(
    project: Path, fixture_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build(project, fixture_archive)
    kept = tmp_path / "first"
    shutil.copytree(first, kept)
    shutil.rmtree(project / "docs" / "berattelser")
    second = build(project, fixture_archive)
    comparison = filecmp.dircmp(kept, second)
    assert_same_tree(comparison)


def build_into(project: Path, stories: Path, folder: str, **choices: object) -> Path:
    """Build with a reading into project/folder, as the engine and the way of finishing pages say."""
    site = project / folder
    options = BuildOptions(stories, site, project / "mkdocs.yml", "espeak", project / ".cache")
    build_site(replace(options, **choices))
    return site


def test_pages_finished_from_the_built_files_are_the_bytes_mkdocs_finishes_itself(
    project: Path, fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    in_engine = build_into(project, fixture_archive, "in-engine")
    from_files = build_into(project, fixture_archive, "from-files", in_engine_checks=False)
    assert_same_tree(filecmp.dircmp(in_engine, from_files))
    assert {p.suffix for p in from_files.rglob("*") if p.is_file()} >= {".html", ".mp3", ".vtt", ".xml"}


GENERATOR_META = re.compile(r'<meta name="generator" content="([^"]*)">')


def test_properdocs_builds_the_site_mkdocs_builds_but_for_the_generator_tag(
    project: Path, fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    mkdocs = build_into(project, fixture_archive, "mkdocs")
    properdocs = build_into(project, fixture_archive, "properdocs", engine="properdocs")
    files = sorted(p.relative_to(mkdocs).as_posix() for p in mkdocs.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(properdocs).as_posix() for p in properdocs.rglob("*") if p.is_file())
    differing = [r for r in files if (mkdocs / r).read_bytes() != (properdocs / r).read_bytes()]
    assert differing and all(relative.endswith(".html") for relative in differing)
    for relative in differing:
        ours, theirs = ((site / relative).read_text(encoding="utf-8") for site in (mkdocs, properdocs))
        assert GENERATOR_META.sub("", ours) == GENERATOR_META.sub("", theirs), relative
        assert GENERATOR_META.findall(theirs)[0].startswith("mkdocs-ProperDocs "), relative


def assert_same_tree(comparison: filecmp.dircmp[str]) -> None:
    assert comparison.left_only == [] and comparison.right_only == []
    _, mismatch, errors = filecmp.cmpfiles(
        comparison.left, comparison.right, comparison.common_files, shallow=False
    )
    assert mismatch == [] and errors == []
    for sub in comparison.subdirs.values():
        assert_same_tree(sub)


def test_unchanged_pages_are_not_rewritten(project: Path, fixture_archive: Path) -> None:
    build(project, fixture_archive)
    page = project / "docs" / "berattelser" / "fx-sv-approved.md"
    stamp = page.stat().st_mtime_ns
    result = build_with(project, fixture_archive, "none")
    assert result.pages.written == 0
    assert result.pages.unchanged == len(generated_files(project / "docs"))
    assert page.stat().st_mtime_ns == stamp


def test_every_published_story_has_a_player_whose_files_exist(project: Path, fixture_archive: Path) -> None:
    result = build_with(project, fixture_archive, "espeak")
    site = project / "site"
    assert result.audio.synthesised == 3
    for story_id in PUBLISHED:
        page = (site / "berattelser" / story_id / "index.html").read_text(encoding="utf-8")
        audio = re.search(r'<audio class="hbg-player" controls preload="none" src="([^"]+)"', page)
        track = re.search(r'<track kind="captions" src="([^"]+)"', page)
        assert audio and track, story_id
        mp3 = site / "berattelser" / story_id / audio[1]
        vtt = site / "berattelser" / story_id / track[1]
        assert inspect_mp3(mp3.read_bytes()).duration > 0
        assert vtt.read_text(encoding="utf-8").startswith("WEBVTT\n\nmening-0\n")
        assert "autoplay" not in page
    assert all(p.stat().st_size > 0 for p in site.rglob("*") if p.is_file())


def test_the_feed_has_one_enclosure_per_published_story(project: Path, fixture_archive: Path) -> None:
    build_with(project, fixture_archive, "espeak")
    root = ElementTree.fromstring((project / "site" / "podcast.xml").read_bytes())
    enclosures = root.findall("./channel/item/enclosure")
    assert len(enclosures) == len(PUBLISHED)
    for enclosure in enclosures:
        relative = enclosure.attrib["url"].removeprefix("http://127.0.0.1:8000/")
        assert (project / "site" / relative).stat().st_size == int(enclosure.attrib["length"])
    listing = (project / "site" / "berattelser" / "index.html").read_text(encoding="utf-8")
    assert 'href="../podcast.xml"' in listing


def test_voice_none_says_there_is_no_reading_yet(project: Path, fixture_archive: Path) -> None:
    site = build(project, fixture_archive, voice="none")
    page = (site / "berattelser" / "fx-sv-approved" / "index.html").read_text(encoding="utf-8")
    assert "Det finns ingen uppläsning av den här berättelsen än." in page
    assert "<audio" not in page
    assert not (site / "ljud").exists()
    assert not (site / "podcast.xml").exists()


def test_a_withdrawn_story_loses_its_audio(project: Path, fixture_archive: Path) -> None:
    build_with(project, fixture_archive, "espeak")
    assert any((project / "site" / "ljud").glob("fx-ar-approved-*.mp3"))
    story = fixture_archive / "fx-ar-approved.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("status: approved", "status: withdrawn"), encoding="utf-8"
    )
    build_with(project, fixture_archive, "espeak")
    assert not any((project / "site" / "ljud").glob("fx-ar-approved-*"))
    assert "fx-ar-approved" not in (project / "site" / "podcast.xml").read_text(encoding="utf-8")


def test_the_report_holds_the_counts(project: Path, fixture_archive: Path) -> None:
    report = project / "report.json"
    options = BuildOptions(
        fixture_archive,
        project / "site",
        project / "mkdocs.yml",
        voice="espeak",
        cache_dir=project / ".cache",
        report=report,
    )
    build_site(options)
    build_site(options)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["published"], data["audio_synthesised"], data["audio_reused"]) == (3, 0, 3)
    # The fixture's survey is so small that every number is hidden, the total of responses too.
    assert data["statistics_audit"] == {
        "hidden_checked": 143,
        "differences_checked": 1026,
        "narrowest_range": None,
    }


def test_pagefind_indexes_the_published_stories_and_material_search_is_gone(
    project: Path, fixture_archive: Path
) -> None:
    site = build(project, fixture_archive)
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # The three approved stories (Swedish, English, Arabic), in one index; no other page.
    assert {language: about["page_count"] for language, about in entry["languages"].items()} == {"sv": 3}
    assert not (site / "search").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="sok/"' in home and "md-search" not in home


@pytest.mark.parametrize(
    ("jobs", "engine", "in_engine_checks"),
    [(1, "mkdocs", True), (2, "mkdocs", True), (2, "mkdocs", False), (2, "properdocs", True)],
)
def test_the_site_check_stops_a_page_with_markup_no_page_of_ours_has(
    project: Path, fixture_archive: Path, jobs: int, engine: str, in_engine_checks: bool
) -> None:
    site = build(project, fixture_archive)
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "docs" / "om.md").write_text('# Om\n\n<iframe src="https://evil.example/"></iframe>\n')
    options = BuildOptions(fixture_archive, site, project / "mkdocs.yml", "none", project / ".cache", jobs)
    with pytest.raises(UserError) as caught:
        build_site(replace(options, engine=engine, in_engine_checks=in_engine_checks))
    assert caught.value.details == ["om/index.html: otillåtet element <iframe>"]
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_every_page_and_the_404_page_carry_a_filled_in_policy(project: Path, fixture_archive: Path) -> None:
    site = build(project, fixture_archive)
    pages = sorted(site.rglob("*.html"))
    assert site / "404.html" in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "hbg-csp-placeholder" not in html, page
        assert re.search(
            r'http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src', html
        )


def test_a_rebuild_renders_only_the_story_that_changed(
    project: Path, fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project, fixture_archive)
    story = fixture_archive / "fx-ar-approved.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("arenas: [arbetsliv]", "arenas: [arbetsliv, skola]")
    )
    rendered: list[str] = []
    render_story = generator.cache.pages.render_story
    monkeypatch.setattr(
        "generator.cache.pages.render_story",
        lambda story, *rest: rendered.append(story.id) or render_story(story, *rest),
    )
    result = build_with(project, fixture_archive, "none")
    assert rendered == ["fx-ar-approved"]
    # The story's page, the arenas' index with its counts, and each list with the story's card,
    # which names its arenas: the home page, all stories, its two grounds, its experience, both
    # arenas, the Swedish list of Arabic stories and the Arabic home.
    assert result.pages.written == 11
    assert "skola/" in (project / "docs" / "berattelser" / "fx-ar-approved.md").read_text(encoding="utf-8")


def test_a_rebuild_after_a_new_wording_renders_no_listing_or_statistics_page(
    project: Path, fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(project, fixture_archive)
    story = fixture_archive / "fx-ar-approved.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nEtt nytt stycke.\n", encoding="utf-8")
    editors.approve(fixture_archive, "fx-ar-approved", "redaktor-test", dt.date(2026, 11, 25))
    listed: list[int] = []
    render_listings = generator.cache.pages.render_listings
    monkeypatch.setattr(
        "generator.cache.pages.render_listings",
        lambda published, *rest: listed.append(len(published)) or render_listings(published, *rest),
    )
    counted: list[int] = []
    render_statistics = generator.pipeline.render_statistics
    monkeypatch.setattr(
        "generator.pipeline.render_statistics",
        lambda statistics, *rest: (
            counted.append(statistics.responses) or render_statistics(statistics, *rest)
        ),
    )
    result = build_with(project, fixture_archive, "none")
    assert listed == []
    assert counted == []
    # The story's page, and the print packs of its two grounds, which print its opening.
    assert result.pages.written == 3
    # A new export is counted, and the statistics pages made again.
    with (fixture_archive / "responses.csv").open("a", encoding="utf-8") as export:
        export.write("r-ny,2020-01,sv,kon,skola,utanforskap,ofta,nej,18-29,0.2,0.5,0.3,40\n")
    build_with(project, fixture_archive, "none")
    assert len(counted) == 1
    assert "Ett nytt stycke." in (project / "docs" / "berattelser" / "fx-ar-approved.md").read_text(
        encoding="utf-8"
    )


def test_the_statistics_pages_are_made_again_when_a_story_they_link_gets_a_new_title(
    project: Path, fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Thirty responses spoke up, thirty kept quiet, thirty left; r0001 is fx-sv-approved's.
    dots = ["0.8,0.1,0.1", "0.1,0.8,0.1", "0.1,0.1,0.8"]
    rows = [
        f"r{n + 1:04d},2020-01,sv,kon,skola,utanforskap,ofta,nej,18-29,{dots[n // 30]},50\n"
        for n in range(90)
    ]
    export = fixture_archive / "responses.csv"
    export.write_text(
        export.read_text(encoding="utf-8").split("\n", 1)[0] + "\n" + "".join(rows), encoding="utf-8"
    )
    reactions = project / "docs" / "statistik" / "reaktioner.md"
    build(project, fixture_archive)
    assert ">Bussen som inte stannade</a>" in reactions.read_text(encoding="utf-8")
    story = fixture_archive / "fx-sv-approved.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace(
            "title: Bussen som inte stannade", "title: Bussen som körde förbi"
        ),
        encoding="utf-8",
    )
    editors.approve(fixture_archive, "fx-sv-approved", "redaktor-test", dt.date(2026, 11, 25))
    counted: list[str] = []
    render_statistics = generator.pipeline.render_statistics
    monkeypatch.setattr(
        "generator.pipeline.render_statistics",
        lambda statistics, *rest: (
            counted.append(statistics.responses_shown) or render_statistics(statistics, *rest)
        ),
    )
    build(project, fixture_archive)
    assert counted == ["90"]
    assert ">Bussen som körde förbi</a>" in reactions.read_text(encoding="utf-8")


# --- Leftovers, the swap and the cache of readings (issue 15, item 7) -----------------------------


def withdraw(archive: Path, story_id: str) -> None:
    story = archive / f"{story_id}.md"
    story.write_text(
        story.read_text(encoding="utf-8").replace("status: approved", "status: withdrawn"), encoding="utf-8"
    )


def files_beside_the_site(project: Path) -> list[Path]:
    """Every file under the site's parent folder but the editors' story files, and the memo of
    their checks, which holds what they hold for as long as they are in the stories folder."""
    return [
        p
        for p in sorted(project.rglob("*"))
        if p.is_file()
        and "stories" not in p.relative_to(project).parts
        and not p.is_relative_to(project / ".cache" / "memo")
    ]


def test_a_withdrawn_storys_reading_is_gone_from_the_cache_and_everywhere_beside_the_site(
    project: Path, fixture_archive: Path
) -> None:
    reading = build_with(project, fixture_archive, "espeak").audio.readings["fx-ar-approved"]
    audio = reading.source.read_bytes()
    withdraw(fixture_archive, "fx-ar-approved")
    result = build_with(project, fixture_archive, "espeak")
    assert (result.audio.synthesised, result.audio.reused) == (0, 2)
    for path in files_beside_the_site(project):
        assert reading.key[:16] not in path.name, path
        assert "fx-ar-approved" not in path.as_posix(), path
        assert path.read_bytes() != audio, path
    assert len(list((project / ".cache" / "audio").glob("*.mp3"))) == 2


def test_a_build_without_a_voice_keeps_every_reading_of_a_published_story(
    project: Path, fixture_archive: Path
) -> None:
    """Never paid for twice: the readings a build does not use (no voice, or the other voice)
    stay in the cache as long as their story is published with the same text."""
    readings = build_with(project, fixture_archive, "espeak").audio.readings
    story = next(
        s for s in generator.pipeline.check_archive(fixture_archive).stories if s.id == "fx-sv-approved"
    )
    google = GttsVoice()
    site_name = project_settings(project / "mkdocs.yml").site_name
    google_key = job_for(story).key(google, "sv", site_name)
    cache = AudioCache(project / ".cache" / "audio")
    for suffix in (".mp3", ".json"):  # as if Google had read it in an earlier build
        shutil.copy(
            readings["fx-sv-approved"].source.with_suffix(suffix), cache.folder / (google_key + suffix)
        )
    kept = sorted(p.name for p in cache.folder.iterdir())
    build_with(project, fixture_archive, "none")
    assert sorted(p.name for p in cache.folder.iterdir()) == kept
    assert build_with(project, fixture_archive, "espeak").audio.synthesised == 0
    assert sorted(p.name for p in cache.folder.iterdir()) == kept


def test_the_next_build_removes_what_a_killed_build_left_and_nothing_else(
    project: Path, fixture_archive: Path
) -> None:
    build(project, fixture_archive)
    leftovers = [
        ".site.build-k1ll3d00/berattelser/fx-withdrawn/index.html",
        ".site.old-k1ll3d00/site/berattelser/fx-withdrawn/index.html",
        ".site-ljud.build-k1ll3d00/ljud/fx-withdrawn-0123456789abcdef.mp3",
        ".cache/audio/.0123.mp3.k1ll3d00.tmp",
        ".cache/memo/.ab.json.k1ll3d00.tmp",
        "docs/..generated.json.k1ll3d00.tmp",
        "docs/berattelser/.fx-withdrawn.md.k1ll3d00.tmp",
    ]
    for relative in leftovers:
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text("Den tillbakadragna")
    (project / ".site.kept").write_text("inte bygget")
    build(project, fixture_archive)
    assert [relative for relative in leftovers if (project / relative).exists()] == []
    assert (project / ".site.kept").read_text() == "inte bygget"
    assert "Den tillbakadragna" not in "".join(
        p.read_text(errors="replace") for p in files_beside_the_site(project)
    )


def test_without_an_audio_host_an_old_upload_folder_is_removed(project: Path, fixture_archive: Path) -> None:
    uploads = project / "site-ljud" / "ljud"
    uploads.mkdir(parents=True)
    (uploads / "fx-withdrawn-0123456789abcdef.mp3").write_bytes(b"ID3")
    build(project, fixture_archive)
    assert not (project / "site-ljud").exists()


def test_fresh_uses_nothing_kept_from_earlier_builds(
    project: Path, fixture_archive: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = BuildOptions(
        fixture_archive, project / "site", project / "mkdocs.yml", "espeak", project / ".cache"
    )
    checked: list[str] = []
    validate_story = generator.intake.validate.validate_story
    monkeypatch.setattr(
        "generator.intake.validate.validate_story",
        lambda raw, *rest: checked.append(raw.path.name) or validate_story(raw, *rest),
    )
    rendered = count_rendered_templates(monkeypatch)

    def counts(result: BuildResult) -> tuple[list[str], list[str], int, int]:
        done = (sorted(checked), sorted(rendered), result.audio.synthesised, result.audio.reused)
        checked.clear()
        rendered.clear()
        return done

    first = counts(build_site(options))
    assert first[0] == sorted(p.name for p in FIXTURE_ARCHIVE.glob("*.md"))
    assert first[2:] == (3, 0)
    assert counts(build_site(options)) == ([], [], 0, 3)
    assert counts(build_site(replace(options, fresh=True))) == first
    # What the fresh build found is kept: the next build uses it.
    assert counts(build_site(options)) == ([], [], 0, 3)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def run_build(project: Path, stories: Path) -> subprocess.Popen[bytes]:
    """Start `python -m generator build` in a process group of its own, which its workers join."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--voice", "espeak", "--stories", str(stories)],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def finish_build(project: Path, stories: Path) -> float:
    start = time.monotonic()
    assert run_build(project, stories).wait() == 0
    return time.monotonic() - start


def kill_build(build: subprocess.Popen[bytes]) -> None:
    """kill -9 the build, then its worker processes (which would end on their own, later)."""
    build.send_signal(signal.SIGKILL)
    build.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(build.pid, signal.SIGKILL)


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site_and_the_next_cleans_up(
    project: Path, fixture_archive: Path, tmp_path: Path
) -> None:
    old_stories, new_stories = fixture_archive, tmp_path / "new"
    shutil.copytree(old_stories, new_stories)
    withdraw(new_stories, "fx-ar-approved")
    site = project / "site"
    finish_build(project, old_stories)
    old = snapshot(site)
    duration = finish_build(project, new_stories)
    new = snapshot(site)
    assert old != new
    # Killed from the middle of the build to just after its end: before MkDocs, during it, between
    # the swap and the deletion of the old site, or not at all.
    moments = random.Random(15)
    for _ in range(6):
        if snapshot(site) != old:
            finish_build(project, old_stories)
        killed = run_build(project, new_stories)
        time.sleep(moments.uniform(0.5, 1.4) * duration)
        kill_build(killed)
        assert (site / "index.html").is_file()
        assert snapshot(site) in (old, new)
    finish_build(project, new_stories)
    assert snapshot(site) == new
    left = files_beside_the_site(project)
    assert [
        p for p in left if p.name.endswith(".tmp") or p.relative_to(project).parts[0].startswith(".site")
    ] == []
    assert [p for p in left if "fx-ar-approved" in p.as_posix()] == []


@pytest.mark.parametrize(
    "archive", [FIXTURE_ARCHIVE, ROOT / "tests" / "fixtures" / "sample"], ids=["fixture", "sample"]
)
def test_markdown_returns_every_generated_page_as_the_html_it_is(project: Path, archive: Path) -> None:
    """MkDocs in this process skips converting the generated pages (site/engine.py): only right
    while Python-Markdown would return each of them unchanged, which this holds it to."""
    import markdown
    from mkdocs.config import load_config
    from mkdocs.utils.meta import get_data

    from generator import urls

    build(project, archive)
    config = load_config(str(project / "mkdocs.yml"))
    docs = project / "docs"
    pages = [p for p in sorted(docs.rglob("*.md")) if urls.is_generated(p.relative_to(docs).parts[0])]
    assert len(pages) > 20
    for page in pages:
        body = get_data(page.read_text(encoding="utf-8"))[0]
        converter = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        assert converter.convert(body) == body.strip("\n"), page.relative_to(docs)
