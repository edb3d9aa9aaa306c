"""Integrity (issue 6): `kill -9` during `intake run`, then the same command again, resumes with
nothing duplicated and nothing confirmed lost; two processes writing decisions to one store at once
both apply (or one waits, or fails with a plain message); reports and exports are written
atomically.

The runs are real `python -m intake.cli run` processes killed with SIGKILL. To make a kill land
inside a store transaction rather than between two, some runs slow each store write down (see
SLOW_WRITES in tests/support/integrity.py): the run appends a mark once a write's rows are in,
then sleeps before COMMIT, and the test kills it on seeing the k-th mark.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import random
import re
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from intake.catalog import load_rubric
from intake.present import report_xlsx
from intake.present.terminal import emit, write_atomic
from intake.review import decisions
from intake.review import excel as review_excel
from intake.run import judged
from intake.score import scoring
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store import suggestions as stored_suggestions
from rubric.errors import StoreError
from tests.support.batch import write_batch
from tests.support.integrity import (
    RUBRIC,
    intake_command,
    record_at_once,
    stall_at_fsync,
    stall_mid_write,
    units,
    write_forever,
)

N = 32  # submissions in the batch
DELAY = "0.03"  # seconds each slowed-down store write holds its transaction open
SPAWN = multiprocessing.get_context("spawn")
FORK = multiprocessing.get_context("fork")


# ---- the batch and a run that was never killed (built once) --------------------------------------


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_batch(tmp_path_factory.mktemp("integrity"), units(N))


@pytest.fixture(scope="module")
def clean(batch: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    finish(batch, db, tmp_path_factory.mktemp("logs"))
    return db


def copy_db(source: Path, target: Path) -> Path:
    """A private copy through SQLite's backup API (whatever the WAL state of the source)."""
    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


# ---- running and killing `intake run` ----------------------------------------------------------


def start(batch: Path, db: Path, logs: Path, *, slow: bool = False) -> subprocess.Popen[bytes]:
    env = {**os.environ, "INTAKE_TEST_MARKS": str(marks_file(db)), "INTAKE_TEST_DELAY": DELAY}
    marks_file(db).unlink(missing_ok=True)
    command = intake_command("run", str(batch), "--rubric", RUBRIC, "--db", str(db), "--jobs",
                             "2", slow=slow)
    with open(logs / f"{db.stem}.stderr", "ab") as stderr:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env,
                                start_new_session=True)


def marks_file(db: Path) -> Path:
    return db.with_suffix(".marks")


def marks(db: Path, kind: str) -> int:
    try:
        return marks_file(db).read_text(encoding="utf-8").split().count(kind)
    except FileNotFoundError:
        return 0


def finish(batch: Path, db: Path, logs: Path, *, slow: bool = False) -> None:
    process = start(batch, db, logs, slow=slow)
    assert process.wait(120) == 0, (logs / f"{db.stem}.stderr").read_text(errors="replace")
    assert "Traceback" not in (logs / f"{db.stem}.stderr").read_text(errors="replace")


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the run (only it: its worker children must notice on their own), then reap any
    child still alive in the run's own process group."""
    assert process.poll() is None, "the run ended before it could be killed: enlarge the batch"
    process.send_signal(signal.SIGKILL)
    assert process.wait(10) == -signal.SIGKILL
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, "the run ended before it could be killed: enlarge the batch"
        assert time.monotonic() < deadline, "the run made no progress in 60 s"
        time.sleep(0.002)
    kill(process)


# ---- what a store holds ------------------------------------------------------------------------


