"""The connection to the store, on SQLite (a file, the embedded default) or PostgreSQL (a server a
panel shares, `--db postgresql://…`), behind one interface built on SQLAlchemy Core.

The store's SQL is written once, in the dialect both engines speak (`INSERT … ON CONFLICT`,
`EXISTS`, `RETURNING`, plain joins); only the schema's DDL differs per engine, inside each named
migration (intake/store/migrations.py), applied in order every time the store is opened (as
simonw/llm does). Statements keep the `?` placeholders they always had: they are rewritten once
into SQLAlchemy's named binds, so SQLAlchemy passes values to either driver in its own style and
nothing is ever spliced into SQL text.

Transactions mean the same on both engines: one writer at a time, taken up front, so read-then-
write cannot interleave. SQLite's `BEGIN IMMEDIATE` takes the write lock; on PostgreSQL a
transaction-scoped advisory lock does the same job, so twenty reviewers recording at once wait for
each other instead of failing. A writer held up past the timeout is a StoreError that says so.
Documents are keyed by the SHA-256 of their bytes and submissions by the hash of their documents,
so re-running a batch is idempotent. Decisions are append-only: triggers abort UPDATE and DELETE
on both engines.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, CursorResult, Engine

from intake.store.migrations import MIGRATIONS, Migration
from rubric.errors import StoreError

# Every writer on PostgreSQL takes this lock for the length of its transaction.
WRITE_LOCK = 7_340_226  # an arbitrary constant of this application, the same in every process

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



class Record(tuple):
    """A row: by position, by column name, and as a mapping (dict(row))."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Record:
        record = super().__new__(cls, values)
        record._index = index
        return record

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


class Rows:
    """What `execute` returns: the rows of a statement, fetched as Records."""

    def __init__(self, result: CursorResult[Any]) -> None:
        self._result = result
        self._index = {k: i for i, k in enumerate(result.keys())} if result.returns_rows else {}

    def fetchall(self) -> list[Record]:
        if not self._result.returns_rows:
            return []
        return [Record(tuple(row), self._index) for row in self._result]

    def fetchone(self) -> Record | None:
        if not self._result.returns_rows:
            return None
        row = self._result.fetchone()
        return None if row is None else Record(tuple(row), self._index)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._result.rowcount


_PLACEHOLDER = re.compile(r"\?")


def named(sql: str) -> tuple[str, int]:
    """`?` placeholders as named binds :p0, :p1, …; our statements hold no literal '?'."""
    count = iter(range(10_000))
    return _PLACEHOLDER.sub(lambda _: f":p{next(count)}", sql), sql.count("?")


