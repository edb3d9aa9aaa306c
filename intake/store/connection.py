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
Documents are keyed by the SHA-256 of their bytes and submissions by their folder and the hash of
their documents (intake/store/submissions.py), so re-running a batch is idempotent and two folders
holding the same files stay two submissions. Only `intake run` creates a store (`create=True`); a
read command names a missing one instead of making an empty file, and every failure to write
(read-only, lock timeout, disk full) is one StoreError line saying what to do. Decisions are
append-only: triggers abort UPDATE and DELETE on both engines.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
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

    def stream(self, size: int = 500) -> Iterator[Record]:
        """The rows `size` at a time, never all at once (SQLite reads them as they are asked
        for; psycopg's client-side cursor holds the result, but no Records are made ahead)."""
        if not self._result.returns_rows:
            return
        while chunk := self._result.fetchmany(size):
            for row in chunk:
                yield Record(tuple(row), self._index)

    @property
    def rowcount(self) -> int:
        return self._result.rowcount


class FetchedRows(Rows):
    """What `execute` returns on SQLite: the cursor's rows, fetched at once (so no statement is
    left half-stepped when the transaction ends), with the same interface as Rows."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        described = cursor.description is not None
        self._index = {d[0]: i for i, d in enumerate(cursor.description)} if described else {}
        self._fetched = cursor.fetchall() if described else []
        self._count = cursor.rowcount

    def fetchall(self) -> list[Record]:
        return [Record(row, self._index) for row in self._fetched]

    def fetchone(self) -> Record | None:
        return Record(self._fetched[0], self._index) if self._fetched else None

    @property
    def rowcount(self) -> int:
        return self._count


_PLACEHOLDER = re.compile(r"\?")


def named(sql: str) -> tuple[str, int]:
    """`?` placeholders as named binds :p0, :p1, …; our statements hold no literal '?'."""
    count = iter(range(10_000))
    return _PLACEHOLDER.sub(lambda _: f":p{next(count)}", sql), sql.count("?")


def _binds(params: Sequence[Any] | Mapping[str, Any]) -> dict[str, Any]:
    """A statement's values for the named binds `named` made of its `?` placeholders."""
    if isinstance(params, Mapping):
        return dict(params)
    return {f"p{i}": value for i, value in enumerate(params)}


