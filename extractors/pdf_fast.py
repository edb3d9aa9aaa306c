"""The fast path for PDFs of plain prose and ruled forms: PDFium's characters and ruling lines
laid out by the same pdfplumber line and table rules, several times faster than pdfminer's
interpreter.

pdfminer interprets every content stream in Python (half of reading a PDF) and pdfplumber builds
a dict per object; PDFium (pypdfium2, installed with pdfplumber) does the first in C. Each
character's text and box come from PDFium; the box is built as pdfminer builds it (origin and
advance, the font's descent, one em high), so the lines, their text and their offsets come out
as on the pdfplumber path — tests/test_pdf_fast.py compares the two on every PDF the tests make.
Each line or rectangle path becomes the edges pdfplumber's table finder would see
(pdf_ruling), so a form's cells are found by pdfplumber's own code.

The fast path takes only pages where nothing but line and table layout can matter. A page is
handed back (and the whole file read by pdf_reader) when it has anything the other rules look
at: a curve or any path pdfminer would not make a line or rectangle, pictures beside paths (a
seal in a cell), form XObjects or shadings, annotations of form fields, a /Rotate, text that is
turned, not filled (render modes 1–7), white, under 4 pt or off the page, glyphs without a
Unicode mapping (garbled text), a space PDFium inferred where pdfplumber would not split words,
or so few glyphs that it may be a scan. So the hidden-text rules never run on PDFium's view of
a page (white text is never taken, so painted areas under it do not matter): such pages are
read by the tested pdfplumber path. Each page taken also says how much of it pictures cover,
so the reader can still ask whether its text layer is usable (extractors.ocr.need) and hand a
scan with a short visible layer to the pdfplumber path and OCR.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extractors.pdf_layout import dedupe
from extractors.pdf_ruling import NotRuling, path_edges

TINY_POINTS = 4.0
MAX_OCR_GLYPHS = 10
WORD_TOLERANCE = 3.0  # pdfplumber's default x and y tolerance between the chars of a word
WORD_MARGIN = 1.0  # PDFium's boxes and pdfminer's may differ this much
INFERRED = "inferred space"
WHITE_LEVEL = 242  # 0.95 of 255, as pdf_reader.WHITE
_WIDGET = 20  # FPDF_ANNOT_WIDGET
_FILL = 0  # FPDF_TEXTRENDERMODE_FILL
Obj = dict[str, Any]


class _Declined(Exception):
    """This page needs the pdfplumber path."""


@dataclass(frozen=True)
class FastPage:
    """One page PDFium read: its characters, and the share of the page its pictures cover
    (as pdf_reader._image_share measures it on pdfplumber's view)."""

    chars: list[Obj]
    picture_share: float
    edges: list[Obj] = field(default_factory=list)  # pdfplumber's Page.edges of its rules


def page_chars(source: str | bytes) -> list[FastPage] | None:
    """Each page's characters as pdfplumber-like dicts (fake bold kept once), or None when some
    page needs the pdfplumber path or PDFium cannot open the file. `source`: a path, or the
    file's bytes when the caller has read them already (to hash them): PDFium then reads no
    file again."""
    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError:
        return None
    try:
        return [_page(document[i]) for i in range(len(document))]
    except (_Declined, pdfium.PdfiumError):  # a page PDFium cannot load: pdfplumber says why
        return None
    finally:
        document.close()


def _page(page: pdfium.PdfPage) -> FastPage:
    try:
        share, edges, texts = _check_page(page)
        chars = dedupe(_chars(page, texts))
    finally:
        page.close()
    return FastPage(chars, share, edges)


def _chars(page: pdfium.PdfPage, texts: list[Any]) -> list[Obj]:
    textpage = page.get_textpage()
    try:
        reader = _CharReader(textpage.raw, page.get_mediabox(), page.get_cropbox())
        read = reader.chars()
        _check_all_read(texts, reader.objects)
    finally:
        textpage.close()
    chars = _merged(_without_inferred_spaces(read))
    if sum(1 for c in chars if not c["text"].isspace()) < MAX_OCR_GLYPHS:
        raise _Declined("few glyphs: perhaps a scan")
    return chars


def _check_all_read(texts: list[Any], read: dict[int, Any]) -> None:
    """Decline a page where PDFium's text page left out text pdfminer reads. PDFium leaves
    out a text object drawn again where one was (fake bold: kept once, as dedupe would), and
    one whose box it finds empty: a line that is a lone "。" in a CJK font not embedded, on a
    machine with no font to stand in for it. Only the second is lost text."""
    for obj in texts:
        if ctypes.cast(obj, ctypes.c_void_p).value in read:
            continue
        if _width(obj) == 0.0 and not pdfium_c.FPDFFont_GetIsEmbedded(
                pdfium_c.FPDFTextObj_GetFont(obj)):
            raise _Declined("a text object PDFium left out")


def _without_inferred_spaces(read: list[Obj | str]) -> list[Obj]:
    """The chars, without the spaces PDFium inferred between them. PDFium also drops some
    spaces the content draws and infers its own instead, and pdfplumber splits words at a
    drawn space: so an inferred space is only dropped where pdfplumber starts a new word
    anyway (a gap wider than its x tolerance, with a margin: a gap between form cells)."""
    chars: list[Obj] = []
    inferred = False
    for char in read:
        if isinstance(char, str):
            inferred = True
            continue
        if inferred and chars and not _new_word(chars[-1], char):
            raise _Declined("inferred space")  # Latin "of rules" could read "ofrules"
        chars.append(char)
        inferred = False
    return chars


def _new_word(before: Obj, after: Obj) -> bool:
    """pdfplumber's char_begins_new_word (x and y tolerance 3), with a margin either way: the
    next char is on another line, or further right along this one. (pdfplumber also starts a
    word at a char left of the last; but there it sorts the line, and a dropped space drawn
    after `before` would fall elsewhere in that order.)"""
    return (abs(after["top"] - before["top"]) > WORD_TOLERANCE + WORD_MARGIN
            or after["x0"] > before["x1"] + WORD_TOLERANCE + WORD_MARGIN)


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


def _check_page(page: pdfium.PdfPage) -> tuple[float, list[Obj], list[Any]]:
    """Decline what the fast path cannot read; return the share of the page pictures cover,
    the edges of its ruling lines (pdf_ruling) and its text objects."""
    if page.get_rotation() % 360:
        raise _Declined("rotated")
    raw, box = page.raw, page.get_mediabox()
    pictures = 0.0
    edges: list[Obj] = []
    texts: list[Any] = []
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts.append(obj)
        elif kind in (pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_SHADING):
            raise _Declined("forms or shadings")
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            pictures += _area(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            edges += _path_edges(obj, box)
    if edges and pictures:
        # A picture in a cell (a seal in 单位意见) is counted on the cell by its XObject name,
        # which PDFium does not give; and a painted area may be what white text lies on.
        raise _Declined("pictures and paths")
    for i in range(pdfium_c.FPDFPage_GetAnnotCount(raw)):
        annot = pdfium_c.FPDFPage_GetAnnot(raw, i)
        try:
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == _WIDGET:
                raise _Declined("form fields")
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
    width, height = page.get_size()
    return min(pictures / max(width * height, 1.0), 1.0), edges, texts


def _path_edges(obj: Any, box: tuple[float, ...]) -> list[Obj]:
    try:
        return path_edges(obj, box)
    except NotRuling as error:
        raise _Declined(str(error)) from error


def _area(obj: Any) -> float:
    """The area of a page object's bounding box, in square points."""
    left, bottom, right, top = _bounds(obj)
    return max(right - left, 0.0) * max(top - bottom, 0.0)


def _width(obj: Any) -> float:
    left, _, right, _ = _bounds(obj)
    return max(right - left, 0.0)


def _bounds(obj: Any) -> tuple[float, float, float, float]:
    """A page object's bounding box (left, bottom, right, top); all 0 where PDFium has none."""
    box = [ctypes.c_float() for _ in range(4)]
    if not pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box)):
        return 0.0, 0.0, 0.0, 0.0
    return box[0].value, box[1].value, box[2].value, box[3].value


