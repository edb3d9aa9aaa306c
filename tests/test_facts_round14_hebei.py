"""Issue 20, held-out round 14 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF (every line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.facts.base import SubmissionText
from extractors.facts.citations import verify
from extractors.facts.rubric_adapter import from_rubric
from extractors.facts.rules import RulesExtractor
from extractors.read import read_document
from intake.catalog import load_rubric
from tests.support.corpus import RUBRICS, write_docx, write_ruled_pdf
from tests.test_facts_real_phrasing import FORMS, _suggest, assert_answer, class_cases

PLAN = "某开放大学2026年网信工作要点\n"
CASES = [
    # a plan document (its title a 工作要点) whose first section reviews the year done: that
    # section states facts, the rest of the document is still a plan
    (PLAN + "一、工作回顾\n上年度领导小组共召开会议3次，全年未发生网络安全事件。\n"
     "二、本年度目标\n领导小组全年召开会议不少于4次。", "group_meetings", 3),
    (PLAN + "一、工作回顾\n上年度领导小组共召开会议3次，全年未发生网络安全事件。\n"
     "二、本年度目标\n领导小组全年召开会议不少于4次。", "security_incident", "none"),
    (PLAN + "一、去年总结\n2025年学校领导小组未召开会议。\n二、2026年主要任务\n"
     "领导小组每半年召开一次会议。", "group_meetings", 0),
    (PLAN + "一、去年总结\n各项工作有序推进。\n二、2026年主要任务\n领导小组召开会议4次，"
     "专职信息化人员增加到5人。", "group_meetings", None),
    (PLAN + "一、去年总结\n各项工作有序推进。\n二、2026年主要任务\n领导小组召开会议4次，"
     "专职信息化人员增加到5人。", "it_staff", None),
    # the unit's own "基本完善/较为健全" outweighs a count of three or more named titles
    ("学校制定了《网络安全责任制实施办法》《机房值班制度》《数据备份管理规定》，网络安全管理"
     "制度基本完善，个人信息保护细则还在起草中。", "security_policy", "mostly_complete"),
    ("学校制定了《网络安全责任制实施办法》《机房值班制度》《数据备份管理规定》，网络安全管理"
     "制度健全。", "security_policy", "complete"),
    ("学校制定了《网络安全责任制实施办法》《机房值班制度》《数据备份管理规定》。明年力争使"
     "网络安全管理制度较为健全。", "security_policy", "complete"),
    # a quoted term defined ("“会议次数”指…") explains a column: no count of its own
    ("表中“会议次数”指领导小组全年召开会议的次数。", "group_meetings", None),
    ("表中“会议次数”指领导小组全年召开会议的次数。本年度领导小组召开会议2次。",
     "group_meetings", 2),
    ("“专职人员”指在编在岗、专门从事信息化工作的人员。", "it_staff", None),
    ("“专职人员”指在编在岗、专门从事信息化工作的人员。网络中心现有专职人员4人。", "it_staff", 4),
]


test_round14_hebei_classes = class_cases("hebei", CASES)


CASES_MORE = [
    # a centre's head count said to be all full-time, with no staff noun ("实有4人，均为专职")
    ("信息中心核定编制6人，实际在岗4人，全部为专职。", "it_staff", 4),
    ("信息中心在岗4人，除主任外均为专职。", "it_staff", None),
    ("信息中心拟增加3人，均为专职。", "it_staff", None),
    # meetings given by their dates: one meeting per date listed
    ("领导小组分别于4月、8月和12月召开会议，审议年度项目。", "group_meetings", 3),
    ("领导小组于5月和10月召开了专题会议。", "group_meetings", 2),
    ("领导小组要于5月和10月召开会议。", "group_meetings", None),
    ("2023年、2024年领导小组分别于6月、9月召开会议。", "group_meetings", None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("text", "fact", "expected"), CASES_MORE)
def test_round14_hebei_staff_and_dated_meetings(text: str, fact: str, expected: object,
                                                form: str, tmp_path: Path) -> None:
    assert_answer(_suggest(text, "hebei", form, tmp_path)[fact], expected)


# A 市校's table of itself and the 县校 it lists: only the row it marks as its own is read, a
# column named with its unit ("专职人员（人）") gives the unit of a bare count.
UNITS_HEADER = ["单位", "专职人员（人）", "备注"]
UNIT_TABLES = [
    ([UNITS_HEADER, ["某市开放大学（本级）", "4", "含网络中心"], ["甲县开放大学", "2", "县校"]], 4),
    ([UNITS_HEADER, ["某市开放大学（本级）", "0", "由教师兼任"], ["甲县开放大学", "2", "县校"]], 0),
    ([UNITS_HEADER, ["甲县开放大学", "2", "县校"], ["乙县开放大学", "3", "县校"]], None),
    ([UNITS_HEADER, ["某市开放大学（本级）", "—", "见名册"], ["甲县开放大学", "3", "县校"]], None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("rows", "expected"), UNIT_TABLES)
def test_round14_hebei_own_row_of_a_units_table(rows: list[list[str]], expected: object,
                                                form: str, tmp_path: Path) -> None:
    assert_answer(_table_facts(form, tmp_path, rows, "信息化人员情况")["it_staff"], expected)


def _table_facts(form: str, folder: Path, rows: list[list[str]], note: str) -> dict:
    if form == "pdf":
        document = read_document(write_ruled_pdf(folder / "t.pdf", rows, title=note))
        assert document.tables, "the PDF reader finds the ruled table"
    else:
        document = read_document(write_docx(note, folder / "t.docx", rows))
    made = RulesExtractor().suggest(SubmissionText.of("S", (document, "deeds")),
                                    from_rubric(load_rubric(RUBRICS["hebei"]))).suggestions
    assert all(verify(document, c) for s in made for c in s.citations)
    return {s.key: s for s in made if s.target == "fact"}


# A column named in a note before the table ("“开会次数”指…") is read with what the note says it
# means: the bare name says neither whose meetings nor what share.
MEETINGS_NOTE = "注：“开会次数”指本年度领导小组会议的召开次数。"
SHARE_NOTE = "注：“经费占比”指信息化经费投入占学校年度总预算的比例。"
NOTED_TABLES = [
    (MEETINGS_NOTE, ["开会次数", "3"], "group_meetings", 3),
    (MEETINGS_NOTE, ["开会次数", "0"], "group_meetings", 0),
    ("注：下表为本校和县校情况。", ["会议次数", "3"], "group_meetings", None),
    (SHARE_NOTE, ["经费占比", "4.8%"], "it_budget_share", 4.8),
    ("注：下表为本校和县校情况。", ["经费占比", "4.8%"], "it_budget_share", None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("note", "column", "fact", "expected"), NOTED_TABLES)
def test_round14_hebei_column_defined_in_a_note(note: str, column: list[str], fact: str,
                                                expected: object, form: str,
                                                tmp_path: Path) -> None:
    rows = [["单位", column[0], "备注"], ["某市开放大学（本级）", column[1], "市校"],
            ["甲县开放大学", "1", "县校"]]
    assert_answer(_table_facts(form, tmp_path, rows, note)[fact], expected)
