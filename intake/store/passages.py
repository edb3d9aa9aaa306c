"""The passage index for `intake ask` and `intake chat`, and every SQL statement they need.

Each stored document's visible text (Document.text: hidden spans are never in it) is cut into
passages — a paragraph, a table row, or a few sentences of a long paragraph — kept with their
offsets, so `documents.text[start:end] == passages.text` always holds. Passages are indexed by
SQLite FTS5 with the trigram tokenizer (external content: the text is stored once). Trigrams
cannot match a term of one or two characters, so `candidates` pairs MATCH for the trigrams of the
question with LIKE for its bigrams (intake.ask.terms says why). The tables are created by the
store's migration 006_passages_fts_trigram (intake/store/migrations.py). Which submissions and
rubrics there are to ask about comes from intake.store.submissions and intake.store.suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extractors.document import Block, Document, Location
from intake.store.connection import Record, Session, Store, now

# Bump when the way documents are cut into passages changes: documents indexed by another
# version are indexed again the next time they are asked about.
INDEX_VERSION = 1
MAX_PASSAGE = 160  # characters: a long paragraph is cut into runs of sentences about this long
SENTENCE_ENDS = "。！？；!?;\n"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    location: Location


@dataclass(frozen=True)
class Passage:
    """One indexed passage of one submission's document."""

    submission: str
    document: str  # the document's path as stored for the submission
    sha256: str
    start: int
    end: int
    text: str
    location: Location


# ---- cutting a document into passages ------------------------------------------------------


def spans(document: Document) -> list[Span]:
    """The passages of a document: table rows whole, long paragraphs cut at sentence ends."""
    out: list[Span] = []
    for group in _grouped(document.blocks):
        start, end = group[0].start, group[-1].end
        for piece_start, piece_end in _cut(document.text, start, end):
            out.append(Span(piece_start, piece_end, group[0].location))
    if not document.blocks and document.text.strip():
        out = [Span(s, e, Location()) for s, e in _cut(document.text, 0, len(document.text))]
    return out


def _grouped(blocks: Sequence[Block]) -> list[list[Block]]:
    """Consecutive cells of one table row stay together: "负责人" and its value are one passage."""
    groups: list[list[Block]] = []
    for block in blocks:
        last = groups[-1][-1] if groups else None
        if last is not None and _same_row(last, block):
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _same_row(a: Block, b: Block) -> bool:
    return (a.kind == b.kind == "cell" and a.location.table == b.location.table
            and a.location.row == b.location.row and a.location.table is not None)


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as runs of whole sentences of at most MAX_PASSAGE characters (a longer
    sentence is a run of its own), blanks trimmed off both ends of every run."""
    runs: list[tuple[int, int]] = []
    for sentence_start, sentence_end in _sentences(text, start, end):
        if runs and sentence_end - runs[-1][0] <= MAX_PASSAGE:
            runs[-1] = (runs[-1][0], sentence_end)
        else:
            runs.append((sentence_start, sentence_end))
    return [trimmed for run in runs if (trimmed := _trim(text, *run))]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    begin = start
    for index in range(start, end):
        if text[index] in SENTENCE_ENDS:
            out.append((begin, index + 1))
            begin = index + 1
    if begin < end:
        out.append((begin, end))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


# ---- writing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentPassages:
    """Where a document's passages are (start, end, location JSON), cut outside the store (in a
    worker of `intake run`); the passage texts are sliced from the document's text on writing."""

    sha256: str
    spans: tuple[tuple[int, int, str], ...]


def passage_spans(document: Document) -> DocumentPassages:
    return DocumentPassages(document.sha256, tuple(
        (span.start, span.end, span.location.model_dump_json()) for span in spans(document)))


def index_document(db: Session, document: Document) -> None:
    """(Re)index one stored document inside the caller's transaction."""
    if document.sha256:
        write_passages(db, passage_spans(document), document.text)