@contextlib.contextmanager
def opened(db: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(db, timeout=10)
    try:
        yield connection
    finally:
        connection.close()


def scalar(db: Path, sql: str) -> Any:
    with opened(db) as connection:
        return connection.execute(sql).fetchone()[0]


def assert_sound(db: Path) -> None:
    """The file opens (recovering its WAL), passes integrity and foreign key checks."""
    with opened(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def suggestion_rows(db: Path) -> Counter[tuple[Any, ...]]:
    """Every suggestion by what it says, not by id or time: a multiset, so duplicates show."""
    with opened(db) as connection:
        return Counter(connection.execute(
            "SELECT sub.path, s.rubric, s.target, s.key, s.extractor, s.model, s.status, s.body "
            "FROM suggestions s JOIN submissions sub ON sub.id = s.submission_id").fetchall())


def stored_rows(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Submissions, their documents and findings, without ids and times."""
    with opened(db) as connection:
        def rows(sql: str) -> Counter[tuple[Any, ...]]:
            return Counter(connection.execute(sql).fetchall())

        return {
            "submissions": rows("SELECT id, path, kind, checked FROM submissions"),
            "documents": rows("SELECT sha256, format, pages, text, body, form FROM documents"),
            "members": rows("SELECT sub.path, d.sha256, d.path, d.role FROM submission_documents "
                            "d JOIN submissions sub ON sub.id = d.submission_id"),
            "findings": rows("SELECT sub.path, f.stage, f.code, f.level, f.field, f.document, "
                             "f.message FROM findings f JOIN submissions sub ON "
                             "sub.id = f.submission_id"),
        }


def table(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with opened(db) as connection:
        return connection.execute(sql).fetchall()


def count_if_made(db: Path, sql: str) -> int:
    """A count; 0 while the store or its tables are not made yet."""
    if not db.exists():
        return 0
    try:
        return int(scalar(db, sql))
    except sqlite3.OperationalError:  # no such table: killed before its migration
        return 0


def suggested_submissions(db: Path) -> int:
    return int(scalar(db, "SELECT COUNT(DISTINCT submission_id) FROM suggestions"))


def assert_complete(db: Path, clean: Path) -> None:
    """Each submission stored once, suggested for once per fact and item, as in a clean run."""
    assert_sound(db)
    assert scalar(db, "SELECT COUNT(*) FROM submissions") == N
    assert scalar(db, "SELECT COUNT(DISTINCT path) FROM submissions") == N
    assert table(db, "SELECT submission_id, rubric, target, key, extractor, model, COUNT(*) "
                     "FROM suggestions GROUP BY 1, 2, 3, 4, 5, 6 HAVING COUNT(*) > 1") == []
    facts = set(load_rubric(RUBRIC).facts)
    by_submission: dict[str, set[str]] = {}
    for sid, key in table(db, "SELECT submission_id, key FROM suggestions WHERE target = 'fact'"):
        by_submission.setdefault(sid, set()).add(key)
    assert len(by_submission) == N
    assert all(keys == facts for keys in by_submission.values())
    assert suggestion_rows(db) == suggestion_rows(clean)
    assert stored_rows(db) == stored_rows(clean)


def decision_rows(db: Path) -> list[tuple[Any, ...]]:
    return table(db, "SELECT * FROM decisions ORDER BY id")


# ---- 1. kill -9 during `intake run`, then the same command again --------------------------------


def test_kill_9_mid_run_then_rerun_resumes_and_loses_nothing(batch: Path, clean: Path,
                                                             tmp_path: Path) -> None:
    db, rng = tmp_path / "intake.db", random.Random()

    # While the store is created, migrated and the first files are read (a few submissions may
    # be stored by then): at a random moment, and at the latest once a quarter of the batch is
    # in (a fast run stores all of it well inside a second, and the kills below need some left).
    process = start(batch, db, tmp_path)
    until = time.monotonic() + rng.uniform(0.05, 0.9)
    kill_when(process, lambda: time.monotonic() >= until
              or count_if_made(db, "SELECT COUNT(*) FROM submissions") >= N // 4)
    if db.exists():
        assert_sound(db)
    before = count_if_made(db, "SELECT COUNT(*) FROM submissions")
    assert count_if_made(db, "SELECT COUNT(DISTINCT submission_id) FROM suggestions") == before

    # Inside the transaction storing the k-th submission with its passages and suggestions
    # (intake/store/prepared.py: one transaction): k - 1 are in, each whole; the k-th is rolled
    # back.
    process = start(batch, db, tmp_path, slow=True)
    k = rng.randint(N // 4, 3 * N // 4)
    kill_when(process, lambda: marks(db, "write_prepared") >= k)
    assert_sound(db)
    seen = marks(db, "write_prepared")
    stored = scalar(db, "SELECT COUNT(*) FROM submissions")
    # The k - 1 committed are distinct submissions; some may be those stored before again.
    assert seen - 1 <= stored <= before + seen
    assert 0 < stored < N
    assert suggested_submissions(db) == stored  # never a submission without its suggestions

    # Inside a transaction of the resumed run, once it has stored one new submission or more
    # (it writes the stored ones again, without suggesting for them again).
    earlier = stored
    process = start(batch, db, tmp_path, slow=True)
    k = rng.randint(earlier + 2, N - 1)
    kill_when(process, lambda: marks(db, "write_prepared") >= k)
    assert_sound(db)
    stored = scalar(db, "SELECT COUNT(*) FROM submissions")
    assert earlier < stored < N
    assert suggested_submissions(db) == stored

    # The same command again: it resumes and ends as a run that was never killed.
    finish(batch, db, tmp_path)
    assert_complete(db, clean)

    # A reviewer confirms values: one submission accepted in bulk, one fact of another overridden.
    rubric = load_rubric(RUBRIC)
    with Store(db) as store:
        first, second = [r["id"] for r in store.query("SELECT id FROM submissions ORDER BY path "
                                                      "LIMIT 2")]
        assert decisions.accept_all(store, rubric, "张三", first) > 0
        [fact] = [p for p in stored_suggestions.pending(store, RUBRIC, second)
                  if p.suggestion.target == "fact" and p.suggestion.status == "suggested"][:1]
        decisions.record(store, rubric, "李四", [stored_decisions.Decision(
            suggestion_id=fact.id, action="override", decided=stored_decisions.as_suggested(
                fact.suggestion), reason="与原件核对无误")], "terminal")
        confirmed = [stored_decisions.confirmed(store, RUBRIC, sid) for sid in (first, second)]
        # A bulk acceptance leaves only the items that wait for a reviewer's points.
        left_first = [p.id for p in stored_suggestions.pending(store, RUBRIC, first)]
        assert all(judged.needs_points(rubric, p.suggestion)
                   for p in stored_suggestions.pending(store, RUBRIC, first))
    before = decision_rows(db)
    suggestions_before = table(db, "SELECT * FROM suggestions ORDER BY id")
    assert len(before) > 1

    # Killed while re-storing the batch (every suggestion is already made), then run again.
    process = start(batch, db, tmp_path, slow=True)
    k = rng.randint(N // 4, 3 * N // 4)
    kill_when(process, lambda: marks(db, "write_prepared") >= k)
    assert_sound(db)
    assert decision_rows(db) == before
    finish(batch, db, tmp_path, slow=True)
    assert marks(db, "write_prepared") == N
    assert decision_rows(db) == before
    # Nothing was suggested again: the same rows, ids and times included.
    assert table(db, "SELECT * FROM suggestions ORDER BY id") == suggestions_before
    assert_complete(db, clean)
    with Store(db) as store:
        now = [stored_decisions.confirmed(store, RUBRIC, sid) for sid in (first, second)]
        assert now == confirmed
        # still all decided but the judged points
        assert [p.id for p in stored_suggestions.pending(store, RUBRIC, first)] == left_first


# ---- 2. two writers on one store at the same moment ---------------------------------------------


def race(db: Path, *jobs: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Start one spawned writer per job, release them together once all are ready (a barrier),
    return what each reported, in the order they ended."""
    begin, out = SPAWN.Barrier(len(jobs)), SPAWN.Queue()
    workers = [SPAWN.Process(target=record_at_once, args=(str(db), job.pop("reviewer"), begin,
                                                          out), kwargs=job) for job in jobs]
    for worker in workers:
        worker.start()
    reports = [out.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(30)
    assert [w.exitcode for w in workers] == [0] * len(workers)
    return sorted(reports, key=lambda report: report[2])  # by the time each ended


def reviewer_ids(db: Path, reviewer: str) -> list[int]:
    return [r[0] for r in table(db, f"SELECT id FROM decisions WHERE reviewer = '{reviewer}' "
                                    "ORDER BY id")]


def test_two_imports_in_one_transaction_each_both_apply_one_after_the_other(
        clean: Path, tmp_path: Path) -> None:
    db = copy_db(clean, tmp_path / "intake.db")
    total = scalar(db, "SELECT COUNT(*) FROM suggestions")
    first, second = race(db, {"reviewer": "张三", "hold": 0.6}, {"reviewer": "李四", "hold": 0.6})
    assert first[3:] == ("ok", str(total)) and second[3:] == ("ok", str(total))
    # Both began before either ended: the second waited for the first's write lock, then applied.
    assert second[1] < first[2]
    assert second[2] - first[2] >= 0.5
    assert scalar(db, "SELECT COUNT(*) FROM decisions") == 2 * total
    for reviewer in ("张三", "李四"):
        ids = reviewer_ids(db, reviewer)
        assert len(ids) == total
        assert ids == list(range(ids[0], ids[0] + total))  # one transaction: one unbroken run
    assert_sound(db)


def test_two_reviewers_in_many_small_transactions_lose_nothing(clean: Path,
                                                               tmp_path: Path) -> None:
    db = copy_db(clean, tmp_path / "intake.db")
    each = 120
    reports = race(db, {"reviewer": "张三", "each": True, "limit": each},
                   {"reviewer": "李四", "each": True, "limit": each})
    assert [r[3:] for r in reports] == [("ok", str(each))] * 2
    assert scalar(db, "SELECT COUNT(*) FROM decisions") == 2 * each
    for reviewer in ("张三", "李四"):
        assert len(reviewer_ids(db, reviewer)) == each
    # Both decided the same suggestions; each reviewer's decision on each is there once.
    assert table(db, "SELECT suggestion_id, reviewer, COUNT(*) FROM decisions GROUP BY 1, 2 "
                     "HAVING COUNT(*) > 1") == []
    assert_sound(db)


def test_a_writer_that_cannot_get_the_lock_fails_with_a_plain_message(clean: Path,
                                                                      tmp_path: Path) -> None:
    db = copy_db(clean, tmp_path / "intake.db")
    total = scalar(db, "SELECT COUNT(*) FROM suggestions")
    with opened(db) as holder:  # another process's import holding the write lock
        holder.isolation_level = None
        holder.execute("BEGIN IMMEDIATE")
        [report] = race(db, {"reviewer": "张三", "timeout": 0.3})
        holder.execute("ROLLBACK")
    assert report[3] == "StoreError"
    assert "正被另一个进程写入" in report[4] and str(db) in report[4]
    assert "本次未写入任何内容" in report[4]
    assert scalar(db, "SELECT COUNT(*) FROM decisions") == 0  # all or nothing: nothing

    [report] = race(db, {"reviewer": "张三", "timeout": 0.3})  # tried again: it applies
    assert report[3:] == ("ok", str(total))


def test_store_busy_is_a_store_error_in_process(clean: Path, tmp_path: Path) -> None:
    db = copy_db(clean, tmp_path / "intake.db")
    with Store(db) as holder, Store(db, timeout=0.1) as other, holder.transaction(), \
            pytest.raises(StoreError, match="database is locked"):
        other.write(lambda connection: connection.execute("DELETE FROM metrics"))


def test_two_review_imports_from_the_command_line_wait_and_both_apply(
        clean: Path, tmp_path: Path) -> None:
    """`intake review import` twice at once while a third writer holds the lock: both wait for
    it, then both apply; neither prints a traceback."""
    db = copy_db(clean, tmp_path / "intake.db")
    book = tmp_path / "review.xlsx"
    with Store(db) as store:
        rows = review_excel.export(store, load_rubric(RUBRIC), book)
    workbook = load_workbook(book)
    sheet = workbook[review_excel.SHEET]
    for row in range(2, rows + 2):
        sheet.cell(row=row, column=review_excel.COL["决定"], value="接受")
    copies = [tmp_path / "张三.xlsx", tmp_path / "李四.xlsx"]
    for copy in copies:
        workbook.save(copy)

    with opened(db) as holder:
        holder.isolation_level = None
        holder.execute("BEGIN IMMEDIATE")
        imports = [subprocess.Popen(intake_command("review", "import", str(copy), "--reviewer",
                                                   copy.stem, "--db", str(db)),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                   for copy in copies]
        time.sleep(2.5)
        assert [p.poll() for p in imports] == [None, None]  # both wait for the lock
        holder.execute("ROLLBACK")
    for process, copy in zip(imports, copies, strict=True):
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err.decode(errors="replace")
        assert b"Traceback" not in err
        assert f"已导入 {rows} 条决定（复核人 {copy.stem}）" in out.decode()
    assert scalar(db, "SELECT COUNT(*) FROM decisions") == 2 * rows
    for copy in copies:
        assert len(reviewer_ids(db, copy.stem)) == rows


# ---- 3. atomic writes of reports and exports -------------------------------------------------


def leftovers(target: Path) -> list[str]:
    """Files beside the target other than it: at most write_atomic's own temporary file."""
    others = sorted(p.name for p in target.parent.iterdir() if p != target)
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[^/]+\.tmp")
    assert all(pattern.fullmatch(name) for name in others), others
    assert len(others) <= 1, others
    return others


def killed(target: Callable[..., None], *args: Any, ready: Any) -> None:
    """Run target in a forked child, SIGKILL it once it signals `ready`."""
    child = FORK.Process(target=target, args=args)
    child.start()
    try:
        assert ready.wait(30), "the child never reached the point to kill it at"
        assert child.exitcode is None
        os.kill(child.pid or 0, signal.SIGKILL)
    finally:
        child.join(10)
    assert child.exitcode == -signal.SIGKILL


@pytest.mark.parametrize("old", [b"old report\n" * 1000, None], ids=["replacing", "new"])
def test_write_atomic_killed_half_way_leaves_the_old_file(old: bytes | None,
                                                          tmp_path: Path) -> None:
    target = tmp_path / "out" / "汇总表.json"
    target.parent.mkdir()
    if old is not None:
        target.write_bytes(old)
    payload = os.urandom(4 << 20)
    ready = FORK.Event()
    killed(stall_mid_write, str(target), payload, ready, ready=ready)
    [temp] = leftovers(target)  # the half-written temporary file, never under the target's name
    assert (target.parent / temp).stat().st_size == len(payload) // 2
    if old is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == old
    write_atomic(target, payload)  # the next write succeeds despite the stale temporary file
    assert target.read_bytes() == payload


def test_write_atomic_killed_at_random_moments_is_old_or_new(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    payloads = [b"a" * (3 << 20), b"b" * (5 << 20)]
    target.write_bytes(b"old")
    rng = random.Random()
    for _ in range(6):
        started = FORK.Event()
        child = FORK.Process(target=write_forever, args=(str(target), payloads, started))
        child.start()
        assert started.wait(30)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(10)
        assert target.read_bytes() in (b"old", *payloads)
        leftovers(target)
        for stale in target.parent.glob(f".{target.name}.*.tmp"):
            stale.unlink()


def test_write_atomic_failing_leaves_no_temporary_file(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new" * 1000)
    assert target.read_bytes() == b"old"
    assert leftovers(target) == []


def _export_review(db: str, target: str, ready: Any) -> None:
    stall_at_fsync(ready)
    with Store(Path(db)) as store:
        review_excel.export(store, load_rubric(RUBRIC), Path(target))


def _write_summary(db: str, target: str, ready: Any) -> None:
    stall_at_fsync(ready)
    with Store(Path(db)) as store:
        rubric = load_rubric(RUBRIC)
        report_xlsx.write_summary(scoring.score_store(store, rubric), rubric, Path(target))


def _emit_output(db: str, target: str, ready: Any) -> None:
    stall_at_fsync(ready)
    emit('{"rows": []}', Path(target))


@pytest.mark.parametrize("writer", [_export_review, _write_summary, _emit_output],
                         ids=["review-export", "summary-xlsx", "json-output"])
def test_exports_and_reports_killed_before_the_rename_leave_the_old_file(
        writer: Callable[[str, str, Any], None], clean: Path, tmp_path: Path) -> None:
    """Each exporter goes through write_atomic: killed once the new file is complete but not yet
    renamed, the target still holds the previous export."""
    db = copy_db(clean, tmp_path / "intake.db")
    target = tmp_path / "out" / "export.bin"
    target.parent.mkdir()
    target.write_bytes(b"previous export")
    ready = FORK.Event()
    killed(writer, str(db), str(target), ready, ready=ready)
    assert target.read_bytes() == b"previous export"
    leftovers(target)
