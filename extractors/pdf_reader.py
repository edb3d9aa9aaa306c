"""PDF → Document with pdfplumber: text lines and table cells of each page, ordered top to bottom.

Forms are tables, so each table pdfplumber finds becomes cells with exact offsets (a merged cell,
None in pdfplumber's grid, appears once) and the text outside the tables becomes one block per
line. Characters nobody can see — white fill on an unpainted area, under 4 pt, off the page, or
drawn in a text render mode that paints nothing (Tr 3 or 7) on an area without a picture — are
kept out of the text and recorded as hidden. Render mode 3 is also the normal text layer of OCR'd
scans: there it lies on the scanned image, which shows the same words, so it stays text.
pdfminer keeps the render mode in its text state but not on its chars (pdfminer #1230), so each
page is laid out here by a device that marks every char with `fill` and `stroke`, as pdfplumber
does for rects and curves. Each page's caches are dropped as soon as it is read: pdfplumber has
used gigabytes on single large files when pages were kept.

A file of plain prose and ruled tables (no curves, fields, pictures among rules, turned, hidden
or unmapped text on any page) is read from PDFium's characters and rules instead (pdf_fast),
with the same line and table rules and the same result; its lines and cell texts are built by
pdf_text, which gives what pdfplumber's text map gives without building one.
Before layout, pdf_layout keeps a fake-bold glyph once, finds the direction lines run in (pages
shown turned), measures type across its line, and turns form fields' values into text; a file
whose page tree or security handler pdfminer cannot follow is read from PDFium's copy
(pdf_repair).

A page whose text layer is not usable (extractors.ocr.need: none on a picture, (cid:N) or
garbage, a few glyphs under a full-page picture) is read by OCR instead (extractors.ocr), page
by page, so a file of typed and scanned pages keeps the typed pages' text layer; when OCR is off,
missing, failing or finds no more, the page keeps its layer and a `needs_ocr` saying why. The
fast path asks the same question of every page it takes: when any page's layer is not usable
(or --ocr force), the whole file is read by pdfplumber, whose pages can be OCR'd.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfinterp import PDFPageInterpreter, PDFTextState
from pdfminer.pdftypes import resolve1
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.table import Row, TableFinder
from pdfplumber.table import Table as PdfTable
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.text import chars_to_textmap, extract_text

from extractors.document import Cell, Document, HiddenReason, Image, Location, OcrPage, Table
from extractors.findings import Finding, finding
from extractors.garble import garbled
from extractors.ocr.need import REASON_WORDS, OcrOptions, Reason, ocr_wins, page_reason
from extractors.ocr.pages import PageOcr
from extractors.pdf_fast import FastPage, page_chars
from extractors.pdf_layout import UPRIGHT, Direction, dedupe, direction, field_chars, glyph_size
from extractors.pdf_repair import Locked, page_count, repaired_copy
from extractors.pdf_text import cell_text, plain, text_lines
from extractors.textbuild import TextBuilder, hidden_finding

TINY_POINTS = 4.0
WHITE = 0.95  # colour components at or above this (CMYK: at or below 1 - this) print as white
FAST_PATH = True  # prose and ruled forms through PDFium (pdf_fast); tests turn it off to compare
# Text render modes (PDF 32000 9.3.6): 0 fill, 1 stroke, 2 both, 3 neither, 4-7 the same + clip.
# A mode above 7 is undefined; viewers fill it, so it counts as filled here too.
_NO_FILL_MODES = frozenset({1, 3, 5, 7})
_STROKE_MODES = frozenset({1, 2, 5, 6})
Obj = dict[str, Any]


class _PaintDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, marking each char with `fill` and `stroke` from the text render
    mode in force when it was shown (`fill` and `stroke` are attributes pdfplumber copies)."""

    _mode = 0

    def render_string(self, textstate: PDFTextState, *args: Any, **kwargs: Any) -> None:
        self._mode = textstate.render
        super().render_string(textstate, *args, **kwargs)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        advance = super().render_char(*args, **kwargs)
        char = self.cur_item._objs[-1]
        char.fill = self._mode not in _NO_FILL_MODES  # type: ignore[attr-defined]
        char.stroke = self._mode in _STROKE_MODES  # type: ignore[attr-defined]
        return advance