def write_passages(db: Session, passages: DocumentPassages, text: str) -> None:
    """(Re)index one document, cut beforehand, inside the caller's transaction: its passages in
    one statement and their FTS5 rows in another (a statement per row cost ~2 ms a document)."""
    sha256 = passages.sha256
    fts = db.dialect == "sqlite"  # PostgreSQL has no FTS5 table: its passages are found by LIKE
    if fts:
        db.execute("INSERT INTO passages_fts(passages_fts, rowid, text) SELECT 'delete', id, text "
                   "FROM passages WHERE sha256 = ?", (sha256,))
    db.execute("DELETE FROM passages WHERE sha256 = ?", (sha256,))
    db.executemany('INSERT INTO passages (sha256, start, "end", text, location) '
                   "VALUES (?, ?, ?, ?, ?)",
                   [(sha256, start, end, text[start:end], location)
                    for start, end, location in passages.spans])
    if fts and passages.spans:
        db.execute("INSERT INTO passages_fts(rowid, text) SELECT id, text FROM passages "
                   "WHERE sha256 = ?", (sha256,))
    db.execute("INSERT INTO indexed_documents VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE "
               "SET version = excluded.version, passages = excluded.passages, "
               "indexed_at = excluded.indexed_at",
               (sha256, INDEX_VERSION, len(passages.spans), now()))


def indexed(db: Session, hashes: Sequence[str]) -> set[str]:
    """Which of these documents this version of the index already holds."""
    if not hashes:
        return set()
    return {r[0] for r in db.execute(
        f"SELECT sha256 FROM indexed_documents WHERE version = ? AND sha256 IN "
        f"({','.join('?' * len(hashes))})", (INDEX_VERSION, *hashes))}


def index_documents(store: Store, documents: Iterable[Document]) -> None:
    """Index the documents not indexed by this version yet, in one transaction."""
    todo = {d.sha256: d for d in documents if d.sha256}
    if not todo:
        return
    with store.transaction() as db:
        done = indexed(db, list(todo))
        for sha256, document in todo.items():
            if sha256 not in done:
                index_document(db, document)


def ensure_indexed(store: Store, submissions: Sequence[str] | None = None) -> int:
    """Index the stored documents of these submissions (all: None) that are not indexed by this
    version yet, from the Document JSON kept in the store; stores made before the index existed
    work too. Returns how many documents were indexed."""
    rows = store.query(
        "SELECT DISTINCT d.sha256, d.body FROM documents d JOIN submission_documents sd "
        "ON sd.sha256 = d.sha256 LEFT JOIN indexed_documents i ON i.sha256 = d.sha256 "
        "WHERE (i.version IS NULL OR i.version != ?)" + _scope_sql("sd.submission_id",
                                                                   submissions),
        (INDEX_VERSION, *(submissions or ())))
    if rows:
        index_documents(store, (Document.model_validate_json(r["body"]) for r in rows))
    return len(rows)


def _scope_sql(column: str, submissions: Sequence[str] | None) -> str:
    if submissions is None:
        return ""
    return f" AND {column} IN ({','.join('?' * len(submissions))})" if submissions else \
        " AND 1 = 0"


# ---- reading -------------------------------------------------------------------------------


def candidates(store: Store, submissions: Sequence[str] | None, long_terms: Sequence[str],
               short_terms: Sequence[str]) -> list[Passage]:
    """Passages of these submissions (all: None) holding any long term (FTS5 trigram MATCH) or
    any short term (LIKE: trigrams cannot match one or two characters)."""
    if store.dialect != "sqlite":  # no FTS5: every trigram hit is also a LIKE hit
        long_terms, short_terms = (), [*long_terms, *short_terms]
    tests, params = _term_tests(long_terms, short_terms)
    if not tests:
        return []
    rows = store.query(
        "SELECT sd.submission_id, sd.path, p.sha256, p.start, p.\"end\", p.text, p.location "
        "FROM passages p JOIN submission_documents sd ON sd.sha256 = p.sha256 "
        f"WHERE ({' OR '.join(tests)})" + _scope_sql("sd.submission_id", submissions)
        + " ORDER BY sd.submission_id, sd.path, p.start",
        (*params, *(submissions or ())))
    return [_passage(r) for r in rows]


def _term_tests(long_terms: Sequence[str], short_terms: Sequence[str]) -> tuple[list[str], list]:
    tests: list[str] = []
    params: list[str] = []
    if long_terms:
        tests.append("p.id IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)")
        params.append(" OR ".join(_fts_string(t) for t in long_terms))
    for term in short_terms:
        tests.append("p.text LIKE ? ESCAPE '\\'")
        params.append(f"%{_like_escape(term)}%")
    return tests, params


