"""Issue 20, held-out round 18 (Hebei): the classes of wording its misses showed, each stated,
negated and as a distractor, in texts of our own words, as a .docx and as a LibreOffice-style
PDF (every line wraps; a table as a ruled one). Every citation is verified against the document
(in _suggest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_facts_real_phrasing import FORMS, assert_answer, class_cases
from tests.test_facts_round14_hebei import _table_facts

CASES = [
    # 1. the group's own meetings denied with a qualifier (未单独/专门召开): none held; not a
    # denial of another thing than a meeting, not another body's meetings
    ("本年度领导小组未单独召开过会议，网信工作在校务会上研究。", "group_meetings", 0),
    ("领导小组今年没有专门召开会议，有关事项由校长办公会决定。", "group_meetings", 0),
    ("领导小组全年召开会议2次，未专门组织网络安全培训。", "group_meetings", 2),
    ("县教育局网信领导小组今年召开3次会议，我校负责人列席了其中1次。", "group_meetings", None),
    # 2. an earlier year's share, then the change to this year's in a later clause opened by the
    # time (今年增加到): this year's; not a part's change (其中软件…), not next year's plan
    ("2023年学校信息化投入占年度总预算的2.8%，今年增加到4.5%。", "it_budget_share", 4.5),
    ("2022年信息化经费占总预算比例为3.6%，2024年提高至5.4%。", "it_budget_share", 5.4),
    ("信息化投入占总预算的5.2%，其中软件投入增加到30%。", "it_budget_share", 5.2),
    ("2024年信息化投入占总预算的4.6%，2025年将提高到6%。", "it_budget_share", 4.6),
    ("今年信息化投入占总预算的4.2%，明年力争提高到6%。", "it_budget_share", 4.2),
    ("2024年信息化投入占总预算的4.8%，2023年下降至3.9%。", "it_budget_share", 4.8),
    # 3. rules made "as required" of every kind (按…要求建立了各项制度): the unit's own, so its word
    # on them stands; 要求各部门 still urges other bodies
    ("网络安全方面，学校按等保二级要求建立了各项管理制度，制度健全。", "security_policy",
     "complete"),
    ("学校按照上级要求建立了各项网络安全制度，制度较为健全。", "security_policy",
     "mostly_complete"),
    ("学校要求各部门建立网络安全管理制度，制度健全。", "security_policy", None),
    # 4. the group's meetings before the one reported (此前已召开过一次): those plus this one, a
    # lower bound; alone, at least those; not last year's, not "4月之前" (a part of the year)
    ("12月，学校召开网络安全和信息化领导小组会议。此前领导小组已于5月召开过一次会议。",
     "group_meetings", 2),
    ("这是领导小组调整后的第一次会议，此前领导小组已于3月召开过两次会议。", "group_meetings", 3),
    ("此前领导小组已召开过两次会议。", "group_meetings", 2),
    ("学校召开网络安全和信息化领导小组会议。此前领导小组去年召开过一次会议。",
     "group_meetings", 1),
    ("领导小组4月之前召开会议2次。", "group_meetings", 2),
    # 5. the IT staff named by the post (网管): full-time ones counted; not part-time ones, not
    # a whole county's, not a plan
    ("学校网络室现有专职网管1名，负责机房和校园网维护。", "it_staff", 1),
    ("学校配备专职网管2人。", "it_staff", 2),
    ("网络室现有兼职网管1名，由信息技术教师兼任。", "it_staff", None),
    ("全县学校共有专职网管12名。", "it_staff", None),
    ("学校计划明年增配1名专职网管。", "it_staff", None),
]


test_round18_hebei_classes = class_cases("hebei", CASES)


# 6. a table of measures by year: only the column of the year the document reports on (its title's
# year, else the latest not marked as a target) is read; earlier years and targets are not
YEARS = [["指标", "2023年", "2024年", "2025年目标"],
         ["信息化投入占年度总预算比例", "3.4%", "5.6%", "7%"],
         ["信息化专职人员", "3人", "5人", "7人"],
         ["国开学习网教师人均上线天数", "92天", "128天", "160天"]]
OLD_YEARS = [[row[0], *row[1:3]] for row in YEARS]  # 2023年 and 2024年 only
YEAR_TABLES = [
    ("2024年度信息化主要指标", YEARS, {"it_budget_share": 5.6, "it_staff": 5,
                                     "teacher_online_days": 128}),
    ("学校近两年信息化主要指标", OLD_YEARS, {"it_budget_share": 5.6, "it_staff": 5,
                                       "teacher_online_days": 128}),
    ("2023年—2024年信息化主要指标", OLD_YEARS, {"it_budget_share": 5.6, "it_staff": 5,
                                          "teacher_online_days": 128}),
    ("2025年度信息化主要指标", OLD_YEARS, {"it_budget_share": None, "it_staff": None,
                                     "teacher_online_days": None}),
    ("2025年度信息化主要指标", [[row[0], row[3]] for row in YEARS],
     {"it_budget_share": None, "it_staff": None, "teacher_online_days": None}),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("note", "rows", "wanted"), YEAR_TABLES)
def test_round18_hebei_year_columns(note: str, rows: list[list[str]], wanted: dict[str, object],
                                    form: str, tmp_path: Path) -> None:
    facts = _table_facts(form, tmp_path, rows, note)
    for fact, expected in wanted.items():
        assert_answer(facts[fact], expected)
