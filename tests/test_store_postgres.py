"""A shared PostgreSQL store under load, as a panel and several machines use it: twenty processes
recording decisions at once, and two shards of one batch extracted at the same time."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from intake.catalog import load_rubric
from intake.review import decisions
from intake.screen.batch import Shard, discover
from intake.store import Store
from intake.store.decisions import Decided, Decision
from intake.store.suggestions import pending
from tests.support.batch import RUBRIC, write_batch
from tests.support.postgres import fresh_database


def _record_all(url: str, reviewer: str) -> None:
    rubric = load_rubric(RUBRIC)
    with Store(url) as store:
        for item in pending(store, RUBRIC, pending_only=False):
            decisions.record(store, rubric, reviewer, [Decision(
                suggestion_id=item.id, action="no_evidence", decided=Decided())], "terminal")


def test_twenty_reviewers_recording_at_once_lose_and_duplicate_nothing(
        postgres_server: str, pg_template: str) -> None:
    url = fresh_database(postgres_server, "load20", pg_template)
    with Store(url) as store:
        suggestions = len(pending(store, RUBRIC, pending_only=False))
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_record_all, args=(url, f"专家{i:02d}")) for i in range(20)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [w.exitcode for w in workers] == [0] * 20
    with Store(url) as store:
        rows = store.query("SELECT reviewer, suggestion_id FROM decisions")
    assert len(rows) == 20 * suggestions
    assert len({(r["reviewer"], r["suggestion_id"]) for r in rows}) == 20 * suggestions


def _intake(*args: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from intake.cli import main; main()", *args]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "200"})


def _dump(url: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with Store(url) as store:
        subs = store.query("SELECT id, path, kind FROM submissions ORDER BY id")
        made = store.query("SELECT submission_id, target, key, status, body FROM suggestions "
                           "ORDER BY submission_id, target, key")
    return [tuple(r) for r in subs], [tuple(r) for r in made]


def test_two_shards_at_once_give_the_store_of_one_run(postgres_server: str,
                                                      tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    parts = [sum(Shard(i, 2).holds(s) for s in discover([batch])) for i in (1, 2)]
    assert sorted(parts) == [1, 2]  # both shards have work: the race is real
    whole = fresh_database(postgres_server, "whole")
    shared = fresh_database(postgres_server, "sharded")
    one = _intake("run", str(batch), "--rubric", RUBRIC, "--db", whole, "--jobs", "1")
    assert one.wait(timeout=300) == 0, one.stderr.read().decode() if one.stderr else ""
    Store(shared).close()  # migrated once, so the two shards race only on their rows
    shards = [_intake("run", str(batch), "--rubric", RUBRIC, "--db", shared, "--jobs", "1",
                      "--shard", f"{i}/2") for i in (1, 2)]
    for shard in shards:
        assert shard.wait(timeout=300) == 0, shard.stderr.read().decode() if shard.stderr else ""
    assert _dump(shared) == _dump(whole)
    assert len(_dump(whole)[0]) == 3
