"""Integrity: `kill -9` during `intake run`, then the same command again, resumes with nothing
duplicated and nothing confirmed lost; two processes recording decisions at once both apply."""

from __future__ import annotations

import multiprocessing
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from batch_fixtures import FULL_DEEDS, Unit, write_batch

from intake import decisions
from intake.rubrics import load_rubric
from intake.store import Store

RUBRIC = "hebei-ou-2024-collective"
INTAKE = [sys.executable, "-c", "from intake.cli import main; main()"]


def units(n: int) -> list[Unit]:
    return [Unit(f"单位{i:02d}", f"第{i}开放大学", deeds=[*FULL_DEEDS, f"编号{i}。"])
            for i in range(n)]


def run(batch: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([*INTAKE, "run", str(batch), "--rubric", RUBRIC, "--db", str(db),
                             "--jobs", "2", "--format", "json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def count(db: Path, sql: str) -> int:
    if not db.exists():  # the run has not created its store yet
        return 0
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
        try:
            return int(connection.execute(sql).fetchone()[0])
        except sqlite3.OperationalError:  # tables not made yet
            return 0


def rows(db: Path) -> set[tuple[str, str, str, str]]:
    with sqlite3.connect(db) as connection:
        return set(connection.execute(
            "SELECT sub.path, s.target, s.key, json_extract(s.body, '$.value') FROM suggestions s "
            "JOIN submissions sub ON sub.id = s.submission_id").fetchall())


def kill_mid_run(batch: Path, db: Path, progress_sql: str, total: int) -> None:
    """Start `intake run` and SIGKILL it once `progress_sql` counts some, not all, of `total`."""
    process = run(batch, db)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if 0 < count(db, progress_sql) < total:
            break
        time.sleep(0.01)
    assert process.poll() is None, "the run ended before it could be killed: enlarge the batch"
    process.send_signal(signal.SIGKILL)
    process.wait(10)


def test_kill_9_then_rerun_resumes_without_duplicates_or_losses(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "batch", units(40))
    db, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    kill_mid_run(batch, db, "SELECT COUNT(DISTINCT submission_id) FROM suggestions", 40)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert 0 < count(db, "SELECT COUNT(DISTINCT submission_id) FROM suggestions") < 40

    assert run(batch, db).wait(120) == 0
    assert run(batch, clean).wait(120) == 0
    facts = len(load_rubric(RUBRIC).facts)
    assert count(db, "SELECT COUNT(*) FROM submissions") == 40
    assert count(db, "SELECT COUNT(*) FROM suggestions WHERE target = 'fact'") == 40 * facts
    assert rows(db) == rows(clean)  # the same suggestions as a run that was never killed

    with Store(db) as store:
        first = store.query("SELECT id FROM submissions ORDER BY path LIMIT 1")[0]["id"]
        assert decisions.accept_all(store, load_rubric(RUBRIC), "张三", first) > 0
        confirmed = store.query("SELECT * FROM decisions ORDER BY id")
    rerun = run(batch, db)  # killed while re-checking and re-storing the batch
    time.sleep(1.0)
    rerun.send_signal(signal.SIGKILL)
    rerun.wait(10)
    assert run(batch, db).wait(120) == 0
    with Store(db) as store:
        assert [dict(r) for r in store.query("SELECT * FROM decisions ORDER BY id")] == [
            dict(r) for r in confirmed]
    assert rows(db) == rows(clean)


def _record(db: str, reviewer: str, start: multiprocessing.synchronize.Event) -> None:
    with Store(Path(db)) as store:
        rubric = load_rubric(RUBRIC)
        pending = decisions.suggestions(store, RUBRIC, pending_only=False)
        made = [decisions.Decision(suggestion_id=p.id, action="accept",
                                   decided=decisions.as_suggested(p.suggestion))
                for p in pending if p.suggestion.status == "suggested"]
        start.wait(10)
        for decision in made:  # many small transactions, racing the other process
            decisions.record(store, rubric, reviewer, [decision], "terminal")


def test_two_reviewers_recording_at_once_lose_nothing(tmp_path: Path) -> None:
    batch = write_batch(tmp_path / "batch", units(4))
    db = tmp_path / "intake.db"
    assert run(batch, db).wait(120) == 0
    expected = count(db, "SELECT COUNT(*) FROM suggestions WHERE status = 'suggested'")
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_record, args=(str(db), name, start))
               for name in ("张三", "李四")]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    for reviewer in ("张三", "李四"):
        assert count(db, f"SELECT COUNT(*) FROM decisions WHERE reviewer = '{reviewer}'") == \
            expected
