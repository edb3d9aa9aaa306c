"""Shared test setup: no network, data directories in tmp_path, a small store; helpers live in
tests/support/ and import as tests.support.<module>."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in its own folder so a default ./intake.db never lands in the repo."""
    monkeypatch.chdir(tmp_path)
    for variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "INTAKE_MODEL", "COLUMNS"):
        monkeypatch.delenv(variable, raising=False)


# ---- a store holding a small checked and suggested batch (review, Excel and report tests) ------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per module: running the batch is the slow part."""
    from tests.support.batch import template_store

    return template_store(tmp_path_factory.mktemp("store"))


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template store for each test."""
    from tests.support.batch import copy_store

    return copy_store(template, tmp_path / "intake.db")


@pytest.fixture
def store(db: Path) -> Iterator[object]:
    from intake.store import Store

    with Store(db) as opened:
        yield opened


@pytest.fixture
def rubric() -> object:
    from intake.catalog import load_rubric

    return load_rubric("hebei-ou-2024-collective")


# ---- a tiny batch scored after a bulk acceptance (score and report tests) ----------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> object:
    from tests.support.scored import build

    return build(tmp_path_factory.mktemp("reports"))


# ---- the same store on PostgreSQL: a throwaway server for the session ---------------------------

_databases = iter(range(1, 10**6))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL server on 127.0.0.1 for the session; skipped, with the reason, where none
    can be started (make test installs the server on CI)."""
    from tests.support.postgres import missing_reason, running_server

    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    with running_server() as url:
        yield url


@pytest.fixture(scope="session")
def pg_template(postgres_server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test batch run once into a PostgreSQL database, copied per test like the SQLite one."""
    from intake.store import Store
    from tests.support.batch import run_into
    from tests.support.postgres import fresh_database

    with Store(fresh_database(postgres_server, "batch_template")) as store:
        run_into(store, tmp_path_factory.mktemp("pg-batch"))
    return "batch_template"


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test batch's store on each engine: a SQLite file, or a postgresql:// URL."""
    if request.param == "sqlite":
        from tests.support.batch import copy_store

        return str(copy_store(request.getfixturevalue("template"), tmp_path / "intake.db"))
    from tests.support.postgres import fresh_database

    server = request.getfixturevalue("postgres_server")
    return fresh_database(server, f"t{next(_databases)}", request.getfixturevalue("pg_template"))
