"""`--ocr auto|off|force` as the readers take it, with the store's OCR cache when there is one.

auto: pages without a usable text layer are OCR'd (when the ocr extra is installed); off: no OCR,
such pages keep `needs_ocr`; force: every page of every PDF, and every page-sized picture, is
OCR'd and the OCR kept where it finds more than the text layer.
"""

from __future__ import annotations

from pathlib import Path

from extractors.ocr.need import Mode, OcrOptions
from intake.store_ocr import OcrStoreCache

MODES: tuple[Mode, ...] = ("auto", "off", "force")


def ocr_options(mode: Mode, db: Path | None = None) -> OcrOptions:
    return OcrOptions(mode=mode, cache=OcrStoreCache(db) if db is not None else None)
