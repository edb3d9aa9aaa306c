"""The command line: parses options, calls one core function per command, renders its result.

No logic lives here; every command is a few lines that tests could replace by a direct call.
"""

from __future__ import annotations

import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from intake import (
    batch,
    check_view,
    metrics,
    pipeline,
    rubric_view,
    run_view,
    score_view,
    scoring,
)
from intake.rubrics import list_rubrics, load_rubric
from intake.store import DEFAULT_DB, Store
from intake.terminal import emit, progress_bar, stdout_console
from rubric import lint as lint_rubric
from rubric import score as score_units
from rubric.errors import IntakeError

app = typer.Typer(
    help="intake: pre-screen and pre-score batches of 申报表 and 事迹材料.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
rubric_app = typer.Typer(help="Rubric definitions: list, show, lint, score.", no_args_is_help=True)
app.add_typer(rubric_app, name="rubric")

log = logging.getLogger("intake")


def fail(error: IntakeError) -> NoReturn:
    """Print a reviewer-readable message and exit 2; the traceback goes to the debug log only."""
    log.debug("error", exc_info=error)
    typer.echo(f"错误 / error: {error}", err=True)
    raise typer.Exit(2)


def main() -> None:  # pragma: no cover - console entry point
    # pdfminer warns on stderr about every odd font in a broken PDF; the findings say what matters.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        app()
    except IntakeError as error:
        fail(error)


# ---- intake check --------------------------------------------------------------------------


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Submission or batch folders, files.")],
    programme: Annotated[str, typer.Option("--rubric", help="Programme whose forms and limits "
                                            "apply.")] = batch.DEFAULT_PROGRAMME,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] =
        OutputFormat.table,
    output: Annotated[Path | None, typer.Option(help="Write the output to this file.")] = None,
    fail_on: Annotated[FailOn, typer.Option(help="Exit 1 when a finding at or above this level "
                                             "exists.")] = FailOn.never,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 2,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds allowed per file.")] = 60.0,
) -> None:
    """Check every submission: missing fields, 字数 over limits, seal and date, unreadable files."""
    try:
        with progress_bar() as progress:
            result = batch.check_batch(paths, batch.load_programme(programme),
                                       jobs=jobs, timeout=timeout, progress=progress)
    except IntakeError as error:
        fail(error)
    emit(check_view.render(result, fmt.value, stdout_console()), output)
    raise typer.Exit(check_view.exit_code(result, fail_on.value))


# ---- intake run ----------------------------------------------------------------------------


class ExtractorName(StrEnum):
    rules = "rules"
    llm = "llm"


class RunFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Submission or batch folders, files.")],
    rubric_id: Annotated[str, typer.Option("--rubric", help="Rubric id, e.g. "
                                           "hebei-ou-2024-collective.")],
    extractor: Annotated[ExtractorName, typer.Option(help="rules (offline) or llm.")] =
        ExtractorName.rules,
    model: Annotated[str | None, typer.Option(help="provider:model for --extractor llm, e.g. "
                                              "openai:gpt-4o-mini or ollama:qwen2.5.")] = None,
    db: Annotated[Path, typer.Option(help="The store (SQLite file).")] = DEFAULT_DB,
    fmt: Annotated[RunFormat, typer.Option("--format", help="Output format.")] = RunFormat.table,
    output: Annotated[Path | None, typer.Option(help="Write the output to this file.")] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes / concurrent model calls.")]
        = 2,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds allowed per file.")] = 60.0,
) -> None:
    """Check, extract facts and expert tiers with citations, store them, print the triage table."""
    try:
        with Store(db) as store, progress_bar() as progress:
            chosen = pipeline.make_extractor(extractor.value, model, store, jobs)
            result = pipeline.run_batch(paths, rubric_id, store, extractor=chosen,
                                        model=model or "", jobs=jobs, timeout=timeout,
                                        progress=progress)
            rows = pipeline.triage(store, result)
    except IntakeError as error:
        fail(error)
    if fmt is RunFormat.json:
        emit(run_view.render_json(result, rows), output)
    else:
        run_view.render_table(result, rows, stdout_console())


# ---- intake score, intake metrics -------------------------------------------------------------


