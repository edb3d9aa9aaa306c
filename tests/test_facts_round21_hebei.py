"""Held-out round 21 (Hebei): the classes of wording its misses showed, each stated and negated
or as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style PDF (every
line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES = [
    # 1. the writer heads the group named in full between the post and 组长 (我兼任学校网络安全和
    # 信息化领导小组组长) in the principal's own report: headed by the principal; not a deputy
    # post, not in a vice principal's report
    ("某县开放大学校长2024年度述职报告\n我兼任学校网络安全和信息化领导小组组长，全年主持工作。",
     "leading_group", "headed_by_principal"),
    ("某县开放大学校长2024年度述职报告\n本人担任学校网信领导小组组长。", "leading_group",
     "headed_by_principal"),
    ("某县开放大学校长2024年度述职报告\n我兼任学校网络安全和信息化领导小组副组长。",
     "leading_group", "exists"),
    ("某县开放大学副校长2024年度述职报告\n我兼任学校网络安全和信息化领导小组组长。",
     "leading_group", "exists"),
    ("某县开放大学校长2024年度述职报告\n我兼任学校招生工作领导小组组长，学校网络安全和信息化"
     "领导小组由副校长任组长。", "leading_group", "exists"),
    # 2. minutes of the IT group (its title names it) whose chair line gives the group post in
    # brackets (主持：校长（领导小组组长）): headed by the principal; not a vice principal, not a
    # deputy post, not in minutes of another body
    ("某县开放大学网络安全和信息化领导小组第一次会议纪要\n时间：2024年5月6日\n"
     "主持：校长（领导小组组长）\n会议研究了机房改造方案。", "leading_group",
     "headed_by_principal"),
    ("某县开放大学网络安全和信息化领导小组第一次会议纪要\n时间：2024年5月6日\n"
     "主持：副校长（领导小组副组长）\n会议研究了机房改造方案。", "leading_group", "exists"),
    ("某县开放大学网络安全和信息化领导小组第一次会议纪要\n时间：2024年5月6日\n"
     "主持：校长（领导小组副组长）\n会议研究了机房改造方案。", "leading_group", "exists"),
    ("某县开放大学招生工作会议纪要\n时间：2024年5月6日\n主持：校长（招生领导小组组长）\n"
     "会议研究了春季招生计划。", "leading_group", None),
    ("某县开放大学网络安全和信息化领导小组第一次会议纪要\n列席：校长（招生领导小组组长）\n"
     "主持：副校长（领导小组组长）\n会议研究了机房改造方案。", "leading_group", "exists"),
    # 3. meetings the text leaves out of its count (…的2次会议不在此列; a closing clause
    # "不计入本校会议次数" about the counts before it): not counted; the year's own count stands,
    # and a count the marker does not reach still does
    ("现将本年度领导小组会议情况汇总如下（上年度召开的4次会议不在此列）。学校网信领导小组"
     "2024年共召开会议2次。", "group_meetings", 2),
    ("县教育局网信领导小组召开会议6次，学校派员列席其中2次，不计入学校会议次数。学校网络安全和"
     "信息化领导小组全年召开会议3次。", "group_meetings", 3),
    ("学校网络安全和信息化领导小组全年召开会议4次，另有1次现场调度会不计入。", "group_meetings",
     4),
    ("学校网络安全和信息化领导小组全年召开会议3次，均形成纪要，计入年度考核材料。",
     "group_meetings", 3),
    # 4. shares given one per listed year (2022年、2023年、2024年…比例分别为…): the share of the
    # year the title names; none when the title names no year or one not listed, when the
    # values and years do not pair, or in a plan
    ("某县学习中心2024年度自查报告\n2022年、2023年、2024年信息化投入占年度总预算的比例分别为"
     "1.8%、2.5%、3.6%。", "it_budget_share", 3.6),
    ("某县学习中心2023年度自查报告\n2022年和2023年信息化投入占总预算比例分别为2.2%、2.9%。",
     "it_budget_share", 2.9),
    ("某县学习中心自查报告\n2022年、2023年、2024年信息化投入占年度总预算的比例分别为"
     "1.8%、2.5%、3.6%。", "it_budget_share", None),
    ("某县学习中心2025年度自查报告\n2022年、2023年、2024年信息化投入占年度总预算的比例分别为"
     "1.8%、2.5%、3.6%。", "it_budget_share", None),
    ("某县学习中心2024年度自查报告\n2023年、2024年信息化投入占年度总预算的比例分别为"
     "1.8%、2.5%、3.6%。", "it_budget_share", None),
    ("某县学习中心2024年度自查报告\n下一步，计划2024年、2025年信息化投入占总预算的比例分别"
     "达到4%、5%。", "it_budget_share", None),
]


test_round21_hebei_classes = class_cases("hebei", CASES)
