"""A 先进个人 programme's results: 推荐 / 不推荐 / 待复核 per person from the criteria reviewers
confirmed, and the 推荐名单 per city with the quota used and the share of 基层一线.

The rule and the arithmetic are the rubric's (`rubric.selection`); this module only reads the
confirmed decisions from the store and hands them over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.facts.models import Suggestion
from intake.glossary import OUTCOME_NAMES
from intake.score.panel import panel_confirmed
from intake.store import Store
from intake.store.decisions import confirmed
from intake.store.panel import panel_active
from rubric import Rubric
from rubric.selection import CityList, Nominated, choose, frontline, shortlist

if TYPE_CHECKING:
    from intake.score.scoring import UnitRow


def with_choices(store: Store, rubric: Rubric,
                 rows: list[UnitRow]) -> tuple[list[UnitRow], list[CityList]]:
    """Each row with the person's result, and the 推荐名单 in hand-on order."""
    decided = [row.model_copy(update=_result(store, rubric, row)) for row in rows]
    people = [_nominated(rubric, row) for row in decided]
    lists = shortlist(rubric, people)
    order = {p.submission: n for n, p in enumerate(p for c in lists for p in c.people)}
    return sorted(decided, key=lambda r: order.get(r.submission, len(order))), lists


def _result(store: Store, rubric: Rubric, row: UnitRow) -> dict[str, object]:
    # Under a review panel, the conditions the experts agree on (or the 组长 resolved).
    values = panel_confirmed(store, rubric, row.submission)[0] \
        if panel_active(store, rubric.id) else confirmed(store, rubric.id, row.submission)
    choice = choose(rubric, values.facts)
    pending = [f"条件{c}" for c in choice.undecided] if choice.outcome == "pending" else []
    return {"choice": choice, "status": choice.outcome, "pending": pending}


def _nominated(rubric: Rubric, row: UnitRow) -> Nominated:
    unit, person = row.unit, row.unit.person
    post = person.post if person else ""
    assert row.choice is not None
    return Nominated(submission=row.submission, name=person.name if person else unit.name,
                     unit=unit.name, post=post, city=unit.city, level=unit.level,
                     frontline=frontline(rubric, unit.level, post), choice=row.choice)


def suggested_note(rubric: Rubric, suggestions: list[Suggestion]) -> str:
    """The result the suggestions would give if a reviewer confirmed them all (triage only)."""
    facts = {s.key: s.value for s in suggestions if s.target == "fact" and s.status == "suggested"}
    choice = choose(rubric, facts)
    met = f"（符合条件{'、'.join(choice.met)}）" if choice.met else ""
    return f"建议：{OUTCOME_NAMES[choice.outcome]}{met}，须复核确认"

