"""What keeps score, report and review export linear in the batch (issue 21): decision lookups
use an index, a submission filter does not defeat it, the HTML report syncs the disk once, and
the review workbook's validations are written as ranges, not cell by cell."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intake.present import report_html
from intake.review.excel import _runs
from intake.score.scoring import score_store
from intake.store import Store
from intake.store.decisions import audit_log
from intake.store.suggestions import pending as suggestions


def _plan(store: Store, sql: str, args: tuple[object, ...]) -> str:
    return " | ".join(row["detail"] for row in store.query("EXPLAIN QUERY PLAN " + sql, args))


def test_decisions_of_a_suggestion_are_found_through_the_index(store: Store) -> None:
    plan = _plan(store, "SELECT s.id FROM suggestions s WHERE EXISTS (SELECT 1 FROM decisions d "
                 "WHERE d.submission_id = s.submission_id AND d.rubric = s.rubric AND "
                 "d.target = s.target AND d.key = s.key)", ())
    assert "decisions_by_key" in plan and "SCAN d" not in plan


def test_one_submissions_suggestions_and_log_do_not_scan_every_row(store: Store,
                                                                   monkeypatch: pytest.MonkeyPatch
                                                                   ) -> None:
    seen: list[tuple[str, tuple[object, ...]]] = []
    real = store.query

    def recording(sql: str, args: tuple[object, ...] = ()) -> list:  # type: ignore[type-arg]
        seen.append((sql, args))
        return real(sql, args)

    monkeypatch.setattr(store, "query", recording)
    [first] = store.query("SELECT id, path FROM submissions ORDER BY path LIMIT 1")
    by_id = suggestions(store, "hebei-ou-2024-collective", first["id"], pending_only=False)
    by_path = suggestions(store, "hebei-ou-2024-collective", first["path"], pending_only=False)
    assert by_id == by_path and by_id and {p.submission for p in by_id} == {first["id"]}
    audit_log(store, "hebei-ou-2024-collective", first["id"])
    for sql, args in seen[1:]:
        plan = _plan(store, sql, args)
        assert "SCAN s " not in plan + " " and "SCAN d " not in plan + " ", (sql, plan)
        assert "IS NULL" not in sql


def test_html_report_syncs_once_not_once_per_page(store: Store, rubric: object, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    report = score_store(store, rubric)  # type: ignore[arg-type]
    calls = {"fsync": 0, "sync": 0, "item_ids": 0}
    real_fsync, real_item_ids = os.fsync, report_html.item_ids

    def fsync(fd: int) -> None:
        calls["fsync"] += 1
        real_fsync(fd)

    def sync() -> None:
        calls["sync"] += 1

    def item_ids(*args: object) -> list[str]:
        calls["item_ids"] += 1
        return real_item_ids(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "sync", sync)
    monkeypatch.setattr(report_html, "item_ids", item_ids)
    index = report_html.write_html(store, rubric, report, tmp_path / "html")  # type: ignore[arg-type]
    pages = list((tmp_path / "html").rglob("*.html"))
    assert index.is_file() and len(pages) == len(report.rows) + 1 >= 4
    # the index's one sync; the pages' one; the items (and the batch's issues, names and
    # overlaps) gathered once for the index and every page
    assert calls == {"fsync": 1, "sync": 1, "item_ids": 1}


def test_validation_ranges_join_consecutive_rows() -> None:
    assert _runs("O", [2, 3, 4, 7, 9, 10]) == "O2:O4 O7 O9:O10"
    assert _runs("Q", [5]) == "Q5"
