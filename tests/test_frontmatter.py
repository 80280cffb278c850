from __future__ import annotations

import pytest

from generator.frontmatter import FrontMatterError, load_strict_yaml, split_story_file


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
