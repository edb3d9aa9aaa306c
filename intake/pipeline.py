"""`intake run`: check a batch, store it, and suggest facts and tiers for every submission.

Each submission is stored in its own transaction as soon as its files are read, and its
suggestions in another, so a run interrupted (Ctrl-C, SIGTERM: RunInterrupted says how many were
stored) or killed at any moment resumes where it stopped: submissions already stored are kept,
suggestions already made for (submission, rubric, extractor, model) are not made again, and
nothing is duplicated.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractors.document import Document
from extractors.facts.base import Extractor, SubmissionText, get_extractor
from extractors.facts.models import ExtractionResult, Suggestion
from extractors.findings import LEVEL_RANK, Finding, worst_first
from intake.batch import Progress, iter_checked, load_programme, shown
from intake.checks import KIND_NAMES, CheckedSubmission
from intake.decisions import DECIDED_KEY
from intake.interrupt import deferred
from intake.rubrics import load_rubric
from intake.store import Store, now, submission_id
from intake.store_submissions import claim_id, record_claim
from intake.triage import Candidate, TriageRow, suggested_totals
from intake.units import unit_for
from rubric import Rubric
from rubric.errors import InputError


@dataclass(frozen=True)
class StoredSubmission:
    id: str
    checked: CheckedSubmission


def _members(checked: CheckedSubmission) -> list[tuple[str, str]]:
    return [(Path(r.document.path).name, r.document.sha256 or r.document.path)
            for r in checked.documents]


def _save_document(db: sqlite3.Connection, document: Document, form: Any) -> None:
    if not document.sha256:
        return
    db.execute(
        "INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
        (document.sha256, document.format, document.pages, document.text,
         document.model_dump_json(), form.model_dump_json(), now()),
    )


def _checked_json(checked: CheckedSubmission) -> str:
    # Texts live once in `documents`; the submission keeps everything else.
    return checked.model_dump_json(exclude={"documents": {"__all__": {"document": {"text", "blocks",
                                                                                  "tables"}}}})


def folder_key(path: str, roots: Iterable[Path]) -> str:
    """A submission's folder relative to the batch folder it was found in (so the same batch run
    as samples/batch or /abs/samples/batch is the same), else its own name."""
    here = Path(path)
    for root in roots:
        base = Path(shown(root))
        if here != base and here.is_relative_to(base):
            return here.relative_to(base).as_posix()
    return here.name


def save_submission(store: Store, checked: CheckedSubmission,
                    folder: str | None = None) -> StoredSubmission:
    """Store one checked submission in one transaction; the same files in the same folder again
    update it in place, the same files in another folder are another submission."""
    content = submission_id(_members(checked))
    place = folder if folder is not None else Path(checked.path).name

    def work(db: sqlite3.Connection) -> str:
        sid = claim_id(db, place, content)
        for read in checked.documents:
            _save_document(db, read.document, read.form)
        stamp = now()
        db.execute(
            "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "path = excluded.path, kind = excluded.kind, checked = excluded.checked, "
            "last_seen = excluded.last_seen",
            (sid, checked.path, checked.kind, _checked_json(checked), stamp, stamp),
        )
        record_claim(db, sid, place, content)
        db.execute("DELETE FROM submission_documents WHERE submission_id = ?", (sid,))
        for read in checked.documents:
            if read.document.sha256:
                db.execute("INSERT OR REPLACE INTO submission_documents VALUES (?, ?, ?, ?)",
                           (sid, read.document.sha256, read.document.path, read.role))
        _replace_findings(db, sid, "check", checked.findings)
        return sid

    return StoredSubmission(store.write(work), checked)


def _replace_findings(db: sqlite3.Connection, sid: str, stage: str,
                      findings: Iterable[Finding]) -> None:
    db.execute("DELETE FROM findings WHERE submission_id = ? AND stage = ?", (sid, stage))
    db.executemany(
        "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(sid, stage, f.code, f.level, f.field, f.document, f.message, f.model_dump_json())
         for f in findings],
    )


def submission_text(stored: StoredSubmission) -> SubmissionText:
    documents = [(r.document, r.role) for r in stored.checked.documents
                 if r.role in ("form", "deeds") and r.document.readable]
    return SubmissionText.of(stored.id, *documents)  # type: ignore[arg-type]


def has_suggestions(store: Store, sid: str, rubric_id: str, extractor: str, model: str) -> bool:
    rows = store.query("SELECT 1 FROM suggestions WHERE submission_id = ? AND rubric = ? AND "
                       "extractor = ? AND model = ? LIMIT 1", (sid, rubric_id, extractor, model))
    return bool(rows)


def save_suggestions(store: Store, sid: str, rubric_id: str, result: ExtractionResult) -> None:
    """All suggestions and extraction findings of one submission, in one transaction."""

    def work(db: sqlite3.Connection) -> None:
        for s in result.suggestions:
            db.execute(
                "INSERT INTO suggestions (submission_id, rubric, target, key, extractor, model, "
                "status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (sid, rubric_id, s.target, s.key, s.extractor, s.model or "", s.status,
                 s.model_dump_json(), now()),
            )
        _replace_findings(db, sid, "extract", result.findings)

    store.write(work)


def load_suggestions(store: Store, sid: str, rubric_id: str) -> list[tuple[int, Suggestion]]:
    rows = store.query("SELECT id, body FROM suggestions WHERE submission_id = ? AND rubric = ? "
                       "ORDER BY target, key, id", (sid, rubric_id))
    return [(row["id"], Suggestion.model_validate_json(row["body"])) for row in rows]


def stored_findings(store: Store, sid: str) -> list[Finding]:
    rows = store.query("SELECT body FROM findings WHERE submission_id = ?", (sid,))
    return worst_first([Finding.model_validate_json(row["body"]) for row in rows])


@dataclass(frozen=True)
class RunResult:
    rubric: Rubric
    extractor: str
    model: str
    submissions: list[StoredSubmission]
    extracted: int
    reused: int


class RunInterrupted(Exception):
    """Ctrl-C or SIGTERM during `intake run`: what was stored before it stays stored."""

    def __init__(self, stored: int, suggested: int) -> None:
        super().__init__(f"已中断：本次已保存 {stored} 个申报材料（其中 {suggested} 个已生成"
                         "建议），均已写入数据库；再次运行同一命令即可从中断处继续 (interrupted: "
                         f"{stored} submissions stored; run the same command again to resume)")
        self.stored, self.suggested = stored, suggested


@dataclass
class _Tally:
    stored: list[StoredSubmission] = field(default_factory=list)
    todo: list[StoredSubmission] = field(default_factory=list)
    suggested: int = 0
    reused: int = 0


def run_batch(
    paths: list[Path],
    rubric_id: str,
    store: Store,
    *,
    extractor: Extractor,
    model: str = "",
    jobs: int = 2,
    timeout: float = 60.0,
    progress: Progress | None = None,
) -> RunResult:
    """Check, store, and suggest. Each submission is stored as soon as its files are read, and
    suggested for in small groups, each in its own transaction; submissions already suggested for
    by this extractor and model are not sent again, so an interrupted run (RunInterrupted) or a
    killed one resumes where it stopped."""
    rubric = load_rubric(rubric_id)
    tally = _Tally()
    found = iter_checked(paths, load_programme(rubric.programme), jobs=jobs, timeout=timeout,
                         progress=progress)
    try:
        for _, checked in found:
            _store_one(store, rubric, checked, paths, extractor.name, model, tally)
            if len(tally.todo) >= max(1, jobs) * 4:
                _suggest_group(store, extractor, rubric, tally)
        _suggest_group(store, extractor, rubric, tally)
    except KeyboardInterrupt:
        found.close()
        raise RunInterrupted(len(tally.stored), tally.suggested) from None
    stored = sorted(tally.stored, key=lambda s: s.checked.path)
    return RunResult(rubric, extractor.name, model, stored, tally.suggested, tally.reused)


def _store_one(store: Store, rubric: Rubric, checked: CheckedSubmission, paths: list[Path],
               extractor: str, model: str, tally: _Tally) -> None:
    with deferred():  # stored and counted, or neither
        item = save_submission(store, checked, folder_key(checked.path, paths))
        tally.stored.append(item)
    if not scored_by(rubric, checked):
        return
    if has_suggestions(store, item.id, rubric.id, extractor, model):
        tally.reused += 1
    else:
        tally.todo.append(item)


def _suggest_group(store: Store, extractor: Extractor, rubric: Rubric, tally: _Tally) -> None:
    group, tally.todo = tally.todo, []
    if not group:
        return
    for item, result in zip(group, _suggest(extractor, group, rubric), strict=True):
        with deferred():
            save_suggestions(store, item.id, rubric.id, result)
            tally.suggested += 1


def _suggest(extractor: Extractor, group: list[StoredSubmission],
             rubric: Rubric) -> list[ExtractionResult]:
    texts = [submission_text(item) for item in group]
    many = getattr(extractor, "suggest_many", None)
    if many is not None:
        return list(many(texts, rubric))
    return [extractor.suggest(text, rubric) for text in texts]


def make_extractor(name: str, model: str | None, store: Store, jobs: int) -> Extractor:
    """The extractor asked for; the llm one answers from the store's cache when it can."""
    if name != "llm":
        if model:
            raise InputError("--model is for --extractor llm; the rules extractor uses no model")
        return get_extractor(name)
    if not model:
        raise InputError("--extractor llm needs --model provider:model, e.g. "
                         "--model openai:gpt-4o-mini (OPENAI_API_KEY, OPENAI_BASE_URL) or "
                         "--model ollama:qwen2.5")
    from intake.llm_store import StoreCache

    return get_extractor("llm", model=model, cache=StoreCache(store), jobs=jobs)


