"""Checks of one submission: missing fields, 字数 over the limit, 单位意见 without seal or date,
missing form or deeds, unknown documents. Limits and field lists come from the rubric's data."""

from __future__ import annotations

import re
from typing import Literal

from extractors.document import Block, Document
from extractors.findings import Finding, finding, worst_first
from extractors.forms import FieldValue, Form
from extractors.ocr.spans import mean_confidence, ocr_blocks
from extractors.school_name import school_name
from intake.screen.counting import count_words
from rubric import AttachmentSpec, FieldSpec, FormSpec
from rubric.strict import Strict

DocumentRole = Literal["form", "deeds", "other"]  # a document's part in its submission
SubmissionKind = Literal["collective", "individual", "school", "unknown"]

_DATE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}"
    r"|[〇零○一二]{4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
)
# What OCR makes of a handwritten date: often a digit short or wrong ("204年5月20日"), but still
# a date's shape; only when none of this is found is the date missing.
_DATE_LIKE = re.compile(r"\d{1,4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*日"
                        r"|[〇零○一二三四五六七八九十]{2,4}\s*年\s*[一二三四五六七八九十]{1,2}\s*月")
_SEAL_WORDS = re.compile(r"签章|盖章|公章|（章）|\(章\)")
# Words the blank form prints in the 单位意见 cell; what is left after them is the applicant's.
_OPINION_TEMPLATE = re.compile(r"签章|盖章|日期|年|月|日|[:：\s]")

class ReadDocument(Strict):
    """A document as read and recognised, with its role in the submission."""

    document: Document
    form: Form
    role: DocumentRole


class CheckedSubmission(Strict):
    path: str
    kind: SubmissionKind
    documents: list[ReadDocument]
    fields: dict[str, str | None]
    counts: dict[str, int | None]
    limits: dict[str, int | None]
    findings: list[Finding]


# What a Document holds beyond what a check's table, JSON and CSV show of it.
_CONTENT = {"text": "", "blocks": [], "tables": [], "images": [], "hidden": [], "ocr_pages": []}


def without_content(checked: CheckedSubmission) -> CheckedSubmission:
    """The checked submission as `intake check` reports it: each document keeps its path,
    format, pages, hash and findings, and drops its text, blocks and tables (most of its size),
    so a batch of thousands holds only what it prints."""
    documents = [read.model_copy(update={"document": read.document.model_copy(update=_CONTENT)})
                 for read in checked.documents]
    return checked.model_copy(update={"documents": documents})


def role_of(document: Document, form: Form) -> DocumentRole:
    if form.kind in ("collective", "individual"):
        return "form"
    return "deeds" if form.kind == "deeds" else "other"


def check_field(field: FieldSpec, value: FieldValue | None, document: Document) -> list[Finding]:
    where = {"field": field.name, "document": document.path}
    text = value.value.strip() if value else ""
    if field.opinion:
        return _check_opinion(field, value, document)
    if not text:
        if field.required:
            return [finding("missing_field", f"未填写“{field.name}” (missing field)", **where)]
        return []
    if field.limit is None:
        return []
    span = (value.start, value.end) if value else None
    return _check_limit(field.name, field.limit, text, document, span)


def _check_limit(name: str, limit: int, text: str, document: Document,
                 span: tuple[int, int] | None = None, words: int | None = None) -> list[Finding]:
    """`words`: count_words(text) when the caller has it already."""
    where = {"field": name, "document": document.path}
    if not document.text_reliable:
        return [finding("unverifiable_count",
                        f"“{name}”的文字层无法可靠读取，字数无法核实，请人工统计", **where)]
    words = count_words(text) if words is None else words
    ocr = ocr_blocks(document, *(span or (0, len(document.text))))
    notes = _ocr_notes(name, words, limit, ocr, where) if ocr else []
    if words <= limit:  # 不超过N字: N itself is accepted
        return notes
    basis = "（依据 OCR 识别计数）" if ocr else ""
    return [*notes, finding("over_limit", f"“{name}” {words} 字，超过 {limit} 字上限{basis} "
                            f"({words}/{limit})", limit=limit, count=words, **where)]


def _ocr_notes(name: str, words: int, limit: int, ocr: list[Block],
               where: dict[str, str]) -> list[Finding]:
    """ocr_count always, with the mean confidence; ocr_uncertain where lines may be missing."""
    confidence = mean_confidence(ocr) or 0.0
    verdict = "超过" if words > limit else "未超过"
    found = [finding("ocr_count", f"“{name}” {words} 字由 OCR 识别计数（平均置信度 "
                     f"{confidence:.0%}），“{verdict} {limit} 字”的判断依据 OCR，请对照原件核对 "
                     f"(counted from OCR, mean confidence {confidence:.2f})", count=words,
                     limit=limit, **where)]
    if any(block.uncertain for block in ocr):
        found.append(finding("ocr_uncertain", f"“{name}”的 OCR 结果可能漏行（放大重识后行距仍有"
                             f"空缺），{words} 字可能少计，字数判断依据 OCR，请人工核对 "
                             "(OCR may have dropped lines)", count=words, limit=limit, **where))
    return found


