"""Platform statistics for ranked items (教师人均上线天数, 人均登录次数), imported from a CSV.

The CSV has a unit-name column (单位名称) and one column per metric, named by the rubric's fact
(teacher_online_days) or its description (国开学习网教师人均上线天数). Values become facts of the
unit they name; they are data from the platforms, not suggestions, so they need no confirmation.
Unknown units and units left out are reported by name; nothing is guessed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from intake.store import Store
from intake.store.metrics import save_metrics
from rubric import Rubric
from rubric.errors import InputError
from rubric.strict import Strict

_UNIT_HEADERS = ("单位名称", "单位", "unit", "name")


class MetricsImport(Strict):
    imported: dict[str, dict[str, float]]  # unit → metric → value
    unknown_units: list[str]  # in the CSV, but no submission is from them
    missing_units: list[str]  # submissions' units the CSV does not cover


def _metric_names(rubric: Rubric, headers: Sequence[str]) -> dict[str, str]:
    """CSV header → fact name, for every header other than the unit column."""
    numeric = {name: spec for name, spec in rubric.facts.items()
               if spec.type in ("int", "number", "percent")}
    by_label = {spec.description: name for name, spec in numeric.items()}
    mapping: dict[str, str] = {}
    for header in headers:
        clean = header.strip()
        if clean in _UNIT_HEADERS:
            continue
        fact = clean if clean in numeric else by_label.get(clean)
        if fact is None:
            known = ", ".join(numeric)
            raise InputError(f"列“{clean}”不是评分细则中的数值事实; known: {known}")
        mapping[header] = fact
    return mapping


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: 无法读取 ({error.strerror})") from error
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path}: 不是 UTF-8 或 GBK 编码的 CSV 文件")
    reader = csv.DictReader(io.StringIO(text))
    headers = list(reader.fieldnames or [])
    if not any(h.strip() in _UNIT_HEADERS for h in headers):
        raise InputError(f"{path}: 缺少“单位名称”列 (a unit-name column is required)")
    return headers, list(reader)


def _value(raw: str, unit: str, header: str, line: int) -> float:
    try:
        return float(raw.strip().replace(",", ""))
    except ValueError:
        raise InputError(f"第 {line} 行 {unit}：“{header}”的值“{raw}”不是数字") from None


def parse_metrics(rubric: Rubric, path: Path) -> dict[str, dict[str, float]]:
    headers, rows = _read_rows(path)
    names = _metric_names(rubric, headers)
    unit_column = next(h for h in headers if h.strip() in _UNIT_HEADERS)
    values: dict[str, dict[str, float]] = {}
    for line, row in enumerate(rows, start=2):
        unit = (row.get(unit_column) or "").strip()
        if not unit:
            continue
        values[unit] = {fact: _value(row[h] or "", unit, h, line) for h, fact in names.items()
                        if (row.get(h) or "").strip()}
    return values


def import_metrics(store: Store, rubric: Rubric, path: Path,
                   units: Sequence[str]) -> MetricsImport:
    """Store the CSV's values (replacing earlier imports of the same unit and metric), and say
    which units of `units` (the batch's) it leaves out and which of its units are unknown."""
    values = parse_metrics(rubric, path)
    save_metrics(store, values, path.name)
    known = set(units)
    return MetricsImport(imported=values,
                         unknown_units=sorted(u for u in values if u not in known),
                         missing_units=sorted(u for u in known if u not in values))
