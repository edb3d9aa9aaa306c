"""Schemas of what an extractor returns: suggestions, each backed by citations into Document.text.

The citation invariant `document.text[start:end] == quote` is checked by our code whenever a
citation is made (`Citation.verified`) and again by `citations.verify`, so a quote shown to a
reviewer is always a passage that is really in the visible text of the document.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from extractors.document import Document, Location
from extractors.findings import Finding
from rubric.strict import Strict

Match = Literal["exact", "normalized"]
Status = Literal["suggested", "no_evidence", "ungrounded"]
Value = bool | str | int | float | None  # bool first: a yes/no fact stays true/false, not 1


def location_at(document: Document, offset: int) -> Location:
    """The location of the block holding `offset`; a document without blocks is just 正文."""
    for block in document.blocks:
        if block.start <= offset < block.end or block.start == offset == block.end:
            return block.location
    return Location()


class Citation(Strict):
    document_sha256: str
    document_path: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(min_length=1)
    location: Location
    match: Match = "exact"

    @model_validator(mode="after")
    def _span_matches_quote_length(self) -> Citation:
        # Only the length can be checked without the document; `verified` checks the text.
        if self.end - self.start != len(self.quote):
            raise ValueError(f"citation span {self.start}..{self.end} does not fit its quote")
        return self

    @classmethod
    def verified(cls, document: Document, start: int, end: int, match: Match = "exact") -> Citation:
        """A citation of document.text[start:end]; raises ValueError on an empty or bad span."""
        if not 0 <= start < end <= len(document.text):
            raise ValueError(f"span {start}..{end} is outside {document.path}")
        return cls(document_sha256=document.sha256, document_path=document.path, start=start,
                   end=end, quote=document.text[start:end],
                   location=location_at(document, start), match=match)


class Suggestion(Strict):
    """One suggested fact value or expert tier. A suggestion, never a score."""

    submission: str
    target: Literal["fact", "item"]
    key: str  # fact name, or item id ("4")
    value: Value = None
    tier: str | None = None
    points: float | None = None
    points_range: tuple[float, float] | None = None  # the tier's min and max
    rationale: str  # Chinese, for the reviewer
    confidence: float = Field(ge=0.0, le=1.0)
    extractor: str
    model: str | None = None
    heuristic: bool = False
    status: Status = "suggested"
    citations: list[Citation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _status_agrees_with_evidence(self) -> Suggestion:
        # A value with nothing to show for it is not a suggestion: it is ungrounded or no evidence.
        if self.status == "suggested" and not self.citations:
            raise ValueError(f"suggestion {self.key!r} has no citation; mark it ungrounded")
        if self.status == "ungrounded" and self.citations:
            raise ValueError(f"ungrounded suggestion {self.key!r} cannot keep citations")
        if self.status == "no_evidence" and (self.value, self.tier, self.points) != (None,) * 3:
            raise ValueError(f"no-evidence suggestion {self.key!r} cannot carry a value")
        return self


class ExtractionResult(Strict):
    suggestions: list[Suggestion] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
