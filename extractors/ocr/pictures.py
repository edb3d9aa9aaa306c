"""Scans pasted into Word: each picture that holds a whole page is OCR'd like a scanned PDF page.

A page-sized picture is large (at least MIN_SIDE pixels on its shorter side) and shaped like a
sheet of paper (portrait or landscape, A4 to Letter proportions give 1.29–1.41); logos, photos
and seals are neither.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, Protocol

from extractors.document import Image, OcrPage, Table
from extractors.ocr.need import OcrOptions
from extractors.ocr.pages import PageOcr
from extractors.textbuild import TextBuilder

MIN_SIDE = 600
PAGE_RATIO = (1.2, 1.6)


class _Walked(Protocol):
    builder: TextBuilder
    tables: dict[int, Table]
    images: list[Image]
    pictures: dict[str, Any]  # name → docx Part (its .blob holds the picture's bytes)
    ocr_pages: list[OcrPage]


def page_sized(data: bytes) -> bool:
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            width, height = picture.size
    except Exception:  # not a picture PIL reads (EMF, WMF, damaged): not a scan we can OCR
        return False
    short, long = sorted((width, height))
    return short >= MIN_SIDE and PAGE_RATIO[0] <= long / max(short, 1) <= PAGE_RATIO[1]


def ocr_pictures(walked: _Walked, path: Path, options: OcrOptions) -> None:
    """OCR the page-sized pictures into the walker's builder, after the text it holds."""
    ocr = PageOcr(path, options)
    number = 0
    for part in walked.pictures.values():
        if ocr.refusal() is not None:
            return
        data = part.blob
        if not page_sized(data):
            continue
        number += 1
        first = max(walked.tables, default=-1) + 1
        result, page = ocr.picture(data, number, walked.builder, first)
        walked.tables.update({table.index: table for table in result.tables})
        walked.images += result.images
        walked.ocr_pages.append(page)
