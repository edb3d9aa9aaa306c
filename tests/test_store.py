"""The store: migrations, WAL, append-only decisions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import DBAPIError

from intake.store import MIGRATIONS, Store, submission_id
from intake.store.connection import Session


@pytest.fixture(params=["sqlite", "postgresql"])
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store on each engine."""
    if request.param == "sqlite":
        return str(tmp_path / "a.db")
    from tests.support.postgres import fresh_database

    return fresh_database(request.getfixturevalue("postgres_server"), f"e{next(_empty)}")


_empty = iter(range(1, 10**6))


def test_migrations_apply_once_and_record_their_names(empty: str) -> None:
    with Store(empty) as store:
        names = [row["name"] for row in store.query("SELECT name FROM _migrations ORDER BY name")]
        assert names == [migration.name for migration in MIGRATIONS]
        assert store.migrate() == []


def test_a_sqlite_store_uses_wal(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"


def _decision(store: Store) -> int:
    def work(db: Session) -> int:
        db.execute("INSERT INTO submissions VALUES ('s', 'p', 'collective', '{}', 't', 't')")
        db.execute("INSERT INTO suggestions (submission_id, rubric, target, key, extractor, "
                   "status, body, created_at) VALUES ('s', 'r', 'fact', 'it_staff', 'rules', "
                   "'suggested', '{}', 't')")
        row = db.execute(
            "INSERT INTO decisions (suggestion_id, submission_id, rubric, target, key, reviewer, "
            "action, suggested, decided, source, decided_at) VALUES (1, 's', 'r', 'fact', "
            "'it_staff', '张老师', 'accept', '5', '5', 'terminal', 't') RETURNING id").fetchone()
        return int(row[0]) if row else 0
    return store.write(work)


def test_decisions_cannot_be_updated_or_deleted(empty: str) -> None:
    with Store(empty) as store:
        decision = _decision(store)
        with pytest.raises(DBAPIError, match="append-only"):
            store.write(lambda db: db.execute("UPDATE decisions SET decided = '9' WHERE id = ?",
                                              (decision,)))
        with pytest.raises(DBAPIError, match="append-only"):
            store.write(lambda db: db.execute("DELETE FROM decisions"))
        assert store.query("SELECT decided FROM decisions")[0][0] == "5"


def test_a_failed_transaction_leaves_nothing_behind(empty: str) -> None:
    with Store(empty) as store:
        def half_then_fail(db: Session) -> None:
            db.execute("INSERT INTO submissions VALUES ('s', 'p', 'collective', '{}', 't', 't')")
            raise RuntimeError("interrupted")
        with pytest.raises(RuntimeError):
            store.write(half_then_fail)
        assert store.query("SELECT count(*) FROM submissions")[0][0] == 0


def test_submission_id_depends_on_names_and_contents_not_order() -> None:
    a = submission_id([("申报表.docx", "1" * 64), ("事迹材料.docx", "2" * 64)])
    assert a == submission_id([("事迹材料.docx", "2" * 64), ("申报表.docx", "1" * 64)])
    assert a != submission_id([("申报表.docx", "1" * 64), ("事迹材料.docx", "3" * 64)])


def test_a_migration_the_engine_cannot_run_names_itself(tmp_path: Path) -> None:
    from intake.store.migrations import Migration
    from rubric.errors import StoreError

    broken = Migration("099_passages_fts", "CREATE VIRTUAL TABLE t USING fts5(a, tokenize='none')")
    with pytest.raises(StoreError, match=r"迁移 099_passages_fts.*FTS5 trigram"):
        Store(tmp_path / "a.db", migrations=[*MIGRATIONS, broken])
    with Store(tmp_path / "a.db") as store:  # the shipped migrations stayed applied
        assert len(store.query("SELECT name FROM _migrations")) == len(MIGRATIONS)
