"""Platform statistics for ranked items (教师人均上线天数, 人均登录次数), imported from a table.

The table (CSV in UTF-8 or GBK, or .xlsx, read by intake/tables.py) has a unit-name column
(单位名称) and one column per metric, named by the rubric's fact (teacher_online_days), its
description (国开学习网教师人均上线天数) or the end of the description, at least 6 字 long and
naming one fact only (教师人均上线天数). A unit in parentheses after the name (（天）) is ignored.
Values become facts of the unit they name; they are data from the platforms, not suggestions, so
they need no confirmation. Unknown units and units left out are reported by name; nothing else is
guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from intake.store import Store
from intake.store.metrics import save_metrics
from intake.tables import read_rows
from rubric import Rubric
from rubric.errors import InputError
from rubric.strict import Strict

_UNIT_HEADERS = ("单位名称", "单位", "unit", "name")
_MIN_TAIL = 6  # 字: 人均登录次数 names a metric, 上线天数 could be any platform's
_UNIT_SUFFIX = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")


class MetricsImport(Strict):
    imported: dict[str, dict[str, float]]  # unit → metric → value
    unknown_units: list[str]  # in the table, but no submission is from them
    missing_units: list[str]  # submissions' units the table does not cover


def _fact_for(header: str, descriptions: dict[str, str]) -> str | None:
    clean = _UNIT_SUFFIX.sub("", header.strip())
    lowered = clean.lower()
    if lowered in descriptions:
        return lowered
    exact = [f for f, d in descriptions.items() if d == clean]
    tails = [f for f, d in descriptions.items() if len(clean) >= _MIN_TAIL and d.endswith(clean)]
    found = exact or tails
    return found[0] if len(found) == 1 else None


def _metric_columns(rubric: Rubric, headers: Sequence[str]) -> dict[int, str]:
    """Column index → fact name, for every column other than the unit column."""
    descriptions = {name: spec.description for name, spec in rubric.facts.items()
                    if spec.type in ("int", "number", "percent")}
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        if header.strip().lower() in _UNIT_HEADERS or not header.strip():
            continue
        fact = _fact_for(header, descriptions)
        if fact is None:
            known = "、".join(f"{d}（{f}）" for f, d in descriptions.items())
            raise InputError(f"列“{header.strip()}”不是评分细则中的数值事实；可用的列：{known}")
        mapping[index] = fact
    return mapping


def _unit_column(path: Path, headers: Sequence[str]) -> int:
    for index, header in enumerate(headers):
        if header.strip().lower() in _UNIT_HEADERS:
            return index
    raise InputError(f"{path}: 缺少“单位名称”列（可写作：{'、'.join(_UNIT_HEADERS)}）")


def _value(raw: str, unit: str, header: str, line: int) -> float:
    try:
        return float(raw.strip().replace(",", "").rstrip("%"))
    except ValueError:
        raise InputError(f"第 {line} 行 {unit}：“{header}”的值“{raw}”不是数字") from None


def parse_metrics(rubric: Rubric, path: Path) -> dict[str, dict[str, float]]:
    rows = read_rows(path)
    headers = rows[0] if rows else []
    unit_at, columns = _unit_column(path, headers), _metric_columns(rubric, headers)
    values: dict[str, dict[str, float]] = {}
    for line, row in enumerate(rows[1:], start=2):
        cells = row + [""] * (len(headers) - len(row))
        unit = cells[unit_at].strip()
        if unit:
            values[unit] = {fact: _value(cells[i], unit, headers[i].strip(), line)
                            for i, fact in columns.items() if cells[i].strip()}
    return values


def import_metrics(store: Store, rubric: Rubric, path: Path,
                   units: Sequence[str]) -> MetricsImport:
    """Store the table's values (replacing earlier imports of the same unit and metric), and say
    which units of `units` (the batch's) it leaves out and which of its units are unknown."""
    values = parse_metrics(rubric, path)
    save_metrics(store, values, path.name)
    known = set(units)
    return MetricsImport(imported=values,
                         unknown_units=sorted(u for u in values if u not in known),
                         missing_units=sorted(u for u in known if u not in values))
