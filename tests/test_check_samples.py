"""The sample batch: `intake check` finds what a reviewer expects (samples/expected.json), the JSON
contract of issue 2 keeps its keys, exit codes follow --fail-on, and the committed files are what
samples/make_samples.py writes."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractors.read import read_document
from intake.cli import app
from intake.screen.batch import ReadOptions, check_batch, load_programme

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
BATCH = SAMPLES / "batch"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (SAMPLES / "expected.json").read_text(encoding="utf-8"))["submissions"]
runner = CliRunner()

Json = dict[str, Any]


def by_folder(checked: Json) -> dict[str, Json]:
    return {Path(s["path"]).name: s for s in checked["submissions"]}


def codes(submission: Json) -> list[str]:
    return sorted({f["code"] for f in submission["findings"]})


@pytest.fixture(scope="module")
def checked() -> Json:
    result = runner.invoke(app, ["check", str(BATCH), "--format", "json"])
    assert result.exit_code == 0, result.output  # default --fail-on: never
    return json.loads(result.stdout)


def test_json_contract_keys(checked: Json) -> None:
    assert set(checked) >= {"submissions", "summary"}
    assert checked["summary"]["submissions"] == len(EXPECTED)
    for submission in checked["submissions"]:
        assert set(submission) >= {"path", "kind", "documents", "fields", "counts", "findings"}
        assert submission["kind"] in ("collective", "individual", "unknown")
        assert set(submission["counts"]) == {"summary", "deeds"}
        for document in submission["documents"]:
            assert set(document) >= {"path", "role", "format", "pages", "findings"}
            assert document["role"] in ("form", "deeds", "other")
            assert Path(document["path"]).parent == Path(submission["path"])
        for finding in submission["findings"]:
            assert set(finding) >= {"code", "level", "message"}
            assert finding["level"] in ("error", "warning", "info")
            assert finding["message"]


def test_every_finding_has_a_field_key(checked: Json) -> None:
    for submission in checked["submissions"]:
        for finding in submission["findings"]:
            assert "field" in finding, (submission["path"], finding["code"])


def test_each_sample_as_a_reviewer_expects(checked: Json) -> None:
    found = by_folder(checked)
    assert set(found) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        got = found[name]
        assert (got["kind"], codes(got), got["counts"]) == (
            expected["kind"], expected["codes"], expected["counts"]), name


def test_check_batch_gives_what_the_command_prints(checked: Json) -> None:
    result = check_batch([BATCH], load_programme(), ReadOptions(jobs=2))
    direct = {Path(s.path).name: (s.kind, sorted({f.code for f in s.findings}), s.counts)
              for s in result.submissions}
    printed = {name: (s["kind"], codes(s), s["counts"]) for name, s in by_folder(checked).items()}
    assert direct == printed


def test_limits_are_inclusive_and_findings_say_count_and_limit(checked: Json) -> None:
    found = by_folder(checked)
    over = {name: {(f["field"], f["count"], f["limit"]) for f in s["findings"]
                   if f["code"] == "over_limit"} for name, s in found.items()}
    assert over["保定开放大学信息中心"] == {("突出事迹简介", 1001, 1000)}
    assert over["沧州开放大学"] == {("事迹材料", 2001, 2000)}  # its summary is 1000/1000
    assert over["个人-王芳"] == {("突出事迹简介", 801, 800)}  # her deeds are 2000/2000
    message = next(f["message"] for f in found["保定开放大学信息中心"]["findings"])
    assert "1001" in message and "1000" in message


def test_documents_have_their_roles(checked: Json) -> None:
    found = by_folder(checked)
    roles = {name: sorted((Path(d["path"]).name, d["role"], d["format"])
                          for d in s["documents"]) for name, s in found.items()}
    assert roles["唐山开放大学"] == [("事迹材料.pdf", "deeds", "pdf"),
                                     ("先进集体申报表.pdf", "form", "pdf")]
    assert roles["衡水开放大学"][1] == ("说明.txt", "other", "other")
    scan = next(d for d in found["廊坊开放大学"]["documents"] if d["format"] == "pdf")
    assert [f["code"] for f in scan["findings"]] == ["needs_ocr"]
    assert found["邢台开放大学"]["fields"]["联系电话"] is None
    city = "石家庄开放大学信息技术中心"
    assert found[city]["fields"]["单位/部门名称"] == city


def test_exit_codes() -> None:
    assert runner.invoke(app, ["check", str(BATCH)]).exit_code == 0
    assert runner.invoke(app, ["check", str(BATCH), "--fail-on", "error"]).exit_code == 1
    only_warnings = str(BATCH / "秦皇岛开放大学")
    assert runner.invoke(app, ["check", only_warnings, "--fail-on", "error"]).exit_code == 0
    assert runner.invoke(app, ["check", only_warnings, "--fail-on", "warning"]).exit_code == 1
    complete = str(BATCH / "个人-李明")
    assert runner.invoke(app, ["check", complete, "--fail-on", "warning"]).exit_code == 0
    missing = runner.invoke(app, ["check", "no/such/folder"])
    assert missing.exit_code == 2
    assert "no/such/folder" in missing.output and "Traceback" not in missing.output


def _files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def test_committed_samples_are_what_the_script_writes(tmp_path: Path) -> None:
    module = runpy.run_path(str(SAMPLES / "make_samples.py"))
    module["main"](["make_samples.py", str(tmp_path / "batch")])
    assert _files(tmp_path / "batch") == _files(BATCH)
    for relative in _files(BATCH):
        ours, theirs = read_document(BATCH / relative), read_document(tmp_path / "batch" / relative)
        assert ours.text == theirs.text, relative
    for name in ("expected.json", "metrics.csv"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (SAMPLES / name).read_text(
            encoding="utf-8"), name


def test_samples_are_small() -> None:
    assert all((BATCH / f).stat().st_size < 200_000 for f in _files(BATCH))
