"""Suggestions in the store: what an extractor made of each fact and item of a submission.

A suggestion is kept once per (submission, rubric, target, key, extractor, model), so a re-run adds
nothing. A suggestion counts as decided once any decision exists on its fact or item, whichever
extractor made it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from extractors.facts.models import Suggestion
from extractors.findings import Finding
from intake.store.connection import Session, Store, now
from intake.store.findings import FindingRow, finding_rows, replace_finding_rows
from intake.store.panel import panel_active
from rubric.strict import Strict


class Pending(Strict):
    """A suggestion with its place: what a reviewer is asked to decide on."""

    id: int
    submission: str
    path: str
    suggestion: Suggestion
    decided: bool = False


# A suggestion as its row without the submission: (target, key, extractor, model, status,
# body JSON). Built where the suggestion is made (a worker of `intake run`), written here.
SuggestionRow = tuple[str, str, str, str, str, str]


def has_suggestions(store: Store, sid: str, rubric_id: str, extractor: str, model: str) -> bool:
    rows = store.query("SELECT 1 FROM suggestions WHERE submission_id = ? AND rubric = ? AND "
                       "extractor = ? AND model = ? LIMIT 1", (sid, rubric_id, extractor, model))
    return bool(rows)


def suggested(db: Session, sid: str, rubric_id: str, extractor: str, model: str) -> bool:
    """Whether this extractor and model have made suggestions for the submission (inside a
    transaction: the answer holds until it ends)."""
    rows = db.execute("SELECT 1 FROM suggestions WHERE submission_id = ? AND rubric = ? AND "
                      "extractor = ? AND model = ? LIMIT 1", (sid, rubric_id, extractor, model))
    return rows.fetchone() is not None


def suggested_folders(store: Store, rubric_id: str, extractor: str,
                      model: str) -> set[tuple[str, str]]:
    """(folder, content) of every submission this extractor and model have made suggestions for:
    what a resumed `intake run` need not extract again."""
    rows = store.query("SELECT f.folder, f.content FROM submission_folders f WHERE EXISTS (SELECT "
                       "1 FROM suggestions s WHERE s.submission_id = f.submission_id AND "
                       "s.rubric = ? AND s.extractor = ? AND s.model = ?)",
                       (rubric_id, extractor, model))
    return {(r[0], r[1]) for r in rows}


def suggestion_rows(suggestions: Sequence[Suggestion]) -> tuple[SuggestionRow, ...]:
    return tuple((s.target, s.key, s.extractor, s.model or "", s.status, s.model_dump_json())
                 for s in suggestions)


def save_suggestions(store: Store, sid: str, rubric_id: str, suggestions: Sequence[Suggestion],
                     findings: Sequence[Finding]) -> None:
    """All suggestions and extraction findings of one submission, in one transaction."""
    rows, found = suggestion_rows(suggestions), finding_rows(findings)
    store.write(lambda db: write_suggestions(db, sid, rubric_id, rows, found))


def write_suggestions(db: Session, sid: str, rubric_id: str, rows: Sequence[SuggestionRow],
                      findings: Sequence[FindingRow]) -> None:
    """Inside a caller's transaction: a submission's suggestions (each once) and extraction
    findings."""
    stamp = now()
    db.executemany("INSERT INTO suggestions (submission_id, rubric, target, key, extractor, model, "
                   "status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT DO NOTHING", [(sid, rubric_id, *row, stamp) for row in rows])
    replace_finding_rows(db, sid, "extract", findings)


def load_suggestions(store: Store, sid: str, rubric_id: str) -> list[tuple[int, Suggestion]]:
    rows = store.query("SELECT id, body FROM suggestions WHERE submission_id = ? AND rubric = ? "
                       "ORDER BY target, key, id", (sid, rubric_id))
    return [(row["id"], Suggestion.model_validate_json(row["body"])) for row in rows]


def suggestions_by_id(store: Store, rubric_id: str, ids: Sequence[int]) -> dict[int, Suggestion]:
    """The rubric's suggestions among `ids`; ids that are not are left out."""
    wanted = sorted(set(ids))
    found: dict[int, Suggestion] = {}
    for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.query(f"SELECT id, body FROM suggestions WHERE rubric = ? AND id IN "
                               f"({marks})", (rubric_id, *chunk)):
            found[row["id"]] = Suggestion.model_validate_json(row["body"])
    return found


