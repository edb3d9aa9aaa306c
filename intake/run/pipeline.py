"""`intake run`: check a batch, store it, and suggest facts and tiers for every submission.

With an offline extractor (the rules) each submission is read, checked, extracted and turned into
store rows in a worker (intake/run/prepare.py), and stored with its passages and suggestions in
one transaction as soon as it comes back. With a model extractor (suggest_many: concurrent calls
from this process) each submission is stored in its own transaction as soon as its files are
read, and its suggestions in another. Either way a run interrupted (Ctrl-C, SIGTERM:
RunInterrupted says how many were stored) or killed at any moment resumes where it stopped:
submissions already stored are kept, suggestions already made for (submission, rubric, extractor,
model) are not made again, and nothing is duplicated.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractors.facts.base import Extractor, get_extractor
from extractors.facts.models import ExtractionResult
from extractors.facts.rubric_adapter import from_rubric
from extractors.facts.spec import RubricView
from extractors.findings import LEVEL_RANK
from extractors.ocr.need import OcrOptions
from intake.catalog import load_rubric
from intake.glossary import SUBMISSION_KIND_NAMES
from intake.run.interrupt import deferred
from intake.run.judged import with_requests
from intake.run.prepare import (
    PreparedSubmission,
    PrepareTask,
    RunSubmission,
    folder_key,
    scored_by,
    submission_text,
)
from intake.run.triage import Candidate, Prepared, TriageRow, prepare, suggested_totals
from intake.score.shortlist import suggested_note
from intake.score.units import unit_for
from intake.screen.batch import (
    Programme,
    Progress,
    ReadOptions,
    Shard,
    iter_checked,
    load_programme,
    shown,
    submissions_in,
    with_time_limit,
)
from intake.screen.checks import CheckedSubmission
from intake.screen.workers import run_isolated
from intake.store import Store, passages
from intake.store.findings import stored_findings
from intake.store.prepared import write_prepared
from intake.store.submissions import StoredSubmission, save_submission
from intake.store.suggestions import (
    has_suggestions,
    load_suggestions,
    pending_count,
    save_suggestions,
    suggested_folders,
)
from rubric import Rubric
from rubric.errors import InputError

__all__ = ["RunInterrupted", "RunResult", "RunSubmission", "folder_key", "make_extractor",
           "run_batch", "scored_by", "submission_text", "triage"]


@dataclass(frozen=True)
class RunResult:
    rubric: Rubric
    extractor: str
    model: str
    submissions: list[RunSubmission]  # what the triage shows of each, by path
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
    stored: list[RunSubmission] = field(default_factory=list)
    todo: list[StoredSubmission] = field(default_factory=list)
    suggested: int = 0
    reused: int = 0

    def take(self, size: int) -> list[StoredSubmission]:
        """The next group of at most `size` submissions waiting for suggestions."""
        group, self.todo = self.todo[:size], self.todo[size:]
        return group


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
    ocr: OcrOptions | None = None,
) -> RunResult:
    """Check, store, and suggest. Each submission is stored as soon as its files are read, and
    suggested for in small groups, each in its own transaction; submissions already suggested for
    by this extractor and model are not sent again, so an interrupted run (RunInterrupted) or a
    killed one resumes where it stopped. With a shard, only that part of the batch (several
    machines share one store, each its own part)."""
    rubric = load_rubric(rubric_id)
    view = from_rubric(rubric)  # what the extractor reads of the rubric, built once
    programme = load_programme(rubric.programme)
    tally = _Tally()
    try:
        if hasattr(extractor, "suggest_many"):
            reading = ReadOptions(jobs=jobs, timeout=timeout, shard=shard, ocr=ocr)
            _run_with_model(paths, rubric, view, programme, store, extractor, model, reading,
                            progress, tally)
        else:
            task = PrepareTask(
                submissions=submissions_in(paths, shard),
                programme=programme, roots=list(paths), rubric=rubric, view=view,
                extractor=extractor, model=model,
                known=suggested_folders(store, rubric.id, extractor.name, model),
                ocr=with_time_limit(ocr, timeout), timeout=timeout)
            _run_in_workers(task, store, jobs, progress or Progress(), tally)
    except KeyboardInterrupt:
        raise RunInterrupted(len(tally.stored), tally.suggested) from None
    stored = sorted(tally.stored, key=lambda s: s.path)
    return RunResult(rubric, extractor.name, model, stored, tally.suggested, tally.reused)


def _run_in_workers(task: PrepareTask, store: Store, jobs: int, progress: Progress,
                    tally: _Tally) -> None:
    """Every submission prepared in the workers and written here as it comes back. A failed
    attempt is tried again with what it found (PrepareTask.failure), until each submission is
    stored."""
    progress.total(len({f for s in task.submissions for f in s.files}))
    if task.submissions:
        # The readers and the extractor's code in this process, so each forked worker starts
        # with them already imported.
        importlib.import_module("extractors.read")
    todo = list(range(len(task.submissions)))
    while todo:
        again: list[int] = []
        outcomes = run_isolated(task, todo, jobs=jobs, timeout=task.timeout)
        try:
            for outcome in outcomes:
                index = outcome.item
                if outcome.value is None and task.failure(outcome):
                    again.append(index)
                    continue
                value = outcome.value if outcome.value is not None else task.last_reads(index)
                prepared = (value if isinstance(value, PreparedSubmission)
                            else task.prepare(index, value))  # the reads alone: finished here
                _write(store, prepared, tally)
                for path in task.submissions[index].files:
                    progress.advance(shown(path.name))
        finally:  # also on Ctrl-C: no worker outlives the run
            outcomes.close()
        todo = again


def _write(store: Store, prepared: PreparedSubmission, tally: _Tally) -> None:
    with deferred():  # stored and counted, or neither
        written = write_prepared(store, prepared.rows)
        tally.stored.append(replace(prepared.shown, id=written.id))
        if written.suggested:
            tally.suggested += 1
        elif prepared.scored:
            tally.reused += 1


def _run_with_model(paths: list[Path], rubric: Rubric, view: RubricView, programme: Programme,
                    store: Store, extractor: Extractor, model: str, reading: ReadOptions,
                    progress: Progress | None, tally: _Tally) -> None:
    """A model extractor: files read in the workers, each submission stored as it is read, and
    suggested for in small groups while the files are still being read, so the run holds at most
    one group's texts, whatever the size of the batch."""
    size = max(1, reading.jobs) * 4
    found = iter_checked(paths, programme, reading, progress=progress)
    try:
        for _, checked in found:
            _store_one(store, rubric, checked, paths, extractor.name, model, tally)
            if len(tally.todo) >= size:
                _suggest_group(store, extractor, rubric, view, model, tally, size)
        while tally.todo:
            _suggest_group(store, extractor, rubric, view, model, tally, size)
    finally:
        found.close()


