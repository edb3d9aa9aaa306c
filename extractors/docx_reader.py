""".docx → Document: body paragraphs and tables in document order, then headers and footers.

docx_package opens the package from the bytes already read; we walk the body XML with lxml
ourselves, because python-docx's `paragraphs` and `tables` skip text boxes (w:txbxContent),
content controls (w:sdt) and nested runs in hyperlinks and fields, and its cell API repeats a
merged cell's text for every grid position it covers. Here a merged cell appears once, at its
top-left position. An altChunk (an HTML part Word imports where it stands) is read by docx_html.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree

from extractors.document import (
    BlockKind,
    Cell,
    Document,
    HiddenReason,
    Image,
    Location,
    OcrPage,
    Table,
)
from extractors.docx_html import HTML_TYPES, HtmlSink, html_text, read_html
from extractors.docx_package import Package, PartRefused, Relationship, style_sheet
from extractors.docx_style import (
    VISIBILITY_TAGS,
    StyleSheet,
    W,
    background_of,
    hidden_reason,
    read_rpr,
)
from extractors.findings import Finding, finding
from extractors.ocr.need import OcrOptions
from extractors.ocr.pictures import ocr_pictures
from extractors.textbuild import Piece, TextBuilder, hidden_finding
from extractors.ziputil import app_pages, bomb_problem

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

# Subtrees whose text Word does not show: properties, deleted and moved-away revisions.
_SKIP = {f"{W}{t}" for t in ("pPr", "rPr", "sdtPr", "sdtEndPr", "del", "moveFrom", "instrText")}
_CHARS = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
# Wrappers that may hold paragraphs, tables, rows or cells: content controls, custom XML,
# inserted or moved-here revisions.
_WRAPPERS = {f"{W}{t}" for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo")}
# Tags compared for every element walked, made once (an f-string is built anew each time).
_ALTERNATE, _CHOICE = f"{MC}AlternateContent", f"{MC}Choice"
_P, _TBL, _TR, _TC, _ALT_CHUNK = (f"{W}{t}" for t in ("p", "tbl", "tr", "tc", "altChunk"))
_R_, _T, _BR, _SYM, _TXBX = (f"{W}{t}" for t in ("r", "t", "br", "sym", "txbxContent"))
_PPR, _PSTYLE, _RPR, _RSTYLE, _TCPR, _VAL = (
    f"{W}{t}" for t in ("pPr", "pStyle", "rPr", "rStyle", "tcPr", "val"))
_PICTURES = (f"{A}blip", f"{V}imagedata")
_GRID_SPAN, _VMERGE, _HMERGE = (f"{W}{t}" for t in ("gridSpan", "vMerge", "hMerge"))
_LAYOUT = {_GRID_SPAN, _VMERGE, _HMERGE}
PartName = Literal["body", "header", "footer", "textbox"]
MAX_SCAN_GLYPHS = 10  # a title such as "事迹材料" above the pasted pages is not a text layer
_KIND: dict[PartName, BlockKind] = {
    "body": "paragraph", "header": "header", "footer": "footer", "textbox": "textbox"
}
Context = tuple[str | None, str | None]  # (paragraph style id, background fill)
Chunk = Callable[[Relationship | None], tuple[str, bytes] | None]  # → (content type, bytes)
HtmlRows = list[list[tuple[int, list[Piece]]]]


def kids(element: etree._Element) -> Iterator[etree._Element]:
    """Children, with mc:AlternateContent replaced by its first mc:Choice.

    The mc:Fallback branch repeats the same text box or picture in VML for old readers;
    reading both would double the text.
    """
    for child in element:
        if child.tag == _ALTERNATE:
            choice = child.find(_CHOICE)
            if choice is not None:
                yield from kids(choice)
        elif isinstance(child.tag, str):
            yield child


def structural(element: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Children with one of `tags` (w:p, w:tbl, w:tr, w:tc), looking through wrappers."""
    for child in kids(element):
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from structural(child, *tags)


@dataclass
class _Content:
    pieces: list[Piece] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    textboxes: list[etree._Element] = field(default_factory=list)


