"""The scoring engine on the real definitions: every rule branch, both sides of every threshold,
ranks with ties, vetoes, the Xunke deductions, ratio and bonus cap; invalid input refused whole;
and properties (bounds, order independence, exact repetition) checked with hypothesis."""

from __future__ import annotations

import json
import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.catalog import load_rubric
from rubric import Rubric, UnitInput, parse_rubric, score, sheet_json
from rubric.errors import RubricError

HEBEI = load_rubric("hebei-ou-2024-collective")
XUNKE = load_rubric("xunke-2018-school")

HEBEI_FACTS: dict[str, Any] = {
    "leading_group": "headed_by_principal", "group_meetings": 2, "it_budget_share": 6.4,
    "it_staff": 5, "security_policy": "complete", "security_incident": "none",
    "teacher_online_days": 100.0, "platform_logins_per_capita": 50.0,
}
HEBEI_POINTS: dict[str, int | float] = {"4": 10, "5": 10, "6": 8, "7": 7, "8": 10, "12": 10}

XUNKE_FACTS: dict[str, Any] = {
    **{name: True for name, spec in XUNKE.facts.items() if spec.type == "bool"},
    **{name: 0 for name, spec in XUNKE.facts.items() if spec.type == "int"},
    "major_security_issue": False, "teachers_per_office_computer": 1.0,
    "teacher_space_usage": 100.0, "class_space_usage": 100.0, "student_space_usage": 100.0,
    "classroom_device_usage": 8.0, "resource_use_rating": "good", "showcase_level": "province",
    "interactive_subject_share": 100.0, "pilot_school_level": "none",
    "award_national_first": 5,  # 5 × 2 = 10: the bonus section at its cap
}
XUNKE_POINTS: dict[str, int | float] = {"12": 5}


def hebei_unit(uid: str = "U1", level: str = "city", points: dict[str, Any] | None = None,
               **facts: Any) -> UnitInput:
    return UnitInput(id=uid, name=f"单位{uid}", level=level, city="石家庄",
                     facts={**HEBEI_FACTS, **facts}, points=HEBEI_POINTS if points is None
                     else points)


def xunke_unit(uid: str = "S1", points: dict[str, Any] | None = None, **facts: Any) -> UnitInput:
    return UnitInput(id=uid, name=f"学校{uid}", level="school", facts={**XUNKE_FACTS, **facts},
                     points=XUNKE_POINTS if points is None else points)


def part(rubric: Rubric, unit: UnitInput, node: str) -> Decimal:
    return score(rubric, [unit]).units[0].parts[node]


def rule_of(rubric: Rubric, unit: UnitInput, node: str) -> str:
    return next(t.rule for t in score(rubric, [unit]).units[0].trace if t.node == node)


# ---- full marks ----------------------------------------------------------------------------------


def test_full_marks_reach_each_rubric_maximum() -> None:
    assert score(HEBEI, [hebei_unit()]).units[0].total == 100
    assert score(XUNKE, [xunke_unit()]).units[0].total == 100


def test_individual_rubric_has_no_points() -> None:
    with pytest.raises(RubricError, match="criteria marked by reviewers"):
        score(load_rubric("hebei-ou-2024-individual"), [hebei_unit()])


# ---- Hebei items 1-3, 9: rule tables -------------------------------------------------------------


@pytest.mark.parametrize(("group", "meetings", "points"), [
    ("headed_by_principal", 2, 5), ("headed_by_principal", 3, 5),
    ("headed_by_principal", 1, 3), ("headed_by_principal", 0, 3),
    ("headed_by_principal", None, 3),  # meetings unknown: "2次以上" does not hold
    ("exists", 5, 1), ("exists", 0, 1), ("none", 4, 0), (None, 2, 0),
])
def test_hebei_item1_leading_group(group: str | None, meetings: int | None, points: int) -> None:
    unit = hebei_unit(leading_group=group, group_meetings=meetings)
    assert part(HEBEI, unit, "1") == points


@pytest.mark.parametrize(("share", "points"), [
    (0, 1), (2.99, 1), (3, 3), (4, 3), (4.99, 3), (5, 5), (5.01, 5), (100, 5), (None, 0)])
def test_hebei_item2_budget_share(share: float | None, points: int) -> None:
    assert part(HEBEI, hebei_unit(it_budget_share=share), "2") == points


