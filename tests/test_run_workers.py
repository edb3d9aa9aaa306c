"""`intake run --extractor rules` prepares each submission in a worker (issue 21): a file that
hangs or kills its worker is `unreadable` alone, its submission is still stored with its other
documents and suggested for; a worker that dies after the reads costs nothing but time; a run that
resumes extracts only what it had not."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import extractors.read
from extractors.facts.base import get_extractor
from extractors.facts.models import ExtractionResult
from intake.run.pipeline import run_batch
from intake.store import Store
from intake.store.findings import stored_findings
from intake.store.submissions import documents, submission_paths
from tests.support.batch import RUBRIC, UNITS, RecordingExtractor, write_batch
from tests.support.files import form_pdf

PARENT = os.getpid()


@dataclass
class DiesInWorkers:
    """The rules extractor, except that a worker process running it dies at once."""

    name: str = "rules"

    def suggest(self, submission: Any, rubric: Any) -> ExtractionResult:
        if os.getpid() != PARENT:
            os._exit(3)
        return get_extractor("rules").suggest(submission, rubric)


def _by_name(store: Store) -> dict[str, str]:
    return {Path(path).name: sid for sid, path in submission_paths(store)}


def _suggestions(db: Path) -> list[tuple[str, str, str, str]]:
    with Store(db) as store:
        rows = store.query("SELECT sub.path, s.target, s.key, s.body FROM suggestions s JOIN "
                           "submissions sub ON sub.id = s.submission_id ORDER BY 1, 2, 3")
    return [(Path(r[0]).name, r[1], r[2], r[3]) for r in rows]


@pytest.fixture
def bad_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test batch, with two PDFs in 石家庄's folder that hang their reader and one in 保定's
    that kills its worker; the real workers are forked after the patch."""
    batch = write_batch(tmp_path)
    for name in ("附件一.pdf", "附件二.pdf"):
        form_pdf(batch / "石家庄开放大学" / name)
    form_pdf(batch / "保定开放大学" / "附件.pdf")
    real = extractors.read.read_pdf

    def bad(path: Path, *options: object) -> object:
        if path.name.startswith("附件一") or path.name.startswith("附件二"):
            time.sleep(60)
        if path.name == "附件.pdf":
            os._exit(9)
        return real(path, *options)

    monkeypatch.setattr(extractors.read, "read_pdf", bad)
    return batch


def test_bad_files_are_unreadable_alone_and_their_submissions_are_stored(bad_batch: Path,
                                                                         tmp_path: Path) -> None:
    started = time.monotonic()
    with Store(tmp_path / "bad.db") as store:
        run = run_batch([bad_batch], RUBRIC, store, extractor=get_extractor("rules"), jobs=2,
                        timeout=1)
        elapsed = time.monotonic() - started
        assert {Path(s.path).name for s in run.submissions} == {u.folder for u in UNITS}
        assert run.extracted == len(UNITS)  # suggested for, bad files and all
        ids = _by_name(store)
        for name, bad in {"石家庄开放大学": {"附件一.pdf": "timed out",
                                             "附件二.pdf": "timed out"},
                          "保定开放大学": {"附件.pdf": "reader crashed"}}.items():
            unreadable = {Path(f.document or "").name: f.message
                          for f in stored_findings(store, ids[name]) if f.code == "unreadable"}
            assert set(unreadable) == set(bad)
            assert all(why in unreadable[file] for file, why in bad.items())
            # The submission's other documents were read and stored with their texts.
            kept = documents(store, ids[name])
            assert {Path(d.path).name for d in kept} == {"申报表.docx", "事迹材料.docx"}
            assert all(d.text for d in kept)
    # Each hanging file had its own one-second limit, not a wait of 60 s.
    assert elapsed < 40


def test_a_worker_that_dies_after_the_reads_changes_nothing(tmp_path: Path) -> None:
    batch = write_batch(tmp_path)
    with Store(tmp_path / "clean.db") as store:
        run_batch([batch], RUBRIC, store, extractor=get_extractor("rules"), jobs=2)
    with Store(tmp_path / "died.db") as store:
        run = run_batch([batch], RUBRIC, store, extractor=DiesInWorkers(), jobs=2)
        assert run.extracted == len(UNITS)
        assert not [f for sid in _by_name(store).values() for f in stored_findings(store, sid)
                    if f.code == "unreadable"]
    assert _suggestions(tmp_path / "died.db") == _suggestions(tmp_path / "clean.db")


def test_a_resumed_run_extracts_only_what_it_had_not(tmp_path: Path) -> None:
    """A run stopped after two submissions, resumed on the whole batch: the third is extracted,
    the first two are not extracted again, and nothing is stored twice."""
    first = write_batch(tmp_path / "a", UNITS[:2])
    whole = write_batch(tmp_path / "b", UNITS)
    log = tmp_path / "calls.txt"
    with Store(tmp_path / "r.db") as store:
        run_batch([first], RUBRIC, store, extractor=RecordingExtractor(log), jobs=2)
    before = _suggestions(tmp_path / "r.db")
    log.unlink()
    # The same folders under another batch folder are the same submissions (folder_key).
    with Store(tmp_path / "r.db") as store:
        run = run_batch([whole], RUBRIC, store, extractor=RecordingExtractor(log), jobs=2)
        assert (run.extracted, run.reused) == (1, 2)
        assert len(store.query("SELECT id FROM submissions")) == len(UNITS)
    assert len(log.read_text().split()) == 1
    after = _suggestions(tmp_path / "r.db")
    assert [s for s in after if s[0] != UNITS[2].folder] == before
    with Store(tmp_path / "clean.db") as store:
        run_batch([whole], RUBRIC, store, extractor=get_extractor("rules"), jobs=2)
    # The same facts and items as a run never stopped (citations name the first batch folder).
    assert [s[:3] for s in after] == [s[:3] for s in _suggestions(tmp_path / "clean.db")]
