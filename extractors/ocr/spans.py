"""Which parts of a Document's text came from OCR, and how sure the recogniser was of them."""

from __future__ import annotations

from extractors.document import Block, Box, Document


def ocr_blocks(document: Document, start: int, end: int) -> list[Block]:
    """OCR'd blocks overlapping text[start:end] (an empty span: the block holding `start`)."""
    return [b for b in document.blocks if b.source == "ocr"
            and ((b.start < end and start < b.end) or b.start <= start <= b.end == start)]


def mean_confidence(blocks: list[Block]) -> float | None:
    weighted = [(b.end - b.start, b.confidence or 0.0) for b in blocks if b.end > b.start]
    total = sum(n for n, _ in weighted)
    return sum(n * c for n, c in weighted) / total if total else None


def box_of(document: Document, start: int, end: int) -> tuple[int | None, Box | None]:
    """The page and the box on it that hold text[start:end], when it was OCR'd: the box around
    the recognised lines it spans on its first page."""
    for page in document.ocr_pages:
        boxes = [line.box for line in page.lines if line.start < end and start < line.end]
        if boxes:
            return page.page, Box(x0=min(b.x0 for b in boxes), y0=min(b.y0 for b in boxes),
                                  x1=max(b.x1 for b in boxes), y1=max(b.y1 for b in boxes))
    return None, None
