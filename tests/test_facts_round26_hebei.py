"""Held-out round 26 (Hebei, issue 20): the classes of wording its misses showed, each stated and
negated or as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style PDF
(every line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

REPORT = "团结奋进 再创佳绩\n——在某市开放大学第二届教职工代表大会第三次会议上的工作报告\n"
CASES: list[tuple[str, str, object]] = [
    # 1. the gaps a unit names after its own word that its rules are mostly sound (较健全，但…
    # 尚无…) are that 较健全's reserve, not an admission that the rules are lacking; rules said
    # lacking without such a word still are
    ("学校现有网络安全制度8项，制度体系总体较健全，但数据分级管理方面尚无专门规定。",
     "security_policy", "mostly_complete"),
    ("学校网信安全管理制度较为健全，不过外包人员管理制度尚未建立。",
     "security_policy", "mostly_complete"),
    ("学校数据分级管理方面尚无专门的网络安全制度。", "security_policy", "incomplete"),
    ("学校网络安全制度尚不健全，但已着手修订。", "security_policy", "incomplete"),
    # 2. a report or speech signed under its title by the principal's post and name: its "我
    # 担任…组长" is the principal heading the group; signed by another post it is not
    (REPORT + "校长 李某某\n各位代表：\n我担任学校网络安全和信息化领导小组组长，全年主持会议3次。",
     "leading_group", "headed_by_principal"),
    (REPORT + "书记、校长 张某\n各位代表：\n我担任学校网络安全和信息化领导小组组长。",
     "leading_group", "headed_by_principal"),
    (REPORT + "副校长 李某某\n各位代表：\n我担任学校网络安全和信息化领导小组组长。",
     "leading_group", "exists"),
    ("学习心得\n校长 李某某\n我担任学校网络安全和信息化领导小组组长。", "leading_group", "exists"),
]

test_round26_hebei_classes = class_cases("hebei", CASES)
