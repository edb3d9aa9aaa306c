"""The `llm` extractor's cache and call log, in the store's `llm_cache` and `llm_calls` tables.

`StoreCache` implements extractors.facts.llm.Cache: answers are kept by the extractor's key (a
hash of model, prompt version, document hashes, rubric and messages), so a re-run of the same
batch makes no calls; every call — a hit, a model call with its tokens and seconds, or a failure —
is one row in `llm_calls`, which makes a run auditable: with the output method that answered and
every fallback on the way (a method the server rejected, a repair message), and the tokens of
failed calls too. The extractor uses the cache from the
thread that created it only (the store's connection belongs to that thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake.store import Store, now
from intake.store.connection import Session

if TYPE_CHECKING:
    from extractors.facts.llm import Usage


class StoreCache:
    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, key: str) -> str | None:
        rows = self.store.query("SELECT response FROM llm_cache WHERE key = ?", (key,))
        return str(rows[0]["response"]) if rows else None

    def put(self, key: str, value: str, usage: Usage) -> None:
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO llm_cache (key, model, prompt_version, response, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET model = excluded.model, "
                "prompt_version = excluded.prompt_version, response = excluded.response, "
                "created_at = excluded.created_at",
                (key, usage.model, usage.prompt_version, value, now()))
            _insert_call(db, usage)

    def log(self, usage: Usage) -> None:
        with self.store.transaction() as db:
            _insert_call(db, usage)

    def calls(self) -> list[dict[str, object]]:
        """The call log, oldest first (for reports and tests)."""
        return [dict(row) for row in self.store.query("SELECT * FROM llm_calls ORDER BY id")]


def _insert_call(db: Session, usage: Usage) -> None:
    db.execute(
        "INSERT INTO llm_calls (model, prompt_version, submission_id, cached, input_tokens, "
        "output_tokens, seconds, error, method, fallbacks, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (usage.model, usage.prompt_version, usage.submission, int(usage.cached),
         usage.input_tokens, usage.output_tokens, usage.seconds, usage.error, usage.method,
         "\n".join(usage.fallbacks) or None, now()))
