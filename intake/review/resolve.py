"""The 组长's resolution of a panel's disagreement: a decision like any other, recorded with source
`lead`, which then counts for the item in place of the experts' joined points."""

from __future__ import annotations

from intake.review import decisions
from intake.store import Store
from intake.store.decisions import Decided, Decision
from intake.store.suggestions import load_suggestions
from rubric import Rubric
from rubric.errors import InputError


def resolve(store: Store, rubric: Rubric, lead: str, submission: str, target_key: str,
            decided: Decided, reason: str) -> int:
    """Record the 组长's value for `item:4` or `fact:it_staff` of a submission."""
    target, _, key = target_key.partition(":")
    if target not in ("item", "fact") or not key:
        raise InputError(f"“{target_key}”应写作 item:编号 或 fact:名称，例如 item:4")
    found = [(sid, s) for sid, s in load_suggestions(store, submission, rubric.id)
             if s.target == target and s.key == key]
    if not found:
        raise InputError(f"{submission} 没有 {target_key} 的建议 (nothing to resolve)")
    decision = Decision(suggestion_id=found[0][0], action="override", decided=decided,
                        reason=reason)
    return decisions.record(store, rubric, lead, [decision], "lead")
