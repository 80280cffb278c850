"""Hostile stories: every character shows as text in the final HTML, or the build names the file."""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import UserError
from generator.intake.load import TEXT_MAX
from generator.model import Story
from generator.pipeline import BuildOptions, build_site
from tests.conftest import StoryWriter

HOSTILE_BODIES = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "svg-onload": "<svg onload=alert(1)>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "style": "<style>body{display:none}</style>",
    "js-link": "[klicka](javascript:alert(1)) och [igen](JaVaScRiPt:alert(1))",
    "data-link": "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "reference-link": "[klicka][1]\n\n[1]: javascript:alert(1)",
    "attr-list": 'Ett stycke.\n{: onclick="alert(1)" }',
    "heading-attr": "# Rubrik {: onclick=alert(1) }",
    "breakout": '</div></div><div class="admonition danger">Officiellt meddelande från staden</div>',
    "admonition": '!!! danger "Varning"\n    Officiellt meddelande\n\n???+ note\n    mer',
    "structure": "---\n\n# Rubrik\n\n    indraget kodblock\n\n```\nkodstaket\n```",
    "snippets": '--8<-- "mkdocs.yml"\n\n--8<-- ".env"',
    "jinja": "{{ config }} {% include 'base.html' %} {{ 7*7 }}",
    "remote-image": "![x](https://tracker.example/p.png)",
    "raw-link": '<a href="https://tracker.example/">klick</a>',
    "entities": "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#60;b&#62;",
    "comment": "<!-- dold --> <![CDATA[ x ]]>",
    "placeholder": "\x02wzxhzdk:0\x03 text",
    "bidi": "vänster \u202eomvänd\u202c höger\u200b",
}


JINJA_TITLE = "{{ config.site_name }} *fet* [l](javascript:x)"


class StoryRegion(HTMLParser):
    """Collect the tags and text inside the story's text element of a built page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.tags.append(tag)
            self.attributes += [name for name, _ in attrs]
            if tag != "br":
                self.depth += 1
        elif ("class", "hbg-story__text") in attrs:
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


def story_region(page: Path) -> StoryRegion:
    parser = StoryRegion()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def build_archive(base: Path, files: dict[str, str], voice: str = "none") -> Path:
    """Build a site from story files (name -> whole text) in a fresh copy of the project."""
    from tests.conftest import copy_project

    stories = base / "stories"
    stories.mkdir()
    for name, text in files.items():
        (stories / name).write_text(text, encoding="utf-8")
    project = copy_project(base / "project")
    build_site(
        BuildOptions(
            stories, project / "site", project / "mkdocs.yml", voice=voice, cache_dir=project / ".cache"
        )
    )
    return project / "site"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import GOOD_FIELDS, front_matter_text

    files = {
        f"x-{name}.md": f"---\n{front_matter_text({**GOOD_FIELDS, 'id': f'x-{name}', 'title': f'Prov {name}'})}"
        f"\n---\n{body}\n"
        for name, body in HOSTILE_BODIES.items()
    }
    title = {**GOOD_FIELDS, "id": "x-jinja-title", "title": JINJA_TITLE}
    files["x-jinja-title.md"] = f"---\n{yaml.safe_dump(title)}---\nText.\n"
    return build_archive(tmp_path_factory.mktemp("hostile"), files)


@pytest.mark.build
@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_hostile_body_is_shown_as_text_and_nothing_else(hostile_site: Path, name: str) -> None:
    region = story_region(hostile_site / "berattelser" / f"x-{name}" / "index.html")
    assert set(region.tags) <= {"p", "br", "span"}, region.tags
    assert set(region.attributes) <= {"class", "id"}
    shown = "".join(region.text)
    expected = HOSTILE_BODIES[name].replace("\x02", "").replace("\x03", "")
    for line in expected.split("\n"):
        assert line.strip() in shown


class AttributeValues(HTMLParser):
    """Collect every tag name and attribute of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(name, value or "") for name, value in attrs]
        values = dict(attrs)
        if tag == "meta" and values.get("property") in ("og:url", "og:image"):
            self.attributes.append(("href", values.get("content") or ""))


