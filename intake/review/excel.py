"""The Excel round trip for reviewers who work in Excel or WPS: export pending suggestions, import
decisions.

`export` writes one row per pending suggestion, with its citations as text and the columns a
reviewer fills (决定, 取值, 档次, 分值, 复核理由), each with a dropdown or bounds through data
validation. `import_decisions` checks every row of the returned workbook against the store and the
rubric and applies all rows or none: a refusal names each bad row by its Excel row number. Cells
are read as values (`data_only`), so a workbook re-saved by WPS or Excel reads the same.

Each row also records, in two hidden columns, the suggestion it shows and the latest decision on
its item at export. On import a row whose item has been decided differently since is stale: the
whole import is refused with the row, reviewer and time named, unless `force` (audited as
`excel_force`, the overridden decision named in the reason). A row whose item the same reviewer
has since decided the same way (the same workbook imported again) changes nothing.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import zip_longest
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from extractors.facts.models import Suggestion
from intake import localtime
from intake.glossary import ACTION_NAMES, SOURCE_NAMES, SUGGESTION_STATUS_NAMES, TARGET_NAMES
from intake.present.streamed_sheet import StreamedCells, append_fitted
from intake.present.terminal import save
from intake.review import decisions
from intake.review.values import (
    decided_text,
    limits_text,
    parse_points,
    parse_tier,
    parse_value,
    show_value,
    target_name,
    tier_for,
    unit_name,
    value_choices,
)
from intake.run import judged
from intake.store import Store, dumps, now
from intake.store.connection import Session
from intake.store.decisions import (
    Action,
    Decided,
    Decision,
    ItemKey,
    LatestDecision,
    as_suggested,
    latest_decisions,
)
from intake.store.panel import panel_active
from intake.store.suggestions import Pending, iter_pending, suggestions_by_id
from rubric import Rubric
from rubric.errors import InputError
from rubric.model import ExpertNode, FactSpec

SHEET, INFO_SHEET, LISTS_SHEET = "待复核", "说明", "选项"
# (header, width), in the order a reviewer works: what is decided (单位, 名称), what was suggested,
# the five columns they fill, then the evidence; the rest (for reference and filters) last. The
# identification columns stay in view (frozen) while the sheet scrolls right; on paper (A4
# landscape, fitted to the width) the sheet prints up to 可填范围.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 8), ("单位", 18), ("名称", 22), ("建议取值", 12), ("建议档次", 9), ("建议分值", 8),
    ("决定", 9), ("取值", 12), ("档次", 9), ("分值", 8), ("复核理由", 22),
    ("依据（引文及位置）", 50), ("可填范围", 20),
    ("建议理由", 40), ("置信度", 8), ("类别", 6), ("键", 14), ("申报材料", 28),
    ("导出时建议", 10), ("导出时决定", 10),  # hidden: what the row was exported against
)
FROZEN, LAST_PRINTED = "名称", "可填范围"
HIDDEN = ("编号", "导出时建议", "导出时决定")
HEADERS = [name for name, _ in COLUMNS]
COL = {name: index + 1 for index, name in enumerate(HEADERS)}
FILLED = ("决定", "取值", "档次", "分值", "复核理由")
# What a reviewer writes in 决定: the glossary's names of the three decisions a row can take.
WORDS: dict[str, Action] = {ACTION_NAMES[a]: a for a in ("accept", "override", "no_evidence")}
QUOTE_CHARS, INLINE_LIST = 200, 250

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
UNUSED_FILL = PatternFill("solid", fgColor="EDEDED")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)


# ---- export ------------------------------------------------------------------------------------


def export(store: Store, rubric: Rubric, path: Path, submission: str | None = None,
           reviewer: str | None = None) -> int:
    """Write the pending suggestions to an .xlsx workbook; returns how many rows it holds. Under a
    review panel the workbook is one expert's: their assignments, their pending decisions.

    The workbook is streamed (openpyxl's write-only mode) from the suggestions as the store
    yields them: a workbook held cell by cell took about 20 kB a row, a gigabyte for 5 000
    submissions. Rows are written in order, so what a row's look needs (its height, the
    validations of its column) is worked out from its values as it goes."""
    if reviewer is None and panel_active(store, rubric.id):
        raise InputError("本评审由专家组进行：请用 --reviewer 指明导出哪位专家的工作簿")
    latest = latest_decisions(store.session, rubric.id)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    _page_setup(sheet)  # before the rows: a streamed sheet writes its properties first
    _header(sheet)
    cells = StreamedCells(sheet)
    names: dict[str, str] = {}
    keys: dict[tuple[str, str], list[int]] = {}  # the rows of each fact and item
    row = 1
    for item in iter_pending(store, rubric.id, submission, reviewer=reviewer):
        if not judged.offered(store, rubric, item):
            continue
        row += 1
        if item.submission not in names:
            names[item.submission] = unit_name(store, item.submission)
        append_fitted(sheet, row, _row_cells(cells, rubric, item, names[item.submission],
                                       judged.context(store, rubric, item), latest))
        keys.setdefault((item.suggestion.target, item.suggestion.key), []).append(row)
    count = row - 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count + 1}"
    sheet.print_area = f"B1:{_letter(LAST_PRINTED)}{count + 1}"
    lists = OptionLists()
    _validations(lists, sheet, rubric, keys, count)
    lists.write(book)
    _info(book, rubric, count)
    buffer = io.BytesIO()
    book.save(buffer)
    save(path, buffer.getvalue())
    return count


def _header(sheet: WriteOnlyWorksheet) -> None:
    for column, (_, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for name in HIDDEN:
        sheet.column_dimensions[_letter(name)].hidden = True
    # the header row, 单位 and 名称 stay in view
    sheet.freeze_panes = f"{get_column_letter(COL[FROZEN] + 1)}2"
    sheet.row_dimensions[1].height = 33
    cells = StreamedCells(sheet)
    sheet.append([cells.make(name, font=BOLD, fill=HEADER_FILL, alignment=CENTRE)
                  for name, _ in COLUMNS])
    del sheet.row_dimensions[1]


def _page_setup(sheet: WriteOnlyWorksheet) -> None:
    """A4 landscape, as wide as one page and as many pages down as needed, header on each."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.HeaderFooter.oddFooter.center.text = "第 &P 页，共 &N 页"


