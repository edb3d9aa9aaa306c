"""Table rows read as one statement (issue 20): a 自评表 row "topic | criteria | own value" says
what the unit did, its criteria cell is never read as the unit's value, and tables without a
header row read cell by cell as before. Texts are our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.facts.base import SubmissionText
from extractors.facts.citations import verify
from extractors.facts.rubric_adapter import from_rubric
from extractors.facts.rules import RulesExtractor
from extractors.facts.text import sentences
from extractors.read import read_document
from intake.catalog import load_rubric
from tests.support.corpus import RUBRICS, write_docx, write_ruled_pdf
from tests.support.facts import hebei_view
from tests.test_facts_real_phrasing import _suggest, assert_answer

HEADER = ["考核指标", "评分标准", "本校情况"]


def _facts(tmp_path: Path, rows: list[list[str]], programme: str = "") -> dict[str, object]:
    document = read_document(write_docx("某县职教中心网信工作自评表", tmp_path / "t.docx", rows))
    submission = SubmissionText.of("S1", (document, "deeds"))
    view = from_rubric(load_rubric(RUBRICS[programme])) if programme else hebei_view()
    result = RulesExtractor().suggest(submission, view)
    for item in result.suggestions:
        assert all(verify(document, c) for c in item.citations)
    return {s.key: s.value for s in result.suggestions if s.value is not None}


def test_a_row_is_one_sentence_without_its_criteria_cell(tmp_path: Path) -> None:
    rows = [HEADER, ["领导小组例会", "全年不少于4次", "今年共开会5次"]]
    document = read_document(write_docx("自评表", tmp_path / "t.docx", rows))
    row = next(s for s in sentences(document) if "例会" in s.text)
    assert row.text == "领导小组例会\n今年共开会5次"
    assert verify(document, row.cite())
    clause = row.cite(len("领导小组例会\n"), len(row.text))
    assert clause.quote == "今年共开会5次"


@pytest.mark.parametrize(("row", "fact", "value"), [
    (["领导小组例会", "全年不少于4次", "今年共开会5次"], "group_meetings", 5),
    (["信息化经费", "不低于总预算的5%", "共投入190万元，占总预算7.2%"], "it_budget_share", 7.2),
])
def test_stated_in_a_row(tmp_path: Path, row: list[str], fact: str, value: object) -> None:
    assert _facts(tmp_path, [HEADER, row]).get(fact) == value


@pytest.mark.parametrize(("rows", "fact"), [
    # only the criteria column: the unit states nothing
    ([["考核指标", "评分标准"], ["信息化经费", "不低于总预算的5%"]], "it_budget_share"),
    # a plan column is the unit's intention, not a fact
    ([["考核指标", "下一步计划"], ["信息化经费", "明年投入占总预算8%"]], "it_budget_share"),
])
def test_criteria_and_plans_are_not_read(tmp_path: Path, rows: list[list[str]],
                                         fact: str) -> None:
    assert fact not in _facts(tmp_path, rows)


def test_a_table_without_a_header_reads_cell_by_cell(tmp_path: Path) -> None:
    rows = [["单位名称", "某县职教中心"], ["领导小组例会", "今年共开会5次"]]
    document = read_document(write_docx("申报表", tmp_path / "t.docx", rows))
    assert "今年共开会5次" in [s.text for s in sentences(document)]


def test_an_incident_row_whose_value_is_none(tmp_path: Path) -> None:
    rows = [HEADER, ["网络安全事件", "零事件的记满分", "无"]]
    assert _facts(tmp_path, rows).get("security_incident") == "none"


@pytest.mark.parametrize("rows", [
    [["考核指标", "评分标准"], ["网络安全事件", "无事件的记满分"]],  # criteria only
    [HEADER, ["网络安全事件", "零事件的记满分", "正在统计"]],  # the value says nothing
])
def test_an_incident_row_without_a_stated_value(tmp_path: Path, rows: list[list[str]]) -> None:
    assert "security_incident" not in _facts(tmp_path, rows)


RESULTS = ["成果类型", "等级", "具体内容", "数量"]


@pytest.mark.parametrize(("row", "fact", "value"), [
    (["教师竞赛获奖", "市级", "全市中小学课件评比一等奖", "3人次"], "award_city_first", 3),
    (["宣传报道", "市级", "市教育局网站", "2篇"], "web_reports_city", 2),
    (["发表文章", "省级", "《教育信息化》", "1篇"], "press_articles_province", 1),
])
def test_a_results_row_gives_level_rank_and_count(tmp_path: Path, row: list[str], fact: str,
                                                 value: object) -> None:
    assert _facts(tmp_path, [RESULTS, row], "xunke").get(fact) == value


def test_a_results_table_without_a_header_reads_cell_by_cell(tmp_path: Path) -> None:
    # as before rows: the award cell alone is one award; its count cell is not joined to it
    rows = [["教师竞赛获奖", "市级", "全市中小学课件评比一等奖", "3人次"]]
    assert _facts(tmp_path, rows, "xunke").get("award_city_first") == 1


def test_a_ruled_pdf_table_reads_by_row(tmp_path: Path) -> None:
    rows = [HEADER, ["领导小组例会", "全年不少于4次", "今年共开会5次"],
            ["网络安全事件", "零事件的记满分", "无"]]
    document = read_document(write_ruled_pdf(tmp_path / "t.pdf", rows))
    assert document.tables, "the PDF reader finds the ruled table"
    texts = [s.text for s in sentences(document)]
    assert "领导小组例会\n今年共开会5次" in texts
    submission = SubmissionText.of("S1", (document, "deeds"))
    result = RulesExtractor().suggest(submission, hebei_view())
    found = {s.key: s.value for s in result.suggestions if s.value is not None}
    assert found.get("group_meetings") == 5 and found.get("security_incident") == "none"
    assert all(verify(document, c) for s in result.suggestions for c in s.citations)


# A long cell of a printed 自评表 wraps inside its column (the row grows): the reader keeps the
# cell whole, its lines in order, and the rule reads the row across the cell's line breaks.
LONG_CELLS = [
    ("hebei", ["指标", "完成情况", "说明"],
     ["信息化专职人员", "学校信息中心现有专职信息化工作人员4人，另聘兼职网络管理员2人，"
      "均参加过省校组织的专门培训", "人"], "it_staff", 4),
    ("xunke", ["项目", "自评情况", "自评分"],
     ["学校网站", "学校建有独立的校园网站，设有新闻动态、教研活动、家校共育等栏目，"
      "由信息员负责维护", "2"], "school_website", True),
]


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize(("programme", "header", "row", "fact", "expected"), LONG_CELLS)
def test_a_long_cell_wrapped_in_its_column_is_read_whole(
        programme: str, header: list[str], row: list[str], fact: str, expected: object,
        form: str, tmp_path: Path) -> None:
    rows = [header, row]
    if form == "pdf":
        document = read_document(write_ruled_pdf(tmp_path / "t.pdf", rows, title="自评表"))
        cell = document.tables[0].rows[1][1].text
        assert cell.count("\n") >= 2, "the long cell wraps over several lines"
        assert cell.replace("\n", "") == row[1]
    assert_answer(_suggest("自评表", programme, form, tmp_path, rows)[fact], expected)
