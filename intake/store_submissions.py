"""SQL of submission identity: each folder is its own submission, even when its files are
byte-identical to another folder's.

A submission is keyed by its folder (relative to the batch folder given to `intake run`, so the
same batch run from another working folder or as an absolute path is the same) and its content
(the hash of its files' names and bytes, `store.submission_id`). Re-running a batch therefore
finds every submission again (idempotent), and 300 folders holding one package stay 300
submissions, which `duplicate_groups` then reports. Stores made before this keyed submissions by
content alone (their id is the content hash, their path the folder last seen with it): the
folder of that name adopts such a row, so its decisions stay with it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import PurePath

from intake.store import Store


def folder_content_id(folder: str, content: str) -> str:
    return hashlib.sha256(f"{folder}\0{content}".encode()).hexdigest()


def claim_id(db: sqlite3.Connection, folder: str, content: str) -> str:
    """The id of the submission in `folder` with this content: the stored one, a legacy
    content-keyed row no folder has claimed yet, or a new id (`record_claim` once it is in)."""
    found = db.execute("SELECT submission_id FROM submission_folders WHERE folder = ? AND "
                       "content = ?", (folder, content)).fetchone()
    if found:
        return str(found[0])
    legacy = db.execute("SELECT path FROM submissions s WHERE s.id = ? AND NOT EXISTS (SELECT 1 "
                        "FROM submission_folders f WHERE f.submission_id = s.id)",
                        (content,)).fetchone()
    if legacy and PurePath(legacy[0]).name == PurePath(folder).name:
        return content
    return folder_content_id(folder, content)


def record_claim(db: sqlite3.Connection, sid: str, folder: str, content: str) -> None:
    db.execute("INSERT INTO submission_folders (submission_id, folder, content) VALUES (?, ?, ?) "
               "ON CONFLICT DO NOTHING", (sid, folder, content))


def duplicate_groups(store: Store) -> list[list[tuple[str, str]]]:
    """Submissions whose files are byte-identical, as (id, path) lists ordered by path."""
    rows = store.query(
        "SELECT f.content, s.id, s.path FROM submission_folders f JOIN submissions s ON "
        "s.id = f.submission_id WHERE f.content IN (SELECT content FROM submission_folders "
        "GROUP BY content HAVING COUNT(*) > 1) ORDER BY f.content, s.path, s.id")
    groups: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        groups.setdefault(row["content"], []).append((row["id"], row["path"]))
    return list(groups.values())
