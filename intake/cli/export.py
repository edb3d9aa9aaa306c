"""`intake export`: the whole store (suggestions, citations, decisions, scores) as JSON or JSON
Lines, in the schema of intake/present/export.schema.json."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import DbOption, OutputOption, RubricOption, default_rubric, open_store


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


@app.command()
def export(
    rubric_id: RubricOption = None,
    db: DbOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json (one document) or jsonl "
                                              "(one submission per line).")] = ExportFormat.json,
    output: OutputOption = None,
) -> None:
    """导出整个库：每份申报材料的问题、建议及引文、复核决定和得分，供其他程序读取。

    The whole store as data: every submission's findings, suggestions with citations, decisions
    and score (schema: intake/present/export.schema.json).

    示例 / example: intake export --format jsonl --output 全部.jsonl
    """
    from intake.present import dossier
    from intake.present.terminal import emit

    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        text = (dossier.export_json(store, rubric) if fmt is ExportFormat.json
                else dossier.export_jsonl(store, rubric))
    emit(text, output)
