"""Reviewer decisions in the store: appended, never updated or deleted (triggers refuse both).

The latest decision on a fact or item (of a submission, under a rubric) is the one that counts;
earlier ones stay in the audit log. Whether a decision may be made is `intake.review.decisions`'
business; this module only writes and reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from extractors.facts.models import Suggestion
from intake.store.connection import Record, Session, Store, now
from intake.store.suggestions import asked
from rubric.strict import Strict

Action = Literal["accept", "override", "no_evidence", "bulk_accept"]
Source = Literal["terminal", "excel", "accept_all", "lead", "desk"]
Value = bool | int | float | str | None


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


class LoggedDecision(Strict):
    """One row of the audit log, with the submission's path."""

    id: int
    suggestion_id: int
    submission_id: str
    path: str
    rubric: str
    target: str
    key: str
    reviewer: str
    action: str
    suggested: Decided
    decided: Decided
    reason: str | None
    source: str
    decided_at: str


class Confirmed(Strict):
    """A submission's values that count: the latest decision per fact and per item."""

    submission: str
    facts: dict[str, Value]
    points: dict[str, float]
    undecided: list[str]  # "fact:it_staff", "item:4": suggestions nobody has decided on


def as_suggested(suggestion: Suggestion) -> Decided:
    return Decided(value=suggestion.value, tier=suggestion.tier, points=suggestion.points)


def insert_decisions(store: Store, rubric_id: str, reviewer: str,
                     made: Sequence[tuple[Suggestion, Decision]], source: Source) -> None:
    """Append every decision in one transaction: all or none."""

    def work(db: Session) -> None:
        for suggestion, decision in made:
            _insert(db, rubric_id, reviewer, suggestion, decision, source)

    store.write(work)


def _insert(db: Session, rubric_id: str, reviewer: str, suggestion: Suggestion,
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


def confirmed(store: Store, rubric_id: str, submission: str) -> Confirmed:
    """The latest decision per fact and item (whichever extractor's suggestion it was made on)."""
    rows = store.query(
        "SELECT target, key, action, decided FROM decisions WHERE id IN (SELECT MAX(id) FROM "
        "decisions WHERE rubric = ? AND submission_id = ? GROUP BY target, key) "
        "ORDER BY target, key", (rubric_id, submission))
    facts: dict[str, Value] = {}
    points: dict[str, float] = {}
    for row in rows:
        decided = Decided.model_validate_json(row["decided"])
        if row["target"] == "fact":
            facts[row["key"]] = decided.value
        elif decided.points is not None:
            points[row["key"]] = decided.points
        elif row["action"] == "no_evidence":
            points[row["key"]] = 0.0  # confirmed: nothing in the material earns this item points
    done = {(r["target"], r["key"]) for r in rows}
    undecided = [f"{target}:{key}" for target, key in asked(store, rubric_id, submission)
                 if (target, key) not in done]
    return Confirmed(submission=submission, facts=facts, points=points, undecided=undecided)


def _logged(row: Record) -> LoggedDecision:
    data = dict(row)
    data["suggested"] = Decided.model_validate_json(data["suggested"])
    data["decided"] = Decided.model_validate_json(data["decided"])
    return LoggedDecision.model_validate(data)


def audit_log(store: Store, rubric_id: str | None = None,
              submission: str | None = None) -> list[LoggedDecision]:
    """The decisions, oldest first, of a rubric and a submission (by id or path), or all."""
    where, args = ["1 = 1"], []
    if rubric_id is not None:
        where, args = [*where, "d.rubric = ?"], [*args, rubric_id]
    if submission is not None:  # as in pending(): an id lookup the decisions index can serve
        where, args = [*where, "d.submission_id IN (SELECT id FROM submissions WHERE id = ? "
                       "OR path = ?)"], [*args, submission, submission]
    rows = store.query(
        "SELECT d.*, sub.path FROM decisions d JOIN submissions sub ON sub.id = d.submission_id "
        f"WHERE {' AND '.join(where)} ORDER BY d.id", tuple(args))
    return [_logged(row) for row in rows]


def latest_decision(store: Store, rubric_id: str, submission: str, target: str,
                    key: str) -> LoggedDecision | None:
    """The decision that counts now on this fact or item, if any."""
    rows = store.query(
        "SELECT d.*, sub.path FROM decisions d JOIN submissions sub ON sub.id = d.submission_id "
        "WHERE d.submission_id = ? AND d.rubric = ? AND d.target = ? AND d.key = ? "
        "ORDER BY d.id DESC LIMIT 1", (submission, rubric_id, target, key))
    return _logged(rows[0]) if rows else None
