"""The store (SQLite or PostgreSQL), and the only place in intake with SQL: the connection and
named migrations, and one module per table group (submissions, findings, suggestions, decisions,
metrics, the LLM cache, the OCR cache, the passage index, the panel) with typed functions."""

from intake.store.connection import DEFAULT_DB, Store, dumps, now, submission_id
from intake.store.migrations import MIGRATIONS

__all__ = ["DEFAULT_DB", "MIGRATIONS", "Store", "dumps", "now", "submission_id"]
