"""`intake score` output: the table a reviewer prints, and the same as JSON."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from intake.glossary import OUTCOME_NAMES, SCORE_STATUS_NAMES, UNIT_LEVEL_NAMES, finding_name
from intake.present.json_stream import indented
from intake.present.labels import pending_label, quota_text, share_text
from intake.present.layout import compact, show
from intake.score.scoring import ScoreReport, UnitRow, counts, coverage_note
from rubric import Rubric
from rubric.engine import plain, unit_json
from rubric.selection import CityList, Nominated


def row_json(row: UnitRow) -> dict[str, Any]:
    scored = unit_json(row.result) if row.result else {}
    return {"submission": row.submission, "path": row.path, "unit": row.unit.model_dump(),
            "status": row.status, "pending": row.pending, "reason": row.reason,
            "total": scored.get("total"), "items": scored.get("items"),
            "excluded": scored.get("excluded", False), "rank": scored.get("rank"),
            "trace": scored.get("trace"),
            "conditions": row.choice.answers if row.choice else None,
            **_panel_json(row)}


def _panel_json(row: UnitRow) -> dict[str, Any]:
    """Under a review panel: how many experts, their widest spread, what awaits whom."""
    if row.panel is None:
        return {}
    spread = max(row.panel.spread.values(), default=None)
    return {"panel": {"experts": list(row.panel.experts),
                      "spread": None if spread is None else plain(spread),
                      "disagreements": row.panel.disagreements,
                      "waiting": row.panel.waiting,
                      "resolved_by_lead": row.panel.resolved_by_lead,
                      "zscore_means": {k: plain(v) for k, v in row.panel.zscore.items()}}}


def disagreement_findings(report: ScoreReport) -> list[dict[str, Any]]:
    """reviewer_disagreement: items where the experts' spread is wider than the tier."""
    return [{"code": "reviewer_disagreement", "level": "warning",
             "message": f"{row.unit.name}：专家评分分歧较大"
                        f"（{'、'.join(row.panel.disagreements)}），待组长裁定 "
                        "(intake panel resolve)",
             "city": row.unit.city, "submissions": [row.submission]}
            for row in report.rows if row.panel and row.panel.disagreements]


def report_json(report: ScoreReport) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, Iterator) else value
            for key, value in _report_fields(report).items()}


def _report_fields(report: ScoreReport) -> dict[str, Any]:
    """report_json with its lists as iterators: each unit, finding and overlap made as it is
    written."""
    issues = ({"code": i.code, "level": "warning", "message": i.message, "city": i.city,
               "submissions": list(i.submissions)} for i in report.issues)
    return {"rubric": report.rubric, "provisional": report.provisional,
            "counts": counts(report), "note": coverage_note(report),
            "units": map(row_json, report.rows),
            "findings": chain(issues, disagreement_findings(report)),
            "overlaps": (o.model_dump(mode="json") for o in report.overlaps),
            "shortlist": map(_city_json, report.shortlist)}


def _city_json(city: CityList) -> dict[str, Any]:
    return {"city": city.city, "unit": city.unit, "quota": city.quota,
            "recommended": len(city.recommended),
            "frontline_share": None if city.frontline_share is None else float(
                city.frontline_share),
            "people": [{"submission": p.submission, "name": p.name, "unit": p.unit,
                        "post": p.post, "level": p.level, "frontline": p.frontline,
                        "conditions_met": p.choice.met, "status": p.choice.outcome,
                        "reason": p.choice.reason} for p in city.people]}


def render_json(report: ScoreReport) -> Iterator[str]:
    """report_json as json.dumps(indent=2) writes it, one unit (finding, overlap) at a time: the
    batch's JSON is never whole in memory (a 5 000 batch's is ~10 MB of text)."""
    return indented(_report_fields(report))


def _item_ids(report: ScoreReport) -> list[str]:
    scored = next((r.result for r in report.rows if r.result), None)
    return list(scored.items) if scored else []


