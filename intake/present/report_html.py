"""`intake report --html`: a self-contained HTML report, readable offline.

`index.html` holds the units in a table sortable by any column (a few lines of inline JS); each unit
links to `s/<id prefix>.html`, which shows its documents' text with every cited span highlighted
(`<mark id="c-N">`), each suggestion linking to its citations, the findings and the decisions.
Nothing is fetched from anywhere: CSS and JS are inline, and every submission text is escaped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from extractors.document import Document
from extractors.facts.models import Citation, Suggestion
from extractors.findings import Finding
from intake import localtime
from intake.glossary import (
    ACTION_NAMES,
    OVERLAP_KIND_NAMES,
    SOURCE_NAMES,
    SUGGESTION_STATUS_NAMES,
    UNIT_LEVEL_NAMES,
    chinese_message,
    finding_name,
)
from intake.present import report_shortlist
from intake.present.labels import (
    IssueIndex,
    issue_index,
    item_header,
    item_ids,
    number,
    pending_label,
    status_text,
    unit_names,
)
from intake.present.report_scans import ScanView, report_pictures, scan_views
from intake.present.terminal import save
from intake.score.scoring import ScoreReport, UnitRow, coverage_note
from intake.score.similar import TextOverlap
from intake.store import Store
from intake.store.decisions import Decided, LoggedDecision, audit_log
from intake.store.findings import stored_findings
from intake.store.submissions import DocumentText, documents, stored_document
from intake.store.suggestions import Pending
from intake.store.suggestions import pending as pending_suggestions
from rubric import Rubric

PREFIX = 12  # characters of the submission id in a page's file name


def page_name(submission: str) -> str:
    return f"s/{submission[:PREFIX]}.html"


# ---- highlighting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    number: int
    start: int
    end: int


def highlight(text: str, spans: Sequence[Span]) -> Markup:
    """The escaped text with each span in `<mark data-c="N">`; its first piece has id="c-N".

    Spans that nest become nested marks. Where two spans cross, the inner one is closed and
    reopened around the boundary (a continuation piece, without the id), so the HTML stays well
    formed, the union is highlighted, and every `#c-N` link still lands on its span's start.
    """
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    out: list[str] = []
    stack: list[Span] = []
    started: set[int] = set()
    for here, following in pairwise(cuts):
        reopen = _close(stack, here, out)
        opening = reopen + [s for s in spans if s.start == here]
        for span in sorted(opening, key=lambda s: (-s.end, s.start, s.number)):
            first = span.number not in started
            started.add(span.number)
            out.append(_open(span, first))
            stack.append(span)
        out.append(str(escape(text[here:following])))
    _close(stack, len(text), out)
    return Markup("".join(out))


def _close(stack: list[Span], here: int, out: list[str]) -> list[Span]:
    """Close the spans ending here (and those inside them); return the inner ones to reopen."""
    ending = [i for i, span in enumerate(stack) if span.end <= here]
    if not ending:
        return []
    closed = stack[ending[0]:]
    del stack[ending[0]:]
    out.append("</mark>" * len(closed))
    return [span for span in closed if span.end > here]


def _open(span: Span, first: bool) -> str:
    anchor = f' id="c-{span.number}"' if first else ' class="cont"'
    return f'<mark{anchor} data-c="{span.number}">'


# ---- what a submission page shows -------------------------------------------------------------


@dataclass
class CitationView:
    number: int | None  # None: the quote is not where the citation says; no link
    quote: str
    where: str


@dataclass
class SuggestionView:
    label: str
    value: str
    status: str
    decided: bool
    rationale: str
    citations: list[CitationView]


@dataclass
class DocumentView:
    path: str
    role: str
    text: Markup
    scans: list[ScanView] = field(default_factory=list)


@dataclass(frozen=True)
class SubmissionRecord:
    """Everything a submission page shows, read from the store before the page is rendered."""

    documents: list[DocumentText]
    suggestions: list[Pending]
    findings: list[Finding]
    decisions: list[LoggedDecision]
    scanned: dict[str, Document]  # by hash: the OCR'd documents a citation points into


def read_record(store: Store, rubric_id: str, submission: str) -> SubmissionRecord:
    made = pending_suggestions(store, rubric_id, submission, pending_only=False)
    return SubmissionRecord(documents=documents(store, submission), suggestions=made,
                            findings=stored_findings(store, submission),
                            decisions=audit_log(store, rubric_id, submission),
                            scanned=scanned_documents(store, made))


def scanned_documents(store: Store, made: Sequence[Pending]) -> dict[str, Document]:
    """The stored Documents behind citations of OCR'd text (only those carry a box)."""
    shas = {c.document_sha256 for p in made for c in p.suggestion.citations if c.box}
    found = {sha: stored_document(store, sha) for sha in sorted(shas)}
    return {sha: document for sha, document in found.items() if document is not None}


