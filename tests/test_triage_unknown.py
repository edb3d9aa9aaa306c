"""The triage range when a deduction item's count is unknown (逊克 9.1/9.2, issue 20): the
suggested total does not assume full marks; only the high end does."""

from __future__ import annotations

from decimal import Decimal

from pytest import MonkeyPatch

from extractors.facts.rubric_adapter import from_rubric
from extractors.facts.rules import RulesExtractor
from intake.catalog import load_rubric
from intake.run import triage
from intake.run.triage import Candidate, suggested_totals
from intake.run.triage_unknown import best_from_elsewhere, emptying_misses, unknown_deductions
from intake.score.units import UnitProfile
from rubric.model import DeductionNode
from tests.support.facts import submission_of

XUNKE = load_rubric("xunke-2018-school")
TRAINED = "学校每学期开展一次信息化应用培训。"


def _totals(text: str) -> tuple[Decimal, Decimal, Decimal]:
    suggestions = RulesExtractor().suggest(submission_of(text), from_rubric(XUNKE)).suggestions
    unit = UnitProfile(name="某校", level="school", city="黑河")
    mid, low, high, _ = suggested_totals(XUNKE, [Candidate(submission="S", unit=unit,
                                                           suggestions=suggestions)])["S"]
    return mid, low, high


def test_unknown_absences_are_not_full_marks_in_the_suggested_total() -> None:
    known = _totals(TRAINED + "教师参加上级组织的信息化培训，无缺席。")
    unknown = _totals(TRAINED)  # 9.2's absences are not stated
    assert known[0] - unknown[0] == Decimal(3)  # 9.2 (3 分) left out of the suggested total
    assert unknown[1] <= unknown[0] < unknown[2]  # the range still reaches full marks
    assert known[2] == unknown[2]


def test_both_training_items_unknown() -> None:
    mid, _, high = _totals("学校重视信息化工作。")
    both_known = _totals(TRAINED + "教师参加上级组织的信息化培训，无缺席。")
    assert both_known[0] - mid == Decimal(5) and high >= both_known[0]


def test_the_worst_case_empties_the_item() -> None:
    nodes = {n.id: n for n in XUNKE.nodes().values() if isinstance(n, DeductionNode)}
    assert emptying_misses(nodes["9.1"]) == 2 and emptying_misses(nodes["9.2"]) == 6
    assert unknown_deductions(XUNKE, {"school_trainings_missed": 0}) == {
        "external_training_absences": 6}


def test_facts_from_elsewhere_are_open_at_the_high_end_only(monkeypatch: MonkeyPatch) -> None:
    """后台监控 (11, 15 分), 学生调查 (13, 5 分) and 装订 (17, 5 分) are known after the run, not
    from the text: nothing in the suggested total, full marks at the high end."""
    assert best_from_elsewhere(XUNKE, {}) == {"classroom_device_usage": 1.0,
                                              "resource_use_rating": "good",
                                              "binding_in_order": True}
    assert best_from_elsewhere(XUNKE, {"binding_in_order": False}) == {
        "classroom_device_usage": 1.0, "resource_use_rating": "good"}
    text = TRAINED + "教师参加上级组织的信息化培训，无缺席。"
    mid, low, high = _totals(text)
    monkeypatch.setattr(triage, "best_from_elsewhere", lambda rubric, facts: {})
    closed = _totals(text)
    assert (mid, low) == closed[:2]  # the suggested total and the low end do not assume them
    # 11 and 13 were 0 at the high end before; 17 (otherwise judged) was already open to the
    # reviewers' points there.
    assert high - closed[2] == Decimal(20)