def _check_opinion(field: FieldSpec, value: FieldValue | None, document: Document) -> list[Finding]:
    where = {"field": field.name, "document": document.path}
    text = value.value if value else ""
    if not _OPINION_TEMPLATE.sub("", text) and not (value and value.images):
        return [finding("missing_field", f"未填写“{field.name}” (missing field)", **where)]
    found: list[Finding] = []
    scanned = bool(value and ocr_blocks(document, value.start, value.end))
    has_date = bool(_DATE.search(text) or (scanned and _DATE_LIKE.search(text)))
    has_seal = bool(value and value.images) or (bool(_SEAL_WORDS.search(text)) and has_date)
    if not has_seal:
        found.append(finding("missing_seal", f"“{field.name}”未见盖章 (no seal image, "
                             "or 签章 text without a date)", **where))
    if not has_date:
        found.append(finding("missing_date", f"“{field.name}”未填写日期 (no date)", **where))
    return found


def check_form(read: ReadDocument, spec: FormSpec) -> list[Finding]:
    found: list[Finding] = []
    for field in spec.fields:
        found += check_field(field, read.form.fields.get(field.name), read.document)
    return found


def counted_text(document: Document) -> str:
    """The text Word's 字数统计 counts: the body and text boxes, not headers and footers, nor
    the tables and text boxes inside them (their blocks are cells and paragraphs of that part)."""
    return "\n".join(document.text[b.start : b.end] for b in document.blocks
                     if b.kind not in ("header", "footer")
                     and b.location.part not in ("header", "footer"))


def check_deeds(read: ReadDocument, deeds: AttachmentSpec | None, words: int | None = None
                ) -> list[Finding]:
    """`words`: the 字数 of counted_text(read.document) when the caller has counted it."""
    if deeds is None or deeds.limit is None:
        return []
    text = counted_text(read.document) if words is None else ""
    return _check_limit(deeds.title, deeds.limit, text, read.document, words=words)


def check_document(read: ReadDocument) -> list[Finding]:
    """What the reader found, plus unknown_form and empty for readable documents."""
    document = read.document
    found = list(document.findings)
    if document.format == "other" or not document.readable:
        return found
    if not document.text.strip() and not any(f.code == "needs_ocr" for f in found):
        found.append(finding("empty", "文档没有文字内容 (empty document)", document=document.path))
    elif read.role == "other":
        found.append(finding("unknown_form", "无法识别为申报表或事迹材料 (unknown form)",
                             document=document.path))
    return found


def _kind(reads: list[ReadDocument]) -> SubmissionKind:
    for read in reads:
        if read.form.kind in ("collective", "individual"):
            return read.form.kind  # type: ignore[return-value]
    for read in reads:
        title = read.form.title or ""
        if read.role == "deeds" and ("集体" in title or "个人" in title):
            return "collective" if "集体" in title else "individual"
    return "unknown"


def _summary_field(spec: FormSpec | None) -> FieldSpec | None:
    return next((f for f in spec.fields if f.limit is not None), None) if spec else None


def _missing_parts(path: str, reads: list[ReadDocument], has_forms: bool = True) -> list[Finding]:
    """missing_form / missing_deeds — unless a file could not be read: it may be the missing
    part, and its own error already tells the reviewer so. A programme without forms (Xunke's
    self-assessment reports) has no 申报表 to miss."""
    candidates = [r for r in reads if r.document.format != "other"]
    if any(not r.document.readable or r.document.text == "" for r in candidates):
        return []
    found = []
    if has_forms and not any(r.role == "form" for r in reads):
        found.append(finding("missing_form", "缺少申报表 (no application form found)",
                             document=path))
    if not any(r.role == "deeds" for r in reads):
        found.append(finding("missing_deeds", "缺少事迹材料 (no deeds material found)",
                             document=path))
    return found


def check_submission(
    path: str, reads: list[ReadDocument], specs: list[FormSpec], deeds: AttachmentSpec | None
) -> CheckedSubmission:
    kind = _kind(reads)
    spec = next((s for s in specs if s.kind == kind), None)
    summary = _summary_field(spec)
    findings: list[Finding] = []
    fields: dict[str, str | None] = {f.name: None for f in spec.fields} if spec else {}
    summary_count: int | None = None
    deeds_counts: list[int] = []
    for read in reads:
        findings += check_document(read)
        if read.role == "form" and spec and read.form.kind == spec.kind:
            findings += check_form(read, spec)
            for name, value in read.form.fields.items():
                fields[name] = fields.get(name) or value.value or None
            if summary and summary.name in read.form.fields and read.document.text_reliable:
                summary_count = count_words(read.form.fields[summary.name].value)
        elif read.role == "deeds" and read.document.readable:
            # Counted once, for the limit and for the counts column.
            words = (count_words(counted_text(read.document)) if read.document.text_reliable
                     else None)
            findings += check_deeds(read, deeds, words)
            if words is not None:
                deeds_counts.append(words)
    findings += _missing_parts(path, reads, has_forms=bool(specs))
    if not specs:
        kind, fields = _school_report(reads)
        # Beside a school's report, any other document is its evidence (佐证材料), not a form.
        findings = [f for f in findings if f.code != "unknown_form"]
    return CheckedSubmission(
        path=path, kind=kind, documents=reads, fields=fields,
        counts={"summary": summary_count, "deeds": max(deeds_counts, default=None)},
        limits={"summary": summary.limit if summary else None,
                "deeds": deeds.limit if deeds else None},
        findings=worst_first(findings),
    )


def _school_report(reads: list[ReadDocument]) -> tuple[SubmissionKind, dict[str, str | None]]:
    """A programme without forms (Xunke): a school's self-assessment report. The school's name is
    guessed from the report's title or opening (学校名称, marked as a guess where it is shown)."""
    reports = [r for r in reads if r.role == "deeds" and r.document.readable]
    if not reports:
        return "unknown", {}
    name = next((n for r in reports if (n := school_name(r.document.text))), None)
    return "school", {"学校名称": name}
