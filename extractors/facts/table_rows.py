"""Table rows read as one statement: "领导小组会议 | 每年不少于2次 | 本年度召开2次" says the unit
held 2 meetings, although no single cell says so.

A table whose first row is a header row of known column names (指标 | 评价标准 | 本单位情况,
类别 | 级别 | 内容 | 数量) gives, per data row, the offsets of its kept cells: topic columns (what
the row is about) and value columns (what the unit states). Criteria, score and plan columns
(评价标准, 自评分, 下一步计划) are not the unit's own statement, so they are left out and never
read: "占年度总预算5%以上" is the rubric's threshold, not the unit's share. A table without such a
header (the 申报表 label | value forms) is not claimed and reads cell by cell as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from extractors.document import Cell, Document, Table
from extractors.facts.lexicon import NOT_COUNTED, PRIOR_YEAR, SINGLE_YEAR

Role = Literal["topic", "value", "drop"]

# Checked in this order, so "评分标准" and "自评分" are criteria before "评" or "分" means anything,
# and "计划完成情况" is a value before "计划" makes it a plan.
_ROLES: tuple[tuple[Role, re.Pattern[str]], ...] = (
    ("drop", re.compile(r"标准|要求|要点|细则|分值|满分|得分|评分|分数|权重|序号|赋分|扣分|^分$")),
    ("value", re.compile(r"情况|实际|完成|数量|数目|人数|次数|篇数|个数|依据|成效|结果|现状|做法"
                         r"|佐证|说明|数据|数值|金额|比例|占比")),
    ("drop", re.compile(r"计划|目标|打算|措施|整改|建议|安排")),
    ("topic", re.compile(r"指标|项目|类别|类型|内容|级别|等级|名称|事项|奖项|荣誉|栏目|载体|媒体"
                         r"|刊物|时间|日期|年度|年份|部门|单位|主办|对象|姓名|获奖|成果|方面|任务")),
)
_HEADER_MAX = 10  # a column name is short: "国开学习网教师人均上线天数" is data, not a header
_MIN_COLUMNS = 2


@dataclass(frozen=True)
class RowCells:
    """One data row: its kept cells in reading order (a topic cell merged down from a row above
    comes first), each as (start, end) of its stripped text."""

    cells: tuple[tuple[int, int], ...]


def role(name: str) -> Role | None:
    """The role of a column by its header text, or None for a name we do not know."""
    name = re.sub(r"\s+", "", name)
    if not name or len(name) > _HEADER_MAX:
        return None
    return next((found for found, pattern in _ROLES if pattern.search(name)), None)


def header_roles(table: Table) -> dict[int, Role] | None:
    """Column → role when the table's first row is a header row of known names, else None."""
    if len(table.rows) < _MIN_COLUMNS or len(table.rows[0]) < _MIN_COLUMNS:
        return None
    found = {cell.column: role(cell.text) for cell in table.rows[0]}
    roles = {column: name for column, name in found.items() if name is not None}
    if len(roles) < len(found) or not any(r in ("topic", "value") for r in roles.values()):
        return None
    return roles


# A table of measures by year ("指标 | 2023年 | 2024年 | 2025年目标"): only the column of the year
# the document reports on is the unit's statement; earlier years and targets are not read.
_YEAR_COLUMN = re.compile(r"(?P<year>\d{4})\s*年度?(?P<rest>[^\d]{0,6})")
_YEAR_PLAN = re.compile(r"目标|计划|预计|规划|预测|打算")
# One year, not an end of a range ("2023年—2024年工作总结", "2021年以来").
_TITLE_YEAR = re.compile(SINGLE_YEAR)


def _year_roles(document: Document, table: Table) -> dict[int, Role] | None:
    """Column → role for a header of a topic column then year columns: the reported year's is
    the value, the others dropped. The year is the document title's (its first line) when it
    names one, else the latest year not marked as a target; None when that year has no column."""
    header = table.rows[0] if table.rows else []
    if len(header) < _MIN_COLUMNS + 1 or role(header[0].text) != "topic":
        return None
    found = {cell.column: _YEAR_COLUMN.fullmatch(re.sub(r"\s+", "", cell.text))
             for cell in header[1:]}
    years = {column: m for column, m in found.items() if m}
    # Beside several year columns, a column of another kind ("全市体系合计（2024）", a sum with
    # other units) is not the unit's year and is dropped; with one year column, not such a table.
    if len(years) < 2:
        return None
    actual = {column: int(m.group("year")) for column, m in years.items()
              if not _YEAR_PLAN.search(m.group("rest"))}
    reported = _reported_year(document, actual.values())
    chosen = [column for column, year in actual.items() if year == reported]
    if len(chosen) != 1:
        return None
    roles: dict[int, Role] = {column: "drop" for column in found}
    return {header[0].column: "topic", **roles, chosen[0]: "value"}


