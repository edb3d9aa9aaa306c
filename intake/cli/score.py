"""`intake score`: totals from reviewer-confirmed values, as a table, JSON or the 汇总表."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import (
    DbOption,
    ManifestOption,
    OutputOption,
    RubricOption,
    WideOption,
    default_rubric,
    open_store,
)
from rubric.errors import InputError


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


@app.command()
def score(
    rubric_id: RubricOption = None,
    db: DbOption = None,
    fmt: Annotated[ScoreFormat, typer.Option("--format", help="Output format (xlsx: the 汇总表, "
                                             "needs --output).")] = ScoreFormat.table,
    output: OutputOption = None,
    manifest: ManifestOption = None,
    wide: WideOption = False,
) -> None:
    """只用复核确认的值计分：总分、名次、否决、名额和县级集体检查。

    Totals from reviewer-confirmed values only: ranks, vetoes, quotas, county collectives.

    示例 / example: intake score --format xlsx --output 汇总表.xlsx
    """
    from intake.present import score as present_score
    from intake.present.terminal import emit_pieces, stdout_console
    from intake.score import scoring

    if fmt is ScoreFormat.xlsx and output is None:
        raise InputError("--format xlsx 需要 --output FILE.xlsx (an Excel file needs --output)")
    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        dates = scoring.read_manifest(manifest) if manifest else None
        report = scoring.score_store(store, rubric, dates)
        if fmt is ScoreFormat.xlsx and output is not None:
            # openpyxl is imported only by the commands that write workbooks (start-up time).
            from intake.present import report_xlsx

            report_xlsx.write_summary(report, rubric, output,
                                      report_xlsx.findings_by_submission(store, report))
    if fmt is ScoreFormat.json:
        emit_pieces(present_score.render_json(report), output, newline=True)
    elif fmt is ScoreFormat.table:
        present_score.render_table(report, stdout_console(), wide, rubric)
    else:
        typer.echo(f"汇总表已写入 {output}")
