"""Rewrite story text so a speech synthesiser reads it aloud the way a person would say it."""

from __future__ import annotations

import re

from generator.audio.spoken.arabic import ARABIC
from generator.audio.spoken.bcs import BOSNIAN, CROATIAN, SERBIAN
from generator.audio.spoken.common import SpokenLanguage, say
from generator.audio.spoken.english import ENGLISH
from generator.audio.spoken.swedish import SWEDISH
from generator.audio.spoken.vietnamese import VIETNAMESE

# The survey's languages, by the primary subtag of a story's language.
_LANGUAGES: dict[str, SpokenLanguage] = {
    "sv": SWEDISH,
    "en": ENGLISH,
    "ar": ARABIC,
    "vi": VIETNAMESE,
    "bs": BOSNIAN,
    "hr": CROATIAN,
    "sr": SERBIAN,
}

# Engines read zero-width and bidi control characters aloud or stumble on them; they carry no speech.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# A web address spelled out character by character is noise; the listener only needs to know one is there.
_URL = re.compile(r"(?<![\w.])(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
# Punctuation at the end of an address belongs to the sentence around it.
_URL_TAIL = ".,;:!?)]}'\""
# Markup symbols a voice would name ("asterisk") where the writer meant emphasis or layout.
_MARKUP = re.compile(r"[*_#`~|<>\[\]{}^\\]")
# Line breaks and runs of spaces mean nothing to a voice but can make it pause mid-sentence.
_WHITESPACE = re.compile(r"\s+")
# Spaces left before punctuation or inside a parenthesis by the removals above.
_LOOSE_PUNCTUATION = re.compile(r" (?=[.,;:!?)])|(?<=\() ")


def speakable(text: str, language: str) -> str:
    """Return `text` rewritten so a speech engine reads it as a person would in that language.

    Every language loses what a voice should not read (markup, addresses, invisible characters).
    The survey's languages also get numbers, dates, short forms and symbols said their own way;
    any other language is left to its engine.
    """
    primary = re.split(r"[-_]", language.strip(), maxsplit=1)[0].lower()
    spoken = _LANGUAGES.get(primary)
    cleaned = _clean_for_voice(text, spoken.link_word if spoken else "")
    return _tidy_spaces(say(cleaned, spoken)) if spoken else cleaned


def _clean_for_voice(text: str, link_word: str) -> str:
    """Drop what no voice should read; addresses go before markup, which their `_` and `#` would match."""
    text = _INVISIBLE.sub("", text)
    text = _URL.sub(lambda match: _replace_url(match.group(), link_word), text)
    return _tidy_spaces(_MARKUP.sub(" ", text))


def _replace_url(url: str, link_word: str) -> str:
    """Say the link word (or nothing) but keep the sentence's punctuation that the address swallowed."""
    tail = url[len(url.rstrip(_URL_TAIL)) :]
    return link_word + tail


def _tidy_spaces(text: str) -> str:
    """Collapse whitespace and drop spaces that removals left before punctuation."""
    return _LOOSE_PUNCTUATION.sub("", _WHITESPACE.sub(" ", text)).strip()
