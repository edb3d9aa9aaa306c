"""`intake reviewers import|list`, `intake assign`, `intake panel status|resolve`: the review panel
(评审工作组), 回避 and balanced assignment, and the 组长's resolution of disagreements."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from intake.cli import app
from intake.cli.options import (
    DbOption,
    FormatOption,
    RubricOption,
    TableOrJson,
    default_rubric,
    open_store,
)
from rubric.errors import InputError

if TYPE_CHECKING:
    from rubric import Rubric
    from rubric.model import FactSpec

ByOption = Annotated[str | None, typer.Option(
    "--by", help="Who makes the change (recorded in the panel log); the login name by default.")]

reviewers_app = typer.Typer(help="评审工作组名单。The panel's roster (评审工作组).\n\n"
                            "示例 / example: intake reviewers import 评审专家.xlsx",
                            no_args_is_help=True)
app.add_typer(reviewers_app, name="reviewers")
panel_app = typer.Typer(help="评审进度和组长裁决。The panel's progress and the 组长's "
                        "resolutions.\n\n示例 / example: intake panel status",
                        no_args_is_help=True)
app.add_typer(panel_app, name="panel")


def _by(given: str | None) -> str:
    return (given or getpass.getuser()).strip()


@reviewers_app.command("import")
def reviewers_import(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8 or GBK) or .xlsx: 姓名, 单位, 城市, "
                                              "角色 (专家|组长).")],
    db: DbOption = None,
    by: ByOption = None,
) -> None:
    """导入评审工作组名单；已有姓名的单位、城市和角色会更新（记入日志）。

    Import the panel's roster; a known name's unit, city and role are updated (audited).

    示例 / example: intake reviewers import 评审专家.xlsx
    """
    from intake.panel import service

    with open_store(db) as store:
        imported = service.import_roster(store, file, _by(by))
    leads = sum(r.role == "lead" for r in imported)
    typer.echo(f"导入 {len(imported)} 位评审人员（组长 {leads} 位）。")


@reviewers_app.command("list")
def reviewers_list(db: DbOption = None) -> None:
    """列出评审工作组名单。The roster: 姓名, 单位, 城市, 角色.

    示例 / example: intake reviewers list
    """
    from intake.present import panel as shown
    from intake.present.terminal import stdout_console
    from intake.store.panel import stored_reviewers

    with open_store(db) as store:
        shown.render_roster(stored_reviewers(store), stdout_console())


@reviewers_app.command("invite")
def reviewers_invite(
    name: Annotated[str, typer.Argument(help="The reviewer's name, as in the roster.")],
    url: Annotated[str, typer.Option(help="Where the desk is served (intake serve).")] =
        "http://127.0.0.1:8000",
    hours: Annotated[float, typer.Option(help="How long the link stays valid.")] = 72,
    db: DbOption = None,
) -> None:
    """为复核人生成一次性链接，用于设置浏览器复核台（intake serve）的密码。

    Print a one-time link for NAME to set a password for the review desk (intake serve).

    示例 / example: intake reviewers invite 张老师 --hours 72
    """
    from intake.desk import auth

    if hours <= 0:
        raise InputError("--hours 必须大于 0")
    with open_store(db) as store:
        token = auth.invite(store, name, hours)
    typer.echo(f"{name.strip()} 的一次性链接（{hours:g} 小时内有效，用后失效）：")
    typer.echo(f"{url.rstrip('/')}/invite/{token}")


@app.command("assign")
def assign_command(
    per_submission: Annotated[int | None, typer.Option(
        help="Experts per submission (the programme's number by default).")] = None,
    show: Annotated[bool, typer.Option("--show", help="List the assignment instead.")] = False,
    fmt: FormatOption = TableOrJson.table,
    rubric_id: RubricOption = None,
    db: DbOption = None,
    by: ByOption = None,
) -> None:
    """按回避规则为每份申报材料分配 N 位专家，工作量均衡。

    示例 / example: intake assign --per-submission 3

    Assign each submission N experts under the programme's 回避 rules, loads balanced.

    Nothing is assigned half way: when the rules make N impossible, the message says which
    submissions and why. A new assignment replaces the old one; both are in the panel log."""
    from intake.panel import service
    from intake.present import panel as shown
    from intake.present.terminal import stdout_console

    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        if show:
            found = service.assignment(store, rubric)
        else:
            found = service.make_assignment(store, rubric, per_submission, _by(by))
    if fmt is TableOrJson.json:
        typer.echo(shown.assignment_json(found))
    else:
        shown.render_assignment(found, stdout_console())


@panel_app.command("status")
def panel_status(rubric_id: RubricOption = None, db: DbOption = None) -> None:
    """每份申报材料的专家、尚未决定的专家、最大分差和分歧。

    Per submission: its experts, who has still to decide, the widest spread, disagreements.

    示例 / example: intake panel status
    """
    from intake.panel import service
    from intake.present import panel as shown
    from intake.present.terminal import stdout_console

    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        shown.render_state(service.panel_state(store, rubric), stdout_console())


def _fact(rubric: Rubric, target: str) -> FactSpec:
    spec = rubric.facts.get(target.partition(":")[2])
    if not target.startswith("fact:") or spec is None:
        raise InputError(f"{target} 不是本评分细则的事实：--value 只用于 fact:名称")
    return spec


@panel_app.command("log")
def panel_log_command(db: DbOption = None) -> None:
    """评审日志：名单导入和每次分配变更，谁在何时所为（记入日志）。

    The panel log: roster imports and every change of assignment, who and when (audited).

    示例 / example: intake panel log
    """
    from intake.present import panel as shown
    from intake.present.terminal import stdout_console
    from intake.store.panel import panel_log

    with open_store(db) as store:
        shown.render_panel_log(panel_log(store), stdout_console())


@panel_app.command("resolve")
def panel_resolve(
    submission: Annotated[str, typer.Argument(help="The submission (folder, path or id).")],
    target: Annotated[str, typer.Argument(help="item:编号 or fact:名称, e.g. item:4.")],
    reviewer: Annotated[str, typer.Option(help="The 组长 who decides.")],
    reason: Annotated[str, typer.Option(help="Why (recorded in the audit log).")],
    points: Annotated[float | None, typer.Option(help="The item's points.")] = None,
    value: Annotated[str | None, typer.Option(help="The fact's value.")] = None,
    rubric_id: RubricOption = None,
    db: DbOption = None,
) -> None:
    """组长裁决专家有分歧的指标或事实（记入审计日志）。

    The 组长 decides an item or fact on which the experts disagree (audited).

    示例 / example: intake panel resolve 唐山 item:4 --reviewer 组长 --points 8 --reason 同意
    """
    from intake.review.resolve import resolve
    from intake.store.decisions import Decided

    if (points is None) == (value is None):
        raise InputError("请给出 --points（指标）或 --value（事实）之一")
    from intake.review.values import parse_value
    from intake.review.walk import resolve_submission

    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        sid = resolve_submission(store, submission) or submission
        decided = Decided(points=points) if points is not None else Decided(
            value=parse_value(_fact(rubric, target), value or ""))
        resolve(store, rubric, reviewer, sid, target, decided, reason)
    typer.echo(f"已记录组长 {reviewer} 对 {target} 的裁定。")
