"""The Excel round trip: export pending suggestions, edit as a reviewer would, import all or
none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.present.sheet_layout import LINE_POINTS, MAX_ROW_POINTS, wrapped_lines
from intake.review import decisions
from intake.review import excel as review_excel
from intake.review import walk as review
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store import suggestions as stored_suggestions
from rubric import Rubric
from rubric.errors import InputError
from tests.support.batch import decisions_dump

RUBRIC = "hebei-ou-2024-collective"
SJZ = "石家庄开放大学"
BD = "保定开放大学"
# What a reviewer sees from the left: what is decided, the suggestion, the five columns to fill,
# the evidence; the reference columns last.
HEADERS = ["编号", "单位", "名称", "建议取值", "建议档次", "建议分值", "决定", "取值", "档次",
           "分值", "复核理由", "依据（引文及位置）", "可填范围", "建议理由", "置信度", "类别", "键",
           "申报材料"]
COLUMN = {name: chr(ord("A") + index) for index, name in enumerate(HEADERS)}


def at(header: str, row: object) -> str:
    """The cell of this column in this row: at("决定", 5) → "G5"."""
    return f"{COLUMN[header]}{row}"


@pytest.fixture
def exported(store: Store, rubric: Rubric, tmp_path: Path) -> Path:
    path = tmp_path / "复核.xlsx"
    review_excel.export(store, rubric, path)
    return path


def rows_by_key(sheet: Worksheet) -> dict[tuple[str, str], int]:
    """(submission folder, key) → Excel row number."""
    found = {}
    for row in range(2, sheet.max_row + 1):
        folder = Path(str(sheet[at("申报材料", row)].value)).name
        found[(folder, str(sheet[at("键", row)].value))] = row
    return found


def fill(path: Path, edits: dict[tuple[str, str], dict[str, object]]) -> dict[tuple[str, str],
                                                                               int]:
    """Set reviewer columns as a reviewer would in Excel, and save the workbook."""
    book = load_workbook(path)
    sheet = book["待复核"]
    rows = rows_by_key(sheet)
    for key, cells in edits.items():
        for header, value in cells.items():
            sheet[f"{COLUMN[header]}{rows[key]}"] = value
    book.save(path)
    return rows


def sid(store: Store, folder: str) -> str:
    found = review.resolve_submission(store, folder)
    assert found is not None
    return found


# ---- the workbook, cell by cell ----------------------------------------------------------------


def test_exported_workbook_cell_by_cell(store: Store, exported: Path) -> None:
    book = load_workbook(exported)
    assert book.sheetnames[:2] == ["待复核", "说明"]
    sheet = book["待复核"]
    # Two hidden columns at the end record what each row was exported against (issue 12).
    assert [c.value for c in sheet[1]] == [*HEADERS, "导出时建议", "导出时决定"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "D2"  # the header row, 单位 and 名称 stay in view
    assert HEADERS.index("决定") < HEADERS.index("依据（引文及位置）")  # filled before evidence
    assert all(sheet.column_dimensions[c].hidden for c in "AST")
    assert sheet.column_dimensions["L"].width >= 40
    assert sheet.auto_filter.ref == f"A1:T{sheet.max_row}"  # sorting moves the hidden ones too
    pending = stored_suggestions.pending(store, RUBRIC)
    assert sheet.max_row == len(pending) + 1
    rows = rows_by_key(sheet)
    first = pending[0]
    assert sheet["A2"].value == first.id
    row = rows[(SJZ, "it_budget_share")]
    values = {h: sheet[f"{COLUMN[h]}{row}"].value for h in HEADERS}
    assert values["单位"] == "石家庄开放大学信息技术中心" and values["类别"] == "事实"
    assert values["名称"] == "年度信息化资金投入（软件、硬件）占年度总预算的百分比"
    assert values["建议取值"] == "6.4%" and values["置信度"] == 0.8
    assert sheet[at("置信度", row)].number_format == "0%"
    assert values["依据（引文及位置）"] == (
        "「2024年信息化投入占年度总预算的6.4%，主要用于软件、硬件建设」— 事迹材料.docx 第3段")
    assert "6.4%" in str(values["建议理由"]) and values["可填范围"].startswith("百分数")
    assert all(values[h] is None for h in ("决定", "取值", "档次", "分值", "复核理由"))
    item = rows[(SJZ, "4")]
    assert sheet[at("类别", item)].value == "指标"
    assert sheet[at("名称", item)].value == "信息门户及新媒体建设"
    assert (sheet[at("建议档次", item)].value, sheet[at("建议分值", item)].value) == ("第二档", 5)
    assert sheet[at("可填范围", item)].value == "0-10 分；第一档 8-10；第二档 4-7；第三档 0-3"
    no_evidence = rows[(BD, "security_policy")]
    assert sheet[at("建议取值", no_evidence)].value == "（未找到依据）"
    info = book["说明"]
    assert (info["A1"].value, info["B1"].value) == ("评分细则", RUBRIC)


def _validations(sheet: Worksheet) -> list[tuple[str, str, str | None, str | None, str]]:
    return [(dv.type, dv.formula1, dv.formula2, dv.operator, str(dv.sqref))
            for dv in sheet.data_validations.dataValidation]


def _validation_at(sheet: Worksheet, cell: str) -> tuple[str, str | None, str | None]:
    found = [(dv.type, dv.formula1, dv.formula2) for dv in sheet.data_validations.dataValidation
             if cell in dv.sqref]
    assert len(found) <= 1, found
    return found[0] if found else ("none", None, None)


def test_rows_show_their_whole_citations(exported: Path) -> None:
    # A reviewer reads the quotes in the sheet; a default-height row shows only their first line.
    sheet = load_workbook(exported)["待复核"]
    width = sheet.column_dimensions[COLUMN["依据（引文及位置）"]].width
    tallest = 0
    for row in range(2, sheet.max_row + 1):
        quotes = sheet[at("依据（引文及位置）", row)].value or ""
        lines = wrapped_lines(quotes, width)
        assert sheet.row_dimensions[row].height >= min(MAX_ROW_POINTS, LINE_POINTS * lines)
        tallest = max(tallest, lines)
    assert tallest > 1


def test_data_validations_sit_on_the_right_columns(exported: Path) -> None:
    sheet = load_workbook(exported)["待复核"]
    rows = rows_by_key(sheet)
    last = sheet.max_row
    column = f"{COLUMN['决定']}2:{COLUMN['决定']}{last}"
    decision = [v for v in _validations(sheet) if v[4] == column]
    assert decision == [("list", '"接受,改判,无证据"', None, None, column)]
    for folder in (SJZ, BD):
        assert _validation_at(sheet, at("取值", rows[(folder, 'leading_group')])) == (
            "list", '"无领导小组,有领导小组,学校主要领导任组长"', None)
        assert _validation_at(sheet, at("取值", rows[(folder, 'it_budget_share')])) == (
            "decimal", "0", "100")
        assert _validation_at(sheet, at("取值", rows[(folder, 'it_staff')])) == ("whole", "0", None)
        item4 = rows[(folder, "4")]
        assert _validation_at(sheet, at("档次", item4)) == ("list", '"第一档,第二档,第三档"', None)
        assert _validation_at(sheet, at("分值", item4)) == ("decimal", "0", "10")
        assert _validation_at(sheet, at("分值", rows[(folder, '7')])) == ("decimal", "0", "7")
        # No tier or points on a fact, no value on an item.
        assert _validation_at(sheet, at("档次", rows[(folder, 'it_staff')]))[0] == "none"
        assert _validation_at(sheet, at("取值", item4))[0] == "none"


def test_long_or_odd_option_lists_go_to_a_hidden_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    lists = review_excel.OptionLists()
    made = review_excel._list(lists, ["甲,乙", "丙"], "取值", "请选择")
    assert made.formula1 == "'选项'!$A$1:$A$2"
    again = review_excel._list(lists, ["x" * 300], "取值", "请选择")
    assert again.formula1 == "'选项'!$B$1:$B$1"
    book = Workbook(write_only=True)  # as an export writes it, once every list is known
    book.create_sheet("待复核")  # a workbook needs one visible sheet
    lists.write(book)
    book.save(tmp_path / "lists.xlsx")
    written = load_workbook(tmp_path / "lists.xlsx")["选项"]
    assert written.sheet_state == "hidden"
    assert [written["A1"].value, written["A2"].value, written["B1"].value] == ["甲,乙", "丙",
                                                                             "x" * 300]
    assert written["B2"].value is None


def test_export_of_one_submission(store: Store, rubric: Rubric, tmp_path: Path) -> None:
    path = tmp_path / "one.xlsx"
    count = review_excel.export(store, rubric, path, sid(store, BD))
    sheet = load_workbook(path)["待复核"]
    pending = stored_suggestions.pending(store, RUBRIC, sid(store, BD))
    assert count == sheet.max_row - 1 == len(pending)
    folders = {Path(str(sheet[at("申报材料", r)].value)).name for r in range(2, sheet.max_row + 1)}
    assert folders == {BD}


# ---- round trip --------------------------------------------------------------------------------


def test_round_trip_applies_the_reviewers_decisions(store: Store, rubric: Rubric,
                                                    exported: Path) -> None:
    pending_before = len(stored_suggestions.pending(store, RUBRIC))
    rows = fill(exported, {
        (SJZ, "group_meetings"): {"决定": "接受"},
        (SJZ, "it_budget_share"): {"决定": "改判", "取值": 7.5, "复核理由": "预算表显示为7.5%"},
        (SJZ, "leading_group"): {"决定": "改判", "取值": "有领导小组", "复核理由": "组长为副校长"},
        (SJZ, "4"): {"决定": "改判", "分值": 9, "复核理由": "公众号关注人数多"},
        (SJZ, "8"): {"决定": "无证据"},
        (SJZ, "12"): {"决定": "接受"},  # accepting "nothing found": confirmed 0 points
        (BD, "it_staff"): {"决定": "改判", "取值": "3", "档次": None, "复核理由": "名册3人"},
    })
    assert review_excel.import_decisions(store, rubric, exported, "王老师").applied == 7
    log = [{**row.model_dump(), "decided": row.decided.model_dump_json()}
           for row in stored_decisions.audit_log(store, RUBRIC)]
    assert {(r["reviewer"], r["source"]) for r in log} == {("王老师", "excel")}
    actions = {(Path(str(r["path"])).name, r["key"]): (r["action"], r["reason"]) for r in log}
    assert actions[(SJZ, "it_budget_share")] == ("override", "预算表显示为7.5%")
    assert actions[(SJZ, "group_meetings")] == ("accept", None)
    assert actions[(SJZ, "8")] == ("no_evidence", None)
    assert actions[(SJZ, "12")] == ("no_evidence", None)
    confirmed = stored_decisions.confirmed(store, RUBRIC, sid(store, SJZ))
    assert confirmed.facts == {"group_meetings": 3, "it_budget_share": 7.5,
                               "leading_group": "exists"}
    assert confirmed.points == {"4": 9.0, "8": 0.0, "12": 0.0}
    item4 = next(r for r in log if r["key"] == "4")
    assert json.loads(str(item4["decided"])) == {"value": None, "tier": "第一档", "points": 9.0}
    assert stored_decisions.confirmed(store, RUBRIC, sid(store, BD)).facts == {"it_staff": 3}
    assert len(stored_suggestions.pending(store, RUBRIC)) == pending_before - 7
    assert len(rows) == pending_before


def test_percent_typed_into_a_percent_cell_and_text_numbers(store: Store, rubric: Rubric,
                                                            exported: Path) -> None:
    book = load_workbook(exported)
    sheet = book["待复核"]
    rows = rows_by_key(sheet)
    share = rows[(SJZ, "it_budget_share")]
    sheet[at("决定", share)], sheet[at("取值", share)] = "改判", 0.075
    sheet[at("复核理由", share)] = "7.5%"
    sheet[at("取值", share)].number_format = "0.0%"  # Excel holds 7.5% as 0.075
    staff = rows[(SJZ, "it_staff")]
    sheet[f"A{staff}"] = str(sheet[f"A{staff}"].value)  # WPS may store the id as text
    sheet[at("决定", staff)], sheet[at("取值", staff)] = " 改判 ", "５"  # 全角
    sheet[at("复核理由", staff)] = "名册"
    book.save(exported)
    assert review_excel.import_decisions(store, rubric, exported, "王老师").applied == 2
    facts = stored_decisions.confirmed(store, RUBRIC, sid(store, SJZ)).facts
    assert facts == {"it_budget_share": 7.5, "it_staff": 5}


def test_blank_decisions_stay_pending(store: Store, rubric: Rubric, exported: Path) -> None:
    assert review_excel.import_decisions(store, rubric, exported, "王老师").applied == 0
    assert decisions_dump(store) == []


# ---- refusals: nothing applied, every bad row named --------------------------------------------


def test_bad_rows_are_all_named_and_nothing_is_applied(store: Store, rubric: Rubric,
                                                       exported: Path) -> None:
    before = decisions_dump(store)
    rows = fill(exported, {
        (SJZ, "group_meetings"): {"决定": "接受"},  # fine on its own
        (SJZ, "4"): {"决定": "改判", "分值": 12, "复核理由": "很好"},  # above the maximum 10
        (SJZ, "5"): {"决定": "改判", "档次": "第一档", "分值": 5, "复核理由": "x"},  # not 第一档
        (SJZ, "it_budget_share"): {"决定": "改判", "取值": 7.5},  # no reason
        (SJZ, "it_staff"): {"决定": "改判", "取值": "六人", "复核理由": "x"},  # not a number
        (SJZ, "leading_group"): {"决定": "同意"},  # not a decision word
        (SJZ, "security_incident"): {"决定": "接受", "取值": "重大网信安全事故"},  # 接受 ≠ value
        (BD, "it_staff"): {"编号": 99999, "决定": "接受"},  # unknown row
        (BD, "group_meetings"): {"决定": "改判", "取值": -1, "复核理由": "x"},  # below minimum
    })
    with pytest.raises(InputError) as refused:
        review_excel.import_decisions(store, rubric, exported, "王老师")
    message = str(refused.value)
    lines = message.splitlines()
    assert "未导入任何决定" in lines[0] and "8 行有误" in lines[0]
    expected = {
        (SJZ, "4"): "12 分不在 0-10 分之内",
        (SJZ, "5"): "5 分不属于第一档",
        (SJZ, "it_budget_share"): "改判必须填写“复核理由”",
        (SJZ, "it_staff"): "不是数字",
        (SJZ, "leading_group"): "决定“同意”无法识别",
        (SJZ, "security_incident"): "要改判请选“改判”",
        (BD, "it_staff"): "编号 99999 不是",
        (BD, "group_meetings"): "超出允许范围",
    }
    for key, what in expected.items():
        line = next((x for x in lines if x.startswith(f"第 {rows[key]} 行：")), "")
        assert what in line, (key, line)
    assert not any(x.startswith(f"第 {rows[(SJZ, 'group_meetings')]} 行") for x in lines)
    assert decisions_dump(store) == before


def test_missing_value_points_and_duplicate_rows_are_refused(store: Store, rubric: Rubric,
                                                             exported: Path) -> None:
    book = load_workbook(exported)
    sheet = book["待复核"]
    rows = rows_by_key(sheet)
    a, b, c = rows[(SJZ, "it_staff")], rows[(SJZ, "4")], rows[(SJZ, "group_meetings")]
    sheet[at("决定", a)], sheet[at("复核理由", a)] = "改判", "理由"
    sheet[at("决定", b)], sheet[at("复核理由", b)] = "改判", "理由"
    sheet[at("决定", c)] = "接受"
    sheet[f"A{b + 1}"], sheet[at("决定", b + 1)] = sheet[f"A{c}"].value, "接受"  # same id twice
    book.save(exported)
    with pytest.raises(InputError) as refused:
        review_excel.import_decisions(store, rubric, exported, "王老师")
    message = str(refused.value)
    assert f"第 {a} 行：改判须填写“取值”" in message
    assert f"第 {b} 行：改判须填写“分值”" in message
    assert f"第 {b + 1} 行：与第 {c} 行是同一条建议" in message
    assert decisions_dump(store) == []


def test_workbook_of_another_rubric_or_not_a_workbook(store: Store, exported: Path,
                                                      tmp_path: Path) -> None:
    with pytest.raises(InputError, match="导出自评分细则"):
        review_excel.import_decisions(store, load_rubric("xunke-2018-school"), exported, "王")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="无法读取"):
        review_excel.import_decisions(store, load_rubric(RUBRIC), broken, "王")
    with pytest.raises(InputError, match="复核人"):
        review_excel.import_decisions(store, load_rubric(RUBRIC), exported, " ")


def test_audit_rows_unchanged_by_export_refused_import_and_log(db: Path, store: Store,
                                                               rubric: Rubric,
                                                               tmp_path: Path) -> None:
    decisions.accept_all(store, rubric, "李老师", sid(store, BD))
    before = decisions_dump(store)
    assert before
    path = tmp_path / "again.xlsx"
    runner = CliRunner()
    assert runner.invoke(app, ["review", "export", str(path), "--db", str(db)]).exit_code == 0
    assert decisions_dump(store) == before
    fill(path, {(SJZ, "4"): {"决定": "改判", "分值": 11, "复核理由": "x"}})
    refused = runner.invoke(app, ["review", "import", str(path), "--reviewer", "王老师", "--db",
                                  str(db)])
    assert refused.exit_code == 2 and "不在 0-10 分之内" in refused.output
    assert decisions_dump(store) == before
    assert runner.invoke(app, ["review", "log", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["review", "log", "--format", "json", "--db",
                               str(db)]).exit_code == 0
    assert decisions_dump(store) == before


# ---- the CLI -----------------------------------------------------------------------------------


def test_cli_export_and_import(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    runner = CliRunner()
    exported = runner.invoke(app, ["review", "export", str(path), "--submission", SJZ, "--db",
                                   str(db)])
    assert exported.exit_code == 0, exported.output
    assert "已导出" in exported.output and path.is_file()
    fill(path, {(SJZ, "it_staff"): {"决定": "接受"}, (SJZ, "4"): {"决定": "无证据"}})
    missing = runner.invoke(app, ["review", "import", str(path), "--db", str(db)])
    assert missing.exit_code == 2 and "--reviewer" in missing.output
    imported = runner.invoke(app, ["review", "import", str(path), "--reviewer", "王老师", "--db",
                                   str(db)])
    assert imported.exit_code == 0, imported.output
    assert "已导入 2 条决定" in imported.output
    with Store(db) as store:
        assert [(r.key, r.action) for r in stored_decisions.audit_log(store, RUBRIC)] == [
            ("it_staff", "accept"), ("4", "no_evidence")]


def test_cli_options_before_the_subcommand_are_used(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    result = CliRunner().invoke(app, ["review", "--db", str(db), "--rubric", RUBRIC, "export",
                                      str(path)])
    assert result.exit_code == 0, result.output
    assert load_workbook(path)["待复核"].max_row > 1
