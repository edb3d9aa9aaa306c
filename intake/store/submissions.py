"""Submissions and their documents in the store.

Documents are kept once by their SHA-256 (with their text). Each folder is a submission of its
own, even when its files are byte-identical to another folder's: a submission is keyed by its
folder (relative to the batch folder given to `intake run`, so the same batch run from another
working folder or as an absolute path is the same) and its content (the hash of its files' names
and bytes, `submission_id`), recorded in submission_folders. Re-running a batch therefore finds
every submission again (idempotent), and 300 folders holding one package stay 300 submissions,
which `duplicate_groups` then reports. Stores made before this keyed submissions by content alone
(their id is the content hash, their path the folder last seen with it): the folder of that name
adopts such a row, so its decisions stay with it. Its checked form (fields, counts, findings) is
kept as JSON without the texts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from extractors.document import Document
from intake.screen.checks import CheckedSubmission
from intake.store.connection import Record, Session, Store, now, submission_id
from intake.store.findings import FindingRow, finding_rows, replace_finding_rows
from rubric.strict import Strict


@dataclass(frozen=True)
class StoredSubmission:
    id: str
    checked: CheckedSubmission


class SubmissionRow(Strict):
    """A stored submission as scoring and reviewing read it: where it is, what, and its fields."""

    id: str
    path: str
    kind: str
    fields: dict[str, str | None]


class DocumentText(Strict):
    """A document of a submission with its role and visible text."""

    sha256: str
    path: str
    role: str
    text: str


def _members(checked: CheckedSubmission) -> list[tuple[str, str]]:
    return [(Path(r.document.path).name, r.document.sha256 or r.document.path)
            for r in checked.documents]


def _checked_json(checked: CheckedSubmission) -> str:
    # Texts live once in `documents`; the submission keeps everything else.
    return checked.model_dump_json(exclude={"documents": {"__all__": {"document": {"text", "blocks",
                                                                                  "tables"}}}})


def folder_content_id(folder: str, content: str) -> str:
    return hashlib.sha256(f"{folder}\0{content}".encode()).hexdigest()


def claim_id(db: Session, folder: str, content: str) -> str:
    """The id of the submission in `folder` with this content: the stored one, a legacy
    content-keyed row no folder has claimed yet, or a new id (`record_claim` once it is in)."""
    found = db.execute("SELECT submission_id FROM submission_folders WHERE folder = ? AND "
                       "content = ?", (folder, content)).fetchone()
    if found:
        return str(found[0])
    legacy = db.execute("SELECT path FROM submissions s WHERE s.id = ? AND NOT EXISTS (SELECT 1 "
                        "FROM submission_folders f WHERE f.submission_id = s.id)",
                        (content,)).fetchone()
    if legacy and PurePath(legacy[0]).name == PurePath(folder).name:
        return content
    return folder_content_id(folder, content)


def record_claim(db: Session, sid: str, folder: str, content: str) -> None:
    db.execute("INSERT INTO submission_folders (submission_id, folder, content) VALUES (?, ?, ?) "
               "ON CONFLICT DO NOTHING", (sid, folder, content))


def duplicate_groups(store: Store) -> list[list[tuple[str, str]]]:
    """Submissions whose files are byte-identical, as (id, path) lists ordered by path."""
    rows = store.query(
        "SELECT f.content, s.id, s.path FROM submission_folders f JOIN submissions s ON "
        "s.id = f.submission_id WHERE f.content IN (SELECT content FROM submission_folders "
        "GROUP BY content HAVING COUNT(*) > 1) ORDER BY f.content, s.path, s.id")
    groups: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        groups.setdefault(row["content"], []).append((row["id"], row["path"]))
    return list(groups.values())


@dataclass(frozen=True)
class SubmissionRows:
    """One checked submission as the rows `write_submission` stores. `intake run` builds them in
    its workers (serialising the Documents is most of a store write's CPU) and sends them to the
    parent as plain tuples, which pickle in a fraction of the models' time."""

    path: str
    kind: str
    folder: str
    content: str  # the hash of its files' names and bytes (submission_id)
    checked: str  # the checked submission's JSON, without the texts
    # (sha256, format, pages, text, Document JSON, Form JSON) of each document with a hash
    documents: tuple[tuple[str, str, int | None, str, str, str], ...]
    members: tuple[tuple[str, str, str], ...]  # (sha256, path, role) of the same documents
    findings: tuple[FindingRow, ...]

    @property
    def expected_id(self) -> str:
        """The id `write_submission` gives it, unless the store holds a legacy row for it."""
        return folder_content_id(self.folder, self.content)


def submission_rows(checked: CheckedSubmission, folder: str | None = None) -> SubmissionRows:
    """What `write_submission` stores of a checked submission, kept under `folder` (default: its
    own folder's name)."""
    hashed = [read for read in checked.documents if read.document.sha256]
    return SubmissionRows(
        path=checked.path, kind=checked.kind,
        folder=folder if folder is not None else Path(checked.path).name,
        content=submission_id(_members(checked)), checked=_checked_json(checked),
        documents=tuple((r.document.sha256, r.document.format, r.document.pages, r.document.text,
                         r.document.model_dump_json(), r.form.model_dump_json()) for r in hashed),
        members=tuple((r.document.sha256, r.document.path, r.role) for r in hashed),
        findings=finding_rows(checked.findings))


def write_submission(db: Session, rows: SubmissionRows) -> str:
    """Inside a caller's transaction: store the submission, its documents (each once) and its
    check findings; returns its id. The same files in the same folder again update it in place,
    the same files in another folder are another submission."""
    sid = claim_id(db, rows.folder, rows.content)
    stamp = now()
    db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                   [(*document, stamp) for document in rows.documents])
    db.execute(
        "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "path = excluded.path, kind = excluded.kind, checked = excluded.checked, "
        "last_seen = excluded.last_seen",
        (sid, rows.path, rows.kind, rows.checked, stamp, stamp),
    )
    record_claim(db, sid, rows.folder, rows.content)
    db.execute("DELETE FROM submission_documents WHERE submission_id = ?", (sid,))
    db.executemany("INSERT INTO submission_documents VALUES (?, ?, ?, ?) ON CONFLICT "
                   "(submission_id, path) DO UPDATE SET sha256 = excluded.sha256, "
                   "role = excluded.role", [(sid, *member) for member in rows.members])
    replace_finding_rows(db, sid, "check", rows.findings)
    return sid