# What makes a browser (or a link preview) follow or fetch an address. A story's words may stand in
# other attributes as text (a link preview's og:description is the story's opening), escaped.
LINKING = frozenset("href src srcset action formaction poster data cite background xlink:href".split())


@pytest.mark.build
def test_no_page_links_or_loads_anything_injected(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        parser = AttributeValues()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.tags & {"iframe", "img", "object", "embed"}, page
        for name, value in parser.attributes:
            assert not name.startswith("on"), (page, name)
            if name in LINKING:
                assert "tracker.example" not in value and "evil.example" not in value, (page, value)
                assert not value.lower().startswith(("javascript:", "data:")), (page, value)


@pytest.mark.build
def test_snippet_syntax_includes_no_file(hostile_site: Path) -> None:
    page = (hostile_site / "berattelser" / "x-snippets" / "index.html").read_text(encoding="utf-8")
    assert "site_name:" not in page


@pytest.mark.build
def test_jinja_in_a_title_stays_literal_everywhere(hostile_site: Path) -> None:
    page = (hostile_site / "berattelser" / "x-jinja-title" / "index.html").read_text(encoding="utf-8")
    literal = JINJA_TITLE
    assert f"<title>{literal} – Berättelser om diskriminering</title>" in page
    assert f'<h1 id="mening-0" data-pagefind-weight="10">{literal}</h1>' in page
    assert search_entry(hostile_site, "x-jinja-title")["meta"]["title"] == JINJA_TITLE


def search_entry(site: Path, story_id: str) -> dict[str, Any]:
    """What Pagefind's index holds of one story page: its fragment, compressed JSON."""
    entries = [
        json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        for path in (site / "pagefind" / "fragment").iterdir()
    ]
    return next(entry for entry in entries if entry["url"] == f"/berattelser/{story_id}/")


@pytest.mark.build
def test_search_index_holds_hostile_markup_as_the_text_the_page_shows(hostile_site: Path) -> None:
    """Pagefind keeps a page's text, not its markup: the story's `<script>` is its words, which
    Pagefind's script escapes before it builds an excerpt (tests/test_browser_search.py shows
    them as text in chromium). Nothing of the template around the story is in the index."""
    content = search_entry(hostile_site, "x-script")["content"]
    assert content == "Prov script. <script>alert(1)</script> Ålder Arbetsliv Utanförskap"


# Titles are any text (FORMAT.md): each of these is shown exactly, as text, wherever a title goes.
ODD_TITLES = {
    "t-vi-och-dom": '"Vi" & dom',
    "t-mamma": "Mamma & jag",
    "t-hjarta": "<3 till dig",
    "t-storre": "Lön > värdighet?",
    "t-apostrof": "Jag's 'dag' & \"natt\"",
    "t-entitet": "&amp; &lt;b&gt; &#60;i&#62;",
    "t-stang": "</title><script>alert(1)</script>",
    "t-bild": "<img src=x onerror=alert(1)>",
}
SITE_NAME = "Berättelser om diskriminering"


class ElementTexts(HTMLParser):
    """The text inside each element that has a given attribute, and every tag of the page."""

    def __init__(self, attribute: tuple[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.attribute = attribute
        self.depth = 0
        self.texts: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self.in_title = tag == "title"
        if self.depth:
            self.depth += 1
        elif self.attribute in attrs:
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.depth:
            self.texts[-1] += data


def element_texts(page: Path, attribute: tuple[str, str]) -> ElementTexts:
    parser = ElementTexts(attribute)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def titled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import GOOD_BODY, GOOD_FIELDS, stamped

    files = {}
    for story_id, title in ODD_TITLES.items():
        fields = stamped({**GOOD_FIELDS, "id": story_id, "title": title}, GOOD_BODY)
        dumped = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
        files[f"{story_id}.md"] = f"---\n{dumped}---\n{GOOD_BODY}"
    return build_archive(tmp_path_factory.mktemp("titles"), files, voice="espeak")


@pytest.mark.build
@pytest.mark.parametrize("story_id", sorted(ODD_TITLES))
def test_a_title_shows_exactly_in_the_page_title_heading_and_header(titled_site: Path, story_id: str) -> None:
    title = ODD_TITLES[story_id]
    page = titled_site / "berattelser" / story_id / "index.html"
    assert element_texts(page, ("id", "mening-0")).texts == [title]
    header = element_texts(page, ("data-md-component", "header-topic"))
    assert [text.strip() for text in header.texts] == [title]
    assert "".join(header.title) == f"{title} – {SITE_NAME}"


@pytest.mark.build
@pytest.mark.parametrize("story_id", sorted(ODD_TITLES))
def test_a_title_shows_exactly_in_the_listings(titled_site: Path, story_id: str) -> None:
    listings = {
        "berattelser/index.html": f"{story_id}/",
        "grunder/alder/index.html": f"../../berattelser/{story_id}/",
        "arenor/arbetsliv/index.html": f"../../berattelser/{story_id}/",
    }
    for listing, href in listings.items():
        assert element_texts(titled_site / listing, ("href", href)).texts == [ODD_TITLES[story_id]], listing


@pytest.mark.build
def test_no_title_adds_an_element_or_attribute_to_any_page(titled_site: Path) -> None:
    for page in titled_site.rglob("*.html"):
        tags = element_texts(page, ("", "")).tags
        assert not [tag for tag, _ in tags if tag in ("img", "i", "b")], page
        assert not [attrs for _, attrs in tags if any(name.startswith("on") for name, _ in attrs)], page
        assert "alert(1)</script>" not in page.read_text(encoding="utf-8").replace("&lt;/script&gt;", ""), (
            page
        )


@pytest.mark.build
def test_the_search_index_holds_each_title_as_html_text_that_shows_it_exactly(titled_site: Path) -> None:
    """Pagefind's interface shows a result's title as text: the index holds it exactly."""
    for story_id, title in ODD_TITLES.items():
        assert search_entry(titled_site, story_id)["meta"]["title"] == title


@pytest.mark.build
def test_the_feed_the_timings_and_the_tags_hold_each_title_exactly(titled_site: Path) -> None:
    from xml.etree import ElementTree

    from tests.test_mp3 import parse_tag, utf16

    feed = ElementTree.fromstring((titled_site / "podcast.xml").read_bytes())
    assert sorted(item.findtext("title") or "" for item in feed.iter("item")) == sorted(ODD_TITLES.values())
    for story_id, title in ODD_TITLES.items():
        (vtt,) = (titled_site / "ljud").glob(f"{story_id}-*.vtt")
        first_cue = vtt.read_text(encoding="utf-8").split("\n\n")[1].split("\n")
        assert first_cue[0] == "mening-0"
        assert "<" not in first_cue[2] and unescape(first_cue[2]) == title
        (mp3,) = (titled_site / "ljud").glob(f"{story_id}-*.mp3")
        data = mp3.read_bytes()
        size = data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9]
        frames = dict(parse_tag(data[: 10 + size]))
        assert utf16(frames["TIT2"][1:]) == title


def test_unknown_keys_that_would_steer_mkdocs_fail_the_build(
    project: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(template="main.html", hide="[navigation]", render_macros="true")
    with pytest.raises(UserError) as caught:
        build_site(BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", voice="none"))
    fields = [detail.split(": ")[1] for detail in caught.value.details]
    assert fields == ["template", "hide", "render_macros"]


@pytest.mark.build
def test_a_story_of_the_longest_allowed_text_builds(
    project: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    paragraph = "Det här är en mening som upprepas. " * 30
    body = "\n\n".join([paragraph.strip()] * 28)
    body += "\n\n" + "x" * (TEXT_MAX - len(body) - 2)
    write_story(body=body)
    build_site(BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", voice="none"))
    page = (project / "site" / "berattelser" / "hbg-0001" / "index.html").read_text(encoding="utf-8")
    assert len(body) == TEXT_MAX
    text = page.split('<div class="hbg-story__text">', 1)[1].split("</div>", 1)[0]
    assert text.count("Det här är en mening som upprepas.") == 28 * 30


def test_a_one_megabyte_story_is_refused_and_nothing_is_published(
    project: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    paragraph = "Det här är en mening som upprepas. " * 30
    write_story(body="\n\n".join([paragraph] * 1000))
    with pytest.raises(UserError) as caught:
        build_site(BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", voice="none"))
    assert [detail.split("/")[-1] for detail in caught.value.details] == [
        "hbg-0001.md: Filen är större än 200 000 byte, så den läses inte: en berättelse får vara högst "
        "30 000 tecken. Dela berättelsen i två berättelser (med var sitt id) eller korta den."
    ]
    assert not (project / "site").exists()


# A sentence long enough for the site check to look for it, in a story that is not published.
DRAFT_SENTENCE = "Hon på kassan sa högt att sådana som jag borde handla någon annanstans."


@pytest.fixture
def archive_with_drafts(stories_dir: Path, write_story: StoryWriter) -> Path:
    """A published story that uses the ids of two drafts as ordinary words and a quoted file name."""
    write_story(
        body="Jag tog bussen till jobbet.\n\nJag sparade filen som hbg-0007.md, och bussen var sen.\n"
    )
    write_story(id="bussen", status="draft", title="Utkast om en buss", body=f"{DRAFT_SENTENCE}\n")
    write_story(id="hbg-0007", status="review", title="Under granskning", body="Text under granskning.\n")
    return stories_dir


@pytest.mark.build
def test_a_draft_named_like_an_ordinary_word_and_a_quoted_file_name_do_not_stop_the_build(
    project: Path, archive_with_drafts: Path
) -> None:
    build_site(BuildOptions(archive_with_drafts, project / "site", project / "mkdocs.yml", voice="none"))
    page = (project / "site" / "berattelser" / "hbg-0001" / "index.html").read_text(encoding="utf-8")
    assert "Jag sparade filen som hbg-0007.md, och bussen var sen." in page
    assert not (project / "site" / "berattelser" / "bussen").exists()


# MkDocs hands each page over while it builds; ProperDocs' pages are checked from the built files.
ENGINES = ["mkdocs", "properdocs"]


@pytest.mark.build
@pytest.mark.parametrize("engine", ENGINES)
def test_a_draft_that_slips_past_the_gate_is_stopped_by_its_address_and_its_words(
    project: Path, archive_with_drafts: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    import generator.pipeline

    monkeypatch.setattr(generator.pipeline, "published_stories", lambda stories: tuple(stories))
    options = BuildOptions(archive_with_drafts, project / "site", project / "mkdocs.yml", voice="none")
    with pytest.raises(UserError) as caught:
        build_site(dataclasses.replace(options, engine=engine))
    details = caught.value.details
    assert "berattelser/bussen/index.html: filen hör till bussen, som inte är godkänd" in details
    assert "berattelser/bussen/index.html: visar en mening ur bussen, som inte är godkänd" in details
    assert "berattelser/bussen/index.html: data-hbg-story= nämner bussen, som inte är godkänd" in details
    assert (
        "arenor/arbetsliv/index.html: länken '../../berattelser/bussen/' leder till bussen, som inte är godkänd"
        in details
    )
    assert any(
        re.fullmatch(r"pagefind/fragment/sv_\w+\.pf_fragment: pekar på bussen, som inte är godkänd", d)
        for d in details
    )
    assert not (project / "site").exists()


@pytest.mark.build
@pytest.mark.parametrize("engine", ENGINES)
def test_a_drafts_sentence_on_a_published_page_is_stopped(
    project: Path, archive_with_drafts: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """A mistake in the rendering that puts a draft's words on another story's page."""
    import generator.pipeline

    render_site = generator.pipeline.render_site

    def mixed_up(published: tuple[Story, ...], *rest: object, **options: object) -> object:
        leaked = tuple(dataclasses.replace(s, paragraphs=(*s.paragraphs, DRAFT_SENTENCE)) for s in published)
        return render_site(leaked, *rest, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.pipeline, "render_site", mixed_up)
    options = BuildOptions(archive_with_drafts, project / "site", project / "mkdocs.yml", voice="none")
    with pytest.raises(UserError) as caught:
        build_site(dataclasses.replace(options, engine=engine))
    page, index = caught.value.details  # the page, and the search index made from it
    assert page == "berattelser/hbg-0001/index.html: visar en mening ur bussen, som inte är godkänd"
    assert re.fullmatch(
        r"pagefind/fragment/sv_\w+\.pf_fragment: visar en mening ur bussen, som inte är godkänd", index
    )
    assert DRAFT_SENTENCE not in "\n".join(caught.value.details)
