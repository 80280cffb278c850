from __future__ import annotations

from generator.text import (
    EXCERPT_MAX,
    TEASER_MAX,
    clean_text,
    excerpt,
    reading_minutes,
    split_paragraphs,
    teaser,
)


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


def test_a_short_first_sentence_is_teased_with_the_next_one() -> None:
    paragraphs = (
        "Jag satt i rullstol på bussen. Chauffören sa att jag tog för stor plats.",
        "Sedan gick jag.",
    )
    assert teaser(paragraphs) == "Jag satt i rullstol på bussen. Chauffören sa att jag tog för stor plats."


def test_a_long_first_sentence_is_its_teaser_alone() -> None:
    first = "När jag kom till jobbet den första dagen efter semestern hade någon flyttat mitt skrivbord ut i korridoren."
    assert teaser((f"{first} Ingen sa något.",)) == first


def test_a_sentence_longer_than_the_teaser_is_cut_at_a_word_with_an_ellipsis() -> None:
    sentence = " ".join(["diskriminering"] * 20) + "."
    cut = teaser((sentence,))
    assert cut.endswith("diskriminering…")
    assert len(cut) <= TEASER_MAX + 1
    assert sentence.startswith(cut[:-1])


def test_the_teaser_crosses_a_line_break_and_drops_a_comma_before_the_ellipsis() -> None:
    assert teaser(("Hej.\nJag heter inget här, och jag vill bara säga något.",), limit=27) == (
        "Hej. Jag heter inget här…"
    )


def test_arabic_and_vietnamese_teasers_cut_between_words() -> None:
    arabic = "ركبت الحافلة كل يوم إلى العمل، " * 10
    cut = teaser((arabic,), limit=60)
    assert cut.endswith("…") and not cut.endswith("،…")
    assert arabic.startswith(cut[:-1]) and arabic[len(cut) - 1] == " "
    vietnamese = "Tôi đã đi làm bằng xe buýt mỗi ngày và không ai nói chuyện với tôi. Rồi một hôm."
    assert teaser((vietnamese,), limit=40) == "Tôi đã đi làm bằng xe buýt mỗi ngày và…"


def test_one_word_longer_than_the_teaser_is_cut_before_a_combining_mark() -> None:
    word = "a" * 9 + "\u0301" + "b" * 20
    assert teaser((word,), limit=10) == word[:10] + "…"
    assert teaser((word,), limit=9) == "a" * 8 + "…"


def test_the_teaser_is_plain_text_whatever_the_story_holds() -> None:
    hostile = "<script>alert(1)</script> {{ config }} [x](javascript:alert(1))."
    assert teaser((hostile,)) == hostile
    assert teaser(()) == ""


def test_reading_time_is_words_at_two_hundred_a_minute_and_at_least_one() -> None:
    assert reading_minutes(("Kort.",)) == 1
    assert reading_minutes((" ".join(["ord"] * 200),)) == 1
    assert reading_minutes((" ".join(["ord"] * 201), "två ord")) == 2


def test_an_excerpt_is_the_whole_sentences_that_fit_across_paragraphs_and_says_the_story_goes_on() -> None:
    paragraphs = ("Jag väntade vid hållplatsen.\nBussen åkte förbi.", "Nästa buss stannade. Den var full.")
    assert (
        excerpt(paragraphs, limit=70)
        == "Jag väntade vid hållplatsen. Bussen åkte förbi. Nästa buss stannade. …"
    )
    assert (
        excerpt(paragraphs)
        == "Jag väntade vid hållplatsen. Bussen åkte förbi. Nästa buss stannade. Den var full."
    )


def test_an_excerpt_of_one_long_sentence_is_cut_at_a_word() -> None:
    sentence = " ".join(["utanförskap"] * 40) + "."
    cut = excerpt((sentence,))
    assert cut.endswith("utanförskap…") and len(cut) <= EXCERPT_MAX + 1
    assert excerpt(()) == ""