@dataclass
class _Walker:
    styles: StyleSheet
    rels: dict[str, Relationship]
    chunk: Chunk = lambda rel: None
    builder: TextBuilder = field(default_factory=TextBuilder)
    tables: dict[int, Table] = field(default_factory=dict)
    images: list[Image] = field(default_factory=list)
    paragraphs: dict[str, int] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)  # altChunk content types we cannot read
    pictures: dict[str, str] = field(default_factory=dict)  # name → part, for OCR of scans
    ocr_pages: list[OcrPage] = field(default_factory=list)

    def container(self, element: etree._Element, part: PartName) -> None:
        for child in structural(element, _P, _TBL, _ALT_CHUNK):
            if child.tag == _P:
                self.paragraph(child, part)
            elif child.tag == _TBL:
                self.table(child, part)
            else:
                self.alt_chunk(child, part)

    def alt_chunk(self, element: etree._Element, part: PartName) -> None:
        found = self.chunk(self.rels.get(element.get(f"{R}id", "")))
        if found is None:
            return
        kind, data = found
        if kind not in HTML_TYPES:
            self.unread.append(kind or "unknown")
            return
        read_html(html_text(data, kind), HtmlSink(
            lambda pieces: self.html_paragraph(pieces, part),
            lambda rows: self.html_table(rows, part)))

    def html_paragraph(self, pieces: list[Piece], part: PartName) -> None:
        index = self.paragraphs.get(part, 0)
        self.paragraphs[part] = index + 1
        self.builder.add(pieces, _KIND[part], Location(paragraph=index, part=part))

    def html_table(self, rows: HtmlRows, part: PartName) -> None:
        index = len(self.tables)
        cells = []
        for row_index, row in enumerate(rows):
            line = []
            for column, pieces in row:
                location = Location(table=index, row=row_index, column=column, part=part)
                block, text = self.builder.add(pieces, "cell", location)
                line.append(Cell(row=row_index, column=column, text=text, start=block.start,
                                 end=block.end))
            cells.append(line)
        self.tables[index] = Table(index=index, rows=cells)

    def paragraph(self, p: etree._Element, part: PartName) -> None:
        content = self.content([p], None)
        visible = "".join(text for text, _ in content.pieces)
        if part in ("header", "footer") and not visible.strip() and not content.images:
            # Word puts an empty paragraph in every header; it is not a block of text, but a
            # text box anchored in it is.
            self.follow(content, Location(part=part))
            return
        index = self.paragraphs.get(part, 0)
        self.paragraphs[part] = index + 1
        location = Location(paragraph=index, part=part)
        self.builder.add(content.pieces, _KIND[part], location)
        self.follow(content, location)

    def follow(self, content: _Content, location: Location) -> None:
        """Record a block's images, then read its text boxes as blocks after it. A text box in
        a header or footer is part of it (字数 leaves it out, as Word does)."""
        self.images += [Image(location=location, name=name) for name in content.images]
        inner: PartName = location.part if location.part in ("header", "footer") else "textbox"
        for box in content.textboxes:
            self.container(box, inner)

    def table(self, tbl: etree._Element, part: PartName) -> None:
        index = len(self.tables)
        self.tables[index] = Table(index=index, rows=[])  # reserve: nested tables come after
        rows: list[list[Cell]] = []
        for row_index, tr in enumerate(structural(tbl, _TR)):
            column, cells = _grid_before(tr), []
            for tc in structural(tr, _TC):
                span, continues = _cell_layout(tc)
                if not continues:
                    cells.append(self.cell(tc, part, index, row_index, column))
                column += span
            rows.append(cells)
        self.tables[index] = Table(index=index, rows=rows)

    def cell(self, tc: etree._Element, part: PartName, table: int, row: int, column: int) -> Cell:
        location = Location(table=table, row=row, column=column, part=part)
        children = list(structural(tc, _P, _TBL))
        paragraphs = [c for c in children if c.tag == _P]
        content = self.content(paragraphs, background_of(tc.find(_TCPR)))
        block, text = self.builder.add(content.pieces, "cell", location)
        self.follow(content, location)
        for nested in (c for c in children if c.tag == _TBL):
            self.table(nested, part)
        return Cell(row=row, column=column, text=text, start=block.start, end=block.end,
                    images=len(content.images))

    def content(self, paragraphs: list[etree._Element], background: str | None) -> _Content:
        """The pieces of one block: its paragraphs joined by "\\n", trailing empty ones dropped."""
        out, per_paragraph = _Content(), []
        for p in paragraphs:
            ppr = p.find(_PPR)
            style = ppr.find(_PSTYLE) if ppr is not None else None
            context = (style.get(_VAL) if style is not None else None,
                       background_of(ppr) or background)
            before = len(out.pieces)
            self.inline(p, context, None, out)
            per_paragraph.append(out.pieces[before:])
        while len(per_paragraph) > 1 and not per_paragraph[-1]:
            per_paragraph.pop()
        out.pieces = [piece for i, pieces in enumerate(per_paragraph)
                      for piece in ([("\n", None)] if i else []) + pieces]
        return out

    def inline(self, element: etree._Element, context: Context,
               reason: HiddenReason | None, out: _Content) -> None:
        # kids() inlined: this loop sees every element of every paragraph. An
        # mc:AlternateContent is read as its first mc:Choice (see kids); a comment or
        # processing instruction falls to the last branch and has no children.
        for child in element:
            tag = child.tag
            if tag == _R_:
                self.inline(child, context, self.run_reason(child, context), out)
            elif tag == _T:
                out.pieces.append((child.text or "", reason))
            elif tag in _SKIP:
                continue
            elif tag in _CHARS or tag == _BR:
                out.pieces.append((_CHARS.get(tag, "\n"), reason))
            elif tag == _ALTERNATE:
                choice = child.find(_CHOICE)
                if choice is not None:
                    self.inline(choice, context, reason, out)
            elif tag == _SYM:
                out.pieces.append((_symbol(child), reason))
            elif tag == _TXBX:
                out.textboxes.append(child)
            elif tag in _PICTURES:
                out.images.append(self.image_name(child))
            else:
                self.inline(child, context, reason, out)

    def run_reason(self, run: etree._Element, context: Context) -> HiddenReason | None:
        rpr = run.find(_RPR)
        style = rpr.find(_RSTYLE) if rpr is not None else None
        run_style = style.get(_VAL) if style is not None else None
        if rpr is None or not any(child.tag in VISIBILITY_TAGS for child in rpr):
            return self.styles.reason(context[0], run_style, context[1])
        props = read_rpr(rpr, dict(self.styles.styled(context[0], run_style)))
        return hidden_reason(props, context[1])

    def image_name(self, element: etree._Element) -> str:
        rid = element.get(f"{R}embed") or element.get(f"{R}id") or element.get(f"{R}link") or ""
        rel = self.rels.get(rid)
        if rel is None or rel.external:
            return rid
        name = rel.target.rsplit("/", 1)[-1]
        self.pictures.setdefault(name, rel.target)
        return name


