"""The words that make a story findable: what search indexes instead of the whole text.

Material's search index holds every page's full text, and every visitor who searches downloads
all of it: about 3.3 KB a story, 33 MB at 10,000 stories. A story page therefore keeps its text
out of the index and offers, besides its title, grounds and arenas, its most distinctive words:
those frequent in this story and rare in the others (tf-idf), shown on the page as well.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Mapping

from generator.model import Story

KEYWORDS_PER_STORY = 12
_WORD = re.compile(r"[^\W\d_]{5,}")


def _words(text: str) -> Counter[str]:
    return Counter(map(str.casefold, _WORD.findall(text)))


def _top(words: Counter[str], idf: dict[str, float], count: int) -> tuple[str, ...]:
    best = heapq.nsmallest(count, [(-n * idf[word], word) for word, n in words.items()])
    return tuple(word for _, word in best)


def distinctive_words(
    texts: Mapping[str, str], count: int = KEYWORDS_PER_STORY
) -> dict[str, tuple[str, ...]]:
    """Return the most distinctive words of each story's text (by story id), most distinctive first.

    It takes plain text, not stories, so that a worker can be sent the work cheaply.
    """
    counts = {story_id: _words(text) for story_id, text in texts.items()}
    documents: Counter[str] = Counter()
    for words in counts.values():
        documents.update(words.keys())
    idf = {word: math.log((1 + len(texts)) / found_in) for word, found_in in documents.items()}
    return {story_id: _top(words, idf, count) for story_id, words in counts.items()}


def story_text(story: Story) -> str:
    """The text whose words are counted: the story's paragraphs."""
    return "\n".join(story.paragraphs)
