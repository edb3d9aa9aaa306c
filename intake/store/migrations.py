"""The store's schema as named migrations, applied in order by `Store.migrate`.

A shipped migration is never edited (existing store files must still open and migrate); a change
to the schema is a new migration appended at the end.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "001_documents_submissions_findings",
        """
        CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY,
            format TEXT NOT NULL,
            pages INTEGER,
            text TEXT NOT NULL,
            body TEXT NOT NULL,               -- the Document model as JSON
            form TEXT NOT NULL,               -- the recognised Form as JSON
            read_at TEXT NOT NULL
        );
        CREATE TABLE submissions (
            id TEXT PRIMARY KEY,              -- sha256 over its documents' hashes and names
            path TEXT NOT NULL,
            kind TEXT NOT NULL,
            checked TEXT NOT NULL,            -- the CheckedSubmission as JSON (without texts)
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE TABLE submission_documents (
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            sha256 TEXT NOT NULL REFERENCES documents(sha256),
            path TEXT NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY (submission_id, path)
        );
        CREATE TABLE findings (
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            stage TEXT NOT NULL,              -- check | extract
            code TEXT NOT NULL,
            level TEXT NOT NULL,
            field TEXT,
            document TEXT,
            message TEXT NOT NULL,
            body TEXT NOT NULL
        );
        CREATE INDEX findings_by_submission ON findings(submission_id, stage);
        """,
    ),
    (
        "002_suggestions_llm",
        """
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            rubric TEXT NOT NULL,
            target TEXT NOT NULL,             -- fact | item
            key TEXT NOT NULL,
            extractor TEXT NOT NULL,
            model TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,             -- suggested | no_evidence | ungrounded
            body TEXT NOT NULL,               -- the Suggestion as JSON
            created_at TEXT NOT NULL,
            UNIQUE (submission_id, rubric, target, key, extractor, model)
        );
        CREATE TABLE llm_cache (
            key TEXT PRIMARY KEY,             -- sha256 of model, prompt version, input hash
            model TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            response TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE llm_calls (
            id INTEGER PRIMARY KEY,
            model TEXT NOT NULL,
            prompt_version TEXT NOT NULL,
            submission_id TEXT,
            cached INTEGER NOT NULL,
            input_tokens INTEGER,
            output_tokens INTEGER,
            seconds REAL,
            error TEXT,
            created_at TEXT NOT NULL
        );
        """,
    ),
    (
        "003_decisions_append_only",
        """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            suggestion_id INTEGER NOT NULL REFERENCES suggestions(id),
            submission_id TEXT NOT NULL,
            rubric TEXT NOT NULL,
            target TEXT NOT NULL,
            key TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            action TEXT NOT NULL,             -- accept | override | no_evidence | bulk_accept
            suggested TEXT NOT NULL,          -- JSON of the suggested value/points
            decided TEXT NOT NULL,            -- JSON of the decided value/points
            reason TEXT,
            source TEXT NOT NULL,             -- terminal | excel | accept_all
            decided_at TEXT NOT NULL
        );
        CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
            BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
            BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
        """,
    ),
    (
        "004_metrics_runs",
        """
        CREATE TABLE metrics (
            unit TEXT NOT NULL,
            metric TEXT NOT NULL,
            value REAL NOT NULL,
            source TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (unit, metric)
        );
        CREATE TABLE file_states (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            state TEXT NOT NULL               -- parsed | extracted
        );
        """,
    ),
    (
        "005_llm_calls_method",
        """
        ALTER TABLE llm_calls ADD COLUMN method TEXT;     -- the output method that answered
        ALTER TABLE llm_calls ADD COLUMN fallbacks TEXT;  -- methods rejected, repairs, one a line
        """,
    ),
    (
        # the passage index of `intake ask` (intake/store/passages.py); needs SQLite ≥ 3.34 with
        # FTS5's trigram tokenizer
        "006_passages_fts_trigram",
        """
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL REFERENCES documents(sha256),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,               -- documents.text[start:end]
            location TEXT NOT NULL            -- the Location as JSON
        );
        CREATE INDEX passages_by_document ON passages(sha256);
        CREATE TABLE indexed_documents (
            sha256 TEXT PRIMARY KEY REFERENCES documents(sha256),
            version INTEGER NOT NULL,
            passages INTEGER NOT NULL,
            indexed_at TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE passages_fts USING fts5(
            text, content='passages', content_rowid='id', tokenize='trigram');
        """,
    ),
    (
        # suggestions(), audit_log(), confirmed() and pending_count() look decisions up per
        # submission and per suggestion: without an index each lookup scanned the table
        # (report at 5 000 submissions: 527 → 292 s, score 42.7 → 6.8 s, same output).
        "007_decision_and_path_indexes",
        """
        CREATE INDEX decisions_by_key ON decisions(submission_id, rubric, target, key);
        CREATE INDEX submissions_by_path ON submissions(path);
        """,
    ),
]
