"""Issue 20, held-out round 20 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF (every line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, assert_answer, class_cases
from tests.test_facts_round14_hebei import _table_facts

CASES = [
    # 1. the principal's headship denied in the phrase (校长未担任组长): the group exists, not
    # headed by them; a headship stated beside another denial still stands
    ("学校网信领导小组由副校长任组长，校长未担任组长。", "leading_group", "exists"),
    ("学校网络安全和信息化领导小组组长不是校长，由分管副校长担任。", "leading_group", "exists"),
    ("学校网络安全和信息化领导小组由校长任组长，未设副组长。", "leading_group",
     "headed_by_principal"),
    # 1b. the writer heads the group (由我本人任组长) in the principal's own report (its title):
    # headed by the principal; not in a vice principal's report, not without such a title
    ("某县开放大学校长2024年度述职报告\n学校网络安全和信息化领导小组由我本人任组长。",
     "leading_group", "headed_by_principal"),
    ("某县开放大学副校长2024年度述职报告\n学校网络安全和信息化领导小组由我本人任组长。",
     "leading_group", "exists"),
    ("某县开放大学2024年信息化工作总结\n学校网络安全和信息化领导小组由我本人任组长。",
     "leading_group", "exists"),
    # 2. no full-time IT staff, the field between the denial and 专职 (没有信息化专职人员): 0;
    # not a part-time teacher counted after it, not a plan
    ("学校没有信息化专职人员，机房由一名教师兼管。", "it_staff", 0),
    ("学校暂无网络专职人员，网络维护外包。", "it_staff", 0),
    ("学校现有信息化专职人员2人，全年没有人员流失。", "it_staff", 2),
    # 3. a per-capita figure given as a change (由去年的…天提高到今年的…天): the new figure; not
    # next year's target after this year's figure
    ("教师国开学习网人均上线天数由去年的96天提高到今年的121天。", "teacher_online_days", 121),
    ("教师人均上线天数从2023年的88天增加到112天。", "teacher_online_days", 112),
    ("教师人均上线天数为118天，明年将提高到150天。", "teacher_online_days", 118),
    # 3b. an incident told by its grade after the event (此次事件属于一般…事故): it happened, of
    # that grade; not "不属于", not a plan's case
    ("网站后台被猜中口令，经核定，此次事件属于一般网信安全事故。", "security_incident", "minor"),
    ("经核定，该事件属于较大网络安全事件。", "security_incident", "major"),
    ("经核定，此次事件不属于网络安全事故。", "security_incident", None),
    ("若事件属于一般网络安全事件，由信息中心处置。", "security_incident", None),
    # 4. the rules said to need more work (还需进一步完善, 仍需健全): a need, no value; the unit's
    # own word on them (较为健全) still stands
    ("存在的不足是学校网络安全管理制度还需进一步完善。", "security_policy", None),
    ("学校网信安全制度仍需健全，明年修订应急预案。", "security_policy", None),
    ("学校网络安全管理制度较为健全。", "security_policy", "mostly_complete"),
    # 5. one rule of another kind made under a security lead (网络安全方面，学校建立了信息发布审核
    # 制度): not the security rules; a security rule or a set of rules under the lead is
    ("网络安全方面，学校建立了稿件审核登记制度，全年未发生网信安全事故。", "security_policy",
     None),
    ("学校建立了网络安全责任制度。", "security_policy", "mostly_complete"),
    ("网络安全方面，学校建立了机房管理、数据备份等6项制度。", "security_policy",
     "mostly_complete"),
]


test_round20_hebei_classes = class_cases("hebei", CASES)


# 6. a table of years by measures (年度 | 总预算 | 投入 | 占比, one row per year): only the row of
# the year the document reports on (its title's, else the latest not a target) is read
BY_YEAR = [["年度", "年度总预算（万元）", "信息化软硬件投入（万元）", "占年度总预算比例"],
           ["2023年", "2900", "113.1", "3.9%"],
           ["2024年", "3100", "167.4", "5.4%"]]
YEAR_ROW_TABLES = [
    ("某开放大学2024年度信息化投入情况", BY_YEAR, 5.4),
    ("某开放大学近两年信息化投入情况", BY_YEAR, 5.4),
    ("某开放大学2023年度信息化投入情况", BY_YEAR, 3.9),
    ("某开放大学2025年度信息化投入情况", BY_YEAR, None),
    ("某开放大学信息化投入情况", [*BY_YEAR[:2], ["2024年目标", "3100", "186", "6%"]], 3.9),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("note", "rows", "expected"), YEAR_ROW_TABLES)
def test_round20_hebei_year_rows(note: str, rows: list[list[str]], expected: object, form: str,
                                 tmp_path: Path) -> None:
    assert_answer(_table_facts(form, tmp_path, rows, note)["it_budget_share"], expected)
