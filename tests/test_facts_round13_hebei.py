"""Issue 20, held-out round 13 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF (every line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES = [
    # staff named only in an 应急演练 paragraph: 模拟 is no plan (拟), and staff who take part
    # (…专职人员参与处置) are the unit's; participants named before the noun are not counted
    ("学校开展数据泄露应急演练，模拟数据库被拖库后的处置，网络中心2名专职管理人员参与处置。",
     "it_staff", 2),
    ("学校开展应急演练，网络中心没有专职人员，由外包公司派人参与。", "it_staff", 0),
    ("参加应急演练的专职教师45人来自各系部。", "it_staff", None),
    ("应急演练模拟数据库遭勒索病毒加密，演练用时40分钟。", "security_incident", None),
    # an ordinal meeting in a later clause carries the group's subject; the highest one counts
    ("领导小组3月召开第一次会议，7月召开第二次会议，12月召开第三次会议。", "group_meetings", 3),
    ("领导小组审议了方案，随后学校召开第二次校长办公会议。", "group_meetings", None),
    ("领导小组本年度尚未召开会议。", "group_meetings", 0),
    # other units counted in a 通报 (N所分校…) are not the unit
    ("通报显示，3所分校领导小组全年未召开会议，1所分校发生网站被篡改事件。", "group_meetings",
     None),
    ("通报显示，3所分校领导小组全年未召开会议，1所分校发生网站被篡改事件。",
     "security_incident", None),
    ("通报显示，1所分校发生网站被篡改事件。学校领导小组本年度召开会议2次。", "group_meetings", 2),
    # incident "none" after a clause of requirements carried out (落实…等要求，)
    ("学校落实机房值守、日志留存等要求，本年度未发生网络安全事件。", "security_incident", "none"),
    ("会议要求，全年不发生网络安全事件。", "security_incident", None),
    ("学校落实机房值守等要求，6月网站被植入暗链。", "security_incident", "minor"),
    # platform figures: a threshold or a 工作要点 target is not the figure reached
    ("市校要求教师人均上线天数不少于100天，本校教师人均上线天数为118天。",
     "teacher_online_days", 118),
    ("2026年工作要点\n教师人均上线天数达到160天。", "teacher_online_days", None),
    ("公共服务平台人均登录次数不少于30次。", "platform_logins_per_capita", None),
    ("公共服务平台人均登录次数为31.5次。", "platform_logins_per_capita", 31.5),
    # 制度 judged in words, not listed by title
    ("学校网络安全管理制度健全，各项制度均印发执行。", "security_policy", "complete"),
    ("学校网络安全管理制度基本健全。", "security_policy", "mostly_complete"),
    ("学校网络安全管理制度不健全，多数制度仍停留在纸面。", "security_policy", "incomplete"),
    ("学校网络安全工作有成效，但部分安全制度停留在墙上。", "security_policy", "incomplete"),
    ("力争网络安全管理制度健全。", "security_policy", None),
]


test_round13_hebei_classes = class_cases("hebei", CASES)