def _lay_out(page: Page) -> None:
    """What pdfplumber's Page.layout does, with _PaintDevice; Page.layout then returns it."""
    device = _PaintDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as error:  # as pdfplumber does: read._describe names the original
        raise PdfminerException(error) from error
    page._layout = device.get_result()  # type: ignore[misc]


@dataclass
class _PdfReader:
    path: Path
    ocr: PageOcr
    builder: TextBuilder = field(default_factory=TextBuilder)
    tables: list[Table] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    scanned: list[tuple[int, Reason, str]] = field(default_factory=list)  # page, why, why not
    garbled: list[int] = field(default_factory=list)
    ocr_pages: list[OcrPage] = field(default_factory=list)
    own_text: bool = False  # plain upright pages laid out by pdf_text (the fast path)

    def page(self, page: Page) -> None:
        """Read the page's text layer; OCR the page instead when that layer is not usable."""
        mark, tables, images = self.builder.mark(), len(self.tables), len(self.images)
        text = self.text_layer(page)
        reason = page_reason(text, _image_share(page), self.ocr.options.mode)
        refusal = self.ocr.refusal() if reason else None
        if reason is None or refusal is not None:
            self.judge(page, text, reason, refusal)
            return
        self.builder.rollback(mark)
        del self.tables[tables:], self.images[images:]
        try:
            result, done = self.ocr.pdf_page(page.page_number, _picture_dpi(page), self.builder,
                                             tables, reason)
        except MemoryError:
            raise  # the worker reports it; nothing in this process is to be trusted after it
        except Exception as error:  # the recogniser's own failures keep the page's text layer
            self.builder.rollback(mark)
            self.text_layer(page)
            self.judge(page, text, reason, self.ocr.failed(error))
            return
        if ocr_wins(reason, text, "".join(self.builder.parts[mark[0]:])):
            self.tables += result.tables
            self.images += result.images
            self.ocr_pages.append(done)
            return
        self.builder.rollback(mark)  # OCR found no more than the layer: keep the layer
        self.text_layer(page)
        # A short layer the OCR confirms is the page's text; a picture OCR finds no text on
        # (a photo, a blank scan) still needs a person to look.
        self.judge(page, text, None if reason == "short" else reason, "OCR 未识别出文字")

    def text_layer(self, page: Page) -> str:
        """Add the page's text layer to the builder; return this page's text."""
        number = page.page_number
        fields, hidden_fields = _fields(page)
        hidden = self.hide_invisible(page, hidden_fields)
        chars = dedupe([char for char in page.chars if id(char) not in hidden]) + fields
        # The default "lines" strategy looks at rules, not chars.
        return self.lay_out(number, chars, page.find_tables(), page.images)

    def lay_out(self, number: int, chars: list[Obj], found: list[PdfTable],
                pictures: list[Obj], way: Direction | None = None) -> str:
        """Add the page's lines and tables in reading order; return this page's text. `way`:
        the direction lines run in, when the caller knows it (else found from the chars)."""
        layout = _Text(way or direction(chars), self.own_text and plain(chars))
        way = layout.way
        # Each visible char goes to the first table whose box holds its centre, or to none:
        # one pass, instead of pdfplumber's Table.extract scanning every char for every row.
        boxes = [table.bbox for table in found]  # a computed property: compute it once
        inside: list[list[Obj]] = [[] for _ in found]
        outside: list[Obj] = [] if boxes else chars
        for char in chars if boxes else ():
            where = next((i for i, box in enumerate(boxes) if _inside(char, box)), None)
            (outside if where is None else inside[where]).append(char)
        lines = layout.lines(outside)
        units: list[tuple[tuple[float, float], Obj | int]] = [
            (way.order((ln["x0"], ln["top"], ln["x1"], ln["bottom"])), ln) for ln in lines]
        units += [(way.order(box), i) for i, box in enumerate(boxes)]
        first_part = len(self.builder.parts)
        for _, unit in sorted(units, key=lambda u: u[0]):
            if isinstance(unit, int):
                self.table(found[unit], inside[unit], number, layout, pictures)
            else:
                self.builder.add([(unit["text"], None)], "paragraph", Location(page=number))
        return "".join(self.builder.parts[first_part:])

    def hide_invisible(self, page: Page, hidden_fields: list[Obj]) -> set[int]:
        """Record invisible characters (and the values of hidden form fields) as hidden spans;
        return the characters' ids to filter them out."""
        painted: list[tuple[float, float, float, float]] | None = None
        pictures: list[tuple[float, float, float, float]] | None = None
        hidden: set[int] = set()
        run, run_reason = "", None
        for char in page.chars:
            reason = _char_reason(char, page)
            if reason == "white":
                painted = painted if painted is not None else _painted_areas(page)
                reason = None if any(_inside(char, box) for box in painted) else reason
            elif reason is None and not char.get("fill", True) and not char.get("stroke"):
                # Unpainted text on a picture is an OCR layer, whose words the picture shows.
                pictures = pictures if pictures is not None else _picture_areas(page)
                reason = None if any(_inside(char, box) for box in pictures) else "invisible"
            if reason is not None:
                hidden.add(id(char))
            if reason != run_reason:
                self.builder.hide(run, run_reason, Location(page=page.page_number))
                run, run_reason = "", reason
            run += char["text"] if reason else ""
        self.builder.hide(run, run_reason, Location(page=page.page_number))
        for value in hidden_fields:
            self.builder.hide(value["text"], "invisible", Location(page=page.page_number))
        return hidden

    def table(self, found: PdfTable, chars: list[Obj], number: int, layout: _Text,
              pictures: list[Obj]) -> None:
        """The table's cells as blocks; a picture whose centre lies in a cell (a seal pasted into
        单位意见) is counted on that cell, as the .docx reader counts a cell's images."""
        index = len(self.tables)
        rows: list[list[Cell]] = []
        found_rows = found.rows  # a property pdfplumber computes afresh on every access
        for row_index, texts in enumerate(_cell_texts(found_rows, chars, layout)):
            cells = []
            boxes = found_rows[row_index].cells
            for column, text in enumerate(texts):
                box = boxes[column]
                if text is None or box is None:
                    continue  # covered by a merged cell to the left or above
                location = Location(page=number, table=index, row=row_index, column=column)
                block, visible = self.builder.add([(text, None)], "cell", location)
                inside = [p for p in pictures if _inside(p, box)]
                self.images += [Image(location=location, name=str(p.get("name", "")))
                                for p in inside]
                cells.append(Cell(row=row_index, column=column, text=visible,
                                  start=block.start, end=block.end, images=len(inside)))
            rows.append(cells)
        self.tables.append(Table(index=index, rows=rows, page=number))

    def judge(self, page: Page, text: str, reason: Reason | None, refusal: str | None) -> None:
        """The page keeps its text layer: say so when that layer is not to be trusted."""
        if reason in ("no_text", "short") or (reason == "undecodable" and _image_share(page)):
            self.scanned.append((page.page_number, reason, refusal or ""))
        elif reason == "undecodable" or garbled(text):
            self.garbled.append(page.page_number)

    def document(self, pages: int) -> Document:
        builder = self.builder
        return Document(path=str(self.path), sha256="", format="pdf", pages=pages,
                        text=builder.text, blocks=builder.blocks, tables=self.tables,
                        images=self.images, hidden=builder.hidden, findings=self.findings(),
                        text_reliable=not self.garbled and not self.scanned,
                        ocr_pages=self.ocr_pages)

    def findings(self) -> list[Finding]:
        path, found = str(self.path), []
        if self.scanned:
            found.append(_needs_ocr(self.scanned, path))
        if self.garbled:
            pages = _page_list(self.garbled)
            found.append(finding(
                "unverifiable_count", f"第 {pages} 页的文字提取为乱码（字体缺少编码映射），"
                f"字数无法核实 (garbled text layer on page {pages}; character count cannot be "
                "verified)", document=path))
        hidden = hidden_finding(self.builder.hidden, path)
        return found + ([hidden] if hidden else [])


