"""Held-out round 24 (Hebei): the classes of wording its misses showed, each stated and negated
or as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style PDF (every
line wraps). Every citation is verified against the document (in _suggest, _table_facts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, assert_answer, class_cases
from tests.test_facts_round14_hebei import _table_facts

POINTS = "某市开放大学2025年网信工作要点\n"
CASES: list[tuple[str, str, object]] = [
    # 1. a plan document (its title a 工作要点) that opens, before its first heading, with a
    # paragraph reviewing a year before the plan's (2024年，…; 去年…; 过去一年…): what that
    # paragraph says was done are facts, up to the sentence that turns to the plan's year; an
    # opening paragraph of the plan's own year, or the items after it, are still the plan
    (POINTS + "2024年，学校网信领导小组召开会议3次；信息化投入占年度总预算的4.1%。2025年要抓好"
     "以下几项工作：\n一、健全机制\n1．领导小组全年召开会议4次。", "group_meetings", 3),
    (POINTS + "2024年，学校网信领导小组召开会议3次；信息化投入占年度总预算的4.1%。2025年要抓好"
     "以下几项工作：\n一、健全机制\n1．领导小组全年召开会议4次。", "it_budget_share", 4.1),
    (POINTS + "去年学校信息中心配备专职人员3人，全年运行平稳。今年重点做好以下工作：\n"
     "一、队伍建设\n1．专职人员增加到5人。", "it_staff", 3),
    (POINTS + "过去一年，学校成立了网络安全和信息化领导小组，由副校长任组长。新的一年工作如下：\n"
     "一、组织保障\n1．由校长担任领导小组组长。", "leading_group", "exists"),
    (POINTS + "2025年，学校信息化投入占年度总预算的6%，领导小组召开会议4次。\n一、健全机制\n"
     "1．每季度召开一次会议。", "it_budget_share", None),
    (POINTS + "2025年，学校信息化投入占年度总预算的6%，领导小组召开会议4次。\n一、健全机制\n"
     "1．每季度召开一次会议。", "group_meetings", None),
    (POINTS + "2024年，学校信息化投入有所增加。2025年信息化投入占年度总预算的6%。\n一、健全机制\n"
     "1．每季度召开一次会议。", "it_budget_share", None),
    (POINTS + "为做好全年工作，学校信息中心配备专职人员5人。\n一、队伍建设\n1．组织培训。",
     "it_staff", None),
    (POINTS + "2024年学校信息化投入占年度总预算的3.2%。今年信息化投入占年度总预算的5%。\n"
     "一、加大投入\n1．设立专项资金。", "it_budget_share", 3.2),
    ("学校网信工作要点\n2024年，学校网信领导小组召开会议3次。\n一、健全机制\n"
     "1．每季度召开一次会议。", "group_meetings", None),
    # 2. 兼职 named in another clause than the count, with no count of its own ("…只有专职人员4名，
    # 通过“专职+兼职”的办法…", "另请兼职信息员协助"): the count stands with 专职; a count in the
    # clause of 兼职, or 专职 and 兼职 counted together, is not the full-time staff
    ("我们信息中心只有专职人员3名，采取“专职+兼职信息员”的方式保障全年考试。", "it_staff", 3),
    ("学校配备专职技术人员2人，日常巡检另请兼职网管协助。", "it_staff", 2),
    ("学校信息化工作由兼职人员3人承担，专职岗位正在申请。", "it_staff", None),
    ("信息中心专职和兼职人员共5人。", "it_staff", None),
    # 3. a bare 领导小组 after the verb that sets it up (调整领导小组), in a document whose title
    # names IT work: the IT group; not in a document about other work
    ("2024年网络安全工作总结\n学校调整领导小组，由校长任组长。", "leading_group",
     "headed_by_principal"),
    ("2024年招生工作总结\n学校调整领导小组，由校长任组长。", "leading_group", None),
]


test_round24_hebei_classes = class_cases("hebei", CASES)


# 2. a list of problems and their rectification with a status column (存在问题 | 整改措施 | 整改
# 状态): a row marked done states what the measure did, and its problem is the state before it;
# a row not done yet still has its problem as the state now, and its measure is a plan
RECTIFY = ["序号", "存在问题", "整改措施", "责任人", "整改状态"]
MEETINGS = ["1", "领导小组全年仅召开1次会议", "12月召开本年度第二次领导小组会议", "办公室"]
BUDGET = ["1", "信息化投入仅占年度总预算的2.1%", "追加预算后，信息化投入占年度总预算的3.6%",
          "财务处"]
STAFF = ["1", "信息化专职人员只有2人", "公开招聘后专职技术人员达到3人", "人事处"]
HEAD = ["1", "网信领导小组由副校长任组长", "调整领导小组，由校长任组长", "办公室"]
RECTIFY_TABLES = [
    ([RECTIFY, [*MEETINGS, "已完成"]], "group_meetings", 2),
    ([RECTIFY, [*BUDGET, "已整改"]], "it_budget_share", 3.6),
    ([RECTIFY, [*BUDGET, "整改中"]], "it_budget_share", 2.1),
    ([RECTIFY, [*STAFF, "推进中"]], "it_staff", 2),
    ([RECTIFY, [*STAFF, "已完成"]], "it_staff", 3),
    ([RECTIFY, [*HEAD, "已完成"]], "leading_group", "headed_by_principal"),
    ([RECTIFY, [*HEAD, "未完成"]], "leading_group", "exists"),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("rows", "fact", "expected"), RECTIFY_TABLES)
def test_round24_hebei_rectify_lists(rows: list[list[str]], fact: str, expected: object,
                                     form: str, tmp_path: Path) -> None:
    assert_answer(_table_facts(form, tmp_path, rows, "网信工作问题整改清单")[fact], expected)


# 3. a ledger of meetings with a remark column (备注): a row the remark marks as not held yet
# (拟召开, 计划…召开), left out of the count (不计入) or of another year (上年度) is not one of the
# group's meetings held this year; rows marked held are counted as before
LEDGER = ["序号", "会议时间", "会议名称", "备注"]
FIRST = ["1", "3月", "第一次领导小组会议", "已召开"]
SECOND = ["2", "8月", "第二次领导小组会议", "已召开"]
LEDGER_TABLES = [
    ([LEDGER, FIRST, SECOND, ["3", "12月", "第三次领导小组会议", "拟于月底召开"]], 2),
    ([LEDGER, ["1", "2023年12月", "2023年第五次领导小组会议", "上年度会议"],
      ["2", "2024年5月", "2024年第一次领导小组会议", "已召开"]], 1),
    ([LEDGER, FIRST, ["2", "6月", "第四次领导小组扩大会议", "我校列席，不计入本校次数"]], 1),
    ([LEDGER, FIRST, SECOND, ["3", "11月", "第三次领导小组会议", "已召开"]], 3),
    ([LEDGER, ["1", "10月", "第二次领导小组会议", "计划10月召开"]], None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("rows", "expected"), LEDGER_TABLES)
def test_round24_hebei_meeting_ledgers(rows: list[list[str]], expected: object, form: str,
                                       tmp_path: Path) -> None:
    facts = _table_facts(form, tmp_path, rows, "网信领导小组2024年会议台账")
    assert_answer(facts["group_meetings"], expected)
