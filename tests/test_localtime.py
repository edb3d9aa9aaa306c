"""Times a person reads are local, with the offset: intake.toml's `timezone`, else `TZ`, else the
system's zone; the store and the JSON keep UTC."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from intake import localtime
from intake.cli import app
from intake.store import Store
from intake.store.decisions import audit_log
from rubric.errors import InputError

runner = CliRunner()


@pytest.fixture
def tz(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()  # the C library's zone back to the process's own


def test_utc_is_shown_in_beijing_time_with_its_offset() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    assert localtime.shown("2026-12-01T19:47:33+00:00", shanghai) == "2026-12-02 03:47:33 +08:00"
    assert localtime.shown("2026-12-01T19:47:33", shanghai) == "2026-12-02 03:47:33 +08:00"
    assert localtime.shown("不是时间", shanghai) == "不是时间"


def test_tz_then_intake_toml_decide_the_zone(tz: pytest.MonkeyPatch, tmp_path: Path) -> None:
    tz.setenv("TZ", "Asia/Shanghai")
    assert localtime.shown("2026-01-01T00:00:00+00:00", localtime.zone()).endswith("+08:00")
    (tmp_path / "intake.toml").write_text('timezone = "Asia/Urumqi"\n', encoding="utf-8")
    assert localtime.shown("2026-01-01T00:00:00+00:00", localtime.zone()) == (
        "2026-01-01 06:00:00 +06:00")
    (tmp_path / "intake.toml").write_text('timezone = "Beijing"\n', encoding="utf-8")
    with pytest.raises(InputError, match="Beijing"):
        localtime.zone()


def test_a_posix_tz_rule_is_read_by_the_c_library(tz: pytest.MonkeyPatch) -> None:
    tz.setenv("TZ", "CST-8")
    assert localtime.shown("2026-01-01T00:00:00+00:00", localtime.zone()) == (
        "2026-01-01 08:00:00 +08:00")


def _hours_apart(shown: str, stored: str) -> float:
    local = dt.datetime.strptime(shown[:19], "%Y-%m-%d %H:%M:%S")
    return (local - dt.datetime.fromisoformat(stored).replace(tzinfo=None)).total_seconds() / 3600


def test_audit_log_and_html_show_local_time_json_keeps_utc(
        tz: pytest.MonkeyPatch, built, tmp_path: Path) -> None:
    tz.setenv("TZ", "Asia/Shanghai")
    with Store(built.db) as store:
        stored = audit_log(store, built.rubric.id)[0].decided_at
    assert stored.endswith("+00:00")
    table = runner.invoke(app, ["review", "log", "--db", str(built.db)], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    shown = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00", table.output)
    assert shown and _hours_apart(shown.group(), stored) == 8
    rows = json.loads(runner.invoke(app, ["review", "log", "--format", "json", "--db",
                                          str(built.db)]).stdout)["decisions"]
    assert rows[0]["decided_at"] == stored
    result = runner.invoke(app, ["report", "--html", str(tmp_path / "html"), "--db",
                                 str(built.db)])
    assert result.exit_code == 0, result.output
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "html").rglob("*.html")]
    times = re.findall(r"<td>(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00)</td>", "".join(pages))
    assert times and all(_hours_apart(t, stored) == 8 for t in times[:1])
    assert stored not in "".join(pages)


def test_review_workbook_says_when_it_was_exported_in_local_time(
        tz: pytest.MonkeyPatch, store: Store, rubric, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from intake.review import excel

    tz.setenv("TZ", "Asia/Shanghai")
    before = dt.datetime.now(dt.UTC)
    excel.export(store, rubric, tmp_path / "待复核.xlsx")
    info = load_workbook(tmp_path / "待复核.xlsx")["说明"]
    shown = next(row[1] for row in info.iter_rows(values_only=True) if row[0] == "导出时间")
    assert shown.endswith("+08:00")
    local = dt.datetime.strptime(shown[:19], "%Y-%m-%d %H:%M:%S")
    assert abs((local - before.replace(tzinfo=None)).total_seconds() - 8 * 3600) < 120
