"""`intake rubric` output: the rubric list, a rubric's items, lint findings and score sheets, as
rich tables for reviewers and as JSON; and reading the VALUES.json a reviewer scores from.

Numbers in JSON are numbers (5, 1.5), never strings; tables print them the same way.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from intake.glossary import NODE_KIND_NAMES, SUBJECT_NAMES, UNIT_LEVEL_NAMES
from rubric import LintFinding, Rubric, ScoreSheet, UnitInput, UnitScore, sheet_json
from rubric.engine import holds, plain
from rubric.errors import InputError
from rubric.model import (
    CountNode,
    DeductionNode,
    ExpertNode,
    JudgedNode,
    Node,
    RankNode,
    RatioNode,
    SumNode,
    TableNode,
    walk,
)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def _num(value: Decimal | None) -> str:
    return "—" if value is None else f"{plain(value):g}"


def _jsonable(value: Any) -> Any:
    """A model dump with Decimal as int/float and dates as ISO text, for json.dumps."""
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


# ---- list, show -------------------------------------------------------------------------------


def render_list(rubrics: Sequence[Rubric], console: Console) -> None:
    table = Table(title="评分细则 (rubrics)")
    for column in ("id", "名称", "对象", "项目数", "满分"):
        table.add_column(column, justify="right" if column in ("项目数", "满分") else "left")
    for rubric in rubrics:
        counted = str(len(rubric.items)) if rubric.items else f"{len(rubric.criteria)} 条评选条件"
        table.add_row(rubric.id, rubric.title, SUBJECT_NAMES[rubric.subject], counted,
                      _num(rubric.maximum))
    console.print(table)


def show_json(rubric: Rubric) -> dict[str, Any]:
    result: dict[str, Any] = _jsonable(rubric.model_dump(exclude_defaults=True))
    result["id"] = rubric.id  # always present, even if a dump rule changes
    return result


def _rule_text(node: Node) -> str:
    """One line per rule, band or tier, as a reviewer reads it."""
    if isinstance(node, TableNode):
        lines = [r.source or f"{_num(r.points)}分" for r in node.rules]
        return "\n".join([*lines, "否则酌情记分" if node.otherwise == "judged" else "否则 0 分"])
    if isinstance(node, ExpertNode):
        tiers = [f"{t.label} {_num(t.min)}-{_num(t.max)}分 {t.descriptors}".strip()
                 for t in node.tiers]
        return "\n".join(tiers) or f"未分档，0-{_num(node.maximum)}分"
    if isinstance(node, RankNode):
        return "\n".join(b.source or f"第{b.first}-{b.last or '…'}名 {_num(b.points)}分"
                         for b in node.bands)
    if isinstance(node, CountNode):
        return "，".join(f"{r.fact} 每个 {_num(r.points)}分" for r in node.rates)
    if isinstance(node, DeductionNode):
        return (f"{_num(node.start)}分起，每个 {node.fact} 扣 {_num(node.per)}分，"
                f"最低 {_num(node.floor)}分")
    if isinstance(node, RatioNode):
        return f"{node.fact} ÷ 全批最高 × {_num(node.maximum)}"
    if isinstance(node, SumNode):
        return f"分项合计，封顶 {_num(node.cap)}分" if node.cap is not None else "分项合计"
    return node.source if isinstance(node, JudgedNode) else ""


def render_show(rubric: Rubric, console: Console) -> None:
    console.print(Text(f"{rubric.title}（{rubric.id}）", style="bold"))
    console.print(f"来源：{rubric.source}")
    if rubric.maximum is not None:
        console.print(f"满分：{_num(rubric.maximum)}")
    if rubric.items:
        _items_table(rubric, console)
    if rubric.criteria:
        table = Table(title="评选条件（评审逐条认定是否符合）")
        table.add_column("序号")
        table.add_column("条件")
        for criterion in rubric.criteria:
            only = "（仅适用于非信息化岗位人员）" if criterion.applies_when else ""
            table.add_row(criterion.id, Text(criterion.text + only))
        console.print(table)
    if rubric.selection is not None:
        console.print(Text(f"推荐规则：{rubric.selection.reading or ''}"))
        console.print(Text(f"原文：{rubric.selection.source}", style="dim"))
    if rubric.frontline is not None:
        console.print(Text(f"基层一线（只报告、不强制）：{rubric.frontline.reading or ''}"))
    if rubric.quotas:
        table = Table(title="名额分配")
        for column in ("单位", "城市", "名额"):
            table.add_column(column, justify="right" if column == "名额" else "left")
        for quota in rubric.quotas:
            table.add_row(quota.unit, quota.city, str(quota.count))
        console.print(table)


def _items_table(rubric: Rubric, console: Console) -> None:
    table = Table(title="评分项目", show_lines=True)
    for column in ("序号", "一级指标", "二级指标", "方式", "满分", "规则", "取舍"):
        table.add_column(column, justify="right" if column == "满分" else "left")
    for item in rubric.items:
        for node in walk(item):
            table.add_row(node.id, node.level1, node.name, NODE_KIND_NAMES[node.kind],
                          _num(node.maximum), _rule_text(node), node.reading or "")
    console.print(table)


# ---- lint -------------------------------------------------------------------------------------


def lint_json(findings: Sequence[tuple[str, LintFinding]],
              with_rubric: bool) -> list[dict[str, Any]]:
    """[{"item", "code", "message"}], plus "rubric" when several rubrics were linted."""
    rows = []
    for rubric_id, finding in findings:
        row: dict[str, Any] = {"item": finding.item, "code": finding.code,
                               "message": finding.message}
        rows.append({"rubric": rubric_id, **row} if with_rubric else row)
    return rows


def render_lint(findings: Sequence[tuple[str, LintFinding]], linted: Sequence[str],
                console: Console) -> None:
    if not findings:
        console.print(f"未发现问题 (no findings): {', '.join(linted)}")
        return
    table = Table(title="评分细则检查 (rubric lint)", show_lines=True)
    for column in ("细则", "项目", "问题", "说明"):
        table.add_column(column)
    for rubric_id, finding in findings:
        table.add_row(rubric_id, finding.item, Text(finding.code, style="yellow"), finding.message)
    console.print(table)


# ---- score ------------------------------------------------------------------------------------


def read_values(path: Path, rubric: Rubric) -> list[UnitInput]:
    """The units of VALUES.json: {"rubric": ID, "units": [{"id", "name", "level", …}]}."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: 无法读取 (cannot be read: {error})") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: 不是有效的 JSON，第 {error.lineno} 行第 {error.colno} 列："
                         f"{error.msg}") from error
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        raise InputError(f'{path}: 应为 {{"rubric": "{rubric.id}", "units": [...]}} '
                         "(an object with a list of units)")
    if data.get("rubric") != rubric.id:
        raise InputError(f"{path}: 这些数值属于细则 {data.get('rubric')!r}，不是 {rubric.id!r} "
                         "(values are for another rubric)")
    return [_unit(path, index, raw) for index, raw in enumerate(data["units"])]


