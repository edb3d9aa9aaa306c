"""`intake ask` and `intake chat`: questions to one stored submission or the whole batch, answered
with citations located in the material (the engine: intake/ask/)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from intake.cli import app
from intake.cli.options import DbOption, ExtractorName


class AskFormat(StrEnum):
    text = "text"
    table = "table"
    json = "json"
    csv = "csv"


AskExtractorOption = Annotated[ExtractorName, typer.Option(
    "--extractor", help="rules (offline) or llm.")]
AskModelOption = Annotated[str | None, typer.Option(help="provider:model for --extractor llm.")]
AskRubricOption = Annotated[str | None, typer.Option(
    "--rubric", help="Rubric whose facts answer fact questions; default: the store's only one.")]


@app.command("ask")
def ask_command(
    words: Annotated[list[str], typer.Argument(help="SUBMISSION QUESTION, or QUESTION with "
                                               "--batch.")],
    batch_mode: Annotated[bool, typer.Option("--batch", help="Ask every stored submission.")]
        = False,
    db: DbOption = None,
    extractor: AskExtractorOption = ExtractorName.rules,
    model: AskModelOption = None,
    rubric_id: AskRubricOption = None,
    fmt: Annotated[AskFormat, typer.Option("--format", help="Output format.")] = AskFormat.text,
    output: Annotated[Path | None, typer.Option(help="Write JSON/CSV to this file.")] = None,
) -> None:
    """向一份申报材料（或用 --batch 向全部材料）提问，回答附材料中的引文。

    Ask a submission (or, with --batch, every one) a question; answers cite the material.

    示例 / example: intake ask 石家庄开放大学 "领导小组开了几次会？"
    """
    from intake import settings
    from intake.ask import commands  # the engine only when asked: `intake --help` stays quick
    from intake.present.terminal import stdout_console

    submission, question = (None, " ".join(words)) if batch_mode else (
        words[0], " ".join(words[1:]))
    options = commands.AskOptions(settings.store_target(db), extractor.value, model, rubric_id,
                                  fmt.value, output)
    commands.ask(options, question, submission, batch=batch_mode, console=stdout_console())


@app.command("chat")
def chat_command(
    submission: Annotated[str | None, typer.Argument(help="Submission (folder, path or id); "
                                                     "without it, questions go to the batch.")]
        = None,
    db: DbOption = None,
    extractor: AskExtractorOption = ExtractorName.rules,
    model: AskModelOption = None,
    rubric_id: AskRubricOption = None,
) -> None:
    """连续提问并保留上下文（llm 模式能理解追问）。

    Questions one after another, with history: a follow-up is understood in the llm mode.

    示例 / example: intake chat 石家庄开放大学
    """
    from intake import settings
    from intake.ask import commands
    from intake.present.terminal import stdout_console

    console = stdout_console()
    options = commands.AskOptions(settings.store_target(db), extractor.value, model, rubric_id)
    commands.chat(options, submission, commands.typed_lines(console), console)
