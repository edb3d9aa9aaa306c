"""Which store, rubric and reviewer a command uses when its options do not say.

The order is: the command-line option, else the environment (`INTAKE_DB`), else `intake.toml` in
the working folder, else the built-in default. `intake.toml` holds top-level keys only here:

    db = "build/intake.db"        # relative to the folder holding intake.toml
    rubric = "hebei-ou-2024-collective"
    reviewer = "张老师"

so a reviewer sets the store once instead of repeating `--db` (a typo there used to create a new,
empty store). Other tables of the file (`[llm]`) belong to other readers and are ignored here.
`INTAKE_DB_TIMEOUT` sets how many seconds a write waits for another writer's lock (default 30).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from rubric.errors import InputError

CONFIG_NAME = "intake.toml"
DEFAULT_DB = Path("intake.db")
DEFAULT_TIMEOUT = 30.0


class Workplace(BaseModel):
    """The top-level keys of intake.toml that this module reads."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    db: Path | None = None
    rubric: str | None = None
    reviewer: str | None = None


def config_path(folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / CONFIG_NAME


def read_config(folder: Path | None = None) -> Workplace:
    """intake.toml of the working folder, or an empty Workplace when there is none."""
    path = config_path(folder)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return Workplace()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"无法读取配置文件 {path}：{error} (not valid TOML)") from error
    try:
        found = Workplace.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        raise InputError(f"配置文件 {path}：{'.'.join(map(str, problem['loc']))} "
                         f"{problem['msg']}") from error
    if found.db is not None and not found.db.is_absolute():
        found = found.model_copy(update={"db": path.parent / found.db})
    return found


def store_path(option: Path | None) -> Path:
    """The store: --db, else INTAKE_DB, else intake.toml's db, else ./intake.db."""
    if option is not None:
        return option
    if os.environ.get("INTAKE_DB"):
        return Path(os.environ["INTAKE_DB"])
    return read_config().db or DEFAULT_DB


def rubric_id(option: str | None, default: str | None = None) -> str | None:
    """The rubric: --rubric, else intake.toml's rubric, else `default`."""
    return option or read_config().rubric or default


def reviewer(option: str | None) -> str | None:
    """Who decides: --reviewer, else intake.toml's reviewer."""
    return option or read_config().reviewer


def busy_timeout() -> float:
    """Seconds a write waits for another writer's lock: INTAKE_DB_TIMEOUT, else 30."""
    raw = os.environ.get("INTAKE_DB_TIMEOUT", "")
    try:
        return float(raw) if raw.strip() else DEFAULT_TIMEOUT
    except ValueError:
        raise InputError(f"INTAKE_DB_TIMEOUT={raw!r} 不是秒数 (a number of seconds)") from None
