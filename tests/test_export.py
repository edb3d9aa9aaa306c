"""`intake show` and `intake export`: one submission's whole picture and the whole store as data,
in the documented schema (intake/present/export.schema.json, kept equal to the models);
`run --format json` keeps its keys and adds the suggestions."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from intake.cli import app
from intake.present import dossier
from intake.store import Store
from intake.store.submissions import document_text

BATCH = Path(__file__).resolve().parents[1] / "samples" / "batch"
RUBRIC = "hebei-ou-2024-collective"
SJZ = "石家庄开放大学信息技术中心"
runner = CliRunner()


def _intake(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "intake.db"
    folders = [str(BATCH / name) for name in (SJZ, "邢台开放大学", "个人-李明")]
    _intake("run", *folders, "--rubric", RUBRIC, "--db", str(path))
    _intake("review", "--accept-all", "--reviewer", "张老师", "--db", str(path))
    return path


def test_schema_file_is_the_models_schema() -> None:
    written = json.loads(dossier.SCHEMA_FILE.read_text(encoding="utf-8"))
    assert written == dossier.json_schema(), "regenerate export.schema.json (see README)"


def test_export_follows_its_schema_and_holds_the_store(db: Path) -> None:
    data = json.loads(_intake("export", "--db", str(db)))
    jsonschema.Draft202012Validator(dossier.json_schema()).validate(data)
    assert data["schema_version"] == 1 and data["rubric"] == RUBRIC
    by_name = {Path(d["path"]).name: d for d in data["submissions"]}
    assert set(by_name) == {SJZ, "邢台开放大学", "个人-李明"}
    sjz = by_name[SJZ]
    scored = json.loads(_intake("score", "--format", "json", "--db", str(db)))
    unit = next(u for u in scored["units"] if u["submission"] == sjz["submission"])
    assert sjz["score"]["total"] == unit["total"] > 0
    assert len(sjz["decisions"]) == len(sjz["suggestions"]) > 0  # accepted in bulk: one each
    assert all(s["decided"] for s in sjz["suggestions"])
    with Store(db) as store:
        for s in sjz["suggestions"]:
            for c in s["citations"]:
                assert document_text(store, c["document_sha256"])[c["start"]:c["end"]] == c["quote"]
    assert by_name["邢台开放大学"]["findings"][0]["code"] == "missing_field"
    assert by_name["个人-李明"]["score"] is None  # a collective rubric scores no individual


def test_jsonl_is_one_valid_dossier_per_line(db: Path) -> None:
    lines = _intake("export", "--format", "jsonl", "--db", str(db)).splitlines()
    schema = dossier.json_schema()
    line_schema = {"$ref": "#/$defs/Dossier", "$defs": schema["$defs"]}
    assert len(lines) == 3
    for line in lines:
        jsonschema.Draft202012Validator(line_schema).validate(json.loads(line))


def test_show_json_is_the_exports_entry_and_text_reads_in_chinese(db: Path) -> None:
    entry = json.loads(_intake("show", SJZ, "--format", "json", "--db", str(db)))
    whole = json.loads(_intake("export", "--db", str(db)))
    assert entry == next(d for d in whole["submissions"] if d["submission"] == entry["submission"])
    text = runner.invoke(app, ["show", SJZ, "--db", str(db)], env={"COLUMNS": "100"}).stdout
    assert "信息化专职人员数量：6" in text and "已复核" in text
    quote = next(s["citations"][0]["quote"] for s in entry["suggestions"] if s["citations"])
    assert quote[:20] in text.replace("\n", "")
    assert "复核决定" in text and "张老师" in text and "得分：" in text
    missing = runner.invoke(app, ["show", "邯郸开放大学", "--db", str(db)])
    assert missing.exit_code == 2 and "邯郸开放大学" in missing.output


def test_run_json_keeps_its_keys_and_adds_suggestions(tmp_path: Path) -> None:
    out = json.loads(_intake("run", str(BATCH / SJZ), "--rubric", RUBRIC, "--format", "json",
                             "--db", str(tmp_path / "intake.db")))
    assert {"rubric", "extractor", "model", "extracted", "reused", "submissions"} <= set(out)
    entry = out["submissions"][0]
    assert {"submission", "path", "kind", "unit", "findings", "suggested_total", "total_min",
            "total_max", "excluded", "pending", "note"} <= set(entry)
    staff = next(s for s in entry["suggestions"] if s["key"] == "it_staff")
    assert staff["value"] == 6 and staff["citations"][0]["quote"]
    assert isinstance(staff["id"], int)
