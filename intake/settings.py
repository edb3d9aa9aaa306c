"""`intake.toml` in the working folder: the project's settings file, read with tomllib.

The loader is generic: it returns the parsed tables as they are (`[llm]` today; `db`, `rubric`,
`reviewer`, `timezone` later) and each consumer validates its own table with its own pydantic
model (the `[llm]` table: extractors.facts.llm_settings). A missing file is no settings at all;
an unreadable or malformed one is an InputError naming the file and the line.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from rubric.errors import InputError

FILE_NAME = "intake.toml"


def load(folder: Path | None = None) -> dict[str, Any]:
    """The parsed intake.toml of `folder` (default: the working folder); {} when there is none."""
    path = (folder or Path.cwd()) / FILE_NAME
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML ({error}); fix the file or remove it") from error
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read it ({error})") from error


def table(settings: dict[str, Any], name: str) -> dict[str, Any]:
    """One table of the settings ({} when absent); a key that is not a table is an InputError."""
    value = settings.get(name, {})
    if not isinstance(value, dict):
        raise InputError(f"{FILE_NAME}: [{name}] must be a table, e.g. [{name}] on its own line")
    return value
