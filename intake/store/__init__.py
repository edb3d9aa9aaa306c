"""The SQLite store, and the only place in intake with SQL: the connection and named migrations,
and one module per table group (submissions, findings, suggestions, decisions, metrics, the LLM
cache) with typed functions that return pydantic models."""

from intake.store.connection import DEFAULT_DB, Store, dumps, now, submission_id
from intake.store.migrations import MIGRATIONS

__all__ = ["DEFAULT_DB", "MIGRATIONS", "Store", "dumps", "now", "submission_id"]
