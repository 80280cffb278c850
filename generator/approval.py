"""What an approval covers, and whether a story is still what its editor approved.

`approve` stores a hash of the title, the language and the text as the site will show them
(paragraphs after cleaning, so a re-wrapped line does not void an approval, but any changed
word does). A story whose hash no longer matches was edited after approval: it is not
published until an editor has read it again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

HASH_PATTERN = re.compile(r"^sha256:[0-9a-f]{64}$")


def content_hash(title: str, language: str, paragraphs: Sequence[str]) -> str:
    """Return the hash an approval stores: 'sha256:' and 64 hex digits."""
    payload = json.dumps([title, language, list(paragraphs)], ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()
