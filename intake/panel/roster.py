"""The panel's roster: 姓名, 单位, 城市, 角色 (专家 or 组长) from a CSV (UTF-8 or GBK) or .xlsx."""

from __future__ import annotations

from pathlib import Path

from intake.store.panel import Reviewer, Role
from intake.tables import read_table
from rubric.errors import InputError

ROLE_NAMES: dict[str, Role] = {"专家": "expert", "expert": "expert", "组长": "lead",
                               "lead": "lead"}
COLUMNS = {"name": ("姓名", "name"), "unit": ("单位", "所在单位", "unit"),
           "city": ("城市", "所在城市", "地市", "city"), "role": ("角色", "role")}


def _reviewer(path: Path, line: int, row: dict[str, str]) -> Reviewer:
    role = ROLE_NAMES.get(row["role"].strip().lower() or "专家")
    if role is None:
        raise InputError(f"{path} 第 {line} 行：角色“{row['role']}”应为“专家”或“组长”")
    if not row["name"]:
        raise InputError(f"{path} 第 {line} 行：缺少姓名")
    return Reviewer(name=row["name"], unit=row["unit"], city=row["city"], role=role)


def read_roster(path: Path) -> list[Reviewer]:
    rows = read_table(path, COLUMNS, required=("name", "unit"))
    reviewers = [_reviewer(path, line, row) for line, row in enumerate(rows, start=2)
                 if any(row.values())]
    names = [r.name for r in reviewers]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"{path}: 姓名重复：{'、'.join(twice)}（请用不同写法区分同名的评审专家）")
    return reviewers
