"""The Document model: what every reader returns and what every citation points into.

`Document.text` is the visible text of the whole file, blocks joined by "\\n". Every block, table
cell, image and hidden span carries offsets or a location, so a citation can say exactly where a
quote stands and our code can check `text[start:end] == quote`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from extractors.findings import Finding
from rubric.strict import Strict

Format = Literal["docx", "pdf", "doc", "wps", "other"]
BlockKind = Literal["paragraph", "cell", "textbox", "header", "footer", "page"]
HiddenReason = Literal["vanish", "web_hidden", "white", "tiny", "invisible", "zero_width"]
Source = Literal["text", "ocr"]


class Location(Strict):
    """Where something sits. Indices are 0-based; `page` is 1-based as reviewers say it."""

    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    part: Literal["body", "header", "footer", "textbox"] = "body"

    def describe(self) -> str:
        """Plain Chinese description for reports: 第2页 表1 第3行第2列."""
        bits: list[str] = []
        if self.page is not None:
            bits.append(f"第{self.page}页")
        if self.part != "body":
            bits.append({"header": "页眉", "footer": "页脚", "textbox": "文本框"}[self.part])
        if self.table is not None:
            bits.append(f"表{self.table + 1}")
            if self.row is not None and self.column is not None:
                bits.append(f"第{self.row + 1}行第{self.column + 1}列")
        elif self.paragraph is not None:
            bits.append(f"第{self.paragraph + 1}段")
        return " ".join(bits) or "正文"


class Box(Strict):
    """A rectangle on a page, as shares of the page's width and height (0–1, top left origin),
    so it holds at any resolution the page is shown at."""

    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, other: Box, slack: float = 0.002) -> bool:
        return (self.x0 - slack <= other.x0 and self.y0 - slack <= other.y0
                and other.x1 <= self.x1 + slack and other.y1 <= self.y1 + slack)


class Block(Strict):
    """A run of text. OCR'd blocks (`source` "ocr") say how sure the recogniser was (mean
    character confidence, 0–1), where on the page they stand, and whether lines may be missing."""

    kind: BlockKind
    start: int
    end: int
    location: Location
    source: Source = "text"
    confidence: float | None = None
    box: Box | None = None
    uncertain: bool = False


class Cell(Strict):
    """One visible cell of a table; a merged cell appears once, at its top-left position."""

    row: int
    column: int
    text: str
    start: int
    end: int
    images: int = 0


class Table(Strict):
    index: int
    rows: list[list[Cell]]
    page: int | None = None


class Image(Strict):
    """A picture in the document; `kind` "seal" is a red stamp found on a page image by OCR."""

    location: Location
    name: str = ""
    kind: Literal["picture", "seal"] = "picture"
    box: Box | None = None


class OcrSpan(Strict):
    """One recognised line: text[start:end], where it stands on the page, how sure the
    recogniser was."""

    start: int
    end: int
    box: Box
    confidence: float


class OcrPage(Strict):
    """A page (or a page-sized picture in a .docx) whose text came from OCR, and how."""

    page: int
    lines: list[OcrSpan] = Field(default_factory=list)
    dpi: float
    skew: float = 0.0
    confidence: float = 0.0
    seconds: float = 0.0
    reason: str = ""


class HiddenSpan(Strict):
    text: str
    reason: HiddenReason
    location: Location


class Document(Strict):
    path: str
    sha256: str
    format: Format
    pages: int | None = None
    text: str = ""
    blocks: list[Block] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    hidden: list[HiddenSpan] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    # False when the text layer is garbled (missing ToUnicode map): 字数 cannot be trusted then.
    text_reliable: bool = True
    ocr_pages: list[OcrPage] = Field(default_factory=list)

    @property
    def ocr_confidence(self) -> float | None:
        """Mean confidence of the OCR'd text, weighted by length; None when nothing was OCR'd."""
        spans = [(b.end - b.start, b.confidence or 0.0) for b in self.blocks if b.source == "ocr"]
        total = sum(length for length, _ in spans)
        return sum(n * c for n, c in spans) / total if total else None

    @property
    def readable(self) -> bool:
        return not any(f.level == "error" and f.code != "needs_ocr" for f in self.findings)
