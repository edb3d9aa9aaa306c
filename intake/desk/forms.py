"""The desk's forms as decisions: what a reviewer typed, parsed by the same functions as the
terminal review (intake.review.values) and checked by the same rules (intake.review.decisions).

Nothing is trusted from the form but the reviewer's words: the suggestion is looked up again
among the submission's own suggestions, so an edited id that belongs to another submission is
refused here, and whose assignment it is, is checked again by `decisions.record`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar

from pydantic import Field, ValidationError

from extractors.facts.models import Suggestion
from intake.review import decisions
from intake.review.values import parse_points, parse_tier, parse_value, tier_for
from intake.store import Store
from intake.store.decisions import Decided, Decision, as_suggested
from intake.store.suggestions import load_suggestions
from rubric import Rubric
from rubric.errors import InputError
from rubric.strict import Strict

FormT = TypeVar("FormT", bound=Strict)


class DecisionForm(Strict):
    """The fields of the decide form, as strings (pydantic at the boundary)."""

    suggestion_id: int
    action: Literal["accept", "override", "no_evidence"]
    value: str = ""
    points: str = ""
    tier: str = ""
    reason: str = Field(default="", max_length=2000)


class ResolveForm(Strict):
    submission: str = Field(min_length=1, max_length=200)
    target: str = Field(min_length=1, max_length=200)
    value: str = ""
    points: str = ""
    reason: str = Field(default="", max_length=2000)


def parsed(model: type[FormT], form: Mapping[str, str]) -> FormT:
    """The form's fields as the model; a malformed form is an InputError, not a traceback."""
    known = {k: v for k, v in form.items() if k in model.model_fields}
    try:
        return model.model_validate(known)
    except ValidationError as error:
        wrong = ", ".join(str(e["loc"][0]) for e in error.errors() if e["loc"])
        raise InputError(f"表单内容有误 (bad form field: {wrong or 'form'})") from None


def own_suggestion(store: Store, rubric: Rubric, sid: str, suggestion_id: int) -> Suggestion:
    """The suggestion, if it is one of this submission's under this rubric."""
    found = dict(load_suggestions(store, sid, rubric.id)).get(suggestion_id)
    if found is None:
        raise InputError(f"本申报材料没有编号为 {suggestion_id} 的建议")
    return found


def decision(rubric: Rubric, suggestion: Suggestion, form: DecisionForm) -> Decision:
    """The decision the form asks for, validated against the rubric (override needs a reason)."""
    if form.action == "no_evidence" or (form.action == "accept" and suggestion.status
                                        != "suggested"):
        # Accepting "nothing found" confirms there is none, as in the terminal review.
        made = Decision(suggestion_id=form.suggestion_id, action="no_evidence", decided=Decided(),
                        reason=form.reason.strip() or None)
    elif form.action == "accept":
        made = Decision(suggestion_id=form.suggestion_id, action="accept",
                        decided=as_suggested(suggestion), reason=form.reason.strip() or None)
    else:
        made = Decision(suggestion_id=form.suggestion_id, action="override",
                        decided=_decided(rubric, suggestion, form), reason=form.reason.strip())
    decisions.validate(rubric, suggestion, made)
    return made


def _decided(rubric: Rubric, suggestion: Suggestion, form: DecisionForm) -> Decided:
    if suggestion.target == "fact":
        spec = rubric.facts.get(suggestion.key)
        if spec is None:
            raise InputError(f"{suggestion.key}: 评分细则中没有这一事实")
        return Decided(value=parse_value(spec, form.value))
    if not form.points.strip():
        raise InputError(f"{suggestion.key}: 请给出分值 (points are needed)")
    node = rubric.nodes().get(suggestion.key)
    points = parse_points(form.points)
    return Decided(tier=tier_for(node, points, parse_tier(node, form.tier)), points=points)


def resolved(rubric: Rubric, form: ResolveForm) -> Decided:
    """The 组长's value: points for item:N, a value for fact:NAME (as `intake panel resolve`)."""
    if form.target.startswith("fact:"):
        spec = rubric.facts.get(form.target.partition(":")[2])
        if spec is None:
            raise InputError(f"{form.target} 不是本评分细则的事实")
        return Decided(value=parse_value(spec, form.value))
    if not form.points.strip():
        raise InputError("请给出分值 (points are needed)")
    return Decided(points=parse_points(form.points))
