"""`intake rubric list | show ID | lint [ID] | score ID VALUES.json`: the rubric definitions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.catalog import list_rubrics, load_rubric
from intake.cli import app
from intake.cli.options import FormatOption, OutputOption, TableOrJson

rubric_app = typer.Typer(help="评分细则：列出、查看、检查、试算。Rubric definitions: list, "
                         "show, lint, score.\n\n"
                         "示例 / example: intake rubric show hebei-ou-2024-collective",
                         no_args_is_help=True)
app.add_typer(rubric_app, name="rubric")

RubricArgument = Annotated[str, typer.Argument(help="Rubric id (e.g. hebei-ou-2024-collective) "
                                                    "or a .yaml file.")]


@rubric_app.command("list")
def rubric_list() -> None:
    """列出全部评分细则。List the rubric definitions.

    示例 / example: intake rubric list
    """
    from intake.present import rubric as present_rubric
    from intake.present.terminal import stdout_console

    present_rubric.render_list(list_rubrics(), stdout_console())


@rubric_app.command("show")
def rubric_show(rubric_id: RubricArgument, fmt: FormatOption = TableOrJson.table) -> None:
    """查看评分细则：指标、规则、档次、解读，评选条件和名额。

    Show a rubric: items, rules, tiers, readings; criteria and quotas.

    示例 / example: intake rubric show hebei-ou-2024-collective
    """
    from intake.present import rubric as present_rubric
    from intake.present.terminal import emit, stdout_console

    chosen = load_rubric(rubric_id)
    if fmt is TableOrJson.json:
        emit(present_rubric.dumps(present_rubric.show_json(chosen)), None)
    else:
        present_rubric.render_show(chosen, stdout_console())


@rubric_app.command("lint")
def rubric_lint(
    rubric_id: Annotated[str | None, typer.Argument(help="Rubric id or .yaml file; all rubrics "
                                                    "without it.")] = None,
    fmt: FormatOption = TableOrJson.table,
) -> None:
    """检查评分细则中自相矛盾或有缺漏之处，并说明采用的解读。

    Where a rubric contradicts itself or leaves a hole, with the reading it takes.

    示例 / example: intake rubric lint xunke-2018-school
    """
    from intake.present import rubric as present_rubric
    from intake.present.terminal import emit, stdout_console
    from rubric import lint as lint_rubric

    chosen = [load_rubric(rubric_id)] if rubric_id else list_rubrics()
    findings = [(r.id, f) for r in chosen for f in lint_rubric(r)]
    if fmt is TableOrJson.json:
        shown = present_rubric.lint_json(findings, with_rubric=not rubric_id)
        emit(present_rubric.dumps(shown), None)
    else:
        present_rubric.render_lint(findings, [r.id for r in chosen], stdout_console())


@rubric_app.command("score")
def rubric_score(
    rubric_id: RubricArgument,
    values: Annotated[Path, typer.Argument(help='VALUES.json: {"rubric": ID, "units": [...]}.')],
    fmt: FormatOption = TableOrJson.table,
    output: OutputOption = None,
) -> None:
    """用给定的事实和分值试算：各项得分、总分、名次和计算过程。

    Score units from their confirmed facts and points: items, total, rank, trace.

    示例 / example: intake rubric score hebei-ou-2024-collective 试算.json
    """
    from intake.present import rubric as present_rubric
    from intake.present.terminal import emit, stdout_console
    from rubric import score as score_units

    chosen = load_rubric(rubric_id)
    sheet = score_units(chosen, present_rubric.read_values(values, chosen))
    if fmt is TableOrJson.json:
        emit(present_rubric.dumps(present_rubric.score_json(sheet)), output)
    else:
        present_rubric.render_score(sheet, chosen, stdout_console())