@app.command()
def score(
    rubric_id: Annotated[str, typer.Option("--rubric", help="Rubric id.")] =
        "hebei-ou-2024-collective",
    db: Annotated[Path, typer.Option(help="The store (SQLite file).")] = DEFAULT_DB,
    fmt: Annotated[RunFormat, typer.Option("--format", help="Output format.")] = RunFormat.table,
    output: Annotated[Path | None, typer.Option(help="Write the output to this file.")] = None,
) -> None:
    """Totals from reviewer-confirmed values only: ranks, vetoes, quotas, county collectives."""
    try:
        with Store(db) as store:
            report = scoring.score_store(store, load_rubric(rubric_id))
    except IntakeError as error:
        fail(error)
    if fmt is RunFormat.json:
        emit(score_view.render_json(report), output)
    else:
        score_view.render_table(report, stdout_console())


metrics_app = typer.Typer(help="Platform statistics for ranked items.", no_args_is_help=True)
app.add_typer(metrics_app, name="metrics")


@metrics_app.command("import")
def metrics_import(
    csv_file: Annotated[Path, typer.Argument(help="CSV: 单位名称 and one column per metric.")],
    rubric_id: Annotated[str, typer.Option("--rubric", help="Rubric id.")] =
        "hebei-ou-2024-collective",
    db: Annotated[Path, typer.Option(help="The store (SQLite file).")] = DEFAULT_DB,
) -> None:
    """Import 教师人均上线天数, 人均登录次数 … per unit; unknown and missing units are named."""
    try:
        with Store(db) as store:
            rubric = load_rubric(rubric_id)
            units = [r.unit.name for r in scoring.score_store(store, rubric).rows]
            result = metrics.import_metrics(store, rubric, csv_file, units)
    except IntakeError as error:
        fail(error)
    typer.echo(f"导入 {len(result.imported)} 个单位的数据。")
    for name in result.unknown_units:
        typer.echo(f"未知单位（批次中没有它的申报材料）：{name}", err=True)
    for name in result.missing_units:
        typer.echo(f"缺少数据的单位：{name}", err=True)


# ---- intake rubric ---------------------------------------------------------------------------



class RubricFormat(StrEnum):
    table = "table"
    json = "json"


RubricArgument = Annotated[str, typer.Argument(help="Rubric id (e.g. hebei-ou-2024-collective) "
                                                    "or a .yaml file.")]
RubricFormatOption = Annotated[RubricFormat, typer.Option("--format", help="Output format.")]


@rubric_app.command("list")
def rubric_list() -> None:
    """List the rubric definitions."""
    try:
        rubrics = list_rubrics()
    except IntakeError as error:
        fail(error)
    rubric_view.render_list(rubrics, stdout_console())


@rubric_app.command("show")
def rubric_show(rubric_id: RubricArgument, fmt: RubricFormatOption = RubricFormat.table) -> None:
    """Show a rubric: items, rules, tiers, readings; criteria and quotas."""
    try:
        chosen = load_rubric(rubric_id)
    except IntakeError as error:
        fail(error)
    if fmt is RubricFormat.json:
        emit(rubric_view.dumps(rubric_view.show_json(chosen)), None)
    else:
        rubric_view.render_show(chosen, stdout_console())


@rubric_app.command("lint")
def rubric_lint(
    rubric_id: Annotated[str | None, typer.Argument(help="Rubric id or .yaml file; all rubrics "
                                                    "without it.")] = None,
    fmt: RubricFormatOption = RubricFormat.table,
) -> None:
    """Where a rubric contradicts itself or leaves a hole, with the reading it takes."""
    try:
        chosen = [load_rubric(rubric_id)] if rubric_id else list_rubrics()
    except IntakeError as error:
        fail(error)
    findings = [(r.id, f) for r in chosen for f in lint_rubric(r)]
    if fmt is RubricFormat.json:
        emit(rubric_view.dumps(rubric_view.lint_json(findings, with_rubric=not rubric_id)), None)
    else:
        rubric_view.render_lint(findings, [r.id for r in chosen], stdout_console())


@rubric_app.command("score")
def rubric_score(
    rubric_id: RubricArgument,
    values: Annotated[Path, typer.Argument(help='VALUES.json: {"rubric": ID, "units": [...]}.')],
    fmt: RubricFormatOption = RubricFormat.table,
    output: Annotated[Path | None, typer.Option(help="Write the output to this file.")] = None,
) -> None:
    """Score units from their confirmed facts and points: items, total, rank, trace."""
    try:
        chosen = load_rubric(rubric_id)
        sheet = score_units(chosen, rubric_view.read_values(values, chosen))
    except IntakeError as error:
        fail(error)
    if fmt is RubricFormat.json:
        emit(rubric_view.dumps(rubric_view.score_json(sheet)), output)
    else:
        rubric_view.render_score(sheet, chosen, stdout_console())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
