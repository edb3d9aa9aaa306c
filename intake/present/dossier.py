"""One submission's whole picture, and the whole store, as data: `intake show` and `intake export`.

A dossier holds what the check found (fields, 字数 counts and limits, findings, documents), every
suggestion with its citations and whether a reviewer has decided on it, the audit log's decisions
and the score from confirmed values. The models below are the contract of `intake show --format
json` and `intake export`: SCHEMA_VERSION changes when a key changes meaning or goes away, and the
JSON Schema file beside this module (export.schema.json) is generated from them (a test keeps it
equal).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from extractors.facts.models import Citation, Suggestion
from extractors.findings import Finding
from intake.present.labels import pending_label
from intake.present.score import row_json
from intake.score.scoring import ScoreReport, score_store
from intake.store import Store
from intake.store.decisions import LoggedDecision, audit_log
from intake.store.findings import stored_findings
from intake.store.submissions import SubmissionRow, checked_record, submissions
from intake.store.suggestions import pending
from rubric import Rubric

SCHEMA_VERSION = 1
SCHEMA_FILE = Path(__file__).with_name("export.schema.json")


class _Open(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentEntry(_Open):
    path: str
    role: str  # form, deeds, other
    format: str | None
    pages: int | None
    sha256: str | None


class SuggestionEntry(_Open):
    """A suggestion as the extractor made it (Suggestion's keys), with its store id, a Chinese
    label and whether a reviewer has decided on it."""

    id: int
    label: str
    decided: bool
    target: str
    key: str
    value: Any = None
    tier: str | None = None
    points: float | None = None
    points_range: tuple[float, float] | None = None
    status: str
    rationale: str
    confidence: float
    extractor: str
    model: str | None = None
    heuristic: bool = False
    citations: list[Citation]


class Dossier(_Open):
    schema_version: int = SCHEMA_VERSION
    submission: str
    path: str
    kind: str
    rubric: str
    fields: dict[str, str | None]
    counts: dict[str, int | None]
    limits: dict[str, int | None]
    documents: list[DocumentEntry]
    findings: list[Finding]
    suggestions: list[SuggestionEntry]
    decisions: list[LoggedDecision]
    score: dict[str, Any] | None  # intake score --format json's unit entry; null: not scored


class Export(_Open):
    schema_version: int = SCHEMA_VERSION
    rubric: str
    submissions: list[Dossier]


def _documents(checked: dict[str, Any]) -> list[DocumentEntry]:
    return [DocumentEntry(path=d["document"]["path"], role=d.get("role", ""),
                          format=d["document"].get("format"), pages=d["document"].get("pages"),
                          sha256=d["document"].get("sha256"))
            for d in checked.get("documents", [])]


def _suggestion(rubric: Rubric, sid: int, s: Suggestion, decided: bool) -> SuggestionEntry:
    body = s.model_dump(exclude={"submission"})
    return SuggestionEntry(id=sid, label=pending_label(rubric, f"{s.target}:{s.key}"),
                           decided=decided, **body)


def dossier(store: Store, rubric: Rubric, row: SubmissionRow,
            report: ScoreReport | None = None) -> Dossier:
    """Everything the store knows of one submission under one rubric; `report` is the store's
    score (computed when not given)."""
    checked = checked_record(store, row.id)
    report = report or score_store(store, rubric)
    scored = next((r for r in report.rows if r.submission == row.id), None)
    return Dossier(
        submission=row.id, path=row.path, kind=row.kind, rubric=rubric.id,
        fields=checked.get("fields", {}), counts=checked.get("counts", {}),
        limits=checked.get("limits", {}), documents=_documents(checked),
        findings=stored_findings(store, row.id),
        suggestions=[_suggestion(rubric, p.id, p.suggestion, p.decided)
                     for p in pending(store, rubric.id, row.id, pending_only=False)],
        decisions=audit_log(store, rubric.id, row.id),
        score=row_json(scored) if scored else None)


def dossiers(store: Store, rubric: Rubric) -> Iterator[Dossier]:
    """Every stored submission's dossier, by path, scored once for all."""
    report = score_store(store, rubric)
    for row in submissions(store):
        yield dossier(store, rubric, row, report)


def dumps(model: BaseModel) -> str:
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False, indent=2)


def export_json(store: Store, rubric: Rubric) -> str:
    return dumps(Export(rubric=rubric.id, submissions=list(dossiers(store, rubric))))


def export_jsonl(store: Store, rubric: Rubric) -> str:
    """One dossier per line (each names its schema_version and rubric), for streaming tools."""
    return "".join(json.dumps(d.model_dump(mode="json"), ensure_ascii=False) + "\n"
                   for d in dossiers(store, rubric))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `intake export --format json`; a jsonl line is its Dossier."""
    schema = Export.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "intake export"
    return schema
