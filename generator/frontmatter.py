"""Split a story file into YAML front matter and body, reading YAML strictly."""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode


class FrontMatterError(Exception):
    """A story file's front matter cannot be read; carries the line for the editor."""

    def __init__(self, message: str, line: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field


# libyaml's parser when PyYAML has it (it does on PyPI's wheels): parsing is most of loading.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """PyYAML's safe loader, minus the two things that let a file lie about its content.

    Duplicate keys would let `status: draft` … `status: approved` publish by "last one wins";
    aliases would let a few bytes expand into gigabytes (refused in `_refuse_aliases`). Lines are
    reported as lines of the story file, `line_offset` lines below the start of the YAML text.
    """

    line_offset = 0

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[object, object]:
        first_lines: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1 + self.line_offset
            if key in first_lines:
                raise FrontMatterError(
                    f"Fältet står två gånger (rad {first_lines[key]} och rad {line}). "
                    "Väntade varje fält en gång: ta bort det ena.",
                    line,
                    str(key),
                )
            first_lines[key] = line
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


def load_strict_yaml(text: str, first_line: int = 1) -> tuple[dict[str, object], dict[str, int]]:
    """Parse a YAML mapping, rejecting duplicate keys and aliases; return values and key lines."""
    offset = first_line - 1
    loader = _StrictLoader(text)
    loader.line_offset = offset
    try:
        _refuse_aliases(text, offset)
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, MappingNode):
            raise FrontMatterError(
                "Väntade fält på formen 'namn: värde', men fick något annat.",
                node.start_mark.line + 1 + offset,
            )
        values = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 + offset if error.problem_mark else None
        raise FrontMatterError(
            f"Ogiltig YAML: {error.problem}. Kontrollera citattecken, kolon och indrag.", line
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"Ogiltig YAML: {error}") from None
    finally:
        loader.dispose()
    key_lines = {str(k.value): k.start_mark.line + 1 + offset for k, _ in node.value}
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
