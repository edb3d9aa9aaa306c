"""`intake review log`: the audit log of decisions as reviewers read it, as a table or JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import PurePath

from rich.console import Console
from rich.table import Table
from rich.text import Text

from intake import localtime
from intake.catalog import load_rubric
from intake.glossary import ACTION_NAMES, SOURCE_NAMES, TARGET_NAMES
from intake.present.labels import pending_label
from intake.present.layout import compact, show
from intake.review.values import decided_text
from intake.store import Store
from intake.store.decisions import LoggedDecision, audit_log
from intake.store.panel import panel_active, reviewer_role
from intake.store.suggestions import pending
from rubric import Rubric
from rubric.errors import InputError


def log_rows(store: Store, rubric_id: str | None = None, submission: str | None = None,
             viewer: str | None = None) -> list[dict[str, object]]:
    """The decisions, oldest first, with the suggested and decided values as reviewers read
    them. Under a review panel the log is blind: an expert (`viewer`) sees the other experts'
    decisions on a submission only once they have decided everything of theirs on it."""
    rubrics: dict[str, Rubric | None] = {}
    rows = []
    for row in _visible(store, audit_log(store, rubric_id, submission), viewer):
        if row.rubric not in rubrics:
            rubrics[row.rubric] = _rubric_or_none(row.rubric)
        rows.append(_log_row(rubrics[row.rubric], row))
    return rows


def _visible(store: Store, logged: list[LoggedDecision],
             viewer: str | None) -> list[LoggedDecision]:
    panels = {r.rubric for r in logged if panel_active(store, r.rubric)}
    if not panels:
        return logged
    if viewer is None:
        raise InputError("本评审由专家组进行，审计日志按评审人显示：请用 --reviewer 写明你的姓名"
                         "（专家在提交自己的评分之前看不到他人的评分）")
    if reviewer_role(store, viewer) == "lead":
        return logged
    done: dict[tuple[str, str], bool] = {}
    for row in logged:
        key = (row.rubric, row.submission_id)
        if key not in done:
            done[key] = not pending(store, row.rubric, row.submission_id, reviewer=viewer)
    return [r for r in logged if r.rubric not in panels or r.reviewer == viewer
            or done[(r.rubric, r.submission_id)]]


def _rubric_or_none(rubric_id: str) -> Rubric | None:
    try:
        return load_rubric(rubric_id)
    except InputError:
        return None


def _log_row(rubric: Rubric | None, row: LoggedDecision) -> dict[str, object]:
    return {
        "id": row.id, "reviewer": row.reviewer, "decided_at": row.decided_at,
        "submission": row.submission_id, "path": row.path, "rubric": row.rubric,
        "target": row.target, "key": row.key, "action": row.action,
        "label": pending_label(rubric, f"{row.target}:{row.key}") if rubric else row.key,
        "source": row.source, "suggestion_id": row.suggestion_id,
        "suggested": row.suggested.model_dump(), "decided": row.decided.model_dump(),
        "suggested_text": decided_text(rubric, row.target, row.key, row.suggested),
        "decided_text": decided_text(rubric, row.target, row.key, row.decided),
        "reason": row.reason,
    }


def log_json(rows: list[dict[str, object]]) -> str:
    return json.dumps({"decisions": rows}, ensure_ascii=False, indent=2)


def _cells(r: dict[str, object], tz: dt.tzinfo | None, narrow: bool) -> list[str]:
    stamp = str(r["decided_at"])
    when = localtime.shown(stamp, tz) if not narrow else _short_time(stamp, tz)
    what = str(r.get("label") or r["key"])
    cells = [when, str(r["reviewer"]), PurePath(str(r["path"])).name if narrow else str(r["path"]),
             what if narrow else f"{TARGET_NAMES.get(str(r['target']), str(r['target']))} {what}",
             ACTION_NAMES.get(str(r["action"]), str(r["action"])),
             f"{r['suggested_text']} → {r['decided_text']}", str(r["reason"] or "")]
    return cells if narrow else [*cells, SOURCE_NAMES.get(str(r["source"]), str(r["source"]))]


def _short_time(stamp: str, tz: dt.tzinfo | None) -> str:
    try:
        return localtime.local(stamp, tz).strftime("%m-%d %H:%M")
    except ValueError:
        return stamp


def render_log(rows: list[dict[str, object]], console: Console, wide: bool = False) -> None:
    """Local times; at 80 columns the compact table (no 来源, folder names, times without the
    year, the offset said once in the caption)."""
    if not rows:
        console.print("审计日志中还没有任何决定。")
        return
    narrow, tz = compact(console, wide), localtime.zone()
    table = Table(title="复核决定（审计日志，只增不改）", show_lines=False)
    if narrow:
        offset = localtime.shown(str(rows[0]["decided_at"]), tz)[-6:]
        table.caption = f"时间为当地时间（UTC{offset}）；--wide 显示完整表格"
    columns = ["复核人", "申报材料", "事实/指标", "决定", "建议 → 决定", "理由"]
    table.add_column("时间", no_wrap=True)  # local, with its offset
    for column in columns if narrow else [*columns, "来源"]:
        table.add_column(column, overflow="fold", no_wrap=column in ("决定", "复核人"))
    for r in rows:
        table.add_row(*(Text(c) for c in _cells(r, tz, narrow)))  # reviewer input is not markup
    show(console, table, f"共 {len(rows)} 条决定。")