def test_hebei_item2_trace_quotes_the_rule_and_the_fact() -> None:
    step = next(t for t in score(HEBEI, [hebei_unit(it_budget_share=3)]).units[0].trace
                if t.node == "2")
    assert step.rule == "3分：占比3%-5%"
    assert step.facts == {"it_budget_share": 3}


@pytest.mark.parametrize(("staff", "points"), [
    (0, 1), (2, 1), (3, 3), (4, 3), (5, 5), (6, 5), (None, 0)])
def test_hebei_item3_staff(staff: int | None, points: int) -> None:
    assert part(HEBEI, hebei_unit(it_staff=staff), "3") == points


@pytest.mark.parametrize(("policy", "incident", "points"), [
    ("complete", "none", 10), ("mostly_complete", "none", 7), ("incomplete", "none", 4),
    ("complete", "minor", 4), ("mostly_complete", "minor", 4), ("incomplete", "minor", 4),
    ("complete", None, 0), ("complete", "major", 0),
])
def test_hebei_item9_security(policy: str, incident: str | None, points: int) -> None:
    sheet = score(HEBEI, [hebei_unit(security_policy=policy, security_incident=incident)])
    assert sheet.units[0].parts["9"] == points
    assert sheet.units[0].excluded is (incident == "major")


def test_hebei_major_incident_excludes_unit_but_keeps_its_points() -> None:
    sheet = score(HEBEI, [hebei_unit("A"), hebei_unit("B", security_incident="major"),
                          hebei_unit("C", it_staff=0)])
    by_id = {u.id: u for u in sheet.units}
    assert by_id["B"].excluded and by_id["B"].rank is None
    assert by_id["B"].items["9"] == 0 and by_id["B"].total == 90
    assert "不参与评优" in rule_of(HEBEI, hebei_unit(security_incident="major"), "9")
    # The excluded unit takes no place: A first, C second (not third).
    assert (by_id["A"].rank, by_id["C"].rank) == (1, 2)


# ---- Hebei items 10, 11: ranks -------------------------------------------------------------------


def _ranked(values: list[float], fact: str) -> list[Decimal]:
    """Points of item 10 or 11 for city units with these values, in input order."""
    node = "10" if fact == "teacher_online_days" else "11"
    units = [hebei_unit(f"C{i:02d}", **{fact: v}) for i, v in enumerate(values)]
    return [u.items[node] for u in score(HEBEI, units).units]


DISTINCT = [float(100 - i) for i in range(12)]  # ranks 1 … 12


def test_hebei_item10_bands_at_every_boundary() -> None:
    points = _ranked(DISTINCT, "teacher_online_days")
    # ranks 1-3 → 10, 4-6 → 7, 7-9 → 4, 10+ → 0
    assert points == [10, 10, 10, 7, 7, 7, 4, 4, 4, 0, 0, 0]


def test_hebei_item11_bands_take_the_first_listed_for_ranks_7_and_8() -> None:
    points = _ranked(DISTINCT, "platform_logins_per_capita")
    # ranks 1-3 → 10, 4-8 → 7 (7 and 8 also in "7至9名": the first band wins), 9 → 4, 10+ → 0
    assert points == [10, 10, 10, 7, 7, 7, 7, 7, 4, 0, 0, 0]


def test_ties_share_the_better_rank_at_a_boundary() -> None:
    # values 10, 9, 8, 8, 7: ranks 1, 2, 3, 3, 5 — both units at 8 are in 前3名.
    assert _ranked([10, 9, 8, 8, 7], "teacher_online_days") == [10, 10, 10, 10, 7]
    # a tie at ranks 6/7: 1-5 distinct, then two at rank 6 (7分), next is rank 8 (4分)
    assert _ranked([20, 19, 18, 17, 16, 5, 5, 4], "teacher_online_days")[5:] == [7, 7, 4]
    # a tie at 9/10: both rank 9 (4分), the next is rank 11 (0分)
    values = [30.0 - i for i in range(8)] + [3.0, 3.0, 2.0]
    assert _ranked(values, "teacher_online_days")[8:] == [4, 4, 0]
    # item 11, tie at 8/9: both rank 8 (7分), next rank 10
    values = [30.0 - i for i in range(7)] + [3.0, 3.0, 2.0]
    assert _ranked(values, "platform_logins_per_capita")[7:] == [7, 7, 0]
    # a tie at 3/4: both rank 3 (10分), next rank 5 (7分)
    assert _ranked([9, 8, 7, 7, 6], "platform_logins_per_capita") == [10, 10, 10, 10, 7]


