"""The podcast feeds: RSS 2.0 with the tags podcast directories require, one episode per story read aloud.

Apple's Podcasts specification requires of a channel its title, description, itunes:image (a square
image), language, itunes:category and itunes:explicit, and of an episode its title, an enclosure
(address, length in bytes, type) and a guid. The directories write to itunes:owner's address. An
episode's language is dc:language (Dublin Core): a feed by ground or measure holds stories in
several languages, and RSS has no other tag for an item's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from generator import urls
from generator.model import PodcastChannel, PodcastOwner, Reading, Story

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
# One of Apple's categories: the stories are about society, told by the people it concerns.
CATEGORY = "Society & Culture"


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
    _text(item, f"{{{DUBLIN_CORE}}}language", story.language)
    ET.SubElement(
        item,
        "enclosure",
        {"url": urljoin(audio_url, reading.mp3_path), "length": str(reading.size), "type": "audio/mpeg"},
    )
    _text(item, f"{{{ITUNES}}}duration", _duration(reading.duration))
    _text(item, f"{{{ITUNES}}}explicit", "false")


def _cover(channel: ET.Element, title: str, link: str, site_url: str) -> None:
    """The cover art, as directories read it (itunes:image) and as RSS 2.0 readers do (<image>,
    whose title and link are the channel's)."""
    address = urljoin(site_url, urls.FEED_COVER)
    ET.SubElement(channel, f"{{{ITUNES}}}image", {"href": address})
    image = ET.SubElement(channel, "image")
    _text(image, "url", address)
    _text(image, "title", title)
    _text(image, "link", link)


def _owner(channel: ET.Element, owner: PodcastOwner) -> None:
    element = ET.SubElement(channel, f"{{{ITUNES}}}owner")
    _text(element, f"{{{ITUNES}}}name", owner.name)
    _text(element, f"{{{ITUNES}}}email", owner.email)


def podcast_feed(
    feed: PodcastChannel,
    stories: Sequence[tuple[Story, Reading, str]],
    owner: PodcastOwner | None,
    site_url: str,
    audio_base_url: str = "",
) -> bytes:
    """Return one feed's XML; `stories` holds each story it plays, its reading and a short description."""
    ET.register_namespace("itunes", ITUNES)
    ET.register_namespace("atom", ATOM)
    ET.register_namespace("dc", DUBLIN_CORE)
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    link = urljoin(site_url, urls.relative_url("index.md", feed.page))
    _text(channel, "title", feed.title)
    _text(channel, "link", link)
    _text(channel, "description", feed.description)
    _text(channel, "language", feed.language)
    ET.SubElement(
        channel,
        f"{{{ATOM}}}link",
        {"href": urljoin(site_url, feed.path), "rel": "self", "type": "application/rss+xml"},
    )
    _cover(channel, feed.title, link, site_url)
    _text(channel, f"{{{ITUNES}}}author", "Helsingborgs stad")
    if owner:
        _owner(channel, owner)
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": CATEGORY})
    _text(channel, f"{{{ITUNES}}}explicit", "false")
    newest = sorted(stories, key=lambda entry: (_sort_date(entry[0]), entry[0].id), reverse=True)
    for story, reading, summary in newest:
        _item(channel, story, reading, site_url, audio_base_url or site_url, summary)
    ET.indent(rss)
    xml: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return xml + b"\n"


def _sort_date(story: Story) -> dt.date:
    return story.approved_on or dt.date.min
