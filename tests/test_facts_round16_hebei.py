"""Issue 20, held-out round 16 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF (every line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, _suggest, assert_answer

CASES = [
    # a change of the team's size (由…X人增加到…Y人): the former count is not today's
    ("网络中心专职技术人员由去年的3人增至现在的5人。", "it_staff", 5),
    ("信息化专职人员从2人充实到7人，分工负责运维和资源建设。", "it_staff", 7),
    ("信息化中心没有专职人员，由教务处教师兼管。", "it_staff", 0),
    ("学校信息化专职人员由5人减少到现在的2人。", "it_staff", 2),
    ("学校教职工由120人增加到135人。", "it_staff", None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("text", "fact", "expected"), CASES)
def test_round16_hebei_classes(text: str, fact: str, expected: object, form: str,
                               tmp_path: Path) -> None:
    assert_answer(_suggest(text, "hebei", form, tmp_path)[fact], expected)
