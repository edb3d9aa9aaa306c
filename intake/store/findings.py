"""Findings in the store: each submission's findings of a stage (check, extract), replaced as a
whole when the stage runs again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from extractors.findings import Finding, worst_first
from intake.store.connection import Session, Store

Stage = Literal["check", "extract"]


def replace_findings(db: Session, sid: str, stage: Stage,
                     findings: Iterable[Finding]) -> None:
    """Inside a caller's transaction: this stage's findings of the submission, and no others."""
    db.execute("DELETE FROM findings WHERE submission_id = ? AND stage = ?", (sid, stage))
    db.executemany(
        "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(sid, stage, f.code, f.level, f.field, f.document, f.message, f.model_dump_json())
         for f in findings],
    )


def stored_findings(store: Store, sid: str) -> list[Finding]:
    """Every finding of the submission (checks and extraction), worst first."""
    rows = store.query("SELECT body FROM findings WHERE submission_id = ?", (sid,))
    return worst_first([Finding.model_validate_json(row["body"]) for row in rows])
