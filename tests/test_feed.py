from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

from generator.audio.feed import ITUNES, podcast_feed
from generator.model import Reading, Status, Story


def story(story_id: str, approved: dt.date, title: str = "Rubrik") -> Story:
    return Story(
        id=story_id,
        title=title,
        status=Status.APPROVED,
        language="sv",
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


def test_feed_is_valid_rss_with_one_enclosure_per_story_newest_first() -> None:
    entries = [
        (story("a-1", dt.date(2026, 1, 5), "Första <&>"), reading("a-1"), "Om a"),
        (story("b-2", dt.date(2026, 3, 1)), reading("b-2"), "Om b"),
    ]
    xml = podcast_feed(entries, "Arkivet", "https://example.org/arkiv/", "Beskrivning")
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


def test_feed_bytes_are_deterministic() -> None:
    entries = [(story("a-1", dt.date(2026, 1, 5)), reading("a-1"), "Om a")]
    assert podcast_feed(entries, "A", "https://x/", "d") == podcast_feed(entries, "A", "https://x/", "d")
