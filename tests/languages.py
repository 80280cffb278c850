"""What the language tests share: the Swedish words of the generator's own texts, and the text of
a page as a reader meets it, each piece with the language it is marked with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.intake.vocabulary import load_vocabulary
from generator.model import PLACEHOLDER

VOCABULARY = load_vocabulary()
# Words that are the same in Swedish and a language of ours ("Telefon" in Bosnian), and the
# patterns around numbers: not evidence of a Swedish text left in place.
SHARED_KEYS = {"help_phone", "help_email", "help_website", "help_address", "duration_minutes"}
SHARED_KEYS |= {"duration_seconds", "size_kilobytes", "size_megabytes", "month_year", "list_pair"}
SHARED_KEYS |= {"list_separator", "decimal_separator"}


def swedish_phrases() -> set[str]:
    """Every piece of the Swedish texts between placeholders, with its words: "Lyssna",
    "Innehållsvarning:", "Ladda ner uppläsningen (MP3, ", and the Swedish names of the vocabulary."""
    swedish = VOCABULARY.translations["sv"]
    pieces = {
        piece.strip(" .,:;()")
        for key, text in swedish.strings.items()
        if key not in SHARED_KEYS
        for piece in PLACEHOLDER.sub("\0", text).split("\0")
    }
    labels = {label for kind in swedish.terms.values() for label in kind.values()}
    return {piece for piece in pieces | labels if len(piece) >= 5}


VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


@dataclass
class _Texts(HTMLParser):
    """Walks a page and notes each piece of text with the nearest lang and dir around it."""

    pieces: list[tuple[str, str, str]] = field(default_factory=list)
    stack: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang, direction = self.stack[-1][1:] if self.stack else ("", "ltr")
        if tag not in VOID:
            self.stack.append((tag, values.get("lang") or lang, values.get("dir") or direction))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        inside = [entry[0] for entry in self.stack]
        if data.strip() and "script" not in inside and "style" not in inside and "title" not in inside:
            lang, direction = self.stack[-1][1:] if self.stack else ("", "ltr")
            self.pieces.append((re.sub(r"\s+", " ", data.strip()), lang, direction))


def texts_with_language(html: str) -> list[tuple[str, str, str]]:
    """Each text of a page as (text, its language, its direction)."""
    parser = _Texts()
    parser.feed(html)
    return parser.pieces


def swedish_outside_swedish(html: str) -> list[str]:
    """The Swedish phrases of our texts that a page shows in an element not marked Swedish."""
    return sorted(
        {
            phrase
            for text, lang, _ in texts_with_language(html)
            if lang.split("-")[0] != "sv"
            for phrase, pattern in _PATTERNS.items()
            if pattern.search(text)
        }
    )


# Whole words only: "Diskriminering" is Swedish, "Diskrimineringsombudsmannen" is DO's name.
_PATTERNS = {phrase: re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)") for phrase in swedish_phrases()}
