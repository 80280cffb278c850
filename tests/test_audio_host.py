"""`extra.audio_base_url`: readings published from their own host, with pages, feed and checks following."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.errors import UserError
from generator.pipeline import BuildOptions, build_site
from tests.conftest import StoryWriter

BASE = "https://ljud.example.se/arkiv/"


def with_audio_host(project: Path, value: str) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra:\n" in text
    config.write_text(
        text.replace("extra:\n", f"extra:\n  audio_base_url: {yaml.safe_dump(value).split(chr(10))[0]}\n", 1)
    )
    return config


@pytest.mark.build
def test_readings_go_to_their_own_folder_and_pages_point_at_the_host(
    project: Path, stories_dir: Path, write_story: StoryWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_story(id="hbg-0001", featured=True)
    write_story(id="hbg-0002")
    config = with_audio_host(project, BASE)
    monkeypatch.chdir(project)
    options = BuildOptions(stories_dir, project / "site", config, "espeak", project / ".cache")
    build_site(options)
    site, uploads = project / "site", project / "site-ljud"
    assert not list(site.rglob("*.mp3"))
    assert len(list((uploads / "ljud").glob("*.mp3"))) == 2
    page = (site / "berattelser" / "hbg-0001" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<audio [^>]*src="{re.escape(BASE)}ljud/hbg-0001-[0-9a-f]{{16}}\.mp3"', page)
    assert re.search(r'<track [^>]*src="\.\./\.\./ljud/hbg-0001-[0-9a-f]{16}\.vtt"', page)
    # The film goes with the readings.
    assert not list(site.rglob("*.mp4"))
    [film] = (uploads / "ljud").glob("*.mp4")
    assert f'<video class="hbg-film__video" controls preload="none" src="{BASE}ljud/{film.name}"' in page
    assert "media-src 'self' https://ljud.example.se;" in page
    feed = (site / "podcast.xml").read_text(encoding="utf-8")
    assert feed.count(f'url="{BASE}ljud/') == 2
    write_story(id="hbg-0002", status="withdrawn")
    build_site(options)
    assert [p.name.split("-")[1] for p in (uploads / "ljud").glob("*.mp3")] == ["0001"]
    # Swapped in whole like the site: nothing of the old folder is left beside it.
    assert sorted(p.name for p in project.iterdir() if "site" in p.name) == ["site", "site-ljud"]


@pytest.mark.parametrize("value", ["http://ljud.example.se/", "ljud/", "https://ljud.example.se/?x=1"])
def test_an_address_that_is_not_https_is_refused(project: Path, stories_dir: Path, value: str) -> None:
    config = with_audio_host(project, value)
    with pytest.raises(UserError, match=r"extra\.audio_base_url"):
        build_site(BuildOptions(stories_dir, project / "site", config, "none", project / ".cache"))


def test_without_the_setting_a_foreign_audio_source_still_fails_the_check() -> None:
    from generator.site.sitecheck import scan_page

    found = scan_page("x.html", f'<audio src="{BASE}a.mp3"></audio>')[0]
    assert found and "annan värd" in found[0]
    assert scan_page("x.html", f'<audio src="{BASE}a.mp3"></audio>', BASE)[0] == []
    assert scan_page("x.html", '<audio src="https://evil.example/a.mp3"></audio>', BASE)[0]
