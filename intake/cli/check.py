"""`intake check PATH...`: 形式审查 of every submission, as a table, JSON or CSV."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from intake.catalog import DEFAULT_PROGRAMME
from intake.cli import app
from intake.cli.ocr_options import OcrDbOption, OcrMode, OcrOption, ocr_options
from intake.cli.options import OutputOption, WideOption


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Submission or batch folders, files.")],
    programme: Annotated[str, typer.Option("--rubric", help="Programme (or a rubric of it) whose "
                                           "forms and limits apply.")] = DEFAULT_PROGRAMME,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] =
        OutputFormat.table,
    output: OutputOption = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a finding at or above this level "
                                             "exists.")] = FailOn.never,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 2,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds allowed per file.")] = 60.0,
    ocr: OcrOption = OcrMode.auto,
    db: OcrDbOption = None,
    lang: Annotated[Lang, typer.Option("--lang", help="CSV language: zh for Excel (BOM, Chinese "
                                       "headers and values), en for scripts.")] = Lang.zh,
    wide: WideOption = False,
    summary: Annotated[bool, typer.Option("--summary", help="只列各类问题的数量和需要处理的申报"
                                          "材料。Counts per finding code and the submissions "
                                          "that need action.")] = False,
) -> None:
    """形式审查：漏填、超字数、单位意见的盖章和日期、无法读取的文件，每份申报材料一行。

    Check every submission: missing fields, 字数 over limits, seal and date, unreadable files.

    示例 / example: intake check 申报材料/ --format csv --output 形式审查.csv
    """
    # Imported here, not at the top: `intake --help` and the other commands need none of it.
    from intake.present import check as present_check
    from intake.present.terminal import emit_pieces, progress_bar, stdout_console
    from intake.screen import batch

    chosen = batch.load_programme(programme)
    table = None
    with progress_bar() as progress:
        # Written as the submissions are checked, in batch order: the batch is never whole here.
        checked = present_check.CheckStream.of(chosen.id, batch.checked_in_order(
            paths, chosen, batch.ReadOptions(jobs=jobs, timeout=timeout,
                                             ocr=ocr_options(ocr.value, db)),
            progress=progress, content=False))
        if fmt is OutputFormat.table:  # sorted by severity: printed once the bar is gone
            table = present_check.TableRows(checked)
        else:
            emit_pieces(present_check.to_json(checked) if fmt is OutputFormat.json
                        else present_check.to_csv(checked, lang.value), output)
    if table is not None:
        with table:
            table.show(stdout_console(), wide, summary)
    raise typer.Exit(checked.tally.exit_code(fail_on.value))
