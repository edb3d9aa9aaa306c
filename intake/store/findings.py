"""Findings in the store: each submission's findings of a stage (check, extract), replaced as a
whole when the stage runs again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from extractors.findings import Finding, worst_first
from intake.store.connection import Session, Store

Stage = Literal["check", "extract"]


# A finding as its row without the submission and stage: (code, level, field, document,
# message, body). Built where the finding is made (a worker of `intake run`), written here.
FindingRow = tuple[str, str, str | None, str | None, str, str]


def finding_rows(findings: Iterable[Finding]) -> tuple[FindingRow, ...]:
    return tuple((f.code, f.level, f.field, f.document, f.message, f.model_dump_json())
                 for f in findings)


def replace_findings(db: Session, sid: str, stage: Stage,
                     findings: Iterable[Finding]) -> None:
    """Inside a caller's transaction: this stage's findings of the submission, and no others."""
    replace_finding_rows(db, sid, stage, finding_rows(findings))


def replace_finding_rows(db: Session, sid: str, stage: Stage,
                         rows: Iterable[FindingRow]) -> None:
    db.execute("DELETE FROM findings WHERE submission_id = ? AND stage = ?", (sid, stage))
    db.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [(sid, stage, *row) for row in rows])


def stored_findings(store: Store, sid: str) -> list[Finding]:
    """Every finding of the submission (checks and extraction), worst first."""
    rows = store.query("SELECT body FROM findings WHERE submission_id = ?", (sid,))
    return worst_first([Finding.model_validate_json(row["body"]) for row in rows])