def _unit(path: Path, index: int, raw: Any) -> UnitInput:
    label = f"单位 {raw.get('id')}" if isinstance(raw, dict) and raw.get("id") else (
        f"第 {index + 1} 个单位")
    try:
        return UnitInput.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(unit)'}: {e['msg']}"
                             for e in error.errors())
        raise InputError(f"{path}: {label}: {problems}") from error


def score_json(sheet: ScoreSheet) -> dict[str, Any]:
    return sheet_json(sheet)


def render_score(sheet: ScoreSheet, rubric: Rubric, console: Console) -> None:
    """One row per unit, best first: rank, unit, level, every item, total; excluded marked."""
    table = Table(title=f"{rubric.title} 计分表")
    table.add_column("名次", justify="right")
    table.add_column("单位")
    table.add_column("级别")
    for item in rubric.items:
        table.add_column(f"{item.id}\n({_num(item.maximum)})", justify="right")
    table.add_column(f"总分\n({_num(rubric.maximum)})", justify="right")
    table.add_column("状态")
    order = sorted(range(len(sheet.units)), key=lambda i: (
        sheet.units[i].rank is None, sheet.units[i].rank or 0, i))
    for index in order:
        unit = sheet.units[index]
        status = Text("不参与评优", style="red") if unit.excluded else Text("")
        table.add_row(str(unit.rank) if unit.rank else "—", unit.name or unit.id,
                      UNIT_LEVEL_NAMES[unit.level], *(_num(unit.items[i.id]) for i in rubric.items),
                      _num(unit.total), status)
    console.print(table)
    for unit in sheet.units:
        if unit.excluded:
            reasons = "；".join(_vetoes(unit, rubric))
            console.print(Text(f"{unit.name or unit.id} 不参与评优：{reasons}", style="red"))


def _vetoes(unit: UnitScore, rubric: Rubric) -> list[str]:
    """The sources of the exclude_unit vetoes that held for the unit (its trace has their facts)."""
    nodes = rubric.nodes()
    return [veto.source for step in unit.trace for veto in nodes[step.node].vetoes
            if veto.effect == "exclude_unit" and holds(veto.when, step.facts)]