def test_only_city_units_are_ranked() -> None:
    units = [hebei_unit("county", "county", teacher_online_days=999.0),
             hebei_unit("dept", "department", teacher_online_days=999.0)]
    units += [hebei_unit(f"C{i}", teacher_online_days=float(10 - i)) for i in range(4)]
    sheet = score(HEBEI, units)
    assert [u.items["10"] for u in sheet.units] == [0, 0, 10, 10, 10, 7]
    county = sheet.units[0]
    assert "不参加该项排名" in next(t.rule for t in county.trace if t.node == "10")


def test_city_unit_without_the_value_is_not_ranked() -> None:
    sheet = score(HEBEI, [hebei_unit("A", teacher_online_days=None),
                          hebei_unit("B", teacher_online_days=1.0)])
    assert [u.items["10"] for u in sheet.units] == [0, 10]
    assert "未参加排名" in next(t.rule for t in sheet.units[0].trace if t.node == "10")


def test_rank_trace_names_the_rank_and_the_band() -> None:
    units = [hebei_unit(f"C{i}", teacher_online_days=float(10 - i)) for i in range(4)]
    last = score(HEBEI, units).units[3]
    assert next(t.rule for t in last.trace if t.node == "10") == "第 4 名：7分：（市校）排名4至6名"


LOWER_IS_BETTER = """
id: low
title: 低者为优
programme: test
subject: collective
source: test
facts: {days: {type: int, minimum: 0, description: 延误天数}}
items:
  - id: "1"
    kind: rank
    maximum: 5
    fact: days
    scope: county
    order: lower_is_better
    bands: [{first: 1, last: 1, points: 5}, {first: 2, points: 1}]
"""


def test_lower_is_better_ranks_the_smallest_first() -> None:
    rubric = parse_rubric(LOWER_IS_BETTER, "low.yaml")
    units = [UnitInput(id=u, level="county", facts={"days": d}) for u, d in
             (("A", 3), ("B", 1), ("C", 1), ("D", 7))]
    assert [u.items["1"] for u in score(rubric, units).units] == [1, 5, 5, 1]


# ---- Hebei expert items --------------------------------------------------------------------------


@pytest.mark.parametrize(("item", "points"), [
    ("4", 0), ("4", 3), ("4", 4), ("4", 7), ("4", 8), ("4", 10), ("7", 7), ("7", 5), ("7", 1),
    ("6", 8), ("12", 0), ("12", 6), ("12", 10)])
def test_hebei_expert_points_within_range_are_taken(item: str, points: int) -> None:
    unit = hebei_unit(points={**HEBEI_POINTS, item: points})
    assert part(HEBEI, unit, item) == points


def test_expert_trace_names_the_tier() -> None:
    unit = hebei_unit(points={**HEBEI_POINTS, "4": 6})
    assert rule_of(HEBEI, unit, "4") == "专家评审确认 6 分（第二档）"


@pytest.mark.parametrize(("item", "points", "message"), [
    ("4", 11, "单位 U1 项目 4: 11 分超过该项满分 10 分"),
    ("7", 8, "单位 U1 项目 7: 8 分超过该项满分 7 分"),
    ("4", -1, "单位 U1 项目 4: -1 分是负数"),
    ("4", 7.5, "单位 U1 项目 4: 7.5 分不是 1 分的整数倍"),
    ("1", 5, "单位 U1 项目 1: 该项按规则计分，不接受评审给分"),
    ("10", 5, "单位 U1 项目 10: 该项按规则计分"),
    ("99", 5, "单位 U1 项目 99: 本细则没有这个项目"),
])
def test_bad_reviewer_points_are_refused(item: str, points: float, message: str) -> None:
    with pytest.raises(RubricError, match=message):
        score(HEBEI, [hebei_unit(points={**HEBEI_POINTS, item: points})])


@pytest.mark.parametrize("item", ["4", "5", "6", "7", "8", "12"])
def test_missing_expert_points_are_refused(item: str) -> None:
    points = {k: v for k, v in HEBEI_POINTS.items() if k != item}
    with pytest.raises(RubricError, match=f"单位 U1 项目 {item}: 缺少评审给分"):
        score(HEBEI, [hebei_unit(points=points)])


@pytest.mark.parametrize("bad", [True, "9", None])
def test_points_must_be_numbers(bad: Any) -> None:
    with pytest.raises(ValueError, match="points"):
        hebei_unit(points={**HEBEI_POINTS, "4": bad})


