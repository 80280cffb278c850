"""What the tests ask of every podcast feed: feedparser reads it without a complaint (no bozo flag),
and it has what Apple's Podcasts specification requires, with the owner the directories write to.

Required of a channel: title, description, itunes:image (the cover art's address), language,
itunes:category and itunes:explicit; of an episode: title, an enclosure with its address, length
and type, and a guid (https://podcasters.apple.com/support/823-podcast-requirements).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser

from generator.audio.feed import DUBLIN_CORE, ITUNES

CHANNEL_TEXTS = ("title", "description", "language", f"{{{ITUNES}}}explicit")
ITEM_TEXTS = ("title", "guid", f"{{{DUBLIN_CORE}}}language")


def _missing_texts(element: ET.Element, tags: tuple[str, ...], where: str) -> list[str]:
    return [
        f"{where}: {tag} is missing or empty" for tag in tags if not (element.findtext(tag) or "").strip()
    ]


def _channel_problems(channel: ET.Element) -> list[str]:
    problems = _missing_texts(channel, CHANNEL_TEXTS, "channel")
    image = channel.find(f"{{{ITUNES}}}image")
    if image is None or not image.get("href"):
        problems.append("channel: itunes:image has no href")
    category = channel.find(f"{{{ITUNES}}}category")
    if category is None or not category.get("text"):
        problems.append("channel: itunes:category has no text")
    if channel.findtext(f"{{{ITUNES}}}explicit") not in ("true", "false"):
        problems.append("channel: itunes:explicit is neither true nor false")
    owner = channel.find(f"{{{ITUNES}}}owner")
    if owner is None:
        problems.append("channel: itunes:owner is missing")
    else:
        problems += _missing_texts(owner, (f"{{{ITUNES}}}name", f"{{{ITUNES}}}email"), "itunes:owner")
    return problems


def _item_problems(item: ET.Element, number: int) -> list[str]:
    where = f"item {number}"
    problems = _missing_texts(item, ITEM_TEXTS, where)
    enclosure = item.find("enclosure")
    if enclosure is None:
        return [*problems, f"{where}: enclosure is missing"]
    if not enclosure.get("url"):
        problems.append(f"{where}: enclosure has no url")
    if not enclosure.get("length", "").isdigit() or int(enclosure.get("length", "0")) <= 0:
        problems.append(f"{where}: enclosure has no length in bytes")
    if enclosure.get("type") != "audio/mpeg":
        problems.append(f"{where}: enclosure has the type {enclosure.get('type')!r}")
    return problems


def feed_problems(xml: bytes) -> list[str]:
    """Everything wrong with one feed; an empty list means a podcast directory would take it."""
    parsed = feedparser.parse(xml)
    if parsed.bozo:  # not well-formed, or not a feed: nothing more to check
        return [f"feedparser: {parsed.get('bozo_exception')}"]
    channel = ET.fromstring(xml).find("channel")
    if channel is None:
        return ["channel is missing"]
    problems = _channel_problems(channel)
    items = channel.findall("item")
    if not items:
        problems.append("the feed has no episodes")
    for number, item in enumerate(items, start=1):
        problems += _item_problems(item, number)
    guids = [item.findtext("guid") for item in items]
    if len(set(guids)) != len(guids):
        problems.append("two episodes share a guid")
    return problems


def site_feeds(site: Path) -> dict[str, bytes]:
    """Every podcast feed in a built site (every RSS file), by its path in the site."""
    return {
        path.relative_to(site).as_posix(): data
        for path in sorted(site.rglob("*.xml"))
        if (data := path.read_bytes()) and ET.fromstring(data).tag == "rss"
    }


def feed_guids(xml: bytes) -> list[str]:
    """The episodes' guids, in the feed's order."""
    return [item.findtext("guid") or "" for item in ET.fromstring(xml).iter("item")]
