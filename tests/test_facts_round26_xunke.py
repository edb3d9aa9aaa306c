"""Held-out round 26 (逊克 school rubric, issue 20): the classes of wording its misses showed, each
stated and negated or as a distractor, in texts of our own words, as a .docx and as a
LibreOffice-style PDF (every line wraps). Every citation is verified against the document (in
_suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES: list[tuple[str, str, object]] = [
    # 1. a post's duty towards the plan (组织实施, 审定, 负责 a 学期信息化工作计划) says who
    # carries it out, not that the school's plans take IT in; the plan made or carried out
    # still does
    ("信息化办公室主任：组织实施学期信息化工作计划，协调各处室工作。", "plans_reflect_it", None),
    ("领导小组负责审定学年信息化工作计划。", "plans_reflect_it", None),
    ("学校制定了学期信息化工作计划，并按计划推进。", "plans_reflect_it", True),
    ("本学期认真组织实施了学期信息化工作计划。", "plans_reflect_it", True),
    # 2. the bare 网站 at the head of the sentence after the one naming the school's site goes
    # on about that site
    ("学校建有门户网站，用于校务公开。网站内容由专人每周更新。", "website_updated", True),
    ("学校建有门户网站，用于校务公开。网站内容更新不及时。", "website_updated", False),
    ("学校建有门户网站，用于校务公开。班级群每周更新作业。", "website_updated", None),
    # 3. 互动课 names the interactive lessons: the share of subjects that hold them; a 互动课件
    # does not
    ("全年开设互动课的学科有语文、数学、英语3个，占我校开设学科（12个）的25%。",
     "interactive_subject_share", 25),
    ("全年制作互动课件的学科有语文、数学、英语3个，占我校开设学科（12个）的25%。",
     "interactive_subject_share", None),
]

test_round26_xunke_classes = class_cases("xunke", CASES)
