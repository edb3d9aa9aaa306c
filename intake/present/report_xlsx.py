"""`intake report --xlsx` and `intake score --format xlsx`: the 汇总表 reviewers print and hand on.

One row per unit (名次, unit, points per item, 总分, 状态, 发现的问题), Chinese headers, a frozen
header row repeated on every printed page, landscape A4 fitted to the page width; a second sheet
lists the batch findings. Points come from the ScoreReport only: a pending unit has no total.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from extractors.findings import Finding
from intake.glossary import UNIT_LEVEL_NAMES, chinese_message, finding_name
from intake.present.labels import (
    IssueIndex,
    issue_index,
    item_header,
    item_ids,
    number,
    status_text,
    unit_names,
)
from intake.present.sheet_layout import display_width, fit_row_heights
from intake.present.terminal import save
from intake.score.scoring import ScoreReport, UnitRow, coverage_note
from intake.store import Store
from intake.store.findings import stored_findings
from rubric import Rubric

TITLE_ROW, HEADER_ROW = 1, 2
FIRST_ROW = HEADER_ROW + 1
RANK_FORMAT, POINTS_FORMAT = "0", "0.0#"
LEADING = ("名次", "单位名称", "级别", "城市")
TRAILING = ("总分", "状态", "发现的问题", "问题代码")  # codes apart, for filters and scripts
ISSUE_HEADERS = ("序号", "问题", "城市", "说明", "涉及单位", "问题代码")

THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


# ---- gathered before the workbook is built ------------------------------------------------------


class _StoredFindings(Mapping[str, list[Finding]]):
    """Each unit's stored findings, read from the store when its row is written: gathered
    first, the batch's findings were all in memory while the workbook was built."""

    def __init__(self, store: Store, report: ScoreReport) -> None:
        self._store = store
        self._ids = dict.fromkeys(row.submission for row in report.rows)

    def __getitem__(self, submission: str) -> list[Finding]:
        if submission not in self._ids:
            raise KeyError(submission)
        return stored_findings(self._store, submission)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def findings_by_submission(store: Store, report: ScoreReport) -> Mapping[str, list[Finding]]:
    """The stored findings (checks and extraction) of every unit in the report, each read
    from the store when it is looked up."""
    return _StoredFindings(store, report)


def findings_text(issues: IssueIndex, row: UnitRow, findings: Sequence[Finding]) -> str:
    """One line per finding, by its Chinese name; a batch finding points to its line on the
    批次问题 sheet."""
    lines = [f"{finding_name(issue.code)}（见批次问题第{n}条）"
             for n, issue in issues.numbered(row.submission)]
    lines += [f"{finding_name(f.code)}：{chinese_message(f.message)}" for f in findings]
    return "\n".join(dict.fromkeys(lines))


def codes_text(issues: IssueIndex, row: UnitRow, findings: Sequence[Finding]) -> str:
    codes = [i.code for i in issues.of(row.submission)]
    return "、".join(dict.fromkeys([*codes, *(f.code for f in findings)]))


# ---- the workbook -----------------------------------------------------------------------------


def write_summary(report: ScoreReport, rubric: Rubric, path: Path,
                  findings: Mapping[str, Sequence[Finding]] | None = None) -> None:
    """Write the 汇总表 atomically; `findings` are each submission's stored findings."""
    workbook = build_workbook(report, rubric, findings or {})
    buffer = io.BytesIO()
    workbook.save(buffer)
    save(path, buffer.getvalue())


def build_workbook(report: ScoreReport, rubric: Rubric,
                   findings: Mapping[str, Sequence[Finding]]) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "汇总表"
    _summary_sheet(sheet, report, rubric, findings)
    _issues_sheet(workbook.create_sheet("批次问题"), report)
    if report.shortlist:
        from intake.present import report_shortlist  # 先进个人 only (it imports this module)

        report_shortlist.add_sheet(workbook, report)
        workbook.active = 0
    return workbook


def _summary_sheet(sheet: Worksheet, report: ScoreReport, rubric: Rubric,
                   findings: Mapping[str, Sequence[Finding]]) -> None:
    items = item_ids(rubric, report)
    headers = [*LEADING, *(item_header(rubric, i) for i in items), *TRAILING]
    _title(sheet, _title_text(report), len(headers))
    _header(sheet, headers)
    issues = issue_index(report)
    for offset, row in enumerate(report.rows):
        cells = _unit_cells(issues, rubric, row, items, findings.get(row.submission, ()))
        _body_row(sheet, FIRST_ROW + offset, cells, len(LEADING), len(items))
    _widths(sheet, headers, len(LEADING), len(items))
    fit_row_heights(sheet, FIRST_ROW)
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 3)  # header row and 名次, 单位名称 stay in view
    _page_setup(sheet, len(report.rows))