def scored_by(rubric: Rubric, checked: CheckedSubmission) -> bool:
    """Whether the rubric scores this submission: its form is one of the rubric's forms, or the
    rubric has no forms of its own (Xunke's school materials)."""
    kinds = {form.kind for form in rubric.forms}
    return not kinds or checked.kind in kinds


def triage(store: Store, result: RunResult) -> list[TriageRow]:
    """One row per submission of the run, worst first; totals only where the rubric scores it."""
    rubric = result.rubric
    candidates = {s.id: Candidate(submission=s.id,
                                  unit=unit_for(rubric, s.checked.fields, s.checked.path),
                                  suggestions=[x for _, x in load_suggestions(store, s.id,
                                                                               rubric.id)])
                  for s in result.submissions if scored_by(rubric, s.checked)}
    totals = suggested_totals(rubric, list(candidates.values()))
    rows = [_row(store, rubric.id, s, candidates.get(s.id), totals.get(s.id))
            for s in result.submissions]
    return sorted(rows, key=_triage_order)


def _row(store: Store, rubric_id: str, stored: StoredSubmission, candidate: Candidate | None,
         total: tuple[Decimal, Decimal, Decimal, bool] | None) -> TriageRow:
    pending = pending_count(store, stored.id, rubric_id)
    mid, low, high, excluded = total if total else (None, None, None, False)
    return TriageRow(
        submission=stored.id, path=stored.checked.path, kind=stored.checked.kind,
        unit=candidate.unit if candidate else None, findings=stored_findings(store, stored.id),
        suggested_total=_number(mid), total_min=_number(low), total_max=_number(high),
        pending=pending, excluded=excluded,
        note="" if candidate else _not_scored(stored.checked.kind))


def _not_scored(kind: str) -> str:
    if kind == "unknown":
        return "未识别出申报表，未评分"
    return f"{KIND_NAMES.get(kind, kind)}申报材料不属于该评分细则，未评分"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _triage_order(row: TriageRow) -> tuple[int, int, str]:
    worst = min((LEVEL_RANK[f.level] for f in row.findings), default=len(LEVEL_RANK))
    return worst, -len(row.findings), row.path


def pending_count(store: Store, sid: str, rubric_id: str) -> int:
    """Suggestions of this submission that no reviewer has decided on yet."""
    rows = store.query(
        "SELECT COUNT(DISTINCT s.target || ':' || s.key) AS n FROM suggestions s WHERE "
        f"s.submission_id = ? AND s.rubric = ? AND NOT EXISTS (SELECT 1 FROM decisions d WHERE "
        f"{DECIDED_KEY})",
        (sid, rubric_id))
    return int(rows[0]["n"])