def _label(rubric: Rubric, suggestion: Suggestion) -> str:
    if suggestion.target == "item":
        return item_header(rubric, suggestion.key).replace(" ", " · ", 1)
    return pending_label(rubric, f"fact:{suggestion.key}")


def _value(rubric: Rubric, suggestion: Suggestion) -> str:
    if suggestion.status != "suggested":
        return "—"
    if suggestion.target == "item":
        points = "" if suggestion.points is None else f"{suggestion.points:g} 分"
        return " ".join(x for x in (suggestion.tier or "", points) if x) or "—"
    return fact_text(rubric, suggestion.key, suggestion.value)


def fact_text(rubric: Rubric, key: str, value: object) -> str:
    """A fact's value as a reviewer says it: 学校主要领导任组长, 是, 6.4%."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    spec = rubric.facts.get(key)
    if spec is None:
        return str(value)
    shown = spec.value_labels.get(str(value), f"{value:g}" if isinstance(value, float)
                                  else str(value))
    return f"{shown}%" if spec.type == "percent" else shown


def _citation(citation: Citation, texts: dict[str, str],
              number: int, spans: dict[str, list[Span]]) -> CitationView:
    text = texts.get(citation.document_sha256, "")
    where = " ".join(x for x in (Path(citation.document_path).name,
                                 citation.location.describe()) if x)
    if text[citation.start:citation.end] != citation.quote:
        return CitationView(None, citation.quote, where)
    spans.setdefault(citation.document_sha256, []).append(
        Span(number, citation.start, citation.end))
    return CitationView(number, citation.quote, where)


def _suggestion_views(rubric: Rubric, made: Sequence[Pending], texts: dict[str, str],
                      spans: dict[str, list[Span]]) -> list[SuggestionView]:
    views: list[SuggestionView] = []
    number = 0
    for pending in made:
        s = pending.suggestion
        cited = []
        for citation in s.citations:
            number += 1
            cited.append(_citation(citation, texts, number, spans))
        views.append(SuggestionView(_label(rubric, s), _value(rubric, s),
                                    SUGGESTION_STATUS_NAMES.get(s.status, s.status),
                                    pending.decided, s.rationale, cited))
    return views


@dataclass
class OverlapView:
    """A near_duplicate_text pair as one submission's page shows it: the other unit, and each
    shared passage highlighted here (numbered like citations) with the other's wording."""

    other: str
    other_page: str
    what: str
    similarity: float
    passages: list[tuple[CitationView, str]]


@dataclass(frozen=True)
class BatchView:
    """What every page looks up in the whole report, gathered once before the pages are
    written: gathering it page by page made the report quadratic in the batch."""

    items: list[str]
    names: dict[str, str]
    issues: IssueIndex
    overlaps: dict[str, list[TextOverlap]]  # by submission, in the report's order


def batch_view(rubric: Rubric, report: ScoreReport) -> BatchView:
    overlaps: dict[str, list[TextOverlap]] = {}
    for overlap in report.overlaps:
        for submission in dict.fromkeys(overlap.submissions):
            overlaps.setdefault(submission, []).append(overlap)
    return BatchView(item_ids(rubric, report), unit_names(report), issue_index(report), overlaps)


def _overlap_views(batch: BatchView, submission: str, texts: dict[str, str],
                   spans: dict[str, list[Span]], number: int) -> list[OverlapView]:
    names = batch.names
    views = []
    for overlap in batch.overlaps.get(submission, []):
        here = overlap.submissions.index(submission)
        other = overlap.submissions[1 - here]
        passages = []
        for passage in overlap.passages:
            mine, theirs = (passage.first, passage.second)[::1 if here == 0 else -1]
            number += 1
            passages.append((_citation(mine, texts, number, spans), theirs.quote))
        views.append(OverlapView(names.get(other, other[:12]), f"../{page_name(other)}",
                                 OVERLAP_KIND_NAMES.get(overlap.kind, overlap.kind),
                                 overlap.similarity, passages))
    return views


def _decision_view(rubric: Rubric, row: LoggedDecision) -> dict[str, str]:
    def shown(data: Decided) -> str:
        bits = [fact_text(rubric, row.key, data.value)] if row.target == "fact" else []
        bits += [data.tier] if data.tier else []
        if data.points is not None:
            bits.append(f"{data.points:g} 分")
        return " ".join(bits) or "—"

    return {"time": row.decided_at, "reviewer": row.reviewer,
            "what": pending_label(rubric, f"{row.target}:{row.key}"),
            "action": ACTION_NAMES.get(row.action, row.action),
            "suggested": shown(row.suggested), "decided": shown(row.decided),
            "reason": row.reason or "", "source": SOURCE_NAMES.get(row.source, row.source)}


