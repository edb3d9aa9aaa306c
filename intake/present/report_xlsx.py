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
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
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
from intake.present.sheet_layout import display_width
from intake.present.streamed_sheet import StreamedCells, append_fitted, append_sized
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
POINTS_ALIGNMENT = Alignment(horizontal="right", vertical="top")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
TITLE_ALIGNMENT = Alignment(horizontal="center", vertical="center")


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
    save(path, workbook_bytes(report, rubric, findings or {}))


def workbook_bytes(report: ScoreReport, rubric: Rubric,
                   findings: Mapping[str, Sequence[Finding]]) -> bytes:
    """The 汇总表 as an .xlsx file's bytes. The workbook is streamed (write-only), one unit's
    row at a time: held cell by cell, 5 000 units took the largest part of `report`'s memory."""
    workbook = Workbook(write_only=True)
    if report.shortlist:
        from intake.present import report_shortlist  # 先进个人 only (it imports this module)

        report_shortlist.add_sheet(workbook, report)  # the first sheet: what is handed on
    _summary_sheet(workbook.create_sheet("汇总表"), report, rubric, findings)
    _issues_sheet(workbook.create_sheet("批次问题"), report)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _summary_sheet(sheet: WriteOnlyWorksheet, report: ScoreReport, rubric: Rubric,
                   findings: Mapping[str, Sequence[Finding]]) -> None:
    items = item_ids(rubric, report)
    headers = [*LEADING, *(item_header(rubric, i) for i in items), *TRAILING]
    # A streamed sheet writes its columns and page set-up before its rows.
    _widths(sheet, report, headers, len(items))
    _page_setup(sheet, len(report.rows), len(headers))
    sheet.freeze_panes = "C3"  # header row and 名次, 单位名称 stay in view
    cells = StreamedCells(sheet)
    sheet.merged_cells.add(f"A{TITLE_ROW}:{get_column_letter(len(headers))}{TITLE_ROW}")
    append_sized(sheet, TITLE_ROW, [cells.make(_title_text(report), font=TITLE_FONT,
                                               alignment=TITLE_ALIGNMENT)], 28)
    append_sized(sheet, HEADER_ROW, [cells.make(text, font=BOLD, fill=HEADER_FILL,
                                                alignment=CENTRE, border=BORDER)
                                     for text in headers], 66)
    issues = issue_index(report)
    for offset, row in enumerate(report.rows):
        values = _unit_cells(issues, rubric, row, items, findings.get(row.submission, ()))
        append_fitted(sheet, FIRST_ROW + offset, _body_cells(cells, values, len(items)))


def _title_text(report: ScoreReport) -> str:
    note = "；部分单位待复核，排名类指标与名次为暂定" if report.provisional else ""
    return f"{report.title} 汇总表（仅计复核确认的值{note}；{coverage_note(report)}）"


def _leading(row: UnitRow) -> list[object]:
    result = row.result if row.status != "pending" else None
    return [result.rank if result else None, row.unit.label,
            UNIT_LEVEL_NAMES.get(row.unit.level, row.unit.level), row.unit.city]


def _unit_cells(issues: IssueIndex, rubric: Rubric, row: UnitRow, items: Sequence[str],
                findings: Sequence[Finding]) -> list[object]:
    result = row.result if row.status != "pending" else None
    points = [number(result.items.get(i)) if result else None for i in items]
    return [*_leading(row), *points, number(result.total) if result else None,
            status_text(row, rubric), findings_text(issues, row, findings),
            codes_text(issues, row, findings)]


def _body_cells(cells: StreamedCells, values: Sequence[object], items: int) -> list[Cell]:
    """名次 centred, the items' points and 总分 as numbers (总分 bold), the rest wrapped."""
    total = len(LEADING) + items + 1
    made = []
    for column, value in enumerate(values, start=1):
        if column == 1:
            made.append(cells.make(value, border=BORDER, alignment=CENTRE,
                                   number_format=RANK_FORMAT))
        elif len(LEADING) < column <= total:
            made.append(cells.make(value, border=BORDER, alignment=POINTS_ALIGNMENT,
                                   number_format=POINTS_FORMAT,
                                   font=BOLD if column == total else None))
        else:
            made.append(cells.make(value, border=BORDER, alignment=WRAP))
    return made


def _widths(sheet: WriteOnlyWorksheet, report: ScoreReport, headers: Sequence[str],
            items: int) -> None:
    """Fixed widths for 名次, points and the trailing columns; 单位名称, 级别 and 城市 as wide as
    their longest text (from the report's units, before any row is written)."""
    leading = len(LEADING)
    fixed = {1: 6, leading + items + 1: 8, leading + items + 2: 24, leading + items + 3: 40,
             leading + items + 4: 16}
    longest = [display_width(h) for h in headers[:leading]]
    for row in report.rows:
        for column, value in enumerate(_leading(row)[1:], start=1):
            if value is not None:
                longest[column] = max(longest[column], display_width(str(value)))
    for column in range(1, len(headers) + 1):
        if column in fixed:
            width = fixed[column]
        elif leading < column <= leading + items:
            width = 10  # a short header wraps over a few lines; points need little room
        else:
            width = min(32, max(8, longest[column - 1] + 2))
        sheet.column_dimensions[get_column_letter(column)].width = width


def _page_setup(sheet: WriteOnlyWorksheet, rows: int, columns: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    last = get_column_letter(columns)
    sheet.print_area = f"A{TITLE_ROW}:{last}{max(HEADER_ROW, HEADER_ROW + rows)}"
    sheet.HeaderFooter.oddFooter.center.text = "第 &P 页，共 &N 页"


ISSUE_WIDTHS = (6, 14, 10, 60, 36, 20)


def _issues_sheet(sheet: WriteOnlyWorksheet, report: ScoreReport) -> None:
    for column, width in enumerate(ISSUE_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    cells = StreamedCells(sheet)
    append_header(sheet, cells, 1, ISSUE_HEADERS)
    names = unit_names(report)
    for index, issue in enumerate(report.issues, start=1):
        units = "、".join(names.get(s, s[:12]) for s in issue.submissions)
        values = (index, finding_name(issue.code), issue.city, issue.message, units, issue.code)
        append_fitted(sheet, index + 1, [cells.make(v, border=BORDER, alignment=WRAP)
                                         for v in values])
    if not report.issues:
        sheet.append([cells.make("无批次问题")])


def append_header(sheet: WriteOnlyWorksheet, cells: StreamedCells, row: int,
                  headers: Sequence[str]) -> None:
    """A bold, shaded header row (row number `row`, the next one of the streamed sheet)."""
    append_fitted(sheet, row, [cells.make(text, font=BOLD, fill=HEADER_FILL, alignment=CENTRE,
                                          border=BORDER) for text in headers])
