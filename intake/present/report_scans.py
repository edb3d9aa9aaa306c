"""The page views of scans, for the HTML report and the desk alike: each OCR'd PDF page a
citation points into is shown as the picture the recogniser read, with the cited lines' boxes
drawn over it, linked to the quote (templates/scans.html.j2 draws them, for both).

Boxes are stored as shares of the page (extractors.document.Box), so they are placed in
percentages over the picture at any size: as SVG attributes, not inline styles, because the
desk's Content-Security-Policy refuses inline styles. A page whose file is gone or changed since
the run is shown without its picture. The Documents come from the store through the caller:
nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.document import Box, Document, OcrPage
from extractors.ocr.pages import page_picture
from extractors.ocr.spans import box_of
from extractors.read import sha256_file

Picture = Callable[[OcrPage], str | None]  # where the page's picture is shown from, or None


@dataclass
class CitedBox:
    number: int
    box: Box
    shift: int = 0  # how many boxes before it start at the same corner: its label moves right

    @property
    def x(self) -> str:
        return f"{self.box.x0 * 100:.2f}%"

    @property
    def y(self) -> str:
        return f"{self.box.y0 * 100:.2f}%"

    @property
    def width(self) -> str:
        return f"{(self.box.x1 - self.box.x0) * 100:.2f}%"

    @property
    def height(self) -> str:
        return f"{(self.box.y1 - self.box.y0) * 100:.2f}%"


@dataclass
class ScanView:
    page: int
    confidence: float
    image: str | None  # the picture's address (a file name, a desk route), or None
    boxes: list[CitedBox] = field(default_factory=list)


def scan_views(document: Document, spans: list[tuple[int, int, int]], picture: Picture
               ) -> list[ScanView]:
    """The OCR'd pages holding cited spans (number, start, end), each with the address
    `picture` gives its page (called once per page shown)."""
    pages = {page.page: page for page in document.ocr_pages}
    views: dict[int, ScanView] = {}
    for number, start, end in spans:
        page, box = box_of(document, start, end)
        if page is None or box is None or page not in pages:
            continue
        if page not in views:
            views[page] = ScanView(page, pages[page].confidence, picture(pages[page]))
        corner = [b for b in views[page].boxes if (b.box.x0, b.box.y0) == (box.x0, box.y0)]
        views[page].boxes.append(CitedBox(number, box, len(corner)))
    return [views[page] for page in sorted(views)]


def picture_source(document: Document) -> Path | None:
    """The PDF the page pictures are rendered from: only the very file that was read (same
    hash), so the boxes land on the same words; None when it is gone, changed or not a PDF."""
    path = Path(document.path)
    if document.format != "pdf" or not path.is_file():
        return None
    try:
        same = sha256_file(path) == document.sha256
    except OSError:  # unreadable since the run: shown as gone, never a traceback
        return None
    return path if same else None


def page_png(document: Document, page: int) -> bytes | None:
    """The PNG of one OCR'd page of the document as the recogniser saw it, or None."""
    found = next((p for p in document.ocr_pages if p.page == page), None)
    source = picture_source(document) if found is not None else None
    if found is None or source is None:
        return None
    return _rendered(source, document.sha256, page, found.skew)


@lru_cache(maxsize=16)  # the desk shows a page again after every decision; ~250 kB each
def _rendered(source: Path, sha256: str, page: int, skew: float) -> bytes | None:
    """Keyed by the file's hash (checked by the caller), so a changed file is never served."""
    return page_picture(source, page, skew)


def report_pictures(document: Document, pictures: dict[str, bytes], prefix: str) -> Picture:
    """For the report: each page's PNG goes into `pictures`, named beside the submission page."""
    source = picture_source(document)  # hashed once for all its pages

    def picture(page: OcrPage) -> str | None:
        png = page_picture(source, page.page, page.skew) if source is not None else None
        if png is None:
            return None
        name = f"{prefix}-p{page.page}.png"
        pictures[name] = png
        return name

    return picture
