from __future__ import annotations

import gzip
import json
from html import escape
from pathlib import Path

import pytest

from generator.cache.memo import Memo
from generator.model import Status, Story
from generator.pipeline import known_pages
from generator.site import sitecheck
from generator.site.search import SIGNATURE
from generator.site.sitecheck import (
    LARGE,
    Unpublished,
    check_site,
    distinctive_sentences,
    is_foreign,
    scan_page,
    scheme_of,
    unpublished_of,
)
from generator.workers import worker_processes

STORY = '<div class="hbg-page hbg-story" data-hbg-story="a">{}</div>'
# A sentence long enough to stand for the unpublished story that holds it.
SECRET = 'Chefen på lagret sa att folk som jag & "sådana" aldrig får fast jobb här.'
NOTHING = Unpublished()


def made_story(
    story_id: str, text: str = "Kort text.", status: Status = Status.APPROVED, title: str = "Rubrik"
) -> Story:
    """A validated story, as the checks get it."""
    return Story(story_id, title, status, "sv", "2025", (), (), (), (text,), f"{story_id}.md")


def unpublished(*stories: tuple[str, str]) -> Unpublished:
    """What the checks look for, for these (id, text) drafts."""
    return unpublished_of(made_story(story_id, text, Status.DRAFT) for story_id, text in stories)


def published(*ids: str) -> list[Story]:
    return [made_story(story_id) for story_id in ids]


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
    findings = scan_page("p.html", html)[0]
    assert any(finding in f for f in findings), findings


def test_scan_accepts_what_the_templates_produce() -> None:
    html = STORY.format(
        '<h1 lang="ar" dir="rtl">t</h1><p>a<br>b</p><a href="../x/">l</a><a href="https://www.do.se/">do</a>'
        '<a href="tel:+4642105000">tel</a><section aria-labelledby="h"><h2 id="h">h</h2></section>'
    )
    html += '<script src="../assets/bundle.js"></script><script>var inline = 1</script>'
    html += '<link rel="canonical" href="https://example.org/x/"><a href="mailto:a@b.se">m</a>'
    assert scan_page("p.html", html)[0] == []


def test_a_film_plays_from_the_site_or_the_readings_host_and_nowhere_else() -> None:
    film = '<video controls preload="none" src="{}"><track kind="captions" src="../../ljud/a.vtt"></video>'
    local = STORY.format(film.format("../../ljud/a-0123456789abcdef.mp4"))
    assert scan_page("p.html", local)[0] == []
    assert "../../ljud/a-0123456789abcdef.mp4" in scan_page("p.html", local)[1]
    hosted = STORY.format(film.format("https://ljud.example.se/ljud/a-0123456789abcdef.mp4"))
    assert scan_page("p.html", hosted, "https://ljud.example.se/")[0] == []
    assert scan_page("p.html", hosted)[0] == [
        "p.html: <video> hämtar något från en annan värd (ljud.example.se)"
    ]


def test_inline_script_outside_the_story_is_the_themes_and_allowed_but_not_inside() -> None:
    assert scan_page("p.html", "<script>1</script>" + STORY.format("t"))[0] == []
    assert scan_page("p.html", STORY.format("<div><script>1</script></div>"))[0] != []


HOSTILE_VALUES = [
    "javascript:alert(1)",
    "https://tracker.example/p.png",
    "//cdn.example/x",
    "url(//x.example/a)",
]


@pytest.mark.parametrize("name", sorted(sitecheck.HARMLESS_ATTRIBUTES))
def test_an_attribute_left_unlooked_at_outside_a_story_is_one_no_rule_is_about(name: str) -> None:
    """The scan skips these outside a story: the rules, asked one by one, find nothing either."""
    scanner = sitecheck._PageScanner("p.html")
    for tag in ["a", "link", "script", "img", "audio", "source", "div", "meta", "input", "video", "track"]:
        for value in HOSTILE_VALUES:
            scanner._check_attribute(tag, name, value, False, {"stylesheet"})
    assert scanner.findings == []


def test_an_attribute_outside_the_templates_list_is_flagged_inside_a_story_even_if_harmless_outside() -> None:
    assert scan_page("p.html", STORY.format('<p tabindex="0">t</p>'))[0] == [
        "p.html: attributet tabindex= på <p> i berättelsen kommer inte från mallarna"
    ]


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


