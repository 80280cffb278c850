"""The podcast feed: RSS 2.0 with iTunes tags, one episode per published story with a reading."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from generator import urls
from generator.model import Reading, Story

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"


def _published(story: Story) -> str:
    """RFC 822 date of approval at noon UTC: stable from build to build."""
    day = story.approved_on or dt.date(int(story.collected[:4]), 1, 1)
    return format_datetime(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC))


def _duration(seconds: float) -> str:
    whole = max(1, round(seconds))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _item(
    channel: ET.Element, story: Story, reading: Reading, site_url: str, audio_url: str, description: str
) -> None:
    item = ET.SubElement(channel, "item")
    _text(item, "title", story.title)
    _text(item, "link", urljoin(site_url, f"berattelser/{story.id}/"))
    _text(item, "guid", urls.reading_name(story.id, reading.key), isPermaLink="false")
    _text(item, "description", description)
    _text(item, "pubDate", _published(story))
    ET.SubElement(
        item,
        "enclosure",
        {"url": urljoin(audio_url, reading.mp3_path), "length": str(reading.size), "type": "audio/mpeg"},
    )
    _text(item, f"{{{ITUNES}}}duration", _duration(reading.duration))
    _text(item, f"{{{ITUNES}}}explicit", "false")


def podcast_feed(
    stories: Sequence[tuple[Story, Reading, str]],
    site_name: str,
    site_url: str,
    description: str,
    audio_base_url: str = "",
) -> bytes:
    """Return the feed's XML; `stories` holds each story, its reading and a short description."""
    ET.register_namespace("itunes", ITUNES)
    ET.register_namespace("atom", ATOM)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", site_name)
    _text(channel, "link", site_url)
    _text(channel, "description", description)
    _text(channel, "language", "sv")
    ET.SubElement(
        channel,
        f"{{{ATOM}}}link",
        {"href": urljoin(site_url, urls.FEED_PATH), "rel": "self", "type": "application/rss+xml"},
    )
    _text(channel, f"{{{ITUNES}}}author", "Helsingborgs stad")
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": "Society & Culture"})
    _text(channel, f"{{{ITUNES}}}explicit", "false")
    newest = sorted(stories, key=lambda entry: (_sort_date(entry[0]), entry[0].id), reverse=True)
    for story, reading, summary in newest:
        _item(channel, story, reading, site_url, audio_base_url or site_url, summary)
    ET.indent(rss)
    xml: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _sort_date(story: Story) -> dt.date:
    return story.approved_on or dt.date.min
