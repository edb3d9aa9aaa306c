"""Issue 20, round 10: a Hebei rule answers only from a clause that states a fact of the unit.

Per class of wording (goal, plan, requirement, condition, quote of the rubric, another body) the
same fact is written twice: once as a fact, which the rule reads, and once in that class, which it
must leave unanswered. Each case runs as .docx and as a PDF whose lines wrap at a narrow margin.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, _suggest, assert_answer

CASES = [
    # goal (确保/力争/杜绝/守住 …)
    ("学校网站遭受一次勒索病毒攻击，当日恢复。", "security_incident", "minor"),
    ("力争全年杜绝遭受勒索病毒攻击。", "security_incident", None),
    ("信息化投入占年度预算的5.2%。", "it_budget_share", 5.2),
    ("力争信息化投入占年度预算的5%以上。", "it_budget_share", None),
    # plan (拟/计划/将于/下一步 …)
    ("学校成立以校长为组长的网络安全和信息化领导小组。", "leading_group", "headed_by_principal"),
    ("下一步，学校拟成立以校长为组长的网络安全和信息化领导小组。", "leading_group", None),
    ("学校配备专职信息化人员3人。", "it_staff", 3),
    ("学校计划配备专职信息化人员3人。", "it_staff", None),
    ("学校制定了《网络安全应急预案》《数据备份制度》《机房管理制度》。", "security_policy",
     "complete"),
    ("明年将于上半年制定《网络安全管理制度》《数据备份制度》《机房管理制度》。", "security_policy",
     None),
    # to follow the unit's own named rules presupposes them; to make them does not
    ("要严格落实《邯郸开放大学网络安全工作责任制实施细则》。", "security_policy",
     "mostly_complete"),
    ("要尽快制定《邯郸开放大学网络安全工作责任制实施细则》。", "security_policy", None),
    # requirement (要/应/须/必须 …); 主要、应急、将 as the object marker are not
    ("领导小组本年度召开两次会议，研究网络安全工作。", "group_meetings", 2),
    ("领导小组每学期要召开两次会议，研究网络安全工作。", "group_meetings", None),
    ("成立由学校主要领导任组长的网络安全和信息化领导小组。", "leading_group",
     "headed_by_principal"),
    ("学校应成立以校长为组长的网络安全和信息化领导小组。", "leading_group", None),
    ("学校将网信工作交由以校长为组长的网络安全和信息化领导小组统筹。", "leading_group",
     "headed_by_principal"),
    # a leader's or a meeting's words reach every clause after them; a basis (按照…要求，) does not
    ("吴海涛强调，各单位要明确责任，理顺网络安全工作机制，制定相关管理办法。", "security_policy",
     None),
    ("学校明确责任，理顺网络安全工作机制，制定了相关管理办法。", "security_policy",
     "mostly_complete"),
    ("按照市委网信委要求，学校调整了网络安全和信息化领导小组，由校长任组长。", "leading_group",
     "headed_by_principal"),
    # a review of the year in a meeting's words is a fact; a task in them is not
    ("会议指出，一年来学校网信工作取得明显成效，全年未发生网络安全事件。", "security_incident",
     "none"),
    ("会议指出，一年来工作取得明显成效，下一步要确保全年不发生网络安全事件，配备专职人员3人。",
     "it_staff", None),
    # a frequency is not the year's count
    ("学校信息化工作领导小组由校长任组长，每学期召开一次会议。", "group_meetings", None),
    ("领导小组每学期召开一次会议，全年召开会议2次。", "group_meetings", 2),
    ("学校将在线教学平台纳入以校长为组长的网络安全和信息化领导小组统一管理。",
     "leading_group", "headed_by_principal"),
    # condition (如/若/一旦/当…时)
    ("如发生网络安全事件，应立即上报学校网信领导小组。", "security_incident", None),
    ("当网站遭到黑客攻击时，立即停止服务并恢复内容。", "security_incident", None),
    ("如未成立网络安全和信息化领导小组，由信息中心代行职责。", "leading_group", None),
    # a quote of the rubric, next to the self-assessment that states the fact
    ("成立网络安全和信息化领导小组，组长为学校主要负责人，每年召开会议2次以上记5分。",
     "leading_group", None),
    ("成立网络安全和信息化领导小组，组长为学校主要负责人，每年召开会议2次以上记5分。",
     "group_meetings", None),
    ("自评：学校成立网络安全和信息化领导小组，组长由校长担任，自评5分。", "leading_group",
     "headed_by_principal"),
    # another body: the unit guiding or urging others
    ("学校成立网络安全和信息化领导小组，各部门负责人为成员。", "leading_group", "exists"),
    ("学校指导各分校成立网络安全和信息化领导小组。", "leading_group", None),
    ("督促各县区分校配备专职信息化人员2人。", "it_staff", None),
]


# Issue 20, general rules (one class of wording each, not one phrase): each as the class, next to
# the same fact stated, so a rule that silences everything fails the stated case.
GENERAL = [
    # a requirement or plan at the head of an earlier clause reaches the clauses after it
    ("要提升网络安全防护能力，健全网络安全管理机制，出台《网络安全事件应急预案》。",
     "security_policy", None),
    ("各系部要压实主体责任，配齐专职网络管理人员2人，每季度开展一次自查。", "it_staff", None),
    ("下一步，完善网络安全管理制度，成立以校长为组长的网络安全和信息化领导小组。",
     "leading_group", None),
    # … but not over a purpose, nor into a clause that says it is done or names the unit
    ("根据工作需要，调整网络安全和信息化领导小组，由校长任组长。", "leading_group",
     "headed_by_principal"),
    ("为迎接检查，学校做了充分准备，配备专职信息化人员3人。", "it_staff", 3),
    ("学校坚持“管业务必须管安全”的原则，成立以校长为组长的网络安全和信息化领导小组。",
     "leading_group", "headed_by_principal"),
    ("为加强网络安全工作，学校成立以校长为组长的网络安全和信息化领导小组。", "leading_group",
     "headed_by_principal"),
    ("要求各部门高度重视，学校已配备专职信息化人员3人。", "it_staff", 3),
    ("会后要抓好落实，学校制定了《网络安全管理办法》《数据备份制度》《机房管理制度》。",
     "security_policy", "complete"),
    # a goal named after the value
    ("全年实现网络安全零事故的目标。", "security_incident", None),
    ("全年未发生网络安全事故。", "security_incident", "none"),
    ("全年实现了网络安全零事故的目标，未发生网络安全事故。", "security_incident", "none"),
    ("学校制定了《网络安全目标管理办法》。", "security_policy", "mostly_complete"),
    # a frequency, however far 每/一学期/按季度 stands before the count
    ("领导小组坚持每学期至少召开一次工作会议。", "group_meetings", None),
    ("网络安全和信息化领导小组原则上一学期召开一次会议。", "group_meetings", None),
    ("网络安全和信息化领导小组上一学期召开两次会议。", "group_meetings", 2),
    # a negation anywhere before 造成 or 属于 in its clause
    ("学校网站遭到一次篡改，经及时处置，未对教学秩序造成严重影响。", "security_incident",
     "minor"),
    ("学校网站遭到一次篡改，经研判不属于较大网络安全事件。", "security_incident", "minor"),
    ("学校网站遭到一次篡改，给学校声誉造成了严重影响。", "security_incident", "major"),
    # a definition or a list of kinds is not an event
    ("本预案所称网络安全事件是指网站被篡改、数据泄露等情形。", "security_incident", None),
    # a higher body of the system (省校) is not the unit
    ("省校网络安全和信息化领导小组组长、校长王某出席会议。", "leading_group", None),
    # the items of a leader's list, each its own sentence, are the speech; a done item is not
    ("书记强调，各部门要提高站位。一是压实责任。二是制定《网络安全管理办法》《数据备份制度》"
     "《机房管理制度》。", "security_policy", None),
    ("书记强调，各部门要提高站位。一是学校已制定《网络安全管理办法》《数据备份制度》"
     "《机房管理制度》。", "security_policy", "complete"),
    ("学校扎实推进网络安全工作。一是配备专职信息化人员2人。二是完善制度。", "it_staff", 2),
    # the section a plan heading opens, up to the next heading of its level
    ("三、下一步工作打算\n1、配备专职信息化人员3人。\n2、每学期召开两次领导小组会议。",
     "it_staff", None),
    ("三、下一步工作打算\n1、完善制度。\n四、人员配备\n学校配备专职信息化人员3人。",
     "it_staff", 3),
    ("三、存在问题及下一步打算\n学校网络安全管理制度尚不健全。", "security_policy",
     "incomplete"),
    ("二、年度工作要点完成情况\n学校配备专职信息化人员3人。", "it_staff", 3),
    ("四、下一步工作打算\n1、完善制度。\n附件：学校配备专职信息化人员3人。", "it_staff", 3),
    ("四、下一步工作打算\n进一步完善制度\n配备专职信息化人员3人", "it_staff", None),
    ("下一步工作打算\n1、完善制度\n2、配备专职信息化人员3人", "it_staff", None),
    # a heading run in with its text: "五、下一步打算。一是…；二是…"
    ("四、人员配备。学校现有专职信息化人员2人。\n五、下一步打算。一是再配备专职信息化人员3人。",
     "it_staff", 2),
    ("五、下一步打算。配备专职信息化人员3人，全年召开网信领导小组会议4次。", "it_staff", None),
    ("五、下一步打算。配备专职信息化人员3人，全年召开网信领导小组会议4次。", "group_meetings",
     None),
    ("五、人员配备。配备专职信息化人员3人，全年召开网信领导小组会议4次。", "group_meetings", 4),
    # another body as the subject: 各分校 …成立
    ("各县区分校均成立了网络安全和信息化领导小组。", "leading_group", None),
    ("学校成立由各部门负责人组成的网络安全和信息化领导小组。", "leading_group", "exists"),
    # a figure of many units; an earlier clause's other body reaches the later clauses
    ("调研显示，开放大学信息化投入平均占年度预算的5.8%。", "it_budget_share", None),
    ("全省分校共配备专职信息化人员86人。", "it_staff", None),
    ("各县区分校均成立了领导小组，并配备专职信息化人员2人。", "it_staff", None),
    ("各县区分校均成立了领导小组，学校配备专职信息化人员2人。", "it_staff", 2),
    ("学校高度重视，要求各部门落实责任，成立了以校长为组长的网络安全和信息化领导小组。",
     "leading_group", "headed_by_principal"),
    # other schools' incidents, told as a warning, are not the unit's
    ("近年来，全国多所高校发生数据泄露事件，给我们敲响了警钟。", "security_incident", None),
    ("今年以来，未发现网站被篡改、数据泄露等网络安全事件。", "security_incident", "none"),
    # an attack the defences stopped is not an incident; a page defaced and restored is
    ("学校官网5月遭到境外IP扫描攻击，防火墙成功拦截。", "security_incident", None),
    ("学校官网5月遭到篡改，技术人员及时阻断并恢复。", "security_incident", "minor"),
    # posts of an establishment are not people
    ("信息中心核定编制5人，实有专职技术人员3人。", "it_staff", 3),
    ("信息化人员编制5人。", "it_staff", None),
    # kinds of meeting listed in one clause are the parts of one total
    ("网信领导小组今年召开了两次专题会议和一次扩大会议。", "group_meetings", 3),
    ("网信领导小组召开会议2次，研究等级保护和网站改版等3项议题。", "group_meetings", 2),
    # an indicator quoted as a label, and a threshold, are what a standard asks
    ("指标要求：信息化投入占年度预算比例不低于5%。", "it_budget_share", None),
    ("学校信息化投入占年度预算比例为5.6%。", "it_budget_share", 5.6),
    ("网信领导小组每年召开会议不少于2次。", "group_meetings", None),
    # another school's rule taken as a model is not the unit's
    ("学校参照《某大学网络安全管理办法》起草了本校办法，尚未正式印发。", "security_policy", None),
    ("会议审议通过了《2025年学校信息化建设预算方案》。", "security_policy", None),
    ("会议审议通过了《学校网络安全事件应急处置方案》。", "security_policy", "mostly_complete"),
    # the group's office is not the group
    ("网信领导小组办公室全年召开工作例会12次。", "group_meetings", None),
    ("网信领导小组全年召开会议2次。", "group_meetings", 2),
    # an earlier year's incident, next to a denial for the year assessed
    ("我校网站2023年曾遭受一次篡改，本年度未发生网络安全事件。", "security_incident", "none"),
    ("我校网站本年度遭受一次篡改，当日恢复。", "security_incident", "minor"),
    # several years' values given 分别, with no word of which is the year assessed
    ("2022年、2023年网信领导小组分别召开会议2次、3次。", "group_meetings", None),
    ("近三年信息化投入占年度预算的比例分别为4.5%、5.2%和6.1%。", "it_budget_share", None),
    ("学校分别制定了《网络安全管理办法》《数据备份制度》《机房管理制度》。", "security_policy",
     "complete"),
    # the parts of a year add up
    ("网信领导小组上半年召开会议1次，下半年召开会议1次。", "group_meetings", 2),
    # kinds of event a definition lists, and a heading of an emergency plan, are not events
    ("本制度所称网络安全事故是指：\n1、网站页面被篡改。\n2、黑客攻击导致网络服务中断。",
     "security_incident", None),
    ("学校网站应急处置流程\n二、网页被篡改\n1、网站管理员应立即暂停网站运行。",
     "security_incident", None),
    ("现将自查情况汇报如下：\n1、学校配备专职信息化人员3人。\n2、5月学校网站网页被篡改，当日恢复。",
     "security_incident", "minor"),
    ("现将自查情况汇报如下：\n1、学校配备专职信息化人员3人。", "it_staff", 3),
    ("三、安全事件\n5月，学校网站网页被篡改，当日恢复。", "security_incident", "minor"),
    ("3、5月学校网站网页被篡改，当日恢复。", "security_incident", "minor"),
    # a document that is itself a plan, by its title
    ("2025年网络安全工作要点\n一、组织领导\n成立以校长为组长的网络安全和信息化领导小组。",
     "leading_group", None),
    ("2024年网络安全工作总结\n一、组织领导\n成立以校长为组长的网络安全和信息化领导小组。",
     "leading_group", "headed_by_principal"),
    ("学校信息化建设三年行动计划（2025-2027年）\n配备专职信息化人员3人。", "it_staff", None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("text", "fact", "expected"), CASES + GENERAL)
def test_only_stated_clauses_answer(text: str, fact: str, expected: object, form: str,
                                    tmp_path: Path) -> None:
    assert_answer(_suggest(text, "hebei", form, tmp_path)[fact], expected)


# The same classes reach the Xunke readers: a plan (将 before a verb of making), a requirement, a
# condition, a leader's words, a plan section, each next to the fact stated.
XUNKE = [
    ("学校将开通学校网站，及时发布学校新闻。", "school_website", None),
    ("学校开通了学校网站，及时发布学校新闻。", "school_website", True),
    ("学校将信息化资产纳入资产账统一管理。", "asset_ledgers", True),
    ("学校将建立信息化资产账和实物账。", "asset_ledgers", None),
    ("如发现设备故障，应及时报修，做到设备管理责任到人。", "device_responsibility", None),
    ("校长强调，要分年级、分科目建立校本数字资源库。", "school_resource_library", None),
    ("三、下一步工作计划\n1．分年级、分科目建立校本数字资源库。", "school_resource_library", None),
    ("学校分年级、分科目建立了校本数字资源库。", "school_resource_library", True),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("text", "fact", "expected"), XUNKE)
def test_xunke_readers_share_the_classes(text: str, fact: str, expected: object, form: str,
                                         tmp_path: Path) -> None:
    assert_answer(_suggest(text, "xunke", form, tmp_path)[fact], expected)
