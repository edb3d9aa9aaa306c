"""Platform statistics from a CSV: values become facts of the units they name; unknown and missing
units are named; bad values are refused with the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.catalog import load_rubric
from intake.score.metrics import import_metrics
from intake.store import Store
from intake.store.metrics import stored_metrics
from rubric.errors import InputError

RUBRIC = load_rubric("hebei-ou-2024-collective")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_values_by_fact_name_or_description_and_units_reported(tmp_path: Path) -> None:
    header = "单位名称,teacher_online_days,河北开放大学公共服务平台人均登录次数\n"
    rows = "石家庄开放大学,120.5,33\n唐山开放大学,98,\n未知开放大学,1,2\n"
    csv_file = write(tmp_path / "m.csv", header + rows)
    with Store(tmp_path / "s.db") as store:
        batch = ["石家庄开放大学", "唐山开放大学", "保定开放大学"]
        result = import_metrics(store, RUBRIC, csv_file, batch)
        assert result.unknown_units == ["未知开放大学"]
        assert result.missing_units == ["保定开放大学"]
        stored = stored_metrics(store)
    assert stored["石家庄开放大学"] == {"teacher_online_days": 120.5,
                                   "platform_logins_per_capita": 33.0}
    assert stored["唐山开放大学"] == {"teacher_online_days": 98.0}  # an empty cell is no value


def test_gbk_csv_from_excel_is_read(tmp_path: Path) -> None:
    csv_file = write(tmp_path / "m.csv", "单位名称,teacher_online_days\n沧州开放大学,77\n", "gbk")
    with Store(tmp_path / "s.db") as store:
        import_metrics(store, RUBRIC, csv_file, ["沧州开放大学"])
        assert stored_metrics(store) == {"沧州开放大学": {"teacher_online_days": 77.0}}


@pytest.mark.parametrize(("text", "message"), [
    ("单位名称,上线天数\n石家庄开放大学,1\n", "上线天数"),
    ("名称,teacher_online_days\n石家庄开放大学,1\n", "单位名称"),
    ("单位名称,teacher_online_days\n石家庄开放大学,很多\n", "第 2 行"),
])
def test_bad_csv_is_refused_and_nothing_stored(tmp_path: Path, text: str, message: str) -> None:
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(InputError, match=message):
            import_metrics(store, RUBRIC, write(tmp_path / "m.csv", text), [])
        assert stored_metrics(store) == {}


def test_chinese_headers_as_its_help_names_them(tmp_path: Path) -> None:
    text = "单位名称,教师人均上线天数（天）,人均登录次数\n沧州开放大学,77,31.5\n"
    with Store(tmp_path / "s.db") as store:
        import_metrics(store, RUBRIC, write(tmp_path / "m.csv", text, "utf-8-sig"), [])
        assert stored_metrics(store) == {"沧州开放大学": {"teacher_online_days": 77.0,
                                                      "platform_logins_per_capita": 31.5}}


def test_xlsx_from_excel_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook
    book = Workbook()
    for row in [["单位", "国开学习网教师人均上线天数"], ["沧州开放大学", 77], [None, None]]:
        book.active.append(row)
    book.save(tmp_path / "m.xlsx")
    with Store(tmp_path / "s.db") as store:
        import_metrics(store, RUBRIC, tmp_path / "m.xlsx", [])
        assert stored_metrics(store) == {"沧州开放大学": {"teacher_online_days": 77.0}}


def test_unreadable_encoding_is_named(tmp_path: Path) -> None:
    raw = "单位名称,teacher_online_days\n沧州,1\n".encode("utf-16-be")
    (tmp_path / "m.csv").write_bytes(raw)
    with Store(tmp_path / "s.db") as store, pytest.raises(InputError, match="GBK"):
        import_metrics(store, RUBRIC, tmp_path / "m.csv", [])
