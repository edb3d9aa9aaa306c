"""`intake metrics import FILE.csv`: platform statistics (教师人均上线天数 …) per unit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import DbOption, RubricOption, default_rubric, open_store

metrics_app = typer.Typer(help="排名类指标的平台统计数据。Platform statistics for ranked items.\n\n"
                          "示例 / example: intake metrics import 平台数据.csv",
                          no_args_is_help=True)
app.add_typer(metrics_app, name="metrics")


@metrics_app.command("import")
def metrics_import(
    csv_file: Annotated[Path, typer.Argument(help=(
        "CSV (UTF-8 or GBK) or .xlsx: 单位名称 and one column per metric (教师人均上线天数 "
        "or teacher_online_days)."))],
    rubric_id: RubricOption = None,
    db: DbOption = None,
) -> None:
    """按单位导入平台统计数据（教师人均上线天数、人均登录次数……）；列出未知和缺少数据的单位。

    Import 教师人均上线天数, 人均登录次数 … per unit; unknown and missing units are named.

    示例 / example: intake metrics import 平台数据.xlsx
    """
    from intake.score import metrics, scoring

    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        units = scoring.ranked_units(scoring.score_store(store, rubric), rubric)
        result = metrics.import_metrics(store, rubric, csv_file, units)
    typer.echo(f"导入 {len(result.imported)} 个单位的数据。")
    for name in result.unknown_units:
        typer.echo(f"未知单位（批次中没有它的申报材料）：{name}", err=True)
    for name in result.missing_units:
        typer.echo(f"缺少数据的单位：{name}", err=True)