def _title_text(report: ScoreReport) -> str:
    note = "；部分单位待复核，排名类指标与名次为暂定" if report.provisional else ""
    return f"{report.title} 汇总表（仅计复核确认的值{note}；{coverage_note(report)}）"


def _title(sheet: Worksheet, text: str, width: int) -> None:
    sheet.cell(TITLE_ROW, 1, text).font = Font(bold=True, size=14)
    sheet.cell(TITLE_ROW, 1).alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
    sheet.row_dimensions[TITLE_ROW].height = 28


def _header(sheet: Worksheet, headers: Sequence[str]) -> None:
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font, cell.fill, cell.alignment, cell.border = (Font(bold=True), HEADER_FILL,
                                                             CENTRE, BORDER)
    sheet.row_dimensions[HEADER_ROW].height = 66


def _unit_cells(issues: IssueIndex, rubric: Rubric, row: UnitRow, items: Sequence[str],
                findings: Sequence[Finding]) -> list[object]:
    result = row.result if row.status != "pending" else None
    points = [number(result.items.get(i)) if result else None for i in items]
    return [result.rank if result else None, row.unit.label,
            UNIT_LEVEL_NAMES.get(row.unit.level, row.unit.level), row.unit.city, *points,
            number(result.total) if result else None, status_text(row, rubric),
            findings_text(issues, row, findings), codes_text(issues, row, findings)]


def _body_row(sheet: Worksheet, index: int, cells: Sequence[object], leading: int,
              items: int) -> None:
    for column, value in enumerate(cells, start=1):
        cell = sheet.cell(index, column, value)
        cell.border, cell.alignment = BORDER, WRAP
        if column == 1:
            cell.number_format, cell.alignment = RANK_FORMAT, CENTRE
        elif leading < column <= leading + items + 1:  # item points and 总分
            cell.number_format = POINTS_FORMAT
            cell.alignment = Alignment(horizontal="right", vertical="top")
    sheet.cell(index, leading + items + 1).font = Font(bold=True)


def _widths(sheet: Worksheet, headers: Sequence[str], leading: int, items: int) -> None:
    fixed = {1: 6, leading + items + 1: 8, leading + items + 2: 24, leading + items + 3: 40,
             leading + items + 4: 16}
    for column in range(1, len(headers) + 1):
        if column in fixed:
            width = fixed[column]
        elif leading < column <= leading + items:
            width = 10  # a short header wraps over a few lines; points need little room
        else:
            width = min(32, max(8, _longest(sheet, column) + 2))
        sheet.column_dimensions[get_column_letter(column)].width = width


def _longest(sheet: Worksheet, column: int) -> int:
    values = (sheet.cell(r, column).value for r in range(HEADER_ROW, sheet.max_row + 1))
    return max((display_width(str(v)) for v in values if v is not None), default=0)


def _page_setup(sheet: Worksheet, rows: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    last = get_column_letter(sheet.max_column)
    sheet.print_area = f"A{TITLE_ROW}:{last}{max(HEADER_ROW, HEADER_ROW + rows)}"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _issues_sheet(sheet: Worksheet, report: ScoreReport) -> None:
    names = unit_names(report)
    header_at(sheet, 1, ISSUE_HEADERS)
    for index, issue in enumerate(report.issues, start=1):
        units = "、".join(names.get(s, s[:12]) for s in issue.submissions)
        values = (index, finding_name(issue.code), issue.city, issue.message, units, issue.code)
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(index + 1, column, value)
            cell.border, cell.alignment = BORDER, WRAP
    if not report.issues:
        sheet.cell(2, 1, "无批次问题")
    for column, width in zip("ABCDEF", (6, 14, 10, 60, 36, 20), strict=True):
        sheet.column_dimensions[column].width = width
    fit_row_heights(sheet, 2)
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def header_at(sheet: Worksheet, row: int, headers: Sequence[str]) -> None:
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill, cell.alignment, cell.border = (Font(bold=True), HEADER_FILL,
                                                             CENTRE, BORDER)
