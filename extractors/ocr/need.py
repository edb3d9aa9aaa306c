"""Does a PDF page need OCR? The text layer is unusable when there is none on a picture, when it
decodes to (cid:N) or to garbage, or when a picture covers the page and the layer is so short
that the picture probably shows more (ocrmypdf's layer in a font pdfminer cannot decode gives a
dozen glyphs on a full page): such a page is OCR'd and the longer reading kept.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import ConfigDict

from extractors.garble import garbled
from rubric.strict import Strict

Mode = Literal["auto", "off", "force"]
Reason = Literal["no_text", "undecodable", "short", "forced"]

MIN_PICTURE_SHARE = 0.25  # a page that is mostly picture and has no text needs OCR
MAX_SCAN_GLYPHS = 10  # a scan may carry a page number or a scanner app's watermark as text
COVERED_SHARE = 0.6  # a picture this large is a scanned page
SHORT_LAYER_GLYPHS = 200  # a full scanned page with fewer glyphs than this is suspect
MUCH_LONGER = 1.5  # OCR must find this many times the layer's glyphs (+ MAX_SCAN_GLYPHS)
_CID = re.compile(r"\(cid:\d+\)")

REASON_WORDS: dict[str, str] = {
    "no_text": "没有文字层（扫描件或图片）",
    "undecodable": "文字层无法解码（字体缺少编码映射，如 OCR 软件生成的隐形文字层）",
    "short": "文字层远少于页面图像上的文字",
    "forced": "按 --ocr force 要求",
}


class OcrOptions(Strict):
    """How OCR runs for one document: `mode` as --ocr says; limits per document."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    mode: Mode = "auto"
    max_pages: int = 30  # pages OCR'd per document; the rest keep needs_ocr
    seconds: float = 48.0  # OCR stops starting pages after this (inside the worker's timeout)
    cache: object | None = None  # an extractors.ocr.cache.OcrCache, or None


def glyph_count(text: str) -> int:
    return sum(1 for ch in _CID.sub("", text) if not ch.isspace())


def page_reason(text: str, picture_share: float, mode: Mode) -> Reason | None:
    """Why this page's text layer is not to be trusted as it stands, or None."""
    if mode == "force":
        return "forced"
    glyphs = glyph_count(text)
    cids = len(_CID.findall(text))
    if cids and cids >= glyphs * 0.1:
        return "undecodable"
    if glyphs < MAX_SCAN_GLYPHS and picture_share >= MIN_PICTURE_SHARE:
        return "no_text"
    if garbled(text):
        return "undecodable"
    if picture_share >= COVERED_SHARE and glyphs < SHORT_LAYER_GLYPHS:
        return "short"
    return None


def ocr_wins(reason: Reason, layer_text: str, ocr_text: str) -> bool:
    """Keep the OCR reading instead of the layer? Only when it found real text, and, for a layer
    that was merely short, far more of it."""
    found = glyph_count(ocr_text)
    if found < MAX_SCAN_GLYPHS:
        return False
    if reason == "short":
        return found > MUCH_LONGER * glyph_count(layer_text) + MAX_SCAN_GLYPHS
    return True
