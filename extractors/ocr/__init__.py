"""OCR of scanned pages, offline: page images → the same Document blocks digital files give.

Its job: decide whether a PDF page's text layer is usable (`need`); render a page or take a
page-sized picture from a .docx (`pages`, `pictures`) and clean it (`image`: resolution from the
scan's own, deskew, upscale small and downscale huge pages); read it with rapidocr (`engine`: ONNX
models shipped inside the rapidocr wheel, never downloaded), answering from a cache by image hash
when it can (`cache`); find the form's cells from its ruling lines (`grid`), give each recognised
character to the cell that holds its centre (`layout`), find red stamps (`seal`); and say which
text came from OCR and where it stands on the page (`spans`). rapidocr, onnxruntime and OpenCV
are the optional `ocr` extra: without them `available()` says what to install and scans keep
`needs_ocr`. Nothing here imports numpy or OpenCV until a page is OCR'd.
"""

from extractors.ocr.engine import OcrUnavailable, available

__all__ = ["OcrUnavailable", "available"]
