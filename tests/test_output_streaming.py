"""`check` and `run` write JSON and CSV one submission at a time (issue 21): the document is still
valid and complete, and no piece holds more than one submission."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.present import check as present_check
from intake.present import run as present_run
from intake.present.json_stream import indented
from intake.run.pipeline import RunResult
from intake.run.triage import TriageRow
from intake.screen.batch import BatchResult, ReadOptions, check_batch, load_programme
from intake.store import Store
from intake.store.suggestions import load_suggestions

BATCH = Path(__file__).resolve().parents[1] / "samples" / "batch"
RUBRIC = "hebei-ou-2024-collective"
runner = CliRunner()


@pytest.fixture(scope="module")
def checked() -> BatchResult:
    return check_batch([BATCH], load_programme(), ReadOptions(jobs=1), content=False)


def test_check_json_is_the_whole_batch_one_submission_a_piece(checked: BatchResult) -> None:
    pieces = list(present_check.to_json(checked))
    data = json.loads("".join(pieces))
    assert data["submissions"] == [present_check.submission_json(s) for s in checked.submissions]
    assert data["summary"] == present_check.summary_json(checked)
    assert data["summary"]["submissions"] == len(checked.submissions) == len(pieces) - 2
    for piece, s in zip(pieces[1:-1], checked.submissions, strict=True):
        assert piece.count('"kind"') == 1 and json.dumps(s.path, ensure_ascii=False) in piece


def test_check_json_to_a_file_and_to_stdout_are_the_same(tmp_path: Path) -> None:
    out = tmp_path / "形式审查.json"
    to_file = runner.invoke(app, ["check", str(BATCH), "--format", "json", "--output", str(out),
                                  "--jobs", "1"])
    to_stdout = runner.invoke(app, ["check", str(BATCH), "--format", "json", "--jobs", "1"])
    assert to_file.exit_code == to_stdout.exit_code == 0, to_file.output + to_stdout.output
    written = out.read_text(encoding="utf-8")
    assert written == to_stdout.stdout and written.endswith("}\n")
    data = json.loads(written)
    assert len(data["submissions"]) == data["summary"]["submissions"] == len(list(BATCH.iterdir()))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_csv_row_by_row(checked: BatchResult, lang: str) -> None:
    pieces = list(present_check.to_csv(checked, lang))
    assert len(pieces) == len(checked.submissions) + 1  # the header, then one row a piece
    assert pieces[0].startswith("\ufeff") == (lang == "zh")
    rows = list(csv.reader(io.StringIO("".join(pieces).removeprefix("\ufeff"))))
    assert len(rows) == len(checked.submissions) + 1
    assert [r[0] for r in rows[1:]] == [s.path for s in checked.submissions]


def test_run_json_reads_each_submissions_suggestions_as_it_writes_them(tmp_path: Path) -> None:
    db, out = tmp_path / "intake.db", tmp_path / "预评分.json"
    result = runner.invoke(app, ["run", str(BATCH), "--rubric", RUBRIC, "--db", str(db),
                                 "--format", "json", "--output", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["submissions"]) == len(list(BATCH.iterdir()))
    with Store(db) as store:
        for entry in data["submissions"]:
            stored = load_suggestions(store, entry["submission"], RUBRIC)
            assert [s["id"] for s in entry["suggestions"]] == [sid for sid, _ in stored]
            assert [s["key"] for s in entry["suggestions"]] == [s.key for _, s in stored]
    assert sum(len(e["suggestions"]) for e in data["submissions"]) > 0


def test_run_json_asks_for_one_submissions_suggestions_per_piece() -> None:
    rows = [TriageRow(submission=f"s{i}", path=f"批次/{i}", kind="collective", unit=None,
                      findings=[], suggested_total=None, total_min=None, total_max=None,
                      pending=0) for i in range(3)]
    asked: list[str] = []

    def suggestions_of(sid: str) -> list:
        asked.append(sid)
        return []

    result = RunResult(rubric=load_rubric(RUBRIC), extractor="rules", model="", submissions=[],
                       extracted=3, reused=0)
    pieces = present_run.render_json(result, rows, suggestions_of)
    written = [next(pieces)]  # the head: nothing asked yet
    assert asked == []
    for i in range(3):
        written.append(next(pieces))
        assert f"批次/{i}" in written[-1] and asked == [f"s{j}" for j in range(i + 1)]
    data = json.loads("".join([*written, *pieces]))
    assert [e["path"] for e in data["submissions"]] == ["批次/0", "批次/1", "批次/2"]
    assert data["rubric"] == RUBRIC and data["submissions"][0]["suggestions"] == []


def test_score_json_is_what_json_dumps_writes_made_one_unit_at_a_time() -> None:
    units = [{"unit": {"name": "唐山开放大学", "city": "唐山市"}, "items": [{"id": "A1"}]},
             {"unit": {"name": "廊坊开放大学"}, "items": [], "trace": {}}]
    report = {"rubric": "hebei", "counts": {"scored": 2}, "units": units, "overlaps": [],
              "note": None}
    made: list[str] = []

    def each_unit() -> Iterator[dict[str, Any]]:
        for unit in units:
            made.append(unit["unit"]["name"])
            yield unit

    pieces = indented({**report, "units": each_unit(), "overlaps": iter([])})
    text = next(pieces)
    while not made:
        text += next(pieces)
    assert made == ["唐山开放大学"]  # the second unit is not made before the first is written
    text += "".join(pieces)
    assert text == json.dumps(report, ensure_ascii=False, indent=2)
