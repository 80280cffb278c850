from __future__ import annotations

import posixpath
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator import urls
from generator.intake.vocabulary import load_vocabulary
from generator.model import Addresses, PodcastOwner, Reading, Story
from generator.pipeline import BuildOptions, build_site
from generator.site.feeds import podcast_channels, podcast_owner
from generator.site.render import render_listings
from tests.conftest import StoryWriter
from tests.podcasts import feed_guids, feed_problems, site_feeds
from tests.test_cover import png_header
from tests.test_render import make_story

VOCABULARY = load_vocabulary()
SITE = "https://example.org/arkiv/"


def reading(story_id: str) -> Reading:
    return Reading(story_id, "espeak", "cd" * 32, Path("x.mp3"), 2000, 10.0, ())


# A story with a translation that adds a ground, a translation whose original is not published,
# and a story without a reading.
STORIES = [
    make_story(id="sv-orig", grounds=("kon", "religion"), measures=(3,)),
    make_story(id="en-trans", language="en", translation_of="sv-orig", grounds=("alder",)),
    make_story(id="ar-alone", language="ar", translation_of="sv-draft", grounds=("religion",), measures=(5,)),
    make_story(id="sv-silent", grounds=("funktionsnedsattning",), measures=(5,)),
]
READINGS = {story_id: reading(story_id) for story_id in ("sv-orig", "en-trans", "ar-alone")}


def channels(stories: list[Story] = STORIES) -> dict[str, tuple[str, ...]]:
    found = podcast_channels(stories, READINGS, VOCABULARY, "Arkivet", "Om arkivet")
    return {channel.path: tuple(sorted(channel.story_ids)) for channel in found}


def test_each_feed_plays_what_its_page_lists_once_and_no_feed_plays_nothing() -> None:
    assert channels() == {
        # Every reading, translations too, as the feed always has.
        "podcast.xml": ("ar-alone", "en-trans", "sv-orig"),
        # A translation is counted once, as its original: the ground it adds lists the original.
        "grunder/alder/podd.xml": ("sv-orig",),
        "grunder/kon/podd.xml": ("sv-orig",),
        "grunder/religion/podd.xml": ("ar-alone", "sv-orig"),
        "planen/atgard-03/podd.xml": ("sv-orig",),
        # sv-silent is listed on measure 5's page but has no reading to play.
        "planen/atgard-05/podd.xml": ("ar-alone",),
        # By language: each story in its own language, a translation in its own.
        "sprak/ar/podd.xml": ("ar-alone",),
        "sprak/en/podd.xml": ("en-trans",),
        "sprak/sv/podd.xml": ("sv-orig",),
    }


def test_without_readings_there_are_no_feeds() -> None:
    assert podcast_channels(STORIES, {}, VOCABULARY, "Arkivet", "Om arkivet") == []


def test_a_feed_is_named_in_its_language_and_for_what_it_holds() -> None:
    found = {c.path: c for c in podcast_channels(STORIES, READINGS, VOCABULARY, "Arkivet", "Om arkivet")}
    assert (found["podcast.xml"].title, found["podcast.xml"].description) == ("Arkivet", "Om arkivet")
    assert found["grunder/religion/podd.xml"].title == "Arkivet: Religion eller annan trosuppfattning"
    assert found["grunder/religion/podd.xml"].page == "grunder/religion.md"
    # The measures' titles are placeholders: a feed names a measure by its number, as its page does.
    assert found["planen/atgard-03/podd.xml"].title == "Arkivet: Åtgärd 3"
    english = found["sprak/en/podd.xml"]
    assert (english.language, english.title) == (
        "en",
        "Stories about discrimination in Helsingborg, in English",
    )
    assert {c.language for c in found.values() if not c.path.startswith("sprak/")} == {"sv"}


def test_the_feeds_owner_is_the_contact_centre() -> None:
    assert podcast_owner(VOCABULARY) == PodcastOwner(
        "Helsingborgs stads kontaktcenter", "kontaktcenter@helsingborg.se"
    )


