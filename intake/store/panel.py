"""The panel in the store: reviewers, who is assigned to which submission, and the panel's audit
log (imports and every change of assignment, appended, never changed)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import Field

from intake.store.connection import Session, Store, now
from rubric.strict import Strict

Role = Literal["expert", "lead"]


class Reviewer(Strict):
    """A member of the panel (评审工作组): an expert (专家) or the lead (组长)."""

    name: str = Field(min_length=1)
    unit: str = ""
    city: str = ""
    role: Role = "expert"


class Assignment(Strict):
    """The experts who review one submission."""

    submission: str
    path: str
    reviewers: tuple[str, ...]


def _log(db: Session, rubric: str | None, action: str, by_whom: str, detail: Any) -> None:
    db.execute("INSERT INTO panel_log (rubric, action, by_whom, detail, at) VALUES (?, ?, ?, ?, ?)",
               (rubric, action, by_whom, json.dumps(detail, ensure_ascii=False), now()))


def save_reviewers(store: Store, reviewers: Sequence[Reviewer], by_whom: str,
                   source: str) -> None:
    """Add the roster's reviewers, or update a known name's unit, city and role; audited."""

    def work(db: Session) -> None:
        for r in reviewers:
            db.execute("INSERT INTO reviewers VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE "
                       "SET unit = excluded.unit, city = excluded.city, role = excluded.role, "
                       "imported_at = excluded.imported_at",
                       (r.name, r.unit, r.city, r.role, now()))
        _log(db, None, "reviewers_import", by_whom,
             {"source": source, "reviewers": [r.model_dump() for r in reviewers]})

    store.write(work)


def stored_reviewers(store: Store) -> list[Reviewer]:
    rows = store.query("SELECT name, unit, city, role FROM reviewers ORDER BY role, name")
    return [Reviewer(name=r["name"], unit=r["unit"], city=r["city"], role=r["role"])
            for r in rows]


def replace_assignment(store: Store, rubric: str, assignments: Sequence[Assignment],
                       by_whom: str) -> None:
    """The rubric's whole assignment at once, the previous one kept in the panel log."""

    def work(db: Session) -> None:
        before = _assigned(db.execute(
            "SELECT submission_id, reviewer FROM assignments WHERE rubric = ?", (rubric,))
            .fetchall())
        db.execute("DELETE FROM assignments WHERE rubric = ?", (rubric,))
        for a in assignments:
            for name in a.reviewers:
                db.execute("INSERT INTO assignments VALUES (?, ?, ?, ?)",
                           (rubric, a.submission, name, now()))
        _log(db, rubric, "assign", by_whom, {
            "before": before, "after": {a.submission: list(a.reviewers) for a in assignments}})

    store.write(work)


def _assigned(rows: Sequence[Any]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["submission_id"], []).append(row["reviewer"])
    return {k: sorted(v) for k, v in sorted(found.items())}


def stored_assignment(store: Store, rubric: str) -> list[Assignment]:
    rows = store.query(
        "SELECT a.submission_id, s.path, a.reviewer FROM assignments a JOIN submissions s ON "
        "s.id = a.submission_id WHERE a.rubric = ? ORDER BY s.path, a.reviewer", (rubric,))
    paths = {r["submission_id"]: r["path"] for r in rows}
    return [Assignment(submission=sid, path=paths[sid], reviewers=tuple(names))
            for sid, names in _assigned(rows).items()]


def assigned_to(store: Store, rubric: str, reviewer: str) -> list[str]:
    """The submissions a reviewer is assigned to, by id."""
    rows = store.query("SELECT submission_id FROM assignments WHERE rubric = ? AND reviewer = ? "
                       "ORDER BY submission_id", (rubric, reviewer))
    return [r["submission_id"] for r in rows]


def panel_log(store: Store) -> list[dict[str, Any]]:
    return [dict(r) for r in store.query("SELECT * FROM panel_log ORDER BY id")]


def panel_active(store: Store, rubric: str) -> bool:
    """Whether the rubric's submissions are reviewed by a panel (an assignment exists)."""
    return bool(store.query("SELECT 1 FROM assignments WHERE rubric = ? LIMIT 1", (rubric,)))


class ExpertDecision(Strict):
    target: str
    key: str
    reviewer: str
    action: str
    decided: str  # the Decided as JSON
    source: str


def latest_per_reviewer(store: Store, rubric: str, submission: str) -> list[ExpertDecision]:
    """Each reviewer's latest decision per fact and item of a submission."""
    rows = store.query(
        "SELECT target, key, reviewer, action, decided, source FROM decisions WHERE id IN "
        "(SELECT MAX(id) FROM decisions WHERE rubric = ? AND submission_id = ? "
        "GROUP BY target, key, reviewer) ORDER BY target, key, reviewer", (rubric, submission))
    return [ExpertDecision.model_validate(dict(r)) for r in rows]


def assigned_reviewers(store: Store, rubric: str, submission: str) -> list[str]:
    rows = store.query("SELECT reviewer FROM assignments WHERE rubric = ? AND submission_id = ? "
                       "ORDER BY reviewer", (rubric, submission))
    return [r["reviewer"] for r in rows]


def reviewer_role(store: Store, name: str) -> str | None:
    rows = store.query("SELECT role FROM reviewers WHERE name = ?", (name,))
    return str(rows[0]["role"]) if rows else None


def submission_path(store: Store, sid: str) -> str:
    rows = store.query("SELECT path FROM submissions WHERE id = ?", (sid,))
    return str(rows[0]["path"]) if rows else sid
