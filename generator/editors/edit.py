"""Change fields in a story file's front matter and keep everything else exactly as written.

Editors write these files by hand: their comments, field order, quoting and the story text
must survive a command like `approve`. Only the lines of the fields being set are replaced,
and the result is read back and compared before anyone writes it.
"""

from __future__ import annotations

import yaml

from generator.intake.frontmatter import split_story_file


class EditError(Exception):
    """The edited file would not read back as intended; nothing is written."""


def _dump(key: str, value: object) -> list[str]:
    """One field as YAML lines: lists in flow style (`[a, b]`), as editors write them."""
    if isinstance(value, list):
        return [
            f"{key}: "
            + yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip()
        ]
    text = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=False, width=1000)
    return text.rstrip("\n").split("\n")


def _field_ranges(lines: list[str], key_lines: dict[str, int], closing: int) -> dict[str, tuple[int, int]]:
    """Return each field's first and last line index; continuation lines are indented or '- '."""
    ranges = {}
    starts = sorted((line - 1, key) for key, line in key_lines.items())
    for position, (start, key) in enumerate(starts):
        limit = starts[position + 1][0] if position + 1 < len(starts) else closing
        end = start
        while end + 1 < limit and lines[end + 1].startswith((" ", "\t", "- ")):
            end += 1
        ranges[key] = (start, end)
    return ranges


def set_fields(text: str, updates: dict[str, object], after: str = "status") -> str:
    """Return the file's text with `updates` set; new fields go after the field `after`."""
    original = split_story_file(text)
    lines = text.split("\n")
    closing = original.body_line - 2
    ranges = _field_ranges(lines, original.key_lines, closing)
    replaced = {start: (end, key) for key, (start, end) in ranges.items() if key in updates}
    new_keys = [key for key in updates if key not in ranges]
    insert_at = ranges[after][1] if after in ranges else closing - 1
    result: list[str] = []
    index = 0
    while index < len(lines):
        if index in replaced:
            end, key = replaced[index]
            result += _dump(key, updates[key])
            index = end + 1
        else:
            result.append(lines[index])
            index += 1
        if index - 1 == insert_at:
            for key in new_keys:
                result += _dump(key, updates[key])
    edited = "\n".join(result)
    _verify(original.values, original.body, edited, updates)
    return edited


def _verify(before: dict[str, object], body: str, edited: str, updates: dict[str, object]) -> None:
    after = split_story_file(edited)
    if after.body != body or after.values != before | updates:
        raise EditError("Ändringen skulle ha ändrat mer än de fält som skulle sättas. Inget har skrivits.")