def _fts_string(term: str) -> str:
    """A term as an FTS5 string: quoted, so query syntax in a question is never syntax."""
    return '"' + term.replace('"', '""') + '"'


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _passage(row: Record) -> Passage:
    return Passage(submission=row["submission_id"], document=row["path"], sha256=row["sha256"],
                   start=row["start"], end=row["end"], text=row["text"],
                   location=Location.model_validate_json(row["location"]))


def passage_count(store: Store, submissions: Sequence[str] | None) -> int:
    """How many passages the scope has (the N of the terms' inverse document frequency)."""
    rows = store.query(
        "SELECT COUNT(*) FROM passages p JOIN submission_documents sd ON sd.sha256 = p.sha256 "
        "WHERE 1 = 1" + _scope_sql("sd.submission_id", submissions), tuple(submissions or ()))
    return int(rows[0][0])


def document_texts(store: Store, hashes: Iterable[str]) -> dict[str, str]:
    """The visible texts of these documents, to check every citation against."""
    wanted = sorted(set(hashes))
    if not wanted:
        return {}
    rows = store.query(f"SELECT sha256, text FROM documents WHERE sha256 IN "
                       f"({','.join('?' * len(wanted))})", tuple(wanted))
    return {r["sha256"]: r["text"] for r in rows}


def submission_documents(store: Store, submission: str) -> list[Document]:
    """A submission's readable documents, deeds first (where quotes are looked for first)."""
    rows = store.query(
        "SELECT d.body, sd.role, sd.path FROM submission_documents sd JOIN documents d ON "
        "d.sha256 = sd.sha256 WHERE sd.submission_id = ? ORDER BY sd.role != 'deeds', sd.path",
        (submission,))
    documents = [Document.model_validate_json(r["body"]).model_copy(update={"path": r["path"]})
                 for r in rows]
    return [d for d in documents if d.text]


def suggestion_bodies(store: Store, rubric: str, target: str, key: str,
                      submissions: Sequence[str] | None) -> dict[str, list[str]]:
    """The stored suggestions (JSON) for one fact or item, per submission, newest last."""
    rows = store.query(
        "SELECT submission_id, body FROM suggestions WHERE rubric = ? AND target = ? AND key = ?"
        + _scope_sql("submission_id", submissions) + " ORDER BY submission_id, id",
        (rubric, target, key, *(submissions or ())))
    out: dict[str, list[str]] = {}
    for row in rows:
        out.setdefault(row["submission_id"], []).append(row["body"])
    return out


def passages_of(store: Store, submissions: Sequence[str] | None) -> list[Passage]:
    """Every passage of these submissions (for measuring other rankings against ours)."""
    rows = store.query(
        "SELECT sd.submission_id, sd.path, p.sha256, p.start, p.\"end\", p.text, p.location "
        "FROM passages p JOIN submission_documents sd ON sd.sha256 = p.sha256 WHERE 1 = 1"
        + _scope_sql("sd.submission_id", submissions), tuple(submissions or ()))
    return [_passage(r) for r in rows]


def fts_ranked(store: Store, submissions: Sequence[str] | None, terms: Sequence[str],
               limit: int = 10) -> list[Passage]:
    """FTS5's own bm25 ranking of the passages matching any term (trigram MATCH only): the
    baseline scripts/ask_quality.py measures our scoring against."""
    if not terms:
        return []
    rows = store.query(
        "SELECT sd.submission_id, sd.path, p.sha256, p.start, p.\"end\", p.text, p.location "
        "FROM passages_fts f JOIN passages p ON p.id = f.rowid JOIN submission_documents sd ON "
        "sd.sha256 = p.sha256 WHERE passages_fts MATCH ?" + _scope_sql("sd.submission_id",
                                                                       submissions)
        + " ORDER BY bm25(passages_fts) LIMIT ?",
        (" OR ".join(_fts_string(t) for t in terms), *(submissions or ()), limit))
    return [_passage(r) for r in rows]


def stored_documents(store: Store) -> list[Document]:
    """Every stored document (for timing a full rebuild of the index)."""
    return [Document.model_validate_json(r["body"])
            for r in store.query("SELECT body FROM documents ORDER BY sha256")]
