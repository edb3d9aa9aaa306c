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
from typer.core import TyperGroup, TyperOption

from intake import (
    batch,
    check_view,
    metrics,
    pipeline,
    review,
    rubric_view,
    run_view,
    score_view,
    scoring,
    workplace,
)
from intake import decisions as review_decisions
from intake.interrupt import sigterm_as_interrupt
from intake.rubrics import list_rubrics, load_rubric
from intake.store import Store
from intake.terminal import emit, progress_bar, stdout_console
from rubric import lint as lint_rubric
from rubric import score as score_units
from rubric.errors import InputError, IntakeError

# intake.report_xlsx, intake.report_html and intake.review_excel are imported by the commands
# that write or read workbooks and HTML: openpyxl and jinja2 add a quarter of a second to the
# start of every other command, `intake check` included.

app = typer.Typer(
    help="intake: pre-screen and pre-score batches of 申报表 and 事迹材料.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
rubric_app = typer.Typer(help="Rubric definitions: list, show, lint, score.", no_args_is_help=True)
app.add_typer(rubric_app, name="rubric")

log = logging.getLogger("intake")

DEFAULT_RUBRIC = "hebei-ou-2024-collective"
RubricOption = Annotated[str | None, typer.Option(
    "--rubric", help="Rubric id (default: intake.toml's rubric, else hebei-ou-2024-collective).")]
DbOption = Annotated[Path | None, typer.Option(help="The store (SQLite file); default: INTAKE_DB, "
                                               "else intake.toml's db, else ./intake.db.")]


def open_store(db: Path | None, *, create: bool = False) -> Store:
    """The store the options, INTAKE_DB or intake.toml name; only `intake run` creates one."""
    return Store(workplace.store_path(db), timeout=workplace.busy_timeout(), create=create)


def chosen_rubric(rubric_id: str | None) -> str:
    return workplace.rubric_id(rubric_id, DEFAULT_RUBRIC) or DEFAULT_RUBRIC


def fail(error: IntakeError) -> NoReturn:
    """Print a reviewer-readable message and exit 2; the traceback goes to the debug log only."""
    log.debug("error", exc_info=error)
    typer.echo(f"错误 / error: {error}", err=True)
    raise typer.Exit(2)


def write_out(text: str | None, output: Path | None) -> None:
    """emit() for a command's result: a file that cannot be written is a message, exit 2."""
    try:
        emit(text, output)
    except IntakeError as error:
        fail(error)


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
    write_out(check_view.render(result, fmt.value, stdout_console()), output)
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
    rubric_id: Annotated[str | None, typer.Option("--rubric", help="Rubric id, e.g. "
                                                  "hebei-ou-2024-collective (default: "
                                                  "intake.toml's rubric).")] = None,
    extractor: Annotated[ExtractorName, typer.Option(help="rules (offline) or llm.")] =
        ExtractorName.rules,
    model: Annotated[str | None, typer.Option(help="provider:model for --extractor llm, e.g. "
                                              "openai:gpt-4o-mini or ollama:qwen2.5.")] = None,
    db: DbOption = None,
    fmt: Annotated[RunFormat, typer.Option("--format", help="Output format.")] = RunFormat.table,
    output: Annotated[Path | None, typer.Option(help="Write the output to this file.")] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Worker processes / concurrent model calls.")]
        = 2,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds allowed per file.")] = 60.0,
) -> None:
    """Check, extract facts and expert tiers with citations, store them, print the triage table."""
    rubric_id = workplace.rubric_id(rubric_id)
    if rubric_id is None:
        fail(InputError("请用 --rubric 指定评分细则 (or set rubric in intake.toml); "
                        "see `intake rubric list`"))
    try:
        with sigterm_as_interrupt(), open_store(db, create=True) as store, \
                progress_bar() as progress:
            chosen = pipeline.make_extractor(extractor.value, model, store, jobs)
            result = pipeline.run_batch(paths, rubric_id, store, extractor=chosen,
                                        model=model or "", jobs=jobs, timeout=timeout,
                                        progress=progress)
            rows = pipeline.triage(store, result)
    except IntakeError as error:
        fail(error)
    except pipeline.RunInterrupted as stopped:
        typer.echo(str(stopped), err=True)
        raise typer.Exit(130) from None
    if fmt is RunFormat.json:
        write_out(run_view.render_json(result, rows), output)
    else:
        run_view.render_table(result, rows, stdout_console())


# ---- intake score, intake metrics -------------------------------------------------------------


