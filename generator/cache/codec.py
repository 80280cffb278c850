"""One JSON form for every result the memo keeps and every input a key is made of.

The stages return the model's frozen dataclasses, enums, dates, tuples and dicts. Rather than
each stage writing its own converters (and forgetting a field when one is added), a value is
turned into JSON by what it is, and read back by the type its stage declares. JSON, never
pickle: the memo is restored from the GitHub Actions cache, and unpickling runs code.

A dataclass is written as the list of its fields in order (no field names: a memo of 10,000
pages loads faster), a dict as a list of pairs (its order survives, and its keys may be numbers),
a set as a sorted list, an enum by its value, a date as ISO text, a path as text, bytes in Base64.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import types
from collections.abc import Callable
from enum import Enum
from functools import cache
from pathlib import Path, PurePath
from typing import Any, Union, get_args, get_origin, get_type_hints

Decoder = Callable[[Any], Any]


def to_json(value: object) -> Any:
    """The value as JSON data: lists, strings, numbers, booleans and None."""
    if value is None or isinstance(value, (str, int, float)):
        return value  # bool is an int
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return [to_json(item) for item in sorted(value)]
    if isinstance(value, (tuple, list)):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return [[to_json(key), to_json(item)] for key, item in value.items()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [to_json(getattr(value, field.name)) for field in dataclasses.fields(value)]
    raise TypeError(f"{type(value).__name__} has no JSON form in the memo")


def from_json(kind: Any, data: Any) -> Any:
    """The value of type `kind` (a type or a type hint such as `tuple[Story | None, list[Problem]]`)
    that to_json turned into `data`."""
    return decoder(kind)(data)


@cache
def decoder(kind: Any) -> Decoder:
    """A function that reads JSON data back as `kind`, worked out once per type."""
    origin, arguments = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        return _optional(kind, arguments)
    if origin is tuple:
        return _tuple(arguments)
    if origin is list:
        item = decoder(arguments[0])
        return lambda data: [item(value) for value in data]
    if origin is frozenset:
        item = decoder(arguments[0])
        return lambda data: frozenset(item(value) for value in data)
    if origin is dict:
        key, value = decoder(arguments[0]), decoder(arguments[1])
        return lambda data: {key(k): value(v) for k, v in data}
    if kind in (str, int, float, bool, Any):
        return _same
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind
    if kind is dt.date:
        return dt.date.fromisoformat
    if kind is bytes:
        return base64.b64decode
    if kind is Path:
        return Path
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    raise TypeError(f"{kind!r} has no JSON form in the memo")


def _same(data: Any) -> Any:
    return data


def _optional(kind: Any, arguments: tuple[Any, ...]) -> Decoder:
    """`X | None`: other unions could not tell from the data which type was written."""
    others = [argument for argument in arguments if argument is not type(None)]
    if len(others) != 1:
        raise TypeError(f"{kind!r} has no JSON form in the memo: only `X | None` unions are read back")
    inner = decoder(others[0])
    return lambda data: None if data is None else inner(data)


def _tuple(arguments: tuple[Any, ...]) -> Decoder:
    if len(arguments) == 2 and arguments[1] is Ellipsis:
        item = decoder(arguments[0])
        return lambda data: tuple(item(value) for value in data)
    items = [decoder(argument) for argument in arguments]
    return lambda data: tuple(item(value) for item, value in zip(items, data, strict=True))


def _dataclass(kind: type) -> Decoder:
    hints = get_type_hints(kind)
    fields = [decoder(hints[field.name]) for field in dataclasses.fields(kind)]
    return lambda data: kind(*(field(value) for field, value in zip(fields, data, strict=True)))
