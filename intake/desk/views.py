"""What the desk's pages show, read from the store before a page is rendered: a reviewer's list
with progress, one submission with its highlighted evidence (and, for OCR'd scans, the page
pictures with the cited boxes, drawn as the HTML report draws them), and the 组长's dashboard.

Who may see what is decided here, once: under a panel an expert sees only their assignments and
their own decisions (the panel stays blind), the 组长 sees every submission; without a panel every
reviewer sees every submission. Nothing here decides or scores: the numbers come from the same
functions as `intake review`, `intake panel status` and `intake score`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from extractors.document import Document, OcrPage
from intake.glossary import ACTION_NAMES, SUGGESTION_STATUS_NAMES
from intake.panel import service
from intake.present.labels import item_header, pending_label
from intake.present.report_html import Span, fact_text, highlight, scanned_documents
from intake.present.report_scans import ScanView, page_png, picture_source, scan_views
from intake.review.values import limits_text
from intake.score.scoring import score_store
from intake.store import Store
from intake.store.decisions import LoggedDecision, audit_log
from intake.store.findings import stored_findings
from intake.store.panel import assigned_to, panel_active, reviewer_role, submission_path
from intake.store.submissions import documents, stored_document, submissions
from intake.store.suggestions import Pending, pending, pending_count
from rubric import Rubric
from rubric.model import ExpertNode


@dataclass(frozen=True)
class Viewer:
    name: str
    lead: bool


def viewer(store: Store, name: str) -> Viewer:
    return Viewer(name, reviewer_role(store, name) == "lead")


def visible(store: Store, rubric: Rubric, who: Viewer, sid: str) -> bool:
    """Whether this person may open the submission at all."""
    if not panel_active(store, rubric.id):
        return any(r.id == sid for r in submissions(store))
    return who.lead or sid in assigned_to(store, rubric.id, who.name)


def may_decide(store: Store, rubric: Rubric, who: Viewer) -> bool:
    """Under a panel the 组长 resolves (dashboard) and does not decide as an expert."""
    return not (who.lead and panel_active(store, rubric.id))


# ---- a reviewer's list --------------------------------------------------------------------------


@dataclass
class Progress:
    submission: str
    path: str
    decided: int
    total: int

    @property
    def left(self) -> int:
        return self.total - self.decided


def progress(store: Store, rubric: Rubric, who: Viewer) -> list[Progress]:
    """Per submission the reviewer works on: facts and items decided (by them, under a panel)."""
    found: dict[str, Progress] = {}
    for p in pending(store, rubric.id, pending_only=False, reviewer=who.name):
        row = found.setdefault(p.submission, Progress(p.submission, p.path, 0, 0))
        row.total += 1
        row.decided += p.decided
    return list(found.values())


# ---- one submission -------------------------------------------------------------------------


@dataclass
class CitationView:
    number: int | None  # None: the quote is not where the citation says; shown, not linked
    quote: str
    where: str
    boxed: bool = False  # its box is drawn on a page picture (id b-N)


@dataclass
class SuggestionView:
    id: int
    label: str
    target: str
    value: str
    status: str
    found: bool
    rationale: str
    limits: str
    tiers: list[str]
    choices: list[str]
    citations: list[CitationView]
    decided: bool
    mine: str = ""  # this reviewer's latest decision, as words


@dataclass
class DocumentView:
    path: str
    role: str
    text: Markup  # escaped, with <mark id="c-N"> around each citation
    scans: list[ScanView] = field(default_factory=list)  # OCR'd pages with the cited boxes


@dataclass
class SubmissionView:
    submission: str
    path: str
    suggestions: list[SuggestionView]
    documents: list[DocumentView]
    findings: list[str]
    left: int
    decide: bool
    log: list[LoggedDecision] = field(default_factory=list)


def _label(rubric: Rubric, p: Pending) -> str:
    s = p.suggestion
    return item_header(rubric, s.key) if s.target == "item" else pending_label(
        rubric, f"fact:{s.key}")


def _value(rubric: Rubric, p: Pending) -> str:
    s = p.suggestion
    if s.status != "suggested":
        return "—"
    if s.target == "item":
        return " ".join(x for x in (s.tier or "", "" if s.points is None else f"{s.points:g} 分")
                        if x) or "—"
    return fact_text(rubric, s.key, s.value)


def _decided_text(rubric: Rubric, row: LoggedDecision) -> str:
    action = ACTION_NAMES.get(row.action, row.action)
    if row.action == "no_evidence":
        return action
    if row.target == "fact":
        return f"{action}：{fact_text(rubric, row.key, row.decided.value)}"
    points = "" if row.decided.points is None else f"{row.decided.points:g} 分"
    return f"{action}：{' '.join(x for x in (row.decided.tier or '', points) if x)}"


def _choices(rubric: Rubric, p: Pending) -> tuple[list[str], list[str]]:
    """Tier labels of an expert item; the allowed values of an enum or yes/no fact."""
    s = p.suggestion
    if s.target == "item":
        node = rubric.nodes().get(s.key)
        return ([t.label for t in node.tiers] if isinstance(node, ExpertNode) else []), []
    spec = rubric.facts.get(s.key)
    if spec is None:
        return [], []
    return [], (list(spec.values) if spec.type == "enum" else ["是", "否"]
                if spec.type == "bool" else [])


def _suggestion(rubric: Rubric, p: Pending, texts: dict[str, str], spans: dict[str, list[Span]],
                counter: list[int], mine: dict[tuple[str, str], str]) -> SuggestionView:
    cited = []
    for c in p.suggestion.citations:
        counter[0] += 1
        where = " ".join(x for x in (Path(c.document_path).name, c.location.describe()) if x)
        ok = texts.get(c.document_sha256, "")[c.start:c.end] == c.quote
        if ok:
            spans.setdefault(c.document_sha256, []).append(Span(counter[0], c.start, c.end))
        cited.append(CitationView(counter[0] if ok else None, c.quote, where))
    s = p.suggestion
    tiers, choices = _choices(rubric, p)
    return SuggestionView(
        id=p.id, label=_label(rubric, p), target=s.target, value=_value(rubric, p),
        status=SUGGESTION_STATUS_NAMES.get(s.status, s.status), found=s.status == "suggested",
        rationale=s.rationale, limits=limits_text(rubric, s), tiers=tiers, choices=choices,
        citations=cited, decided=p.decided, mine=mine.get((s.target, s.key), ""))


def submission_view(store: Store, rubric: Rubric, who: Viewer, sid: str) -> SubmissionView:
    """The page of one submission as this reviewer may see it (call `visible` first)."""
    panel = panel_active(store, rubric.id)
    made = pending(store, rubric.id, sid, pending_only=False,
                   reviewer=None if who.lead else who.name)
    docs = documents(store, sid)
    texts = {d.sha256: d.text for d in docs}
    log = [r for r in audit_log(store, rubric.id, sid) if not panel or r.reviewer == who.name]
    mine = {(r.target, r.key): _decided_text(rubric, r) for r in log}  # the latest wins
    spans: dict[str, list[Span]] = {}
    counter = [0]
    views = [_suggestion(rubric, p, texts, spans, counter, mine) for p in made]
    scanned = scanned_documents(store, made)
    shown = [DocumentView(d.path, d.role, highlight(d.text, spans.get(d.sha256, [])),
                          _scans(sid, scanned.get(d.sha256), spans.get(d.sha256, [])))
             for d in docs]
    _link_boxes(views, shown)
    return SubmissionView(
        submission=sid, path=submission_path(store, sid), suggestions=views, documents=shown,
        findings=[f"{f.code}：{f.message}" for f in stored_findings(store, sid)],
        left=sum(not v.decided for v in views), decide=may_decide(store, rubric, who), log=log)


def _scans(sid: str, document: Document | None, spans: list[Span]) -> list[ScanView]:
    """The cited OCR'd pages of one document, their pictures served by the desk's page route."""
    if document is None or not spans or not document.ocr_pages:
        return []
    at_hand = picture_source(document) is not None  # gone or changed: a note, no picture

    def picture(page: OcrPage) -> str | None:
        return f"/s/{sid}/page/{document.sha256}/{page.page}.png" if at_hand else None

    return scan_views(document, [(s.number, s.start, s.end) for s in spans], picture)


def _link_boxes(suggestions: list[SuggestionView], shown: list[DocumentView]) -> None:
    """Each citation whose box is drawn on a picture links to it, beside its text highlight."""
    boxed = {b.number for d in shown for scan in d.scans if scan.image for b in scan.boxes}
    for view in suggestions:
        for citation in view.citations:
            citation.boxed = citation.number in boxed


def scan_picture(store: Store, sid: str, sha256: str, page: int) -> bytes | None:
    """The PNG of an OCR'd page of one of this submission's documents (call `visible` first);
    None when the document is not the submission's, the page was not OCR'd, or its file is
    gone or changed since the run."""
    if all(d.sha256 != sha256 for d in documents(store, sid)):
        return None
    document = stored_document(store, sha256)
    return page_png(document, page) if document is not None else None


# ---- the 组长's dashboard ------------------------------------------------------------------


@dataclass
class SubmissionState:
    submission: str
    path: str
    experts: list[str]
    waiting: dict[str, int]
    disagreements: list[str]
    left: int


@dataclass
class RankedUnit:
    rank: int | None
    name: str
    city: str
    total: str
    path: str


@dataclass
class Dashboard:
    panel: bool
    per_reviewer: dict[str, int]
    submissions: list[SubmissionState]
    ranking: list[RankedUnit]
    waiting_units: int
    labels: dict[str, str]


def dashboard(store: Store, rubric: Rubric) -> Dashboard:
    panel = panel_active(store, rubric.id)
    states = _panel_states(store, rubric) if panel else _plain_states(store, rubric)
    per_reviewer: dict[str, int] = {}
    for state in states:
        for name, count in state.waiting.items():
            per_reviewer[name] = per_reviewer.get(name, 0) + count
    report = score_store(store, rubric)
    ranking = [RankedUnit(r.result.rank, r.unit.name, r.unit.city, f"{r.result.total:g}", r.path)
               for r in report.rows if r.status == "scored" and r.result is not None]
    keys = {k for s in states for k in s.disagreements}
    return Dashboard(panel, dict(sorted(per_reviewer.items())), states, ranking,
                     sum(r.status == "pending" for r in report.rows),
                     {k: pending_label(rubric, k) for k in keys})


def _panel_states(store: Store, rubric: Rubric) -> list[SubmissionState]:
    return [SubmissionState(a.submission, a.path, list(a.reviewers),
                            {e: len(state.waiting.get(e, [])) for e in a.reviewers},
                            list(state.disagreements),
                            sum(len(v) for v in state.waiting.values()))
            for a, state in service.panel_state(store, rubric)]


def _plain_states(store: Store, rubric: Rubric) -> list[SubmissionState]:
    kinds = {f.kind for f in rubric.forms}
    return [SubmissionState(r.id, r.path, [], {}, [], pending_count(store, r.id, rubric.id))
            for r in submissions(store) if not kinds or r.kind in kinds]
