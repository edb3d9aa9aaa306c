"""`intake show SUBMISSION`: one submission's findings, fields, counts, suggestions with
citations, decisions and score, as text or JSON."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import DbOption, OutputOption, RubricOption, default_rubric, open_store
from rubric.errors import InputError


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


@app.command()
def show(
    submission: Annotated[str, typer.Argument(help="The submission: folder name, path or id.")],
    rubric_id: RubricOption = None,
    db: DbOption = None,
    fmt: Annotated[TextOrJson, typer.Option("--format", help="text or json (the schema of "
                                            "intake export).")] = TextOrJson.text,
    output: OutputOption = None,
) -> None:
    """查看一份申报材料的全貌：问题、填写内容、字数、建议及引文、复核决定和得分。

    One submission's findings, fields, counts, suggestions with citations, decisions and score.

    示例 / example: intake show 石家庄开放大学 --format json
    """
    from intake.present import dossier
    from intake.present.terminal import emit, stdout_console
    from intake.review import show as show_text
    from intake.review.walk import resolve_submission
    from intake.store.submissions import submission as stored_submission

    with open_store(db) as store:
        rubric = default_rubric(store, rubric_id)
        sid = resolve_submission(store, submission)
        row = stored_submission(store, sid) if sid else None
        if row is None:
            raise InputError(f"库中没有申报材料“{submission}” (no such submission)")
        record = dossier.dossier(store, rubric, row)
    if fmt is TextOrJson.json:
        emit(dossier.dumps(record), output)
    else:
        show_text.render(record, rubric, stdout_console())
