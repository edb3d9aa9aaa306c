"""SQL of the near-duplicate check: the texts of the submissions' forms and attachments (the
documents a shared passage is cited from are read with intake.store.submissions.stored_document)."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from typing import Any

from intake.store.connection import Store


def document_texts(store: Store, roles: Collection[str]) -> Iterator[dict[str, Any]]:
    """(submission, role, sha256, text, form fields) of every stored form and attachment of
    these roles, one document at a time (texts of thousands of submissions are not held twice)."""
    wanted = sorted({"form", *roles})
    marks = ",".join("?" * len(wanted))
    rows = store.stream(
        "SELECT sd.submission_id, sd.role, d.sha256, d.text, d.form FROM submission_documents sd "
        f"JOIN documents d ON d.sha256 = sd.sha256 WHERE sd.role IN ({marks}) "
        "ORDER BY sd.submission_id, sd.path", wanted)
    for row in rows:
        fields = json.loads(row[4]).get("fields", {}) if row[1] == "form" else {}
        yield {"submission": row[0], "role": row[1], "sha256": row[2], "text": row[3],
               "fields": fields}