def _symbol(sym: etree._Element) -> str:
    try:
        return chr(int(sym.get(f"{W}char", ""), 16))
    except ValueError:
        return ""


def _int_attr(element: etree._Element | None, default: int) -> int:
    try:
        return int(element.get(f"{W}val", default)) if element is not None else default
    except ValueError:
        return default


def _grand_child(element: etree._Element, tag: str, child: str) -> etree._Element | None:
    """element.find(f"{tag}/{child}") without ElementPath's path parsing, a third of a table's
    walk: the first `child` of the first `tag` child that has one."""
    for parent in element.iterchildren(tag):
        found = parent.find(child)
        if found is not None:
            return found
    return None


def _grid_before(tr: etree._Element) -> int:
    return max(_int_attr(_grand_child(tr, f"{W}trPr", f"{W}gridBefore"), 0), 0)


def _cell_layout(tc: etree._Element) -> tuple[int, bool]:
    """The columns a cell spans (w:gridSpan), and whether it continues a merge: a vMerge (or
    legacy hMerge) without val="restart" continues the cell above (or left). Each property is
    the first of the first w:tcPr that has one, found in one pass over the w:tcPr children (a
    find() per property was a quarter of a form's walk)."""
    found: dict[str, etree._Element] = {}
    for tcpr in tc.iterchildren(_TCPR):
        for prop in tcpr:
            if prop.tag in _LAYOUT and prop.tag not in found:
                found[prop.tag] = prop
    span = max(_int_attr(found.get(_GRID_SPAN), 1), 1)
    continues = any(merge is not None and merge.get(_VAL, "continue") != "restart"
                    for merge in (found.get(_VMERGE), found.get(_HMERGE)))
    return span, continues


def read_docx(path: Path, data: bytes | None = None, *, ocr: OcrOptions | None = None,
              converted: bool = False, archive: zipfile.ZipFile | None = None) -> Document:
    """Read a .docx from `data` (its bytes, already read) or from `path`; the caller
    (read.read_document) sets sha256 and catches what escapes. `ocr` says whether and how
    page-sized pictures (scans pasted into Word) are OCR'd. `converted` says the file is our
    own LibreOffice output: its pictures (a WMF preview compresses 269:1) are not inflated to
    check the package, so only the parts read (parsed, or OCR'd) are held to the compression
    limit. `archive` is the same file's zip when sniff opened it already."""
    package = Package(data if data is not None else path, archive)
    try:
        problem = None if converted else _package_problem(package.archive, str(path))
        if problem is not None:
            return Document(path=str(path), sha256="", format="docx", findings=[problem])
        try:
            walker = _walk(package)
        except PartRefused as refused:
            return Document(path=str(path), sha256="", format="docx",
                            findings=[finding("unreadable", refused.message, document=str(path))])
        refusal = (ocr_pictures(walker, path, ocr or OcrOptions(), _picture_bytes(package))
                   if walker.pictures else None)
        pages = app_pages(package.member("docProps/app.xml"))
        return _document(walker, path, pages, refusal)
    finally:
        package.close()


