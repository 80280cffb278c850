"""Split a story file into YAML front matter and body, reading YAML strictly."""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode
from yaml.reader import ReaderError

from generator.privacy.quoting import inline, masked


class FrontMatterError(Exception):
    """A story file's front matter cannot be read; carries the line for the editor."""

    def __init__(self, message: str, line: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field


# libyaml's parser when PyYAML has it (it does on PyPI's wheels): parsing is most of loading.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# What PyYAML's constructors raise, instead of a YAMLError, for a value they cannot build:
# `2026-02-30`, `!!int x`, `!!bool x`, a number of 5,000 digits, `!!timestamp x`.
_CONSTRUCTION_ERRORS = (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError)
_MERGE_TAG = "tag:yaml.org,2002:merge"
UNREADABLE_VALUE = (
    "Väntade ett värde som går att läsa, men fick något YAML inte kan tolka (till exempel ett datum "
    "som inte finns, som 2026-02-30, eller en typ med !!). Rätta värdet eller skriv det inom citattecken."
)
COMPLEX_KEY = (
    "Väntade ett fältnamn, ett ord följt av kolon, men fick en lista, en samling fält eller en "
    "sammanslagning (?, <<) som namn. Skriv fältet som 'namn: värde'."
)


class _StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, minus what lets a file lie about its content or crash the reader.

    Duplicate keys would let `status: draft` … `status: approved` publish by "last one wins";
    aliases would let a few bytes expand into gigabytes (refused in `_refuse_aliases`); merge
    keys (`<<`) would hide a field inside another; a key that is a list (`? [a, b]`) cannot be a
    field's name. Lines are reported as lines of the story file, `line_offset` lines below the
    start of the YAML text. `current` is the node being built, so that a constructor's failure
    can be placed.
    """

    line_offset = 0
    current: Node | None = None

    def line_of(self, node: Node) -> int:
        return int(node.start_mark.line) + 1 + self.line_offset

    def construct_object(self, node: Node, deep: bool = False) -> object:
        self.current = node
        return super().construct_object(node, deep)

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[object, object]:
        if not isinstance(node, MappingNode):  # `!!map [a]`, `!!set [a]`
            raise FrontMatterError(UNREADABLE_VALUE, self.line_of(node))
        # By value and by name: `1` and `1.0` are one key to Python, `1` and `"1"` one field name.
        first_lines: dict[object, int] = {}
        for key_node, _ in node.value:
            line = self.line_of(key_node)
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                raise FrontMatterError(COMPLEX_KEY, line)
            key = self.construct_object(key_node, deep=True)
            first = first_lines.get(key, first_lines.get(str(key)))
            if first is not None:
                raise FrontMatterError(
                    f"Fältet står två gånger (rad {first} och rad {line}). "
                    "Väntade varje fält en gång: ta bort det ena.",
                    line,
                    inline(str(key)),
                )
            first_lines[key] = first_lines[str(key)] = line
        mapping: dict[object, object] = super().construct_mapping(node, deep)
        return mapping


@dataclass(frozen=True)
class SplitFile:
    """The parts of a story file: front matter values, the line of each key, and the body."""

    values: dict[str, object]
    key_lines: dict[str, int]
    body: str
    body_line: int


def _refuse_aliases(text: str, offset: int) -> None:
    if "*" not in text:
        return  # every alias starts with '*'; scanning the tokens is a second parse
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.AliasToken):
            raise FrontMatterError(
                "Väntade vanliga värden, men fick en YAML-referens (*namn). Skriv ut värdet i stället.",
                token.start_mark.line + 1 + offset,
            )


def _field_of(document: Node | None, node: Node | None) -> str | None:
    """The top-level field whose value holds `node`, to name it in a message."""
    if not isinstance(document, MappingNode) or node is None:
        return None
    for key_node, value_node in document.value:
        if value_node.start_mark.index <= node.start_mark.index <= value_node.end_mark.index:
            return inline(str(key_node.value))
    return None


def _yaml_error(error: yaml.YAMLError, text: str, offset: int) -> FrontMatterError:
    """PyYAML's complaint as an editor's message, with its line; the input in it masked."""
    if isinstance(error, yaml.MarkedYAMLError):
        line = error.problem_mark.line + 1 + offset if error.problem_mark else None
        return FrontMatterError(
            f"Ogiltig YAML: {masked(error.problem or 'okänt fel')}. "
            "Kontrollera citattecken, kolon och indrag.",
            line,
        )
    if isinstance(error, ReaderError):  # a NUL byte or another control character
        return FrontMatterError(
            f"Väntade vanlig text i fälten, men fick ett kontrolltecken (#x{error.character:04x}). Ta bort det.",
            text.count("\n", 0, error.position) + 1 + offset,
        )
    return FrontMatterError("Ogiltig YAML. Kontrollera citattecken, kolon och indrag.")


def load_strict_yaml(text: str, first_line: int = 1) -> tuple[dict[str, object], dict[str, int]]:
    """Parse a YAML mapping, rejecting duplicate keys and aliases; return values and key lines.

    Whatever the text, the only exception is a FrontMatterError with the line where known.
    """
    offset = first_line - 1
    loader = _StrictLoader(text)
    loader.line_offset = offset
    node: Node | None = None
    try:
        _refuse_aliases(text, offset)
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, MappingNode):
            raise FrontMatterError(
                "Väntade fält på formen 'namn: värde', men fick något annat.", loader.line_of(node)
            )
        values = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise _yaml_error(error, text, offset) from None
    except FrontMatterError as error:
        error.field = error.field or _field_of(node, loader.current)
        raise
    except _CONSTRUCTION_ERRORS:
        current = loader.current
        line = loader.line_of(current) if current is not None else None
        raise FrontMatterError(UNREADABLE_VALUE, line, _field_of(node, current)) from None
    finally:
        loader.dispose()
    key_lines = {str(k.value): loader.line_of(k) for k, _ in node.value}
    return {str(key): value for key, value in values.items()}, key_lines


def split_story_file(text: str) -> SplitFile:
    """Split a story file's text at its `---` fences and read the front matter strictly."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise FrontMatterError(
            "Väntade att filen börjar med en rad '---' följd av fälten, men fick något annat.", 1
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            values, key_lines = load_strict_yaml("\n".join(lines[1:index]), first_line=2)
            return SplitFile(values, key_lines, "\n".join(lines[index + 1 :]), index + 2)
    raise FrontMatterError(
        "Väntade en avslutande rad '---' efter fälten, men filen tog slut innan.", len(lines)
    )
