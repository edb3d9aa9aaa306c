"""What a worker of `intake run` does for one submission: everything that does not touch the store.

The parent of `intake run` was its bottleneck: it assembled and checked each submission, turned
its Documents into JSON and passages, and unpickled every Document twice (once from the readers,
once from the extractors), while the workers waited. Now each worker reads a submission's files,
checks it, runs an offline extractor (the rules) on it, and builds every row the store keeps of
it (intake.store.prepared.PreparedRows); the parent only writes them, one transaction each.

The isolation of intake/screen/workers.py holds per file: the worker says when each file is read
(`beat`), so each file has its own time limit, and a file that times out, crashes its reader or
runs out of memory becomes an `unreadable` document of its own: the submission is prepared again
in a fresh worker with that file's failure in place of its read. A failure after its files were
read (in the checks or the extractor) is retried with the reads alone sent back, and the rest
done in the parent, so the outcome never depends on the workers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.facts.base import Extractor, SubmissionText, TextRole
from extractors.facts.spec import RubricView
from extractors.ocr.need import OcrOptions
from intake.run.judged import with_requests
from intake.screen.batch import (
    Programme,
    SubmissionFiles,
    check_files,
    failed_read,
    read_file,
    refusal,
    refused_read,
    shown,
)
from intake.screen.checks import CheckedSubmission, DocumentRole, ReadDocument
from intake.screen.workers import Outcome, beat
from intake.store.findings import finding_rows
from intake.store.passages import DocumentPassages, passage_spans
from intake.store.prepared import PreparedRows, SuggestionRows
from intake.store.submissions import submission_rows
from intake.store.suggestions import suggestion_rows
from rubric import Rubric

# The documents an extractor reads, by their role in the submission (other documents: none).
TEXT_ROLES: dict[DocumentRole, TextRole] = {"form": "form", "deeds": "deeds"}


@dataclass(frozen=True)
class RunSubmission:
    """What the triage of a run keeps of a submission; its texts stay in the store."""

    id: str
    path: str
    kind: str
    fields: dict[str, str | None]


@dataclass(frozen=True)
class PreparedSubmission:
    """What a worker sends back for one submission: the rows to store, and what the triage
    keeps of it."""

    rows: PreparedRows
    shown: RunSubmission  # its id is the one a new submission gets (the store may say another)
    scored: bool  # the rubric scores it (with no suggestions rows: suggested for before)


def folder_key(path: str, roots: Iterable[Path]) -> str:
    """A submission's folder relative to the batch folder it was found in (so the same batch run
    as samples/batch or /abs/samples/batch is the same), else its own name."""
    here = Path(path)
    for root in roots:
        base = Path(shown(root))
        if here != base and here.is_relative_to(base):
            return here.relative_to(base).as_posix()
    return here.name


def scored_by(rubric: Rubric, kind: str) -> bool:
    """Whether the rubric scores a submission of this kind: its form is one of the rubric's
    forms, or the rubric has no forms of its own (Xunke's school materials)."""
    kinds = {form.kind for form in rubric.forms}
    return not kinds or kind in kinds


def submission_text(sid: str, checked: CheckedSubmission) -> SubmissionText:
    documents = [(r.document, TEXT_ROLES[r.role]) for r in checked.documents
                 if r.role in TEXT_ROLES and r.document.readable]
    return SubmissionText.of(sid, *documents)


@dataclass
class PrepareTask:
    """The work of one worker on one submission (by its index in `submissions`). Forked with the
    parent's state: `failed` and `reads_only` are what earlier attempts found."""

    submissions: list[SubmissionFiles]
    programme: Programme
    roots: list[Path]
    rubric: Rubric
    view: RubricView  # what the extractor reads of the rubric, built once
    extractor: Extractor
    model: str
    known: set[tuple[str, str]]  # (folder, content) already suggested for: not extracted again
    ocr: OcrOptions
    timeout: float
    failed: dict[int, dict[int, ReadDocument]] = field(default_factory=dict)
    reads_only: set[int] = field(default_factory=set)

    def __call__(self, index: int) -> PreparedSubmission | list[ReadDocument]:
        reads = self.read(index)
        return reads if index in self.reads_only else self.prepare(index, reads)

    def read(self, index: int) -> list[ReadDocument]:
        submission, failed = self.submissions[index], self.failed.get(index, {})
        reads = []
        for place, path in enumerate(submission.files):
            if place in failed:
                reads.append(failed[place])
            elif why := refusal(path, submission.root):
                reads.append(refused_read(path, why))
            else:
                reads.append(read_file(path, self.programme.forms, self.ocr))
            beat()  # this file is read: the next one has a time limit of its own
        return reads

    def prepare(self, index: int, reads: list[ReadDocument]) -> PreparedSubmission:
        checked = check_files(self.submissions[index], reads, self.programme)
        rows = submission_rows(checked, folder_key(checked.path, self.roots))
        sid, scored = rows.expected_id, scored_by(self.rubric, checked.kind)
        fresh = scored and (rows.folder, rows.content) not in self.known
        prepared = PreparedRows(submission=rows, passages=_passages(checked),
                                suggestions=self._suggest(sid, checked) if fresh else None)
        shown = RunSubmission(sid, checked.path, checked.kind, checked.fields)
        return PreparedSubmission(prepared, shown, scored)

    def _suggest(self, sid: str, checked: CheckedSubmission) -> SuggestionRows:
        name = self.extractor.name
        result = self.extractor.suggest(submission_text(sid, checked), self.view)
        result = with_requests(self.rubric, sid, result, name, self.model)
        return SuggestionRows(rubric=self.rubric.id, extractor=name, model=self.model,
                              made_for=sid, rows=suggestion_rows(result.suggestions),
                              findings=finding_rows(result.findings))

    def failure(self, outcome: Outcome[int, object]) -> bool:
        """Record what a failed attempt says, so the next attempt gets further: the file it
        failed on becomes an `unreadable` document; a failure after the reads (the checks, the
        extractor) has the next attempt send its reads back for the parent to finish. False when
        there is nothing left to try (`last_reads`)."""
        index = outcome.item
        files = self.submissions[index].files
        failed = self.failed.setdefault(index, {})
        places = [outcome.stage] if outcome.stage < len(files) else []
        if not places and index in self.reads_only:  # even sending the reads failed
            places = [p for p in range(len(files)) if p not in failed]
            if not places:
                return False
        for place in places:
            failed[place] = failed_read(Outcome(files[place], failure=outcome.failure,
                                                detail=outcome.detail), self.timeout)
        if not places:
            self.reads_only.add(index)
        return True

    def last_reads(self, index: int) -> list[ReadDocument]:
        """Every file of the submission as its failure, when no attempt got through."""
        return [self.failed[index][place] for place in range(len(self.submissions[index].files))]


def _passages(checked: CheckedSubmission) -> tuple[DocumentPassages, ...]:
    """The passages of each of its documents, each document once."""
    documents = {r.document.sha256: r.document for r in checked.documents if r.document.sha256}
    return tuple(passage_spans(document) for document in documents.values())
