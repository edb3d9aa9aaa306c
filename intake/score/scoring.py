"""`intake score`: totals from confirmed values only, with ranks, vetoes and the batch checks.

A unit whose values are not all confirmed is "pending", with the list of what awaits a reviewer;
it never gets a partial total. Ranked items compare the units that are complete, so while some are
pending the ranks are provisional, and the sheet says so. A submission whose form could not be read
or recognised (unreadable, a scan that needs OCR, no form at all) is "not_scorable" with the reason
(需补交): it stays in every report, and totals and ranks are computed over the scored units only.
A --manifest row with no submission folder is a `missing_submission` batch finding.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field

from intake.score.duplicates import duplicate_issues
from intake.score.panel import PanelState, panel_confirmed, zscore_means
from intake.score.shortlist import with_choices
from intake.score.similar import TextOverlap, find_overlaps, overlap_issue
from intake.score.units import UNIT_FIELDS, UnitProfile, form_date, unit_for
from intake.store import Store
from intake.store.decisions import Confirmed, confirmed
from intake.store.findings import stored_findings
from intake.store.metrics import stored_metrics
from intake.store.panel import panel_active
from intake.store.submissions import SubmissionRow, submissions
from intake.tables import read_table
from rubric import Rubric
from rubric.batch_checks import BatchIssue, Nominee, batch_issues
from rubric.engine import UnitInput, UnitScore, points_needed, score
from rubric.errors import InputError
from rubric.model import RankNode, RatioNode, node_facts, walk
from rubric.selection import Choice, CityList
from rubric.strict import Strict


class UnitRow(Strict):
    submission: str
    path: str
    unit: UnitProfile
    # scored | pending | excluded | not_scorable; 先进个人: recommended | not_recommended | pending
    status: str
    pending: list[str]
    result: UnitScore | None = None
    panel: PanelState | None = None  # under a review panel: experts, spread, disagreements
    choice: Choice | None = None  # 先进个人: the person's result under the selection rule
    reason: str = ""  # why a not_scorable submission cannot be scored (需补交)


class ScoreReport(Strict):
    rubric: str
    title: str
    rows: list[UnitRow]
    issues: list[BatchIssue]
    provisional: bool
    # near_duplicate_text pairs with their shared passages
    overlaps: list[TextOverlap] = Field(default_factory=list)
    shortlist: list[CityList] = Field(default_factory=list)  # 先进个人: the 推荐名单 per city


def _unit(rubric: Rubric, row: SubmissionRow) -> UnitProfile:
    return unit_for(rubric, row.fields, row.path)


def _needed_facts(rubric: Rubric) -> set[str]:
    nodes = [n for item in rubric.items for n in walk(item)]
    return set().union(*(node_facts(n) for n in nodes)) if nodes else set()


def _confirmed(store: Store, rubric: Rubric, sid: str, panel: bool,
               zscores: dict[tuple[str, str], Decimal]) -> tuple[Confirmed, PanelState | None]:
    """One reviewer's latest decisions, or under a panel the experts' joined and resolved ones."""
    if panel:
        return panel_confirmed(store, rubric, sid, zscores)
    return confirmed(store, rubric.id, sid), None


def _inputs(store: Store, rubric: Rubric, row: SubmissionRow, unit: UnitProfile,
            metrics: dict[str, dict[str, float]],
            values: Confirmed) -> tuple[UnitInput, list[str]]:
    facts: dict[str, Any] = {**values.facts, **metrics.get(unit.name, {})}
    needed_facts = _needed_facts(rubric)
    missing = [f"fact:{f}" for f in sorted(needed_facts - set(facts))]
    missing += [f"item:{i}" for i in points_needed(rubric, facts) if i not in values.points]
    unit_input = UnitInput(id=row.id, name=unit.name, level=unit.level, city=unit.city,
                           facts={f: facts.get(f) for f in needed_facts},
                           points=dict(values.points))
    return unit_input, missing


MANIFEST_COLUMNS = {"folder": ("申报材料", "申报单位", "submission", "folder"),
                    "received": ("收到日期", "收件日期", "received", "date")}


def _received(cell: str) -> dt.date:
    # A date cell of an .xlsx comes as "2024-10-19 00:00:00"; a CSV may write 2024/10/19.
    return dt.date.fromisoformat(cell.split(" ")[0].replace("/", "-"))


def read_manifest(path: Path) -> dict[str, dt.date]:
    """Dates of receipt by submission folder name, from a table (CSV in UTF-8 or GBK, or .xlsx)
    with columns 申报材料 and 收到日期 (YYYY-MM-DD). A date here takes the place of the one written
    in 单位意见."""
    dates: dict[str, dt.date] = {}
    rows = read_table(path, MANIFEST_COLUMNS, required=("folder", "received"))
    for line, row in enumerate(rows, start=2):
        try:
            dates[Path(row["folder"]).name] = _received(row["received"])
        except ValueError:
            raise InputError(f"{path} 第 {line} 行：需要“申报材料”和“收到日期”(YYYY-MM-DD)，"
                             f"得到 {row['folder']!r}, {row['received']!r}") from None
    return dates


def score_store(store: Store, rubric: Rubric,
                manifest: dict[str, dt.date] | None = None) -> ScoreReport:
    """Score every submission of the rubric's kind in the store from confirmed values."""
    rows, unscorable, checks = _rows_and_checks(store, rubric, manifest or {})
    lists: list[CityList] = []
    if rubric.selection is not None:
        rows, lists = with_choices(store, rubric, rows)
    names = {row.submission: row.unit.name for row in [*rows, *unscorable]}
    overlaps = find_overlaps(store, rubric, names)
    issues = checks + duplicate_issues(store, names) + [overlap_issue(o, names) for o in overlaps]
    return ScoreReport(rubric=rubric.id, title=rubric.title, rows=rows + unscorable,
                       issues=issues, provisional=any(r.status == "pending" for r in rows),
                       overlaps=overlaps, shortlist=lists)