def _walk(package: Package) -> _Walker:
    main = package.main_part()
    rels = package.relationships(main)
    body = package.xml(main).find(f"{W}body")
    if body is None:
        raise ValueError(f"{main} has no w:body")
    walker = _Walker(style_sheet(package, rels), rels, _chunks(package))
    walker.container(body, "body")
    _headers_footers(walker, package, rels, body)
    return walker


def _picture_bytes(package: Package) -> Callable[[str], bytes | None]:
    """A picture's bytes, or None when it is missing or refused (a zip bomb is not OCR'd)."""
    def picture(target: str) -> bytes | None:
        try:
            return package.blob(target) if package.has(target) else None
        except PartRefused:
            return None
    return picture


def _chunks(package: Package) -> Chunk:
    def chunk(rel: Relationship | None) -> tuple[str, bytes] | None:
        if rel is None or rel.external or not package.has(rel.target):
            return None
        return package.content_type(rel.target), package.blob(rel.target)
    return chunk


def _package_problem(archive: zipfile.ZipFile, path: str) -> Finding | None:
    problem = bomb_problem(archive)
    if problem is not None:
        return finding("unreadable", f"可能是压缩炸弹，拒绝读取：{problem} (zip bomb)",
                       document=path)
    return None


def _headers_footers(walker: _Walker, package: Package, rels: dict[str, Relationship],
                     body: etree._Element) -> None:
    """Each distinct header part, then each distinct footer part, in section order."""
    seen: set[str] = set()
    kinds: tuple[PartName, PartName] = ("header", "footer")
    for kind in kinds:
        for section in body.iter(f"{W}sectPr"):
            for reference in section.findall(f"{W}{kind}Reference"):
                rel = rels.get(reference.get(f"{R}id", ""))
                if rel is None or rel.external or rel.target in seen:
                    continue
                seen.add(rel.target)
                if package.has(rel.target):
                    walker.rels = package.relationships(rel.target)
                    walker.container(package.xml(rel.target), kind)


def _document(walker: _Walker, path: Path, pages: int | None, refusal: str | None = None
              ) -> Document:
    builder = walker.builder
    text = builder.text
    scan = None if walker.ocr_pages else _scan_finding(text, walker.images, str(path), refusal)
    findings = [f for f in (scan,
                            hidden_finding(builder.hidden, str(path)),
                            _unread_finding(walker.unread, str(path))) if f is not None]
    return Document(
        path=str(path), sha256="", format="docx", pages=pages, text=text,
        blocks=builder.blocks, tables=[walker.tables[i] for i in sorted(walker.tables)],
        images=walker.images, hidden=builder.hidden, findings=findings,
        ocr_pages=walker.ocr_pages,
    )


def _scan_finding(text: str, images: list[Image], path: str, refusal: str | None = None
                  ) -> Finding | None:
    """Scans pasted into Word: pictures and (almost) no text. Without this the document would
    only look empty, and its 字数 would pass any limit."""
    # str.split() splits at exactly the characters str.isspace() calls white space.
    if not images or sum(map(len, text.split())) >= MAX_SCAN_GLYPHS:
        return None
    why_not = f"（未 OCR：{refusal}）" if refusal else ""
    return finding("needs_ocr", "文档只有图片、几乎没有文字（可能是扫描件粘贴进 Word），需要 OCR "
                   f"才能核对内容和字数{why_not} (needs OCR: images without a text layer)",
                   document=path)


def _unread_finding(kinds: list[str], path: str) -> Finding | None:
    """Embedded content (altChunk) of a kind we cannot read: its words are not counted."""
    if not kinds:
        return None
    listed = ", ".join(sorted(set(kinds)))
    return finding("unverifiable_count", f"文档含有无法读取的嵌入内容（{listed}），其文字未计入，"
                   f"字数无法核实 (embedded altChunk content not read: {listed})", document=path)
