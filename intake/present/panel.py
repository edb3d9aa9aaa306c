"""The panel as reviewers read it: the roster, the assignment, and how far each submission's
experts have come (as tables, and the assignment as the JSON contract)."""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table

from intake.score.panel import PanelState
from intake.store.panel import Assignment, Reviewer
from rubric.engine import plain

ROLE_NAMES = {"expert": "专家", "lead": "组长"}


def render_roster(reviewers: list[Reviewer], console: Console) -> None:
    table = Table(title="评审工作组")
    for column in ("姓名", "单位", "城市", "角色"):
        table.add_column(column)
    for r in reviewers:
        table.add_row(r.name, r.unit, r.city, ROLE_NAMES[r.role])
    console.print(table)


def assignment_json(assignments: list[Assignment]) -> str:
    return json.dumps({"assignments": [{"submission": a.submission, "path": a.path,
                                        "reviewers": list(a.reviewers)} for a in assignments]},
                      ensure_ascii=False, indent=2)


def render_assignment(assignments: list[Assignment], console: Console) -> None:
    table = Table(title="评审分配（已按回避规则）")
    table.add_column("申报材料")
    table.add_column("评审专家")
    for a in assignments:
        table.add_row(a.path, "、".join(a.reviewers))
    console.print(table)
    loads: dict[str, int] = {}
    for a in assignments:
        for name in a.reviewers:
            loads[name] = loads.get(name, 0) + 1
    console.print("每位专家的评审数：" + "，".join(f"{n} {c} 份" for n, c in sorted(loads.items())))


def render_state(rows: list[tuple[Assignment, PanelState]], console: Console) -> None:
    table = Table(title="专家评审进度")
    for column in ("申报材料", "专家", "未完成", "最大分差", "待组长裁定"):
        table.add_column(column)
    for assignment, state in rows:
        waiting = "；".join(f"{n} {len(k)} 项" for n, k in sorted(state.waiting.items()))
        spread = max(state.spread.values(), default=None)
        table.add_row(assignment.path, "、".join(state.experts), waiting or "—",
                      "—" if spread is None else f"{plain(spread):g}",
                      "、".join(state.disagreements) or "—")
    console.print(table)


ACTION_NAMES = {"reviewers_import": "导入评审名单", "assign": "分配评审专家"}


def render_panel_log(rows: list[dict[str, object]], console: Console) -> None:
    table = Table(title="评审组日志")
    for column in ("时间 (UTC)", "操作", "操作人", "评分细则", "内容"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["at"]), ACTION_NAMES.get(str(row["action"]), str(row["action"])),
                      str(row["by_whom"]), str(row["rubric"] or "—"), _what(row))
    console.print(table)


def _what(row: dict[str, object]) -> str:
    detail = json.loads(str(row["detail"]))
    if row["action"] == "reviewers_import":
        return f"{len(detail.get('reviewers', []))} 位，来自 {detail.get('source', '')}"
    return f"{len(detail.get('after', {}))} 份申报材料（此前 {len(detail.get('before', {}))} 份）"
