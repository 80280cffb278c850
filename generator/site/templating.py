"""The Jinja environment and the shape of a generated page: YAML front matter, one HTML block.

The story pages and the statistics pages are both made here, so they also share the way a page
writes a month.
"""

from __future__ import annotations

from functools import cache

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import escape

from generator import urls

# libyaml's emitter when PyYAML has it: the same YAML, several times faster than the pure-Python one.
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# A month as every page writes it: 'oktober 2025'.
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


@cache
def environment() -> Environment:
    """The templates' environment: autoescaping on, so every value is text."""
    return Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _compact(html: str) -> str:
    """Drop blank lines so Python-Markdown sees one raw HTML block from start to end."""
    return "\n".join(line for line in html.split("\n") if line.strip()) + "\n"


def to_markdown(front_matter: dict[str, object], html: str) -> str:
    """Join front matter and the HTML body into the text of one Markdown file."""
    header = yaml.dump(front_matter, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{header}---\n\n{_compact(html)}"


def as_html(text: str) -> str:
    """Text as MkDocs and Material read a page's front matter title and description: as HTML.

    Material prints them as they are in <title>, the header, the navigation, the description's
    <meta> and the search index (which its search dialog shows as HTML), so `&`, `<`, `>` and
    quotes are escaped here, once, and every one of those places shows the text exactly.
    """
    return str(escape(text))


def format_collected(collected: str) -> str:
    """Return '2025-10' as 'oktober 2025', and a bare year as it is."""
    year, _, month = collected.partition("-")
    return f"{MONTHS[int(month) - 1]} {year}" if month else year


def render_page(template: str, page: str, title: str, description: str, **context: object) -> tuple[str, str]:
    """Render a template for one page; return its path and its Markdown text.

    Templates get `link(target)`, the relative URL from this page to another generated page.
    """

    def link(target: str) -> str:
        return urls.relative_url(page, target)

    html = environment().get_template(template).render(link=link, urls=urls, title=title, **context)
    front_matter: dict[str, object] = {
        "title": as_html(title),
        "description": as_html(description),
        "hide": ["toc"],
    }
    return page, to_markdown(front_matter, html)