def _row_cells(make: StreamedCells, rubric: Rubric, item: Pending, unit: str,
               context: list[str], latest: dict[ItemKey, LatestDecision]) -> list[Cell]:
    s = item.suggestion
    spec = rubric.facts.get(s.key) if s.target == "fact" else None
    values: dict[str, Any] = {
        "编号": item.id, "申报材料": item.path, "单位": unit, "类别": TARGET_NAMES[s.target],
        "键": s.key, "名称": target_name(rubric, s),
        "建议取值": show_value(spec, s.value) if s.target == "fact" and s.value is not None
        else None,
        "建议档次": s.tier, "建议分值": s.points, "建议理由": "\n".join([s.rationale, *context]),
        "置信度": s.confidence, "依据（引文及位置）": citations_text(s),
        "可填范围": limits_text(rubric, s),
    }
    if s.status != "suggested":
        values["建议取值"] = f"（{SUGGESTION_STATUS_NAMES['no_evidence']}）"
    cells = {name: make.make(value, alignment=WRAP, number_format="0%" if name == "置信度"
                             else None) for name, value in values.items()}
    for name in FILLED:
        unused = (name == "取值" and s.target == "item") or (
            name in ("档次", "分值") and s.target == "fact")
        cells[name] = make.make(fill=UNUSED_FILL if unused else INPUT_FILL)
    # What the row was exported against (hidden): its suggestion and the latest decision.
    decided = latest.get((item.submission, s.target, s.key))
    cells["导出时建议"] = make.make(_basis(item))
    cells["导出时决定"] = make.make(decided.id if decided else 0)
    return [cells[name] for name in HEADERS]


def _basis(item: Pending) -> str:
    s = item.suggestion
    return dumps({"submission": item.submission, "target": s.target, "key": s.key,
                  "suggested": as_suggested(s).model_dump(mode="json")})


def citations_text(suggestion: Suggestion) -> str:
    """Each citation as 「quote」 — file and place, one per line."""
    lines = []
    for citation in suggestion.citations:
        quote = citation.quote.replace("\n", " ")
        if len(quote) > QUOTE_CHARS:
            quote = quote[:QUOTE_CHARS] + "…"
        lines.append(f"「{quote}」— {Path(citation.document_path).name} "
                     f"{citation.location.describe()}")
    return "\n".join(lines)