def _stripped(document: Document, cell: Cell) -> tuple[int, int] | None:
    text = document.text[cell.start : cell.end]
    body = text.strip()
    if not body:
        return None
    start = cell.start + text.index(body)
    return start, start + len(body)


def table_rows(document: Document) -> list[tuple[tuple[int, int], list[RowCells]]]:
    """Per table with a header row: the span its data rows cover and the rows' kept cells."""
    found = []
    for table in document.tables:
        # year columns first: "2017年度" is also a known topic name (年度), which would keep
        # every year's cell
        roles = _year_roles(document, table) or header_roles(table)
        data = [row for row in table.rows[1:] if row]
        if not data:
            continue
        rows = (_rows(document, data, roles) if roles is not None
                else _own_row(document, table) or _year_row(document, table)
                or _status_rows(document, table))
        if rows is None:
            continue
        span = (min(c.start for c in data[0]), max(c.end for c in data[-1]))
        found.append((span, rows))
    return found


# A table of units by measures ("单位 | 专职人员（人） | 投入占比 | 会议次数"), one row per unit,
# as a 市校 lists itself with the 县校 it recommends: only the row it marks as its own (本级, 本校)
# states its facts, one statement per column, the column's name then the row's cell. The other
# units' rows are not read at all.
_UNIT_COLUMN = re.compile(r"(?:单位|学校|院校)(?:名称)?")
_OWN_ROW = re.compile(r"本级|本校|我校|本单位|校本部")


# The unit that sends the material, named at its head: "报送单位：逊克县车陆乡中心学校" over a
# bureau's 通报 with a table of schools, where the row of that school is its own.
# The name ends at its first school word, as a title may run on after it in a PDF line.
_SENDER = re.compile(r"(?:报送|申报|填报|推荐|提交)单位\s*[：:]\s*(?P<name>[^\n，,。；;（(]{1,30}?"
                     r"(?:学校|中学|小学|中心校|大学|学院|分校|幼儿园|教学点))")
_SENDER_LINES = 5


def _named_unit(document: Document) -> str | None:
    """The unit a material's head names as its sender, if any."""
    head = "\n".join(document.text.split("\n")[:_SENDER_LINES])
    found = _SENDER.search(head)
    return re.sub(r"\s+", "", found.group("name")) if found else None


def _is_own(cell: str, named: str | None) -> bool:
    """A row marked as the unit's own (本校, 本级), or named as the sender is, in full or without
    its county ("车陆乡中心学校" for "逊克县车陆乡中心学校")."""
    name = re.sub(r"\s+", "", cell)
    return bool(_OWN_ROW.search(name) or (named and len(name) >= 4 and named.endswith(name)))


def _own_row(document: Document, table: Table) -> list[RowCells] | None:
    header = table.rows[0]
    first = re.sub(r"\s+", "", header[0].text) if header else ""
    if len(header) < _MIN_COLUMNS + 1 or not _UNIT_COLUMN.fullmatch(first):
        return None
    named = _named_unit(document)
    own = [row for row in table.rows[1:]
           if row and row[0].column == header[0].column and _is_own(row[0].text, named)]
    if len(own) != 1:
        return None  # no row, or several, marked as the unit's own: not ours to choose
    return _labelled(document, header, own[0])


def _labelled(document: Document, header: list[Cell], row: list[Cell]) -> list[RowCells]:
    """One statement per column of the row: the column's name (or its note) then the cell."""
    names = {cell.column: cell for cell in header[1:]}
    rows = []
    for cell in row[1:]:
        name = names.get(cell.column)
        label = _defined(document, name) or _stripped(document, name) if name else None
        value = _stripped(document, cell)
        if label and value:
            rows.append(RowCells((label, value)))
    return rows


# A table of years by measures ("年度 | 年度总预算 | 信息化投入 | 占比", one row per year): only
# the row of the year the document reports on (as _year_roles chooses it) is read, one statement
# per column; earlier years' and targets' rows are not read at all.
_YEAR_HEADER = re.compile(r"年度|年份")