def render_table(report: ScoreReport, console: Console, wide: bool = False,
                 rubric: Rubric | None = None) -> None:
    """The full table (every item's points) on a wide terminal or with --wide; else 名次, 单位,
    总分 and 状态 only, which an 80-column terminal shows without cutting names or totals.
    A 先进个人 programme prints its 推荐名单 instead."""
    if any(r.choice for r in report.rows):
        render_shortlist(report, console)
        return
    narrow = compact(console, wide)
    items = [] if narrow else _item_ids(report)
    table = Table(title=f"{report.title} 汇总（仅计复核确认的值）",
                  caption=coverage_note(report))
    panel = any(r.panel for r in report.rows)
    for column in ("名次", "单位", "级别", *items, "总分", *(("专家", "分差") if panel else ()),
                   "状态"):
        table.add_column(column, justify="right" if column in items or column == "总分" else "left",
                         no_wrap=column in ("名次", "级别", "总分"),
                         overflow="fold", ratio=2 if column in ("单位", "状态") else None)
    for row in report.rows:
        result = row.result
        cells = [str(result.rank or "—") if result else "—", row.unit.label,
                 UNIT_LEVEL_NAMES[row.unit.level]]
        cells += [f"{plain(result.items[i]):g}" if result else "" for i in items]
        cells.append(f"{plain(result.total):g}" if result else "—")
        if panel:
            cells += _panel_cells(row)
        table.add_row(*cells, _status(row, rubric, narrow))
    show(console, table)
    if narrow and _item_ids(report):
        console.print("各项得分见 --wide 或 汇总表（intake score --format xlsx）。", style="dim")
    if report.provisional:
        console.print("部分单位尚待复核：排名类指标与名次在全部确认后才是最终结果。",
                      style="yellow")
    for issue in report.issues:
        console.print(_finding_line(issue.code, issue.message))
    for finding in disagreement_findings(report):
        console.print(_finding_line(finding["code"], finding["message"]))


def _finding_line(code: str, message: str) -> Text:
    """A finding as a reviewer reads it: its Chinese name, the code (dim), the message."""
    return (Text(f"{finding_name(code)} ", style="yellow") + Text(f"{code} ", style="dim")
            + Text(message))


def _panel_cells(row: UnitRow) -> list[str]:
    if row.panel is None:
        return ["", ""]
    spread = max(row.panel.spread.values(), default=None)
    return [str(len(row.panel.experts)), "—" if spread is None else f"{plain(spread):g}"]


def _status(row: UnitRow, rubric: Rubric | None = None, narrow: bool = False) -> Text:
    if row.status == "not_scorable":
        return Text(f"需补交：{row.reason}", style="red")
    if row.status != "pending":
        return Text(SCORE_STATUS_NAMES[row.status], style="red" if row.status == "excluded" else "")
    if narrow:
        return Text(f"待复核 {len(row.pending)} 项", style="yellow")
    names = [pending_label(rubric, key) if rubric else key for key in row.pending[:4]]
    shown = "、".join(names) + ("…" if len(row.pending) > 4 else "")
    return Text(f"待复核 {len(row.pending)} 项：{shown}", style="yellow")


def conditions_text(person: Nominated) -> str:
    """"1、2、3" met; "—" none."""
    return "、".join(person.choice.met) or "—"


def render_shortlist(report: ScoreReport, console: Console) -> None:
    """The 推荐名单 per city: who, conditions met, status, quota used / quota, 基层一线 share."""
    for city in report.shortlist:
        table = Table(title=f"{city.unit} 推荐名单（已推荐 / 名额：{quota_text(city)}；"
                            f"推荐人选中基层一线 {share_text(city)}）")
        for column in ("序号", "姓名", "单位", "职称/职务", "符合条件", "基层一线", "状态", "说明"):
            table.add_column(column)
        for number, person in enumerate(city.people, 1):
            table.add_row(str(number), Text(person.name), Text(person.unit), Text(person.post),
                          conditions_text(person), "是" if person.frontline else "否",
                          _outcome(person), Text(person.choice.reason))
        show(console, table)
    if report.provisional:
        console.print("部分申报人尚有评选条件待复核：推荐名单在全部确认后才是最终结果。",
                      style="yellow")
    for issue in report.issues:
        console.print(_finding_line(issue.code, issue.message))


def _outcome(person: Nominated) -> Text:
    style = {"recommended": "green", "pending": "yellow"}.get(person.choice.outcome, "")
    return Text(OUTCOME_NAMES[person.choice.outcome], style=style)
