"""The classes of wording round 20 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out; a table as a ruled
table, its long cells wrapped inside their column); every citation is checked against the
document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES: list[tuple[str, str, object]] = [
    # 1. the progress system named first, who keeps it, then the monthly reporting in a later
    # clause; months missed are a no, a plan is none
    ("“全国教育信息化工作进展系统”由教务处专人填报，一年来每个月都按时上报。",
     "monthly_progress_reports", True),
    ("“全国教育信息化工作进展系统”由教务处专人负责，但有两个月没有上报。",
     "monthly_progress_reports", False),
    ("下一步学校将安排专人负责全国教育信息化工作进展系统，做到每个月按时上报。",
     "monthly_progress_reports", None),
    ("学校信息化工作进展顺利，各类数据都按时上报县局。", "monthly_progress_reports", None),
    # 2. the school's own training of a term called off (取消), or its count of trainings missed
    # said outright; the rubric's deduction per miss, and a higher body's training, are none
    ("秋季学期原定的希沃白板应用培训因故取消，全年只在春季学期组织了一次。",
     "school_trainings_missed", 1),
    ("本年度学校信息化应用培训缺少1次，原因是秋季学期迎接验收。",
     "school_trainings_missed", 1),
    ("按细则，学期信息化应用培训缺1次扣1分。", "school_trainings_missed", None),
    ("秋季学期县里组织的电子白板培训因故取消。", "school_trainings_missed", None),
    # 3. the aspects of teaching with devices gone through one by one: the 奖惩 sentence right
    # after does not name the teaching again; 奖惩 of students, or far from any such sentence,
    # is none
    ("学校要求教师每周使用班班通上课不少于6节。奖惩方面，学校还没有制定相应的奖惩办法。",
     "teaching_it_rewards", False),
    ("学校要求教师每周使用班班通上课不少于6节。奖惩方面，学校制定了奖惩办法，每学期兑现。",
     "teaching_it_rewards", True),
    ("学校要求教师每周使用班班通上课不少于6节。学校另行制定了学生奖惩办法。",
     "teaching_it_rewards", None),
    ("学校要求教师每周使用班班通上课不少于6节。食堂由后勤处管理。校舍每年检修一次。"
     "图书室每天开放。操场夜间关闭。学校还没有制定奖惩办法。", "teaching_it_rewards", None),
    # 4. an aspect named as a heading ("奖惩方面，") states nothing; what follows it decides
    ("奖惩方面，学校把教师应用班班通的情况纳入绩效考核。", "teaching_it_rewards", True),
    ("教师应用班班通教学的奖惩方面，学校还在研究。", "teaching_it_rewards", None),
    ("学校的资产账方面还不完善。", "asset_ledgers", False),
    # 5. an experience article published in a province's journal is a press article, not the
    # practice spread as a model at that level
    ("在《黑龙江教育》上发表我校班班通应用的经验交流文章1篇。", "showcase_level", None),
    ("在《黑龙江教育》上发表我校班班通应用的经验交流文章1篇。", "press_articles_province", 1),
    ("我校班班通应用经验在全市信息化工作现场会上作经验交流。", "showcase_level", "city"),
]


test_round20_xunke_classes = class_cases("xunke", CASES)


RANK_HEADER = ["比赛名称", "级别", "一等奖", "二等奖", "三等奖"]
# 1. an award table whose header names one rank per column: the level in the row's cells, the
# count in each rank's cell, a stated 0 a count; an empty cell or a contest not about IT is none
TABLES = [
    ("学校信息化大赛获奖情况", [RANK_HEADER, ["黑河市中小学课件评比活动", "市级", "2", "0", "1"],
                         ["黑河市网络教研优质课评选", "市级", "1", "1", ""]],
     "award_city_first", 3),
    ("学校信息化大赛获奖情况", [RANK_HEADER, ["全省微课大赛", "省级", "0", "2", "1"]],
     "award_province_first", 0),
    ("学校信息化大赛获奖情况", [RANK_HEADER, ["黑河市中小学课件评比活动", "市级", "2", "0", ""]],
     "award_city_third", None),
    ("学校信息化大赛获奖情况", [["比赛名称", "级别", "一等奖（人次）", "二等奖（人次）"],
                         ["逊克县电子白板教学能手评选活动", "县级", "2人次", "1人次"]],
     "award_county_first", 2),
    ("学校体育比赛获奖情况", [RANK_HEADER, ["全县中小学田径运动会", "县级", "2", "1", "1"]],
     "award_county_first", None),
    # 2. higher bodies' IT trainings in a table with a column of absences: its 合计 row (not
    # added twice), else the rows' sum; the school's own trainings, or trainings not about IT,
    # are none
    ("本校教师参加上级组织的信息化培训情况", [
        ["培训名称", "组织单位", "缺席人次"], ["网络研修培训", "黑河市教育局", "2"],
        ["班班通应用培训", "逊克县教育体育局", "1"]], "external_training_absences", 3),
    ("本校教师参加上级组织的信息化培训情况", [
        ["培训名称", "组织单位", "缺席人次"], ["网络研修培训", "黑河市教育局", "2"],
        ["班班通应用培训", "逊克县教育体育局", "1"], ["合计", "", "3"]],
     "external_training_absences", 3),
    ("本校教师参加上级组织的信息化培训情况", [
        ["培训名称", "组织单位", "通知参训人数", "实际参训人数"],
        ["网络研修培训", "黑河市教育局", "10", "8"],
        ["班班通应用培训", "逊克县教育体育局", "5", "5"]],
     "external_training_absences", 2),
    ("本校校本信息化培训签到情况", [
        ["培训名称", "组织部门", "缺席人次"], ["微课制作培训", "学校教务处", "2"]],
     "external_training_absences", None),
    ("本校教师参加上级组织的培训情况", [
        ["培训名称", "组织单位", "缺席人次"], ["消防安全知识培训", "逊克县教育体育局", "1"]],
     "external_training_absences", None),
]


test_round20_xunke_tables = table_cases("xunke", TABLES)
