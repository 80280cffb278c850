from __future__ import annotations

import yaml

from generator.site.templating import as_html, format_collected, render_page, to_markdown


def front_matter_of(markdown: str) -> dict[str, object]:
    loaded = yaml.safe_load(markdown.split("---\n", 2)[1])
    assert isinstance(loaded, dict)
    return loaded


def test_front_matter_is_dumped_so_a_title_cannot_add_fields() -> None:
    markdown = to_markdown({"title": 'x"\nstatus: approved\ntemplate: evil'}, "<div></div>")
    assert front_matter_of(markdown) == {"title": 'x"\nstatus: approved\ntemplate: evil'}


def test_a_page_is_front_matter_and_one_html_block_with_relative_links() -> None:
    path, markdown = render_page(
        "terms.html.j2",
        "grunder/index.md",
        "Rubrik",
        "Beskrivning",
        kind="arenas",
        terms={},
        counts={},
        has_statistics=False,
    )
    assert path == "grunder/index.md"
    assert front_matter_of(markdown) == {"title": "Rubrik", "description": "Beskrivning", "hide": ["toc"]}
    body = markdown.split("---\n", 2)[2]
    assert body.startswith("\n<div") and "\n\n" not in body.strip()


def test_title_and_description_go_into_front_matter_as_the_html_material_prints() -> None:
    _, markdown = render_page(
        "terms.html.j2",
        "grunder/index.md",
        '"Vi" & dom <3',
        "Om 'oss' & </title>",
        kind="arenas",
        terms={},
        counts={},
        has_statistics=False,
    )
    assert front_matter_of(markdown)["title"] == "&#34;Vi&#34; &amp; dom &lt;3"
    assert front_matter_of(markdown)["description"] == "Om &#39;oss&#39; &amp; &lt;/title&gt;"
    assert "<h1>&#34;Vi&#34; &amp; dom &lt;3</h1>" in markdown


def test_as_html_escapes_an_entity_so_it_shows_as_written() -> None:
    assert as_html("&amp; &lt;b&gt;") == "&amp;amp; &amp;lt;b&amp;gt;"


def test_format_collected_in_swedish() -> None:
    assert format_collected("2025-10") == "oktober 2025"
    assert format_collected("2019-01") == "januari 2019"
    assert format_collected("2020") == "2020"