def _rows_and_checks(store: Store, rubric: Rubric, manifest: dict[str, dt.date]
                     ) -> tuple[list[UnitRow], list[UnitRow], list[BatchIssue]]:
    """The rows of the submissions of the rubric's kind, the 需补交 rows, and the batch checks
    of their forms. The forms' fields are read and dropped here, before the texts are compared
    (at 5 000 submissions they held 17 MB through find_overlaps' peak)."""
    kinds = {f.kind for f in rubric.forms}
    stored = submissions(store, UNIT_FIELDS)  # what units.py reads of the form, no more
    mine = [r for r in stored if not kinds or r.kind in kinds]
    # 需补交 rows where totals and ranks are made; a 先进个人 list (selection rule) names people,
    # and a submission without a readable form names nobody.
    unscorable = [_not_scorable(store, rubric, r) for r in stored
                  if kinds and r.kind == "unknown" and rubric.selection is None]
    checks = _issues(rubric, stored, manifest) + missing_submissions(stored, manifest)
    return _scored_rows(store, rubric, mine), unscorable, checks


def _scored_rows(store: Store, rubric: Rubric, mine: list[SubmissionRow]) -> list[UnitRow]:
    """Every submission's row, scored when its values are complete, in rank order. The
    confirmed values and inputs of the whole batch live only here: freed before the texts
    are compared (at 5 000 submissions they held 20 MB through find_overlaps' peak)."""
    metrics = stored_metrics(store)
    units = {r.id: _unit(rubric, r) for r in mine}
    panel = panel_active(store, rubric.id)
    zscores = zscore_means(store, rubric, [r.id for r in mine]) \
        if panel and rubric.panel.aggregation.zscore else {}
    values = {r.id: _confirmed(store, rubric, r.id, panel, zscores) for r in mine}
    prepared = {r.id: _inputs(store, rubric, r, units[r.id], metrics, values[r.id][0])
                for r in mine}
    complete = [u for u, missing in prepared.values() if not missing]
    sheet = {u.id: u for u in score(rubric, complete).units} if complete and rubric.items else {}
    return _ranked([_row(r, units[r.id], prepared[r.id][1], sheet.get(r.id), values[r.id][1])
                    for r in mine])


