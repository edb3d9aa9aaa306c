"""`intake run PATH...`: check, store, suggest facts and tiers with citations, print the triage."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.cli import app, llm_options
from intake.cli.ocr_options import OcrMode, OcrOption, ocr_options
from intake.cli.options import (
    DbOption,
    ExtractorName,
    FormatOption,
    OutputOption,
    RubricOption,
    TableOrJson,
    WideOption,
    default_rubric,
    open_store,
)


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Submission or batch folders, files.")],
    rubric_id: RubricOption = None,
    extractor: Annotated[ExtractorName, typer.Option(help="rules (offline) or llm.")] =
        ExtractorName.rules,
    model: Annotated[str | None, typer.Option(help="provider:model for --extractor llm, e.g. "
                                              "openai:gpt-4o-mini or ollama:qwen2.5.")] = None,
    db: DbOption = None,
    fmt: FormatOption = TableOrJson.table,
    output: OutputOption = None,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes reading files.")] = 2,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds allowed per file.")] = 60.0,
    llm_timeout: llm_options.Timeout = None,
    llm_retries: llm_options.Retries = None,
    llm_max_tokens: llm_options.MaxTokens = None,
    llm_concurrency: llm_options.Concurrency = None,
    llm_method: llm_options.MethodOption = None,
    llm_per_group: llm_options.PerGroup = None,
    shard: Annotated[str | None, typer.Option(
        help="I/N: only part I of N of the batch, for several machines extracting one batch "
             "into one shared (PostgreSQL) store; ranks and batch checks stay in intake score.")]
        = None,
    ocr: OcrOption = OcrMode.auto,
    wide: WideOption = False,
) -> None:
    """审查并提取评分所需的事实和专家档次建议（附引文），存入库中，列出待复核清单。

    Check, extract facts and expert tiers with citations, store them, print the triage table.

    示例 / example: intake run 申报材料/ --rubric hebei-ou-2024-collective
    """
    from intake.present import run as present_run
    from intake.present.terminal import emit_pieces, progress_bar, stdout_console
    from intake.run import pipeline
    from intake.run.interrupt import sigterm_as_interrupt
    from intake.screen.batch import Shard
    from intake.store.suggestions import load_suggestions

    calls = llm_options.given(llm_timeout, llm_retries, llm_max_tokens, llm_concurrency,
                              llm_method, llm_per_group)
    try:
        with sigterm_as_interrupt(), open_store(db, create=True) as store:
            rubric = default_rubric(store, rubric_id)
            with progress_bar() as progress:  # closed before the output is written
                chosen = pipeline.make_extractor(extractor.value, model, store, jobs, calls)
                result = pipeline.run_batch(paths, rubric.id, store, extractor=chosen,
                                            model=model or "", jobs=jobs, timeout=timeout,
                                            progress=progress,
                                            shard=Shard.parse(shard) if shard else None,
                                            ocr=ocr_options(ocr.value, db))
                rows = pipeline.triage(store, result)
            if fmt is TableOrJson.json:  # each submission's suggestions read as it is written
                emit_pieces(present_run.render_json(
                    result, rows, lambda sid: load_suggestions(store, sid, rubric.id)), output)
    except pipeline.RunInterrupted as stopped:  # Ctrl-C or SIGTERM: what was stored stays
        typer.echo(str(stopped), err=True)
        raise typer.Exit(130) from None
    if fmt is not TableOrJson.json:
        present_run.render_table(result, rows, stdout_console(), wide)
