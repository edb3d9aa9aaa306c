"""Issue 20, held-out round 15 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF. Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, _suggest, assert_answer

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
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("text", "fact", "expected"), CASES)
def test_round15_hebei_classes(text: str, fact: str, expected: object, form: str,
                               tmp_path: Path) -> None:
    assert_answer(_suggest(text, "hebei", form, tmp_path)[fact], expected)
