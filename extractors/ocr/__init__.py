"""OCR of scanned pages, offline: page images → the same Document blocks digital files give.

Its job: decide whether a page's text layer is usable (`need`), render and clean the page image
(`image`: resolution from the picture's own, deskew, upscale small and downscale huge pages), read
it with rapidocr (`engine`: ONNX models shipped inside the rapidocr wheel, never downloaded), find
the form's cells from its ruling lines (`grid`), give each recognised character to the cell that
holds its centre (`layout`), and find red stamps (`seal`). rapidocr, onnxruntime and OpenCV are the
optional `ocr` extra: without them `available()` says what to install and scans keep `needs_ocr`.
"""

from extractors.ocr.engine import OcrUnavailable, available

__all__ = ["OcrUnavailable", "available"]
