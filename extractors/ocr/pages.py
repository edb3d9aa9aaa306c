"""OCR of whole pages for the readers: a PDF page rendered with pypdfium2, or a page-sized
picture from a .docx, read into the reader's TextBuilder within the document's OCR limits."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.document import OcrPage
from extractors.ocr.engine import available
from extractors.ocr.need import OcrOptions
from extractors.textbuild import TextBuilder

if TYPE_CHECKING:  # numpy, PIL and OpenCV load only when a page is OCR'd
    import numpy as np


@dataclass
class PageOcr:
    """One document's OCR: which pages may still be OCR'd, and the PDF opened for rendering."""

    path: Path
    options: OcrOptions
    started: float = field(default_factory=time.monotonic)
    done: int = 0
    failure: str | None = None
    _pdf: Any = None

    def failed(self, error: Exception) -> str:
        """Record that OCR failed here; no further page of this document is tried."""
        lines = str(error).strip().splitlines()
        detail = lines[-1][-120:] if lines else ""  # its end says what went wrong
        self.failure = f"OCR 出错（{type(error).__name__}: {detail}），可能是内存不足"
        return self.failure

    def refusal(self) -> str | None:
        """Why no (further) page may be OCR'd, in the reviewer's words, or None."""
        if self.options.mode == "off":
            return "已按 --ocr off 关闭 OCR"
        if self.failure is not None:
            return self.failure
        problem = available()
        if problem:
            return problem
        if self.done >= self.options.max_pages:
            return f"每份文件最多 OCR {self.options.max_pages} 页"
        if time.monotonic() - self.started > self.options.seconds:
            return f"OCR 已用时超过 {self.options.seconds:g} 秒，其余页未识别"
        return None

    def pdf_page(self, number: int, picture_dpi: float | None, builder: TextBuilder,
                 first_table: int, reason: str) -> tuple[Any, OcrPage]:
        """Render page `number` (1-based) and OCR it into `builder`."""
        from extractors.ocr.image import choose_dpi, within_budget

        if self._pdf is None:
            import pypdfium2

            self._pdf = pypdfium2.PdfDocument(str(self.path))
        page = self._pdf[number - 1]
        width, height = page.get_size()
        dpi = within_budget(width, height, choose_dpi(picture_dpi))
        import numpy as np

        bitmap = page.render(scale=dpi / 72)
        image = np.asarray(bitmap.to_pil().convert("RGB"))  # PIL knows pdfium's byte order
        bitmap.close()
        page.close()
        return self.image(image, number, builder, first_table, dpi, reason)

    def picture(self, data: bytes, number: int, builder: TextBuilder, first_table: int
                ) -> tuple[Any, OcrPage]:
        """OCR a page-sized picture (bytes of a JPEG/PNG from a .docx)."""
        import numpy as np
        from PIL import Image

        from extractors.ocr.image import fit

        with Image.open(io.BytesIO(data)) as picture:
            picture.draft("RGB", (3500, 3500))  # JPEG: decode at a reduced size if huge
            dpi = float(picture.info.get("dpi", (0, 0))[0] or 0)
            image = fit(np.asarray(picture.convert("RGB")))
        return self.image(image, number, builder, first_table, dpi, "picture")

    def image(self, image: np.ndarray, number: int, builder: TextBuilder, first_table: int,
              dpi: float, reason: str) -> tuple[Any, OcrPage]:
        from extractors.ocr.cache import cached
        from extractors.ocr.layout import read_page_image

        began = time.monotonic()
        result = read_page_image(image, number, builder, first_table,
                                 cached(self.options.cache))  # type: ignore[arg-type]
        self.done += 1
        page = OcrPage(page=number, lines=result.lines, dpi=round(dpi, 1), skew=result.skew,
                       confidence=round(result.confidence, 4),
                       seconds=round(time.monotonic() - began, 2), reason=reason)
        return result, page

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None


def page_picture(path: Path, page: int, skew: float, width: int = 1000) -> bytes | None:
    """A PNG of an OCR'd PDF page as the recogniser saw it (deskewed by `skew`), `width` pixels
    wide, so boxes recorded on the page land on the same words; None when it cannot be made
    (the file is gone, not a PDF, or the ocr extra is missing)."""
    if available() is not None:
        return None
    try:
        import cv2
        import numpy as np
        import pypdfium2

        from extractors.ocr.image import rotate

        pdf = pypdfium2.PdfDocument(str(path))
        try:
            sheet = pdf[page - 1]
            bitmap = sheet.render(scale=width / sheet.get_width())
            image = np.asarray(bitmap.to_pil().convert("RGB"))
        finally:
            pdf.close()
        if abs(skew) >= 0.1:
            image = rotate(image, skew)
        ok, png = cv2.imencode(".png", cv2.cvtColor(image, cv2.COLOR_RGB2BGR))
    except Exception:  # a report must not fail because a scan moved or broke since the run
        return None
    return png.tobytes() if ok else None