def _raw(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A PDFium function called with plain addresses. pypdfium2's typed pointers cost a
    conversion and a Python object per call: with four calls per char, most of the loop."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_P, _I = ctypes.c_void_p, ctypes.c_int
_text_object = _raw(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
_generated = _raw(pdfium_c.FPDFText_IsGenerated, _I, _P, _I)
_map_error = _raw(pdfium_c.FPDFText_HasUnicodeMapError, _I, _P, _I)
_loose_box = _raw(pdfium_c.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
_origin = _raw(pdfium_c.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)


class _CharReader:
    """A text page's chars, a few PDFium calls each: what is the same for every char of a text
    object (render mode, colour, angle, size, the font's descent) is asked once per object, and
    the text of the page at once. Its ctypes buffers are made once per page."""

    def __init__(self, textpage: Any, box: tuple[float, ...], crop: tuple[float, ...]) -> None:
        self.textpage, self.box, self.crop = textpage, box, crop
        self.address = ctypes.cast(textpage, ctypes.c_void_p).value
        self.objects: dict[int, tuple[float, float]] = {}  # address → size, descent
        self.loose, self.x, self.y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        self.refs = tuple(ctypes.addressof(v) for v in (self.loose, self.x, self.y))

    def chars(self) -> list[Obj | str]:
        """Each char; INFERRED for a space PDFium inferred (pdfminer has none: the caller
        decides whether it may go); line breaks PDFium inferred are left out."""
        count = pdfium_c.FPDFText_CountChars(self.textpage)
        texts = _page_text(self.textpage, count)
        read: list[Obj | str] = []
        for index in range(count):
            text = (texts[index] if texts is not None
                    else chr(pdfium_c.FPDFText_GetUnicode(self.textpage, index)))
            char = self.char(index, text)
            if char is not None:
                read.append(char)
        return read

    def char(self, index: int, text: str) -> Obj | str | None:
        textpage = self.address
        obj = _text_object(textpage, index)
        if not obj or (text.isspace() and _generated(textpage, index)):
            if not _generated(textpage, index):
                raise _Declined("a char without a text object")
            return INFERRED if text == " " else None
        if _map_error(textpage, index):
            raise _Declined("no Unicode mapping")
        known = self.objects.get(obj)
        if known is None:
            known = self.objects[obj] = self.object(index, obj)
        size, descent = known
        if size < TINY_POINTS and text.strip():
            raise _Declined("tiny")
        return self.box_of(index, obj, size, descent, text)

    def object(self, index: int, obj: int) -> tuple[float, float]:
        """The size and descent (in points) of a text object's chars."""
        size, descent = _check_object(self.textpage, index,
                                      ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT))
        return size, descent * size

    def box_of(self, index: int, address: int, size: float, descent: float, text: str) -> Obj:
        """The char as pdfminer boxes it: advance wide, one em high from the font's descent."""
        loose, box, crop, (rect_at, x_at, y_at) = self.loose, self.box, self.crop, self.refs
        _loose_box(self.address, index, rect_at)
        _origin(self.address, index, x_at, y_at)
        y0 = self.y.value + descent
        y1 = y0 + size
        left, right = loose.left, loose.right
        if right <= crop[0] or left >= crop[2] or y1 <= crop[1] or y0 >= crop[3]:
            raise _Declined("off the page")
        x0, top = left - box[0], box[3] - y1
        return {"text": text, "x0": x0, "x1": right - box[0], "top": top,
                "bottom": box[3] - y0, "doctop": top, "width": right - left, "height": size,
                "size": size, "upright": True, "matrix": (1, 0, 0, 1, x0, y0), "fontname": "",
                "fill": True, "non_stroking_color": None, "object_type": "char",
                "object": address}


def _page_text(textpage: Any, count: int) -> str | None:
    """The text of every char, one call; None when it does not give one unit per char (a char
    outside the BMP takes two): then each char's text is asked for."""
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    units = pdfium_c.FPDFText_GetText(textpage, 0, count,
                                      ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    if units != count + 1:
        return None
    text = buffer.raw[:2 * count].decode("utf-16-le", errors="replace")
    return text if len(text) == count else None


def _check_object(textpage: Any, index: int, obj: Any) -> tuple[float, float]:
    """Decline a text object that is turned, not filled or white (the same for all its chars:
    PDFium gives each char its object's matrix and size); return its size and its font's
    descent per point of size."""
    if abs(pdfium_c.FPDFText_GetCharAngle(textpage, index)) > 1e-3:
        raise _Declined("turned text")
    if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) != _FILL:
        raise _Declined("render mode")
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(v) for v in (r, g, b, a))):
        raise _Declined("no fill colour")
    if min(r.value, g.value, b.value) >= WHITE_LEVEL:
        raise _Declined("white")
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    descent = ctypes.c_float()
    font = pdfium_c.FPDFTextObj_GetFont(obj)
    pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(max(size, 1.0)), ctypes.byref(descent))
    return size, descent.value / max(size, 1.0)
