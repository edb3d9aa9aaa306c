"""Tables reviewers hand us: CSV in UTF-8 (with or without BOM) or GBK, or .xlsx; headers in
Chinese or English."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.tables import read_table
from rubric.errors import InputError

COLUMNS = {"name": ("姓名", "name"), "unit": ("单位", "unit"), "city": ("城市", "city")}
ROWS = [["姓名", "单位"], ["张三", "唐山开放大学"], ["", ""], ["李四", "河北开放大学"]]


def _csv(path: Path, encoding: str, rows: list[list[str]] = ROWS) -> Path:
    path.write_bytes("\r\n".join(",".join(r) for r in rows).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_excel_writes(tmp_path: Path, encoding: str) -> None:
    rows = read_table(_csv(tmp_path / "t.csv", encoding), COLUMNS, required=("name", "unit"))
    assert rows == [{"name": "张三", "unit": "唐山开放大学", "city": ""},
                    {"name": "李四", "unit": "河北开放大学", "city": ""}]


def test_xlsx_and_english_headers(tmp_path: Path) -> None:
    from openpyxl import Workbook
    book = Workbook()
    for row in [["Name", "UNIT", "city"], ["张三", "唐山开放大学", "唐山"], [None, None, None]]:
        book.active.append(row)
    book.save(tmp_path / "t.xlsx")
    assert read_table(tmp_path / "t.xlsx", COLUMNS, required=("name",)) == [
        {"name": "张三", "unit": "唐山开放大学", "city": "唐山"}]


def test_missing_column_names_what_it_may_be_called(tmp_path: Path) -> None:
    path = _csv(tmp_path / "t.csv", "utf-8", [["姓名"], ["张三"]])
    with pytest.raises(InputError, match="缺少“单位”列（可写作：单位、unit）"):
        read_table(path, COLUMNS, required=("name", "unit"))


def test_undecodable_or_damaged_files_are_messages(tmp_path: Path) -> None:
    bad = tmp_path / "t.csv"
    bad.write_bytes(b"\xff\xfe\x00\xd8\x00\xdc" * 3 + b"\x80\x81\xfe")
    with pytest.raises(InputError, match="既不是 UTF-8 也不是 GBK"):
        read_table(bad, COLUMNS, required=("name",))
    (tmp_path / "t.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="无法读取这个 Excel 工作簿"):
        read_table(tmp_path / "t.xlsx", COLUMNS, required=("name",))
