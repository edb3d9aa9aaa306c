"""Issue 20, held-out round 16 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF (every line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES = [
    # a change of the team's size (由…X人增加到…Y人): the former count is not today's
    ("网络中心专职技术人员由去年的3人增至现在的5人。", "it_staff", 5),
    ("信息化专职人员从2人充实到7人，分工负责运维和资源建设。", "it_staff", 7),
    ("信息化中心没有专职人员，由教务处教师兼管。", "it_staff", 0),
    ("学校信息化专职人员由5人减少到现在的2人。", "it_staff", 2),
    ("学校教职工由120人增加到135人。", "it_staff", None),
    # a share said of an earlier year (上年度, 去年) is not the year reported on
    ("去年学校信息化经费占年度预算的3.1%。", "it_budget_share", None),
    ("2024年信息化经费占年度预算的6.2%，上年度为3.1%。", "it_budget_share", 6.2),
    ("上年度信息化投入占比为3.1%。本年度年度预算2000万元，信息化投入共120万元。",
     "it_budget_share", 6),
    # parts of the budget listed as 采购/购置 after 其中 are IT amounts, not totals
    ("全年预算支出总额为2000万元，其中信息化设备采购60万元、软件服务40万元，两项合计100万元。",
     "it_budget_share", 5),
    ("全年预算支出总额为2000万元，其中图书采购60万元。", "it_budget_share", None),
    # 会 said plainly after its count (开了一次会), and one count for each part of the year (各)
    ("领导小组上半年和下半年各开了一次会，研究网络安全工作。", "group_meetings", 2),
    ("领导小组本年度开了三次会，研究网络安全和平台建设。", "group_meetings", 3),
    ("领导小组全年没有开过一次会。", "group_meetings", 0),
    ("领导小组要求各部门每学期开一次会研究信息化工作。", "group_meetings", None),
]


test_round16_hebei_classes = class_cases("hebei", CASES)
