"""The result of a 先进个人 programme per person, and its 推荐名单 per city: pure functions of data.

A person's criteria are decided by reviewers (a confirmed bool fact per 评选条件); the rubric's
`selection` rule turns them into 推荐 / 不推荐 / 待复核 with three-valued logic: a criterion is met,
not met, or undecided, and the result is 待复核 only while an undecided criterion could still
change it. A decision "no evidence" (the fact confirmed unknown) counts as not met: nothing in the
material shows it. A criterion whose `applies_when` does not hold for the person (condition 4 for
an IT post) is not applicable and never counts; while that depends on an undecided fact, so does
the criterion.

The 推荐名单 groups people by city in the order of the quota table (附件2), recommended first,
and holds the number recommended against the quota and the share of 基层一线 among them. The
share is reported, never enforced; the quota is reported by `batch_checks.quota_issues`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from rubric.model import Condition, Criterion, Rubric, Selection, UnitLevel
from rubric.strict import Strict

Outcome = Literal["recommended", "not_recommended", "pending"]
Answer = Literal["met", "not_met", "undecided", "not_applicable"]
FactValue = bool | int | float | str | None
UNDECIDED = object()  # a fact nobody has decided on (a confirmed "unknown" is None)


class Choice(Strict):
    """One person's result, with each criterion's answer."""

    outcome: Outcome
    answers: dict[str, Answer]  # criterion id → answer
    reason: str

    @property
    def met(self) -> list[str]:
        return [c for c, a in self.answers.items() if a == "met"]

    @property
    def undecided(self) -> list[str]:
        return [c for c, a in self.answers.items() if a == "undecided"]


def _truth(condition: Condition, facts: Mapping[str, object]) -> bool | None:
    """Whether the condition holds; None while a fact it reads is undecided."""
    if condition.all_of is not None or condition.any_of is not None:
        parts = [_truth(c, facts) for c in (condition.all_of or condition.any_of or ())]
        if condition.all_of is not None:
            return False if False in parts else (None if None in parts else True)
        return True if True in parts else (None if None in parts else False)
    value = facts.get(condition.fact or "", UNDECIDED)
    if value is UNDECIDED:
        return None
    if value is None:
        return False
    if condition.equals is not None:
        return isinstance(value, bool) == isinstance(condition.equals, bool) and (
            value == condition.equals)
    return condition.one_of is not None and value in condition.one_of


def answer(criterion: Criterion, facts: Mapping[str, object]) -> Answer:
    """met / not met / undecided / not applicable for one person's decided facts."""
    if criterion.applies_when is not None:
        applies = _truth(criterion.applies_when, facts)
        if applies is False:
            return "not_applicable"
        if applies is None:
            return "undecided"
    value = facts.get(criterion.fact or "", UNDECIDED)
    if value is UNDECIDED:
        return "undecided"
    return "met" if value is True else "not_met"


def choose(rubric: Rubric, facts: Mapping[str, object]) -> Choice:
    """The person's result under the rubric's selection rule; `facts` holds decided facts only."""
    answers = {c.id: answer(c, facts) for c in rubric.criteria if c.fact}
    rule = rubric.selection
    if rule is None:
        return Choice(outcome="pending", answers=answers, reason="本细则未规定推荐规则")
    required = [answers[c] for c in rule.required]
    optional = [answers[c] for c in rule.any_of]
    met, open_ = optional.count("met"), optional.count("undecided")
    if "not_met" in required or "not_applicable" in required or met + open_ < rule.at_least:
        return Choice(outcome="not_recommended", answers=answers, reason=_why_not(rule, answers))
    if "undecided" in required or met < rule.at_least:
        return Choice(outcome="pending", answers=answers, reason="尚有评选条件待复核认定")
    return Choice(outcome="recommended", answers=answers,
                  reason=f"符合条件{'、'.join(c for c, a in answers.items() if a == 'met')}")


def _why_not(rule: Selection, answers: Mapping[str, Answer]) -> str:
    missing = [c for c in rule.required if answers[c] in ("not_met", "not_applicable")]
    if missing:
        return f"必备条件{'、'.join(missing)}未满足"
    return f"条件{'、'.join(rule.any_of)}中满足的不足{rule.at_least}项"


def frontline(rubric: Rubric, level: UnitLevel, post: str) -> bool:
    """Whether a person counts as 基层一线: a unit of a frontline level, or no management post."""
    rule = rubric.frontline
    if rule is None:
        return False
    return level in rule.levels or not any(word in post for word in rule.management_posts)


# ---- the 推荐名单 --------------------------------------------------------------------------------


class Nominated(Strict):
    """One person as the 推荐名单 lists them."""

    submission: str
    name: str
    unit: str
    post: str
    city: str
    level: UnitLevel
    frontline: bool
    choice: Choice


class CityList(Strict):
    city: str  # "" for people of no city of the quota table (省校各部门)
    unit: str  # 单位名称 as in 附件2
    quota: int | None  # None: 附件2 gives this group no quota
    people: list[Nominated]

    @property
    def recommended(self) -> list[Nominated]:
        return [p for p in self.people if p.choice.outcome == "recommended"]

    @property
    def frontline_share(self) -> Decimal | None:
        """The share of 基层一线 among the recommended, as a percentage with one decimal."""
        chosen = self.recommended
        if not chosen:
            return None
        share = Decimal(sum(p.frontline for p in chosen)) / len(chosen) * 100
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


_OUTCOME_ORDER = {"recommended": 0, "pending": 1, "not_recommended": 2}


def shortlist(rubric: Rubric, people: Sequence[Nominated]) -> list[CityList]:
    """Per city in 附件2's order (then those without a quota), recommended first, 基层一线 before
    others, then by name: the order a reviewer hands the list on."""
    lists = []
    for quota in rubric.quotas:
        mine = [p for p in people if p.city == quota.city]
        if mine:
            lists.append(CityList(city=quota.city, unit=quota.unit, quota=quota.count,
                                  people=_ordered(mine)))
    cities = {q.city for q in rubric.quotas}
    rest = [p for p in people if p.city not in cities]
    if rest:
        lists.append(CityList(city="", unit="省校各部门及其他（附件2未列名额）", quota=None,
                              people=_ordered(rest)))
    return lists


def _ordered(people: Sequence[Nominated]) -> list[Nominated]:
    return sorted(people, key=lambda p: (_OUTCOME_ORDER[p.choice.outcome], not p.frontline,
                                         p.name, p.submission))
