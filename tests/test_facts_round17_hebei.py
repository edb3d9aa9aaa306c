"""Issue 20, held-out round 17 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF (every line wraps; a table as a ruled one). Every citation is verified against the document
(in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, assert_answer, class_cases
from tests.test_facts_round14_hebei import _table_facts

CASES = [
    # 1. the teachers' days named 在线(学习)天数, per capita by a 人均 after the noun; not another
    # area's average, not logins, not a target, not the students', not a total before the 人均
    ("今年本校教师在国开学习网上的在线学习天数人均达到151天。", "teacher_online_days", 151),
    ("教师平台在线天数：全年人均173天，比上年多12天。", "teacher_online_days", 173),
    ("本校教师人均在线天数为139天。", "teacher_online_days", 139),
    ("全校教师在线学习天数累计21000天，人均140天。", "teacher_online_days", 140),
    ("据市教育局统计，全市开放大学教师在线学习天数人均为120天。", "teacher_online_days", None),
    ("教师在线学习平台人均登录52次。", "teacher_online_days", None),
    ("学校力争明年教师在线学习天数人均达到200天。", "teacher_online_days", None),
    ("学生在线学习天数人均为96天。", "teacher_online_days", None),
    ("辅导学员的责任教师在线学习天数人均为133天。", "teacher_online_days", 133),
    ("教师在线学习天数由教务处按月统计。", "teacher_online_days", None),
    # 2. the IT office named as the unit's in one sentence, its people counted in the next with
    # the centre as subject; not another body's centre, not a plan, not a centre never named
    ("学校的网站和平台运维由信息化中心负责。中心现有工作人员4人。", "it_staff", 4),
    ("我校网络安全日常工作由网络中心承担。该中心共有技术人员2名，负责机房值守。", "it_staff", 2),
    ("市电教中心负责全市学校的网络运维。中心现有工作人员12人。", "it_staff", None),
    ("学校信息化工作由信息中心负责。中心明年将配备工作人员2名。", "it_staff", None),
    ("学校的教学管理由教务处负责。中心现有工作人员5人。", "it_staff", None),
    ("学校信息化工作由信息中心负责。乡镇中心校现有工作人员6人。", "it_staff", None),
    # 3. the unit's rules said to be missing (尚无/缺少…制度) or still to be made (亟待建立); not
    # another body's or other schools' lack, not a past lack the text says is made good since
    ("学校目前尚无专门的网络安全管理制度，只有一本机房登记簿。", "security_policy", "incomplete"),
    ("学校网络安全应急预案亟待建立。", "security_policy", "incomplete"),
    ("学校缺少数据安全方面的管理办法。", "security_policy", "incomplete"),
    ("检查发现，部分县校尚无网络安全应急预案，学校已督促整改。", "security_policy", None),
    ("市教育局尚无统一的网络安全管理办法，学校自行制定了《网络安全管理办法》。",
     "security_policy", "mostly_complete"),
    ("去年学校尚无网络安全管理制度，今年已制定《网络安全管理办法》《机房管理制度》"
     "《数据备份制度》。", "security_policy", "complete"),
    ("学校过去缺少网络安全管理制度。今年已制定《网络安全管理办法》。",
     "security_policy", "mostly_complete"),
    ("学校全年尚无网络安全事故发生。", "security_policy", None),
    # 4. an incident told by the grade it was given (定性为/认定为…事件): 一般 is minor, 较大 and
    # above major; not a plan's case (认定为…事件的，由…处置), a condition, or an earlier year's
    ("5月，学校网站因服务器故障中断服务3小时，经研判定性为一般网络安全事件。",
     "security_incident", "minor"),
    ("9月，学校教务系统数据库遭恶意删除，被认定为较大网络安全事件。", "security_incident", "major"),
    ("按照应急预案，认定为一般网络安全事件的，由信息中心负责处置。", "security_incident", None),
    ("若被认定为一般网络安全事件，须在2小时内上报。", "security_incident", None),
    ("2023年学校网站曾被定性为一般网络安全事件，本年度未发生网络安全事件。",
     "security_incident", "none"),
    # 5. a higher body's 通报 of another unit's incident is a warning, not the unit's incident;
    # the unit named after the 通报 (我校, or a clause of its own opening with 学校) is its own
    ("省校通报，某市校网站被篡改，造成不良影响。", "security_incident", None),
    ("3月，省校通报某县工作站网站被植入暗链。", "security_incident", None),
    ("本年度我校未发生网络安全事件。省教育厅通报某市校网站被篡改。", "security_incident", "none"),
    ("省校通报我校网站被篡改，学校立即整改。", "security_incident", "minor"),
    ("市教育局通报全市情况后，学校自查发现网站被植入暗链。", "security_incident", "minor"),
    ("学校网站被篡改，被省教育厅通报批评。", "security_incident", "major"),
]

# a row of a 指标 table: the label names 在线天数, another cell says it is 人均
ROW_CASES = [
    (["教师在线天数", "147天", "人均"], 147),
    (["教师在线天数", "9800天", "全校累计"], None),
]


test_round17_hebei_classes = class_cases("hebei", CASES)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("row", "expected"), ROW_CASES)
def test_round17_hebei_online_days_row(row: list[str], expected: object, form: str,
                                       tmp_path: Path) -> None:
    rows = [["指标", "数值", "说明"], row, ["教学点数", "12", "个"]]
    facts = _table_facts(form, tmp_path, rows, "平台应用情况")
    assert_answer(facts["teacher_online_days"], expected)
