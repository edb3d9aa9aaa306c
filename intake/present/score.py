"""`intake score` output: the table a reviewer prints, and the same as JSON."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from intake.glossary import SCORE_STATUS_NAMES, UNIT_LEVEL_NAMES, finding_name
from intake.present.labels import pending_label
from intake.present.layout import compact, show
from intake.score.scoring import ScoreReport, UnitRow
from rubric import Rubric
from rubric.engine import plain, unit_json


def row_json(row: UnitRow) -> dict[str, Any]:
    scored = unit_json(row.result) if row.result else {}
    return {"submission": row.submission, "path": row.path, "unit": row.unit.model_dump(),
            "status": row.status, "pending": row.pending,
            "total": scored.get("total"), "items": scored.get("items"),
            "excluded": scored.get("excluded", False), "rank": scored.get("rank"),
            "trace": scored.get("trace")}


def report_json(report: ScoreReport) -> dict[str, Any]:
    return {"rubric": report.rubric, "provisional": report.provisional,
            "units": [row_json(r) for r in report.rows],
            "findings": [{"code": i.code, "level": "warning", "message": i.message,
                          "city": i.city, "submissions": list(i.submissions)}
                         for i in report.issues]}


def render_json(report: ScoreReport) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2)


def _item_ids(report: ScoreReport) -> list[str]:
    scored = next((r.result for r in report.rows if r.result), None)
    return list(scored.items) if scored else []


def render_table(report: ScoreReport, console: Console, wide: bool = False,
                 rubric: Rubric | None = None) -> None:
    """The full table (every item's points) on a wide terminal or with --wide; else 名次, 单位,
    总分 and 状态 only, which an 80-column terminal shows without cutting names or totals."""
    narrow = compact(console, wide)
    items = [] if narrow else _item_ids(report)
    table = Table(title=f"{report.title} 汇总（仅计复核确认的值）")
    for column in ("名次", "单位", "级别", *items, "总分", "状态"):
        table.add_column(column, justify="right" if column in items or column == "总分" else "left",
                         no_wrap=column in ("名次", "级别", "总分"),
                         overflow="fold", ratio=2 if column in ("单位", "状态") else None)
    for row in report.rows:
        result = row.result
        cells = [str(result.rank or "—") if result else "—", row.unit.name,
                 UNIT_LEVEL_NAMES[row.unit.level]]
        cells += [f"{plain(result.items[i]):g}" if result else "" for i in items]
        cells.append(f"{plain(result.total):g}" if result else "—")
        table.add_row(*cells, _status(row, rubric, narrow))
    show(console, table)
    if narrow and _item_ids(report):
        console.print("各项得分见 --wide 或 汇总表（intake score --format xlsx）。", style="dim")
    if report.provisional:
        console.print("部分单位尚待复核：排名类指标与名次在全部确认后才是最终结果。",
                      style="yellow")
    for issue in report.issues:
        console.print(Text(f"{finding_name(issue.code)} ", style="yellow")
                      + Text(f"{issue.code} ", style="dim") + Text(issue.message))


def _status(row: UnitRow, rubric: Rubric | None = None, narrow: bool = False) -> Text:
    if row.status != "pending":
        return Text(SCORE_STATUS_NAMES[row.status], style="red" if row.status == "excluded" else "")
    if narrow:
        return Text(f"待复核 {len(row.pending)} 项", style="yellow")
    names = [pending_label(rubric, key) if rubric else key for key in row.pending[:4]]
    shown = "、".join(names) + ("…" if len(row.pending) > 4 else "")
    return Text(f"待复核 {len(row.pending)} 项：{shown}", style="yellow")
