from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.intake.frontmatter import FrontMatterError, load_strict_yaml, split_story_file
from generator.intake.load import read_story_file


def test_split_returns_values_key_lines_and_body_line() -> None:
    parts = split_story_file("---\nid: a\ntitle: b\n---\nText\n")
    assert parts.values == {"id": "a", "title": "b"}
    assert parts.key_lines == {"id": 2, "title": 3}
    assert parts.body == "Text\n"
    assert parts.body_line == 5


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file("---\nstatus: draft\ntitle: x\nstatus: approved\n---\nText\n")
    assert caught.value.field == "status"
    assert caught.value.line == 4
    assert caught.value.message == (
        "Fältet står två gånger (rad 2 och rad 4). Väntade varje fält en gång: ta bort det ena."
    )


def test_duplicate_key_inside_a_nested_mapping_is_an_error() -> None:
    with pytest.raises(FrontMatterError):
        load_strict_yaml("a: {b: 1, b: 2}")


def test_alias_is_refused_so_a_few_bytes_cannot_expand() -> None:
    with pytest.raises(FrontMatterError) as caught:
        load_strict_yaml("a: &x [1, 2]\nb: *x\n")
    assert caught.value.line == 2


def test_malformed_yaml_names_the_line_in_the_file() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file("---\nid: a\ntitle: [unclosed\n---\nText\n")
    assert caught.value.message.startswith("Ogiltig YAML:")
    assert caught.value.line is not None and caught.value.line >= 3


def test_missing_opening_fence() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file("id: a\n")
    assert caught.value.line == 1


def test_missing_closing_fence() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file("---\nid: a\n")
    assert "avslutande rad '---'" in caught.value.message


def test_front_matter_that_is_not_a_mapping() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file("---\n- a\n- b\n---\nText\n")
    assert caught.value.line == 2


def test_python_tags_are_not_constructed() -> None:
    with pytest.raises(FrontMatterError):
        load_strict_yaml("a: !!python/object/apply:os.system ['true']")


def test_empty_front_matter_gives_no_values() -> None:
    assert split_story_file("---\n---\nText").values == {}


