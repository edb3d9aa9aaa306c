"""`intake run` on the sample batch: suggestions with verified citations stored once, a triage
table and JSON, and a re-run that makes nothing again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.cli import app
from intake.store import Store
from intake.store.suggestions import load_suggestions

BATCH = Path(__file__).resolve().parents[1] / "samples" / "batch"
RUBRIC = "hebei-ou-2024-collective"
runner = CliRunner()


def run_json(db: Path) -> dict:
    result = runner.invoke(app, ["run", str(BATCH), "--rubric", RUBRIC, "--db", str(db),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    db = tmp_path_factory.mktemp("run") / "intake.db"
    return db, run_json(db)


def _row(data: dict, name: str) -> dict:
    return next(s for s in data["submissions"] if Path(s["path"]).name == name)


def test_facts_of_the_shijiazhuang_deeds_are_suggested_with_quotes(first_run: tuple) -> None:
    db, data = first_run
    row = _row(data, "石家庄开放大学信息技术中心")
    with Store(db) as store:
        made = {s.key: s for _, s in load_suggestions(store, row["submission"], RUBRIC)}
        texts = {r["sha256"]: r["text"] for r in store.query("SELECT sha256, text FROM documents")}
    expected = {"leading_group": "headed_by_principal", "group_meetings": 3,
                "it_budget_share": 6.4, "it_staff": 6, "security_incident": "none",
                "security_policy": "complete"}
    assert {k: made[k].value for k in expected} == expected
    for suggestion in made.values():
        for citation in suggestion.citations:  # every quote is really in the stored text
            assert texts[citation.document_sha256][citation.start:citation.end] == citation.quote
    assert made["teacher_online_days"].status == "no_evidence"  # platform data, not in deeds


def test_chinese_numerals_and_negations_in_the_zhengding_deeds(first_run: tuple) -> None:
    db, data = first_run
    row = _row(data, "正定县开放大学")
    with Store(db) as store:
        made = {s.key: s for _, s in load_suggestions(store, row["submission"], RUBRIC)}
    assert (made["group_meetings"].value, made["it_staff"].value) == (3, 2)
    assert made["it_budget_share"].value == 5.2  # 百分之五点二
    assert made["security_incident"].value == "none"  # 未发生


def test_triage_rows(first_run: tuple) -> None:
    _, data = first_run
    assert data["rubric"] == RUBRIC and data["extractor"] == "rules"
    assert len(data["submissions"]) == len([p for p in BATCH.iterdir() if p.is_dir()])
    scored = [s for s in data["submissions"] if s["suggested_total"] is not None]
    names = {Path(s["path"]).name for s in scored}
    assert names >= {"石家庄开放大学信息技术中心", "正定县开放大学"}
    for row in scored:
        assert row["total_min"] <= row["suggested_total"] <= row["total_max"] <= 100
        assert row["pending"] > 0
    individual = _row(data, "个人-李明")
    assert individual["suggested_total"] is None and "不属于" in individual["note"]
    assert _row(data, "正定县开放大学")["unit"]["level"] == "county"


def test_rerun_reuses_everything_and_duplicates_nothing(first_run: tuple) -> None:
    db, data = first_run
    with Store(db) as store:
        before = store.query("SELECT COUNT(*) AS n FROM suggestions")[0]["n"]
    again = run_json(db)
    assert again["extracted"] == 0 and again["reused"] == data["extracted"] > 0
    with Store(db) as store:
        assert store.query("SELECT COUNT(*) AS n FROM suggestions")[0]["n"] == before
    assert [s["suggested_total"] for s in again["submissions"]] == [
        s["suggested_total"] for s in data["submissions"]]


def test_table_output_and_usage_errors(tmp_path: Path) -> None:
    table = runner.invoke(app, ["run", str(BATCH / "正定县开放大学"), "--rubric", RUBRIC,
                                "--db", str(tmp_path / "t.db")])
    assert table.exit_code == 0 and "正定县开放大学" in table.stdout and "待复核" in table.stdout
    unknown = runner.invoke(app, ["run", str(BATCH), "--rubric", "no-such", "--db",
                                  str(tmp_path / "u.db")])
    assert unknown.exit_code == 2 and "no-such" in unknown.output
    no_model = runner.invoke(app, ["run", str(BATCH), "--rubric", RUBRIC, "--extractor", "llm",
                                   "--db", str(tmp_path / "v.db")])
    assert no_model.exit_code == 2 and "--model" in no_model.output
    assert "Traceback" not in unknown.output + no_model.output
