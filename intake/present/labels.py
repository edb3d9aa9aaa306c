"""How both reports (the Excel 汇总表 and the HTML report) name items, facts, statuses and numbers,
so a unit reads the same in each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from intake.glossary import SCORE_STATUS_NAMES
from intake.score.scoring import ScoreReport, UnitRow
from rubric import Rubric
from rubric.batch_checks import BatchIssue
from rubric.selection import CityList

SHORT_NAME = 12  # characters of an item's 二级指标 name kept in its column header


def item_header(rubric: Rubric, item_id: str) -> str:
    """"1 网络安全和信息化领导小组…": the item id and its 二级指标 name, shortened."""
    node = rubric.nodes().get(item_id)
    name = node.name if node else ""
    short = name if len(name) <= SHORT_NAME else name[:SHORT_NAME] + "…"
    return f"{item_id} {short}".strip()


def item_ids(rubric: Rubric, report: ScoreReport) -> list[str]:
    """The rubric's items in its order, and any other item a score names after them."""
    ids = [item.id for item in rubric.items]
    scored = [i for row in report.rows if row.result for i in row.result.items]
    return ids + [i for i in dict.fromkeys(scored) if i not in ids]


def pending_label(rubric: Rubric, key: str) -> str:
    """"item:4" → 指标4, "fact:it_staff" → 信息化专职人员数量."""
    target, colon, name = key.partition(":")
    if not colon:
        return key  # 条件2: a 先进个人 criterion, already in words
    if target == "item":
        return f"指标{name}"
    spec = rubric.facts.get(name)
    return spec.description if spec else name


def status_text(row: UnitRow, rubric: Rubric) -> str:
    if row.status == "not_scorable":
        return f"需补交：{row.reason}"
    if row.status != "pending":
        return SCORE_STATUS_NAMES[row.status]
    return "待复核：" + "、".join(pending_label(rubric, key) for key in row.pending)


@dataclass(frozen=True)
class IssueIndex:
    """Each submission's batch issues with their number on the 批次问题 list (from 1), gathered
    once per report: looking them up row by row in the whole list made both reports quadratic in
    the batch (thousands of units, a near_duplicate_text issue for most of them)."""

    by_submission: dict[str, list[tuple[int, BatchIssue]]]

    def numbered(self, submission: str) -> Sequence[tuple[int, BatchIssue]]:
        return self.by_submission.get(submission, [])

    def of(self, submission: str) -> list[BatchIssue]:
        return [issue for _, issue in self.numbered(submission)]


def issue_index(report: ScoreReport) -> IssueIndex:
    found: dict[str, list[tuple[int, BatchIssue]]] = {}
    for number, issue in enumerate(report.issues, 1):
        for submission in dict.fromkeys(issue.submissions):
            found.setdefault(submission, []).append((number, issue))
    return IssueIndex(found)


def unit_names(report: ScoreReport) -> dict[str, str]:
    return {row.submission: row.unit.label for row in report.rows}


def number(value: Decimal | None) -> int | float | None:
    """An exact Decimal as the plainest Excel number: 5, 4.5."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def quota_text(city: CityList) -> str:
    """"2 / 5": a city's 先进个人 recommended against the quota of 附件2; "2 / —" where it gives
    none."""
    return f"{len(city.recommended)} / {'—' if city.quota is None else city.quota}"


def share_text(city: CityList) -> str:
    """The share of 基层一线 among a city's recommended 先进个人, "—" when nobody is."""
    share = city.frontline_share
    return "—" if share is None else f"{share.normalize():f}%"
