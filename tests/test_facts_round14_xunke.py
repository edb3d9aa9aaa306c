"""The classes of wording round 14 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied and a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out; a 自评表 as a ruled
table); every citation is checked against the document's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import _suggest, assert_answer, class_cases

CASES = [
    # 1. a region's total of reports is not the school's count
    ("学校在黑河市教育局网站发表信息化报道2篇。", "web_reports_city", 2),
    ("全市教育系统今年在市教育局网站共发表报道120篇。", "web_reports_city", None),
    ("学校在县教育体育局网站发表报道4篇，全县学校累计发表报道57篇。", "web_reports_county", 4),
    # 2. a studio applied for or under review (said after its name), or one striven for
    ("创建县级名师工作室2个，省级名师工作室正在申报中。", "studios_county", 2),
    ("创建县级名师工作室2个，省级名师工作室正在申报中。", "studios_province", None),
    ("市级名师工作室已经上报，目前处于评审中。", "studios_city", None),
    ("学校争取创建省级名师工作室。", "studios_province", None),
    # 3. absences in the clause of 缺席, or due less present; a county total is not the school's
    ("教师参加县进修学校组织的信息技术培训，应到45人次，实到43人次。",
     "external_training_absences", 2),
    ("教师参加县教育局组织的信息化培训，缺席1人次，未参加的教师已补学。",
     "external_training_absences", 1),
    ("教师参加市级信息化培训共30人次，未参训的教师由教务处安排补训。",
     "external_training_absences", None),
    ("教师参加县级信息化培训无人缺席，全县上级培训缺席共计30人次。",
     "external_training_absences", 0),
    # 4. a space-usage rate a standard sets or a plan aims at is not the school's rate
    ("学校教师个人空间使用率为86%。", "teacher_space_usage", 86),
    ("县教育局规定教师个人空间使用率须达到90%以上。", "teacher_space_usage", None),
    ("下一步，学校将把空间应用纳入考核，力争班级空间使用率达到100%。", "class_space_usage", None),
    # 4b. the rate as counts: users of the whole, or all of them in use; opened is not used
    ("学校有专任教师50人，其个人空间经常使用的有45人。", "teacher_space_usage", 90),
    ("学校8个教学班都开通了班级空间，均能正常使用。", "class_space_usage", 100),
    ("学校在职教师30人，已全部开通个人空间。", "teacher_space_usage", None),
    ("全县中小学教师3000人，个人空间经常使用的有2400人。", "teacher_space_usage", None),
    # 5. 将把 is "will": a plan, not a reward scheme in place
    ("学校把班班通使用情况纳入教师绩效考核。", "teaching_it_rewards", True),
    ("下一步，学校将把班班通使用情况纳入教师绩效考核。", "teaching_it_rewards", None),
    # 6. 校本资源 alone are resources, not a library of them
    ("学校按学科建成了校本资源库。", "school_resource_library", True),
    ("学校的校本资源目前还不成体系，计划明年分学科建立校本资源库。",
     "school_resource_library", None),
    # 7. a contest said to be unrelated to IT; a 其中 breakdown keeps the IT context
    ("学生在县级象棋比赛中获一等奖2人次，该赛事与信息技术无关。", "award_county_first", None),
    ("我校教师参加信息技术与课程融合优质课大赛，共获奖6人次。其中：市级一等奖2人次、"
     "二等奖1人次；县级二等奖3人次。", "award_city_first", 2),
    ("我校教师参加信息技术与课程融合优质课大赛，共获奖6人次。其中：市级一等奖2人次、"
     "二等奖1人次；县级二等奖3人次。", "award_county_second", 3),
    ("我校学生参加县中小学运动会，共获奖8人次。其中：县级一等奖2人次。", "award_county_first",
     None),
    # 8. a term by any name: 春季/秋季/第一/第二学期
    ("春季学期举办了课件制作大赛，秋季学期举办了微课评比。", "competition_every_term", True),
    ("仅在秋季学期开展了一次信息技术应用竞赛。", "competition_every_term", False),
    ("第一学期开展了校内信息技术培训；第二学期因迎检未开展信息技术培训。",
     "school_trainings_missed", 1),
    # 9. 每人配备一台: a verb may stand between; a plan to give them is not having them
    ("学校为专任教师每人配发一台办公电脑。", "teachers_per_office_computer", 1),
    ("学校计划为专任教师每人配备一台办公电脑。", "teachers_per_office_computer", None),
]


test_round14_xunke_classes = class_cases("xunke", CASES)


HEADER = ["项目", "完成情况"]
ROWS = [
    # a row's value that denies its label's thing was set up says no; one that says it was, yes
    ([HEADER, ["信息化办公室", "未专门设立，由教导处兼管"]], "it_office", False),
    ([HEADER, ["信息化办公室", "设立了信息化办公室，配主任1名"]], "it_office", True),
    ([HEADER, ["信息化办公室", "由教导处兼管相关工作"]], "it_office", None),
]


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize(("rows", "fact", "expected"), ROWS)
def test_round14_xunke_rows(rows: list[list[str]], fact: str, expected: object, form: str,
                            tmp_path: Path) -> None:
    assert_answer(_suggest("学校信息化工作自查表", "xunke", form, tmp_path, rows)[fact],
                  expected)
