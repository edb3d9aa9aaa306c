"""The connection to the SQLite store: opening, WAL, transactions and migrations.

Documents are keyed by the SHA-256 of their bytes and submissions by the hash of their documents,
so re-running a batch is idempotent. Migrations (intake/store/migrations.py) are named and applied
in order, each in its own transaction, every time the store is opened (as simonw/llm does).
Decisions are append-only: triggers abort UPDATE and DELETE.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from intake.store.migrations import MIGRATIONS
from rubric.errors import StoreError

DEFAULT_DB = Path("intake.db")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    """Deterministic JSON for storage: same value, same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def submission_id(members: list[tuple[str, str]]) -> str:
    """Hash of (file name, sha256) pairs: the same files under the same names are one submission."""
    digest = hashlib.sha256()
    for name, sha in sorted(members):
        digest.update(f"{name}\0{sha}\n".encode())
    return digest.hexdigest()


class Store:
    """One connection to the store file. Use `with store.transaction():` for every write."""

    def __init__(self, path: Path = DEFAULT_DB, *, timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        try:
            self.db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise StoreError(f"无法打开数据库 {path}: {error}") from error
        self.db.row_factory = sqlite3.Row
        self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._set_wal()
        self.migrate()

    def _set_wal(self) -> None:
        mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StoreError(f"数据库 {self.path} 无法使用 WAL 模式（网络文件系统？）: "
                             "put the database on a local disk")
        self.db.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE: take the write lock up front so read-then-write cannot interleave.
        Another writer holding it past the busy timeout is a StoreError that says so."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise StoreError(f"无法写入数据库 {self.path}: {error}") from error
            raise StoreError(f"数据库 {self.path} 正被另一个进程写入，等待 {self.timeout:g} 秒后"
                             f"仍未释放，本次未写入任何内容，请稍后重试 (database is locked by "
                             f"another writer: {error})") from error
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrate(self) -> list[str]:
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
                        "applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self.db.execute("SELECT name FROM _migrations")}
        done = []
        for name, sql in MIGRATIONS:
            if name in applied:
                continue
            if self._apply(name, sql):
                done.append(name)
        return done

    def _apply(self, name: str, sql: str) -> bool:
        """One migration in its own transaction; False when another process applied it first.
        A migration this SQLite cannot run (006 needs FTS5's trigram tokenizer, SQLite ≥ 3.34)
        is a StoreError naming it, not a traceback."""
        try:
            with self.transaction() as db:
                # Another process may have migrated while we waited for the lock.
                if db.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    return False
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, now()))
        except sqlite3.OperationalError as error:
            needs = ("；检索索引需要 SQLite 3.34 以上、带 FTS5 trigram 的版本"
                     if "fts" in name else "")
            raise StoreError(f"无法升级数据库 {self.path}（迁移 {name}{needs}）: "
                             f"{error}") from error
        return True

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.db.execute(sql, params).fetchall()

    def write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        with self.transaction() as db:
            return work(db)


def _statements(script: str) -> list[str]:
    """Split a migration into statements; triggers hold ';' inside BEGIN … END."""
    statements, buffer = [], ""
    for line in script.splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
