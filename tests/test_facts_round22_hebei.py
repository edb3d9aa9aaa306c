"""Held-out round 22 (Hebei): the classes of wording its misses showed, each stated and negated
or as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style PDF (every
line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, assert_answer, class_cases
from tests.test_facts_round14_hebei import _table_facts

PLAN = "市开放大学教育信息化发展规划（2025—2027年）\n"
CASES: list[tuple[str, str, object]] = [
    # 1. the previous meeting named (上一次会议于4月召开) beside an ordinal: the ordinal's lower
    # bound, "上一次" no count of one; a count stated beside it stands
    ("9月26日学校网络安全和信息化领导小组召开会议。这是今年领导小组召开的第二次会议，上一次会议"
     "于4月召开。", "group_meetings", 2),
    ("学校网信领导小组全年召开会议3次，上一次会议于11月召开。", "group_meetings", 3),
    ("学校网信领导小组全年召开会议3次，下一次会议定于明年3月召开。", "group_meetings", 3),
    # 2. an ordinal of another unit's meeting (…召开本单位网信领导小组会议，这是该校今年召开的第四次
    # 会议) in a briefing: not the writer's; the writer's own ordinal stands
    ("学校网络安全和信息化领导小组9月召开今年第二次会议。某县开放大学召开本单位网信领导小组会议，"
     "这是该校今年召开的第四次会议。", "group_meetings", 2),
    ("学校网络安全和信息化领导小组9月召开会议，这是今年召开的第三次会议。", "group_meetings", 3),
    # 3. what an inspection found (检查指出我校…仅占2.8%，专职人员只有2人) and then the figures
    # after rectification: the later ones; the finding alone still answers, and a figure stated
    # as now in the finding's sentence (整改后现有…) is not set aside
    ("检查指出我校2023年度信息化投入仅占年度总预算的2.8%，专职人员只有2人。对此学校调整了"
     "2024年度预算，当年信息化投入占年度总预算的5.6%。", "it_budget_share", 5.6),
    ("检查指出我校信息化专职人员只有2人。通过公开招聘，学校现有信息化专职人员4人。",
     "it_staff", 4),
    ("检查指出我校2023年度信息化投入仅占年度总预算的2.8%。", "it_budget_share", 2.8),
    ("督查发现学校信息化专职人员只有2人，整改后现有信息化专职人员4人。", "it_staff", 4),
    ("学校信息化投入占年度总预算的4.6%。审计指出部分设备采购手续不全。", "it_budget_share", 4.6),
    ("根据专项检查反馈意见，学校2024年信息化投入占年度总预算的5.2%。2023年信息化投入占年度"
     "总预算的4.1%。", "it_budget_share", 5.2),
    # 4. a plan document (its title …发展规划) whose first section is the state it starts from
    # (一、发展现状): the figures there are facts; the targets after it are not, nor figures in
    # a plan without such a section
    (PLAN + "一、发展现状\n学校现有信息化专职人员3人。2024年学校信息化投入占年度总预算的4.2%。\n"
     "二、发展目标\n到2027年，信息化专职人员达到6人。", "it_staff", 3),
    (PLAN + "一、基本情况\n2024年学校信息化投入占年度总预算的4.2%。\n二、发展目标\n"
     "年度信息化投入占总预算比例稳定在6%以上。", "it_budget_share", 4.2),
    (PLAN + "一、发展目标\n学校信息化专职人员达到6人。\n二、保障措施\n每年检查一次。",
     "it_staff", None),
    (PLAN + "一、发展现状\n学校建有录播室1间。\n二、发展目标\n年度信息化投入占总预算比例达到"
     "6%。", "it_budget_share", None),
]


test_round22_hebei_classes = class_cases("hebei", CASES)


# 1. a form of measures by year with a further column of another kind (项目 | 2023年度 | 2024年度 |
# 全市合计): only the reported year's column is read, the other column dropped; the unit of a
# row's label (（%）, （人）) is its bare cell's
FORM_HEADER = ["项目", "2023年度", "2024年度", "全市体系合计（2024）"]
FORM_ROWS = [FORM_HEADER,
             ["信息化专职人员（人）", "4", "5", "14"],
             ["信息化投入占总预算比例（%）", "3.0", "3.5", "—"],
             ["教师人均上线天数（天）", "88", "96", "102"]]
FORM_TABLES = [
    ("某开放大学2024年度基础数据填报表", FORM_ROWS,
     {"it_staff": 5, "it_budget_share": 3.5, "teacher_online_days": 96}),
    ("某开放大学2023年度基础数据填报表", FORM_ROWS,
     {"it_staff": 4, "it_budget_share": 3.0, "teacher_online_days": 88}),
    ("某开放大学2025年度基础数据填报表", FORM_ROWS,
     {"it_staff": None, "it_budget_share": None, "teacher_online_days": None}),
    # one year column beside another kind: not a table of years, the cells not read as the year's
    ("某开放大学2024年度基础数据填报表",
     [["项目", "2024年度", "全市体系合计"], ["信息化投入占总预算比例（%）", "3.5", "2.9"]],
     {"it_budget_share": None}),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("note", "rows", "expected"), FORM_TABLES)
def test_round22_hebei_year_forms(note: str, rows: list[list[str]], expected: dict, form: str,
                                  tmp_path: Path) -> None:
    facts = _table_facts(form, tmp_path, rows, note)
    for fact, wanted in expected.items():
        assert_answer(facts[fact], wanted)
