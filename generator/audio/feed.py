"""The podcast feeds: RSS 2.0 with the tags podcast directories require, one episode per story read aloud.

Apple's Podcasts specification requires of a channel its title, description, itunes:image (a square
image), language, itunes:category and itunes:explicit, and of an episode its title, an enclosure
(address, length in bytes, type) and a guid. The directories write to itunes:owner's address. An
episode's language is dc:language (Dublin Core): a feed by ground or measure holds stories in
several languages, and RSS has no other tag for an item's language.

A story is an episode of several feeds (the main one, its grounds', its measures', its language's),
so each episode's XML is written once and placed in every feed that plays it. ElementTree wrote the
same episodes again for each feed: a second for the 34 feeds of 2,000 stories. Every text and
attribute passes through `_element`, which escapes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from email.utils import format_datetime
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from generator import urls
from generator.model import PodcastChannel, PodcastOwner, Reading, Story

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
# One of Apple's categories: the stories are about society, told by the people it concerns.
CATEGORY = "Society & Culture"
RSS_START = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    f'<rss xmlns:atom="{ATOM}" xmlns:dc="{DUBLIN_CORE}" xmlns:itunes="{ITUNES}" version="2.0">\n'
    "  <channel>"
)
RSS_END = "\n  </channel>\n</rss>\n"
# Attribute values are written in double quotes; escape() does &, < and >.
QUOTE = {'"': "&quot;"}


def _element(name: str, text: str = "", /, **attributes: str) -> str:
    """One element without children: its text and its attributes' values escaped."""
    attrs = "".join(f' {key}="{escape(value, QUOTE)}"' for key, value in attributes.items())
    return f"<{name}{attrs}>{escape(text)}</{name}>" if text else f"<{name}{attrs} />"


def _parent(name: str, children: Sequence[str], indent: str) -> str:
    """An element of elements, laid out at `indent`, its children a step further in."""
    inner = "".join(f"\n{indent}  {child}" for child in children)
    return f"<{name}>{inner}\n{indent}</{name}>"


def _published(story: Story) -> str:
    """RFC 822 date of approval at noon UTC: stable from build to build."""
    day = story.approved_on or dt.date(int(story.collected[:4]), 1, 1)
    return format_datetime(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC))


def _duration(seconds: float) -> str:
    whole = max(1, round(seconds))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _item(story: Story, reading: Reading, site_url: str, audio_url: str, description: str) -> str:
    """One episode, laid out for its place in a channel."""
    enclosure = {
        "url": urljoin(audio_url, reading.mp3_path),
        "length": str(reading.size),
        "type": "audio/mpeg",
    }
    return _parent(
        "item",
        [
            _element("title", story.title),
            _element("link", urljoin(site_url, f"berattelser/{story.id}/")),
            _element("guid", urls.reading_name(story.id, reading.key), isPermaLink="false"),
            _element("description", description),
            _element("pubDate", _published(story)),
            _element("dc:language", story.language),
            _element("enclosure", **enclosure),
            _element("itunes:duration", _duration(reading.duration)),
            _element("itunes:explicit", "false"),
        ],
        "    ",
    )


def _channel(feed: PodcastChannel, owner: PodcastOwner | None, site_url: str) -> list[str]:
    """A channel's own tags: what it is, its cover art (as directories read it, itunes:image, and as
    RSS 2.0 readers do, <image> with the channel's title and link) and who answers for it."""
    link = urljoin(site_url, urls.relative_url("index.md", feed.page))
    cover = urljoin(site_url, urls.FEED_COVER)
    owner_tags = [_element("itunes:name", owner.name), _element("itunes:email", owner.email)] if owner else []
    return [
        _element("title", feed.title),
        _element("link", link),
        _element("description", feed.description),
        _element("language", feed.language),
        _element("atom:link", href=urljoin(site_url, feed.path), rel="self", type="application/rss+xml"),
        _element("itunes:image", href=cover),
        _parent(
            "image", [_element("url", cover), _element("title", feed.title), _element("link", link)], "    "
        ),
        _element("itunes:author", "Helsingborgs stad"),
        *([_parent("itunes:owner", owner_tags, "    ")] if owner else []),
        _element("itunes:category", text=CATEGORY),
        _element("itunes:explicit", "false"),
    ]


def podcast_feeds(
    channels: Sequence[PodcastChannel],
    episodes: Mapping[str, tuple[Story, Reading, str]],
    owner: PodcastOwner | None,
    site_url: str,
    audio_base_url: str = "",
) -> dict[str, bytes]:
    """Return each feed's XML by its path in the site, its episodes newest approved first.
    `episodes` holds, by id, each story read aloud, its reading and a short description."""
    newest = sorted(episodes.values(), key=lambda entry: (_sort_date(entry[0]), entry[0].id), reverse=True)
    items = {
        story.id: _item(story, reading, site_url, audio_base_url or site_url, description)
        for story, reading, description in newest
    }
    feeds = {}
    for feed in channels:
        played = set(feed.story_ids)
        tags = [*_channel(feed, owner, site_url), *(item for key, item in items.items() if key in played)]
        feeds[feed.path] = (RSS_START + "".join(f"\n    {tag}" for tag in tags) + RSS_END).encode("utf-8")
    return feeds


def _sort_date(story: Story) -> dt.date:
    return story.approved_on or dt.date.min