GAPPED_TIERS = """
id: gapped
title: 分档有缺口
programme: test
subject: collective
source: test
items:
  - id: "1"
    kind: expert
    maximum: 10
    tiers: [{label: 第一档, min: 6, max: 10}, {label: 第二档, min: 0, max: 3}]
"""


def test_points_between_tiers_are_refused_naming_the_tiers() -> None:
    rubric = parse_rubric(GAPPED_TIERS, "gapped.yaml")
    assert score(rubric, [UnitInput(id="A", level="city", points={"1": 6})]).units[0].total == 6
    message = "单位 A 项目 1: 4 分不在任何一档内（第一档 6-10分、第二档 0-3分）"
    with pytest.raises(RubricError, match=message):
        score(rubric, [UnitInput(id="A", level="city", points={"1": 4})])


# ---- fact validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(("fact", "value", "message"), [
    ("group_meetings", True, "单位 U1 项目 1: .*group_meetings.*= True，应为 a whole number"),
    ("it_staff", 2.5, "单位 U1 项目 3: .*it_staff.*= 2.5，应为 a whole number"),
    ("it_budget_share", "5%", "单位 U1 项目 2: .*it_budget_share.*应为 a percentage"),
    ("it_budget_share", True, "单位 U1 项目 2: .*应为 a percentage"),
    ("it_budget_share", 100.5, "单位 U1 项目 2: .*it_budget_share.*= 100.5，超过上限 100"),
    ("it_budget_share", -0.1, "单位 U1 项目 2: .*低于下限 0"),
    ("it_staff", -1, "单位 U1 项目 3: .*低于下限 0"),
    ("leading_group", "head", "单位 U1 项目 1: .*leading_group.*应为 one of none, exists"),
    ("security_incident", 1, "单位 U1 项目 9: .*security_incident"),
    ("teacher_online_days", float("nan"), "单位 U1 项目 10: .*应为 a number"),
])
def test_bad_facts_are_refused_naming_unit_and_item(fact: str, value: Any, message: str) -> None:
    with pytest.raises(RubricError, match=message):
        score(HEBEI, [hebei_unit(**{fact: value})])


def test_bool_fact_refuses_a_number() -> None:
    with pytest.raises(RubricError, match=r"单位 S1 项目 1\.2: .*it_office.*应为 true/false"):
        score(XUNKE, [xunke_unit(it_office=1)])


def test_unknown_and_missing_facts_are_refused() -> None:
    with pytest.raises(RubricError, match="单位 U1: 本细则没有事实 'staff'"):
        score(HEBEI, [hebei_unit(staff=3)])
    facts = {k: v for k, v in HEBEI_FACTS.items() if k != "it_staff"}
    unit = UnitInput(id="U1", level="city", facts=facts, points=HEBEI_POINTS)
    with pytest.raises(RubricError, match="单位 U1 项目 3: 缺少事实 it_staff"):
        score(HEBEI, [unit])


def test_one_bad_unit_stops_the_whole_batch() -> None:
    good, bad = hebei_unit("U1"), hebei_unit("U2", points={**HEBEI_POINTS, "5": 12})
    with pytest.raises(RubricError, match="单位 U2 项目 5"):
        score(HEBEI, [good, bad])
    with pytest.raises(RubricError, match=r"duplicate unit ids.*U1"):
        score(HEBEI, [good, good])


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="level"):
        UnitInput(id="X", level="province")


# ---- Xunke: simple rules, one branch each side ---------------------------------------------------


BOOL_RULES = [("1.1", "it_leading_group", 1), ("1.2", "it_office", 1),
              ("2.1", "plans_reflect_it", 2), ("2.3.1", "teaching_it_rules", 1),
              ("2.3.2", "teaching_it_requirements", 1), ("2.3.3", "teaching_it_supervision", 1),
              ("2.3.4", "teaching_it_rewards", 1), ("3.1", "asset_ledgers", 2),
              ("4.1", "device_responsibility", 1), ("4.2", "systems_run_well", 1),
              ("5.1", "hardware_protection", 1), ("5.2", "no_harmful_content", 1),
              ("5.3", "backups_no_leaks", 2), ("6", "school_resource_library", 5),
              ("8.1", "management_records", 3), ("8.2", "account_custody", 2),
              ("10", "competition_every_term", 5), ("16.5.1", "school_website", 1),
              ("16.5.2", "website_updated", 1), ("16.6", "delivered_courses", 2)]


