"""The whole flow on the sample batch, as a reviewer works: run → export → edit the workbook →
import → metrics → score → report; the audit grows only by what the reviewer did."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from intake.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
RUBRIC = "hebei-ou-2024-collective"
runner = CliRunner()


def intake(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_run_export_edit_import_score_report(tmp_path: Path) -> None:
    db = str(tmp_path / "intake.db")
    store = ("--rubric", RUBRIC, "--db", db)
    intake("run", str(SAMPLES / "batch"), *store)
    workbook = tmp_path / "待复核.xlsx"
    intake("review", "export", str(workbook), *store)

    book = load_workbook(workbook)
    sheet = book["待复核"]
    header = {cell.value: cell.column_letter for cell in sheet[1]}
    edited = 0
    for row in range(2, sheet.max_row + 1):
        if sheet[f"{header['键']}{row}"].value == "4":  # a reviewer judges item 4 themselves
            sheet[f"{header['决定']}{row}"] = "改判"
            sheet[f"{header['档次']}{row}"] = "第一档"
            sheet[f"{header['分值']}{row}"] = 8
            sheet[f"{header['复核理由']}{row}"] = "门户和公众号数据核实后属第一档"
        else:
            sheet[f"{header['决定']}{row}"] = "接受"
        edited += 1
    book.save(workbook)
    intake("review", "import", str(workbook), "--reviewer", "张三", *store)

    log = json.loads(intake("review", "log", "--format", "json", *store))["decisions"]
    assert len(log) == edited  # one audited decision per row the reviewer filled in
    overrides = [d for d in log if d["action"] == "override"]
    assert overrides and all(d["reason"] for d in overrides)

    intake("metrics", "import", str(SAMPLES / "metrics.csv"), *store)
    scored = json.loads(intake("score", "--format", "json", *store))
    units = {Path(u["path"]).name: u for u in scored["units"]}
    shijiazhuang = units["石家庄开放大学信息技术中心"]
    assert shijiazhuang["status"] == "scored" and shijiazhuang["items"]["4"] == 8
    assert shijiazhuang["items"]["1"] == 5  # 校长任组长, 3 meetings
    # The sample batch holds submissions without a usable form: listed with the reason, unranked.
    unscorable = [u for u in units.values() if u["status"] == "not_scorable"]
    assert unscorable and all(u["reason"] and u["rank"] is None for u in unscorable)
    assert all(u["status"] in ("scored", "not_scorable") for u in units.values())
    ranks = sorted(u["rank"] for u in units.values() if u["status"] == "scored")
    assert ranks[0] == 1 and scored["provisional"] is False
    assert {f["code"] for f in scored["findings"]} >= {"no_county_collective"}

    intake("report", "--xlsx", str(tmp_path / "汇总表.xlsx"), "--html", str(tmp_path / "html"),
           *store)
    summary = load_workbook(tmp_path / "汇总表.xlsx").worksheets[0]
    row = next(r for r in summary.iter_rows(values_only=True) if "石家庄开放大学信息技术中心" in r)
    assert shijiazhuang["total"] in row and shijiazhuang["rank"] in row
    assert (tmp_path / "html" / "index.html").read_text(encoding="utf-8").count("<tr") > 1


def test_a_manifest_date_after_the_deadline_is_a_late_submission(tmp_path: Path) -> None:
    db = str(tmp_path / "intake.db")
    store = ("--rubric", RUBRIC, "--db", db)
    intake("run", str(SAMPLES / "batch" / "正定县开放大学"), *store)
    on_time = json.loads(intake("score", "--format", "json", *store))
    assert "late_submission" not in {f["code"] for f in on_time["findings"]}  # form: 10月12日
    manifest = tmp_path / "清单.csv"
    manifest.write_text("申报材料,收到日期\n正定县开放大学,2024-10-19\n", encoding="utf-8")
    late = json.loads(intake("score", "--format", "json", "--manifest", str(manifest), *store))
    codes = [f["code"] for f in late["findings"]]
    assert "late_submission" in codes
    intake("report", "--xlsx", str(tmp_path / "汇总表.xlsx"), "--html", str(tmp_path / "html"),
           "--manifest", str(manifest), *store)
    issues = load_workbook(tmp_path / "汇总表.xlsx")["批次问题"]
    assert any("late_submission" in str(cell) for row in issues.iter_rows(values_only=True)
               for cell in row)
    assert "late_submission" in (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    manifest.write_text("申报材料,收到日期\n正定县开放大学,十月\n", encoding="utf-8")
    for command in (["score"], ["report", "--html", str(tmp_path / "html2")]):
        bad = runner.invoke(app, [*command, "--manifest", str(manifest), *store])
        assert bad.exit_code == 2 and "第 2 行" in bad.output


def test_metrics_import_names_only_ranked_units_as_missing(tmp_path: Path) -> None:
    db = str(tmp_path / "intake.db")
    store = ("--rubric", RUBRIC, "--db", db)
    folders = [str(SAMPLES / "batch" / name) for name in ("正定县开放大学", "沧州开放大学")]
    intake("run", *folders, *store)
    empty = tmp_path / "m.csv"
    empty.write_text("单位名称,teacher_online_days\n", encoding="utf-8")
    result = runner.invoke(app, ["metrics", "import", str(empty), *store])
    assert result.exit_code == 0
    assert "沧州开放大学" in result.output  # a city unit: ranked on items 10 and 11
    assert "正定县开放大学" not in result.output  # county level: not ranked, needs no data


def test_manifest_saved_by_chinese_excel_as_gbk_or_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook
    store = ("--rubric", RUBRIC, "--db", str(tmp_path / "intake.db"))
    intake("run", str(SAMPLES / "batch" / "正定县开放大学"), *store)
    gbk = tmp_path / "清单.csv"
    gbk.write_bytes("申报材料,收到日期\n正定县开放大学,2024/10/19\n".encode("gbk"))
    book = Workbook()
    book.active.append(["申报材料", "收到日期"])
    book.active.append(["正定县开放大学", dt.datetime(2024, 10, 19)])
    book.save(tmp_path / "清单.xlsx")
    for manifest in (gbk, tmp_path / "清单.xlsx"):
        late = json.loads(intake("score", "--format", "json", "--manifest", str(manifest), *store))
        assert "late_submission" in [f["code"] for f in late["findings"]], manifest
