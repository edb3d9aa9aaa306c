"""`intake report --xlsx FILE --html DIR`: the reports reviewers hand on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import DbOption, ManifestOption, RubricOption, default_rubric, open_store
from rubric.errors import InputError


@app.command()
def report(
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Write the Excel 汇总表 to this "
                                              "file.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write the HTML report into this "
                                              "folder (index.html, s/*.html).")] = None,
    rubric_id: RubricOption = None,
    db: DbOption = None,
    manifest: ManifestOption = None,
) -> None:
    """生成上报材料：Excel 汇总表和可离线打开的 HTML 报告。

    The reports reviewers hand on: the Excel 汇总表 and a self-contained HTML report.

    示例 / example: intake report --xlsx 汇总表.xlsx --html 报告/
    """
    # openpyxl and jinja2 are imported only by the commands that write workbooks and HTML: they
    # add a quarter of a second to the start of every other command, `intake check` included.
    from intake.present import report_html, report_xlsx
    from intake.score import scoring

    if xlsx is None and html is None:
        raise InputError("请给出 --xlsx FILE 和/或 --html DIR (give --xlsx FILE and/or --html DIR)")
    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        dates = scoring.read_manifest(manifest) if manifest else None
        scored = scoring.score_store(store, rubric, dates)
        if xlsx is not None:
            report_xlsx.write_summary(scored, rubric, xlsx,
                                      report_xlsx.findings_by_submission(store, scored))
        index = report_html.write_html(store, rubric, scored, html) if html else None
    if xlsx is not None:
        typer.echo(f"汇总表已写入 {xlsx}")
    if index is not None:
        typer.echo(f"HTML 报告已写入 {index}")