def _needs_ocr(scanned: list[tuple[int, Reason, str]], path: str) -> Finding:
    pages = _page_list([number for number, _, _ in scanned])
    why = "；".join(dict.fromkeys(REASON_WORDS[reason] for _, reason, _ in scanned))
    why_not = "；".join(dict.fromkeys(refusal for _, _, refusal in scanned if refusal))
    return finding("needs_ocr", f"第 {pages} 页{why}，需要 OCR 才能核对内容和字数"
                   + (f"（未 OCR：{why_not}）" if why_not else "")
                   + f" (needs OCR: no usable text layer on page {pages})", document=path)


def read_pdf(path: Path, ocr: OcrOptions | None = None, data: bytes | None = None) -> Document:
    """Read a PDF; the caller (read.read_document) sets sha256 and catches what escapes. `ocr`
    says whether and how pages without a usable text layer are OCR'd; `data`, the file's bytes
    when the caller has them, spares the fast path reading the file again."""
    options = ocr or OcrOptions()
    fast = (page_chars(data if data is not None else str(path))
            if FAST_PATH and options.mode != "force" else None)
    document = _read_fast(path, fast, options) if fast is not None else None
    if document is not None:
        return document
    try:
        pdf = pdfplumber.open(path)  # password "": a file only an owner password locks opens
    except PdfminerException as error:
        if not (error.args and isinstance(error.args[0], PDFEncryptionError)):
            raise
        return _read_repaired(path, options) or _raise(error)  # a security handler pdfminer lacks
    if pdf.pages or not page_count(path):
        return _read(path, pdf, options)
    pdf.close()  # no pages to pdfminer, some to PDFium: a page tree pdfminer cannot follow
    return (_read_repaired(path, options, new_page_tree=True)
            or _read(path, pdfplumber.open(path), options))


