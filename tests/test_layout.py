"""Tables at 80 columns (the Windows console's default): the compact layout, `--wide`,
`check --summary`, and the pager for output taller than the screen."""

from __future__ import annotations

import json
import pydoc
import re
import runpy
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table
from typer.testing import CliRunner

from intake.cli import app
from intake.present.layout import show
from intake.present.sheet_layout import display_width

ROOT = Path(__file__).resolve().parents[1]
BATCH = ROOT / "samples" / "batch"
RUBRIC = "hebei-ou-2024-collective"
runner = CliRunner()
NARROW = {"COLUMNS": "80", "LINES": "24"}


def _intake(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def _rows_of(output: str, name: str) -> int:
    """How many lines the row of this submission takes (its name line and continuations)."""
    lines = output.splitlines()
    start = next(i for i, line in enumerate(lines) if name in line)
    more = 0
    for line in lines[start + 1:]:
        cells = line.strip("│ ").split("│")
        if not cells[0].strip() and "─" not in line:
            more += 1
        else:
            break
    return 1 + more


@pytest.fixture(scope="module")
def check_80() -> str:
    return _intake("check", str(BATCH), env=NARROW)


def test_check_at_80_columns_is_one_line_per_submission(check_80: str) -> None:
    assert all(display_width(line) <= 80 for line in check_80.splitlines())
    assert _rows_of(check_80, "廊坊开放大学") <= 2  # needs_ocr + unknown_form: names, not essays
    assert _rows_of(check_80, "邢台开放大学") == 1
    assert len(check_80.splitlines()) <= 11 * 2 + 6  # 11 submissions
    assert "扫描件需OCR" in check_80 and "needs_ocr 第" not in check_80


def test_wide_gives_the_full_table_at_any_width() -> None:
    wide = _intake("check", str(BATCH), "--wide", env=NARROW)
    assert "needs_ocr" in wide and "unknown_form" in wide  # codes and messages are back
    assert "简介字数" not in wide


def test_check_summary_counts_codes_and_lists_what_needs_action() -> None:
    shown = _intake("check", str(BATCH), "--summary", env=NARROW)
    over = next(line for line in shown.splitlines() if "over_limit" in line)
    assert "超字数" in over and [c.strip() for c in over.split("│")][4:6] == ["3", "3"]
    assert "需要处理的申报材料 7 份" in shown
    assert "秦皇岛开放大学" in shown  # a warning: needs action
    assert "唐山开放大学" not in shown and "正定县开放大学" not in shown  # clean: not listed
    as_json = json.loads(_intake("check", str(BATCH), "--format", "json"))
    assert as_json["summary"]["by_code"]["over_limit"] == 3


def test_run_and_score_at_80_columns_keep_names_and_totals(tmp_path: Path) -> None:
    store = ("--rubric", RUBRIC, "--db", str(tmp_path / "intake.db"))
    triage = _intake("run", str(BATCH), *store, env=NARROW)
    assert all(display_width(line) <= 80 for line in triage.splitlines())
    assert _rows_of(triage, "廊坊开放大学") == 1 and "扫描件需OCR" in triage
    _intake("review", "--accept-all", "--reviewer", "张老师", *store)
    _judged_points(tmp_path, store)
    shown = _intake("score", *store, env=NARROW)
    assert all(display_width(line) <= 80 for line in shown.splitlines())
    assert "…" not in shown
    report = json.loads(_intake("score", "--format", "json", *store))
    for unit in report["units"]:
        line = next(x for x in shown.splitlines() if unit["unit"]["name"] in x)
        if unit["status"] == "not_scorable":  # listed as 需补交, without a total (issue 12)
            assert unit["total"] is None and line.split("│")[4].strip() == "—"
            assert "需补交" in line
            continue
        assert f"{unit['total']:g}" in line.split("│")[4]
    assert "--wide" in shown
    wide = _intake("score", "--wide", *store, env=NARROW)
    columns = [next(x for x in out.splitlines() if x.startswith("┏")).count("┳")
               for out in (shown, wide)]
    assert columns[1] > columns[0] + 5  # the 12 items' columns are back


def _judged_points(tmp_path: Path, store: tuple[str, ...]) -> None:
    """The expert items a bulk acceptance leaves, entered as the demo's panel does (workbook)."""
    exported, filled = tmp_path / "待评分.xlsx", tmp_path / "给分.xlsx"
    _intake("review", "export", str(exported), *store)
    fill = runpy.run_path(str(ROOT / "samples" / "fill_review.py"))["fill"]
    fill(exported, ROOT / "samples" / "collective-judged.csv", filled)
    _intake("review", "import", str(filled), "--reviewer", "评审组", *store)


def _table(rows: int) -> Table:
    table = Table("申报材料")
    for n in range(rows):
        table.add_row(f"第{n}份")
    return table


def test_long_output_on_a_terminal_goes_through_the_pager(monkeypatch: pytest.MonkeyPatch) -> None:
    paged: list[str] = []
    monkeypatch.setattr(pydoc, "pager", paged.append)
    console = Console(force_terminal=True, width=80, height=24)
    show(console, _table(5))
    assert paged == []  # fits the screen: printed as it is
    show(console, _table(40))
    assert len(paged) == 1 and "第39份" in paged[0]
    piped = Console(file=open(Path("out.txt"), "w"), width=80, height=24)  # noqa: SIM115
    show(piped, _table(40))
    assert len(paged) == 1  # never in a pipe


def test_pending_units_are_named_in_chinese_and_short_when_narrow(tmp_path: Path) -> None:
    store = ("--rubric", RUBRIC, "--db", str(tmp_path / "intake.db"))
    _intake("run", str(BATCH / "唐山开放大学"), *store)
    wide = _intake("score", *store, env={"COLUMNS": "200"})
    assert "领导小组会议召开次数" in wide and "fact:" not in wide
    narrow = _intake("score", *store, env=NARROW)
    line = next(x for x in narrow.splitlines() if "唐山开放大学" in x)
    assert re.search(r"待复核 \d+ 项", line)