def _year_row(document: Document, table: Table) -> list[RowCells] | None:
    header = table.rows[0]
    first = re.sub(r"\s+", "", header[0].text) if header else ""
    if len(header) < _MIN_COLUMNS or not _YEAR_HEADER.fullmatch(first):
        return None
    years = {}
    for row in table.rows[1:]:
        match = row and _YEAR_COLUMN.fullmatch(re.sub(r"\s+", "", row[0].text))
        if not match:
            return None  # a row that is not a year's: not such a table
        if not _YEAR_PLAN.search(match.group("rest")):
            years.setdefault(int(match.group("year")), []).append(row)
    chosen = years.get(_reported_year(document, years))
    return _labelled(document, header, chosen[0]) if chosen and len(chosen) == 1 else None


def _reported_year(document: Document, actual: Iterable[int]) -> int | None:
    """The year the document reports on: its title's (its first line) when it names one, else
    the latest of `actual` (years not marked as targets)."""
    named = title_year(document)
    return named if named is not None else max(actual, default=None)


def title_year(document: Document) -> int | None:
    """The one year the document's title (its first line) names: "…2024年度年检自查报告"."""
    title = next((line for line in document.text.split("\n") if line.strip()), "")
    named = _TITLE_YEAR.search(title)
    return int(named.group("year")) if named else None


# A table of records with a status or remark column (整改状态, 完成情况, 备注): a 问题整改清单
# (存在问题 | 整改措施 | 整改状态) or a 会议台账 (会议名称 | 备注). The status says what a row
# states of the year: a row not done (推进中, 拟召开), left out of the count (不计入) or of an
# earlier year (上年度) states only its problem, still the state now, and its measure is a plan; a
# row done (已完成, 已召开) states what its measure did, and its problem is the state before it. A
# row of another status reads as before. Each kept cell reads alone, as an unclaimed table's do.
_STATUS_COLUMN = re.compile(r"状态|进展|进度|是否完成|完成情况|备注")
_PROBLEM_COLUMN = re.compile(r"问题")
_STATUS_OPEN = re.compile(rf"拟|计划|待|未|否|推进中|进行中|整改中|正在|持续|部分|结转|"
                          rf"{NOT_COUNTED.pattern}|{PRIOR_YEAR.pattern}")
_STATUS_DONE = re.compile(r"已(?:经)?(?:完成|召开|整改|落实|办结|销号)|整改完成|^(?:完成|是)$")


def _status_rows(document: Document, table: Table) -> list[RowCells] | None:
    header = {cell.column: re.sub(r"\s+", "", cell.text) for cell in table.rows[0]}
    status = [c for c, name in header.items() if len(name) <= _HEADER_MAX
              and _STATUS_COLUMN.search(name)]
    if len(status) != 1 or status[0] == min(header):
        return None
    problem = {c for c, name in header.items() if _PROBLEM_COLUMN.search(name)}
    rows = []
    for row in table.rows[1:]:
        cells = {cell.column: cell for cell in row}
        state = re.sub(r"\s+", "", cells[status[0]].text) if status[0] in cells else ""
        kept = sorted(cells)
        if _STATUS_OPEN.search(state):
            kept = [c for c in kept if c in problem]
        elif _STATUS_DONE.search(state):
            kept = [c for c in kept if c not in problem]
        rows += [RowCells((span,)) for c in kept if (span := _stripped(document, cells[c]))]
    return rows


# A note before the table that says what a column means: "“会议次数”指本年度领导小组会议召开次数".
_DEFINED = re.compile(r"“(?P<name>[^“”]{1,12})”(?:是|系)?指(?P<body>[^，,；;。\n“”]{2,40})")


def _defined(document: Document, name: Cell) -> tuple[int, int] | None:
    """The span of a column's definition in a note before the table, which the column's cells
    are read with instead of its bare name ("会议次数" says whose meetings only in the note)."""
    wanted = re.sub(r"\s+", "", name.text)
    for match in _DEFINED.finditer(document.text, 0, name.start):
        if match.group("name") == wanted:
            return match.start("body"), match.end("body")
    return None


def _rows(document: Document, data: list[list[Cell]], roles: dict[int, Role]) -> list[RowCells]:
    """Kept cells per row; a topic column a row lacks (merged from above) is the one above."""
    above: dict[int, tuple[int, int]] = {}
    rows = []
    for row in data:
        own = {cell.column: cell for cell in row}
        kept = [_stripped(document, own[c]) for c in sorted(own)
                if roles.get(c, "value") != "drop"]
        carried = [above[c] for c, r in roles.items()
                   if r == "topic" and c not in own and c in above]
        for column, cell in own.items():
            if roles.get(column) == "topic" and (span := _stripped(document, cell)):
                above[column] = span
        cells = tuple(sorted(carried)) + tuple(span for span in kept if span)
        rows.append(RowCells(cells))
    return rows
