"""The command line as a whole: every command's --help, the one --rubric rule, and the one place
that turns errors into messages (exit 2 for bad input, exit 3 and a debug log for our defects)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from intake.cli import app, options
from intake.cli import rubric as rubric_command
from intake.store import Store
from rubric.errors import InputError

RUBRIC = "hebei-ou-2024-collective"
runner = CliRunner()


def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every command and sub-command under `group`, with the words that invoke it."""
    found = [(path, group)]
    if isinstance(group, TyperGroup):
        for name, command in sorted(group.commands.items()):
            found += _commands(command, (*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def _flat(text: str) -> str:
    """Help text without the boxes and line breaks rich draws around it."""
    return re.sub(r"[\s│╭╮╰╯─]+", "", text)


def test_every_command_is_listed() -> None:
    words = {" ".join(path) for path, _ in COMMANDS}
    assert {"check", "run", "review", "review export", "review import", "review log", "score",
            "report", "metrics import", "rubric list", "rubric show", "rubric lint",
            "rubric score"} <= words


@pytest.mark.parametrize(("path", "command"), COMMANDS,
                         ids=[" ".join(("intake", *path)) for path, _ in COMMANDS])
def test_help_renders(path: tuple[str, ...], command: Any) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    summary = (command.help or "").strip().splitlines()
    assert summary and summary[0], f"intake {' '.join(path)} has no help text"
    assert _flat(summary[0]) in _flat(result.output)


def test_default_rubric_is_the_only_one_in_the_store(store: Store, tmp_path: Path) -> None:
    assert options.default_rubric(store).id == RUBRIC
    assert options.default_rubric(store, "xunke-2018-school").id == "xunke-2018-school"
    sid = store.query("SELECT id FROM submissions LIMIT 1")[0]["id"]
    store.write(lambda db: db.execute(
        "INSERT INTO suggestions (submission_id, rubric, target, key, extractor, status, body, "
        "created_at) VALUES (?, 'xunke-2018-school', 'fact', 'x', 'rules', 'no_evidence', '{}', "
        "'t')", (sid,)))
    with pytest.raises(InputError, match="--rubric"):
        options.default_rubric(store)
    with Store(tmp_path / "empty.db") as empty, pytest.raises(InputError, match="intake run"):
        options.default_rubric(empty)


def test_without_rubric_and_an_empty_store_the_error_lists_the_rubrics(tmp_path: Path) -> None:
    from intake.store import Store

    Store(tmp_path / "empty.db").close()  # an empty store (a missing one: test_workplace.py)
    for command in (["score"], ["report", "--html", str(tmp_path / "h")], ["run", str(tmp_path)],
                    ["review", "export", str(tmp_path / "x.xlsx")]):
        result = runner.invoke(app, [*command, "--db", str(tmp_path / "empty.db")])
        assert result.exit_code == 2, (command, result.output)
        assert "--rubric" in result.output and RUBRIC in result.output, command
        assert "Traceback" not in result.output


def test_a_usage_error_is_the_usage_message_and_exit_2() -> None:
    result = runner.invoke(app, ["rubric", "show"])
    assert result.exit_code == 2
    assert "Missing argument" in result.output and "内部错误" not in result.output


def test_bad_input_is_a_message_and_exit_2() -> None:
    result = runner.invoke(app, ["rubric", "show", "no-such-rubric"])
    assert result.exit_code == 2
    assert "错误 / error:" in result.output and "no-such-rubric" in result.output
    assert "Traceback" not in result.output


def test_a_defect_is_a_plain_message_naming_a_debug_log(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[object]:
        raise ZeroDivisionError("division by zero in a test")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(rubric_command, "list_rubrics", broken)
    result = runner.invoke(app, ["rubric", "list"])
    assert result.exit_code == 3
    assert "内部错误 / internal error" in result.output and "Traceback" not in result.output
    named = re.search(r"(\S*intake-error-\S*\.log)", result.output)
    assert named is not None, result.output
    log = Path(named.group(1))
    assert log.parent == tmp_path
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ZeroDivisionError: division by zero in a test" in text


@pytest.mark.parametrize(("path", "command"), COMMANDS,
                         ids=[" ".join(("intake", *path)) for path, _ in COMMANDS])
def test_help_is_chinese_first_with_an_example_of_the_command(path: tuple[str, ...],
                                                              command: Any) -> None:
    result = runner.invoke(app, [*path, "-h"])
    assert result.exit_code == 0, result.output
    flat = _flat(result.output)
    example = re.search(r"示例/example:intake(\S*)", flat)
    assert example, f"intake {' '.join(path)} --help has no example"
    assert example.group(1).startswith("".join(path)), example.group(1)
    first = (command.help or "").strip().splitlines()[0]
    assert re.search(r"[\u4e00-\u9fff]", first), f"help of {path} does not start in Chinese"
    assert re.search(r"[A-Za-z]{4,} [a-z]+", command.help or ""), "English kept after it"


def test_version() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"intake {version('intake')}"