@pytest.mark.parametrize(("node", "fact", "points"), BOOL_RULES)
def test_xunke_yes_no_rules(node: str, fact: str, points: int) -> None:
    assert part(XUNKE, xunke_unit(**{fact: True}), node) == points
    assert part(XUNKE, xunke_unit(**{fact: False}), node) == 0
    assert part(XUNKE, xunke_unit(**{fact: None}), node) == 0


def test_xunke_sums_add_their_parts() -> None:
    unit = xunke_unit(teaching_it_rules=False, teaching_it_rewards=False)
    sheet = score(XUNKE, [unit]).units[0]
    assert sheet.parts["2.3"] == 2 and sheet.items["2"] == 6


@pytest.mark.parametrize(("node", "fact"), [
    ("2.2", "maintenance_rules"), ("8.3", "monthly_progress_reports"), ("17", "binding_in_order")])
def test_xunke_otherwise_judged(node: str, fact: str) -> None:
    # the rule holds: its points, whatever the reviewer entered
    assert part(XUNKE, xunke_unit(**{fact: True}, points={**XUNKE_POINTS, node: 1}), node) == (
        XUNKE.nodes()[node].maximum)
    # the rule does not hold: the reviewer's points, within the maximum
    assert part(XUNKE, xunke_unit(**{fact: False}, points={**XUNKE_POINTS, node: 1.5}),
                node) == Decimal("1.5")
    with pytest.raises(RubricError, match=f"单位 S1 项目 {node}: 不符合规定条件，须评审酌情给分"):
        score(XUNKE, [xunke_unit(**{fact: False})])
    too_many = float(XUNKE.nodes()[node].maximum) + 1
    with pytest.raises(RubricError, match=f"单位 S1 项目 {node}: .*超过该项满分"):
        score(XUNKE, [xunke_unit(**{fact: False}, points={**XUNKE_POINTS, node: too_many})])


@pytest.mark.parametrize(("ratio", "added", "points"), [
    (0.5, False, "2"), (1, False, "2"), (1.01, False, "1.5"), (2, False, "1.5"),
    (2.01, False, "1"), (3, False, "1"), (3.01, True, "0.5"), (3.01, False, "0"),
    (None, True, "0.5"), (None, False, "0"), (1, True, "2")])
def test_xunke_32_office_computers(ratio: float | None, added: bool, points: str) -> None:
    unit = xunke_unit(teachers_per_office_computer=ratio, office_computers_added=added)
    assert part(XUNKE, unit, "3.2") == Decimal(points)


@pytest.mark.parametrize(("node", "fact", "value", "points"), [
    ("7.1", "teacher_space_usage", 80, 3), ("7.1", "teacher_space_usage", 79.9, 0),
    ("7.1", "teacher_space_usage", 100, 3),
    ("7.2", "class_space_usage", 100, 1), ("7.2", "class_space_usage", 99.9, 0),
    ("7.3", "student_space_usage", 70, 1), ("7.3", "student_space_usage", 69.9, 0),
    ("15", "interactive_subject_share", 100, 5), ("15", "interactive_subject_share", 99.9, 4),
    ("15", "interactive_subject_share", 80, 4), ("15", "interactive_subject_share", 79.9, 3),
    ("15", "interactive_subject_share", 60, 3), ("15", "interactive_subject_share", 59.9, 0),
    ("15", "interactive_subject_share", 0, 0), ("15", "interactive_subject_share", None, 0),
])
def test_xunke_thresholds(node: str, fact: str, value: float | None, points: int) -> None:
    assert part(XUNKE, xunke_unit(**{fact: value}), node) == points


@pytest.mark.parametrize(("node", "fact", "value", "points"), [
    ("13", "resource_use_rating", "good", 5), ("13", "resource_use_rating", "fair", 4),
    ("13", "resource_use_rating", "average", 2), ("13", "resource_use_rating", "poor", 0),
    ("14", "showcase_level", "province", 5), ("14", "showcase_level", "city", 4),
    ("14", "showcase_level", "county", 3), ("14", "showcase_level", "none", 0),
    ("16.3", "pilot_school_level", "province", "1"), ("16.3", "pilot_school_level", "city", "0.5"),
    ("16.3", "pilot_school_level", "none", 0),
])
def test_xunke_enum_rules(node: str, fact: str, value: str, points: int | str) -> None:
    unit = xunke_unit(**{"award_national_first": 0, fact: value})
    assert part(XUNKE, unit, node) == Decimal(points)


# ---- Xunke: veto, deductions, ratio, judged, counts and the bonus cap ----------------------------