def _validations(lists: OptionLists, sheet: WriteOnlyWorksheet, rubric: Rubric,
                 keys: dict[tuple[str, str], list[int]], rows: int) -> None:
    """The dropdowns and bounds, each over the rows of its fact or item."""
    if not rows:
        return
    decision = _list(lists, list(WORDS), "决定", "请选择：接受、改判或无证据")
    decision.add(f"{_letter('决定')}2:{_letter('决定')}{rows + 1}")
    sheet.data_validations.append(decision)
    for (target, name), numbers in keys.items():
        for column, made in _key_validations(lists, rubric, target, name):
            # The whole range at once: DataValidation.add checks each new cell against every
            # range already held, quadratic in the rows (36% of an export of 1 000).
            made.sqref = MultiCellRange(_runs(_letter(column), numbers))
            sheet.data_validations.append(made)


def _runs(column: str, rows: list[int]) -> str:
    """Rows (ascending) as ranges of consecutive rows: "C2:C5 C9"."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return " ".join(f"{column}{a}" if a == b else f"{column}{a}:{column}{b}" for a, b in runs)


def _key_validations(lists: OptionLists, rubric: Rubric, target: str,
                     key: str) -> Iterable[tuple[str, DataValidation]]:
    if target == "fact":
        spec = rubric.facts.get(key)
        made = _fact_validation(lists, spec) if spec else None
        if made is not None:
            yield "取值", made
        return
    node = rubric.nodes().get(key)
    if node is None:
        return
    if isinstance(node, ExpertNode) and node.tiers:
        yield "档次", _list(lists, [t.label for t in node.tiers], "档次", "请选择本指标的档次")
    yield "分值", _bounds("decimal", Decimal(0), node.maximum, "分值",
                          f"分值须在 0-{node.maximum:g} 分之间")


def _fact_validation(lists: OptionLists, spec: FactSpec) -> DataValidation | None:
    if spec.type in ("bool", "enum"):
        return _list(lists, value_choices(spec), "取值", "请从下拉列表中选择")
    if spec.minimum is None and spec.maximum is None:
        return None
    kind = "whole" if spec.type == "int" else "decimal"
    unit = "（百分数填数字，6.4 即 6.4%）" if spec.type == "percent" else ""
    return _bounds(kind, spec.minimum, spec.maximum, "取值", f"取值须在允许范围内{unit}")


def _list(lists: OptionLists, options: list[str], title: str, message: str) -> DataValidation:
    inline = ",".join(options)
    if len(inline) <= INLINE_LIST and not any(re.search(r'[,"]', o) for o in options):
        formula = f'"{inline}"'
    else:
        formula = lists.add(options)
    return DataValidation(type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
                          errorTitle=title, error=message, promptTitle=title, prompt=message,
                          showInputMessage=True)


class OptionLists:
    """Options too long or odd for an inline list go to a hidden sheet, one column per list;
    the sheet is written once every list is known (a streamed sheet is written row by row)."""

    def __init__(self) -> None:
        self.columns: list[list[str]] = []

    def add(self, options: list[str]) -> str:
        """The range the list will take on the hidden sheet."""
        self.columns.append(list(options))
        letter = get_column_letter(len(self.columns))
        return f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"

    def write(self, book: Workbook) -> None:
        if not self.columns:
            return
        sheet = book.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        cells = StreamedCells(sheet)
        for options in zip_longest(*self.columns):
            sheet.append([None if o is None else cells.make(o) for o in options])


def _bounds(kind: str, low: Decimal | None, high: Decimal | None, title: str,
            message: str) -> DataValidation:
    if low is not None and high is not None:
        shape = {"operator": "between", "formula1": f"{low}", "formula2": f"{high}"}
    elif low is not None:
        shape = {"operator": "greaterThanOrEqual", "formula1": f"{low}"}
    else:
        shape = {"operator": "lessThanOrEqual", "formula1": f"{high}"}
    return DataValidation(type=kind, allow_blank=True, showErrorMessage=True, errorTitle=title,
                          error=message, **shape)


def _letter(header: str) -> str:
    return get_column_letter(COL[header])


def _info(book: Workbook, rubric: Rubric, rows: int) -> None:
    info = book.create_sheet(INFO_SHEET)
    lines = [
        ("评分细则", rubric.id), ("名称", rubric.title), ("待复核建议", rows),
        ("填写方法", "在“决定”列选择 接受 / 改判 / 无证据；留空的行仍待复核。"),
        ("改判", "事实填“取值”，指标填“分值”（可选“档次”），并必须填写“复核理由”。"),
        ("给分", "须评审给分的指标（酌情记分、专家评审，建议分值为空）：选“改判”，填“分值”和"
                 "“复核理由”；批量接受不会代为给分。"),
        ("导入", "intake review import 本文件.xlsx --reviewer 姓名：逐行检查，全部无误才写入。"),
        ("注意", "请勿修改隐藏的“编号”列，也不要增删行以外的列。"),
        ("导出时间", localtime.shown(now(), localtime.zone())),  # the reader's clock
    ]
    info.column_dimensions["A"].width = 12
    info.column_dimensions["B"].width = 80
    # One page: labels and their values side by side on paper as on the screen.
    info.page_setup.orientation = "landscape"
    info.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    info.page_setup.fitToWidth, info.page_setup.fitToHeight = 1, 0
    info.sheet_properties.pageSetUpPr.fitToPage = True
    cells = StreamedCells(info)
    for row, (label, value) in enumerate(lines, start=1):
        append_fitted(info, row, [cells.make(label, font=BOLD), cells.make(value)])


# ---- import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    number: int  # the Excel row number a reviewer sees
    cells: dict[str, Any]
    value_format: str


@dataclass(frozen=True)
class ImportResult:
    applied: int  # decisions recorded (forced ones included)
    unchanged: int  # rows the same reviewer had already decided the same way (imported before)
    forced: int  # rows applied with --force over a newer decision


def import_decisions(store: Store, rubric: Rubric, path: Path, reviewer: str, *,
                     force: bool = False) -> ImportResult:
    """Check every filled row, then record all their decisions in one transaction, or none."""
    if not reviewer.strip():
        raise InputError("请用 --reviewer 写明复核人 (a reviewer name is required)")
    rows = read_rows(path, rubric)
    found = _suggestions(store, rubric, rows)
    made: list[tuple[Row, Decision]] = []
    problems: list[str] = []
    seen: dict[int, int] = {}
    for row in rows:
        try:
            made.append((row, _row_decision(rubric, found, row, seen)))
        except InputError as error:
            problems.append(f"第 {row.number} 行：{error}")
    if problems:
        raise InputError(f"{path.name} 未导入任何决定：{len(problems)} 行有误，请改正后重新导入。\n"
                         + "\n".join(problems))
    check = _Freshness(store, rubric, path, reviewer.strip(), force, found, made)
    applied = decisions.record(store, rubric, reviewer, [d for _, d in made], "excel",
                               guard=check) if made else 0
    return ImportResult(applied, check.unchanged, check.forced)


@dataclass
class _Freshness:
    """Inside the import's transaction: which rows were exported against the latest decision on
    their item, which were already imported, and which are stale."""

    store: Store
    rubric: Rubric
    path: Path
    reviewer: str
    force: bool
    found: dict[int, Suggestion]
    made: list[tuple[Row, Decision]]
    unchanged: int = 0
    forced: int = 0

    def __call__(self, db: Session) -> list[Decision]:
        latest = latest_decisions(db, self.rubric.id)
        keep, stale = [], []
        self.unchanged = self.forced = 0
        for row, decision in self.made:
            s = self.found[decision.suggestion_id]
            now_decided = latest.get((s.submission, s.target, s.key))
            if now_decided is None or now_decided.id == _exported_decision(row):
                keep.append(decision)
            elif _same(now_decided, decision):
                if now_decided.reviewer == self.reviewer:
                    self.unchanged += 1  # this workbook (or its twin) was imported already
                else:
                    keep.append(decision)  # another reviewer agrees: nothing is overwritten
            else:
                stale.append((row, s, now_decided, decision))
        if stale and not self.force:
            raise InputError(self._refusal(stale))
        self.forced = len(stale)
        return keep + [_forced(decision, newer) for _, _, newer, decision in stale]

    def _refusal(self, stale: list[tuple[Row, Suggestion, LatestDecision, Decision]]) -> str:
        lines = [self._stale_line(row, s, newer) for row, s, newer, _ in stale]
        return (f"{self.path.name} 未导入任何决定：{len(stale)} 行的事项在本工作簿导出之后已有新的"
                "决定。请重新导出后再填写；确要以本工作簿为准，请加 --force（将记入审计日志）。\n"
                + "\n".join(lines))

    def _stale_line(self, row: Row, s: Suggestion, newer: LatestDecision) -> str:
        what = decided_text(self.rubric, s.target, s.key, newer.decided)
        source = SOURCE_NAMES.get(newer.source, newer.source)
        return (f"第 {row.number} 行（{unit_name(self.store, s.submission)} "
                f"{target_name(self.rubric, s)}）：导出后已于 {newer.decided_at} 由 "
                f"{newer.reviewer} 决定为“{what}”（{source}）")


def import_summary(result: ImportResult, reviewer: str) -> str:
    """What an import did, for the terminal."""
    if not result.applied and result.unchanged:
        return (f"该工作簿的 {result.unchanged} 条决定此前已导入（复核人 {reviewer}），"
                "未做任何更改。")
    text = f"已导入 {result.applied} 条决定（复核人 {reviewer}）。"
    if result.forced:
        text += f"其中 {result.forced} 条以 --force 覆盖了导出后的决定，已记入审计日志。"
    if result.unchanged:
        text += f"另有 {result.unchanged} 条与此前导入的决定相同，未重复记录。"
    return text


def _exported_decision(row: Row) -> int:
    """The latest decision on the row's item when it was exported (0: none, or an old workbook
    without the hidden column: it held pending suggestions only)."""
    return _id(row.cells.get("导出时决定")) or 0


def _same(newer: LatestDecision, decision: Decision) -> bool:
    empty = decision.action == "no_evidence"
    return (newer.action == "no_evidence") == empty and (
        empty or newer.decided == decision.decided)


def _forced(decision: Decision, newer: LatestDecision) -> Decision:
    note = f"（--force：覆盖 {newer.reviewer} 于 {newer.decided_at} 的决定 #{newer.id}）"
    return decision.model_copy(update={"source": "excel_force",
                                       "reason": f"{decision.reason or ''}{note}"})


def read_rows(path: Path, rubric: Rubric) -> list[Row]:
    """The rows with a decision filled in (blank 决定: still pending, skipped)."""
    sheet, columns = _open(path, rubric)
    rows = []
    for number in range(2, sheet.max_row + 1):
        cells = {name: sheet.cell(row=number, column=col).value for name, col in columns.items()}
        if _blank(cells.get("决定")):
            continue
        value_format = sheet.cell(row=number, column=columns["取值"]).number_format or ""
        rows.append(Row(number, cells, value_format))
    return rows


def _open(path: Path, rubric: Rubric) -> tuple[Worksheet, dict[str, int]]:
    try:
        book = load_workbook(path, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise InputError(f"无法读取 {path}: {error} (not a readable .xlsx workbook)") from error
    _check_rubric(book, rubric)
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    columns = {str(c.value).strip(): c.column for c in sheet[1] if c.value is not None}
    missing = [name for name in ("编号", *FILLED) if name not in columns]
    if missing:
        raise InputError(f"{path.name} 缺少列：{'、'.join(missing)}（请使用 intake review export "
                         "导出的工作簿）")
    return sheet, {name: columns[name] for name in HEADERS if name in columns}


def _check_rubric(book: Workbook, rubric: Rubric) -> None:
    if INFO_SHEET not in book.sheetnames:
        return
    info = book[INFO_SHEET]
    if info["A1"].value == "评分细则" and info["B1"].value and info["B1"].value != rubric.id:
        raise InputError(f"该工作簿导出自评分细则 {info['B1'].value}，不是 {rubric.id}；"
                         f"请用 --rubric {info['B1'].value} 导入")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _suggestions(store: Store, rubric: Rubric, rows: list[Row]) -> dict[int, Suggestion]:
    ids = [i for i in (_id(row.cells.get("编号")) for row in rows) if i is not None]
    return suggestions_by_id(store, rubric.id, ids)


def _id(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float) and float(raw).is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    return None


def _row_decision(rubric: Rubric, found: dict[int, Suggestion], row: Row,
                  seen: dict[int, int]) -> Decision:
    cells = row.cells
    sid = _id(cells.get("编号"))
    if sid is None:
        raise InputError(f"编号“{cells.get('编号') or ''}”缺失或不是数字（请勿修改隐藏的编号列）")
    if sid not in found:
        raise InputError(f"编号 {sid} 不是评分细则 {rubric.id} 在库中的建议（未知的行）")
    if sid in seen:
        raise InputError(f"与第 {seen[sid]} 行是同一条建议（编号 {sid}），请只保留一行")
    _check_basis(sid, found[sid], cells.get("导出时建议"))
    seen[sid] = row.number
    word = str(cells["决定"]).strip()
    action = WORDS.get(word)
    if action is None:
        raise InputError(f"决定“{word}”无法识别，请填 接受、改判 或 无证据")
    suggestion = found[sid]
    decision = _decision(rubric, suggestion, sid, action, row)
    _validate(rubric, suggestion, decision)
    return decision


def _check_basis(sid: int, suggestion: Suggestion, raw: Any) -> None:
    """The hidden record of what the row showed must be this store's suggestion `sid`: a
    workbook exported from another store must not land on whatever has the same number here."""
    if _blank(raw):
        return
    try:
        basis = json.loads(str(raw))
    except ValueError:
        basis = None
    shown = {"submission": suggestion.submission, "target": suggestion.target,
             "key": suggestion.key,
             "suggested": as_suggested(suggestion).model_dump(mode="json")}
    if basis != shown:
        raise InputError(f"编号 {sid} 在本库中是另一条建议（工作簿可能导出自另一个数据库，或隐藏列"
                         "被改动），请用本库重新导出")


def _decision(rubric: Rubric, suggestion: Suggestion, sid: int, action: Action,
              row: Row) -> Decision:
    reason = None if _blank(row.cells.get("复核理由")) else str(row.cells["复核理由"]).strip()
    if action == "no_evidence" or (action == "accept" and suggestion.status != "suggested"):
        return Decision(suggestion_id=sid, action="no_evidence", decided=Decided(), reason=reason)
    if action == "accept":
        _same_as_suggested(rubric, suggestion, row)
        return Decision(suggestion_id=sid, action="accept",
                        decided=as_suggested(suggestion), reason=reason)
    return Decision(suggestion_id=sid, action="override",
                    decided=_decided(rubric, suggestion, row), reason=reason)


def _decided(rubric: Rubric, suggestion: Suggestion, row: Row) -> Decided:
    """The reviewer's value (facts) or tier and points (items) of an 改判 row."""
    if suggestion.target == "fact":
        spec = rubric.facts.get(suggestion.key)
        if spec is None:
            raise InputError(f"{suggestion.key}: 评分细则中没有这一事实")
        return Decided(value=_cell_value(spec, row))
    node = rubric.nodes().get(suggestion.key)
    if _blank(row.cells.get("分值")):
        raise InputError("改判须填写“分值”")
    points = parse_points(row.cells["分值"])
    tier = parse_tier(node, row.cells.get("档次"))
    return Decided(tier=tier_for(node, points, tier), points=points)


