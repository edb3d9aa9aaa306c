"""Reviewer decisions: the only way a suggestion becomes a value that counts.

Decisions are append-only rows (the store's triggers refuse UPDATE and DELETE). A later decision on
the same suggestion supersedes an earlier one for scoring, and both stay in the audit log. Every
decided value is checked against the rubric before it is written: a value outside the rubric is
refused with a plain message, and an override needs a reason.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from extractors.facts.models import Suggestion
from intake.store import Store, now
from rubric import Rubric
from rubric.errors import InputError
from rubric.model import ExpertNode, FactSpec, Node

Action = Literal["accept", "override", "no_evidence", "bulk_accept"]
# excel_force: an Excel row applied with --force over a decision made after the workbook's export.
Source = Literal["terminal", "excel", "excel_force", "accept_all"]
Value = bool | int | float | str | None


# A suggestion is decided once any decision exists on its fact or item, whichever extractor made it.
DECIDED_KEY = ("d.submission_id = s.submission_id AND d.rubric = s.rubric AND d.target = s.target "
               "AND d.key = s.key")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pending(Strict):
    """A suggestion with its place: what a reviewer is asked to decide on."""

    id: int
    submission: str
    path: str
    suggestion: Suggestion
    decided: bool = False


class Decided(Strict):
    """What a decision sets: a fact's value, or an item's tier and points."""

    value: Value = None
    tier: str | None = None
    points: float | None = None


class Decision(Strict):
    suggestion_id: int
    action: Action
    decided: Decided
    reason: str | None = None
    source: Source | None = None  # this decision's own source, where a batch mixes them


def suggestions(store: Store, rubric_id: str, submission: str | None = None,
                pending_only: bool = True) -> list[Pending]:
    """Suggestions in a stable order (submission path, facts before items, key), undecided first
    asked for; `pending_only=False` lists decided ones too (for going back)."""
    rows = store.query(
        "SELECT s.id, s.submission_id, sub.path, s.body, EXISTS (SELECT 1 FROM decisions d "
        f"WHERE {DECIDED_KEY}) AS decided FROM suggestions s JOIN submissions sub ON "
        "sub.id = s.submission_id WHERE s.rubric = ? AND (? IS NULL OR s.submission_id = ? OR "
        "sub.path = ?) ORDER BY sub.path, s.target, s.key, s.id",
        (rubric_id, submission, submission, submission))
    made = [Pending(id=r["id"], submission=r["submission_id"], path=r["path"],
                    suggestion=Suggestion.model_validate_json(r["body"]),
                    decided=bool(r["decided"])) for r in rows]
    return [p for p in made if not p.decided] if pending_only else made


def as_suggested(suggestion: Suggestion) -> Decided:
    return Decided(value=suggestion.value, tier=suggestion.tier, points=suggestion.points)


def validate(rubric: Rubric, suggestion: Suggestion, decision: Decision) -> None:
    """Refuse a decision the rubric cannot take; the message says what would fit."""
    if decision.action == "override" and not (decision.reason or "").strip():
        raise InputError(f"{suggestion.key}: 改判必须填写理由 (an override needs a reason)")
    if decision.action == "no_evidence":
        return
    if suggestion.target == "fact":
        _check_fact(rubric.facts.get(suggestion.key), suggestion.key, decision.decided.value)
    else:
        _check_points(rubric.nodes().get(suggestion.key), suggestion.key, decision.decided)


def _check_fact(spec: FactSpec | None, name: str, value: Value) -> None:
    if spec is None:
        raise InputError(f"{name}: 评分细则中没有这一事实 (not a fact of this rubric)")
    if value is None:
        return
    ok = {
        "bool": isinstance(value, bool),
        "enum": value in spec.values,
        "int": isinstance(value, int) and not isinstance(value, bool),
    }.get(spec.type, isinstance(value, int | float) and not isinstance(value, bool))
    if not ok:
        allowed = "、".join(spec.values) if spec.type == "enum" else spec.type
        raise InputError(f"{name}: “{value}” 不是允许的取值 ({allowed})")
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = spec.minimum, spec.maximum
        if (low is not None and Decimal(str(value)) < low) or (
                high is not None and Decimal(str(value)) > high):
            raise InputError(f"{name}: {value} 超出允许范围 [{low}, {high}]")


def _check_points(node: Node | None, key: str, decided: Decided) -> None:
    if node is None:
        raise InputError(f"{key}: 评分细则中没有这一指标 (not an item of this rubric)")
    if decided.points is None:
        raise InputError(f"{key}: 请给出分值 (points are needed)")
    points = Decimal(str(decided.points))
    if not 0 <= points <= node.maximum:
        raise InputError(f"{key}: {decided.points:g} 分不在 0-{node.maximum} 分之内")
    step = getattr(node, "step", None)
    if step and points % step != 0:
        raise InputError(f"{key}: {decided.points:g} 分不是 {step.normalize()} 分的整数倍")
    if isinstance(node, ExpertNode) and node.tiers:
        fits = [t for t in node.tiers if t.min <= points <= t.max]
        if not fits:
            tiers = "，".join(f"{t.label} {t.min}-{t.max}" for t in node.tiers)
            raise InputError(f"{key}: {decided.points:g} 分不在任何一档内（{tiers}）")
        if decided.tier and decided.tier not in {t.label for t in fits}:
            raise InputError(f"{key}: {decided.points:g} 分不属于{decided.tier}")


Guard = Callable[[sqlite3.Connection], Sequence[Decision]]


def record(store: Store, rubric: Rubric, reviewer: str, decisions: Sequence[Decision],
           source: Source, guard: Guard | None = None) -> int:
    """Validate every decision, then write them all in one transaction: all or none. `guard`,
    run inside that transaction, returns the decisions to write (or raises to write none)."""
    if not reviewer.strip():
        raise InputError("请用 --reviewer 写明复核人 (a reviewer name is required)")
    found = _suggestions_by_id(store, rubric.id, [d.suggestion_id for d in decisions])
    for decision in decisions:
        validate(rubric, found[decision.suggestion_id], decision)

    def work(db: sqlite3.Connection) -> int:
        chosen = guard(db) if guard else decisions
        for decision in chosen:
            _insert(db, rubric.id, reviewer, found[decision.suggestion_id], decision,
                    decision.source or source)
        return len(chosen)

    return int(store.write(work))


def _suggestions_by_id(store: Store, rubric_id: str, ids: Sequence[int]) -> dict[int, Suggestion]:
    found: dict[int, Suggestion] = {}
    for sid in set(ids):
        rows = store.query("SELECT id, body FROM suggestions WHERE id = ? AND rubric = ?",
                           (sid, rubric_id))
        if not rows:
            raise InputError(f"没有编号为 {sid} 的建议 (no suggestion {sid} for {rubric_id})")
        found[sid] = Suggestion.model_validate_json(rows[0]["body"])
    return found


def _insert(db: sqlite3.Connection, rubric_id: str, reviewer: str, suggestion: Suggestion,
            decision: Decision, source: Source) -> None:
    decided = Decided() if decision.action == "no_evidence" else decision.decided
    db.execute(
        "INSERT INTO decisions (suggestion_id, submission_id, rubric, target, key, reviewer, "
        "action, suggested, decided, reason, source, decided_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (decision.suggestion_id, suggestion.submission, rubric_id, suggestion.target,
         suggestion.key, reviewer.strip(), decision.action,
         as_suggested(suggestion).model_dump_json(), decided.model_dump_json(),
         decision.reason, source, now()))


def accept_all(store: Store, rubric: Rubric, reviewer: str, submission: str | None = None) -> int:
    """A deliberate bulk acceptance of every pending suggestion, recorded as such."""
    pending = suggestions(store, rubric.id, submission)
    decisions = [_bulk(p) for p in pending]
    return record(store, rubric, reviewer, decisions, "accept_all") if decisions else 0


def _bulk(pending: Pending) -> Decision:
    # Accepting "no evidence found" confirms there is none: the fact is unknown, the item 0 分.
    found = pending.suggestion.status == "suggested"
    return Decision(suggestion_id=pending.id, action="bulk_accept" if found else "no_evidence",
                    decided=as_suggested(pending.suggestion) if found else Decided(),
                    reason="批量接受 (--accept-all)")


class Confirmed(Strict):
    """A submission's values that count: the latest decision per fact and per item."""

    submission: str
    facts: dict[str, Value]
    points: dict[str, float]
    undecided: list[str]  # "fact:it_staff", "item:4": suggestions nobody has decided on