def test_check_site_finds_missing_pages_unpublished_addresses_and_broken_links(tmp_path: Path) -> None:
    build_tiny_site(
        tmp_path,
        {
            "index.html": '<a href="berattelser/a/">a</a><a href="nowhere/">x</a><a href="/berattelser/a/">r</a>',
            "berattelser/a/index.html": STORY.format("text"),
            "search/search_index.json": '{"docs": [{"location": "berattelser/draft-1/"}]}',
        },
    )
    findings = check_site(tmp_path, published("a", "b"), unpublished(("draft-1", "x")))
    assert findings == [
        "berattelser/b/: sidan för en godkänd berättelse saknas",
        "index.html: länken 'nowhere/' leder ingenstans",
        "search/search_index.json: pekar på draft-1, som inte är godkänd",
    ]


def test_a_fragment_of_the_search_index_is_read_for_the_address_and_the_words_it_holds(
    tmp_path: Path,
) -> None:
    fragment = {"url": "/berattelser/draft-1/", "content": f"Rubrik. {SECRET}", "meta": {"title": "Rubrik"}}
    site = tmp_path / "site"
    (site / "pagefind" / "fragment").mkdir(parents=True)
    (site / "pagefind" / "fragment" / "sv_1234567.pf_fragment").write_bytes(
        gzip.compress(SIGNATURE + json.dumps(fragment).encode())
    )
    (site / "pagefind" / "fragment" / "sv_7654321.pf_fragment").write_bytes(b"not gzip")
    findings = check_site(site, [], unpublished(("draft-1", SECRET)))
    assert findings == [
        "pagefind/fragment/sv_1234567.pf_fragment: pekar på draft-1, som inte är godkänd",
        "pagefind/fragment/sv_1234567.pf_fragment: visar en mening ur draft-1, som inte är godkänd",
    ]


