"""The classes of wording round 13 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied and a distractor, in our own words, read from a .docx
and from a PDF laid out as LibreOffice does (every sentence wrapped); every citation is checked
against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES = [
    # 1. an award in a contest of the 三个课堂 is an IT contest's; one level, a list of ranks
    ("学校教师参加市级专递课堂教学竞赛，获一等奖3人次、二等奖2人次。", "award_city_first", 3),
    ("学校教师参加市级专递课堂教学竞赛，获一等奖3人次、二等奖2人次。", "award_city_second", 2),
    ("在县级同步课堂优质课评选中，我校获一等奖1项、二等奖2项。", "award_county_second", 2),
    ("县级名师课堂展示活动中，我校教师未获奖项。", "award_county_first", None),
    ("学生在市级篮球比赛中获一等奖1项。", "award_city_first", None),
    # 2. a 名师工作室 the school works through is not one it created
    ("今年学校建成市级名师工作室1个。", "studios_city", 1),
    ("教师借助市级名师工作室开展集体备课8次。", "studios_city", None),
    ("学校依托县级名师工作室开展研课活动。本年新建县级名师工作室2个。", "studios_county", 2),
    ("学校计划申报市级名师工作室。", "studios_city", None),
    # 3. "成立了…领导小组，但未设立…办公室": the negation is the second clause's
    ("学校已成立信息化工作领导小组，但尚未设立信息化办公室。", "it_leading_group", True),
    ("学校已成立信息化工作领导小组，但尚未设立信息化办公室。", "it_office", False),
    ("学校尚未成立信息化工作领导小组，也没有信息化办公室。", "it_leading_group", False),
    ("学校信息化工作领导小组至今尚未成立。", "it_leading_group", False),
    ("县教育局要求各校成立信息化工作领导小组。", "it_leading_group", None),
    # 4. office computers given by the county, or named in an earlier clause
    ("今年县教育局为学校配发教师办公电脑4台。", "office_computers_added", True),
    ("教师办公电脑原来不足，本学期县电教馆调拨2台。", "office_computers_added", True),
    ("本年度学校没有新购办公电脑。", "office_computers_added", False),
    ("学校计划明年购置教师办公电脑10台。", "office_computers_added", None),
    # 5. a 信息中心 counts set up or given a duty, not doing one task; a notice asks, not has
    ("学校设立了电教中心，负责设备维护。", "it_office", True),
    ("信息中心具体负责全校网络运维。", "it_office", True),
    ("学校未设立信息中心。", "it_office", False),
    ("信息中心对各教室设备进行了巡检。", "it_office", None),
    ("县教育局通知要求各校成立信息化办公室。", "it_office", None),
    # 6. a bureau's report and the county's counts are not the school's
    ("学校建成了分学科的校本资源库。", "school_resource_library", True),
    ("学校尚未建立校本资源库。", "school_resource_library", False),
    ("县教育局通报指出，全县已有9所学校建成校本资源库。", "school_resource_library", None),
    ("教务处每月检查教师使用班班通授课情况。", "teaching_it_supervision", True),
    ("市教育局2024年度班班通应用考核情况通报\n学校未对教师使用班班通情况进行检查。",
     "teaching_it_supervision", False),
    ("市教育局2024年度班班通应用考核情况通报（摘要）", "teaching_it_supervision", None),
]


test_round13_xunke_classes = class_cases("xunke", CASES)