def rubric_ids(store: Store, submission: str | None = None) -> list[str]:
    """The rubrics the store holds suggestions of (for one submission, or any)."""
    where, params = ("WHERE submission_id = ?", (submission,)) if submission else ("", ())
    return [r["rubric"] for r in store.query(
        f"SELECT DISTINCT rubric FROM suggestions {where} ORDER BY rubric", params)]


def pending(store: Store, rubric_id: str, submission: str | None = None,
            pending_only: bool = True, reviewer: str | None = None) -> list[Pending]:
    """Suggestions in a stable order (submission path, facts before items, key), undecided first
    asked for; `pending_only=False` lists decided ones too (for going back). With `reviewer`
    and a review panel, only that expert's assignments, and decided means decided by them."""
    return list(iter_pending(store, rubric_id, submission, pending_only, reviewer))


def iter_pending(store: Store, rubric_id: str, submission: str | None = None,
                 pending_only: bool = True, reviewer: str | None = None) -> Iterator[Pending]:
    """`pending`, one suggestion at a time: an export or a bulk acceptance of thousands of
    submissions never holds every suggestion (citations and all) at once."""
    # Without a submission the filter is left out: "? IS NULL OR …" defeats the index, and
    # PostgreSQL cannot type a bare NULL parameter.
    panel = reviewer is not None and panel_active(store, rubric_id)
    by, by_args = (" AND d.reviewer = ?", [reviewer]) if panel else ("", [])
    mine, mine_args = ((" AND s.submission_id IN (SELECT submission_id FROM assignments "
                        "WHERE rubric = ? AND reviewer = ?)"), [rubric_id, reviewer]) \
        if panel else ("", [])
    # One submission by id or path as an id list: "s.submission_id = ? OR sub.path = ?" spans
    # two tables and keeps SQLite from using the index on suggestions(submission_id, …).
    one, one_args = ((" AND s.submission_id IN (SELECT id FROM submissions WHERE id = ? OR "
                      "path = ?)", [submission, submission]) if submission is not None
                     else ("", []))
    args = tuple([*by_args, rubric_id, *mine_args, *one_args])
    rows = store.stream(
        "SELECT s.id, s.submission_id, sub.path, s.body, EXISTS (SELECT 1 FROM decisions d "
        "WHERE d.submission_id = s.submission_id AND d.rubric = s.rubric AND d.target = s.target "
        f"AND d.key = s.key{by}) AS decided FROM suggestions s JOIN submissions sub ON "
        f"sub.id = s.submission_id WHERE s.rubric = ?{mine}{one} ORDER BY sub.path, s.target, "
        "s.key, s.id", args)
    for r in rows:
        if pending_only and r["decided"]:
            continue
        yield Pending(id=r["id"], submission=r["submission_id"], path=r["path"],
                      suggestion=Suggestion.model_validate_json(r["body"]),
                      decided=bool(r["decided"]))


def pending_count(store: Store, sid: str, rubric_id: str) -> int:
    """Facts and items of this submission that no reviewer has decided on yet."""
    rows = store.query(
        "SELECT COUNT(DISTINCT s.target || ':' || s.key) AS n FROM suggestions s WHERE "
        "s.submission_id = ? AND s.rubric = ? AND NOT EXISTS (SELECT 1 FROM decisions d WHERE "
        "d.submission_id = s.submission_id AND d.rubric = s.rubric AND d.target = s.target "
        "AND d.key = s.key)",
        (sid, rubric_id))
    return int(rows[0]["n"])


def asked(store: Store, rubric_id: str, sid: str) -> list[tuple[str, str]]:
    """(target, key) of every fact and item suggested for the submission."""
    rows = store.query("SELECT DISTINCT target, key FROM suggestions WHERE rubric = ? AND "
                       "submission_id = ? ORDER BY target, key", (rubric_id, sid))
    return [(r["target"], r["key"]) for r in rows]
