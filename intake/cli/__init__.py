"""The command line: the `intake` app, its commands (one module each) and the one place that turns
errors into messages.

No logic lives here; every command parses options, calls functions tests can call directly, and
renders their result. An IntakeError (bad input, a store that cannot be written …) is its message
and exit 2; anything else is a defect of ours: a plain internal-error message naming a debug log
file that holds the traceback, and exit 3. Nobody sees a traceback.
"""

from __future__ import annotations

import importlib
import logging
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rubric.errors import IntakeError

INTERNAL_ERROR = 3
log = logging.getLogger("intake")
# Usage errors, --help and exits are the command-line library's own; it prints and exits on them.
# (typer vendors click from 0.2x on, so its ClickException is found from a public class.)
_CLICK_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_PASSED_ON = (typer.Exit, typer.Abort, _CLICK_ERROR)


def debug_log(error: BaseException) -> str:
    """Write the traceback of an unexpected error to a file of its own; say where it is."""
    try:
        handle, name = tempfile.mkstemp(prefix="intake-error-", suffix=".log")
        with open(handle, "w", encoding="utf-8") as out:
            out.write(f"intake {' '.join(sys.argv[1:])}\n\n")
            out.write("".join(traceback.format_exception(error)))
    except OSError as failure:
        return f"（无法写入调试日志 / no debug log: {failure}）"
    return str(Path(name))


class IntakeGroup(TyperGroup):
    """The top-level group: every command and sub-command runs inside `invoke`, so this is the one
    place where errors become messages and exit codes."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _PASSED_ON:
            raise
        except IntakeError as error:
            log.debug("error", exc_info=error)
            typer.echo(f"错误 / error: {error}", err=True)
            raise typer.Exit(2) from None
        except Exception as error:  # a defect of ours: a message and a log file, no traceback
            where = debug_log(error)
            typer.echo(f"内部错误 / internal error: {type(error).__name__}: {error}\n"
                       f"这是 intake 的缺陷，不是材料的问题；详细信息已写入 {where}，"
                       "请将该文件交给维护人员 (please send this file to the maintainers)",
                       err=True)
            raise typer.Exit(INTERNAL_ERROR) from None


HELP = """intake：申报表和事迹材料的形式审查与预评分。每条建议都附引文，经复核人确认后才计分。

intake: pre-screen and pre-score batches of 申报表 and 事迹材料.

示例 / example: intake check 申报材料/ ，然后 intake run 申报材料/ --rubric hebei-ou-2024-collective
"""

app = typer.Typer(
    cls=IntakeGroup,
    help=HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # sub-commands inherit it
)


def _version(shown: bool) -> None:
    if shown:
        from importlib.metadata import version

        typer.echo(f"intake {version('intake')}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True,
        help="显示版本号并退出。Show the version and exit.")] = False,
) -> None:
    """Options of intake itself (before any command)."""


def main() -> None:  # pragma: no cover - console entry point
    # pdfminer warns on stderr about every odd font in a broken PDF; the findings say what matters.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    app()


# The commands register themselves on `app` when imported (they import it, hence last), in the
# order `intake --help` lists them.
for _command in ("rubric", "check", "run", "show", "score", "metrics", "report", "review",
                 "export", "ask", "panel", "serve"):
    importlib.import_module(f"intake.cli.{_command}")