class Session:
    """The statements of one connection: `execute(sql, params)` with `?` placeholders."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name  # sqlite | postgresql
        self._compiled: dict[str, sa.TextClause] = {}
        # On SQLite our `?` statements go to the driver as they are: SQLAlchemy's compile-bind-
        # result machinery cost ~70 µs a statement, and `intake run` makes ~70 per submission.
        self._sqlite: sqlite3.Connection | None = (
            connection.connection.driver_connection if self.dialect == "sqlite" else None)

    def _clause(self, sql: str) -> sa.TextClause:
        clause = self._compiled.get(sql)
        if clause is None:
            clause = self._compiled[sql] = sa.text(named(sql)[0])
        return clause

    def execute(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Rows:
        if self._sqlite is not None:
            return FetchedRows(self._on_sqlite(self._sqlite.execute, sql, params))
        return Rows(self.connection.execute(self._clause(sql), _binds(params)))

    def stream(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = (),
               size: int = 500) -> Iterator[Record]:
        """The rows `size` at a time: on SQLite straight from the driver's cursor (execute
        fetches everything at once, which a whole-table read of thousands must not)."""
        if self._sqlite is None:
            yield from Rows(self.connection.execute(self._clause(sql), _binds(params))).stream(size)
            return
        cursor = self._on_sqlite(self._sqlite.execute, sql, params)
        index = {d[0]: i for i, d in enumerate(cursor.description or ())}
        try:
            while chunk := cursor.fetchmany(size):
                for row in chunk:
                    yield Record(row, index)
        finally:
            cursor.close()

    def _on_sqlite(self, run: Callable[[str, Any], sqlite3.Cursor], sql: str,
                   params: Any) -> sqlite3.Cursor:
        """The driver's call, its errors raised as SQLAlchemy's (OperationalError …) as on the
        SQLAlchemy path, so the store's messages for locked, read-only and full stores hold."""
        try:
            return run(sql, dict(params) if isinstance(params, Mapping) else tuple(params))
        except sqlite3.Error as error:
            raise sa.exc.DBAPIError.instance(sql, params, error, sqlite3.Error) from error

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows and self._sqlite is not None:
            self._on_sqlite(self._sqlite.executemany, sql, [tuple(row) for row in rows])
            return
        if rows:
            binds = [_binds(row) for row in rows]
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
                 migrations: Sequence[Migration] = MIGRATIONS, create: bool = True) -> None:
        """Open (with `create`, make) the store. Without `create` a missing store is a
        StoreError naming it and the command that makes one: reading never creates it (on
        PostgreSQL: a database that cannot be reached or holds no store yet)."""
        self.target, self.timeout = target, timeout
        self.path = Path(target) if not is_postgresql(target) else str(target)
        self.dialect = "postgresql" if is_postgresql(target) else "sqlite"
        if not create and self.dialect == "sqlite" and not Path(target).is_file():
            raise StoreError(missing_store(self.shown))
        try:
            self.engine = engine_for(target, timeout)
            self.session = Session(self.engine.connect())
        except sa.exc.SQLAlchemyError as error:
            raise self._open_error(error, create) from error
        try:
            self._prepare(create)
            self.migrate(migrations)
        except BaseException:
            self.close()
            raise

    def _prepare(self, create: bool) -> None:
        try:
            if self.dialect == "sqlite":
                self._set_wal()
                return
            self.session.execute(f"SET lock_timeout = '{timeout_ms(self.timeout)}ms'")
            if not create and not self.session.execute(
                    "SELECT 1 FROM information_schema.tables WHERE table_name = '_migrations' "
                    "AND table_schema = current_schema()").fetchone():
                raise StoreError(missing_store(self.shown))
        except sa.exc.SQLAlchemyError as error:
            raise self._open_error(error, create) from error

    def _open_error(self, error: sa.exc.SQLAlchemyError, create: bool) -> StoreError:
        reason = _reason(error)
        if self.dialect == "postgresql" and not create:
            return StoreError(f"{missing_store(self.shown)}；无法连接：{reason}")
        if self.dialect == "sqlite" and _disk_full(Path(self.target)):
            return StoreError(_full_message(self.shown, reason))
        if self.dialect == "sqlite" and _read_only(Path(self.target)):
            return StoreError(f"数据库 {self.shown} 所在的文件系统是只读的，无法打开：数据库需要在"
                              "同一文件夹中写入 -wal、-shm 文件，请把它复制到可写的位置再用 --db "
                              f"指定 ({reason})")
        return StoreError(f"无法打开数据库 {self.shown}: {reason}")

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
        except BaseException as error:
            self._rollback_quietly()
            if isinstance(error, sa.exc.OperationalError):
                raise self._write_error(error) from error
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
        """A reviewer-readable StoreError for a write the engine refused; nothing was written."""
        reason = _reason(error)
        if any(word in reason for word in ("locked", "busy", "lock timeout")):
            return StoreError(f"数据库 {self.shown} 正被另一个进程写入，等待 {self.timeout:g} 秒后"
                              f"仍未释放，本次未写入任何内容，请稍后重试 (database is locked by "
                              f"another writer: {reason})")
        if any(word in reason for word in ("readonly", "read-only", "read only")):
            return StoreError(f"数据库 {self.shown} 是只读的，本次未写入任何内容：请检查该文件及其"
                              f"所在文件夹的写权限，或用 --db 换一个可写的位置 ({reason})")
        if "full" in reason or ("I/O" in reason and self.dialect == "sqlite"
                                and _disk_full(Path(self.target))):
            return StoreError(_full_message(self.shown, reason))
        return StoreError(f"无法写入数据库 {self.shown}，本次的写入已撤销: {reason}")

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
        with self.transaction() as session:
            # Another process may have migrated while we waited for the lock.
            if session.execute("SELECT 1 FROM _migrations WHERE name = ?",
                               (migration.name,)).fetchone():
                return False
            try:
                self._run_ddl(session, migration)
            except sa.exc.OperationalError as error:
                raise self._migration_error(migration, error) from error
            session.execute("INSERT INTO _migrations VALUES (?, ?)", (migration.name, now()))
        return True

    def _migration_error(self, migration: Migration, error: sa.exc.OperationalError) -> StoreError:
        written = self._write_error(error)  # locked, read-only, full: said as for any write
        if not str(written).startswith(f"无法写入数据库 {self.shown}，"):
            return written
        needs = ("；检索索引需要 SQLite 3.34 以上、带 FTS5 trigram 的版本"
                 if "fts" in migration.name else "")
        return StoreError(f"无法升级数据库 {self.shown}（迁移 {migration.name}{needs}）: "
                          f"{_reason(error)}")

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

    def stream(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Iterator[Record]:
        """A query's rows one at a time, for whole-table reads a batch of thousands of
        submissions must not hold in memory at once."""
        try:
            yield from self.session.stream(sql, params)
        except sa.exc.OperationalError as error:
            raise StoreError(f"无法读取数据库 {self.shown}: {_reason(error)}") from error

    def write(self, work: Callable[[Session], Any]) -> Any:
        with self.transaction() as session:
            return work(session)


def timeout_ms(seconds: float) -> int:
    return int(seconds * 1000)


def missing_store(shown: str) -> str:
    return (f"数据库 {shown} 不存在：请先运行 intake run PATH --rubric ID --db {shown} 创建它，"
            f"或用 --db、INTAKE_DB 或 intake.toml 指定已有的数据库 (no store at {shown}; "
            "`intake run` creates one)")


def _disk_full(path: Path) -> bool:
    """SQLite reports a full disk as SQLITE_FULL, or as an I/O error when the -shm or -wal file
    cannot grow: then the free space decides."""
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False


def _read_only(path: Path) -> bool:
    return path.exists() and not os.access(path, os.W_OK)


def _full_message(shown: str, reason: str) -> str:
    return (f"磁盘已满，无法写入数据库 {shown}，本次的写入已撤销：请腾出空间后重新运行同一命令 "
            f"({reason})")


def _reason(error: sa.exc.SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    return str(original or error).strip().splitlines()[0] if str(original or error).strip() \
        else type(error).__name__


def sqlite_statements(script: str) -> list[str]:
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
