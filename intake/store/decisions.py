"""Reviewer decisions in the store: appended, never updated or deleted (triggers refuse both).

The latest decision on a fact or item (of a submission, under a rubric) is the one that counts;
earlier ones stay in the audit log. Whether a decision may be made is `intake.review.decisions`'
business; this module only writes and reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Literal

from extractors.facts.models import Suggestion
from intake.store.connection import Record, Session, Store, now
from intake.store.suggestions import asked
from rubric.strict import Strict

Action = Literal["accept", "override", "no_evidence", "bulk_accept"]
# excel_force: an Excel row applied with --force over a decision made after the workbook's export;
# desk: a decision made in the browser (intake serve).
Source = Literal["terminal", "excel", "excel_force", "accept_all", "lead", "desk"]
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
    source: Source | None = None  # this decision's own source, where a batch mixes them


# Run inside the write transaction: returns the decisions to write (or raises to write none).
Guard = Callable[[Session], Sequence[Decision]]


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
                     made: Sequence[tuple[Suggestion, Decision]], source: Source,
                     guard: Guard | None = None) -> int:
    """Append every decision in one transaction: all or none. `guard`, run inside that
    transaction, chooses which of them to write (or raises to write none); the count written."""
    by_id = {decision.suggestion_id: suggestion for suggestion, decision in made}

    def work(db: Session) -> int:
        chosen = guard(db) if guard else [decision for _, decision in made]
        return _insert_all(db, rubric_id, reviewer,
                           [(by_id[d.suggestion_id], d) for d in chosen], source)

    return int(store.write(work))


def insert_decision_batches(store: Store, rubric_id: str, reviewer: str,
                            batches: Iterable[Sequence[tuple[Suggestion, Decision]]],
                            source: Source) -> int:
    """Append the decisions of every batch in one transaction (all or none), a batch at a time:
    `batches` may read the store as it goes (on this transaction's connection), so a bulk
    acceptance of thousands of submissions never holds all its suggestions at once."""

    def work(db: Session) -> int:
        return sum(_insert_all(db, rubric_id, reviewer, batch, source) for batch in batches)

    return int(store.write(work))


def _insert_all(db: Session, rubric_id: str, reviewer: str,
                made: Sequence[tuple[Suggestion, Decision]], source: Source) -> int:
    for suggestion, decision in made:
        _insert(db, rubric_id, reviewer, suggestion, decision, decision.source or source)
    return len(made)


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


ItemKey = tuple[str, str, str]  # (submission, target, key)


class LatestDecision(Strict):
    """The latest decision on an item, as an Excel import checks its workbook against: a row
    exported before a newer decision is stale (intake/review/excel.py). Read on the connection of
    the import's own write transaction, so no decision can slip in between check and write."""

    id: int
    reviewer: str
    action: str
    decided: Decided
    source: str
    decided_at: str


def latest_decisions(db: Session, rubric_id: str) -> dict[ItemKey, LatestDecision]:
    """The latest decision per (submission, target, key) of the rubric."""
    rows = db.execute(
        "SELECT id, submission_id, target, key, reviewer, action, decided, source, decided_at "
        "FROM decisions WHERE id IN (SELECT MAX(id) FROM decisions WHERE rubric = ? "
        "GROUP BY submission_id, target, key)", (rubric_id,)).fetchall()
    return {(r[1], r[2], r[3]): LatestDecision(
        id=r[0], reviewer=r[4], action=r[5], decided=Decided.model_validate_json(r[6]),
        source=r[7], decided_at=r[8]) for r in rows}
