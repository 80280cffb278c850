"""The Jinja environment and the shape of a generated page: YAML front matter, one HTML block.

The story pages and the statistics pages are both made here.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import urls
from generator.site.hyphenation import soft_hyphenate
from generator.site.phones import phone_parts
from generator.site.qr import qr_svg

# libyaml's emitter when PyYAML has it: the same YAML, several times faster than the pure-Python one.
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@cache
def environment() -> Environment:
    """The templates' environment: autoescaping on, so every value is text. `phone_parts` splits
    one of the site's own texts at its phone numbers, which a template makes tel: links."""
    templates = Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    templates.filters["phone_parts"] = phone_parts
    templates.filters["qr_code"] = qr_code
    return templates


def qr_code(address: str, label: str) -> Markup:
    """`{{ address | qr_code(label) }}`: the QR code of an address as inline SVG. Markup, because
    qr_svg draws it from the address as data and escapes the label itself."""
    return Markup(qr_svg(address, label))  # noqa: S704 - qr_svg's SVG holds no text but the escaped label


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


def render_page(
    template: str,
    page: str,
    title: str,
    description: str,
    meta: Mapping[str, str] | None = None,
    /,
    **context: object,
) -> tuple[str, str]:
    """Render a template for one Swedish page; return its path and its Markdown text.

    Templates get `link(target)`, the relative URL from this page to another generated page.
    `meta` adds front matter the theme reads (overrides/main.html: the link preview's `og_*`),
    its text already escaped with `as_html`.
    """
    return _render(template, page, dict(meta or {}), title, description, context)


def render_page_in(
    language: str,
    direction: str,
    sample_notice: str,
    template: str,
    page: str,
    title: str,
    description: str,
    meta: Mapping[str, str] | None = None,
    /,
    **context: object,
) -> tuple[str, str]:
    """Render a page in another language than Swedish. Its front matter says so (`lang`, and
    `dir` when it is written right to left), which the theme puts on <html>
    (overrides/partials/language.html) while it marks its own Swedish parts lang="sv".

    It also carries the page's words for the theme's notice that the archive is the sample
    (overrides/main.html, shown when mkdocs.yml sets extra.sample_archive): the theme has only
    Swedish, and the generator has every language's texts.
    """
    front_matter: dict[str, object] = {"lang": language, "sample_notice": sample_notice, **(meta or {})}
    if direction != "ltr":
        front_matter["dir"] = direction
    return _render(template, page, front_matter, title, description, context)


def _render(
    template: str,
    page: str,
    front_matter: dict[str, object],
    title: str,
    description: str,
    context: dict[str, object],
) -> tuple[str, str]:
    def link(target: str) -> str:
        return urls.relative_url(page, target)

    # The page's heading breaks its long words at their joints on a phone; the front matter's
    # title (<title>, navigation, search) stays as it is written.
    html = (
        environment()
        .get_template(template)
        .render(link=link, urls=urls, title=soft_hyphenate(title), **context)
    )
    header: dict[str, object] = {
        "title": as_html(title),
        "description": as_html(description),
        # No side menus on the generator's pages: the header's tabs and the page's own links
        # lead on, and the page gets the width to read (issue 18).
        "hide": ["navigation", "toc"],
    }
    return page, to_markdown(header | front_matter, html)
