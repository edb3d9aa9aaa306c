"""A JSON document written one item at a time (issue 21): a batch's report is never whole in
memory, and each item goes through the C encoder (json.dumps with `indent` runs the pure-Python
one). The items' list has one item per line; the fields around it are indented by 2 as before.
`indented` writes what json.dumps(…, indent=2) writes, with its lists made one item at a time."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any


def _fields(data: Mapping[str, Any]) -> list[str]:
    return [f"{json.dumps(key)}: " + json.dumps(value, ensure_ascii=False, indent=2)
            .replace("\n", "\n  ") for key, value in data.items()]


def document(head: Mapping[str, Any], key: str, items: Iterable[Mapping[str, Any]],
             tail: Mapping[str, Any] | Callable[[], Mapping[str, Any]] | None = None
             ) -> Iterator[str]:
    """`{**head, key: [*items], **tail}` as text pieces, ending with a newline. A callable
    `tail` is called after the last item: a summary counted while the items were written."""
    yield "{\n  " + ",\n  ".join([*_fields(head), f"{json.dumps(key)}: ["])
    first = True
    for item in items:
        yield ("\n    " if first else ",\n    ") + json.dumps(item, ensure_ascii=False)
        first = False
    ending = tail() if callable(tail) else tail or {}
    yield ("]" if first else "\n  ]") + "".join(",\n  " + f for f in _fields(ending)) + "\n}\n"


def indented(data: Mapping[str, Any]) -> Iterator[str]:
    """`json.dumps(data, ensure_ascii=False, indent=2)` as text pieces, the same to the byte
    (no newline at the end); a value given as an Iterator is written as a list, one item (and its
    text) at a time, so the whole of it is never in memory."""
    yield "{"
    for i, (key, value) in enumerate(data.items()):
        yield ("," if i else "") + f"\n  {json.dumps(key, ensure_ascii=False)}: "
        if isinstance(value, Iterator):
            yield from _list(value)
        else:
            yield _nested(value, 1)
    yield "\n}" if data else "}"


def _list(items: Iterator[Any]) -> Iterator[str]:
    first = True
    for item in items:
        yield ("[\n    " if first else ",\n    ") + _nested(item, 2)
        first = False
    yield "[]" if first else "\n  ]"


def _nested(value: Any, depth: int) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
