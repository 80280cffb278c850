"""What an approval covers, and whether a story is still what its editor approved.

`approve` stores a hash of the title, the language and the text as the site will show them
(paragraphs after cleaning, so trailing spaces, line ends and extra blank lines do not void an
approval, but any changed word or line break does). A story whose hash no longer matches was
edited after approval: it is not published until an editor has read it again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

from generator.text import clean_text, split_paragraphs

HASH_PATTERN = re.compile(r"^sha256:[0-9a-f]{64}$")

# What an approval covers: the title, the language and the paragraphs, as the site shows them.
Content = tuple[str, str, tuple[str, ...]]


def content_hash(title: str, language: str, paragraphs: Sequence[str]) -> str:
    """Return the hash an approval stores: 'sha256:' and 64 hex digits."""
    payload = json.dumps([title, language, list(paragraphs)], ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def approved_content(title: str, language: str, body: str) -> Content:
    """Return what an approval covers of a story file's title, language and body as written.

    The same cleaning as the checks of title and text, so that this content hashes to the
    approved_hash of a story that has not changed since `approve`.
    """
    return " ".join(clean_text(title).text.split()), language, split_paragraphs(clean_text(body).text)