def confirmed(store: Store, rubric_id: str, submission: str) -> Confirmed:
    """The latest decision per fact and item (whichever extractor's suggestion it was made on)."""
    args = (rubric_id, submission)
    rows = store.query(
        "SELECT target, key, action, decided FROM decisions WHERE id IN (SELECT MAX(id) FROM "
        "decisions WHERE rubric = ? AND submission_id = ? GROUP BY target, key) "
        "ORDER BY target, key", args)
    facts: dict[str, Value] = {}
    points: dict[str, float] = {}
    for row in rows:
        decided = Decided.model_validate(json.loads(row["decided"]))
        if row["target"] == "fact":
            facts[row["key"]] = decided.value
        elif decided.points is not None:
            points[row["key"]] = decided.points
        elif row["action"] == "no_evidence":
            points[row["key"]] = 0.0  # confirmed: nothing in the material earns this item points
    asked = store.query("SELECT DISTINCT target, key FROM suggestions WHERE rubric = ? AND "
                        "submission_id = ? ORDER BY target, key", args)
    done = {(r["target"], r["key"]) for r in rows}
    undecided = [f"{r['target']}:{r['key']}" for r in asked if (r["target"], r["key"]) not in done]
    return Confirmed(submission=submission, facts=facts, points=points, undecided=undecided)


def audit_log(store: Store, rubric_id: str | None = None,
              submission: str | None = None) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT d.*, sub.path FROM decisions d JOIN submissions sub ON sub.id = d.submission_id "
        "WHERE (? IS NULL OR d.rubric = ?) AND (? IS NULL OR d.submission_id = ? OR "
        "sub.path = ?) ORDER BY d.id", (rubric_id, rubric_id, submission, submission, submission))
    return [dict(row) for row in rows]
