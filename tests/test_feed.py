from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from generator.audio.feed import DUBLIN_CORE, ITUNES, podcast_feeds
from generator.model import PodcastChannel, PodcastOwner, Reading, Status, Story
from tests.podcasts import feed_guids, feed_problems

SITE = "https://example.org/arkiv/"
OWNER = PodcastOwner("Helsingborgs stads kontaktcenter", "kontaktcenter@helsingborg.se")
MAIN = PodcastChannel("podcast.xml", "index.md", "Arkivet", "Beskrivning", "sv", ())
GROUND = PodcastChannel(
    "grunder/religion/podd.xml", "grunder/religion.md", "Arkivet: Religion", "Om religion", "sv", ()
)


def story(story_id: str, approved: dt.date, title: str = "Rubrik", language: str = "sv") -> Story:
    return Story(
        id=story_id,
        title=title,
        status=Status.APPROVED,
        language=language,
        collected="2020-01",
        grounds=(),
        arenas=(),
        experiences=(),
        paragraphs=("p",),
        source="x",
        approved_on=approved,
    )


def reading(story_id: str) -> Reading:
    return Reading(story_id, "espeak", "ab" * 32, Path("x.mp3"), 12345, 75.4, ())


def feed(
    entries: list[tuple[Story, Reading, str]],
    channel: PodcastChannel = MAIN,
    owner: PodcastOwner | None = OWNER,
) -> bytes:
    """One feed that plays these stories."""
    playing = replace(channel, story_ids=tuple(story.id for story, _, _ in entries))
    return podcast_feeds([playing], {entry[0].id: entry for entry in entries}, owner, SITE)[playing.path]


def channel_of(xml: bytes) -> ET.Element:
    channel = ET.fromstring(xml).find("channel")
    assert channel is not None
    return channel


def test_feed_is_valid_rss_with_one_enclosure_per_story_newest_first() -> None:
    entries = [
        (story("a-1", dt.date(2026, 1, 5), "Första <&>"), reading("a-1"), "Om a"),
        (story("b-2", dt.date(2026, 3, 1)), reading("b-2"), "Om b"),
    ]
    xml = feed(entries)
    root = ET.fromstring(xml)
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert [i.findtext("guid") for i in items] == [f"b-2-{'ab' * 8}", f"a-1-{'ab' * 8}"]
    enclosure = items[1].find("enclosure")
    assert enclosure is not None
    assert enclosure.attrib == {
        "url": f"https://example.org/arkiv/ljud/a-1-{'ab' * 8}.mp3",
        "length": "12345",
        "type": "audio/mpeg",
    }
    assert items[1].findtext("title") == "Första <&>"
    assert items[1].findtext("pubDate") == "Mon, 05 Jan 2026 12:00:00 +0000"
    assert items[1].findtext(f"{{{ITUNES}}}duration") == "00:01:15"
    assert items[1].findtext("link") == "https://example.org/arkiv/berattelser/a-1/"
    assert root.findtext("./channel/language") == "sv"
    assert root.findtext("./channel/link") == SITE


def test_feed_bytes_are_deterministic() -> None:
    entries = [(story("a-1", dt.date(2026, 1, 5)), reading("a-1"), "Om a")]
    assert feed(entries) == feed(list(entries))


def test_an_episode_shared_by_several_feeds_is_in_each_as_if_each_were_made_alone() -> None:
    entries = {
        story_id: (story(story_id, dt.date(2026, 1, day)), reading(story_id), "Om")
        for day, story_id in enumerate(["a-1", "b-2", "c-3"], start=1)
    }
    both = replace(MAIN, story_ids=("a-1", "b-2", "c-3"))
    some = replace(GROUND, story_ids=("c-3", "a-1"))
    feeds = podcast_feeds([both, some], entries, OWNER, SITE)
    assert feeds == {
        "podcast.xml": podcast_feeds([both], entries, OWNER, SITE)["podcast.xml"],
        "grunder/religion/podd.xml": podcast_feeds([some], entries, OWNER, SITE)["grunder/religion/podd.xml"],
    }
    assert [guid[:3] for guid in feed_guids(feeds["grunder/religion/podd.xml"])] == ["c-3", "a-1"]
    assert feeds["grunder/religion/podd.xml"].endswith(b"    </item>\n  </channel>\n</rss>\n")