ManifestOption = Annotated[Path | None, typer.Option(
    help="CSV of 申报材料, 收到日期 (YYYY-MM-DD): dates of receipt for late_submission.")]


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
    output: Annotated[Path | None, typer.Option(help="Write the output to this file.")] = None,
    manifest: ManifestOption = None,
) -> None:
    """Totals from reviewer-confirmed values only: ranks, vetoes, quotas, county collectives."""
    if fmt is ScoreFormat.xlsx and output is None:
        fail(InputError("--format xlsx 需要 --output FILE.xlsx (an Excel file needs --output)"))
    try:
        with open_store(db) as store:
            rubric = load_rubric(chosen_rubric(rubric_id))
            dates = scoring.read_manifest(manifest) if manifest else None
            report = scoring.score_store(store, rubric, dates)
            if fmt is ScoreFormat.xlsx and output is not None:
                from intake import report_xlsx

                report_xlsx.write_summary(report, rubric, output,
                                          report_xlsx.findings_by_submission(store, report))
    except IntakeError as error:
        fail(error)
    if fmt is ScoreFormat.json:
        write_out(score_view.render_json(report), output)
    elif fmt is ScoreFormat.table:
        score_view.render_table(report, stdout_console())
    else:
        typer.echo(f"汇总表已写入 {output}")


metrics_app = typer.Typer(help="Platform statistics for ranked items.", no_args_is_help=True)
app.add_typer(metrics_app, name="metrics")


@metrics_app.command("import")
def metrics_import(
    csv_file: Annotated[Path, typer.Argument(help="CSV: 单位名称 and one column per metric.")],
    rubric_id: RubricOption = None,
    db: DbOption = None,
) -> None:
    """Import 教师人均上线天数, 人均登录次数 … per unit; unknown and missing units are named."""
    try:
        with open_store(db) as store:
            rubric = load_rubric(chosen_rubric(rubric_id))
            units = scoring.ranked_units(scoring.score_store(store, rubric), rubric)
            result = metrics.import_metrics(store, rubric, csv_file, units)
    except IntakeError as error:
        fail(error)
    typer.echo(f"导入 {len(result.imported)} 个单位的数据。")
    for name in result.unknown_units:
        typer.echo(f"未知单位（批次中没有它的申报材料）：{name}", err=True)
    for name in result.missing_units:
        typer.echo(f"缺少数据的单位：{name}", err=True)


# ---- intake report ----



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
    """The reports reviewers hand on: the Excel 汇总表 and a self-contained HTML report."""
    from intake import report_html, report_xlsx

    if xlsx is None and html is None:
        fail(InputError("请给出 --xlsx FILE 和/或 --html DIR (give --xlsx FILE and/or --html DIR)"))
    try:
        with open_store(db) as store:
            rubric = load_rubric(chosen_rubric(rubric_id))
            dates = scoring.read_manifest(manifest) if manifest else None
            scored = scoring.score_store(store, rubric, dates)
            if xlsx is not None:
                report_xlsx.write_summary(scored, rubric, xlsx,
                                          report_xlsx.findings_by_submission(store, scored))
            index = report_html.write_html(store, rubric, scored, html) if html else None
    except IntakeError as error:
        fail(error)
    if xlsx is not None:
        typer.echo(f"汇总表已写入 {xlsx}")
    if index is not None:
        typer.echo(f"HTML 报告已写入 {index}")


# ---- intake review ----




class _ReviewGroup(TyperGroup):
    """`intake review [SUBMISSION]` walks; `intake review export|import|log` are subcommands. A
    first word that names no subcommand is the submission (passed on as the hidden --submission)."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        valued = {name for p in self.params if isinstance(p, TyperOption) and not p.is_flag
                  for name in p.opts}
        index = 0
        while index < len(args) and args[index].startswith("-") and args[index] != "--":
            index += 2 if args[index] in valued else 1
        index += int(index < len(args) and args[index] == "--")
        if index < len(args) and args[index] not in self.commands:
            args = [*args[:index], "--submission", args[index], *args[index + 1:]]
        return super().parse_args(ctx, args)


review_app = typer.Typer(cls=_ReviewGroup)
app.add_typer(review_app, name="review")

ReviewerOption = Annotated[str | None, typer.Option(help="Who decides; recorded with every "
                                                    "decision.")]
ReviewRubricOption = Annotated[str | None, typer.Option(
    "--rubric", help="Rubric id; without it, the only rubric the store has suggestions of.")]
ReviewDbOption = Annotated[Path | None, typer.Option("--db", help="The store (SQLite file).")]


def _review_db(ctx: typer.Context, db: Path | None) -> Store:
    """A subcommand's --db, else the one given before it (intake review --db X export …), else
    INTAKE_DB or intake.toml's; the store must exist."""
    return open_store(db or (ctx.obj or {}).get("db"))