def _read_repaired(path: Path, options: OcrOptions, *, new_page_tree: bool = False
                   ) -> Document | None:
    copy = repaired_copy(path, new_page_tree=new_page_tree)
    if copy is Locked.PASSWORD:
        return _encrypted(path)
    return None if copy is None else _read(path, pdfplumber.open(copy), options)


def _raise(error: Exception) -> Document:
    raise error


def _read_fast(path: Path, pages: list[FastPage], options: OcrOptions) -> Document | None:
    """Prose and ruled forms from PDFium's characters and rules (pdf_fast): lines and cells as
    _PdfReader.page lays them out on a page without hidden text, form fields or pictures among
    rules. None when a page's text layer is not usable as it stands (page_reason: garbage, a
    short layer on a scan, --ocr force): the pdfplumber path reads that file and OCRs such
    pages."""
    reader = _PdfReader(path, PageOcr(path, options), own_text=True)
    for number, page in enumerate(pages, 1):
        found = TableFinder(_Ruled(page.edges)).tables if page.edges else []  # type: ignore[arg-type]
        text = reader.lay_out(number, page.chars, found, [], UPRIGHT)  # turned text declined
        if page_reason(text, page.picture_share, options.mode) is not None:
            return None
    return reader.document(len(pages))


@dataclass(frozen=True)
class _Ruled:
    """What pdfplumber's TableFinder reads of a page for the default "lines" strategy."""

    edges: list[Obj]


def _read(path: Path, pdf: pdfplumber.PDF, options: OcrOptions) -> Document:
    reader = _PdfReader(path, PageOcr(path, options))
    with pdf:
        try:
            for page in pdf.pages:
                try:
                    _lay_out(page)
                    reader.page(page)
                finally:
                    page.close()
        finally:
            reader.ocr.close()
        return reader.document(len(pdf.pages))


def _encrypted(path: Path) -> Document:
    return Document(path=str(path), sha256="", format="pdf", findings=[finding(
        "encrypted", "PDF 已设置打开密码，无法读取，请提交未加密的版本 (encrypted PDF)",
        document=str(path))])


def _fields(page: Page) -> tuple[list[Obj], list[Obj]]:
    """The page's form-field widgets, placed as pdfplumber places annotations. Not through
    `page.annots`: it resolves every annotation's objects recursively, and a link back to the
    page (/P, /Parent) makes that a RecursionError on valid files (federal-register-2020-17221)."""
    widgets: list[Obj] = []
    annots = resolve1(page.page_obj.annots)
    for ref in annots if isinstance(annots, list) else []:
        annot = resolve1(ref)
        if isinstance(annot, dict) and _is_widget(annot):
            box = _annot_box(page, resolve1(annot.get("Rect")))
            if box is not None:
                widgets.append({**box, "data": annot})
    return field_chars(widgets)


def _is_widget(annot: dict[str, Any]) -> bool:
    subtype = resolve1(annot.get("Subtype"))
    return getattr(subtype, "name", None) == "Widget"


