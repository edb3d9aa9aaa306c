"""A file that takes longer than --timeout is stopped in its worker and reported `unreadable`;
`check` and `run` still report every other file (issue 21: a timeout ended in a traceback)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractors.read
from intake.cli import app
from tests.support.batch import write_batch
from tests.support.files import form_pdf

runner = CliRunner()
RUBRIC = "hebei-ou-2024-collective"


@pytest.fixture
def slow_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample-like batch plus a PDF whose reading hangs: the real worker (forked after the
    patch) reads it, and only the parent's limit can stop it."""
    batch = write_batch(tmp_path)
    form_pdf(batch / "石家庄开放大学" / "附件.pdf")
    real = extractors.read.read_pdf

    def slow(path: Path) -> object:
        if path.name == "附件.pdf":
            time.sleep(60)
        return real(path)

    monkeypatch.setattr(extractors.read, "read_pdf", slow)
    return batch


def _timed_out(documents: list[dict]) -> list[dict]:
    return [d for d in documents if Path(d["path"]).name == "附件.pdf"]


def test_check_reports_the_timeout_and_every_other_file(slow_batch: Path) -> None:
    started = time.monotonic()
    result = runner.invoke(app, ["check", str(slow_batch), "--format", "json", "--timeout", "1",
                                 "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 30  # stopped at its limit, not waited for
    data = json.loads(result.stdout)
    assert len(data["submissions"]) == 3
    documents = [d for s in data["submissions"] for d in s["documents"]]
    [slow] = _timed_out(documents)
    assert [(f["code"], "timed out" in f["message"]) for f in slow["findings"]] == [
        ("unreadable", True)]
    others = [d for d in documents if d is not slow]
    assert len(others) == 6 and all(d["sha256"] for d in others)
    assert all(not d["findings"] or d["findings"][0]["code"] != "unreadable" for d in others)


def test_run_reports_the_timeout_and_still_suggests_for_the_rest(slow_batch: Path,
                                                                 tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(slow_batch), "--rubric", RUBRIC, "--db",
                                 str(tmp_path / "t.db"), "--format", "json", "--timeout", "1"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    data = json.loads(result.stdout)
    rows = {Path(s["path"]).name: s for s in data["submissions"]}
    assert set(rows) == {"石家庄开放大学", "保定开放大学", "正定县开放大学"}
    assert all(rows[name]["suggested_total"] is not None for name in rows)
    assert data["extracted"] > 0
    timed_out = [f for f in rows["石家庄开放大学"]["findings"] if "timed out" in f["message"]]
    assert [f["code"] for f in timed_out] == ["unreadable"]
