from __future__ import annotations

from pathlib import Path

import pytest

from generator import sitecheck
from generator.memo import Memo
from generator.sitecheck import LARGE, check_site, is_foreign, scan_page, scheme_of
from generator.workers import worker_processes

STORY = '<div class="hbg-page hbg-story" data-hbg-story="a">{}</div>'


@pytest.mark.parametrize(
    ("html", "finding"),
    [
        (STORY.format("<script>alert(1)</script>"), "elementet <script> i berättelsen"),
        (STORY.format('<p onclick="x">t</p>'), "händelseattributet onclick="),
        (STORY.format('<a href="javascript:alert(1)">x</a>'), "schemat 'javascript'"),
        (STORY.format('<a href=" JaVa&#x09;Script:alert(1)">x</a>'), "schemat 'javascript'"),
        (STORY.format('<img src="https://tracker.example/p.png">'), "hämtar något från en annan värd"),
        (STORY.format('<p style="color:red">x</p>'), "attributet style= på <p> i berättelsen"),
        ('<iframe src="x.html"></iframe>', "otillåtet element <iframe>"),
        (
            '<script src="//cdn.example/x.js"></script>',
            "<script> hämtar något från en annan värd (cdn.example)",
        ),
        ('<link rel="stylesheet" href="https://fonts.example/css">', "<link> hämtar något"),
        ('<meta http-equiv="refresh" content="0;url=https://x">', "otillåten omdirigering"),
        ('<div style="background:url(https://x.example/a.png)"></div>', "style= på <div> hämtar något"),
    ],
)
def test_scan_flags_what_the_templates_never_produce(html: str, finding: str) -> None:
    findings, _ = scan_page("p.html", html)
    assert any(finding in f for f in findings), findings


def test_scan_accepts_what_the_templates_produce() -> None:
    html = STORY.format(
        '<h1 lang="ar" dir="rtl">t</h1><p>a<br>b</p><a href="../x/">l</a><a href="https://www.do.se/">do</a>'
        '<a href="tel:+4642105000">tel</a><section aria-labelledby="h"><h2 id="h">h</h2></section>'
    )
    html += '<script src="../assets/bundle.js"></script><script>var inline = 1</script>'
    html += '<link rel="canonical" href="https://example.org/x/"><a href="mailto:a@b.se">m</a>'
    assert scan_page("p.html", html)[0] == []


def test_inline_script_outside_the_story_is_the_themes_and_allowed_but_not_inside() -> None:
    assert scan_page("p.html", "<script>1</script>" + STORY.format("t"))[0] == []
    assert scan_page("p.html", STORY.format("<div><script>1</script></div>"))[0] != []


def test_scheme_and_host_helpers() -> None:
    assert scheme_of("java\nscript:x") == "javascript"
    assert scheme_of("../a/") == ""
    assert is_foreign("//cdn.example/x")
    assert is_foreign("https://a.example/")
    assert not is_foreign("../a.css")


def build_tiny_site(site: Path, pages: dict[str, str]) -> None:
    for relative, html in pages.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(html, encoding="utf-8")


def test_check_site_finds_missing_pages_hidden_ids_and_broken_links(tmp_path: Path) -> None:
    build_tiny_site(
        tmp_path,
        {
            "index.html": '<a href="berattelser/a/">a</a><a href="nowhere/">x</a><a href="/berattelser/a/">r</a>',
            "berattelser/a/index.html": STORY.format("text"),
            "search/search_index.json": '{"docs": [{"location": "berattelser/draft-1/"}]}',
        },
    )
    findings = check_site(tmp_path, ["a", "b"], ["draft-1"])
    assert findings == [
        "berattelser/b/: sidan för en godkänd berättelse saknas",
        "index.html: länken 'nowhere/' leder ingenstans",
        "search/search_index.json: nämner draft-1, som inte är godkänd",
    ]


def test_a_large_file_read_by_a_worker_is_checked_like_any_other(tmp_path: Path) -> None:
    padding = " ".join(["ord"] * (LARGE // 4))
    build_tiny_site(
        tmp_path,
        {
            "search/search_index.json": f'{{"docs": [{{"text": "{padding}", "location": "berattelser/draft-1/"}}]}}',
            "sitemap.xml": f"<urlset>{padding} draft-1</urlset>",
            "a.css": f"/* {padding} */ @import url(https://fonts.example/css);",
        },
    )
    with worker_processes(1) as workers:
        findings = check_site(tmp_path, [], ["draft-1"], workers=workers)
    assert findings == check_site(tmp_path, [], ["draft-1"])
    assert findings == [
        "a.css: stilmallen hämtar något från en annan värd ('url(https://')",
        "search/search_index.json: nämner draft-1, som inte är godkänd",
        "sitemap.xml: nämner draft-1, som inte är godkänd",
    ]


def test_a_file_checked_before_is_recalled_until_it_or_the_hidden_stories_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_tiny_site(site, {"a.js": "let x = 'draft-1';", "b.css": "p{}", "sitemap.xml": "<urlset/>"})
    first = check_site(site, [], ["draft-1"], memo=(memo := Memo(tmp_path / "memo")))
    assert first == ["a.js: nämner draft-1, som inte är godkänd"]
    memo.save()
    read: list[str] = []
    check_data = sitecheck._check_data
    monkeypatch.setattr(
        sitecheck, "_check_data", lambda relative, *rest: read.append(relative) or check_data(relative, *rest)
    )
    (site / "sitemap.xml").write_text("<urlset>ny</urlset>", encoding="utf-8")
    assert check_site(site, [], ["draft-1"], memo=Memo(tmp_path / "memo")) == first
    assert read == ["sitemap.xml"]
    assert check_site(site, [], ["draft-2"], memo=Memo(tmp_path / "memo")) == []
    assert sorted(read) == ["a.js", "b.css", "sitemap.xml", "sitemap.xml"]


def test_check_site_does_not_confuse_an_id_with_a_longer_one(tmp_path: Path) -> None:
    build_tiny_site(tmp_path, {"index.html": "hbg-00010"})
    assert check_site(tmp_path, [], ["hbg-0001"]) == []


def test_the_shortest_possible_id_is_found_in_a_text_but_not_inside_a_longer_run() -> None:
    text = 'ab, "abc" och abcd-1'
    assert sitecheck.mentions("a.json", text, frozenset({"abc"})) == [
        "a.json: nämner abc, som inte är godkänd"
    ]
    assert sitecheck.mentions("a.json", text, frozenset({"bcd", "och-abcd"})) == []


@pytest.mark.parametrize(
    "css",
    [
        "@import url(https://fonts.example/css);",
        "body{background:url('//cdn.example/a.png')}",
        '@import "https://x.example/a.css";',
    ],
)
def test_check_site_finds_stylesheets_that_fetch_from_elsewhere(tmp_path: Path, css: str) -> None:
    build_tiny_site(tmp_path, {"assets/a.css": css, "index.html": "<p>x</p>"})
    (finding,) = check_site(tmp_path, [], [])
    assert finding.startswith("assets/a.css: stilmallen hämtar något från en annan värd")


def test_check_site_accepts_data_urls_and_relative_urls_in_stylesheets(tmp_path: Path) -> None:
    build_tiny_site(
        tmp_path, {"a.css": "a{mask-image:url('data:image/svg+xml;x')} b{background:url(../i.png)}"}
    )
    assert check_site(tmp_path, [], []) == []
