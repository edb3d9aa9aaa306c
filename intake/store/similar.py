"""SQL of the near-duplicate check: the texts of the submissions' forms and attachments, and the
documents a shared passage is cited from."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from typing import Any

from extractors.document import Document
from intake.store.connection import Store


def document_texts(store: Store, roles: Collection[str]) -> Iterator[dict[str, Any]]:
    """(submission, role, sha256, text, form fields) of every stored form and attachment of
    these roles, one document at a time (texts of thousands of submissions are not held twice)."""
    wanted = sorted({"form", *roles})
    marks = ",".join("?" * len(wanted))
    cursor = store.session.execute(
        "SELECT sd.submission_id, sd.role, d.sha256, d.text, d.form FROM submission_documents sd "
        f"JOIN documents d ON d.sha256 = sd.sha256 WHERE sd.role IN ({marks}) "
        "ORDER BY sd.submission_id, sd.path", wanted)
    for row in cursor:
        fields = json.loads(row[4]).get("fields", {}) if row[1] == "form" else {}
        yield {"submission": row[0], "role": row[1], "sha256": row[2], "text": row[3],
               "fields": fields}


def documents(store: Store, shas: Collection[str]) -> dict[str, Document]:
    """The stored Document models (blocks and all) of these documents, for citations."""
    found: dict[str, Document] = {}
    for sha in sorted(shas):
        rows = store.query("SELECT body FROM documents WHERE sha256 = ?", (sha,))
        if rows:
            found[sha] = Document.model_validate_json(rows[0]["body"])
    return found
