"""The OCR cache in the store's `ocr_cache` table: recognised lines by page-image hash.

`OcrStoreCache` implements extractors.ocr.cache.OcrCache. It holds only the store's path: the
worker processes that OCR (intake/workers.py forks them) each open their own connection on first
use, since a SQLite connection must not cross a fork.
"""

from __future__ import annotations

import os
from pathlib import Path

from intake.store import Store, now
from rubric.errors import StoreError


class OcrStoreCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._store: Store | None = None
        self._pid = 0

    def _open(self) -> Store:
        if self._store is None or self._pid != os.getpid():
            self._store, self._pid = Store(self.path), os.getpid()
        return self._store

    def get(self, key: str) -> str | None:
        try:
            rows = self._open().query("SELECT lines FROM ocr_cache WHERE key = ?", (key,))
        except StoreError:
            return None  # no cache is slower, not wrong
        return str(rows[0]["lines"]) if rows else None

    def put(self, key: str, value: str) -> None:
        try:
            with self._open().transaction() as db:
                db.execute("INSERT OR REPLACE INTO ocr_cache (key, lines, created_at) "
                           "VALUES (?, ?, ?)", (key, value, now()))
        except StoreError:
            return

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "_store": None, "_pid": 0}


def stored_document(store: Store, sha256: str) -> str | None:
    """The Document JSON the store keeps for a document hash (for the report's scan views)."""
    rows = store.query("SELECT body FROM documents WHERE sha256 = ?", (sha256,))
    return str(rows[0]["body"]) if rows else None
