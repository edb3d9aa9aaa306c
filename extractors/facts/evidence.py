"""What one rule found, before it becomes a Suggestion, and the helpers rules share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from extractors.facts import lexicon as lx
from extractors.facts.models import Citation, Status, Suggestion, Value
from extractors.facts.numbers import Number, find_numbers
from extractors.facts.text import Sentence


@dataclass(frozen=True)
class Evidence:
    """A rule's finding: a value (or tier and points) with the passages that prove it."""

    rationale: str
    confidence: float
    citations: list[Citation] = field(default_factory=list)
    value: Value = None
    tier: str | None = None
    points: float | None = None
    points_range: tuple[float, float] | None = None
    heuristic: bool = False
    status: Status = "suggested"


def suggestion(
    evidence: Evidence, *, submission: str, target: str, key: str, extractor: str
) -> Suggestion:
    return Suggestion.model_validate({
        "submission": submission, "target": target, "key": key, "value": evidence.value,
        "tier": evidence.tier, "points": evidence.points, "points_range": evidence.points_range,
        "rationale": evidence.rationale, "confidence": evidence.confidence,
        "extractor": extractor, "model": None, "heuristic": evidence.heuristic,
        "status": evidence.status, "citations": evidence.citations,
    })


def no_evidence(what: str, citations: Iterable[Citation] = (), why: str = "") -> Evidence:
    """An explicit "no evidence" answer, shown to the reviewer as such, never a silent default."""
    reason = why or f"未在申报材料中找到关于{what}的明确表述，请人工核对。"
    return Evidence(rationale=reason, confidence=0.0, citations=list(citations),
                    status="no_evidence")


def quantities(sentence: Sentence, units: Iterable[str]) -> list[Number]:
    """Counts in the sentence with one of the units; ordinals (第三次) and percentages excluded."""
    wanted = set(units)
    return [n for n in labelled_numbers(sentence)
            if n.unit in wanted and not n.ordinal and not n.percent]


def labelled_numbers(sentence: Sentence) -> list[Number]:
    """The sentence's numbers, a row's bare value cell with the unit its label names."""
    return [_label_unit(sentence, n) for n in find_numbers(sentence.text)]


# A column or row label that gives the unit of its cells: "专职人员（人）", "会议次数(次)".
# "会议次数", "专职人数": the count's unit is in the label's last word.
_LABEL_UNIT = re.compile(r"[（(](?P<unit>[^（）()\d]{1,2})[)）]\s*$|(?P<of>次|人)数\s*$")


def _label_unit(sentence: Sentence, number: Number) -> Number:
    """A bare number that is a table row's whole value cell takes the unit its label names:
    "专职人员（人）| 6" is 6 人."""
    if not sentence.label_end or number.unit or number.start < sentence.label_end:
        return number
    label = _LABEL_UNIT.search(sentence.text[: sentence.label_end])
    if not label or sentence.text[sentence.label_end :].strip() != number.text:
        return number
    unit = label.group("unit") or label.group("of")
    if unit == "%":  # "投入占总预算比例（%）| 3.5" is 3.5%
        return replace(number, percent=True)
    return replace(number, unit=unit)


_SEGMENT_END = re.compile(r"[、，,；;。]")


def _segment(text: str, at: int) -> tuple[int, int]:
    """The stretch of text around `at` between enumeration commas: "兼职8人、专职两名"."""
    left = max((m.end() for m in _SEGMENT_END.finditer(text, 0, at)), default=0)
    right = _SEGMENT_END.search(text, at)
    return left, right.start() if right else len(text)


def nearest(numbers: list[Number], text: str, keyword_at: int) -> Number | None:
    """The number closest to a keyword, preferring those in the keyword's own segment."""
    left, right = _segment(text, keyword_at)
    same = [n for n in numbers if left <= n.start and n.end <= right]

    def distance(number: Number) -> int:
        return max(number.start - keyword_at, keyword_at - number.end, 0)
    return min(same or numbers, key=distance, default=None)


def quote(sentence: Sentence, limit: int = 60) -> str:
    """The sentence as a short quote for a rationale."""
    text = sentence.text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def number_text(number: Number) -> str:
    """A value as reviewers write it: 3, 6.4, 1280000."""
    return f"{number.value:g}" if isinstance(number.value, float) else str(number.value)


def approx_note(number: Number) -> str:
    if not number.approximate:
        return ""
    return f"（原文为“{number.text}”，“{number.qualifier}”表示约数或界限）"


def upper_bound(sentence: Sentence, number: Number) -> bool:
    """The figure is a bound the value stays under ("不到3%", "3人以下"), not the value."""
    return (number.qualifier in lx.UPPER_BOUND_AFTER
            or bool(lx.UPPER_BOUND_BEFORE.search(sentence.text, 0, number.start)))


def unique(citations: Iterable[Citation]) -> list[Citation]:
    """Citations in order, each span once."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for citation in citations:
        key = (citation.document_sha256, citation.start, citation.end)
        if key not in seen:
            seen.add(key)
            out.append(citation)
    return out


def found_before(sentence: Sentence, position: int) -> bool:
    """The figure at `position` is what an inspection found (检查指出…), not the state now."""
    text = sentence.text[:position]
    found = [m.end() for m in lx.FINDING.finditer(text)]
    return bool(found) and not lx.FINDING_NOW.search(text, found[-1])
