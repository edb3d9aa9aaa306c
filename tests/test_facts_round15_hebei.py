"""Issue 20, held-out round 15 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF. Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, assert_answer, class_cases
from tests.test_facts_round14_hebei import _table_facts

CASES = [
    # incidents a 通报 reports of a whole system (全省体系, 全市体系): not the unit's own
    ("省校转发通报，全省体系今年出现数据泄露事件3起，我校随即开展排查。",
     "security_incident", None),
    ("据通报，全市体系上半年发生网站被篡改事件两起。本校全年未发生网络安全事件。",
     "security_incident", "none"),
    ("本校今年发生网站被篡改事件一起，已及时处置。", "security_incident", "minor"),
    # a county school's city school (市校) and its group: the higher body's, not the unit's
    ("市校信息化领导小组由党委书记任组长，全年召开会议5次。本校尚未成立网络安全领导小组。",
     "leading_group", "none"),
    ("市校信息化领导小组由党委书记任组长，全年召开会议5次。本校尚未成立网络安全领导小组。",
     "group_meetings", None),
    ("本校网络安全和信息化领导小组由校长任组长，全年召开会议5次。",
     "leading_group", "headed_by_principal"),
    ("本校网络安全和信息化领导小组由校长任组长，全年召开会议5次。", "group_meetings", 5),
    ("在市开放大学的帮助下，本校成立了网信工作领导小组，组长由副校长担任。",
     "leading_group", "exists"),
    # the share a change starts from ("由5%提高") is last year's; the amounts give this year's
    ("学校本年度预算总额为500万元，信息化投入40万元。信息化投入占比由5.5%有所提高。",
     "it_budget_share", 8),
    ("信息化经费占学校总预算的比例从4%提高到6%。", "it_budget_share", 6),
    ("信息化经费占学校总预算的比例为5.5%。", "it_budget_share", 5.5),
    # an ordinal meeting in a sentence joined by ； to the one where the own group meets: the
    # group carries on as its subject; not another body's group, another kind of meeting or a plan
    ("学校网信领导小组于3月8日召开会议，部署全年工作；9月20日召开第二次会议，研究等保整改。",
     "group_meetings", 2),
    ("省校网信领导小组于3月8日召开会议，部署全年工作；9月20日召开第二次会议，研究等保整改。",
     "group_meetings", None),
    ("学校网信领导小组于3月8日召开会议，部署全年工作；9月20日召开第二次校长办公会议。",
     "group_meetings", 1),
    ("学校网信领导小组于3月8日召开会议，部署全年工作；年底前拟召开第二次会议。",
     "group_meetings", 1),
]

# a self-evaluation row whose cell denies incidents in a sentence, not a bare "无"
ROW_CASES = [
    ("全年没有发生任何网络安全事故", "none"),
    ("本年度发生一起网站被篡改事件，已处置", "minor"),
    ("学校严防网络安全事故发生", None),
]


test_round15_hebei_classes = class_cases("hebei", CASES)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("cell", "expected"), ROW_CASES)
def test_round15_hebei_incident_row_said_in_a_sentence(cell: str, expected: object, form: str,
                                                       tmp_path: Path) -> None:
    rows = [["指标", "分值", "自评说明"], ["网络安全事故", "10", cell]]
    facts = _table_facts(form, tmp_path, rows, "自评表")
    assert_answer(facts["security_incident"], expected)
