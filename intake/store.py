"""The SQLite store: documents, submissions, findings, suggestions, decisions, the LLM cache.

Documents are keyed by the SHA-256 of their bytes and submissions by their folder and the hash of
their documents (intake/store_submissions.py), so re-running a batch is idempotent and two folders
holding the same files stay two submissions. Migrations are named and applied in order, each in
its own transaction, every time the store is opened (as simonw/llm does); a shipped migration is
never edited, a new one is appended. Decisions are append-only: triggers abort UPDATE and DELETE.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rubric.errors import StoreError

DEFAULT_DB = Path("intake.db")

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_documents_submissions_findings",
        """
        CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY,
            format TEXT NOT NULL,
            pages INTEGER,
            text TEXT NOT NULL,
            body TEXT NOT NULL,               -- the Document model as JSON
            form TEXT NOT NULL,               -- the recognised Form as JSON
            read_at TEXT NOT NULL
        );
        CREATE TABLE submissions (
            id TEXT PRIMARY KEY,              -- sha256 over its documents' hashes and names
            path TEXT NOT NULL,
            kind TEXT NOT NULL,
            checked TEXT NOT NULL,            -- the CheckedSubmission as JSON (without texts)
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE TABLE submission_documents (
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            sha256 TEXT NOT NULL REFERENCES documents(sha256),
            path TEXT NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY (submission_id, path)
        );
        CREATE TABLE findings (
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            stage TEXT NOT NULL,              -- check | extract
            code TEXT NOT NULL,
            level TEXT NOT NULL,
            field TEXT,
            document TEXT,
            message TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX findings_by_submission ON findings(submission_id, stage);
        """,
    ),
    (
        "002_suggestions_llm",
        """
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            rubric TEXT NOT NULL,
            target TEXT NOT NULL,             -- fact | item
            key TEXT NOT NULL,
            extractor TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,             -- suggested | no_evidence | ungrounded
            body TEXT NOT NULL,               -- the Suggestion as JSON
            created_at TEXT NOT NULL,
            UNIQUE (submission_id, rubric, target, key, extractor, model)
        );
        CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,             -- sha256 of model, prompt version, input hash
            model TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            response TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE llm_calls (
            id INTEGER PRIMARY KEY,
            model TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            submission_id TEXT,
            cached INTEGER NOT NULL,
            input_tokens INTEGER,
            output_tokens INTEGER,
            seconds REAL,
            error TEXT,
            created_at TEXT NOT NULL
        );
        """,
    ),
    (
        "003_decisions_append_only",
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
            submission_id TEXT NOT NULL,
            rubric TEXT NOT NULL,
            target TEXT NOT NULL,
            key TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL,             -- accept | override | no_evidence | bulk_accept
            suggested TEXT NOT NULL,          -- JSON of the suggested value/points
            decided TEXT NOT NULL,            -- JSON of the decided value/points
            reason TEXT,
            source TEXT NOT NULL,             -- terminal | excel | accept_all
            decided_at TEXT NOT NULL
        );
        CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
            BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
            BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        """,
    ),
    (
        "004_metrics_runs",
        """
        CREATE TABLE metrics (
            unit TEXT NOT NULL,
            metric TEXT NOT NULL,
            value REAL NOT NULL,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (unit, metric)
        );
        CREATE TABLE file_states (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            state TEXT NOT NULL               -- parsed | extracted
        );
        """,
    ),
    (
        "005_submission_folders",
        """
        CREATE TABLE submission_folders (     -- see intake/store_submissions.py
            submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
            folder TEXT NOT NULL,             -- relative to the batch folder of the run
            content TEXT NOT NULL,            -- submission_id() of its files' names and bytes
            UNIQUE (folder, content)
        );
        CREATE INDEX submission_folders_by_content ON submission_folders(content);
        """,
    ),
]


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

    def __init__(self, path: Path = DEFAULT_DB, *, timeout: float = 30.0,
                 create: bool = True) -> None:
        """Open (with `create`, make) the store. Without `create` a missing store is a
        StoreError naming the path and the command that makes one: reading never creates it."""
        self.path = path
        self.timeout = timeout
        if not create and not path.is_file():
            raise StoreError(missing_store(path))
        try:
            self.db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise open_error(path, error) from error
        try:
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._set_wal()
        except sqlite3.Error as error:
            self.db.close()
            raise open_error(path, error) from error
        try:
            self.migrate()
        except BaseException:
            self.db.close()
            raise

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
        Every failure to write (lock held past the busy timeout, read-only file, disk full) rolls
        the transaction back and is a StoreError that says which and what to do."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise write_error(self.path, self.timeout, error) from error
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as error:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if isinstance(error, sqlite3.OperationalError):
                raise write_error(self.path, self.timeout, error) from error
            raise

    def migrate(self) -> list[str]:
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
                        "applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self.db.execute("SELECT name FROM _migrations")}
        done = []
        for name, sql in MIGRATIONS:
            if name in applied:
                continue
            with self.transaction() as db:
                # Another process may have migrated while we waited for the lock.
                if db.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                    continue
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, now()))
            done.append(name)
        return done

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.db.execute(sql, params).fetchall()

    def write(self, work: Callable[[sqlite3.Connection], Any]) -> Any:
        with self.transaction() as db:
            return work(db)


def missing_store(path: Path) -> str:
    return (f"数据库 {path} 不存在：请先运行 intake run PATH --rubric ID --db {path} 创建它，"
            f"或用 --db、INTAKE_DB 或 intake.toml 指定已有的数据库 (no store at {path}; "
            "`intake run` creates one)")


def _disk_full(path: Path) -> bool:
    """SQLite reports a full disk as SQLITE_FULL, or as an I/O error when the -shm or -wal file
    cannot grow: then the free space decides."""
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def _full_message(path: Path, error: sqlite3.Error) -> str:
    return (f"磁盘已满，无法写入数据库 {path}，本次的写入已撤销：请腾出空间后重新运行同一命令 "
            f"({error})")


def open_error(path: Path, error: sqlite3.Error) -> StoreError:
    if _disk_full(path):
        return StoreError(_full_message(path, error))
    if path.exists() and not os.access(path, os.W_OK):
        return StoreError(f"数据库 {path} 所在的文件系统是只读的，无法打开：数据库需要在同一文件夹"
                          f"中写入 -wal、-shm 文件，请把它复制到可写的位置再用 --db 指定 ({error})")
    return StoreError(f"无法打开数据库 {path}: {error}")


def write_error(path: Path, timeout: float, error: sqlite3.OperationalError) -> StoreError:
    """A reviewer-readable StoreError for a write that SQLite refused; nothing was written."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreError(f"数据库 {path} 正被另一个进程写入，等待 {timeout:g} 秒后仍未释放，"
                          f"本次未写入任何内容，请稍后重试 (database is locked by another "
                          f"writer: {text})")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"数据库 {path} 是只读的，本次未写入任何内容：请检查该文件及其所在文件夹"
                          f"的写权限，或用 --db 换一个可写的位置 ({text})")
    if "full" in text or ("I/O" in text and _disk_full(path)):
        return StoreError(_full_message(path, error))
    return StoreError(f"无法写入数据库 {path}，本次的写入已撤销 ({text})")


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
