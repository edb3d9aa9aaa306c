"""The sample batch: `intake check` finds what a reviewer expects (samples/expected.json), the JSON
contract keeps its keys, and the committed files are what samples/make_samples.py writes."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.read import read_document
from intake.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BATCH = SAMPLES / "batch"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["submissions"]
runner = CliRunner()


@pytest.fixture(scope="module")
def checked() -> dict[str, object]:
    result = runner.invoke(app, ["check", str(BATCH), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_contract_keys(checked: dict) -> None:
    assert set(checked) >= {"submissions", "summary"}
    for submission in checked["submissions"]:
        assert set(submission) >= {"path", "kind", "documents", "fields", "counts", "findings"}
        assert set(submission["counts"]) == {"summary", "deeds"}
        for document in submission["documents"]:
            assert set(document) >= {"path", "role", "format", "pages", "findings"}
            assert document["role"] in ("form", "deeds", "other")
        for finding in submission["findings"]:
            assert set(finding) >= {"code", "level", "message"}
            assert finding["level"] in ("error", "warning", "info")


def test_each_sample_as_a_reviewer_expects(checked: dict) -> None:
    found = {Path(s["path"]).name: s for s in checked["submissions"]}
    assert set(found) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        got = found[name]
        codes = sorted({f["code"] for f in got["findings"]})
        assert (got["kind"], codes, got["counts"]) == (
            expected["kind"], expected["codes"], expected["counts"]), name


def test_over_limit_findings_say_count_and_limit(checked: dict) -> None:
    found = {Path(s["path"]).name: s for s in checked["submissions"]}
    over = next(f for f in found["保定开放大学信息中心"]["findings"] if f["code"] == "over_limit")
    assert (over["field"], over["count"], over["limit"]) == ("突出事迹简介", 1001, 1000)
    assert "1001" in over["message"] and "1000" in over["message"]


def test_exit_codes() -> None:
    assert runner.invoke(app, ["check", str(BATCH), "--fail-on", "error"]).exit_code == 1
    assert runner.invoke(app, ["check", str(BATCH / "个人-李明"), "--fail-on", "error"]
                         ).exit_code == 0
    missing = runner.invoke(app, ["check", "no/such/folder"])
    assert missing.exit_code == 2
    assert "no/such/folder" in missing.output and "Traceback" not in missing.output


def test_committed_samples_are_what_the_script_writes(tmp_path: Path) -> None:
    module = runpy.run_path(str(SAMPLES / "make_samples.py"))
    module["write_batch"](tmp_path / "batch")
    fresh = sorted(p.relative_to(tmp_path / "batch") for p in (tmp_path / "batch").rglob("*")
                   if p.is_file())
    committed = sorted(p.relative_to(BATCH) for p in BATCH.rglob("*") if p.is_file())
    assert fresh == committed
    for relative in committed:
        ours, theirs = read_document(BATCH / relative), read_document(tmp_path / "batch" / relative)
        assert ours.text == theirs.text, relative
