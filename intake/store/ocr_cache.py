"""The OCR cache in the store's `ocr_cache` table: recognised lines by page-image hash.

`OcrStoreCache` implements extractors.ocr.cache.OcrCache. It holds only the store's target (a
SQLite path or a postgresql:// URL): the worker processes that OCR (intake/screen/workers.py forks
them) each open their own connection on first use, since a connection must not cross a fork. A
store that cannot be read or written makes OCR slower, never wrong: the page is recognised again.
"""

from __future__ import annotations

import os
from pathlib import Path

from intake.store.connection import Store, now
from rubric.errors import StoreError


class OcrStoreCache:
    def __init__(self, target: str | Path) -> None:
        self.target = target
        self._store: Store | None = None
        self._pid = 0

    def _open(self) -> Store:
        if self._store is None or self._pid != os.getpid():
            self._store, self._pid = Store(self.target), os.getpid()
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
                db.execute("INSERT INTO ocr_cache (key, lines, created_at) VALUES (?, ?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET lines = excluded.lines, "
                           "created_at = excluded.created_at", (key, value, now()))
        except StoreError:
            return

    def __getstate__(self) -> dict[str, object]:
        return {"target": self.target, "_store": None, "_pid": 0}
