"""`intake run`: check a batch, store it, and suggest facts and tiers for every submission.

Each submission is stored in its own transaction and its suggestions in another, so a run killed
at any moment resumes where it stopped: submissions already stored are kept, suggestions already
made for (submission, rubric, extractor, model) are not made again, and nothing is duplicated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractors.facts.base import Extractor, SubmissionText, TextRole, get_extractor
from extractors.facts.models import ExtractionResult
from extractors.facts.rubric_adapter import from_rubric
from extractors.facts.spec import RubricView
from extractors.findings import LEVEL_RANK
from intake.catalog import load_rubric
from intake.glossary import SUBMISSION_KIND_NAMES
from intake.run.extract_pool import suggest_in_workers
from intake.run.judged import with_requests
from intake.run.triage import Candidate, TriageRow, suggested_totals
from intake.score.shortlist import suggested_note
from intake.score.units import unit_for
from intake.screen.batch import BatchResult, Progress, Shard, check_batch, load_programme
from intake.screen.checks import CheckedSubmission, DocumentRole
from intake.store import Store, passages
from intake.store.findings import stored_findings
from intake.store.submissions import StoredSubmission, save_submission
from intake.store.suggestions import (
    has_suggestions,
    load_suggestions,
    pending_count,
    save_suggestions,
)
from rubric import Rubric
from rubric.errors import InputError

# The documents an extractor reads, by their role in the submission (other documents: none).
_TEXT_ROLES: dict[DocumentRole, TextRole] = {"form": "form", "deeds": "deeds"}


def submission_text(stored: StoredSubmission) -> SubmissionText:
    documents = [(r.document, _TEXT_ROLES[r.role]) for r in stored.checked.documents
                 if r.role in _TEXT_ROLES and r.document.readable]
    return SubmissionText.of(stored.id, *documents)


@dataclass(frozen=True)
class RunResult:
    rubric: Rubric
    extractor: str
    model: str
    submissions: list[StoredSubmission]
    extracted: int
    reused: int


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
    shard: Shard | None = None,
) -> RunResult:
    """Check, store, and suggest. Submissions already suggested for by this extractor and model are
    not sent again, so a run killed half way resumes where it stopped. With a shard, only that
    part of the batch (several machines share one store, each its own part)."""
    rubric = load_rubric(rubric_id)
    batch: BatchResult = check_batch(paths, load_programme(rubric.programme), jobs=jobs,
                                     timeout=timeout, progress=progress, shard=shard)
    stored = [_save(store, checked) for checked in batch.submissions]
    todo = [s for s in stored if scored_by(rubric, s.checked)
            and not has_suggestions(store, s.id, rubric.id, extractor.name, model)]
    view = from_rubric(rubric)  # what the extractor reads of the rubric, built once
    batched = hasattr(extractor, "suggest_many")  # concurrent model calls: small groups
    for group in _groups(todo, size=max(1, jobs) * (4 if batched else 64)):
        for item, result in zip(group, _suggest(extractor, group, view, jobs), strict=True):
            result = with_requests(rubric, item.id, result, extractor.name, model)
            save_suggestions(store, item.id, rubric.id, result.suggestions, result.findings)
    return RunResult(rubric, extractor.name, model, stored, len(todo),
                     sum(scored_by(rubric, s.checked) for s in stored) - len(todo))


def _save(store: Store, checked: CheckedSubmission) -> StoredSubmission:
    """Store one checked submission, then index its passages for `intake ask` (a run killed
    between the two is indexed when asked)."""
    stored = save_submission(store, checked)
    passages.index_documents(store, (read.document for read in checked.documents))
    return stored


def _groups(items: list[StoredSubmission], size: int) -> Iterator[list[StoredSubmission]]:
    # Small groups: an extractor that calls models concurrently gets work, and a killed run
    # loses at most one group (whose model answers are in the cache anyway).
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _suggest(extractor: Extractor, group: list[StoredSubmission], rubric: RubricView,
             jobs: int = 1) -> list[ExtractionResult]:
    texts = [submission_text(item) for item in group]
    many = getattr(extractor, "suggest_many", None)
    if many is not None:
        return list(many(texts, rubric))
    if jobs > 1 and len(texts) > 1:  # offline extraction: in the workers, not the parent
        return suggest_in_workers(extractor, texts, rubric, jobs)
    return [extractor.suggest(text, rubric) for text in texts]


def make_extractor(name: str, model: str | None, store: Store, jobs: int,
                   calls: dict[str, Any] | None = None) -> Extractor:
    """The extractor asked for; the llm one answers from the store's cache when it can, and
    takes its call settings from `calls` (the --llm-* options), the environment and the [llm]
    table of intake.toml. `jobs` is for reading files; model calls have their own concurrency."""
    if name != "llm":
        if model or calls:
            raise InputError("--model and --llm-* are for --extractor llm; the rules extractor "
                             "uses no model")
        return get_extractor(name)
    if not model:
        raise InputError("--extractor llm needs --model provider:model, e.g. "
                         "--model openai:gpt-4o-mini (OPENAI_API_KEY, OPENAI_BASE_URL) or "
                         "--model ollama:qwen2.5")
    from intake import settings
    from intake.store.llm_cache import StoreCache

    table = settings.table(settings.load(), "llm")
    return get_extractor("llm", model=model, cache=StoreCache(store), table=table,
                         **(calls or {}))


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
    if rubric.selection is not None:  # 先进个人: the result the suggestions point to
        rows = [r.model_copy(update={"note": suggested_note(rubric, candidates[r.submission]
                                                            .suggestions)})
                if r.submission in candidates else r for r in rows]
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
    return f"{SUBMISSION_KIND_NAMES.get(kind, kind)}申报材料不属于该评分细则，未评分"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _triage_order(row: TriageRow) -> tuple[int, int, str]:
    worst = min((LEVEL_RANK[f.level] for f in row.findings), default=len(LEVEL_RANK))
    return worst, -len(row.findings), row.path
