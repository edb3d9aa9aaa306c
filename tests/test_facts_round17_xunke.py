"""The classes of wording round 17 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out; a 自评表 as a ruled
table); every citation is checked against the document's text."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases, table_cases

CASES = [
    # 1. 要求 the object of a verb that makes it ("提出明确使用要求，") is a noun the school set,
    # not a speech that opens the clauses after it
    ("学校对教师使用电子白板上课提出具体要求，教务处每周督查，并将督查结果纳入期末考核。",
     "teaching_it_supervision", True),
    ("学校对教师使用电子白板上课提出具体要求，教务处每周督查，并将督查结果纳入期末考核。",
     "teaching_it_rewards", True),
    ("校长在会上要求，教务处每周督查教师使用电子白板上课的情况。",
     "teaching_it_supervision", None),
    ("学校对教师使用电子白板上课提出具体要求，但至今没有督查教师的使用情况。",
     "teaching_it_supervision", False),
    # 2. both terms' training said of the two terms together
    ("今年两个学期都组织了信息技术应用校本培训。", "school_trainings_missed", 0),
    ("今年两个学期均未组织信息技术应用校本培训。", "school_trainings_missed", 2),
    ("县教育局要求两个学期均组织信息技术应用校本培训。", "school_trainings_missed", None),
    # 3. the school hosting a meeting that shows its practice, at the meeting's level
    ("我校作为县级信息化示范校，承办了全县智慧课堂现场观摩会。", "showcase_level", "county"),
    ("全市电子白板应用观摩会在我校召开，学校介绍了信息化应用做法。", "showcase_level", "city"),
    ("县教育局召开全县信息化应用观摩会，我校校长到会听取经验。", "showcase_level", None),
    ("学校教师参加了在县城召开的全县信息化现场会。", "showcase_level", None),
    ("明年学校将承办全市信息化现场展示会。", "showcase_level", None),
    # 4. the ratio of teachers to office computers stated as such
    ("学校教师办公条件较好，平均每3名教师一台办公电脑。", "teachers_per_office_computer", 3),
    ("学校办公电脑不足，还没有达到每2名教师一台电脑。", "teachers_per_office_computer", None),
    ("全县平均每4名教师一台办公电脑。", "teachers_per_office_computer", None),
    ("学校计划明年做到每2名教师一台办公电脑。", "teachers_per_office_computer", None),
]


test_round17_xunke_classes = class_cases("xunke", CASES)


AWARD_HEADER = ["年度", "级别", "奖项", "人数"]
TABLES = [
    # 5. a table of IT-contest awards under a title that says 获奖统计 without 表; a title of
    # another kind of contest is not IT
    ("学校信息技术应用成果获奖统计", [AWARD_HEADER, ["2019", "省级", "二等奖", "2"]],
     "award_province_second", 2),
    ("学校信息技术应用成果获奖统计", [AWARD_HEADER, ["2019", "省级", "二等奖", "0"]],
     "award_province_second", 0),
    ("学校书法比赛获奖统计", [AWARD_HEADER, ["2019", "省级", "二等奖", "2"]],
     "award_province_second", None),
]


test_round17_xunke_award_tables = table_cases("xunke", TABLES)
