"""Find phone numbers in a built page's text that are not tel: links, for the tests.

What a phone number is here, on purpose wider than what generator/site/phones.py links:
- a Swedish number that starts with 0 and an area code, 8 to 10 digits, with or without hyphens
  and spaces (042-10 50 00, 020-12 34 56, 08-123 456 78, 0701234567);
- a number with a country code, + or 00 first, 9 to 15 digits (+46 42 10 50 00, 0046 8 123 45);
- a national short number (112, 114 14, 113 13, 1177, 116 111, 116 006) when a word of calling
  comes before it in the same sentence (ring, telefon, call, phone, nazovite, gọi, اتصل ...):
  alone, "112" is as likely a count of stories.
Not a phone number: a count, a year, a date (2026-03-14), a span (2022–2025), an id (hbg-0112), an
organisation number (212000-1157), a law (2008:567), a duration (1 min 12 s), a percentage.
The teller's own words (the story's text) are left out: they are shown exactly as written.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

NATIONAL = re.compile(r"(?<![\w+/:.,–-])0\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2,3}){1,3}(?![\w–-])")
INTERNATIONAL = re.compile(r"(?<![\w+])(?:\+|00)\d{1,3}(?: ?\(0\))?(?:[ -]?\d{1,4}){2,6}(?![\w–-])")
SHORT = re.compile(
    r"(?:\b(?:ring|telefon|call|phone|telephone|dial|nazov|pozov|gọi|điện thoại)|اتصل|اتصال|هاتف)"
    r"[^\n.!?]{0,40}?(?<![\d,.])(112|114 ?14|113 ?13|1177|116 ?111|116 ?006)(?![\d,.]\d|\d)",
    re.IGNORECASE,
)
# Elements whose text runs on in the same sentence; every other tag ends one.
INLINE = frozenset("a abbr b bdi bdo cite code em i kbd mark q s small span strong sub sup time u".split())
# Never read as text: not shown, or not the site's words.
SKIPPED = frozenset("script style template".split())
TELLERS_WORDS = "hbg-story__text"
# What stands in the text for a tel: link or the teller's words: it ends a sentence.
GAP = "\n"


def _digits(number: str) -> int:
    return sum(character.isdigit() for character in number)


class _Text(HTMLParser):
    """A page's text, with every tel: link and the teller's words replaced by a gap."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # The open elements whose text is left out (a tel: link, the story's text, a script).
        self.hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self.hidden:
            if tag == self.hidden[-1] and tag not in INLINE:
                self.hidden.append(tag)
            return
        leaves_out = (
            tag in SKIPPED
            or (tag == "a" and (values.get("href") or "").startswith("tel:"))
            or TELLERS_WORDS in (values.get("class") or "").split()
        )
        if leaves_out:
            self.hidden.append(tag)
            self.parts.append(GAP)
        elif tag not in INLINE:
            self.parts.append(GAP)

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if tag == self.hidden[-1]:
                self.hidden.pop()
            return
        if tag not in INLINE:
            self.parts.append(GAP)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(" ".join(data.split()) if data.strip() else " ")


def page_text(html: str) -> str:
    """The text a reader sees on a page, with tel: links and the teller's words as gaps."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def unlinked_phone_numbers(html: str) -> list[str]:
    """Every phone number in the page's text that is not a tel: link, as written."""
    text = page_text(html)
    found = [m[0] for m in NATIONAL.finditer(text) if 8 <= _digits(m[0]) <= 10]
    found += [m[0] for m in INTERNATIONAL.finditer(text) if 9 <= _digits(m[0]) <= 15]
    found += [m[1] for m in SHORT.finditer(text)]
    return found
