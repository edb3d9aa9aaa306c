"""The classes of wording round 18 of the real-phrasing corpus showed in the 逊克 school rubric
(issue 20), each as a text stated, denied or a distractor, in our own words, read from a .docx
and from a PDF (prose wrapped at every line as LibreOffice lays it out; a 自评表 as a ruled
table); every citation is checked against the document's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import _suggest, assert_answer

CASES = [
    # 1. regular backups denied in the backup's clause, after a backup done once
    ("学校只在暑假前对学籍数据备份过一次，教务数据没有定期备份。", "backups_no_leaks", False),
    ("学校的成绩数据未能及时备份。", "backups_no_leaks", False),
    ("学校教务数据每周五定期备份，没有发生数据泄露。", "backups_no_leaks", True),
    ("下一步要解决部分数据没有定期备份的问题。", "backups_no_leaks", None),
    # 2. the thing named, then said not yet made ("奖惩办法尚未制定"); a 奖惩办法 is not the
    # rules of use
    ("学校要求教师每节课使用电子白板，奖惩办法尚未制定。", "teaching_it_rewards", False),
    ("学校要求教师每节课使用电子白板，奖惩办法尚未制定。", "teaching_it_rules", None),
    ("学校将教师使用电子白板授课的情况纳入绩效考核。", "teaching_it_rewards", True),
]


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize(("text", "fact", "expected"), CASES)
def test_round18_xunke_classes(text: str, fact: str, expected: object, form: str,
                               tmp_path: Path) -> None:
    assert_answer(_suggest(text, "xunke", form, tmp_path)[fact], expected)


SELF_EVAL_HEADER = ["评估项目", "自评情况", "自评分"]
TABLES = [
    # 2. a 自评表 row whose value names the rewards and says they are not yet made; the row's
    # rules of use stay stated
    ("某小学信息化自评表", [SELF_EVAL_HEADER, ["教师应用信息技术设备教学",
                                        "有使用制度；奖惩办法尚未制定", "2"]],
     "teaching_it_rewards", False),
    ("某小学信息化自评表", [SELF_EVAL_HEADER, ["教师应用信息技术设备教学",
                                        "有使用制度；奖惩办法尚未制定", "2"]],
     "teaching_it_rules", True),
]


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize(("title", "rows", "fact", "expected"), TABLES)
def test_round18_xunke_tables(title: str, rows: list[list[str]], fact: str,
                              expected: object, form: str, tmp_path: Path) -> None:
    assert_answer(_suggest(title, "xunke", form, tmp_path, rows)[fact], expected)