def save_submission(store: Store, checked: CheckedSubmission,
                    folder: str | None = None) -> StoredSubmission:
    """Store one checked submission in one transaction (write_submission)."""
    rows = submission_rows(checked, folder)
    return StoredSubmission(store.write(lambda db: write_submission(db, rows)), checked)


def _row(row: Record, kept: Collection[str] | None = None) -> SubmissionRow:
    fields = json.loads(row["checked"]).get("fields", {})
    if kept is not None:
        fields = {name: value for name, value in fields.items() if name in kept}
    return SubmissionRow(id=row["id"], path=row["path"], kind=row["kind"], fields=fields)


def submissions(store: Store, fields: Collection[str] | None = None) -> list[SubmissionRow]:
    """Every stored submission, by path. The stored checks (documents, findings and fields as
    JSON, ~3 000 characters each) are read a row at a time and only the fields kept: fetched
    all at once, the batch's JSON text was held whole before the first row was made. With
    `fields`, each row keeps only the form fields of these names."""
    rows = store.stream("SELECT id, path, kind, checked FROM submissions ORDER BY path")
    return [_row(row, fields) for row in rows]


def submission(store: Store, sid: str) -> SubmissionRow | None:
    rows = store.query("SELECT id, path, kind, checked FROM submissions WHERE id = ?", (sid,))
    return _row(rows[0]) if rows else None


def submission_paths(store: Store) -> list[tuple[str, str]]:
    """(id, path) of every stored submission, by path: what a reviewer may name one by."""
    return [(r["id"], r["path"]) for r in
            store.query("SELECT id, path FROM submissions ORDER BY path")]


def submission_ids(store: Store) -> list[str]:
    """Every stored submission's id, in the order of their paths."""
    return [sid for sid, _ in submission_paths(store)]


def documents(store: Store, sid: str) -> list[DocumentText]:
    """The submission's documents, the form first, then the deeds, then the rest, each once."""
    rows = store.query(
        "SELECT sd.sha256, sd.path, sd.role, d.text FROM submission_documents sd JOIN documents d "
        "ON d.sha256 = sd.sha256 WHERE sd.submission_id = ? ORDER BY CASE sd.role WHEN 'form' "
        "THEN 0 WHEN 'deeds' THEN 1 ELSE 2 END, sd.path",
        (sid,))
    found: dict[str, DocumentText] = {}
    for row in rows:
        found.setdefault(row["sha256"], DocumentText(sha256=row["sha256"], path=row["path"],
                                                     role=row["role"], text=row["text"]))
    return list(found.values())


def document_text(store: Store, sha256: str) -> str:
    """A stored document's text; empty when the store does not hold it."""
    rows = store.query("SELECT text FROM documents WHERE sha256 = ?", (sha256,))
    return str(rows[0]["text"]) if rows else ""


def stored_document(store: Store, sha256: str) -> Document | None:
    """The Document the store keeps for a document hash, blocks and OCR pages included (the
    report's scan views); None when the store does not hold it."""
    rows = store.query("SELECT body FROM documents WHERE sha256 = ?", (sha256,))
    return Document.model_validate_json(rows[0]["body"]) if rows else None


def checked_record(store: Store, sid: str) -> dict[str, Any]:
    """The stored result of `intake check` for one submission (fields, counts, limits,
    documents without their texts, findings), as JSON data; {} when it is not stored."""
    rows = store.query("SELECT checked FROM submissions WHERE id = ?", (sid,))
    return dict(json.loads(rows[0]["checked"])) if rows else {}