def test_xunke_major_security_issue_zeroes_item5() -> None:
    unit = score(XUNKE, [xunke_unit(major_security_issue=True)]).units[0]
    assert unit.items["5"] == 0 and unit.total == 96 and not unit.excluded
    step = next(t for t in unit.trace if t.node == "5")
    assert step.rule == "4、出现重大信息安全问题(含网络安全)此项记0分。"
    assert step.facts == {"major_security_issue": True}
    assert part(XUNKE, xunke_unit(major_security_issue=False), "5") == 4


@pytest.mark.parametrize(("missed", "points"), [(0, 2), (1, 1), (2, 0), (3, 0), (None, 2)])
def test_xunke_91_training_deduction(missed: int | None, points: int) -> None:
    assert part(XUNKE, xunke_unit(school_trainings_missed=missed), "9.1") == points


@pytest.mark.parametrize(("absent", "points"), [
    (0, "3"), (1, "2.5"), (5, "0.5"), (6, "0"), (7, "0"), (100, "0")])
def test_xunke_92_absences_until_nothing_is_left(absent: int, points: str) -> None:
    assert part(XUNKE, xunke_unit(external_training_absences=absent), "9.2") == Decimal(points)


def test_xunke_deduction_trace_says_where_it_stopped() -> None:
    assert rule_of(XUNKE, xunke_unit(external_training_absences=7), "9.2") == (
        "3 分，缺 7 次，每次扣 0.5 分，扣至 0 分为止")


def test_xunke_11_ratio_to_the_best_school_in_the_batch() -> None:
    usage = {"A": 5.5, "B": 8.0, "C": 0, "D": None, "E": 1.0}
    units = [xunke_unit(uid, classroom_device_usage=value) for uid, value in usage.items()]
    # 5.5 ÷ 8 × 15 = 10.3125 → 10.31; 1 ÷ 8 × 15 = 1.875 → 1.88 (half up)
    points = [u.items["11"] for u in score(XUNKE, units).units]
    assert points == [Decimal("10.31"), 15, 0, 0, Decimal("1.88")]
    rule = rule_of(XUNKE, xunke_unit(classroom_device_usage=5.5), "11")
    assert "全批最高 5.5 × 15" in rule


def test_xunke_ratio_when_every_school_is_at_zero() -> None:
    units = [xunke_unit("A", classroom_device_usage=0), xunke_unit("B", classroom_device_usage=0)]
    assert [u.items["11"] for u in score(XUNKE, units).units] == [0, 0]


def test_xunke_ratio_rounds_half_up() -> None:
    # 3 ÷ 8 × 15 = 5.625: half up gives 5.63 (banker's rounding would give 5.62)
    units = [xunke_unit("A", classroom_device_usage=3), xunke_unit("B", classroom_device_usage=8)]
    assert score(XUNKE, units).units[0].items["11"] == Decimal("5.63")


@pytest.mark.parametrize(("points", "ok"), [
    (0, True), (2.5, True), (5, True), (2.3, False), (5.5, False), (-0.5, False)])
def test_xunke_12_judged_within_maximum_in_half_points(points: float, ok: bool) -> None:
    unit = xunke_unit(points={"12": points})
    if ok:
        assert part(XUNKE, unit, "12") == Decimal(str(points))
    else:
        with pytest.raises(RubricError, match="单位 S1 项目 12"):
            score(XUNKE, [unit])


COUNT_RATES = [("16.1", f, r.points) for f, r in
               ((r.fact, r) for r in XUNKE.nodes()["16.1"].rates)]  # type: ignore[union-attr]
COUNT_RATES += [(n, r.fact, r.points) for n in ("16.2", "16.4")
                for r in XUNKE.nodes()[n].rates]  # type: ignore[union-attr]


def test_xunke_count_rates_read_the_garbled_numbers() -> None:
    rates = {fact: str(points) for _, fact, points in COUNT_RATES}
    assert [rates[f"award_{level}_{prize}"] for level in ("national", "province", "city", "county")
            for prize in ("first", "second", "third")] == [
        "2", "1.5", "1", "1.5", "1", "0.8", "1", "0.8", "0.5", "0.8", "0.5", "0.3"]
    assert [rates[f"web_reports_{level}"] for level in ("national", "province", "city", "county")
            ] == ["1", "0.8", "0.5", "0.3"]
    assert [rates[f"press_articles_{level}"] for level in ("national", "province", "city")
            ] == ["1", "0.5", "0.2"]
    assert [rates[f"studios_{level}"] for level in ("province", "city", "county")
            ] == ["1", "0.8", "0.5"]