# What a submission lacks when its form cannot be scored, by the findings that say so.
UNSCORABLE_REASONS = {
    "unreadable": "文件无法读取", "encrypted": "文件已加密", "empty": "文件为空",
    "unsupported_format": "文件格式不支持", "needs_ocr": "扫描件无文字层（需OCR）",
    "missing_form": "缺少申报表", "unknown_form": "未识别出申报表",
}


def _not_scorable(store: Store, rubric: Rubric, row: SubmissionRow) -> UnitRow:
    codes = dict.fromkeys(f.code for f in stored_findings(store, row.id))
    reasons = [f"{UNSCORABLE_REASONS[c]}（{c}）" for c in codes if c in UNSCORABLE_REASONS]
    return UnitRow(submission=row.id, path=row.path, unit=_unit(rubric, row),
                   status="not_scorable", pending=[],
                   reason="、".join(reasons) or "未识别出申报表（unknown_form）")


def missing_submissions(stored: list[SubmissionRow],
                        manifest: dict[str, dt.date]) -> list[BatchIssue]:
    """Manifest rows (received packages) with no submission folder in the store."""
    folders = {Path(r.path).name for r in stored}
    return [BatchIssue(code="missing_submission",
                       message=f"清单中的“{name}”（收到日期 {received.isoformat()}）没有对应的"
                               "申报材料文件夹，未参加评分")
            for name, received in sorted(manifest.items()) if name not in folders]


def counts(report: ScoreReport) -> dict[str, int]:
    """How many rows have each status: scored, excluded, pending, not_scorable (and a 先进个人's
    recommended, not_recommended)."""
    found = dict.fromkeys(("scored", "excluded", "pending", "not_scorable"), 0)
    for row in report.rows:
        found[row.status] = found.get(row.status, 0) + 1
    return found


def coverage_note(report: ScoreReport) -> str:
    """What the totals and ranks are computed over, for the head of every report."""
    n = counts(report)
    left = [f"{n['pending']} 个待复核" if n["pending"] else "",
            f"{n['not_scorable']} 个需补交（无法评分）" if n["not_scorable"] else ""]
    rest = "、".join(x for x in left if x)
    scored = sum(n.values()) - n["pending"] - n["not_scorable"]
    return (f"总分与名次只在已计分的 {scored} 个单位中计算"
            + (f"；{rest}的单位列出但未计入" if rest else ""))


def _row(row: SubmissionRow, unit: UnitProfile, missing: list[str],
         result: UnitScore | None, panel: PanelState | None) -> UnitRow:
    status = "pending" if missing else ("excluded" if result and result.excluded else "scored")
    return UnitRow(submission=row.id, path=row.path, unit=unit, status=status,
                   pending=missing, result=result, panel=panel)


def _ranked(rows: list[UnitRow]) -> list[UnitRow]:
    def order(row: UnitRow) -> tuple[int, Decimal, str]:
        rank = row.result.rank if row.result and row.result.rank else 10**6
        total = row.result.total if row.result else Decimal(0)
        return rank, -total, row.path

    return sorted(rows, key=order)


def _issues(rubric: Rubric, stored: list[SubmissionRow],
            manifest: dict[str, dt.date]) -> list[BatchIssue]:
    """The rubric's own batch checks (a collective check never under the individual programme,
    nor the reverse), over the submissions of its kind in the store."""
    kinds = {f.kind for f in rubric.forms}
    nominees = [Nominee(submission=r.id, name=unit.label, subject=rubric.subject,
                        level=unit.level, city=unit.city,
                        dated=manifest.get(Path(r.path).name) or form_date(r.fields))
                for r in stored if not kinds or r.kind in kinds
                for unit in [_unit(rubric, r)]]
    return batch_issues(rubric, nominees)


def ranked_units(report: ScoreReport, rubric: Rubric) -> list[str]:
    """Units whose platform statistics the rubric uses: those of a ranked item's level, or every
    unit when an item compares with the batch's best (ratio)."""
    nodes = list(rubric.nodes().values())
    if any(isinstance(n, RatioNode) for n in nodes):
        return [r.unit.name for r in report.rows]
    levels = {n.scope for n in nodes if isinstance(n, RankNode)}
    return [r.unit.name for r in report.rows if r.unit.level in levels]
