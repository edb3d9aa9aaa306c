"""`intake.toml` in the working folder: the project's settings file, read with tomllib.

The loader is generic: it returns the parsed tables as they are and each consumer validates its
own part with its own pydantic model (the `[llm]` table: extractors.facts.llm_settings; the
top-level `db`, `rubric` and `reviewer` keys: `Workplace` below). A missing file is no settings at
all; an unreadable or malformed one is an InputError naming the file and the line.

Which store, rubric and reviewer a command uses when its options do not say: the command-line
option, else the environment (`INTAKE_DB`, for the store), else `intake.toml` in the working
folder, else the built-in default:

    db = "build/intake.db"        # relative to the folder holding intake.toml
    rubric = "hebei-ou-2024-collective"
    reviewer = "张老师"

so a reviewer sets the store once instead of repeating `--db` (a typo there used to create a new,
empty store). `INTAKE_DB_TIMEOUT` sets how many seconds a write waits for another writer's lock
(default 30).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from rubric.errors import InputError

FILE_NAME = "intake.toml"
DEFAULT_DB = "intake.db"
DEFAULT_TIMEOUT = 30.0


def load(folder: Path | None = None) -> dict[str, Any]:
    """The parsed intake.toml of `folder` (default: the working folder); {} when there is none."""
    path = (folder or Path.cwd()) / FILE_NAME
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
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


class Workplace(BaseModel):
    """The top-level keys of intake.toml that name the store, rubric and reviewer."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    db: str | None = None
    rubric: str | None = None
    reviewer: str | None = None


def workplace(folder: Path | None = None) -> Workplace:
    """The top-level keys of intake.toml; a relative db is relative to the file's folder."""
    where = folder or Path.cwd()
    try:
        found = Workplace.model_validate(load(where))
    except ValidationError as error:
        problem = error.errors()[0]
        raise InputError(f"{where / FILE_NAME}: {'.'.join(map(str, problem['loc']))} "
                         f"{problem['msg']}") from error
    if found.db and "://" not in found.db and not Path(found.db).is_absolute():
        found = found.model_copy(update={"db": str(where / found.db)})
    return found


def store_target(option: str | Path | None) -> str:
    """The store: --db, else INTAKE_DB, else intake.toml's db, else ./intake.db."""
    if option is not None:
        return str(option)
    if os.environ.get("INTAKE_DB"):
        return os.environ["INTAKE_DB"]
    return workplace().db or DEFAULT_DB


def rubric_id(option: str | None) -> str | None:
    """The rubric: --rubric, else intake.toml's rubric."""
    return option or workplace().rubric


def reviewer(option: str | None) -> str | None:
    """Who decides: --reviewer, else intake.toml's reviewer."""
    return option or workplace().reviewer


def busy_timeout() -> float:
    """Seconds a write waits for another writer's lock: INTAKE_DB_TIMEOUT, else 30."""
    raw = os.environ.get("INTAKE_DB_TIMEOUT", "")
    try:
        return float(raw) if raw.strip() else DEFAULT_TIMEOUT
    except ValueError:
        raise InputError(f"INTAKE_DB_TIMEOUT={raw!r} 不是秒数 (a number of seconds)") from None