@pytest.mark.parametrize(
    "front_matter",
    [
        "id: a\n? [a, b]\n: x",
        "id: a\n? {a: 1}\n: x",
        "id: a\n<<: {status: approved}",
        "id: a\ngrounds: {[a]: 1}",
    ],
)
def test_a_key_that_is_no_field_name_is_an_error_on_its_line(front_matter: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file(f"---\n{front_matter}\n---\nText\n")
    assert caught.value.line == 3
    assert caught.value.message == (
        "Väntade ett fältnamn, ett ord följt av kolon, men fick en lista, en samling fält eller en "
        "sammanslagning (?, <<) som namn. Skriv fältet som 'namn: värde'."
    )


@pytest.mark.parametrize(
    ("front_matter", "field"),
    [
        ("approved_on: 2026-02-30", "approved_on"),
        ("collected: 2025-13-01", "collected"),
        ("approved_on: 2026-02-28 25:00:00", "approved_on"),
        ("measures: [1, !!int tre]", "measures"),
        ("featured: !!bool kanske", "featured"),
        ("collected: !!timestamp igår", "collected"),
        ("collected: " + "1" * 5000, "collected"),
        ("grounds: !!set [a]", "grounds"),
        ("grounds: !!map [a]", "grounds"),
    ],
)
def test_a_value_yaml_cannot_build_names_its_line_and_field(front_matter: str, field: str) -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file(f"---\nid: a\n{front_matter}\n---\nText\n")
    assert (caught.value.line, caught.value.field) == (3, field)
    assert caught.value.message == (
        "Väntade ett värde som går att läsa, men fick något YAML inte kan tolka (till exempel ett datum "
        "som inte finns, som 2026-02-30, eller en typ med !!). Rätta värdet eller skriv det inom citattecken."
    )


def test_a_control_character_in_the_fields_names_its_line() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file("---\nid: a\ntitle: a\x00b\n---\nText\n")
    assert caught.value.line == 3
    assert caught.value.message == (
        "Väntade vanlig text i fälten, men fick ett kontrolltecken (#x0000). Ta bort det."
    )


def test_the_same_field_written_as_a_number_and_as_text_is_a_duplicate() -> None:
    for front_matter in ["1: a\n'1': b", "1: a\n1.0: b", "true: a\n1: b"]:
        with pytest.raises(FrontMatterError) as caught:
            load_strict_yaml(front_matter)
        assert caught.value.line == 2


def test_input_in_a_yaml_complaint_is_masked() -> None:
    with pytest.raises(FrontMatterError) as caught:
        split_story_file("---\nid: !!19811218-9876 a\n---\nText\n")
    assert "19811218" not in caught.value.message
    assert "1981****-**76" in caught.value.message


def test_a_duplicate_field_named_like_an_address_is_masked() -> None:
    with pytest.raises(FrontMatterError) as caught:
        load_strict_yaml("anna@example.se: 1\nanna@example.se: 2")
    assert caught.value.field == "a***@*******.**"


# Random YAML from a small grammar of what an editor, a tool or an attacker may write.
_SCALARS = st.sampled_from(
    [
        "a",
        "approved",
        "'quoted'",
        '"x\\q"',
        "2026-02-30",
        "2026-03-14",
        "19811218-9876",
        "1" * 4400,
        "!!binary aGVsbG8=",
        "!!int x",
        "!!float x",
        "!!bool x",
        "!!timestamp x",
        "!!null x",
        "!!str [a]",
        "!!python/object:os.system {}",
        "!!python/name:os.system",
        "!<tag:x> y",
        "&anchor a",
        "*anchor",
        "~",
        ".nan",
        "-.inf",
        "0x1F",
        "0o9",
        "1_000",
        "yes",
        "'\\x00'",
        '"\\ud800"',
        "@x",
        "`x`",
        "|",
        ">-",
        "%x",
        "!!set {a, b}",
        "!!omap [a]",
        "!!pairs [{a: 1}]",
        "{",
        "]",
        "[[[[[[[[",
        "? a",
    ]
)
_KEYS = st.sampled_from(
    ["id", "status", "a", "'1'", "1", "? [a, b]", "? {a: 1}", "<<", "&k key", "*k", "!!binary aA=="]
)


def _yaml(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _SCALARS
    inner = _yaml(depth - 1)
    return st.one_of(
        _SCALARS,
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(_KEYS, inner), max_size=3).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
        ),
        st.lists(inner, min_size=1, max_size=3).map(
            lambda items: "\n" + "".join(f"  - {i}\n" for i in items)
        ),
    )


_DOCUMENTS = st.lists(st.tuples(_KEYS, _yaml(2), st.sampled_from([": ", ":", " : ", ":\t"])), max_size=6).map(
    lambda fields: "\n".join(f"{key}{colon}{value}" for key, value, colon in fields)
)


@settings(max_examples=300, deadline=None)
@given(_DOCUMENTS)
def test_random_yaml_gives_values_or_a_front_matter_error_never_another_exception(text: str) -> None:
    try:
        values, key_lines = load_strict_yaml(text, first_line=2)
    except FrontMatterError as error:
        # At the end of the text, PyYAML points at the line after it: the closing `---`.
        assert error.line is None or 2 <= error.line <= text.count("\n") + 3
        return
    assert all(isinstance(key, str) for key in values)
    assert all(2 <= line <= text.count("\n") + 2 for line in key_lines.values())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf---\n", b"---\r\nid: a\r\n"]))
def test_random_bytes_in_a_story_file_give_problems_never_an_exception(data: bytes, start: bytes) -> None:
    for content in (start + data, start + data + b"\n---\nText\n"):
        raw, problems = read_story_file(Path("stories/hbg-0001.md"), content)
        assert (raw is None) == bool(problems)
        assert all(problem.path == "stories/hbg-0001.md" for problem in problems)
