"""Issue 20: facts from text as institutions write it, read from real .docx and PDF files.

Every case runs twice: as a python-docx .docx and as a PDF whose lines wrap at a narrow margin,
so every sentence crosses soft line wraps. Each pattern and each 逊克 fact is tested on both
sides: stated, denied, and a distractor that must stay unanswered. Every quote must be the
document's text verbatim.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from extractors.document import Document
from extractors.facts.base import SubmissionText
from extractors.facts.citations import verify
from extractors.facts.models import Suggestion
from extractors.facts.rubric_adapter import from_rubric
from extractors.facts.rules import RulesExtractor
from extractors.read import read_document
from intake.catalog import load_rubric
from rubric import Rubric
from tests.support.corpus import (
    CORPUS,
    RUBRICS,
    Tally,
    score,
    score_case,
    write_docx,
    write_pdf,
    write_ruled_pdf,
)

NARROW = 11.0  # em per PDF line: every sentence wraps


@cache
def _rubric(programme: str) -> Rubric:
    return load_rubric({"hebei": "hebei-ou-2024-collective", "xunke": "xunke-2018-school"}[
        programme])


def _read(text: str, form: str, folder: Path, rows: list[list[str]] | None = None) -> Document:
    """The text as a .docx (with `rows` as a table after it), or as a PDF: wrapped at every
    line, or, with `rows`, a ruled table under the text as its title."""
    path = folder / f"deeds.{form}"
    if form == "docx":
        return read_document(write_docx(text, path, rows))
    if rows:
        return read_document(write_ruled_pdf(path, rows, title=text))
    return read_document(write_pdf(text, path, width=NARROW))


def _suggest(text: str, programme: str, form: str, folder: Path,
             rows: list[list[str]] | None = None) -> dict[str, Suggestion]:
    document = _read(text, form, folder, rows)
    made = RulesExtractor().suggest(SubmissionText.of("S", (document, "deeds")),
                                    from_rubric(_rubric(programme))).suggestions
    for suggestion in made:
        assert all(verify(document, c) for c in suggestion.citations), suggestion
    return {s.key: s for s in made if s.target == "fact"}


def class_cases(programme: str,
                cases: list[tuple[str, str, object]]) -> Callable[..., None]:
    """The test of a round's classes of wording: each (text, fact, expected) read from a .docx
    and from a PDF, the fact answered as expected (None: left unanswered)."""

    @pytest.mark.parametrize("form", FORMS)
    @pytest.mark.parametrize(("text", "fact", "expected"), cases)
    def test(text: str, fact: str, expected: object, form: str, tmp_path: Path) -> None:
        assert_answer(_suggest(text, programme, form, tmp_path)[fact], expected)

    return test


def table_cases(programme: str,
                cases: list[tuple[str, list[list[str]], str, object]]) -> Callable[..., None]:
    """The test of a round's tables: each (text above the table, its rows, fact, expected) read
    from a .docx (the table after the text) and from a PDF (a ruled table under the text as its
    title), the fact answered as expected (None: left unanswered)."""

    @pytest.mark.parametrize("form", FORMS)
    @pytest.mark.parametrize(("title", "rows", "fact", "expected"), cases)
    def test(title: str, rows: list[list[str]], fact: str, expected: object, form: str,
             tmp_path: Path) -> None:
        assert_answer(_suggest(title, programme, form, tmp_path, rows)[fact], expected)

    return test


def assert_answer(made: Suggestion, expected: object) -> None:
    """None: the rule must leave the fact unanswered; else it must suggest exactly `expected`
    (True is not 1: a yes/no fact must answer yes or no)."""
    if expected is None:
        assert made.status == "no_evidence", made.rationale
    else:
        assert (made.status, made.value) == ("suggested", expected), made.rationale
        assert isinstance(made.value, bool) == isinstance(expected, bool), made.rationale


FORMS = ["docx", "pdf"]

HEBEI = [
    # 1. apposition, post first
    ("校党委书记、网络安全和信息化领导小组组长刘建华主持会议并讲话。", "leading_group",
     "headed_by_principal"),
    ("副校长、网络安全和信息化领导小组副组长周敏主持会议。学校设有网络安全和信息化领导小组。",
     "leading_group", "exists"),
    ("校长助理、校园信息化建设领导小组组长张某出席会议。", "leading_group", "exists"),
    # 2. roster
    ("学校成立网络安全工作小组，名单如下：\n组长：王立新\n副组长：陈红\n成员：各处室负责人",
     "leading_group", "exists"),
    ("学校成立网络安全和信息化工作组织机构：\n组长：张海（党委书记）\n成员：各部门负责人",
     "leading_group", "headed_by_principal"),
    ("学校成立网络安全工作小组。\n副组长：陈红\n成员：各处室负责人", "leading_group", "exists"),
    ("学校成立招生工作小组：\n组长：王校长\n成员：各处室负责人", "leading_group", None),
    # 3. higher bodies
    ("学习以习近平总书记为组长的中央网络安全和信息化领导小组的部署。", "leading_group", None),
    ("学校收看教育部网络安全和信息化领导小组全体会议直播。", "leading_group", None),
    # 4. meetings: ordinal and single event are lower bounds; another body's ordinal is not ours
    ("学校召开2024年第三次网络安全和信息化领导小组会议。", "group_meetings", 3),
    ("学校召开网络安全和信息化领导小组会议，部署暑期工作。", "group_meetings", 1),
    ("学校组织学习中央网络安全和信息化委员会第八次会议精神。", "group_meetings", None),
    ("学校承办全市网络安全宣传周三场会议。", "group_meetings", None),
    ("学校在1015会议室举办信息技术讲座。", "group_meetings", None),
    ("领导小组本年度未召开会议。", "group_meetings", 0),
    # 5. titles that are not own policies
    ("根据《中华人民共和国网络安全法》《信息安全等级保护管理办法》等开展工作。",
     "security_policy", None),
    ("学校印发《2024年网络安全宣传周活动实施方案》。", "security_policy", None),
    ("信息中心负责制定《数据安全管理办法》。", "security_policy", None),
    ("学校制定了《校园网络安全管理制度》。", "security_policy", "mostly_complete"),
    ("部分教师网络安全意识薄弱。学校制定了《校园网络安全管理制度》。", "security_policy",
     "mostly_complete"),
    ("学校网络安全管理制度有待进一步完善。", "security_policy", "incomplete"),
    ("学校建立了网络安全管理制度、机房管理制度等十余项制度。", "security_policy",
     "mostly_complete"),
    ("成立由校长亲自挂帅的网络安全和信息化领导小组。", "leading_group", "headed_by_principal"),
    ("成立由副校长挂帅的网络安全和信息化领导小组。", "leading_group", "exists"),
    ("成立由校长负责、信息中心人员组成的网络与信息安全领导小组。", "leading_group",
     "headed_by_principal"),
    ("学校设有网络安全和信息化领导小组，网站内容由校长办公室负责、信息中心审核。",
     "leading_group", "exists"),
    ("会议强调，坚决守住不发生重大网络安全事件的底线。", "security_incident", None),
    ("学校网站遭受一次网页篡改，经及时处置，未造成重大影响。", "security_incident", "minor"),
    ("学校网站遭受一次网页篡改，造成重大影响。", "security_incident", "major"),
    # a department's meeting chaired by its group's head is not a meeting of the group
    ("信息工程系召开网络安全工作会议，系网络安全工作小组组长赵敏主持会议。", "group_meetings",
     None),
    # 6. wrapped counts and goals (the PDF run wraps every line)
    ("信息中心现有专职信息化人员4人，另聘兼职网络管理员3人。", "it_staff", 4),
    ("全年组织网络安全检查8次，确保网络安全零事件发生。", "security_incident", None),
    ("全年未发生网络安全事故。", "security_incident", "none"),
    # 7. distractors
    ("学校将信息化工作纳入年度考核，权重占比不低于5%。", "it_budget_share", None),
    ("学校新校区智慧校园项目资金7000万元。", "it_budget_share", None),
    ("近年来累计投入信息化建设资金190万。", "it_budget_share", None),
    ("学校现有教职工64人，其中信息技术教师3人。", "it_staff", None),
    # 8. a total over several years is not one year's spending (no share of one year's budget)
    ("近三年累计投入信息化建设资金360万元，学校年度预算总额为8000万元。", "it_budget_share",
     None),
    ("2021年以来学校累计投入信息化资金900万元，2024年投入信息化资金150万元，年度预算总额5000万元。",
     "it_budget_share", 3.0),
    ("2024年学校信息化投入120万元，年度预算总额为6000万元。", "it_budget_share", 2.0),
    # 9. the group's office holds its own meetings, whoever of the group chairs them
    ("副校长、领导小组副组长李强主持召开网络安全和信息化领导小组办公室会议。", "group_meetings",
     None),
    ("领导小组组长主持召开网络安全和信息化领导小组办公室工作会议3次。", "group_meetings", None),
    ("学校召开网络安全和信息化领导小组会议，领导小组办公室主任汇报工作。", "group_meetings", 1),
    # 10. an incident told by its consequences is a major one; a consequence averted is not
    ("5月，学校教务系统遭黑客攻击，系统瘫痪2天。", "security_incident", "major"),
    ("因网站存在漏洞，3000余条学生信息泄露，学校被市网信办通报批评。", "security_incident",
     "major"),
    ("学校网站遭到攻击，经及时处置，未造成信息泄露。", "security_incident", "minor"),
    ("学校定期开展应急演练，防止出现系统瘫痪、数据泄露等情况。", "security_incident", None),
    ("学校网站在全市网站安全检查中被通报表扬。", "security_incident", None),
    # 11. a negated establishment, however qualified, is no group
    ("学校未单独设立网络安全和信息化领导小组，相关工作由校长办公室负责。", "leading_group",
     "none"),
    ("学校没有专门成立领导小组，网络安全工作由信息中心负责。", "leading_group", "none"),
    ("学校单独设立了网络安全和信息化领导小组。", "leading_group", "exists"),
    # 12. a policy a higher body issued is its own, not the unit's, even when it names a school
    ("省校印发了《河北开放大学数据安全管理办法》。", "security_policy", None),
    ("县教育局下发《中小学网络安全管理制度》，学校组织教职工学习。", "security_policy", None),
    ("学校根据省校要求，制定了《邯郸开放大学数据安全管理办法》。", "security_policy",
     "mostly_complete"),
    # 13. a share said as a part of the total, not with 占
    ("学校信息化经费逐年增加，2024年达到年度总支出的5.5%。", "it_budget_share", 5.5),
    ("学校信息化经费逐年增加，力争达到年度总支出的8%。", "it_budget_share", None),
    ("学校信息化经费的60%用于设备购置。", "it_budget_share", None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("text", "fact", "expected"), HEBEI)
def test_hebei_patterns(text: str, fact: str, expected: object, form: str,
                        tmp_path: Path) -> None:
    assert_answer(_suggest(text, "hebei", form, tmp_path)[fact], expected)


def test_meeting_lower_bounds_say_so_with_lower_confidence(tmp_path: Path) -> None:
    ordinal = _suggest("学校召开2024年第三次网络安全和信息化领导小组会议。", "hebei", "docx",
                       tmp_path)["group_meetings"]
    counted = _suggest("领导小组全年召开会议3次。", "hebei", "docx", tmp_path)["group_meetings"]
    assert "至少" in ordinal.rationale and "下限" in ordinal.rationale
    assert ordinal.confidence < counted.confidence


XUNKE = [
    ("学校成立了以校长为组长的信息化工作领导小组。", "it_leading_group", True),
    ("学校尚未成立信息化工作领导小组。", "it_leading_group", False),
    ("学校设立信息化办公室，负责日常管理。", "it_office", True),
    ("学校尚未成立信息化办公室。", "it_office", False),
    ("县教育局信息中心负责全县平台运维。", "it_office", None),
    ("每学期制定学校信息化工作计划，期末有总结。", "plans_reflect_it", True),
    ("组织教师学习《教育信息化2.0行动计划》。", "plans_reflect_it", None),
    ("学校制定了《班班通设备维护管理制度》。", "maintenance_rules", True),
    ("学校的设备维护管理制度尚不健全。", "maintenance_rules", False),
    ("学校有设备维护管理的相关规定，但还不够完整。", "maintenance_rules", False),
    ("有符合本校实际的维护管理制度等，记2分，否则酌情记分。", "maintenance_rules", None),
    ("学校出台了《教师使用班班通设备教学管理办法》。", "teaching_it_rules", True),
    ("学校要求每位教师每周使用班班通授课不少于8节。", "teaching_it_requirements", True),
    ("教导处每月检查教师班班通使用记录。", "teaching_it_supervision", True),
    ("学校迎接县教育局对班班通使用情况的检查。", "teaching_it_supervision", None),
    ("学校将教师班班通应用情况纳入绩效考核。", "teaching_it_rewards", True),
    ("学校建有信息化资产经费账和实物账。", "asset_ledgers", True),
    ("学校暂未建立信息化资产账。", "asset_ledgers", False),
    ("全校专任教师48人，教师办公电脑24台。", "teachers_per_office_computer", 2),
    ("学校现有教职工64人，教师办公电脑24台。", "teachers_per_office_computer", None),
    ("专任教师30人，学生机40台。", "teachers_per_office_computer", None),
    ("学校本年新购教师办公电脑10台。", "office_computers_added", True),
    ("学校建立了设备管理责任表，责任到人。", "device_responsibility", True),
    ("各功能室做好防盗、防火、防尘、防水工作。", "hardware_protection", True),
    ("加强学生防火防盗安全教育。", "hardware_protection", None),
    ("学校做好教室防盗、防火、防尘、防水工作。", "hardware_protection", True),
    ("本学年上、下学期各组织了一次校内信息技术应用培训，教师全员参加。",
     "school_trainings_missed", 0),
    ("本学年上、下学期各组织了一次校内信息技术应用培训，教师全员参加。",
     "external_training_absences", None),
    ("学校制定了资源使用登记制度、多媒体教室管理制度。", "teaching_it_rules", None),
    ("学校计算机中未发现存放不良信息。", "no_harmful_content", True),
    ("定期对重要数据进行备份，全年无数据泄露。", "backups_no_leaks", True),
    ("学校发生一起学生数据泄露事件。", "backups_no_leaks", False),
    ("规定各类数据严禁外泄。", "backups_no_leaks", None),
    ("本年度未出现重大信息安全问题。", "major_security_issue", False),
    ("学校发生一起重大网络安全事件。", "major_security_issue", True),
    ("确保不出现重大信息安全问题。", "major_security_issue", None),
    ("学校分年级、分学科建立了校本数字资源库。", "school_resource_library", True),
    ("学校尚未建立校本资源库。", "school_resource_library", False),
    ("教师个人空间使用率达到92%。", "teacher_space_usage", 92),
    ("教师空间开通率100%。", "teacher_space_usage", None),
    ("班级空间使用率为100%，学生空间使用率76%。", "class_space_usage", 100),
    ("班级空间使用率为100%，学生空间使用率76%。", "student_space_usage", 76),
    ("在教育管理公共服务平台建立了教师、班级、学生档案。", "management_records", True),
    ("各平台帐号、密码由专人管理，有存档。", "account_custody", True),
    ("学校按月上报全国教育信息化工作进展系统。", "monthly_progress_reports", True),
    ("学校部分月份未能按时上报进展系统。", "monthly_progress_reports", False),
    ("进展系统上报方面，3月、4月未能按时上报，其余月份均已上报。", "monthly_progress_reports",
     False),
    ("学校每学期开展一次信息化应用培训。", "school_trainings_missed", 0),
    ("上学期组织了一次信息技术培训，下学期未开展。", "school_trainings_missed", 1),
    ("学校本年度未开展校内信息化培训。", "school_trainings_missed", 2),
    ("教师参加上级组织的信息化培训，无缺席。", "external_training_absences", 0),
    ("教师参加县进修学校组织的信息化培训，缺席2人次。", "external_training_absences", 2),
    ("教师积极参加上级组织的信息化培训。", "external_training_absences", None),
    # a count right after a full-width comma (it once read as a thousands separator)
    ("教师参加县进修学校组织的信息技术培训，1人因病缺席。", "external_training_absences", 1),
    ("每学期结合教研活动开展一次信息化应用竞赛活动。", "competition_every_term", True),
    ("按照细则要求，学校每期应开展一次信息化应用竞赛活动。", "competition_every_term", None),
    ("教师在省级信息化教学大赛中获一等奖1人次、二等奖2人次。", "award_province_second", 2),
    ("教师在黑河市微课大赛中获一等奖2人次。", "award_city_first", 2),
    ("学生参加县级篮球比赛获一等奖。", "award_county_first", None),
    ("在县教育局网站发表信息化通讯报道6篇。", "web_reports_county", 6),
    ("学校网站发布新闻120篇。", "web_reports_county", None),
    ("在《黑龙江教育》发表信息化教学论文1篇。", "press_articles_province", 1),
    ("创建县级名师工作室2个。", "studios_county", 2),
    ("学校被评为黑龙江省教育信息化试点项目学校。", "pilot_school_level", "province"),
    ("学校已申报市级教育信息化试点校。", "pilot_school_level", None),
    ("学校建有学校网站，内容适时更新。", "school_website", True),
    ("学校建有学校网站，内容适时更新。", "website_updated", True),
    ("学校尚未建立学校网站。", "school_website", False),
    ("学校建有网站，但内容长期未更新。", "website_updated", False),
    ("学校开展专递课程活动，为村小送课。", "delivered_courses", True),
    ("学校未开展专递课程。", "delivered_courses", False),
    ("下学期计划开展专递课堂。", "delivered_courses", None),
    # the other side of each fact: denials and distractors
    ("县教育局信息化工作领导小组来校检查。", "it_leading_group", None),
    ("学校工作计划中未体现信息化工作。", "plans_reflect_it", False),
    ("学校尚未制定教师使用班班通教学的管理制度。", "teaching_it_rules", False),
    ("学校对教师使用班班通没有提出明确要求。", "teaching_it_requirements", False),
    ("县教育局要求各校教师每周使用班班通不少于10节。", "teaching_it_requirements", None),
    ("学校对教师班班通使用情况未开展督查。", "teaching_it_supervision", False),
    ("学校对教师应用信息技术设备教学没有奖惩措施。", "teaching_it_rewards", False),
    ("学校获得县级表彰。", "teaching_it_rewards", None),
    ("建有信息化资产经费账和实物账，记2分。", "asset_ledgers", None),
    ("本年度未新增教师办公电脑。", "office_computers_added", False),
    ("学校新增学生机30台。", "office_computers_added", None),
    ("学校尚未建立设备管理责任表。", "device_responsibility", False),
    ("各平台帐号密码由专人管理。", "device_responsibility", None),
    ("机房防盗、防火措施不到位。", "hardware_protection", False),
    ("学校严禁在电脑中存放不良信息。", "no_harmful_content", None),
    ("学校计划下学期建设校本资源库。", "school_resource_library", None),
    ("学校未在平台建立学生档案。", "management_records", False),
    ("学校保存了学生纸质档案。", "management_records", None),
    ("部分平台帐号由教师个人保管，未实行专人管理。", "account_custody", False),
    ("各平台帐号密码应专人管理。", "account_custody", None),
    ("县教育局要求各校按月上报全国教育信息化工作进展系统。", "monthly_progress_reports", None),
    ("学校每学期应开展一次信息化应用培训。", "school_trainings_missed", None),
    ("学校没有开展信息化应用竞赛活动。", "competition_every_term", False),
    ("信息化教学比赛获奖统计：国家级一等奖0人次，省级二等奖1人次。", "award_national_first", 0),
    ("其中1个被推荐参评市级名师工作室。", "studios_city", None),
    ("学校计划明年开通学校网站。", "school_website", None),
    ("学校新闻通过县教育局网站发布。", "school_website", None),
    ("学校班班通设备运行稳定，教师反映良好。", "systems_run_well", True),
    ("学校班班通设备故障较多。", "systems_run_well", False),
    # systems worn out or out of order do not run well
    ("学校多媒体设备老化严重，部分教室无法正常使用。", "systems_run_well", False),
    ("部分电子白板使用年限长，故障频发。", "systems_run_well", False),
    ("班班通设备经过更新，现均能正常使用，运行稳定。", "systems_run_well", True),
    ("学校报废了一批老化的旧电脑。", "systems_run_well", None),
    # a term without the school's own training, however it is said that it was not held
    ("上学期开展了一次电子白板应用培训，下学期因故未能组织。", "school_trainings_missed", 1),
    ("本学年因疫情，校内信息技术培训未能开展。", "school_trainings_missed", 2),
    ("上学期开展了一次多媒体应用培训，下学期开展了一次微课制作培训。",
     "school_trainings_missed", 0),
    # a county's, a city's or all schools' figure is not the school's
    ("全县教师个人空间使用率为85%。", "teacher_space_usage", None),
    ("全市中小学学生空间使用率平均为70%，我校学生空间使用率为88%。", "student_space_usage", 88),
    ("我校教师空间使用率达到95%，高于全县平均水平。", "teacher_space_usage", 95),
    ("我校教师空间平均使用率为91%。", "teacher_space_usage", 91),
    # a training the sentence before names; its IT subject by a device's name
    ("本学期组织了“希沃白板应用”校本培训。上学期因停电未能组织培训。", "school_trainings_missed",
     1),
    ("本学期组织了“希沃白板应用”校本培训。学校组织教师参加县里的安全培训。",
     "school_trainings_missed", None),
    ("本学期组织了一次班主任培训。上学期未能组织培训。", "school_trainings_missed", None),
    # everyone took part, however it is said
    ("教师参加县进修学校组织的微课制作培训，全部按时参训。", "external_training_absences", 0),
    ("教师参加县进修学校组织的信息技术培训，均准时参加。", "external_training_absences", 0),
    # A count of absences is the answer, even beside "均参加" said of the others.
    ("县进修学校组织的三期信息技术培训，我校教师均参加，其中缺席2人次。",
     "external_training_absences", 2),
    # a site closed for now or out of reach is not one the school runs
    ("学校网站因系统升级暂时关闭。", "school_website", False),
    ("学校网站目前无法正常访问。", "school_website", False),
    # a 责任制度 says who answers for the devices; it is not a maintenance rule
    ("学校建立了设备使用登记和管理责任制度。", "maintenance_rules", None),
    ("学校建立了电教设备维修保养制度。", "maintenance_rules", True),
    # 14 特色与创新 and 15 校际互动 (rule_xunke_showcase)
    ("我校“班班通常态化应用”的做法被县教育体育局在全县推广。", "showcase_level", "county"),
    ("学校的智慧课堂教学模式入选黑河市教育信息化应用典型案例。", "showcase_level", "city"),
    ("在全省教育信息化现场会上，我校作信息技术与学科融合典型发言。", "showcase_level",
     "province"),
    ("我校空间应用经验入选教育部基础教育信息化应用典型案例。", "showcase_level", "province"),
    ("学校尚未形成可推广的信息化应用特色。", "showcase_level", "none"),
    ("组织教师到外校学习信息化应用经验。", "showcase_level", None),
    ("下一步，学校力争打造可在全县推广的信息化应用特色。", "showcase_level", None),
    ("学校被评为黑龙江省教育信息化示范校。", "showcase_level", None),
    ("教师在市级信息化教学大赛中获一等奖，经验在校内交流。", "showcase_level", None),
    ("县教育局要求各校总结推广信息化应用经验。", "showcase_level", None),
    ("全校开设9个学科，其中6个学科与联盟校开展了互动课堂活动。", "interactive_subject_share",
     66.67),
    ("联盟校互动课堂已覆盖全部学科，活动记录齐全。", "interactive_subject_share", 100.0),
    ("开展联盟校互动课堂的学科占比为80%。", "interactive_subject_share", 80.0),
    ("学校尚未与联盟校开展互动课堂活动。", "interactive_subject_share", 0.0),
    ("每周与结对学校开展语文、数学、英语同步课堂各2节。", "interactive_subject_share", None),
    ("计划下学期与联盟校开展互动课堂。", "interactive_subject_share", None),
    ("互动课堂学生参与率100%。", "interactive_subject_share", None),
    ("全学科记5分，80%的学科记4分，60%的学科记3分。", "interactive_subject_share", None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("text", "fact", "expected"), XUNKE)
def test_xunke_facts(text: str, fact: str, expected: object, form: str, tmp_path: Path) -> None:
    made = _suggest(text, "xunke", form, tmp_path)[fact]
    if expected is None:
        assert made.status == "no_evidence", made.rationale
    else:
        assert made.status == "suggested", made.rationale
        assert made.value == pytest.approx(expected), made.rationale
        assert isinstance(made.value, bool) == isinstance(expected, bool), made.rationale


def test_tuning_set_does_not_regress(tmp_path: Path) -> None:
    """The texts the rules were tuned on keep their answers: precision and recall stay at 0.98 or
    more per programme (1.00 since branch `fix`, rounds 7, 11 and 12 included)."""
    tallies = score("tuning", tmp_path)
    assert set(tallies) == set(RUBRICS)
    for tally in tallies.values():
        assert tally.precision >= 0.98 and tally.recall >= 0.98, tally.errors


HELDOUT = [pytest.param(p, id=p.stem) for p in sorted((CORPUS / "heldout").glob("*.yaml"))] or [
    pytest.param(None, marks=pytest.mark.skip(
        reason="heldout/ is empty: the last round was fixed and moved to tuning/, the next one "
               "is not written yet"))]


@pytest.mark.parametrize("path", HELDOUT)
def test_heldout_file_is_scoreable(path: Path, tmp_path: Path) -> None:
    """A held-out round is reported, not asserted (its score goes to bench-results.md through
    `make bench`): each of its files must be scored as written, so the test holds it to what must
    always be true and not to issue 20's targets. score_case() checks that the file reads back as
    its own text, that each label names a rubric fact and that every quote is the document's text
    verbatim. Between rounds heldout/ is empty and this test has no cases."""
    tallies: dict[str, Tally] = {}
    score_case(path, tmp_path, tallies)
    assert set(tallies) <= set(RUBRICS) and len(tallies) == 1


@pytest.mark.parametrize(("fact", "source"), [
    ("classroom_device_usage", "由后台数据导入（intake metrics import）"),
    ("resource_use_rating", "由对学生的调查得出"),
    ("binding_in_order", "由评审查看纸质材料认定"),
])
def test_facts_from_elsewhere_say_where_their_value_comes_from(fact: str, source: str,
                                                              tmp_path: Path) -> None:
    """The rubric marks them (origin: metrics, survey, inspection); a report that mentions them
    is still not read for them, and the rationale names the source, not a missing rule."""
    text = ("本校班班通设备平均每天使用5.5小时，学生使用国家平台资源情况良好，"
            "材料按细则目录顺序装订。")
    made = _suggest(text, "xunke", "docx", tmp_path)[fact]
    assert made.status == "no_evidence" and made.value is None
    assert source in made.rationale and "没有识别" not in made.rationale