# ---- pages ------------------------------------------------------------------------------------


def environment() -> Environment:
    env = Environment(loader=PackageLoader("intake.present", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["local_time"] = partial(localtime.shown, tz=localtime.zone())  # stored as UTC
    env.filters["finding_name"], env.filters["chinese_message"] = finding_name, chinese_message
    return env


def _unit_view(report: ScoreReport, rubric: Rubric, row: UnitRow,
               items: Sequence[str], findings: int) -> dict[str, Any]:
    result = row.result if row.status != "pending" else None
    return {"row": row, "page": page_name(row.submission),
            "rank": result.rank if result and result.rank else None,
            "level": UNIT_LEVEL_NAMES.get(row.unit.level, row.unit.level),
            "points": [number(result.items.get(i)) if result else None for i in items],
            "total": number(result.total) if result else None,
            "status": status_text(row, rubric), "findings": findings}


def _scans(document: Document | None, sha: str, spans: list[Span],
           pictures: dict[str, bytes] | None) -> list[ScanView]:
    """Page pictures with the cited boxes, for a document whose cited text came from OCR."""
    if pictures is None or not spans or document is None or not document.ocr_pages:
        return []
    return scan_views(document, [(s.number, s.start, s.end) for s in spans],
                      report_pictures(document, pictures, sha[:12]))


def submission_page(env: Environment, rubric: Rubric, report: ScoreReport, row: UnitRow,
                    record: SubmissionRecord, batch: BatchView | None = None,
                    pictures: dict[str, bytes] | None = None) -> str:
    """The submission's page; the pictures of its cited scanned pages go into `pictures`."""
    texts = {d.sha256: d.text for d in record.documents}
    spans: dict[str, list[Span]] = {}
    views = _suggestion_views(rubric, record.suggestions, texts, spans)
    cited = sum(len(v.citations) for v in views)
    batch = batch if batch is not None else batch_view(rubric, report)  # walks every row
    overlaps = _overlap_views(batch, row.submission, texts, spans, cited)
    shown = [DocumentView(d.path, d.role, highlight(d.text, spans.get(d.sha256, [])),
                          _scans(record.scanned.get(d.sha256), d.sha256,
                                 spans.get(d.sha256, []), pictures))
             for d in record.documents]
    items = batch.items
    unit = _unit_view(report, rubric, row, items, 0)
    return env.get_template("submission.html.j2").render(
        report=report, unit=unit,
        items=[(item_header(rubric, i), p) for i, p in zip(items, unit["points"], strict=True)],
        findings=record.findings, issues=batch.issues.of(row.submission), suggestions=views,
        documents=shown, overlaps=overlaps,
        decisions=[_decision_view(rubric, d) for d in record.decisions])


def _full_name(rubric: Rubric, item_id: str) -> str:
    node = rubric.nodes().get(item_id)
    return f"{item_id} {node.name}" if node else item_id


def index_page(env: Environment, rubric: Rubric, report: ScoreReport,
               findings: dict[str, int], batch: BatchView | None = None) -> Iterator[str]:
    """`findings`: how many stored findings each submission has. The page as text pieces, each
    unit's row made as it is written (jinja2's generate): a batch of thousands' index is never
    whole in memory, nor are its rows."""
    batch = batch if batch is not None else batch_view(rubric, report)
    items = batch.items
    units = (_unit_view(report, rubric, row, items, findings.get(row.submission, 0)
                        + len(batch.issues.numbered(row.submission))) for row in report.rows)
    return env.get_template("index.html.j2").generate(
        report=report, headers=[(item_header(rubric, i), _full_name(rubric, i)) for i in items],
        units=units, coverage=coverage_note(report), shortlist=report_shortlist.views(report),
        names=batch.names)


def write_html(store: Store, rubric: Rubric, report: ScoreReport, directory: Path) -> Path:
    """Write one page per submission, then index.html (so the index never links to nothing).
    Each page's data is read from the store first; the pages are rendered from it alone. Each
    page is written atomically; the pages are made durable by one sync before the index is
    written, not by one fsync each (a disk flush per page was most of the report's time)."""
    env = environment()
    findings: dict[str, int] = {}
    batch = batch_view(rubric, report)
    for row in report.rows:
        record = read_record(store, rubric.id, row.submission)
        findings[row.submission] = len(record.findings)
        pictures: dict[str, bytes] = {}
        save(directory / page_name(row.submission),
             submission_page(env, rubric, report, row, record, batch, pictures), durable=False)
        for name, png in pictures.items():
            save(directory / "s" / name, png, durable=False)
    os.sync()
    index = directory / "index.html"
    save(index, index_page(env, rubric, report, findings, batch))
    return index
