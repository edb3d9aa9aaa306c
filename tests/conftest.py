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
