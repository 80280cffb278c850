"""Soft hyphens in the long Swedish compounds of the site's own headings.

A phone 320 px wide cannot fit "Tillgänglighetsredogörelse" in a heading, and the browser then
breaks it anywhere ("Tillgänglighetsredogörels/e"). CSS `hyphens: auto` would split it well, but
only where the browser has a Swedish dictionary, and Chromium on Linux ships none. So the
generator marks the joints of its own long words with soft hyphens (U+00AD): invisible until
a line must break there, when the browser shows a hyphen. Search finds the word whole
(Pagefind reads through a soft hyphen). A story's own words are never touched.
"""

from __future__ import annotations

import re
from functools import cache

SOFT_HYPHEN = "\u00ad"

# The compounds the site's headings use, with "|" at each joint where a line may break. Each
# matches at the start of a word, so its inflections follow ("…grund", "…grunder", "…grunderna").
COMPOUNDS = (
    "anti|diskriminerings|byrå",
    "diskriminerings|grund",
    "diskriminerings|lag",
    "diskriminerings|ombuds|man",
    "funktions|ned|sättning",
    "köns|över|skridande",
    "tillgänglighets|redo|görelse",
    "tros|upp|fattning",
)


@cache
def _pattern() -> re.Pattern[str]:
    """One expression for every compound, each a group per part, at the start of a word."""
    alternatives = ("".join(f"({re.escape(part)})" for part in compound.split("|")) for compound in COMPOUNDS)
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{a})" for a in alternatives) + ")", re.IGNORECASE)


def _mark_joints(match: re.Match[str]) -> str:
    """The matched compound in its own letter case, a soft hyphen between its parts."""
    return SOFT_HYPHEN.join(part for part in match.groups() if part is not None)


def soft_hyphenate(text: str) -> str:
    """Put a soft hyphen at each joint of the site's long compounds in `text` (a heading or a
    label the generator writes), so a narrow screen breaks them there and nowhere else."""
    return _pattern().sub(_mark_joints, text)
