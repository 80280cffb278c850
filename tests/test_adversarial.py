"""Hostile stories: every character shows as text in the final HTML, or the build names the file."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.build import BuildOptions, build_site
from generator.errors import UserError
from generator.load import TEXT_MAX
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


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import GOOD_FIELDS, copy_project, front_matter_text

    base = tmp_path_factory.mktemp("hostile")
    stories = base / "stories"
    stories.mkdir()
    for name, body in HOSTILE_BODIES.items():
        fields = {**GOOD_FIELDS, "id": f"x-{name}", "title": f"Prov {name}"}
        (stories / f"x-{name}.md").write_text(
            f"---\n{front_matter_text(fields)}\n---\n{body}\n", encoding="utf-8"
        )
    title = {**GOOD_FIELDS, "id": "x-jinja-title", "title": JINJA_TITLE}
    (stories / "x-jinja-title.md").write_text(f"---\n{yaml.safe_dump(title)}---\nText.\n", encoding="utf-8")
    project = copy_project(base / "project")
    build_site(BuildOptions(stories, project / "site", project / "mkdocs.yml", voice="none"))
    return project / "site"


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


def test_no_page_links_or_loads_anything_injected(hostile_site: Path) -> None:
    for page in hostile_site.rglob("*.html"):
        parser = AttributeValues()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.tags & {"iframe", "img", "object", "embed"}, page
        for name, value in parser.attributes:
            assert not name.startswith("on"), (page, name)
            assert "tracker.example" not in value and "evil.example" not in value, (page, value)
            assert not value.lower().startswith(("javascript:", "data:")), (page, value)


def test_snippet_syntax_includes_no_file(hostile_site: Path) -> None:
    page = (hostile_site / "berattelser" / "x-snippets" / "index.html").read_text(encoding="utf-8")
    assert "site_name:" not in page


def test_jinja_in_a_title_stays_literal_everywhere(hostile_site: Path) -> None:
    page = (hostile_site / "berattelser" / "x-jinja-title" / "index.html").read_text(encoding="utf-8")
    literal = JINJA_TITLE
    assert f"<title>{literal} – Berättelser om diskriminering</title>" in page
    assert f'<h1 id="mening-0" lang="sv" dir="ltr">{literal}</h1>' in page
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(doc["title"] == literal for doc in index["docs"])


def test_search_index_holds_no_hostile_markup_only_its_words(hostile_site: Path) -> None:
    """Story text stays out of the index; its distinctive words go in, as plain words."""
    index = json.loads((hostile_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [doc for doc in index["docs"] if doc["location"].startswith("berattelser/x-script/")]
    text = " ".join(doc["text"] for doc in entries)
    assert "<script>" not in text and "&lt;script&gt;" not in text
    assert "Ord ur berättelsen: script, alert" in text


@pytest.mark.parametrize(
    "title",
    [
        "</title><script>alert(1)</script>",
        "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_a_hostile_title_fails_the_build_naming_file_and_field(
    project: Path, stories_dir: Path, write_safe_story: StoryWriter, title: str
) -> None:
    write_safe_story(title=title)
    with pytest.raises(UserError) as caught:
        build_site(BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", voice="none"))
    (detail,) = caught.value.details
    assert "hbg-0001.md:" in detail and ": title: " in detail
    assert title not in detail
    assert not (project / "site").exists()


def test_unknown_keys_that_would_steer_mkdocs_fail_the_build(
    project: Path, stories_dir: Path, write_story: StoryWriter
) -> None:
    write_story(template="main.html", hide="[navigation]", render_macros="true")
    with pytest.raises(UserError) as caught:
        build_site(BuildOptions(stories_dir, project / "site", project / "mkdocs.yml", voice="none"))
    fields = [detail.split(": ")[1] for detail in caught.value.details]
    assert fields == ["template", "hide", "render_macros"]


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
    assert page.count("Det här är en mening som upprepas.") == 28 * 30


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
