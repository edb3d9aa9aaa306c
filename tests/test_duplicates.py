"""Issue 12, case 6: byte-identical packages under different folders stay one submission each,
are all stored, scored and listed, and each copy is a `duplicate_submission` finding naming the
folder it duplicates; re-running the batch (from anywhere) stores nothing twice."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.store import Store
from intake.store import submissions as stored_submissions
from tests.support.batch import UNITS, judge_rest, write_batch

RUBRIC = "hebei-ou-2024-collective"
COPIES = 40


def intake(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def copies_batch(root: Path) -> Path:
    """UNITS[0]'s package in COPIES folders, and one other unit."""
    batch = write_batch(root, UNITS[:2])
    original = batch / UNITS[0].folder
    for n in range(1, COPIES):
        shutil.copytree(original, batch / f"副本{n:03d}")
    return batch


def count(db: Path, sql: str) -> int:
    with Store(db) as store:
        return int(store.query(sql)[0][0])


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    root = tmp_path_factory.mktemp("dup")
    batch = copies_batch(root)
    db = root / "intake.db"
    run = json.loads(intake("run", str(batch), "--rubric", RUBRIC, "--db", str(db),
                            "--format", "json", "--jobs", "1"))
    return batch, db, run


def judged_by_panel(db: Path) -> None:
    """The items a bulk acceptance leaves to the panel's points, given (tests.support.batch)."""
    with Store(db) as store:
        judge_rest(store, load_rubric(RUBRIC), "张老师")


def test_every_copy_is_a_submission_of_its_own(stored: tuple[Path, Path, dict]) -> None:
    _, db, run = stored
    assert len(run["submissions"]) == COPIES + 1
    assert count(db, "SELECT COUNT(*) FROM submissions") == COPIES + 1
    assert count(db, "SELECT COUNT(DISTINCT path) FROM submissions") == COPIES + 1
    intake("review", "--accept-all", "--reviewer", "张老师", "--db", str(db))
    judged_by_panel(db)
    report = json.loads(intake("score", "--format", "json", "--db", str(db)))
    folders = sorted(Path(u["path"]).name for u in report["units"])
    assert folders == sorted([u.folder for u in UNITS[:2]]
                             + [f"副本{n:03d}" for n in range(1, COPIES)])
    assert all(u["status"] == "scored" for u in report["units"])


def test_each_copy_is_named_with_the_folder_it_duplicates(stored: tuple[Path, Path, dict]) -> None:
    batch, db, _ = stored
    report = json.loads(intake("score", "--format", "json", "--db", str(db)))
    ids = {Path(u["path"]).name: u["submission"] for u in report["units"]}
    found = [f for f in report["findings"] if f["code"] == "duplicate_submission"]
    assert len(found) == COPIES - 1
    first = min(f"副本{n:03d}" for n in range(1, COPIES))  # 副本001 sorts before 石家庄…
    first = min(first, UNITS[0].folder, key=lambda name: str(batch / name))
    assert {tuple(f["submissions"]) for f in found} == {
        (ids[name], ids[first]) for name in ids if name not in (first, UNITS[1].folder)}
    assert all(f["level"] == "warning" and first in f["message"] for f in found)
    assert UNITS[1].folder not in json.dumps(found, ensure_ascii=False)


def test_re_running_from_elsewhere_stores_nothing_twice(stored: tuple[Path, Path, dict],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    batch, db, _ = stored
    suggestions = count(db, "SELECT COUNT(*) FROM suggestions")
    monkeypatch.chdir(batch.parent)
    intake("run", "batch", "--rubric", RUBRIC, "--db", str(db), "--jobs", "1")
    intake("run", str(batch.resolve()), "--rubric", RUBRIC, "--db", str(db), "--jobs", "1")
    assert count(db, "SELECT COUNT(*) FROM submissions") == COPIES + 1
    assert count(db, "SELECT COUNT(*) FROM suggestions") == suggestions


def test_a_store_keyed_by_content_alone_keeps_its_decisions(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store written before folders were part of the key (id = content hash, no folder row):
    the next run adopts its rows, so their decisions still count."""
    batch = write_batch(tmp_path, UNITS[:2])
    db = tmp_path / "old.db"
    with monkeypatch.context() as old:
        old.setattr(stored_submissions, "claim_id", lambda db, folder, content: content)
        old.setattr(stored_submissions, "record_claim", lambda *args: None)
        intake("run", str(batch), "--rubric", RUBRIC, "--db", str(db), "--jobs", "1")
    intake("review", "--accept-all", "--reviewer", "张老师", "--db", str(db))
    judged_by_panel(db)
    shutil.copytree(batch / UNITS[0].folder, batch / "副本")
    intake("run", str(batch), "--rubric", RUBRIC, "--db", str(db), "--jobs", "1")
    assert count(db, "SELECT COUNT(*) FROM submissions") == 3
    report = json.loads(intake("score", "--format", "json", "--db", str(db)))
    status = {Path(u["path"]).name: u["status"] for u in report["units"]}
    assert status == {UNITS[0].folder: "scored", UNITS[1].folder: "scored", "副本": "pending"}
    assert [f["code"] for f in report["findings"]].count("duplicate_submission") == 1
