"""Parse a rubric definition from YAML text, with errors that name the file, the item and the field.

Reading files is the caller's job (`intake.catalog`): `rubric` never opens a file.
"""

from __future__ import annotations

from typing import Any

import yaml
from pydantic import ValidationError

from rubric.errors import RubricError
from rubric.model import Rubric

# libyaml's loader reads the definitions seven times faster than the pure-Python one, and every
# command reads them all at start; PyYAML's wheels ship it, a source build may not.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_rubric(text: str, source: str) -> Rubric:
    """The rubric defined by YAML `text`; `source` (a file name) only labels errors."""
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader, C or Python
    except yaml.YAMLError as error:
        raise RubricError(f"{source}: not valid YAML: {error}") from error
    if not isinstance(data, dict):
        raise RubricError(f"{source}: a rubric definition is a mapping of keys (id, title, items…)")
    try:
        return Rubric.model_validate(data)
    except ValidationError as error:
        lines = [_describe(source, data, e) for e in error.errors()]
        raise RubricError("\n".join(lines)) from error


def _describe(source: str, data: dict[str, Any], error: Any) -> str:
    """'file.yaml: item 7 (市校信息化活动组织情况): tiers.0.max: Input should be …'."""
    # Model validators already name the item ("item 7: …"); pydantic's prefix adds nothing.
    message = str(error["msg"]).removeprefix("Value error, ")
    location = [p for p in error["loc"] if not _is_kind_tag(p)]
    if not location:
        return f"{source}: {message}"
    where = ".".join(str(p) for p in location)
    if location[:1] == ["items"] and len(location) > 1 and isinstance(location[1], int):
        item, rest = _item_at(data, location)
        where = f"item {item}" + (f": {'.'.join(str(p) for p in rest)}" if rest else "")
    return f"{source}: {where}: {message}"


def _item_at(data: dict[str, Any], location: list[Any]) -> tuple[str, list[Any]]:
    """The id and name of the deepest item or part on the error's path, and the path below it."""
    node: Any = data
    label, rest = f"#{location[1] + 1}", location[2:]
    for depth, step in enumerate(location):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if depth and isinstance(node, dict) and "id" in node:
            label = f"{node['id']} ({node['name']})" if node.get("name") else str(node["id"])
            rest = location[depth + 1:]
    return label, rest


def _is_kind_tag(part: Any) -> bool:
    # pydantic puts the discriminator value (e.g. 'expert') into the error location.
    return part in ("table", "expert", "judged", "rank", "ratio", "deduction", "count", "sum")
