"""`intake run --extractor rules` extracts in worker processes (issue 21), never in the parent,
with the same suggestions whatever the number of workers."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from intake.run.pipeline import run_batch
from intake.store import Store
from tests.support.batch import RUBRIC, UNITS, RecordingExtractor, write_batch


def _suggestions(db: Path) -> list[tuple[str, str, str, str]]:
    with Store(db) as store:
        rows = store.query("SELECT sub.path, s.target, s.key, s.body FROM suggestions s JOIN "
                           "submissions sub ON sub.id = s.submission_id ORDER BY 1, 2, 3")
    return [(Path(r[0]).name, r[1], r[2], r[3]) for r in rows]


def test_workers_extract_the_same_suggestions(tmp_path: Path) -> None:
    units = [replace(u, folder=f"{u.folder}{i}", name=f"{u.name}{i}") for i in range(3)
             for u in UNITS]
    batch = write_batch(tmp_path, units)
    results = {}
    for jobs in (1, 2):
        log = tmp_path / f"pids{jobs}.txt"
        with Store(tmp_path / f"j{jobs}.db") as store:
            run = run_batch([batch], RUBRIC, store, extractor=RecordingExtractor(log), jobs=jobs)
        assert run.extracted == len(units)
        results[jobs] = _suggestions(tmp_path / f"j{jobs}.db")
        pids = set(log.read_text().split())
        assert str(os.getpid()) not in pids  # the parent only writes
        assert len(pids) >= jobs
    assert results[1] == results[2] and len(results[1]) > 20
