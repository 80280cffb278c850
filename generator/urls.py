"""Where each generated page lives, and relative links between pages of the built site.

Links inside the generated HTML are not rewritten by MkDocs (it only rewrites Markdown links),
so they are computed here for `use_directory_urls: true`, relative so the site works in a
sub-folder and from a file share.
"""

from __future__ import annotations

import re

# The language homes (/en/, /ar/, ...): each lists the stories of the languages that name it as
# their `home` in vocabulary.yaml, in that language, with help in that language.
LANGUAGE_HOMES = ("en", "ar", "vi", "bs")
# The Swedish pages that list the stories in each language.
LANGUAGES_FOLDER = "sprak"

# The print packs (generator/site/packs.py): a page for each of the plan's measures and each
# ground, made to be printed on A4 and taken into a library, a school or a meeting.
PRINT_FOLDER = "skriv-ut"

# What the generator owns under docs/: its folders, and the start page (it opens with stories).
# Git-ignored, rewritten on every build.
GENERATED_ROOTS = (
    "berattelser",
    "grunder",
    "arenor",
    "upplevelser",
    "planen",
    "statistik",
    LANGUAGES_FOLDER,
    *LANGUAGE_HOMES,
    "index.md",
    "dialog.md",
    PRINT_FOLDER,
)


def is_generated(relative: str) -> bool:
    """Whether a path under docs/ is the generator's to write (else it is written by hand)."""
    return relative.split("/")[0] in GENERATED_ROOTS


# Which folder lists each kind of vocabulary term, and the statistics page of that question.
TERM_FOLDERS = {"grounds": "grunder", "arenas": "arenor", "experiences": "upplevelser"}


STATISTICS_PAGES = {
    "grounds": "statistik/grunder.md",
    "arenas": "statistik/arenor.md",
    "experiences": "statistik/upplevelser.md",
}


# Where Pagefind writes its index and its search interface in the site (generator/site/search.py),
# and the search page that uses them (written by hand: docs/sok.md).
SEARCH_FOLDER = "pagefind"
SEARCH_PAGE = "sok/index.html"


# Where the readings are placed in the site (their MP3 and WebVTT files), and their podcast feed.
AUDIO_FOLDER = "ljud"
FEED_PATH = "podcast.xml"
# The feeds of a ground's, a measure's and a language's stories lie beside their page under this
# name; every feed shows the same cover art, at the site's root.
FEED_NAME = "podd.xml"
FEED_COVER = "podd.png"


def feed_path(page: str) -> str:
    """Return where the podcast feed of a listing page's stories is: in the page's own folder
    ('grunder/kon/podd.xml'), so its address says what it holds."""
    return f"{page_dir(page)}/{FEED_NAME}"


def reading_name(story_id: str, reading_key: str) -> str:
    """The name of a story's reading files and of its episode in the feed (the GUID): the id, and
    part of the reading's key, so that a browser or a podcast app never keeps an older reading."""
    return f"{story_id}-{reading_key[:16]}"


def reading_file(story_id: str, reading_key: str, suffix: str) -> str:
    """Return the path in the site of a story's reading file: 'mp3' or 'vtt', or its film: 'mp4'."""
    return f"{AUDIO_FOLDER}/{reading_name(story_id, reading_key)}.{suffix}"


# The two places a story's id is part of an address: its page's folder and its reading's name.
_STORY_FOLDER = re.compile(r"(?:^|/)berattelser/([a-z0-9][a-z0-9-]*)(?=$|[/?#])")
_READING_NAME = re.compile(r"([a-z0-9][a-z0-9-]*)-[0-9a-f]{16}")
_READING_FILE = re.compile(rf"(?:^|/){AUDIO_FOLDER}/{_READING_NAME.pattern}\.(?:mp3|vtt|mp4)(?=$|[?#])")


def story_at(address: str) -> str | None:
    """The id of the story whose page or reading a path in the site, or a URL, leads to (else None)."""
    match = _STORY_FOLDER.search(address) or _READING_FILE.search(address)
    return match[1] if match else None


def story_of_reading(name: str) -> str | None:
    """The id of the story a reading's name (a feed GUID) belongs to (else None)."""
    match = _READING_NAME.fullmatch(name)
    return match[1] if match else None


def as_typed(address: str) -> str:
    """A web address as a reader would type it: without https:// and the closing slash."""
    return re.sub(r"^https?://", "", address).rstrip("/")


def story_page(story_id: str) -> str:
    """Return the Markdown path of a story's page, relative to docs/."""
    return f"berattelser/{story_id}.md"


def term_page(kind: str, key: str) -> str:
    """Return the Markdown path of the browse page of one ground, arena or experience."""
    return f"{TERM_FOLDERS[kind]}/{key}.md"


def terms_index_page(kind: str) -> str:
    """Return the Markdown path of the page that lists every term of a kind."""
    return f"{TERM_FOLDERS[kind]}/index.md"


def measure_page(number: int) -> str:
    """Return the Markdown path of the page of one of the plan's measures."""
    return f"planen/atgard-{number:02d}.md"


def language_home(home: str) -> str:
    """Return the Markdown path of a language's home page; Swedish has the site's own start page."""
    return f"{home}/index.md" if home else "index.md"


def help_page(home: str) -> str:
    """Return the Markdown path of the help page in a language home's language (Swedish: hjalp.md)."""
    return f"{home}/help.md" if home else "hjalp.md"


def language_list_page(language: str) -> str:
    """Return the Markdown path of the Swedish page listing the stories written in one language."""
    return f"{LANGUAGES_FOLDER}/{language}.md"


def languages_page() -> str:
    """Return the Markdown path of the Swedish page about the site's languages."""
    return f"{LANGUAGES_FOLDER}/index.md"


# The page that invites residents to share their own experience and take part in the city's
# dialogue (issue 19), linked from the home page and every story.
DIALOGUE_PAGE = "dialog.md"


def page_address(site_url: str, md_path: str) -> str:
    """The whole address of a page on the published site, to copy, share or print ('' when
    mkdocs.yml gives no site_url: a relative link cannot be shared)."""
    if not site_url:
        return ""
    folder = page_dir(md_path)
    return site_url.rstrip("/") + "/" + (folder + "/" if folder else "")


def page_dir(md_path: str) -> str:
    """Return the folder a Markdown page is served from, as MkDocs does with directory URLs."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index")


def relative_url(from_md: str, to_md: str) -> str:
    """Return the relative URL from one page to another, ending in '/' like MkDocs' own."""
    return relative_path(page_dir(to_md), page_dir(from_md)) + "/"


def file_url(from_md: str, site_path: str) -> str:
    """Return the relative URL from a page to a file in the site, such as 'ljud/x.mp3'."""
    return relative_path(site_path, page_dir(from_md))


def relative_path(path: str, start: str) -> str:
    """Return `posixpath.relpath(path, start)` for two paths inside the site, without its cost
    (it asks the operating system for the working folder, thousands of times per page listing)."""
    path_parts = [part for part in path.split("/") if part not in ("", ".")]
    start_parts = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    for ours, theirs in zip(path_parts, start_parts, strict=False):
        if ours != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."


def print_index_page() -> str:
    """Return the Markdown path of the page that lists every print pack."""
    return f"{PRINT_FOLDER}/index.md"


def print_measure_page(number: int) -> str:
    """Return the Markdown path of the print pack of one of the plan's measures."""
    return f"{PRINT_FOLDER}/{measure_page(number)}"


def print_ground_page(key: str) -> str:
    """Return the Markdown path of the print pack of one ground of discrimination."""
    return f"{PRINT_FOLDER}/{term_page('grounds', key)}"
