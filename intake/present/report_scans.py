"""The HTML report's page views of scans: each OCR'd PDF page a citation points into is shown as
the picture the recogniser read, with the cited lines' boxes drawn over it, linked to the quote.

Boxes are stored as shares of the page (extractors.document.Box), so they are placed in
percentages over the picture at any size. A page whose file is gone since the run is listed
without its picture. The Documents come from the page's record (report_html.read_record): nothing
here reads the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extractors.document import Box, Document, OcrPage
from extractors.ocr.pages import page_picture
from extractors.ocr.spans import box_of


@dataclass
class CitedBox:
    number: int
    box: Box

    @property
    def style(self) -> str:
        b = self.box
        return (f"left:{b.x0 * 100:.2f}%;top:{b.y0 * 100:.2f}%;"
                f"width:{(b.x1 - b.x0) * 100:.2f}%;height:{(b.y1 - b.y0) * 100:.2f}%")


@dataclass
class ScanView:
    page: int
    confidence: float
    image: str | None  # file name next to the submission page, or None
    boxes: list[CitedBox] = field(default_factory=list)


def scan_views(document: Document, spans: list[tuple[int, int, int]],
               pictures: dict[str, bytes], prefix: str) -> list[ScanView]:
    """The OCR'd pages holding cited spans (number, start, end); their PNGs go into `pictures`
    under the names the views use."""
    pages = {page.page: page for page in document.ocr_pages}
    views: dict[int, ScanView] = {}
    for number, start, end in spans:
        page, box = box_of(document, start, end)
        if page is None or box is None or page not in pages:
            continue
        view = views.get(page) or _view(document, pages[page], pictures, prefix)
        views[page] = view
        view.boxes.append(CitedBox(number, box))
    return [views[page] for page in sorted(views)]


def _view(document: Document, page: OcrPage, pictures: dict[str, bytes], prefix: str
          ) -> ScanView:
    name = f"{prefix}-p{page.page}.png"
    png = page_picture(Path(document.path), page.page, page.skew) if document.format == "pdf" \
        else None
    if png is not None:
        pictures[name] = png
    return ScanView(page.page, page.confidence, name if png is not None else None)

