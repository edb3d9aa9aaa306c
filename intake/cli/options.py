"""Options every command shares, and the one rule for a command's rubric.

`--rubric`: the rubric given; without it, the one rubric the store holds suggestions of; when the
store holds none or several, an error that lists the rubric ids to choose from (intake.toml's
`rubric` counts as given). `--db`: the store; without it INTAKE_DB, else intake.toml's `db`, else
intake.db in the current folder (intake/settings.py). Only `intake run` creates a store: every
other command names a missing one instead of making an empty file.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rubric.errors import InputError

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported by the commands that open one, when run
    from intake.store import Store
    from rubric import Rubric

RubricOption = Annotated[str | None, typer.Option(
    "--rubric", help="Rubric id; without it, the one rubric the store holds suggestions of.")]
DbOption = Annotated[str | None, typer.Option(
    "--db", help="The store: a SQLite file, or a postgresql://user@host/db URL a panel shares "
    "(default: INTAKE_DB, else intake.toml's db, else ./intake.db).")]
OutputOption = Annotated[Path | None, typer.Option(help="Write the output to this file.")]
ManifestOption = Annotated[Path | None, typer.Option(
    help="CSV (UTF-8 or GBK) or .xlsx of 申报材料, 收到日期 (YYYY-MM-DD): dates of receipt for "
         "late_submission.")]


class ExtractorName(StrEnum):
    """The extractors `intake run` suggests with, and the modes `intake ask` answers in."""

    rules = "rules"
    llm = "llm"


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


FormatOption = Annotated[TableOrJson, typer.Option("--format", help="Output format.")]
WideOption = Annotated[bool, typer.Option("--wide", help="完整的宽表格（默认按终端宽度，窄于 120 "
                                          "列时用紧凑表格）。The full table, whatever the "
                                          "terminal's width.")]


def open_store(db: str | Path | None, *, create: bool = False) -> Store:
    """The store the option, INTAKE_DB or intake.toml names; only `intake run` creates one."""
    from intake import settings
    from intake.store import Store

    return Store(settings.store_target(db), timeout=settings.busy_timeout(), create=create)


def default_rubric(store: Store, given: str | None = None) -> Rubric:
    """The rubric asked for (or intake.toml's), or the only rubric the store holds suggestions
    of."""
    from intake import settings
    from intake.catalog import definition_files, load_rubric
    from intake.store.suggestions import rubric_ids

    given = settings.rubric_id(given)
    if given:
        return load_rubric(given)
    found = rubric_ids(store)
    if len(found) == 1:
        return load_rubric(found[0])
    known = ", ".join(p.stem for p in definition_files())
    if not found:
        raise InputError("库中还没有任何建议，请先运行 intake run，或用 --rubric 指定评分细则 "
                         f"(no suggestions in the store; give --rubric ID); known: {known}")
    raise InputError(f"库中有多个评分细则的建议（{'、'.join(found)}），请用 --rubric 指定其一")
