"""One submission of `intake run` as its workers prepare it, written in one transaction.

A worker reads, checks and extracts a submission and builds every row the store keeps of it (its
SubmissionRows, its documents' passages, its suggestions); the parent only writes them. The
submission, its passage index and its suggestions go in one transaction, so a run killed at any
moment has stored each submission whole or not at all, and a resumed run neither duplicates
anything nor makes suggestions twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.facts.models import Suggestion
from intake.store.connection import Session, Store
from intake.store.findings import FindingRow
from intake.store.passages import DocumentPassages, indexed, write_passages
from intake.store.submissions import SubmissionRows, write_submission
from intake.store.suggestions import SuggestionRow, suggested, write_suggestions


@dataclass(frozen=True)
class SuggestionRows:
    """An extractor's suggestions for one submission, as rows; their bodies name `made_for`."""

    rubric: str
    extractor: str
    model: str
    made_for: str
    rows: tuple[SuggestionRow, ...]
    findings: tuple[FindingRow, ...]


@dataclass(frozen=True)
class PreparedRows:
    submission: SubmissionRows
    passages: tuple[DocumentPassages, ...]
    suggestions: SuggestionRows | None  # None: not scored, or suggested for before


@dataclass(frozen=True)
class Written:
    id: str
    suggested: bool  # its suggestions were written now (not by an earlier run)


def write_prepared(store: Store, prepared: PreparedRows) -> Written:
    """Store the submission, index its documents not indexed yet, and store its suggestions
    unless this extractor and model made some before, all in one transaction."""

    def work(db: Session) -> Written:
        sid = write_submission(db, prepared.submission)
        texts = {document[0]: document[3] for document in prepared.submission.documents}
        done = indexed(db, [p.sha256 for p in prepared.passages])
        for passages in prepared.passages:
            if passages.sha256 not in done and passages.sha256 in texts:
                write_passages(db, passages, texts[passages.sha256])
        made = prepared.suggestions
        if made is None or suggested(db, sid, made.rubric, made.extractor, made.model):
            return Written(sid, False)
        write_suggestions(db, sid, made.rubric, _for(made, sid), made.findings)
        return Written(sid, True)

    written: Written = store.write(work)
    return written


def _for(made: SuggestionRows, sid: str) -> tuple[SuggestionRow, ...]:
    """The rows with bodies naming `sid`: the worker names the id a new submission gets, and a
    store made before folders were keys may hold it under its content id instead."""
    if made.made_for == sid:
        return made.rows
    return tuple((*row[:5], Suggestion.model_validate_json(row[5]).model_copy(
        update={"submission": sid}).model_dump_json()) for row in made.rows)
