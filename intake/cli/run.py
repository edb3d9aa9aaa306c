"""`intake run PATH...`: check, store, suggest facts and tiers with citations, print the triage."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import (
    DbOption,
    FormatOption,
    OutputOption,
    RubricOption,
    TableOrJson,
    WideOption,
    default_rubric,
    open_store,
)
from intake.present import run as present_run
from intake.present.terminal import emit, progress_bar, stdout_console
from intake.run import pipeline
from intake.store import DEFAULT_DB
from intake.store.suggestions import load_suggestions


class ExtractorName(StrEnum):
    rules = "rules"
    llm = "llm"


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Submission or batch folders, files.")],
    rubric_id: RubricOption = None,
    extractor: Annotated[ExtractorName, typer.Option(help="rules (offline) or llm.")] =
        ExtractorName.rules,
    model: Annotated[str | None, typer.Option(help="provider:model for --extractor llm, e.g. "
                                              "openai:gpt-4o-mini or ollama:qwen2.5.")] = None,
    db: DbOption = DEFAULT_DB,
    fmt: FormatOption = TableOrJson.table,
    output: OutputOption = None,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes / concurrent model calls.")]
        = 2,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds allowed per file.")] = 60.0,
    wide: WideOption = False,
) -> None:
    """审查并提取评分所需的事实和专家档次建议（附引文），存入库中，列出待复核清单。

    Check, extract facts and expert tiers with citations, store them, print the triage table.

    示例 / example: intake run 申报材料/ --rubric hebei-ou-2024-collective
    """
    with open_store(db) as store, progress_bar() as progress:
        rubric = default_rubric(store, rubric_id)
        chosen = pipeline.make_extractor(extractor.value, model, store, jobs)
        result = pipeline.run_batch(paths, rubric.id, store, extractor=chosen,
                                    model=model or "", jobs=jobs, timeout=timeout,
                                    progress=progress)
        rows = pipeline.triage(store, result)
        suggested = ({s.id: load_suggestions(store, s.id, rubric.id) for s in result.submissions}
                     if fmt is TableOrJson.json else {})
    if fmt is TableOrJson.json:
        emit(present_run.render_json(result, rows, suggested), output)
    else:
        present_run.render_table(result, rows, stdout_console(), wide)