def _cell_value(spec: FactSpec, row: Row) -> Any:
    raw = row.cells.get("取值")
    if _blank(raw):
        raise InputError("改判须填写“取值”")
    if spec.type == "percent" and "%" in row.value_format and isinstance(raw, int | float) \
            and not isinstance(raw, bool):
        raw = Decimal(str(raw)) * 100  # typed as 6.4% in a percent cell: Excel holds 0.064
    return parse_value(spec, raw)


def _same_as_suggested(rubric: Rubric, suggestion: Suggestion, row: Row) -> None:
    """接受 with a different value typed in is refused: a change is an 改判 with a reason."""
    differs = False
    if suggestion.target == "fact" and not _blank(row.cells.get("取值")):
        spec = rubric.facts.get(suggestion.key)
        differs = spec is not None and _cell_value(spec, row) != suggestion.value
    if suggestion.target == "item":
        if not _blank(row.cells.get("分值")):
            differs = parse_points(row.cells["分值"]) != suggestion.points
        tier = parse_tier(rubric.nodes().get(suggestion.key), row.cells.get("档次"))
        differs = differs or (tier is not None and tier != suggestion.tier)
    if differs:
        raise InputError("决定为“接受”，但填写的取值或分值与建议不同；要改判请选“改判”并填写理由")


def _validate(rubric: Rubric, suggestion: Suggestion, decision: Decision) -> None:
    """Every problem of the row at once: the value against the rubric, and the reason."""
    problems = []
    try:
        decisions.validate(rubric, suggestion, decision.model_copy(update={"reason": "-"}))
    except InputError as error:
        problems.append(str(error))
    if decision.action == "override" and not decision.reason:
        problems.append("改判必须填写“复核理由”")
    if problems:
        raise InputError("；".join(problems))
