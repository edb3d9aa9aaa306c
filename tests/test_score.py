"""`intake score`: totals from confirmed values only, as a table, JSON and the 汇总表 workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from intake.cli import app
from tests.support.scored import CITY_UNIT, COUNTY_UNIT, Built, leftovers


def test_the_batch_is_scored_and_has_a_batch_finding(built: Built) -> None:
    names = {row.unit.name for row in built.report.rows}
    assert names == {CITY_UNIT, COUNTY_UNIT}
    assert all(row.status == "scored" for row in built.report.rows)
    assert all(row.result and row.result.total > 0 for row in built.report.rows)
    assert [i.code for i in built.report.issues] == ["late_submission"]


def test_cli_score_xlsx(built: Built, tmp_path: Path) -> None:
    target = tmp_path / "score.xlsx"
    result = CliRunner().invoke(app, ["score", "--format", "xlsx", "--output", str(target),
                                      "--db", str(built.db)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(target)["汇总表"]
    names = [sheet.cell(r, 2).value for r in range(3, sheet.max_row + 1)]
    assert names == [row.unit.name for row in built.report.rows]
    assert leftovers(tmp_path) == []


def test_cli_score_xlsx_needs_output(built: Built) -> None:
    result = CliRunner().invoke(app, ["score", "--format", "xlsx", "--db", str(built.db)])
    assert result.exit_code == 2
    assert "--output" in result.output


def test_cli_score_table_and_json_still_work(built: Built) -> None:
    table = CliRunner().invoke(app, ["score", "--db", str(built.db)])
    assert table.exit_code == 0 and COUNTY_UNIT in table.output
    shown = CliRunner().invoke(app, ["score", "--format", "json", "--db", str(built.db)])
    assert shown.exit_code == 0 and '"units"' in shown.output


def test_scoring_keeps_of_each_form_only_the_fields_it_reads(built: Built) -> None:
    from intake.score.units import UNIT_FIELDS, unit_for
    from intake.store import Store
    from intake.store.submissions import submissions

    with Store(built.db) as store:
        whole, kept = submissions(store), submissions(store, UNIT_FIELDS)
    assert [r.id for r in kept] == [r.id for r in whole]
    assert any(set(r.fields) - set(UNIT_FIELDS) for r in whole)  # forms have more fields
    for full, slim in zip(whole, kept, strict=True):
        assert slim.fields == {k: v for k, v in full.fields.items() if k in UNIT_FIELDS}
        assert unit_for(built.rubric, slim.fields, slim.path) == unit_for(built.rubric,
                                                                          full.fields, full.path)
