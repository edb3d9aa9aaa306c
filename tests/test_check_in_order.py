"""`intake check` writes each submission as soon as it and all before it are checked (issue 21):
the output is in batch order whatever order the workers finish in, and the same as before."""

from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from extractors.document import Document
from extractors.forms import Form
from intake.cli import app
from intake.present import check as present_check
from intake.screen import batch
from intake.screen.in_order import in_order

BATCH = Path(__file__).resolve().parents[1] / "samples" / "batch"
runner = CliRunner()


@pytest.mark.parametrize("keep", [0, 2, 512])
def test_items_in_any_order_come_out_in_order(keep: int) -> None:
    places = list(range(40))
    random.Random(21).shuffle(places)
    numbered = [(place, f"第{place}份") for place in places]
    assert list(in_order(numbered, keep=keep)) == [f"第{place}份" for place in range(40)]


def test_each_item_is_handed_on_as_soon_as_all_before_it_have_come() -> None:
    arrived: list[int] = []

    def arriving() -> Iterator[tuple[int, int]]:
        for place in (1, 0, 3, 2):
            arrived.append(place)
            yield place, place

    handed = in_order(arriving(), keep=0)  # keep=0: what waits, waits on disk
    assert next(handed) == 0 and arrived == [1, 0]
    assert next(handed) == 1 and arrived == [1, 0]  # 1 waited for 0: no need to read on
    assert next(handed) == 2 and arrived == [1, 0, 3, 2]
    assert list(handed) == [3]


@pytest.fixture
def first_files_slow(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The workers (forked, so they see this) take longer over the batch's first submissions,
    so later ones are checked first; returns the order the submissions were checked in."""
    reading = batch.read_and_recognise
    slow = sorted(BATCH.iterdir())[:3]

    def read(path: Path, forms: tuple, ocr: object = None) -> tuple[Document, Form]:
        if path.parent in slow:
            time.sleep(0.4)
        return reading(path, forms, ocr)

    monkeypatch.setattr(batch, "read_and_recognise", read)
    found = batch.iter_checked([BATCH], batch.load_programme(), batch.ReadOptions(jobs=2))
    return [c.path for _, c in found]


def test_check_json_is_in_batch_order_when_the_workers_finish_out_of_order(
        first_files_slow: list[str]) -> None:
    in_batch = [str(s.path) for s in batch.discover([BATCH])]
    assert first_files_slow != in_batch  # the test's premise: the workers finished out of order
    result = runner.invoke(app, ["check", str(BATCH), "--format", "json", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["path"] for s in data["submissions"]] == in_batch
    whole = batch.check_batch([BATCH], batch.load_programme(), batch.ReadOptions(jobs=1),
                             content=False)
    assert result.stdout == "".join(present_check.to_json(whole))
    assert data["summary"]["submissions"] == len(in_batch)
    assert data["summary"]["by_code"] == _codes(whole)


def _codes(whole: batch.BatchResult) -> dict[str, int]:
    found: dict[str, int] = {}
    for s in whole.submissions:
        for f in s.findings:
            found[f.code] = found.get(f.code, 0) + 1
    return dict(sorted(found.items()))


def test_a_long_table_is_printed_in_blocks_with_every_row_and_finding(
        monkeypatch: pytest.MonkeyPatch) -> None:
    whole = batch.check_batch([BATCH], batch.load_programme(), batch.ReadOptions(jobs=2),
                             content=False)
    monkeypatch.setattr(present_check, "BLOCK_ROWS", 4)
    out = io.StringIO()
    present_check.render_table(whole, Console(file=out, width=400), wide=True)
    shown = out.getvalue()
    n, blocks = len(whole.submissions), -(-len(whole.submissions) // 4)
    assert shown.count(f"形式审查 {n} 份申报材料（第 ") == blocks > 1
    assert "（第 1–4 份）" in shown and f"（第 {4 * blocks - 3}–{n} 份）" in shown
    for s in whole.submissions:
        assert s.path in shown
        for f in s.findings:
            assert f.code in shown
    levels = [present_check._Row.of(s).level for s in whole.submissions]
    assert f"有错误 {levels.count('error')}，有警告 {levels.count('warning')}" in shown
