"""The panel in the store: reviewers, who is assigned to which submission, and the panel's audit
log (imports and every change of assignment, appended, never changed)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from intake.panel.assign import Assignment
from intake.panel.roster import Reviewer
from intake.store import Store, now

PANEL_MIGRATION = (
    "005_panel",
    """
    CREATE TABLE reviewers (
        name TEXT PRIMARY KEY,
        unit TEXT NOT NULL,
        city TEXT NOT NULL,
        role TEXT NOT NULL,               -- expert | lead
        imported_at TEXT NOT NULL
    );
    CREATE TABLE assignments (
        rubric TEXT NOT NULL,
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        reviewer TEXT NOT NULL REFERENCES reviewers(name),
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (rubric, submission_id, reviewer)
    );
    CREATE INDEX assignments_by_reviewer ON assignments(reviewer, rubric);
    CREATE TABLE panel_log (
        id INTEGER PRIMARY KEY,
        rubric TEXT,
        action TEXT NOT NULL,             -- reviewers_import | assign
        by_whom TEXT NOT NULL,
        detail TEXT NOT NULL,             -- JSON: what changed
        at TEXT NOT NULL
    );
    CREATE TRIGGER panel_log_no_update BEFORE UPDATE ON panel_log
        BEGIN SELECT RAISE(ABORT, 'the panel log is append-only'); END;
    CREATE TRIGGER panel_log_no_delete BEFORE DELETE ON panel_log
        BEGIN SELECT RAISE(ABORT, 'the panel log is append-only'); END;
    """,
)


def _log(db: Any, rubric: str | None, action: str, by_whom: str, detail: Any) -> None:
    db.execute("INSERT INTO panel_log (rubric, action, by_whom, detail, at) VALUES (?, ?, ?, ?, ?)",
               (rubric, action, by_whom, json.dumps(detail, ensure_ascii=False), now()))


def save_reviewers(store: Store, reviewers: Sequence[Reviewer], by_whom: str,
                   source: str) -> None:
    """Add the roster's reviewers, or update a known name's unit, city and role; audited."""

    def work(db: Any) -> None:
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

    def work(db: Any) -> None:
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
