"""`intake review`: the terminal walk (or --accept-all), `review export|import` for Excel and WPS,
and `review log`, the audit log."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.core import TyperGroup, TyperOption

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

if TYPE_CHECKING:
    from intake.store import Store
    from rubric import Rubric


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


def _db(ctx: typer.Context, db: str | None) -> str | None:
    """A subcommand's --db, else the one given before it (intake review --db X export …), else
    none (open_store then takes INTAKE_DB or intake.toml's)."""
    return db or (ctx.obj or {}).get("db")


def _rubric(ctx: typer.Context, rubric_id: str | None) -> str | None:
    return rubric_id or (ctx.obj or {}).get("rubric")


@review_app.callback(invoke_without_command=True)
def review_walk(
    ctx: typer.Context,
    reviewer: ReviewerOption = None,
    rubric_id: RubricOption = None,
    db: DbOption = None,
    accept_all: Annotated[bool, typer.Option("--accept-all", help="Accept every pending "
                                             "suggestion at once, recorded as a bulk "
                                             "acceptance.")] = False,
    plain: Annotated[bool, typer.Option("--plain", help="逐行问答，不用全屏界面（管道和脚本总是"
                                        "如此）。Line-based questions instead of the full-screen "
                                        "app.")] = False,
    submission: Annotated[str | None, typer.Option(hidden=True)] = None,
) -> None:
    """复核人逐条确认建议，每个决定都记入审计日志。

    Reviewers confirm suggestions; every decision is audited.

    intake review [SUBMISSION] --reviewer NAME: walk the pending suggestions, resuming.

    SUBMISSION (folder, path or id) limits the walk to one submission.

    On a terminal a full-screen app (Textual), else (pipes, --plain) line-based questions.

    按键 / keys: a 接受 accept, o 改判 override (reason required), n 无证据 no evidence,
    s 跳过 skip, b 上一条 back, c 引文全文 whole citation context (full screen), q 退出 quit.

    示例 / example: intake review 石家庄开放大学 --reviewer 张老师
    """
    from intake import settings
    from intake.present.terminal import stdout_console
    from intake.review import decisions, walk

    ctx.obj = {"db": db, "rubric": rubric_id}
    if ctx.invoked_subcommand is not None:
        return
    console = stdout_console()
    name = walk.require_reviewer(settings.reviewer(reviewer))
    with open_store(db) as store:
        chosen = default_rubric(store, rubric_id)
        which = walk.resolve_submission(store, submission)
        if accept_all:
            count = decisions.accept_all(store, chosen, name, which)
            left = decisions.awaiting_points(store, chosen, which)
        elif not plain and sys.stdin.isatty() and sys.stdout.isatty():
            _full_screen(store, chosen, name, which)
        else:
            walk.walk(store, chosen, name, which, ask=walk.console_ask(console), console=console)
    if accept_all:
        typer.echo(f"已批量接受 {count} 条建议（审计日志记为 bulk_accept，来源 accept_all）。")
        if left:
            typer.echo(f"另有 {left} 项须评审给分（酌情记分、专家评审），批量接受不代为给分，"
                       "仍待复核：请用 intake review --reviewer 姓名 或 review export / "
                       "review import 录入。")


def _full_screen(store: Store, rubric: Rubric, reviewer: str, submission: str | None) -> None:
    from intake.review.app import ReviewApp  # Textual: only for the terminal walk

    result = ReviewApp(store, rubric, reviewer, submission).run()
    if result is not None:
        typer.echo(f"本次决定 {result.decided} 条，跳过 {result.skipped} 条，"
                   f"尚有 {result.remaining} 条待复核。")


@review_app.command("export")
def review_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The .xlsx workbook to write.")],
    submission: Annotated[str | None, typer.Option(help="Only this submission (folder, path or "
                                                   "id).")] = None,
    reviewer: Annotated[str | None, typer.Option(help="Under a review panel: whose workbook "
                                                 "(their assignments only).")] = None,
    rubric_id: RubricOption = None,
    db: DbOption = None,
) -> None:
    """把待复核的建议导出为 Excel（WPS）工作簿，每条一行，决定列有下拉选项。

    Write the pending suggestions to Excel, one row each, with dropdowns for the decision.

    示例 / example: intake review export 待复核.xlsx
    """
    from intake.review import (
        excel,  # openpyxl: only for the commands that use it
        walk,
    )

    with open_store(_db(ctx, db)) as store:
        chosen = default_rubric(store, _rubric(ctx, rubric_id))
        rows = excel.export(store, chosen, file, walk.resolve_submission(store, submission),
                            reviewer=reviewer)
    typer.echo(f"已导出 {rows} 条待复核建议到 {file}。")


@review_app.command("import")
def review_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The workbook exported by intake review export.")],
    reviewer: ReviewerOption = None,
    rubric_id: RubricOption = None,
    db: DbOption = None,
    force: Annotated[bool, typer.Option("--force", help="Apply rows whose item was decided "
                                        "after the export (audited as excel_force).")] = False,
) -> None:
    """检查工作簿的每一行，全部无误才记录其中的决定（否则一条也不记）。

    Check every row of the workbook and record all its decisions, or none.

    示例 / example: intake review import 待复核.xlsx --reviewer 张老师
    """
    from intake import settings
    from intake.review import (
        excel,  # openpyxl: only for the commands that use it
        walk,
    )

    name = walk.require_reviewer(settings.reviewer(reviewer))
    with open_store(_db(ctx, db)) as store:
        chosen = default_rubric(store, _rubric(ctx, rubric_id))
        result = excel.import_decisions(store, chosen, file, name, force=force)
    typer.echo(excel.import_summary(result, name))


@review_app.command("log")
def review_log(
    ctx: typer.Context,
    submission: Annotated[str | None, typer.Argument(help="Only this submission (folder, path "
                                                     "or id).")] = None,
    rubric_id: RubricOption = None,
    db: DbOption = None,
    fmt: FormatOption = TableOrJson.table,
    output: OutputOption = None,
    reviewer: Annotated[str | None, typer.Option(help="Under a review panel: who is reading "
                                                 "(experts see others' points only after "
                                                 "their own).")] = None,
    wide: WideOption = False,
) -> None:
    """审计日志：谁在何时作了什么决定，建议 → 决定，以及理由。

    The audit log: who decided what, when, suggested → decided, and why.

    示例 / example: intake review log 石家庄开放大学
    """
    from intake.present.terminal import emit, stdout_console
    from intake.review import log, walk

    with open_store(_db(ctx, db)) as store:
        rows = log.log_rows(store, _rubric(ctx, rubric_id),
                            walk.resolve_submission(store, submission), viewer=reviewer)
    if fmt is TableOrJson.json:
        emit(log.log_json(rows), output)
    else:
        log.render_log(rows, stdout_console(), wide)