def test_a_large_file_read_by_a_worker_is_checked_like_any_other(tmp_path: Path) -> None:
    padding = " ".join(["ord"] * (LARGE // 4))
    build_tiny_site(
        tmp_path,
        {
            "search/search_index.json": f'{{"docs": [{{"text": "{padding}", "location": "berattelser/draft-1/"}}]}}',
            "sitemap.xml": f"<urlset>{padding}<url><loc>https://x.se/berattelser/draft-1/</loc></url></urlset>",
            "a.css": f"/* {padding} */ @import url(https://fonts.example/css);",
            "b.txt": f"{padding} {SECRET}",
        },
    )
    hidden = unpublished(("draft-1", "x"), ("draft-2", SECRET))
    with worker_processes(1) as workers:
        findings = check_site(tmp_path, [], hidden, workers=workers)
    assert findings == check_site(tmp_path, [], hidden)
    assert findings == [
        "a.css: stilmallen hämtar något från en annan värd ('url(https://')",
        "b.txt: visar en mening ur draft-2, som inte är godkänd",
        "search/search_index.json: pekar på draft-1, som inte är godkänd",
        "sitemap.xml: pekar på draft-1, som inte är godkänd",
    ]


def test_a_file_checked_before_is_recalled_until_it_or_the_unpublished_stories_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    build_tiny_site(site, {"a.js": f"let x = '{SECRET}';", "b.css": "p{}", "sitemap.xml": "<urlset/>"})
    hidden = unpublished(("draft-1", SECRET))

    def remembered(hidden: Unpublished) -> list[str]:
        memo = Memo(tmp_path / "memo")
        found = check_site(site, [], hidden, known=known_pages(memo, "", hidden).files)
        memo.save()
        return found

    first = remembered(hidden)
    assert first == ["a.js: visar en mening ur draft-1, som inte är godkänd"]
    read: list[str] = []
    searched: list[str] = []
    check_file, file_shown = sitecheck.check_file, sitecheck.file_shown
    monkeypatch.setattr(
        sitecheck, "check_file", lambda relative, *rest: read.append(relative) or check_file(relative, *rest)
    )
    monkeypatch.setattr(
        sitecheck,
        "file_shown",
        lambda relative, *rest: searched.append(relative) or file_shown(relative, *rest),
    )
    (site / "sitemap.xml").write_text("<urlset>ny</urlset>", encoding="utf-8")
    assert remembered(hidden) == first
    assert read == searched == ["sitemap.xml"]
    # Other unpublished stories: the files are searched for their sentences again, not checked again.
    assert remembered(unpublished(("draft-1", SECRET.replace("lagret", "kontoret")))) == []
    assert read == ["sitemap.xml"]
    assert sorted(searched) == ["a.js", "b.css", "sitemap.xml", "sitemap.xml"]


def test_an_unpublished_id_that_is_an_ordinary_word_or_a_quoted_file_name_is_no_finding(
    tmp_path: Path,
) -> None:
    """Ids are slugs: a draft may be called 'bussen', and a story may quote 'hbg-0007.md'."""
    build_tiny_site(
        tmp_path,
        {
            "berattelser/a/index.html": STORY.format(
                "<p>Jag tog bussen. Filen hette hbg-0007.md, inte hbg-0007.</p>"
            ),
            "search/search_index.json": '{"docs": [{"location": "berattelser/a/", "text": "bussen hbg-0007"}]}',
            "podcast.xml": "<rss><item><title>bussen</title><guid>a-0123456789abcdef</guid></item></rss>",
            "sitemap.xml": "<urlset><url><loc>https://x.se/berattelser/a/</loc></url></urlset>",
        },
    )
    assert check_site(tmp_path, published("a"), unpublished(("bussen", "x"), ("hbg-0007", "y"))) == []


def test_every_place_the_generator_writes_an_id_is_looked_at(tmp_path: Path) -> None:
    build_tiny_site(
        tmp_path,
        {
            "berattelser/a/index.html": STORY.format(
                '<a href="../bussen/">b</a><audio src="../../ljud/bussen-0123456789abcdef.mp3"></audio>'
            ),
            "grunder/alder/index.html": '<div data-hbg-story="bussen"></div>',
            "podcast.xml": '<rss><item><guid isPermaLink="false">bussen-0123456789abcdef</guid></item></rss>',
            "ljud/bussen-0123456789abcdef.vtt": "WEBVTT",
            "ljud/bussen-fedcba9876543210.mp4": "film",
        },
    )
    assert check_site(tmp_path, published("a"), unpublished(("bussen", "x"))) == [
        "berattelser/a/index.html: länken '../../ljud/bussen-0123456789abcdef.mp3' leder ingenstans",
        "berattelser/a/index.html: länken '../../ljud/bussen-0123456789abcdef.mp3' leder till bussen, som inte är godkänd",
        "berattelser/a/index.html: länken '../bussen/' leder ingenstans",
        "berattelser/a/index.html: länken '../bussen/' leder till bussen, som inte är godkänd",
        "grunder/alder/index.html: data-hbg-story= nämner bussen, som inte är godkänd",
        "ljud/bussen-0123456789abcdef.vtt: filen hör till bussen, som inte är godkänd",
        "ljud/bussen-fedcba9876543210.mp4: filen hör till bussen, som inte är godkänd",
        "podcast.xml: pekar på bussen, som inte är godkänd",
    ]


@pytest.mark.parametrize(
    ("relative", "shown"),
    [
        ("om/index.html", "<p>" + escape(SECRET) + "</p>"),
        ("berattelser/a/index.html", STORY.format('<span id="mening-3">' + escape(SECRET) + "</span>")),
        (
            "search/search_index.json",
            json.dumps({"docs": [{"text": "<p>" + escape(SECRET, quote=False) + "</p>"}]}),
        ),
        (
            "podcast.xml",
            "<rss><item><description>" + escape(SECRET, quote=False) + "</description></item></rss>",
        ),
        (
            "ljud/a-0123456789abcdef.vtt",
            "WEBVTT\n\nmening-1\n00:00:00.000 --> 00:00:01.000\n" + SECRET.replace("&", "&amp;") + "\n",
        ),
    ],
)
def test_a_sentence_of_an_unpublished_story_is_found_wherever_it_is_written(
    tmp_path: Path, relative: str, shown: str
) -> None:
    build_tiny_site(tmp_path, {relative: shown})
    hidden = unpublished(("hbg-0009", f"Det började en måndag. {SECRET} Sedan gick jag hem."))
    assert check_site(tmp_path, [], hidden) == [
        f"{relative}: visar en mening ur hbg-0009, som inte är godkänd"
    ]


def test_a_sentence_an_approved_story_says_too_may_be_shown(tmp_path: Path) -> None:
    """A stock phrase, or the same story told twice: the approved one's page shows it."""
    build_tiny_site(tmp_path, {"berattelser/a/index.html": STORY.format(f"<p>{escape(SECRET)}</p>")})
    hidden = unpublished(("hbg-0009", SECRET))
    assert check_site(tmp_path, [made_story("a", f"Först. {SECRET}")], hidden) == []


def test_an_unpublished_story_that_slipped_into_the_published_ones_excuses_nothing(tmp_path: Path) -> None:
    build_tiny_site(tmp_path, {"om/index.html": f"<p>{escape(SECRET)}</p>"})
    hidden = unpublished(("hbg-0009", SECRET))
    assert check_site(tmp_path, [made_story("hbg-0009", SECRET)], hidden) == [
        "berattelser/hbg-0009/: sidan för en godkänd berättelse saknas",
        "om/index.html: visar en mening ur hbg-0009, som inte är godkänd",
    ]


def test_a_short_sentence_of_an_unpublished_story_is_not_looked_for(tmp_path: Path) -> None:
    build_tiny_site(tmp_path, {"om/index.html": "<p>Jag blev så ledsen. Det var i kön på apoteket.</p>"})
    hidden = unpublished(("hbg-0009", "Jag blev så ledsen. Det var i kön på apoteket."))
    assert check_site(tmp_path, [], hidden) == []


def test_distinctive_sentences_are_a_storys_longest_title_included_as_shown() -> None:
    story = made_story(
        "x",
        "Kort.\n\nDen här meningen har  mer än åtta ord och fyrtio tecken.\n"
        "En annan mening som också är lång nog att räknas här. En tredje mening, den längsta av dem "
        "alla, med många ord. En fjärde mening som är lång nog men blir över.",
        title="En rubrik på mer än åtta ord som är lång nog",
    )
    assert distinctive_sentences(story) == [
        "En tredje mening, den längsta av dem alla, med många ord.",
        "Den här meningen har mer än åtta ord och fyrtio tecken.",
        "En annan mening som också är lång nog att räknas här.",
    ]
    assert distinctive_sentences(
        made_story("y", "Kort.", title="En rubrik på mer än åtta ord som är lång nog")
    ) == ["En rubrik på mer än åtta ord som är lång nog"]


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
    (finding,) = check_site(tmp_path, [], NOTHING)
    assert finding.startswith("assets/a.css: stilmallen hämtar något från en annan värd")


def test_check_site_accepts_data_urls_and_relative_urls_in_stylesheets(tmp_path: Path) -> None:
    build_tiny_site(
        tmp_path, {"a.css": "a{mask-image:url('data:image/svg+xml;x')} b{background:url(../i.png)}"}
    )
    assert check_site(tmp_path, [], NOTHING) == []


def many_drafts(count: int) -> list[tuple[str, str]]:
    """Drafts whose sentences each have their own longest word, so each adds a word to look for."""
    return [
        (f"draft-{number}", f"Det var vid hållplatsnummer{number} som vakten stoppade oss vid dörren igen.")
        for number in range(count)
    ]


def test_a_page_is_searched_alike_for_few_sentences_and_for_many() -> None:
    drafts = many_drafts(3 * sitecheck.FEW_WORDS)
    html = f"<p>{escape(drafts[5][1])}</p><p>{escape(drafts[40][1])} och hållplatsnummer7 utan resten.</p>"
    many = unpublished(*drafts).sentences
    assert len(many.by_word) > sitecheck.FEW_WORDS
    expected = (drafts[40], drafts[5])
    assert many.found_in(html) == expected
    few = [unpublished(*drafts[start : start + 10]).sentences for start in range(0, len(drafts), 10)]
    assert all(len(index.by_word) <= sitecheck.FEW_WORDS for index in few)
    assert tuple(sorted(pair for index in few for pair in index.found_in(html))) == expected


@pytest.mark.parametrize(
    ("before", "now"),
    [
        (range(0, 30), range(0, 29)),
        (range(0, 29), range(0, 30)),
        (range(0, 20), range(10, 30)),
        ((), range(5)),
    ],
)
def test_a_page_searched_before_is_searched_only_for_new_sentences_with_the_same_result(
    before: range, now: range
) -> None:
    drafts = many_drafts(30)
    html = "".join(f"<p>{escape(drafts[number][1])}</p>" for number in (1, 12, 28, 29))
    previous, current = unpublished(*(drafts[n] for n in before)), unpublished(*(drafts[n] for n in now))
    shown_before = sitecheck.page_shown(html, previous)
    assert sitecheck.shown_since(html, current, previous, shown_before) == sitecheck.page_shown(html, current)
    new = set(now) - set(before)
    assert len(current.beyond(previous).sentences.sentences) == len(new)


def test_approving_a_draft_leaves_no_sentence_to_look_for() -> None:
    drafts = many_drafts(4)
    assert unpublished(*drafts[1:]).beyond(unpublished(*drafts)).sentences.by_word == {}
