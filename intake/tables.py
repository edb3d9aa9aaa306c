"""Reading the tables reviewers hand us (rosters, manifests, statistics): CSV or .xlsx.

Chinese Windows saves CSV as GBK (GB18030 is its superset), Excel and WPS as UTF-8 with a BOM when
asked; a table may also come as the workbook itself. Headers are matched by any of their accepted
names (Chinese or English), so a column may be called 姓名 or name. Nothing is guessed: a file that
is none of these encodings, or lacks a required column, is refused with a message that says which.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from rubric.errors import InputError

ENCODINGS = ("utf-8-sig", "gb18030")


def decode_csv(path: Path, raw: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: 既不是 UTF-8 也不是 GBK/GB18030 编码，请在 Excel 中另存为"
                     "“CSV UTF-8”后重试 (not UTF-8 or GBK)")


def _csv_rows(path: Path, raw: bytes) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(decode_csv(path, raw)))]


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook  # only the commands that read workbooks pay for openpyxl
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise InputError(f"{path}: 无法读取这个 Excel 工作簿 ({type(error).__name__})") from error
    return [["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)]


def read_rows(path: Path) -> list[list[str]]:
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            return _xlsx_rows(path)
        return _csv_rows(path, path.read_bytes())
    except OSError as error:
        raise InputError(f"{path}: 无法读取 ({error.strerror})") from error


def read_table(path: Path, columns: Mapping[str, Sequence[str]],
               required: Sequence[str]) -> list[dict[str, str]]:
    """Rows as {column: value} for the columns named in `columns` (key → accepted headers);
    blank rows are skipped; a missing required column is an error naming what it may be called."""
    rows = [r for r in read_rows(path) if any(cell.strip() for cell in r)]
    if not rows:
        raise InputError(f"{path}: 表格是空的 (the table is empty)")
    header = [h.strip().lower() for h in rows[0]]
    where = {key: next((header.index(n.lower()) for n in names if n.lower() in header), None)
             for key, names in columns.items()}
    for key in required:
        if where[key] is None:
            raise InputError(f"{path}: 缺少“{columns[key][0]}”列（可写作："
                             f"{'、'.join(columns[key])}）")
    return [{key: (row[i].strip() if i is not None and i < len(row) else "")
             for key, i in where.items()} for row in rows[1:]]
