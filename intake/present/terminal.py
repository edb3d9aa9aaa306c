"""Terminal plumbing shared by commands: consoles, the progress bar on stderr, atomic output."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from intake.screen.batch import Progress as ProgressCallbacks
from rubric.errors import InputError


def stdout_console() -> Console:
    # Piped or redirected output (files, CI logs) gets room for wide tables instead of 80 columns,
    # unless COLUMNS says how wide it is (rich reads it).
    chosen = sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit()
    return Console(soft_wrap=False, width=None if chosen else 160)


def stderr_console() -> Console:
    return Console(stderr=True)


@contextmanager
def progress_bar(description: str = "读取文件") -> Iterator[ProgressCallbacks]:
    """A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, tests)."""
    console = stderr_console()
    if not console.is_terminal:
        yield ProgressCallbacks()
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeRemainingColumn(), TextColumn("{task.fields[name]}", style="dim"))
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(description, total=None, name="")
        yield ProgressCallbacks(
            total=lambda n: progress.update(task, total=n),
            advance=lambda name: progress.update(task, advance=1, name=name),
        )


def write_atomic(path: Path, data: str | bytes | Iterable[str], *, durable: bool = True) -> None:
    """Write to a temporary file beside the target, fsync, then rename: never half a report.
    `durable=False` leaves out the fsync, for a caller that syncs many files at once. Text given
    as pieces is written piece by piece, so a batch's report is never whole in memory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pieces = [data] if isinstance(data, str | bytes) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a report is for others to open: honour umask.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(path: Path, data: str | bytes | Iterable[str], *, durable: bool = True) -> None:
    """write_atomic for a file a reviewer asked for: a place that cannot be written (a workbook
    open in Excel, a folder in its place, a full disk) is a plain InputError, not a traceback;
    the old file, if any, is left as it was. `durable=False` skips the fsync (write_atomic)."""
    try:
        write_atomic(path, data, durable=durable)
    except OSError as error:
        raise InputError(output_error(path, error)) from error


def output_error(path: Path, error: OSError) -> str:
    why = error.strerror or str(error)
    if isinstance(error, IsADirectoryError) or path.is_dir():
        hint = "该位置是一个文件夹，请换一个文件名"
    elif error.errno == errno.ENOSPC:
        hint = "磁盘已满，请腾出空间后重试"
    else:
        hint = "若该文件正在 Excel 或 WPS 中打开，请关闭后重试，或换一个输出位置"
    return f"无法写入 {path}（{why}）：{hint}；原有文件未被改动 (cannot write {path})"


def emit(text: str | None, output: Path | None) -> None:
    """Send JSON/CSV text to --output (atomically) or to stdout."""
    if text is None:
        return
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        save(output, text)


def emit_pieces(pieces: Iterable[str], output: Path | None, *, newline: bool = False) -> None:
    """emit for text made piece by piece (one submission at a time): written as it comes, to
    stdout or atomically to --output; the last piece ends the line, or with `newline` (text
    that does not end with one, as emit takes it) a newline is added on stdout."""
    if output is not None:
        save(output, pieces)
        return
    for piece in pieces:
        sys.stdout.write(piece)
    if newline:
        sys.stdout.write("\n")