def test_a_feed_has_everything_a_podcast_directory_requires() -> None:
    entries = [
        (story("a-1", dt.date(2026, 1, 5)), reading("a-1"), "Om a"),
        (story("b-2", dt.date(2026, 3, 1), language="ar"), reading("b-2"), "عن ب"),
    ]
    assert feed_problems(feed(entries, GROUND)) == []


def test_the_cover_art_and_the_owner_are_named_as_directories_and_rss_readers_read_them() -> None:
    parsed = feedparser.parse(feed([(story("a-1", dt.date(2026, 1, 5)), reading("a-1"), "Om a")], GROUND))
    assert not parsed.bozo
    assert parsed.feed.image.href == "https://example.org/arkiv/podd.png"
    assert parsed.feed.image.title == "Arkivet: Religion"
    assert parsed.feed.image.link == "https://example.org/arkiv/grunder/religion/"
    assert parsed.feed.link == "https://example.org/arkiv/grunder/religion/"
    assert parsed.feed.publisher_detail == {
        "name": "Helsingborgs stads kontaktcenter",
        "email": "kontaktcenter@helsingborg.se",
    }
    assert [tag.term for tag in parsed.feed.tags] == ["Society & Culture"]
    channel = channel_of(feed([], GROUND))
    assert channel.findtext(f"{{{ITUNES}}}explicit") == "false"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert (
        self_link is not None
        and self_link.get("href") == "https://example.org/arkiv/grunder/religion/podd.xml"
    )


def test_each_episode_says_its_own_language_and_the_channel_its_own() -> None:
    english = PodcastChannel("sprak/en/podd.xml", "sprak/en.md", "Stories", "Readings", "en", ())
    entries = [
        (story("a-1", dt.date(2026, 1, 5), language="en"), reading("a-1"), "About a"),
        (story("b-2", dt.date(2026, 1, 6), language="sr-Latn"), reading("b-2"), "O b"),
    ]
    parsed = feedparser.parse(feed(entries, english))
    assert parsed.feed.language == "en"
    assert [entry.language for entry in parsed.entries] == ["sr-Latn", "en"]
    items = channel_of(feed(entries, english)).findall("item")
    assert [item.findtext(f"{{{DUBLIN_CORE}}}language") for item in items] == ["sr-Latn", "en"]


@pytest.mark.parametrize(
    "title",
    [
        "</title><script>alert(1)</script>",
        "&lt;/title&gt;&lt;script&gt;",
        "]]><item><guid>x</guid></item>",
        "Citat \"så\" & 'så'",
    ],
)
def test_a_hostile_title_stays_the_episodes_title_and_nothing_else(title: str) -> None:
    xml = feed([(story("a-1", dt.date(2026, 1, 5), title), reading("a-1"), title)], GROUND)
    assert feed_problems(xml) == []
    items = channel_of(xml).findall("item")
    assert len(items) == 1
    assert items[0].findtext("title") == title
    assert items[0].findtext("description") == title
    assert b"<script>" not in xml


def test_without_a_known_owner_the_feed_names_none() -> None:
    xml = feed([(story("a-1", dt.date(2026, 1, 5)), reading("a-1"), "Om a")], owner=None)
    assert channel_of(xml).find(f"{{{ITUNES}}}owner") is None
    assert feed_problems(xml) == ["channel: itunes:owner is missing"]


def test_the_check_finds_what_a_directory_would_refuse() -> None:
    xml = feed([(story("a-1", dt.date(2026, 1, 5)), reading("a-1"), "Om a")])
    broken = (
        xml.replace(b' type="audio/mpeg"', b"")
        .replace(b"<language>sv</language>", b"")
        .replace(b'<itunes:category text="Society &amp; Culture" />', b"")
    )
    assert feed_problems(broken) == [
        "channel: language is missing or empty",
        "channel: itunes:category has no text",
        "item 1: enclosure has the type None",
    ]
    assert feed_problems(xml.replace(b"</channel>", b"<item></channel>"))[0].startswith("feedparser: ")