def feed_links(pages: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each feed a rendered page links, by its path in the site: the page, and the address it shows."""
    links = {}
    for page, markdown in pages.items():
        for href, address in re.findall(
            r'class="hbg-feed__address" href="([^"]+)"[^>]*>([^<]+)</a>', markdown
        ):
            links[posixpath.normpath(posixpath.join(urls.page_dir(page), href))] = (page, address)
    return links


def test_the_pages_link_exactly_the_feeds_there_are_with_their_whole_addresses() -> None:
    pages = render_listings(STORIES, VOCABULARY, READINGS, False, "", Addresses(SITE))
    links = feed_links(pages)
    assert sorted(links) == sorted(channels())
    assert links["grunder/religion/podd.xml"] == ("grunder/religion.md", f"{SITE}grunder/religion/podd.xml")
    assert links["podcast.xml"] == ("berattelser/index.md", f"{SITE}podcast.xml")
    # A language's home links the feed of its language too, named in that language.
    assert (
        'lang="en" dir="ltr">English</span>: <a class="hbg-feed__address" href="../sprak/en/podd.xml"'
        in (pages["en/index.md"])
    )
    assert "hbg-feed" not in pages["arenor/arbetsliv.md"]
    assert "hbg-feed" not in pages["grunder/funktionsnedsattning.md"]


def test_the_home_of_several_languages_links_a_feed_for_each_that_is_read_aloud() -> None:
    stories = [make_story(id=f"{code}-story", language=code) for code in ("bs", "hr", "sr")]
    readings = {story_id: reading(story_id) for story_id in ("bs-story", "sr-story")}
    home = render_listings(stories, VOCABULARY, readings, False, "", Addresses(SITE))["bs/index.md"]
    named = re.findall(
        r'<span lang="(\w+)" dir="ltr">([^<]+)</span>: <a class="hbg-feed__address" href="([^"]+)"', home
    )
    assert named == [("bs", "Bosanski", "../sprak/bs/podd.xml"), ("sr", "Srpski", "../sprak/sr/podd.xml")]


@pytest.mark.build
def test_a_built_sites_feeds_are_valid_and_list_exactly_the_published_stories_read_aloud(
    project: Path, stories_dir: Path, write_safe_story: StoryWriter
) -> None:
    write_safe_story(id="hbg-sv", grounds=["kon"], measures=[2], title="</title><script>alert(1)</script>")
    write_safe_story(id="hbg-en", language="en", translation_of="hbg-sv", grounds=["kon", "alder"])
    write_safe_story(id="hbg-ar", language="ar", grounds=["religion"], measures=[4])
    write_safe_story(id="hbg-draft", status="draft", grounds=["sexuell-laggning"], measures=[9])
    write_safe_story(id="hbg-gone", status="withdrawn", grounds=["sexuell-laggning", "kon"], measures=[9, 2])
    options = BuildOptions(
        stories_dir, project / "site", project / "mkdocs.yml", "espeak", project / ".cache"
    )
    build_site(options)
    site = project / "site"
    feeds = site_feeds(site)
    assert [(path, problem) for path, xml in feeds.items() for problem in feed_problems(xml)] == []
    played = {path: sorted(guid.rsplit("-", 1)[0] for guid in feed_guids(xml)) for path, xml in feeds.items()}
    assert played == {
        "podcast.xml": ["hbg-ar", "hbg-en", "hbg-sv"],
        "grunder/alder/podd.xml": ["hbg-sv"],
        "grunder/kon/podd.xml": ["hbg-sv"],
        "grunder/religion/podd.xml": ["hbg-ar"],
        "planen/atgard-02/podd.xml": ["hbg-sv"],
        "planen/atgard-04/podd.xml": ["hbg-ar"],
        "sprak/ar/podd.xml": ["hbg-ar"],
        "sprak/en/podd.xml": ["hbg-en"],
        "sprak/sv/podd.xml": ["hbg-sv"],
    }
    titles = [
        item.findtext("title") for item in ElementTree.fromstring(feeds["grunder/kon/podd.xml"]).iter("item")
    ]
    assert titles == ["</title><script>alert(1)</script>"]
    assert 'href="podd.xml"' in (site / "grunder" / "kon" / "index.html").read_text(encoding="utf-8")
    assert "podd.xml" not in (site / "grunder" / "sexuell-laggning" / "index.html").read_text(
        encoding="utf-8"
    )
    width, height, *_ = png_header((site / "podd.png").read_bytes())
    assert width == height >= 1400

    # Withdrawn, its feeds go with it: religion and measure 4 had no other story read aloud.
    write_safe_story(id="hbg-ar", language="ar", status="withdrawn", grounds=["religion"], measures=[4])
    build_site(options)
    assert sorted(site_feeds(site)) == sorted(
        set(played) - {"grunder/religion/podd.xml", "planen/atgard-04/podd.xml", "sprak/ar/podd.xml"}
    )
    assert not any(b"hbg-ar" in xml for xml in site_feeds(site).values())