@pytest.mark.parametrize(("node", "fact", "rate"), COUNT_RATES)
def test_xunke_counts_each_rate(node: str, fact: str, rate: Decimal) -> None:
    unit = xunke_unit(**{"award_national_first": 0, fact: 3})
    assert part(XUNKE, unit, node) == 3 * rate


def test_xunke_count_is_capped_at_its_maximum() -> None:
    unit = score(XUNKE, [xunke_unit(award_national_first=6)]).units[0]
    assert unit.parts["16.1"] == 10
    assert "封顶" in next(t.rule for t in unit.trace if t.node == "16.1")


def test_xunke_bonus_is_capped_at_10() -> None:
    # 16.1: 2 × 2 = 4; 16.2: 2 × 1 + 2 × 0.8 = 3.6; 16.3: 1; 16.4: 1; 16.5: 2; 16.6: 2 → 13.6
    unit = score(XUNKE, [xunke_unit(award_national_first=2, web_reports_national=2,
                                    web_reports_province=2, pilot_school_level="province",
                                    studios_province=1)]).units[0]
    assert [unit.parts[n] for n in ("16.1", "16.2", "16.3", "16.4", "16.5", "16.6")] == [
        4, Decimal("3.6"), 1, 1, 2, 2]
    assert unit.items["16"] == 10
    assert next(t.rule for t in unit.trace if t.node == "16") == "各分项合计 13.6 分，封顶 10 分"


def test_xunke_bonus_below_the_cap_is_the_sum() -> None:
    unit = score(XUNKE, [xunke_unit(award_national_first=0, award_county_third=1,
                                    school_website=False, delivered_courses=False)]).units[0]
    assert unit.items["16"] == Decimal("1.3")  # 0.3 + website updated 1


# ---- the sheet: ranks, order, JSON ---------------------------------------------------------------


def test_total_rank_ties_share_the_better_rank_and_units_keep_input_order() -> None:
    units = [hebei_unit("A", it_staff=0), hebei_unit("B"), hebei_unit("C"),
             hebei_unit("D", it_staff=3)]
    sheet = score(HEBEI, units)
    assert [u.id for u in sheet.units] == ["A", "B", "C", "D"]
    assert [u.total for u in sheet.units] == [96, 100, 100, 98]
    assert [u.rank for u in sheet.units] == [4, 1, 1, 3]


def test_sheet_json_numbers_are_numbers() -> None:
    data = sheet_json(score(XUNKE, [xunke_unit(classroom_device_usage=5.5),
                                    xunke_unit("S2", classroom_device_usage=8.0)]))
    first = data["units"][0]
    assert data["rubric"] == "xunke-2018-school"
    assert first["items"]["11"] == 10.31 and isinstance(first["items"]["11"], float)
    assert first["items"]["1"] == 2 and isinstance(first["items"]["1"], int)
    assert first["parts"]["3.2"] == 2 and first["parts"]["16.1"] == 10
    assert isinstance(first["total"], float) and first["total"] == 95.31
    assert set(first) >= {"id", "total", "items", "excluded", "rank", "trace"}
    assert first["trace"][0] == {"item": "1.1", "points": 1, "rule": "1、成立信息化工作领导小组,"
                                 "职责明确记1分,否则不记分。", "facts": {"it_leading_group": True}}
    assert "Decimal" not in json.dumps(data)


def test_every_node_has_a_part_and_a_trace_step() -> None:
    unit = score(XUNKE, [xunke_unit()]).units[0]
    assert set(unit.parts) == set(XUNKE.nodes())
    assert [t.node for t in unit.trace].count("2.3.1") == 1
    assert set(unit.items) == {i.id for i in XUNKE.items}


# ---- properties ----------------------------------------------------------------------------------


def _fact_values(rubric: Rubric, name: str) -> st.SearchStrategy[Any]:
    spec = rubric.facts[name]
    low = float(spec.minimum) if spec.minimum is not None else 0.0
    high = float(spec.maximum) if spec.maximum is not None else 200.0
    values: st.SearchStrategy[Any]
    if spec.type == "bool":
        values = st.booleans()
    elif spec.type == "enum":
        values = st.sampled_from(spec.values)
    elif spec.type == "int":
        values = st.integers(int(low), min(int(high), 12))
    else:
        # few distinct values, so ties happen; plus the thresholds of the rules themselves
        values = st.sampled_from([low, high, 0.0, 1.0, 2.0, 2.99, 3.0, 5.0, 5.01, 59.9, 60.0,
                                  79.9, 80.0, 99.9]).filter(lambda v: low <= v <= high) | (
            st.floats(low, high, allow_nan=False).map(lambda v: round(v, 2)))
    return st.none() | values


