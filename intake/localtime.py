"""Times as a person reads them: the store keeps UTC, people see their own clock with its offset.

The zone is `timezone` in the working folder's intake.toml (an IANA name such as
"Asia/Shanghai"), else the `TZ` environment variable, else the system's zone. A reviewer in
Hebei thus reads 2026-12-02 03:47:33 +08:00 where the store holds 2026-12-01T19:47:33+00:00,
and the offset shows which clock is meant when a log is read elsewhere.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from rubric.errors import InputError

CONFIG_NAME = "intake.toml"
SHOWN = "%Y-%m-%d %H:%M:%S"


def _configured(folder: Path | None = None) -> str | None:
    path = (folder or Path.cwd()) / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"无法读取配置文件 {path}：{error} (not valid TOML)") from error
    value = data.get("timezone")
    if value is not None and not isinstance(value, str):
        raise InputError(f"配置文件 {path}：timezone 应是时区名，例如 \"Asia/Shanghai\"")
    return value


def _named(name: str, where: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"{where} 的时区“{name}”未知，请写 IANA 时区名，例如 Asia/Shanghai "
                         "(unknown time zone)") from None


def zone(folder: Path | None = None) -> dt.tzinfo | None:
    """The zone people read times in; None means the system's (the C library's) local zone."""
    configured = _configured(folder)
    if configured:
        return _named(configured, CONFIG_NAME)
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        try:
            return ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            time.tzset()  # a POSIX rule such as "CST-8": the C library reads it
    return None


def local(stamp: str | dt.datetime, tz: dt.tzinfo | None = None) -> dt.datetime:
    """A stored time (ISO text, UTC when it has no offset) in the reader's zone."""
    when = dt.datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(tz)


def shown(stamp: str | dt.datetime | None, tz: dt.tzinfo | None = None) -> str:
    """"2026-12-02 03:47:33 +08:00": local time with its offset; "" for no time and the text
    itself for one that is not a time (never an error in a report)."""
    if not stamp:
        return ""
    try:
        when = local(stamp, tz)
    except ValueError:
        return str(stamp)
    offset = when.strftime("%z")
    return f"{when.strftime(SHOWN)} {offset[:3]}:{offset[3:]}"
