"""Shared test setup: no network, data directories in tmp_path, helpers importable both ways."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
# Helper modules (doc_builders, facts_helpers, …) import as `tests.x` and as plain `x`.
sys.path.insert(0, str(TESTS))


@pytest.fixture(autouse=True)
def _isolated_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run each test in its own folder so a default ./intake.db never lands in the repo."""
    monkeypatch.chdir(tmp_path)
    for variable in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "INTAKE_MODEL"):
        monkeypatch.delenv(variable, raising=False)
