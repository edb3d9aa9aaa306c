"""Find a quote in a document's visible text, and check citations against it.

A model may return a quote with different spacing or punctuation from the document ("全年召开 3 次,"
for "全年召开3次，"). `locate` tries an exact match first, then a match that ignores whitespace and
punctuation and folds full-width forms (NFKC), and maps the match back to original offsets, so the
returned citation quotes the document as it is written. Hidden text is not in Document.text, so a
quote found only in hidden text is never located. `locate_trimmed` finds a quote a model
prefixed with the unit's name or a label, citing only the part that is verbatim in the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from extractors.document import Document
from extractors.facts.models import Citation, ExtractionResult, Suggestion
from extractors.findings import Finding, finding

# Kept in the normalised text although they are punctuation: "6.4" must not match "64", and a
# percent sign changes what a number means.
_SIGNIFICANT = frozenset(".%")


def _fold(char: str) -> str:
    """One character as the normalised text sees it: width-folded, case-folded, or dropped."""
    folded = unicodedata.normalize("NFKC", char).casefold()
    return "".join(c for c in folded if _keep(c))


def _keep(char: str) -> bool:
    if char.isspace():
        return False
    if char in _SIGNIFICANT:
        return True
    category = unicodedata.category(char)
    # P*: punctuation; Cf: zero-width and bidi controls, which differ invisibly between copies.
    return not (category.startswith("P") or category == "Cf")


class _Folds(dict[int, str]):
    """Each character's fold, by code point, worked out the first time it is asked for: a
    document's text has a few hundred distinct characters, and folding each occurrence afresh
    (NFKC, casefold, category) was nearly a third of the rules extractor's time, profiled."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold(chr(code))
        return folded


_FOLDS = _Folds()


def fold(text: str) -> str:
    """The normalised text alone (normalise without the offsets)."""
    return text.translate(_FOLDS)


def normalise(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset it came from."""
    folds = _FOLDS
    folded = text.translate(folds)
    origin = [offset for offset, char in enumerate(text) for _ in folds[ord(char)]]
    return folded, origin


def locate(document: Document, quote: str) -> Citation | None:
    """The first place the quote stands in the visible text, exactly or after normalising."""
    if not quote.strip():
        return None
    start = document.text.find(quote)
    if start >= 0:
        return Citation.verified(document, start, start + len(quote))
    wanted, _ = normalise(quote)
    if not wanted:
        return None
    haystack, origin = normalise(document.text)
    found = haystack.find(wanted)
    if found < 0:
        return None
    end = origin[found + len(wanted) - 1] + 1
    return Citation.verified(document, origin[found], end, match="normalized")


def verify(document: Document, citation: Citation) -> bool:
    """The invariant: same document, a span inside its text, and text[start:end] == quote."""
    return (
        citation.document_sha256 == document.sha256
        and 0 <= citation.start < citation.end <= len(document.text)
        and document.text[citation.start : citation.end] == citation.quote
    )


def _reground(citation: Citation, documents: Sequence[Document]) -> Citation | None:
    """The citation if it verifies; else its quote located afresh in its document; else None."""
    for document in documents:
        if document.sha256 != citation.document_sha256:
            continue
        if verify(document, citation):
            return citation
        return locate(document, citation.quote)
    return None


def locate_any(documents: Sequence[Document], quote: str) -> Citation | None:
    """The quote located in the first document (in order) that holds it."""
    for document in documents:
        citation = locate(document, quote)
        if citation is not None:
            return citation
    return None


def _split(
    suggestion: Suggestion, documents: Sequence[Document]
) -> tuple[Suggestion, list[Citation]]:
    """The grounded suggestion and the citations that had to be dropped."""
    kept: list[Citation] = []
    dropped: list[Citation] = []
    for citation in suggestion.citations:
        regrounded = _reground(citation, documents)
        if regrounded is None:
            dropped.append(citation)
        else:
            kept.append(regrounded)
    if kept or suggestion.status != "suggested":
        return suggestion.model_copy(update={"citations": kept}), dropped
    # Nothing left to show for the value: keep it visible to the reviewer, but as ungrounded.
    ungrounded = suggestion.model_copy(
        update={"status": "ungrounded", "citations": [], "confidence": 0.0})
    return Suggestion.model_validate(ungrounded.model_dump()), dropped


def _as_list(documents: Document | Sequence[Document]) -> list[Document]:
    return [documents] if isinstance(documents, Document) else list(documents)


def ground(suggestion: Suggestion, documents: Document | Sequence[Document]) -> Suggestion:
    """Keep only citations that verify (or whose quote is found again); none left → ungrounded."""
    return _split(suggestion, _as_list(documents))[0]


def ground_result(
    result: ExtractionResult, documents: Document | Sequence[Document]
) -> ExtractionResult:
    """Ground every suggestion and report each dropped quote as an `ungrounded` finding."""
    docs = _as_list(documents)
    suggestions: list[Suggestion] = []
    findings: list[Finding] = list(result.findings)
    for suggestion in result.suggestions:
        grounded, dropped = _split(suggestion, docs)
        suggestions.append(grounded)
        findings += [_dropped(suggestion, c) for c in dropped]
    return ExtractionResult(suggestions=suggestions, findings=findings)


def _dropped(suggestion: Suggestion, citation: Citation) -> Finding:
    return finding(
        "ungrounded",
        f"{suggestion.key}：引文在文档可见文本中找不到，已舍弃：“{citation.quote}”",
        field=suggestion.key, document=citation.document_path)


# What a model puts before a verbatim quote: the unit's name ("保定开放大学"), a label ending
# in a colon ("事迹材料："), a document header ("【文档1：…】"), "材料中写道". Only such a prefix
# is cut: any leading characters could drop a "未" or "不" and turn the quote's meaning.
_PREFIX = re.compile(
    r"^(?:【[^】]{0,60}】|[^，。；！？\n]{0,40}?(?:大学|学院|学校|分校|中心|研究院|委员会|办公室|"
    r"教育局|局|处|馆|站|公司|集团)|[^，。；\n]{0,30}?[：:]|(?:材料|原文|文中|申报材料|事迹材料)"
    r"(?:中|里)?(?:写道|提到|指出|显示|称)?[：:，,]?)\s*$")
MIN_TRIMMED = 6  # characters a trimmed quote must keep to prove anything


def locate_trimmed(documents: Sequence[Document], quote: str) -> tuple[Citation, str] | None:
    """The quote located after cutting a prefix the model added (see _PREFIX), with the cut
    prefix; the citation quotes only the located span, verbatim. None when no cut locates it."""
    text = quote.strip()
    for cut in range(1, len(text) - MIN_TRIMMED + 1):
        prefix, rest = text[:cut], text[cut:]
        if not _PREFIX.match(prefix) or not _fold(rest[0]):
            continue  # not a prefix, or the cut falls before punctuation that belongs to it
        if len(normalise(rest)[0]) < MIN_TRIMMED:
            continue
        citation = locate_any(documents, rest)
        if citation is not None:
            return citation, prefix
    return None