def _review_rubric(ctx: typer.Context, rubric_id: str | None) -> str | None:
    return workplace.rubric_id(rubric_id or (ctx.obj or {}).get("rubric"))


@review_app.callback(invoke_without_command=True)
def review_walk(
    ctx: typer.Context,
    reviewer: ReviewerOption = None,
    rubric_id: ReviewRubricOption = None,
    db: ReviewDbOption = None,
    accept_all: Annotated[bool, typer.Option("--accept-all", help="Accept every pending "
                                             "suggestion at once, recorded as a bulk "
                                             "acceptance.")] = False,
    submission: Annotated[str | None, typer.Option(hidden=True)] = None,
) -> None:
    """Reviewers confirm suggestions; every decision is audited.

    intake review [SUBMISSION] --reviewer NAME: walk the pending suggestions, resuming.

    SUBMISSION (folder, path or id) limits the walk to one submission.

    Keys: a accept, o override (reason required), n no evidence, s skip, b back, q quit.
    """
    ctx.obj = {"db": db, "rubric": rubric_id}
    if ctx.invoked_subcommand is not None:
        return
    console = stdout_console()
    try:
        name = review.require_reviewer(workplace.reviewer(reviewer))
        with _review_db(ctx, db) as store:
            chosen = review.default_rubric(store, _review_rubric(ctx, rubric_id))
            which = review.resolve_submission(store, submission)
            if accept_all:
                count = review_decisions.accept_all(store, chosen, name, which)
            else:
                review.walk(store, chosen, name, which, ask=review.console_ask(console),
                            console=console)
    except IntakeError as error:
        fail(error)
    if accept_all:
        typer.echo(f"已批量接受 {count} 条建议（审计日志记为 bulk_accept，来源 accept_all）。")


@review_app.command("export")
def review_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The .xlsx workbook to write.")],
    submission: Annotated[str | None, typer.Option(help="Only this submission (folder, path or "
                                                   "id).")] = None,
    rubric_id: ReviewRubricOption = None,
    db: ReviewDbOption = None,
) -> None:
    """Write the pending suggestions to Excel, one row each, with dropdowns for the decision."""
    from intake import review_excel

    try:
        with _review_db(ctx, db) as store:
            chosen = review.default_rubric(store, _review_rubric(ctx, rubric_id))
            rows = review_excel.export(store, chosen, file,
                                       review.resolve_submission(store, submission))
    except IntakeError as error:
        fail(error)
    typer.echo(f"已导出 {rows} 条待复核建议到 {file}。")


@review_app.command("import")
def review_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The workbook exported by intake review export.")],
    reviewer: ReviewerOption = None,
    rubric_id: ReviewRubricOption = None,
    db: ReviewDbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Apply rows whose item was decided "
                                        "after the export (audited as excel_force).")] = False,
) -> None:
    """Check every row of the workbook and record all its decisions, or none."""
    from intake import review_excel

    try:
        name = review.require_reviewer(workplace.reviewer(reviewer))
        with _review_db(ctx, db) as store:
            chosen = review.default_rubric(store, _review_rubric(ctx, rubric_id))
            result = review_excel.import_decisions(store, chosen, file, name, force=force)
    except IntakeError as error:
        fail(error)
    typer.echo(review_excel.import_summary(result, name))


@review_app.command("log")
def review_log(
    ctx: typer.Context,
    submission: Annotated[str | None, typer.Argument(help="Only this submission (folder, path "
                                                     "or id).")] = None,
    rubric_id: ReviewRubricOption = None,
    db: ReviewDbOption = None,
    fmt: Annotated[RunFormat, typer.Option("--format", help="Output format.")] = RunFormat.table,
    output: Annotated[Path | None, typer.Option(help="Write the output to this file.")] = None,
) -> None:
    """The audit log: who decided what, when, suggested → decided, and why."""
    try:
        with _review_db(ctx, db) as store:
            rows = review.log_rows(store, _review_rubric(ctx, rubric_id),
                                   review.resolve_submission(store, submission))
    except IntakeError as error:
        fail(error)
    if fmt is RunFormat.json:
        write_out(review.log_json(rows), output)
    else:
        review.render_log(rows, stdout_console())


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
        write_out(rubric_view.dumps(rubric_view.show_json(chosen)), None)
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
        write_out(rubric_view.dumps(rubric_view.lint_json(findings, with_rubric=not rubric_id)),
                  None)
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
        write_out(rubric_view.dumps(rubric_view.score_json(sheet)), output)
    else:
        rubric_view.render_score(sheet, chosen, stdout_console())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