class Session:
    """The statements of one connection: `execute(sql, params)` with `?` placeholders."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name  # sqlite | postgresql
        self._compiled: dict[str, sa.TextClause] = {}

    def _clause(self, sql: str) -> sa.TextClause:
        clause = self._compiled.get(sql)
        if clause is None:
            clause = self._compiled[sql] = sa.text(named(sql)[0])
        return clause

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Rows:
        binds = dict(params) if isinstance(params, Mapping) else {
            f"p{i}": value for i, value in enumerate(params)}
        return Rows(self.connection.execute(self._clause(sql), binds))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            binds = [{f"p{i}": v for i, v in enumerate(row)} for row in rows]
            self.connection.execute(self._clause(sql), binds)


def engine_for(target: str | Path, timeout: float) -> Engine:
    """SQLite for a path, PostgreSQL for a postgresql:// URL (the psycopg driver)."""
    text = str(target)
    if text.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        url = re.sub(r"^postgres(ql)?(\+psycopg)?://", "postgresql+psycopg://", text)
        return sa.create_engine(url, isolation_level="AUTOCOMMIT", pool_pre_ping=True,
                                connect_args={"connect_timeout": max(1, int(timeout))})
    engine = sa.create_engine(f"sqlite:///{text}", isolation_level="AUTOCOMMIT",
                              connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None  # we issue BEGIN IMMEDIATE ourselves
        dbapi.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        dbapi.execute("PRAGMA foreign_keys = ON")

    return engine


def is_postgresql(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


class Store:
    """One open connection to a store, SQLite or PostgreSQL, with transactions as described in
    the module docstring. `migrations` are applied in order on every open."""

    def __init__(self, target: str | Path = DEFAULT_DB, *, timeout: float = 30.0,
                 migrations: Sequence[Migration] = MIGRATIONS) -> None:
        self.target, self.timeout = target, timeout
        self.path = Path(target) if not is_postgresql(target) else str(target)
        self.dialect = "postgresql" if is_postgresql(target) else "sqlite"
        try:
            self.engine = engine_for(target, timeout)
            self.session = Session(self.engine.connect())
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(f"无法打开数据库 {self.shown}: {_reason(error)}") from error
        if self.dialect == "sqlite":
            self._set_wal()
        else:
            self.session.execute(f"SET lock_timeout = '{int(timeout * 1000)}ms'")
        self.migrate(migrations)

    @property
    def shown(self) -> str:
        """The store as a reviewer may see it: a URL without its password."""
        if self.dialect == "sqlite":
            return str(self.target)
        return sa.engine.make_url(str(self.target)).render_as_string(hide_password=True)

    def _set_wal(self) -> None:
        mode = self.session.execute("PRAGMA journal_mode = WAL").fetchone()
        if mode is None or str(mode[0]).lower() != "wal":
            raise StoreError(f"数据库 {self.shown} 无法使用 WAL 模式（网络文件系统？）: "
                             "put the database on a local disk")
        self.session.execute("PRAGMA synchronous = NORMAL")

    def close(self) -> None:
        self.session.connection.close()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _begin(self) -> None:
        if self.dialect == "sqlite":
            self.session.execute("BEGIN IMMEDIATE")
        else:
            self.session.execute("BEGIN")
            self.session.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        try:
            self._begin()
        except sa.exc.OperationalError as error:
            self._rollback_quietly()
            raise self._write_error(error) from error
        try:
            yield self.session
        except BaseException:
            self._rollback_quietly()
            raise
        try:
            self.session.execute("COMMIT")
        except sa.exc.SQLAlchemyError as error:
            self._rollback_quietly()
            raise self._write_error(error) from error

    def _rollback_quietly(self) -> None:
        # Nothing may have been begun, or the connection is gone: then there is nothing to undo.
        with suppress(sa.exc.SQLAlchemyError):
            self.session.execute("ROLLBACK")

    def _write_error(self, error: sa.exc.SQLAlchemyError) -> StoreError:
        reason = _reason(error)
        if any(word in reason for word in ("locked", "busy", "lock timeout")):
            return StoreError(f"数据库 {self.shown} 正被另一个进程写入，等待 {self.timeout:g} 秒后"
                              f"仍未释放，本次未写入任何内容，请稍后重试 (database is locked by "
                              f"another writer: {reason})")
        return StoreError(f"无法写入数据库 {self.shown}: {reason}")

    def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> list[str]:
        self.session.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
                             "applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self.session.execute("SELECT name FROM _migrations")
                   .fetchall()}
        done = []
        for migration in migrations:
            if migration.name not in applied and self._apply(migration):
                done.append(migration.name)
        return done

    def _apply(self, migration: Migration) -> bool:
        """One migration in its own transaction; False when another process applied it first.
        A migration this engine cannot run (the passage index needs FTS5's trigram tokenizer,
        SQLite ≥ 3.34) is a StoreError naming it, not a traceback."""
        try:
            with self.transaction() as session:
                # Another process may have migrated while we waited for the lock.
                if session.execute("SELECT 1 FROM _migrations WHERE name = ?",
                                   (migration.name,)).fetchone():
                    return False
                self._run_ddl(session, migration)
                session.execute("INSERT INTO _migrations VALUES (?, ?)", (migration.name, now()))
        except sa.exc.OperationalError as error:
            needs = ("；检索索引需要 SQLite 3.34 以上、带 FTS5 trigram 的版本"
                     if "fts" in migration.name else "")
            raise StoreError(f"无法升级数据库 {self.shown}（迁移 {migration.name}{needs}）: "
                             f"{_reason(error)}") from error
        return True

    def _run_ddl(self, session: Session, migration: Migration) -> None:
        if self.dialect == "postgresql":
            session.connection.exec_driver_sql(migration.postgresql or migration.sql)
            return
        for statement in sqlite_statements(migration.sql):
            session.connection.exec_driver_sql(statement)

    def query(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Record]:
        try:
            return self.session.execute(sql, params).fetchall()
        except sa.exc.OperationalError as error:
            raise StoreError(f"无法读取数据库 {self.shown}: {_reason(error)}") from error

    def write(self, work: Callable[[Session], Any]) -> Any:
        with self.transaction() as session:
            return work(session)


def _reason(error: sa.exc.SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    return str(original or error).strip().splitlines()[0] if str(original or error).strip() \
        else type(error).__name__


def sqlite_statements(script: str) -> list[str]:
    """Split a migration into statements; triggers hold ';' inside BEGIN … END."""
    import sqlite3
    statements, buffer = [], ""
    for line in script.splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
