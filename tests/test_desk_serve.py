"""`intake serve`: bound to 127.0.0.1 by default, a warning for any other address, a plain message
for a bad port or a store without suggestions (no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app as cli
from intake.desk.app import create_app
from intake.store import Store
from rubric.errors import StoreError
from tests.support import desk as support


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return support.build(tmp_path_factory.mktemp("serve"), panel=False)


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict:
    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options, app=app))
    return seen


def test_serve_binds_to_loopback_by_default(db: Path, served: dict) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"]) == ("127.0.0.1", 8000)
    assert "http://127.0.0.1:8000/" in result.output and "警告" not in result.output


def test_serve_warns_when_bound_beyond_this_machine(db: Path, served: dict) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0",
                                      "--port", "8123"])
    assert result.exit_code == 0 and served["host"] == "0.0.0.0" and served["port"] == 8123
    assert "警告 / warning" in result.output and "本机以外" in result.output


def test_serve_refuses_a_bad_port_and_an_empty_store(tmp_path: Path, db: Path,
                                                     served: dict) -> None:
    bad = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", "70000"])
    assert bad.exit_code == 2 and "不是有效端口" in bad.output
    with Store(tmp_path / "empty.db", create=True):
        pass  # made (as `intake run` would), but holding no suggestions
    empty = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "empty.db")])
    assert empty.exit_code == 2 and "库中还没有任何建议" in empty.output and not served


def test_serve_refuses_a_missing_store_as_every_command_does(tmp_path: Path,
                                                             served: dict) -> None:
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(cli, ["serve", "--db", str(missing)])
    assert result.exit_code == 2 and f"数据库 {missing} 不存在" in result.output
    assert "intake run" in result.output and not missing.exists() and not served


def test_the_desk_refuses_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="不存在"):
        create_app(missing, load_rubric("hebei-ou-2024-collective"))
    assert not missing.exists()
