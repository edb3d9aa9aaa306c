"""The fast text path for PDFs of plain prose (deeds materials): PDFium's characters laid out by
the same pdfplumber line rules, about five times faster than pdfminer's interpreter.

pdfminer interprets every content stream in Python (half of reading a PDF) and pdfplumber builds
a dict per object; PDFium (pypdfium2, installed with pdfplumber) does the first in C. Each
character's text and box come from PDFium; the box is built as pdfminer builds it (origin and
advance, the font's descent, one em high), so the lines, their text and their offsets come out
as on the pdfplumber path — tests/test_pdf_fast.py compares the two on every PDF the tests make.

The fast path takes only pages where nothing but line layout can matter. A page is handed back
(and the whole file read by pdf_reader) when it has anything the other rules look at: ruled
lines or any other path (tables, painted areas under white text), form XObjects, annotations of
form fields, a /Rotate, text that is turned, not filled (render modes 1–7), white, under 4 pt
or off the page, glyphs without a Unicode mapping (garbled text), or so few glyphs that it may
be a scan. So the hidden-text rules never run on PDFium's view of a page: such pages are read by
the tested pdfplumber path.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.pdf_layout import dedupe

TINY_POINTS = 4.0
MAX_OCR_GLYPHS = 10
WHITE_LEVEL = 242  # 0.95 of 255, as pdf_reader.WHITE
_WIDGET = 20  # FPDF_ANNOT_WIDGET
_FILL = 0  # FPDF_TEXTRENDERMODE_FILL
Obj = dict[str, Any]


class _Declined(Exception):
    """This page needs the pdfplumber path."""


def page_chars(path: str) -> list[list[Obj]] | None:
    """Each page's characters as pdfplumber-like dicts (fake bold kept once), or None when some
    page needs the pdfplumber path or PDFium cannot open the file."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return None
    try:
        return [dedupe(_chars(document[i])) for i in range(len(document))]
    except (_Declined, pdfium.PdfiumError):  # a page PDFium cannot load: pdfplumber says why
        return None
    finally:
        document.close()


def _chars(page: pdfium.PdfPage) -> list[Obj]:
    try:
        _check_page(page)
        box = page.get_mediabox()
        crop = page.get_cropbox()
        textpage = page.get_textpage()
        try:
            objects: dict[int, float] = {}
            chars = _merged([c for i in range(textpage.count_chars())
                             if (c := _char(textpage.raw, i, box, crop, objects)) is not None])
        finally:
            textpage.close()
    finally:
        page.close()
    if sum(1 for c in chars if not c["text"].isspace()) < MAX_OCR_GLYPHS:
        raise _Declined("few glyphs: perhaps a scan")
    return chars


def _merged(chars: list[Obj]) -> list[Obj]:
    """One char per glyph: PDFium splits a ligature ("ﬀ") into chars at one origin; pdfminer
    keeps one char whose text is both letters."""
    out: list[Obj] = []
    for char in chars:
        last = out[-1] if out else None
        if last is None or last["object"] != char["object"] or last["x0"] != char["x0"]:
            out.append(char)
        elif last["top"] == char["top"]:
            last["text"] += char["text"]
        else:
            raise _Declined("vertical writing")  # one column of glyphs: a vertical font
    return out


def _check_page(page: pdfium.PdfPage) -> None:
    if page.get_rotation() % 360:
        raise _Declined("rotated")
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        kind = pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, i))
        if kind in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM,
                    pdfium_c.FPDF_PAGEOBJ_SHADING):
            raise _Declined("paths or forms")
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(raw, i)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == _WIDGET:
                raise _Declined("form fields")
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)


def _char(textpage: Any, index: int, box: tuple[float, ...], crop: tuple[float, ...],
          objects: dict[int, float]) -> Obj | None:
    if pdfium_c.FPDFText_IsGenerated(textpage, index):
        if pdfium_c.FPDFText_GetUnicode(textpage, index) == 0x20:
            # PDFium drops some spaces the content draws and infers its own: pdfminer's and
            # pdfplumber's words could then differ (Latin "of rules" → "ofrules").
            raise _Declined("inferred space")
        return None  # a line break PDFium inferred; pdfminer has none
    if pdfium_c.FPDFText_HasUnicodeMapError(textpage, index):
        raise _Declined("no Unicode mapping")
    if abs(pdfium_c.FPDFText_GetCharAngle(textpage, index)) > 1e-3:
        raise _Declined("turned text")
    obj = pdfium_c.FPDFText_GetTextObject(textpage, index)
    address = ctypes.cast(obj, ctypes.c_void_p).value or 0
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    text = chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
    if size < TINY_POINTS and text.strip():
        raise _Declined("tiny")
    if address not in objects:
        objects[address] = _check_object(obj, size)
    return _box(textpage, index, address, objects[address] * size, size, text, box, crop)


def _check_object(obj: Any, size: float) -> float:
    """A text object's render mode and fill colour (the same for all its chars); returns its
    font's descent per point of size."""
    if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) != _FILL:
        raise _Declined("render mode")
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(v) for v in (r, g, b, a))):
        raise _Declined("no fill colour")
    if min(r.value, g.value, b.value) >= WHITE_LEVEL:
        raise _Declined("white")
    descent = ctypes.c_float()
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(max(size, 1.0)), ctypes.byref(descent))
    return descent.value / max(size, 1.0)


def _box(textpage: Any, index: int, address: int, descent: float, size: float, text: str,
         box: tuple[float, ...], crop: tuple[float, ...]) -> Obj:
    """The char as pdfminer boxes it: advance wide, one em high from the font's descent."""
    loose = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(loose))
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    y0 = y.value + descent
    y1 = y0 + size
    left, right = loose.left, loose.right
    if right <= crop[0] or left >= crop[2] or y1 <= crop[1] or y0 >= crop[3]:
        raise _Declined("off the page")
    x0, top = left - box[0], box[3] - y1
    return {"text": text, "x0": x0, "x1": right - box[0], "top": top, "bottom": box[3] - y0,
            "doctop": top, "width": right - left, "height": size, "size": size,
            "upright": True, "matrix": (1, 0, 0, 1, x0, y0), "fontname": "", "fill": True,
            "non_stroking_color": None, "object_type": "char", "object": address}
