"""Issue 12, case 2: a submission that cannot be scored (a scanned form, a corrupt .docx, no form at
all) stays in every report with the reason (需补交), a --manifest row with no folder is a
`missing_submission` finding, and totals and ranks are over the scored units only."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.present import report_xlsx
from intake.store import Store
from samples.builders import deeds_docx
from tests.support.batch import UNITS, judge_rest, write_batch
from tests.support.files import cjk_canvas, image_page

RUBRIC = "hebei-ou-2024-collective"
BROKEN = {"扫描件单位": "needs_ocr", "损坏文件单位": "unreadable", "只有事迹单位": "missing_form"}


def intake(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("every")
    batch = write_batch(root, UNITS[:2])
    scanned = batch / "扫描件单位"
    scanned.mkdir()
    pdf = cjk_canvas(scanned / "申报表.pdf")
    image_page(pdf)  # a page with no text layer: a scan
    pdf.save()
    deeds_docx(["事迹材料", "本单位信息化工作扎实。"], scanned / "事迹材料.docx")
    corrupt = batch / "损坏文件单位"
    corrupt.mkdir()
    (corrupt / "申报表.docx").write_bytes(b"PK\x03\x04 this is not a whole zip archive")
    deeds_docx(["事迹材料", "本单位信息化工作扎实。"], corrupt / "事迹材料.docx")
    only_deeds = batch / "只有事迹单位"
    only_deeds.mkdir()
    deeds_docx(["事迹材料", "本单位信息化工作扎实。"], only_deeds / "事迹材料.docx")
    db = root / "intake.db"
    intake("run", str(batch), "--rubric", RUBRIC, "--db", str(db), "--jobs", "1")
    intake("review", "--accept-all", "--reviewer", "张老师", "--db", str(db))
    with Store(db) as store:  # the items with no evidence: the panel's points
        judge_rest(store, load_rubric(RUBRIC), "张老师")
    manifest = root / "received.csv"
    names = [u.folder for u in UNITS[:2]] + list(BROKEN) + ["未交材料单位"]
    manifest.write_text("申报材料,收到日期\n" + "".join(f"{n},2024-10-15\n" for n in names),
                        encoding="utf-8")
    return db, manifest


def test_score_json_lists_every_submission_with_its_state(built: tuple[Path, Path]) -> None:
    db, manifest = built
    report = json.loads(intake("score", "--format", "json", "--db", str(db), "--manifest",
                               str(manifest)))
    by_folder = {Path(u["path"]).name: u for u in report["units"]}
    assert set(by_folder) == {u.folder for u in UNITS[:2]} | set(BROKEN)
    for folder, code in BROKEN.items():
        unit = by_folder[folder]
        assert unit["status"] == "not_scorable", unit
        assert code in unit["reason"] and unit["total"] is None and unit["rank"] is None
    scored = [u for u in report["units"] if u["status"] == "scored"]
    assert sorted(u["rank"] for u in scored) == [1, 2]  # ranks over the scored ones only
    assert report["counts"] == {"scored": 2, "excluded": 0, "pending": 0, "not_scorable": 3}
    assert "只在已计分的 2 个单位中计算" in report["note"]
    missing = [f for f in report["findings"] if f["code"] == "missing_submission"]
    assert len(missing) == 1 and "未交材料单位" in missing[0]["message"]
    assert missing[0]["level"] == "warning"


def test_summary_workbook_and_html_show_the_unscorable_ones(built: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    db, manifest = built
    out = tmp_path / "out"
    intake("report", "--xlsx", str(out / "汇总表.xlsx"), "--html", str(out / "html"), "--db",
           str(db), "--manifest", str(manifest))
    book = openpyxl.load_workbook(out / "汇总表.xlsx")
    sheet = book["汇总表"]
    title = sheet.cell(report_xlsx.TITLE_ROW, 1).value
    assert "只在已计分的 2 个单位中计算" in title and "3 个需补交" in title
    status_column = [c.value for c in sheet[report_xlsx.HEADER_ROW]].index("状态") + 1
    statuses = {sheet.cell(r, 2).value: sheet.cell(r, status_column).value
                for r in range(report_xlsx.FIRST_ROW, sheet.max_row + 1)}
    assert len(statuses) == 5
    for folder, code in BROKEN.items():
        assert statuses[folder].startswith("需补交") and code in statuses[folder]
    issues = [row[1].value for row in book["批次问题"].iter_rows(min_row=2)]
    assert "missing_submission" in issues
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    for folder in BROKEN:
        assert folder in index
    assert index.count('class="not_scorable"') == 3
    assert "未交材料单位" in index and "只在已计分的 2 个单位中计算" in index


def test_score_table_says_what_the_ranks_cover(built: tuple[Path, Path]) -> None:
    db, _ = built
    shown = intake("score", "--db", str(db))
    for folder in BROKEN:
        assert folder in shown
    assert shown.count("需补交") >= 3 and "只在已计分的 2 个单位中计算" in shown
