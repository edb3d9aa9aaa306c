"""Issue 12, case 5: Ctrl-C (SIGINT to the process group, as a terminal sends it) or SIGTERM during
`intake run` keeps every submission stored so far, says how many and that the same command
resumes, and the resumed run ends with the same store as a run never interrupted.

The runs are real `python -m intake.cli run` processes on 200 generated submissions (400 .docx),
interrupted once the store holds some of them.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.support.batch import write_batch
from tests.support.integrity import RUBRIC, units

N = 200


def command(batch: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "intake.cli", "run", str(batch), "--rubric", RUBRIC, "--db",
            str(db), "--jobs", "2"]


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    with contextlib.closing(sqlite3.connect(db, timeout=10)) as connection:
        try:
            return connection.execute(sql).fetchall()
        except sqlite3.OperationalError:  # not migrated yet
            return []


def stored(db: Path) -> int:
    rows = query(db, "SELECT COUNT(*) FROM submissions")
    return int(rows[0][0]) if rows else 0


def everything(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """What a store holds, without ids of suggestions and times: multisets, so duplicates show."""
    return {name: Counter(query(db, sql)) for name, sql in {
        "submissions": "SELECT id, path, kind, checked FROM submissions",
        "documents": "SELECT sha256, format, pages, text, body, form FROM documents",
        "suggestions": "SELECT s.submission_id, s.rubric, s.target, s.key, s.extractor, "
                       "s.model, s.status, s.body FROM suggestions s",
        "findings": "SELECT submission_id, stage, code, level, field, document, message "
                    "FROM findings",
    }.items()}


def interrupt(batch: Path, db: Path, logs: Path, at: int, how: signal.Signals) -> tuple[int, str]:
    """Start the run, wait until the store holds `at` submissions, send `how`; exit code, stderr."""
    log = logs / f"{how.name}.stderr"
    with open(log, "wb") as stderr:
        process = subprocess.Popen(command(batch, db), stdout=subprocess.DEVNULL, stderr=stderr,
                                   start_new_session=True)
    deadline = time.monotonic() + 120
    while stored(db) < at:
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "the run made no progress in 120 s"
        time.sleep(0.02)
    if how is signal.SIGINT:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground process group
    else:
        process.send_signal(how)
    code = process.wait(60)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # nothing of it may be left running
    return code, log.read_text(encoding="utf-8", errors="replace")


def said_stored(stderr: str) -> int:
    found = re.search(r"已中断：本次已保存 (\d+) 个申报材料", stderr)
    assert found, stderr
    assert "再次运行同一命令即可从中断处继续" in stderr
    return int(found.group(1))


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_batch(tmp_path_factory.mktemp("interrupt"), units(N))


def test_ctrl_c_and_sigterm_keep_what_was_stored_and_the_run_resumes(batch: Path,
                                                                     tmp_path: Path) -> None:
    clean = tmp_path / "clean.db"
    done = subprocess.run(command(batch, clean), capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    db = tmp_path / "intake.db"

    code, stderr = interrupt(batch, db, tmp_path, at=N // 5, how=signal.SIGINT)
    assert code == 130 and "Traceback" not in stderr
    first = said_stored(stderr)
    assert N // 5 <= first < N
    assert stored(db) == first  # exactly what it said
    assert query(db, "PRAGMA integrity_check") == [("ok",)]

    # The same command again, stopped by SIGTERM this time, further on.
    code, stderr = interrupt(batch, db, tmp_path, at=first + N // 5, how=signal.SIGTERM)
    assert code == 130 and "Traceback" not in stderr
    second = said_stored(stderr)  # this run stores the first ones again, then goes on
    assert stored(db) >= first + N // 5 and second >= stored(db) - first

    done = subprocess.run(command(batch, db), capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert stored(db) == N
    assert everything(db) == everything(clean)  # as if it had never been interrupted
