"""SQL of what an Excel import checks against: the latest decision on each fact and item.

A workbook records, per row, the latest decision on its item when it was exported; on import a row
whose item has a newer decision is stale (intake/review_excel.py). Reads run on the connection of
the import's own write transaction, so no decision can slip in between the check and the write.
"""

from __future__ import annotations

import sqlite3

from pydantic import BaseModel, ConfigDict

from intake.decisions import Decided

ItemKey = tuple[str, str, str]  # (submission, target, key)


class LatestDecision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    reviewer: str
    action: str
    decided: Decided
    source: str
    decided_at: str


def latest_decisions(db: sqlite3.Connection, rubric_id: str) -> dict[ItemKey, LatestDecision]:
    """The latest decision per (submission, target, key) of the rubric."""
    rows = db.execute(
        "SELECT id, submission_id, target, key, reviewer, action, decided, source, decided_at "
        "FROM decisions WHERE id IN (SELECT MAX(id) FROM decisions WHERE rubric = ? "
        "GROUP BY submission_id, target, key)", (rubric_id,)).fetchall()
    return {(r[1], r[2], r[3]): LatestDecision(
        id=r[0], reviewer=r[4], action=r[5], decided=Decided.model_validate_json(r[6]),
        source=r[7], decided_at=r[8]) for r in rows}