def _store_one(store: Store, rubric: Rubric, checked: CheckedSubmission, paths: list[Path],
               extractor: str, model: str, tally: _Tally) -> None:
    with deferred():  # stored and counted, or neither
        item = _save(store, checked, folder_key(checked.path, paths))
        # The run's result keeps what the triage shows; the texts stay in the store.
        tally.stored.append(RunSubmission(item.id, checked.path, checked.kind, checked.fields))
    if not scored_by(rubric, checked.kind):
        return
    if has_suggestions(store, item.id, rubric.id, extractor, model):
        tally.reused += 1
    else:
        tally.todo.append(item)


def _suggest_group(store: Store, extractor: Extractor, rubric: Rubric, view: RubricView,
                   model: str, tally: _Tally, size: int) -> None:
    # Groups, not the whole batch: an interrupted run loses at most one group's extraction
    # (whose model answers are in the cache anyway).
    group = tally.take(size)
    for item, result in zip(group, _suggest(extractor, group, view), strict=True):
        with deferred():  # saved and counted, or neither
            result = with_requests(rubric, item.id, result, extractor.name, model)
            save_suggestions(store, item.id, rubric.id, result.suggestions, result.findings)
            tally.suggested += 1


def _save(store: Store, checked: CheckedSubmission, folder: str) -> StoredSubmission:
    """Store one checked submission, then index its passages for `intake ask` (a run killed
    between the two is indexed when asked)."""
    stored = save_submission(store, checked, folder)
    passages.index_documents(store, (read.document for read in checked.documents))
    return stored


def _suggest(extractor: Extractor, group: list[StoredSubmission],
             rubric: RubricView) -> list[ExtractionResult]:
    texts = [submission_text(item.id, item.checked) for item in group]
    many = getattr(extractor, "suggest_many", None)
    if many is not None:
        return list(many(texts, rubric))
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


def triage(store: Store, result: RunResult) -> list[TriageRow]:
    """One row per submission of the run, worst first; totals only where the rubric scores it.
    Each candidate's suggestions are read, reduced to its range inputs, and let go."""
    rubric = result.rubric
    candidates: dict[str, Prepared] = {}
    notes: dict[str, str] = {}
    for s in result.submissions:
        if not scored_by(rubric, s.kind):
            continue
        suggestions = [x for _, x in load_suggestions(store, s.id, rubric.id)]
        candidates[s.id] = prepare(rubric, Candidate(
            submission=s.id, unit=unit_for(rubric, s.fields, s.path),
            suggestions=suggestions))
        if rubric.selection is not None:  # 先进个人: the result the suggestions point to
            notes[s.id] = suggested_note(rubric, suggestions)
    totals = suggested_totals(rubric, list(candidates.values()))
    rows = [_row(store, rubric.id, s, candidates.get(s.id), totals.get(s.id))
            for s in result.submissions]
    rows = [r.model_copy(update={"note": notes[r.submission]}) if r.submission in notes else r
            for r in rows]
    return sorted(rows, key=_triage_order)


def _row(store: Store, rubric_id: str, stored: RunSubmission, candidate: Prepared | None,
         total: tuple[Decimal, Decimal, Decimal, bool] | None) -> TriageRow:
    pending = pending_count(store, stored.id, rubric_id)
    mid, low, high, excluded = total if total else (None, None, None, False)
    return TriageRow(
        submission=stored.id, path=stored.path, kind=stored.kind,
        unit=candidate.unit if candidate else None, findings=stored_findings(store, stored.id),
        suggested_total=_number(mid), total_min=_number(low), total_max=_number(high),
        pending=pending, excluded=excluded,
        note="" if candidate else _not_scored(stored.kind))


def _not_scored(kind: str) -> str:
    if kind == "unknown":
        return "未识别出申报表，未评分"
    return f"{SUBMISSION_KIND_NAMES.get(kind, kind)}申报材料不属于该评分细则，未评分"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _triage_order(row: TriageRow) -> tuple[int, int, str]:
    worst = min((LEVEL_RANK[f.level] for f in row.findings), default=len(LEVEL_RANK))
    return worst, -len(row.findings), row.path