def _annot_box(page: Page, rect: object) -> Obj | None:
    """x0, top, x1, bottom … of an annotation's /Rect, turned with the page as pdfplumber does."""
    if not isinstance(rect, list) or len(rect) != 4:
        return None
    values = [resolve1(v) for v in rect]
    if not all(isinstance(v, int | float) for v in values):
        return None
    points = [(values[0], values[1]), (values[2], values[3])]
    for turn in range(page.rotation // 90):
        side = page.width if turn == (page.rotation // 90) % 2 else page.height
        points = [(y, side - x) for x, y in points]
    (xa, ya), (xb, yb) = points
    x0, x1, y0, y1 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
    top, bottom = page.height - y1, page.height - y0
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "y0": y0, "y1": y1,
            "doctop": page.initial_doctop + top, "width": x1 - x0, "height": bottom - top}


@dataclass(frozen=True)
class _Text:
    """How a page's chars become lines and cell text: pdfplumber's text map in the direction
    the page's lines run, or (`own`: plain upright chars on the fast path) pdf_text's builder,
    which gives the same without the text map."""

    way: Direction
    own: bool = False

    def lines(self, chars: list[Obj]) -> list[Obj]:
        return text_lines(chars) if self.own else _lines(chars, self.way)

    def cell(self, chars: list[Obj]) -> str:
        return cell_text(chars) if self.own else extract_text(chars, **self.way.options())


def _lines(chars: list[Obj], way: Direction = UPRIGHT) -> list[Obj]:
    if not chars:  # pdfplumber's textmap cannot be built from no chars at all
        return []
    return chars_to_textmap(chars, **way.options()).extract_text_lines(strip=True,
                                                                       return_chars=False)


def _cell_texts(rows: list[Row], chars: list[Obj], layout: _Text) -> list[list[str | None]]:
    """What pdfplumber's Table.extract gives (None for a merged-over position), from the chars
    already known to lie in this table; each char's centre is computed once (_inside's test)."""
    centred = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, c) for c in chars]
    texts: list[list[str | None]] = []
    for row in rows:
        row_chars = _within(centred, row.bbox)
        texts.append([None if cell is None else
                      layout.cell([c for _, _, c in _within(row_chars, cell)])
                      for cell in row.cells])
    return texts


def _within(centred: list[tuple[float, float, Obj]], box: tuple[float, float, float, float]
            ) -> list[tuple[float, float, Obj]]:
    x0, top, x1, bottom = box
    return [item for item in centred if x0 <= item[0] < x1 and top <= item[1] < bottom]


def _char_reason(char: Obj, page: Page) -> HiddenReason | None:
    if glyph_size(char) < TINY_POINTS and char["text"].strip():
        return "tiny"
    x0, top, x1, bottom = page.cropbox  # what a viewer shows; the media box may be larger
    if char["x1"] <= x0 or char["x0"] >= x1 or char["bottom"] <= top or char["top"] >= bottom:
        return "invisible"
    return "white" if _is_white(char.get("non_stroking_color")) else None


def _is_white(colour: object) -> bool:
    if not isinstance(colour, tuple | list) or not colour:
        return False
    if not all(isinstance(value, int | float) for value in colour):
        return False  # a pattern or separation colour: we cannot tell, assume visible
    if len(colour) == 4:  # CMYK: no ink is white
        return max(colour) <= 1 - WHITE
    return len(colour) in (1, 3) and min(colour) >= WHITE


def _painted_areas(page: Page) -> list[tuple[float, float, float, float]]:
    """Filled, non-white rectangles (table header fills, banners): white text on them shows."""
    return [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in page.rects
            if r.get("fill") and not _is_white(r.get("non_stroking_color"))
            and r["width"] > 2 and r["height"] > 2]


def _picture_areas(page: Page) -> list[tuple[float, float, float, float]]:
    return [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]


def _inside(obj: Obj, box: tuple[float, float, float, float]) -> bool:
    """The object's centre lies in the box (what pdfplumber uses to assign chars to cells)."""
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _picture_dpi(page: Page) -> float | None:
    """The resolution of the page's largest picture: its pixels over the width it is shown at."""
    pictures = [i for i in page.images if i.get("srcsize") and i["x1"] > i["x0"]]
    if not pictures:
        return None
    largest = max(pictures, key=lambda i: (i["x1"] - i["x0"]) * (i["bottom"] - i["top"]))
    return float(largest["srcsize"][0]) / ((largest["x1"] - largest["x0"]) / 72)


def _image_share(page: Page) -> float:
    area = sum(max(i["x1"] - i["x0"], 0) * max(i["bottom"] - i["top"], 0) for i in page.images)
    return min(area / max(page.width * page.height, 1.0), 1.0)


def _page_list(pages: list[int]) -> str:
    return "、".join(str(number) for number in pages)
