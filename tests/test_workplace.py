"""Issue 12, case 1: a wrong or missing store is an error, never a new empty store; the store,
rubric and reviewer can be set once (INTAKE_DB, intake.toml) instead of repeating --db."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake import settings
from intake.cli import app
from intake.store import Store

RUBRIC = "hebei-ou-2024-collective"
SJZ = "石家庄开放大学"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


READ_COMMANDS = [
    ["score"],
    ["score", "--format", "json"],
    ["report", "--xlsx", "out/汇总表.xlsx", "--html", "out/html"],
    ["review", "--reviewer", "张老师"],
    ["review", "--accept-all", "--reviewer", "张老师"],
    ["review", "log"],
    ["review", "export", "out/待复核.xlsx"],
    ["review", "import", "待复核.xlsx", "--reviewer", "张老师"],
    ["metrics", "import", "metrics.csv"],
]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_typo_in_db_is_an_error_that_creates_nothing(command: list[str], tmp_path: Path) -> None:
    (tmp_path / "待复核.xlsx").write_bytes(b"")
    (tmp_path / "metrics.csv").write_text("单位名称\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    code, output = invoke(*command, "--db", "intak.db")
    assert code == 2, output
    assert "intak.db" in output and "不存在" in output and "intake run" in output
    assert "Traceback" not in output
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no intak.db, no out/


@pytest.mark.parametrize("command", READ_COMMANDS[:3], ids=lambda c: " ".join(c[:2]))
def test_without_db_a_read_command_does_not_create_intake_db(command: list[str],
                                                             tmp_path: Path) -> None:
    code, output = invoke(*command)
    assert code == 2
    assert "intake.db" in output and "intake run" in output
    assert not (tmp_path / "intake.db").exists()
    assert not (tmp_path / "out").exists()


def test_intake_db_names_the_store(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTAKE_DB", str(db))
    code, output = invoke("score", "--format", "json")
    assert code == 0, output
    assert len(json.loads(output)["units"]) == 3


def test_intake_toml_names_store_rubric_and_reviewer(db: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "intake.toml").write_text(
        f'db = "../{db.name}"\nrubric = "{RUBRIC}"\nreviewer = "配置复核人"\n\n'
        '[llm]\nmodel = "openai:gpt-4o-mini"\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        code, output = invoke("review", SJZ, "--accept-all")
    assert code == 0, output
    with Store(db) as store:
        reviewers = {r["reviewer"] for r in store.query("SELECT reviewer FROM decisions")}
    assert reviewers == {"配置复核人"}


def test_option_beats_environment_beats_intake_toml(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "intake.toml").write_text('db = "from-toml.db"\n', encoding="utf-8")
    assert Path(settings.store_target(None)) == tmp_path / "from-toml.db"
    monkeypatch.setenv("INTAKE_DB", "from-env.db")
    assert Path(settings.store_target(None)) == Path("from-env.db")
    assert Path(settings.store_target(Path("given.db"))) == Path("given.db")
    monkeypatch.delenv("INTAKE_DB")
    (tmp_path / "intake.toml").unlink()
    assert Path(settings.store_target(None)) == Path("intake.db")


def test_a_broken_intake_toml_is_a_message(tmp_path: Path) -> None:
    (tmp_path / "intake.toml").write_text('db = "unclosed\n', encoding="utf-8")
    code, output = invoke("score")
    assert code == 2
    assert "intake.toml" in output and "Traceback" not in output


def test_run_creates_the_store_it_is_told_of(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.batch import UNITS, write_batch

    batch = write_batch(tmp_path, UNITS[:1])
    monkeypatch.setenv("INTAKE_DB", str(tmp_path / "env.db"))
    (tmp_path / "intake.toml").write_text(f'rubric = "{RUBRIC}"\n', encoding="utf-8")
    code, output = invoke("run", str(batch), "--jobs", "1")
    assert code == 0, output
    assert (tmp_path / "env.db").is_file() and not (tmp_path / "intake.db").exists()
    code, output = invoke("score")
    assert code == 0 and "石家庄开放大学信息技术中心" in output


def test_a_report_without_its_store_leaves_the_old_summary_as_it_was(tmp_path: Path) -> None:
    """The reported case: `intake report` run without --db replaced the 汇总表 by an empty one."""
    old = tmp_path / "build" / "汇总表.xlsx"
    old.parent.mkdir()
    old.write_bytes(b"the demo's workbook")
    code, output = invoke("report", "--xlsx", str(old), "--html", str(tmp_path / "build" / "h"))
    assert code == 2 and "intake.db" in output
    assert old.read_bytes() == b"the demo's workbook"
    assert not (tmp_path / "build" / "h").exists()


def test_a_read_command_on_either_engine_reads_the_store_it_names(target: str) -> None:
    code, output = invoke("score", "--format", "json", "--db", target)
    assert code == 0, output
    assert len(json.loads(output)["units"]) == 3


def test_a_postgresql_database_without_a_store_is_a_message_that_creates_nothing(
        postgres_server: str) -> None:
    import sqlalchemy as sa

    from tests.support.postgres import fresh_database

    url = fresh_database(postgres_server, "no_store_yet")
    code, output = invoke("score", "--db", url)
    assert code == 2, output
    assert "不存在" in output and "intake run" in output and "Traceback" not in output
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
    engine.dispose()
    assert tables == []  # no _migrations, no empty store made by reading


def test_a_postgresql_server_that_cannot_be_reached_is_a_message(postgres_server: str) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    code, output = invoke("review", "log", "--db", f"postgresql://intake@127.0.0.1:{port}/x")
    assert code == 2, output
    assert "不存在" in output and "无法连接" in output and "Traceback" not in output
    assert f"127.0.0.1:{port}" in output
