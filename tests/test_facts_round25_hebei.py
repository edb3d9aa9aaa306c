"""Held-out round 25 (Hebei): the classes of wording its misses showed, each stated and negated
or as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style PDF (every
line wraps). Every citation is verified against the document (in _suggest)."""

from __future__ import annotations

from tests.test_facts_real_phrasing import class_cases

CASES: list[tuple[str, str, object]] = [
    # 1. the units a city school runs, uncounted, as the subject of a clause (所辖县级学校…,
    # 下属分校…): their staff are not the unit's; a unit that is itself the subject of 下辖
    # ("本校下辖两个教学点") still counts its own
    ("学校信息中心现有专职技术人员3名。所辖县级开放大学共有专职人员9人，比上年多1人。",
     "it_staff", 3),
    ("本年度所辖县级学校共有信息化专职人员6人。", "it_staff", None),
    ("其中下属分校配备专职网管5人。", "it_staff", None),
    ("本校下辖两个教学点，信息中心现有专职人员2人。", "it_staff", 2),
]


test_round25_hebei_classes = class_cases("hebei", CASES)
