"""Scans pasted into Word: each picture that holds a whole page is OCR'd like a scanned PDF page,
also in a .docx with typed text (a typed 事迹材料 with the stamped 申报表 pasted in as a scan).

A page-sized picture is large (at least MIN_SIDE pixels on its shorter side), shaped like a sheet
of paper (A4 and Letter give 1.29–1.41) and mostly paper (near-white pixels): logos and seals are
too small, and a photo of the same shape is not mostly white.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from extractors.document import Image, OcrPage, Table
from extractors.ocr.need import OcrOptions
from extractors.ocr.pages import PageOcr
from extractors.textbuild import TextBuilder

MIN_SIDE = 600
PAGE_RATIO = (1.2, 1.6)
MIN_PAPER = 0.6  # share of near-white pixels on a scanned page (a form or typed text: ~90%)


class _Walked(Protocol):
    builder: TextBuilder
    tables: dict[int, Table]
    images: list[Image]
    pictures: dict[str, str]  # name → the picture's part in the package
    ocr_pages: list[OcrPage]


def page_sized(data: bytes) -> bool:
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            short, long = sorted(picture.size)
            if short < MIN_SIDE or not PAGE_RATIO[0] <= long / max(short, 1) <= PAGE_RATIO[1]:
                return False
            picture.draft("L", (400, 400))  # JPEG: decode at a fraction of the size
            grey = picture.convert("L").resize((200, 280))
    except Exception:  # not a picture PIL reads (EMF, WMF, damaged): not a scan we can OCR
        return False
    histogram = grey.histogram()
    return sum(histogram[200:]) / max(sum(histogram), 1) >= MIN_PAPER


def ocr_pictures(walked: _Walked, path: Path, options: OcrOptions,
                 blob: Callable[[str], bytes | None]) -> str | None:
    """OCR the page-sized pictures into the walker's builder, after the text it holds; `blob`
    gives a picture part's bytes (None: missing or refused). Return why pictures were left
    unread, or None."""
    ocr = PageOcr(path, options)
    number = 0
    for part in walked.pictures.values():
        data = blob(part)
        if data is None or not page_sized(data):
            continue
        refusal = ocr.refusal()
        if refusal is not None:
            return refusal
        number += 1
        first = max(walked.tables, default=-1) + 1
        mark = walked.builder.mark()
        try:
            result, page = ocr.picture(data, number, walked.builder, first)
        except MemoryError:
            raise
        except Exception as error:  # the recogniser's failure leaves the picture unread
            walked.builder.rollback(mark)
            return ocr.failed(error)
        walked.tables.update({table.index: table for table in result.tables})
        walked.images += result.images
        walked.ocr_pages.append(page)
    return None
