"""Issue 12, case 3: an Excel workbook records what each row was exported against; importing it
after the item was decided differently is refused (row, reviewer, time named) unless --force,
which is audited; importing the same workbook again changes nothing and says so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from intake.cli import app
from intake.review import decisions
from intake.review import excel as review_excel
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store import suggestions as stored_suggestions
from rubric import Rubric
from rubric.errors import InputError
from tests.support.batch import decisions_dump

RUBRIC = "hebei-ou-2024-collective"
SJZ = "石家庄开放大学"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def staff_row(sheet: object) -> int:
    """The row of 石家庄's it_staff suggestion (the suggested value is 6)."""
    for row in range(2, sheet.max_row + 1):  # type: ignore[attr-defined]
        path = str(sheet.cell(row, review_excel.COL["申报材料"]).value)  # type: ignore[attr-defined]
        key = sheet.cell(row, review_excel.COL["键"]).value  # type: ignore[attr-defined]
        if path.endswith(SJZ) and key == "it_staff":
            return row
    raise AssertionError("no it_staff row for 石家庄")


@pytest.fixture
def workbook(db: Path, rubric: Rubric, tmp_path: Path) -> Path:
    """Exported, then every row accepted by the reviewer in Excel."""
    path = tmp_path / "待复核.xlsx"
    with Store(db) as store:
        rows = review_excel.export(store, rubric, path)
    book = load_workbook(path)
    for row in range(2, rows + 2):
        book[review_excel.SHEET].cell(row, review_excel.COL["决定"], "接受")
    book.save(path)
    return path


def override_in_terminal(db: Path, rubric: Rubric, value: int) -> int:
    """李老师 overrides 石家庄's it_staff in the terminal after the export; returns the id."""
    with Store(db) as store:
        [pending] = [p for p in stored_suggestions.pending(store, RUBRIC)
                     if p.path.endswith(SJZ) and p.suggestion.key == "it_staff"]
        decisions.record(store, rubric, "李老师", [stored_decisions.Decision(
            suggestion_id=pending.id, action="override",
            decided=stored_decisions.Decided(value=value), reason="名册核对为8人")], "terminal")
        return int(store.query("SELECT MAX(id) FROM decisions")[0][0])


def it_staff(db: Path) -> object:
    with Store(db) as store:
        sid = store.query("SELECT id FROM submissions WHERE path LIKE ?", (f"%{SJZ}",))[0][0]
        return stored_decisions.confirmed(store, RUBRIC, sid).facts.get("it_staff")


def test_an_older_workbook_does_not_overwrite_a_newer_decision(db: Path, rubric: Rubric,
                                                               workbook: Path) -> None:
    override_in_terminal(db, rubric, 8)
    with Store(db) as store:
        before = decisions_dump(store)
    code, output = invoke("review", "import", str(workbook), "--reviewer", "王老师", "--db",
                          str(db))
    assert code == 2 and "Traceback" not in output
    row = staff_row(load_workbook(workbook)[review_excel.SHEET])
    assert f"第 {row} 行" in output and "李老师" in output and "--force" in output
    assert re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", output)  # when it was decided
    assert "未导入任何决定" in output
    with Store(db) as store:
        assert decisions_dump(store) == before  # all or nothing: nothing
    assert it_staff(db) == 8  # the newer decision still counts


def test_force_applies_and_the_audit_log_says_so(db: Path, rubric: Rubric,
                                                 workbook: Path) -> None:
    overridden = override_in_terminal(db, rubric, 8)
    code, output = invoke("review", "import", str(workbook), "--reviewer", "王老师", "--force",
                          "--db", str(db))
    assert code == 0, output
    assert "1 条以 --force 覆盖" in output
    assert it_staff(db) == 6  # the workbook's acceptance of the suggested 6
    code, output = invoke("review", "log", "--format", "json", "--db", str(db))
    log = json.loads(output)["decisions"]
    [forced] = [d for d in log if d["source"] == "excel_force"]
    assert forced["reviewer"] == "王老师" and forced["key"] == "it_staff"
    assert f"#{overridden}" in forced["reason"] and "李老师" in forced["reason"]
    assert {d["source"] for d in log} == {"terminal", "excel", "excel_force"}


def test_importing_the_same_workbook_twice_changes_nothing_the_second_time(
        db: Path, workbook: Path) -> None:
    args = ("review", "import", str(workbook), "--reviewer", "王老师", "--db", str(db))
    code, output = invoke(*args)
    assert code == 0 and "已导入" in output
    with Store(db) as store:
        after_first = decisions_dump(store)
    code, output = invoke(*args)
    assert code == 0, output
    assert "此前已导入" in output and "未做任何更改" in output
    with Store(db) as store:
        assert decisions_dump(store) == after_first


def test_another_reviewer_agreeing_is_recorded_not_refused(db: Path, rubric: Rubric,
                                                           workbook: Path) -> None:
    with Store(db) as store:
        first = review_excel.import_decisions(store, rubric, workbook, "王老师")
        second = review_excel.import_decisions(store, rubric, workbook, "赵老师")
        assert first.applied == second.applied > 0 and second.unchanged == 0
        assert len(decisions_dump(store)) == 2 * first.applied


def test_a_row_pointing_at_another_suggestion_is_refused(db: Path, rubric: Rubric,
                                                         workbook: Path) -> None:
    book = load_workbook(workbook)
    sheet = book[review_excel.SHEET]
    basis = review_excel.COL["导出时建议"]
    sheet.cell(2, basis, sheet.cell(3, basis).value)  # as if exported from another store
    book.save(workbook)
    with Store(db) as store, pytest.raises(InputError, match=r"第 2 行.*另一条建议"):
        review_excel.import_decisions(store, rubric, workbook, "王老师")
    with Store(db) as store:
        assert decisions_dump(store) == []