def _reviewer_points(rubric: Rubric) -> st.SearchStrategy[dict[str, float]]:
    choices = {}
    for node_id, node in rubric.nodes().items():
        if node.kind in ("expert", "judged") or getattr(node, "otherwise", "") == "judged":
            step = float(getattr(node, "step", Decimal("0.5")))
            count = int(node.maximum / Decimal(str(step)))
            choices[node_id] = st.integers(0, count).map(lambda n, s=step: n * s)
    return st.fixed_dictionaries(choices)


@st.composite
def batches(draw: st.DrawFn, rubric: Rubric) -> list[UnitInput]:
    size = draw(st.integers(1, 7))
    units = []
    for index in range(size):
        facts = {name: draw(_fact_values(rubric, name)) for name in rubric.facts}
        level = "school" if rubric.subject == "school" else draw(
            st.sampled_from(["city", "city", "county", "department"]))
        units.append(UnitInput(id=f"U{index}", level=level, facts=facts,
                               points=draw(_reviewer_points(rubric))))
    return units


def _by_id(rubric: Rubric, units: list[UnitInput]) -> dict[str, Any]:
    return {u["id"]: u for u in sheet_json(score(rubric, units))["units"]}


PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("rubric", [HEBEI, XUNKE], ids=["hebei", "xunke"])
@PROPERTY
@given(data=st.data())
def test_totals_stay_within_the_maximum(rubric: Rubric, data: st.DataObject) -> None:
    units = data.draw(batches(rubric))
    for unit in score(rubric, units).units:
        assert 0 <= unit.total <= rubric.maximum  # type: ignore[operator]
        for node_id, points in unit.parts.items():
            assert 0 <= points <= rubric.nodes()[node_id].maximum
        assert unit.total == sum(unit.items.values())


@pytest.mark.parametrize("rubric", [HEBEI, XUNKE], ids=["hebei", "xunke"])
@PROPERTY
@given(data=st.data())
def test_results_do_not_depend_on_input_order(rubric: Rubric, data: st.DataObject) -> None:
    units = data.draw(batches(rubric))
    shuffled = data.draw(st.permutations(units))
    assert _by_id(rubric, units) == _by_id(rubric, list(shuffled))


@pytest.mark.parametrize("rubric", [HEBEI, XUNKE], ids=["hebei", "xunke"])
@PROPERTY
@given(data=st.data())
def test_scoring_repeats_byte_for_byte(rubric: Rubric, data: st.DataObject) -> None:
    units = data.draw(batches(rubric))
    first = json.dumps(sheet_json(score(rubric, units)), ensure_ascii=False)
    again = [UnitInput.model_validate(u.model_dump()) for u in units]
    assert json.dumps(sheet_json(score(rubric, again)), ensure_ascii=False) == first


def test_a_big_shuffled_batch_ranks_the_same() -> None:
    rng = random.Random(7)
    units = [hebei_unit(f"C{i:02d}", teacher_online_days=float(rng.randint(1, 6)),
                        platform_logins_per_capita=float(rng.randint(1, 4)),
                        it_staff=rng.randint(0, 6)) for i in range(30)]
    shuffled = units[:]
    rng.shuffle(shuffled)
    assert _by_id(HEBEI, units) == _by_id(HEBEI, shuffled)


@pytest.mark.parametrize("rubric", [HEBEI, XUNKE], ids=["hebei", "xunke"])
@PROPERTY
@given(data=st.data())
def test_untraced_scoring_gives_the_same_totals_ranks_and_exclusions(
        rubric: Rubric, data: st.DataObject) -> None:
    # The triage scores untraced; its totals must be the ones a traced score sheet shows.
    units = data.draw(batches(rubric))
    traced, untraced = score(rubric, units), score(rubric, units, traced=False)
    assert [(u.id, u.total, u.rank, u.excluded, u.items) for u in untraced.units] == \
        [(u.id, u.total, u.rank, u.excluded, u.items) for u in traced.units]
    assert all(u.trace == [] for u in untraced.units)
    assert all(u.trace for u in traced.units)
