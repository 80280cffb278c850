from __future__ import annotations

from pathlib import Path

from generator.site.postbuild import built_pages, finish_built_pages

SITE = {
    "index.html": "<p>start</p>\n",
    "om/index.html": "<p>om ä</p>\r\n",
    "berattelser/a/index.html": "<p>a</p>\n",
    "404.html": "<p>saknas</p>\n",
    "sitemap.xml": "<urlset></urlset>\n",
    "assets/style.css": "p{}\n",
}


def write_site(site: Path) -> None:
    for relative, text in SITE.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_bytes(text.encode("utf-8"))


def test_built_pages_are_the_html_files_in_the_order_of_their_paths(tmp_path: Path) -> None:
    write_site(tmp_path)
    assert built_pages(tmp_path) == ["404.html", "berattelser/a/index.html", "index.html", "om/index.html"]


def test_each_page_is_finished_once_with_its_path_and_html_as_the_engine_wrote_it(tmp_path: Path) -> None:
    write_site(tmp_path)
    seen: list[tuple[str, str]] = []

    def finish(page: str, html: str) -> str:
        seen.append((page, html))
        return html.replace("<p>", '<p class="klar">')

    finish_built_pages(tmp_path, finish)
    assert seen == [(page, SITE[page]) for page in sorted(SITE) if page.endswith(".html")]
    assert (tmp_path / "om" / "index.html").read_bytes() == '<p class="klar">om ä</p>\r\n'.encode()
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == SITE["sitemap.xml"]
    assert (tmp_path / "assets" / "style.css").read_text(encoding="utf-8") == SITE["assets/style.css"]


def test_a_page_the_function_leaves_alone_is_not_written_again(tmp_path: Path) -> None:
    write_site(tmp_path)
    page = tmp_path / "index.html"
    before = page.stat()

    finish_built_pages(tmp_path, lambda path, html: html if path == "index.html" else html + "<!-- x -->")
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert (tmp_path / "404.html").read_text(encoding="utf-8") == "<p>saknas</p>\n<!-- x -->"
