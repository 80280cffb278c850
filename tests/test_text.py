from __future__ import annotations

from generator.text import clean_text, split_paragraphs


def test_plain_text_is_unchanged_and_not_flagged() -> None:
    cleaned = clean_text("Jag diskriminerades i kön på apoteket.")
    assert cleaned.text == "Jag diskriminerades i kön på apoteket."
    assert cleaned.odd == ()


def test_crlf_becomes_lf() -> None:
    assert clean_text("a\r\nb\rc").text == "a\nb\nc"


def test_nul_and_markdown_placeholders_are_removed_and_flagged() -> None:
    cleaned = clean_text("a\x00b\n\x02wzxhzdk:0\x03")
    assert cleaned.text == "ab\nwzxhzdk:0"
    assert [(o.kind, o.count, o.first_line) for o in cleaned.odd] == [("kontrolltecken (borttagna)", 3, 1)]


def test_lone_surrogate_is_replaced_and_flagged() -> None:
    cleaned = clean_text("a\ud800b")
    assert cleaned.text == "a\ufffdb"
    assert cleaned.odd[0].kind == "trasiga tecken (ersatta med �)"


def test_bidi_override_and_zero_width_are_kept_but_flagged() -> None:
    cleaned = clean_text("rad ett\nrad \u202etvå\u200b")
    assert "\u202e" in cleaned.text
    assert [(o.kind, o.first_line) for o in cleaned.odd] == [
        ("osynliga riktningstecken", 2),
        ("osynliga tecken med noll bredd", 2),
    ]


def test_nfd_becomes_nfc() -> None:
    assert clean_text("ko\u0308n").text == "kön"


def test_paragraphs_split_at_blank_lines_and_keep_line_breaks() -> None:
    text = "\n\nEtt\nstycke.  \n\n  \n\nTvå.\n\n\n"
    assert split_paragraphs(text) == ("Ett\nstycke.", "Två.")


def test_whitespace_only_text_has_no_paragraphs() -> None:
    assert split_paragraphs(" \n\t\n ") == ()
