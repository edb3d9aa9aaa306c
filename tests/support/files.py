"""Builders for the readers' tests: .docx, PDF and OLE files made in tmp_path, no binaries kept.

Raw WordprocessingML is used where python-docx has no API (text boxes, content controls,
webHidden), with the namespaces a real Word file declares.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Collection
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree
from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extractors.document import Document
from samples.builders import CJK_FONT, cjk_canvas

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)

# ---------------------------------------------------------------- docx


def make_docx(path: Path, build: Callable[[docx.document.Document], None]) -> Path:
    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


def run_xml(text: str, rpr: str = "") -> str:
    return f"<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>"


def append_to_paragraph(paragraph: Paragraph, xml: str) -> None:
    paragraph._p.append(parse_xml(f"<w:wrap {NS}>{xml}</w:wrap>")[0])


def append_block(document: docx.document.Document, xml: str) -> None:
    """Insert a block-level element (w:p, w:sdt, w:tbl) at the end of the body."""
    element = parse_xml(f"<w:wrap {NS}>{xml}</w:wrap>")[0]
    document.element.body.sectPr.addprevious(element)


def textbox_xml(text: str) -> str:
    """A floating text box as Word 2010+ writes it: a wps shape, and a VML copy as fallback."""
    content = f"<w:txbxContent><w:p>{run_xml(text)}</w:p></w:txbxContent>"
    return (
        "<w:r><mc:AlternateContent>"
        "<mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def sdt_block_xml(text: str) -> str:
    return (f"<w:sdt><w:sdtPr><w:alias w:val=\"单位名称\"/></w:sdtPr><w:sdtContent>"
            f"<w:p>{run_xml(text)}</w:p></w:sdtContent></w:sdt>")


def sdt_inline_xml(text: str) -> str:
    return f"<w:sdt><w:sdtPr/><w:sdtContent>{run_xml(text)}</w:sdtContent></w:sdt>"


def png_bytes(width: int = 40, height: int = 40, colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def add_picture(cell_or_paragraph: _Cell | Paragraph) -> None:
    paragraph = (cell_or_paragraph.paragraphs[0] if isinstance(cell_or_paragraph, _Cell)
                 else cell_or_paragraph)
    paragraph.add_run().add_picture(io.BytesIO(png_bytes()))


def form_docx(path: Path, rows: int = 40) -> Path:
    """A typical two-page 申报表: a title, a label/value table, long deeds text, a seal image."""
    def build(document: docx.document.Document) -> None:
        document.add_paragraph("附件2")
        document.add_paragraph("先进集体申报表")
        table = document.add_table(rows=rows, cols=4)
        for index in range(rows):
            cells = table.rows[index].cells
            cells[0].text, cells[1].text = f"项目{index}", f"内容{index}：某某学校信息化工作"
            cells[2].text, cells[3].text = "负责人", "张三"
        deeds = table.add_row().cells
        deeds[0].text = "主要事迹"
        merged = deeds[1].merge(deeds[3])
        merged.text = "该校坚持以信息化带动教育现代化。" * 30
        opinion = table.add_row().cells
        opinion[0].text = "单位意见"
        add_picture(opinion[1])
        for _ in range(10):
            document.add_paragraph("我单位承诺以上内容真实有效。" * 4)
        document.sections[0].footer.paragraphs[0].text = "第 1 页"
    return make_docx(path, build)


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one part of a zip in place (for DOCTYPE and corruption tests)."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, change(data) if info.filename == member else data)


def drop_styles(path: Path) -> None:
    """Remove styles.xml and every reference to it, as some generators write packages."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()
                 if info.filename != "word/styles.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename in ("[Content_Types].xml", "word/_rels/document.xml.rels"):
                root = etree.fromstring(data)
                for child in list(root):
                    if "/word/styles.xml" in (child.get("PartName"), "/word/" + child.get(
                            "Target", "")):
                        root.remove(child)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(info, data)


def with_doctype(data: bytes) -> bytes:
    root = etree.fromstring(data)
    body = etree.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
            + body).encode()


# ---------------------------------------------------------------- PDF


def draw_grid(pdf: canvas.Canvas, xs: list[float], ys: list[float],
              merged: Collection[tuple[int, int]] = (),
              merged_down: Collection[tuple[int, int]] = ()) -> None:
    """Ruled table. Cells in `merged` (row, column) lose their left border, joining the cell to
    their left; cells in `merged_down` lose their top border, joining the cell above."""
    for row, y in enumerate(ys):
        for column in range(len(xs) - 1):
            if (row, column) not in merged_down:
                pdf.line(xs[column], y, xs[column + 1], y)
    for row in range(len(ys) - 1):
        for column, x in enumerate(xs):
            if (row, column) not in merged:
                pdf.line(x, ys[row], x, ys[row + 1])


def form_pdf(path: Path, pages: int = 1) -> Path:
    """A 申报表 page: title, a 3×4 table whose second row has a value spanning three columns."""
    pdf = cjk_canvas(path)
    height = A4[1]
    for page in range(pages):
        pdf.setFont(CJK_FONT, 16)
        pdf.drawString(200, height - 60, "先进集体申报表" if page == 0 else "续表")
        pdf.setFont(CJK_FONT, 11)
        xs, ys = [60.0, 160.0, 330.0, 430.0, 540.0], [height - 100 - 30 * i for i in range(4)]
        draw_grid(pdf, xs, ys, merged={(1, 2), (1, 3)})
        texts = [["单位名称", "某某学校", "负责人", "张三"], ["地址", "某市某区某路1号"],
                 ["联系电话", "12345678", "邮编", "100000"]]
        for row, values in enumerate(texts):
            for column, text in enumerate(values):
                pdf.drawString(xs[column] + 5, ys[row] - 20, text)
        pdf.drawString(60, ys[-1] - 30, "填表说明：以上内容须如实填写。")
        pdf.drawString(60, ys[-1] - 50, "该校坚持以信息化带动教育现代化，成绩突出。" * 1)
        pdf.showPage()
    pdf.save()
    return path


def image_page(pdf: canvas.Canvas) -> None:
    from reportlab.lib.utils import ImageReader

    pdf.drawImage(ImageReader(io.BytesIO(png_bytes(200, 280, "gray"))), 40, 80, 515, 700)
    pdf.showPage()


def cid_pdf(path: Path) -> Path:
    """A PDF whose Type0 font has no ToUnicode map: pdfminer can only say "(cid:N)"."""
    glyphs = "".join(f"{i * 37 % 3000 + 100:04X}" for i in range(30))
    content = f"BT /F1 12 Tf 50 700 Td <{glyphs}> Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /XYZSong /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XYZSong /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 "
        b"/FontDescriptor << /Type /FontDescriptor /FontName /XYZSong /Flags 4 "
        b"/FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 "
        b"/CapHeight 700 /StemV 80 >> >>",
    ]
    path.write_bytes(raw_pdf(objects))
    return path


def raw_pdf(objects: list[bytes]) -> bytes:
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------- OLE / CFB

_FREE, _END, _FATSECT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(path: Path, streams: list[str], word_flags: int | None = None) -> Path:
    """A minimal valid CFB (v3, 512-byte sectors): sector 0 FAT, 1 directory, 2-9 one stream.

    The first stream gets the 4096 bytes of sectors 2-9; if `word_flags` is given they start
    with a Word FIB (wIdent 0xA5EC) whose flags word is `word_flags`.
    """
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 4096)
    struct.pack_into("<IIII", header, 60, _END, 0, _END, 0)
    struct.pack_into("<109I", header, 76, 0, *([_FREE] * 108))
    fat = [_FATSECT, _END, *range(3, 10), _END] + [_FREE] * 118
    entries = [_dir_entry("Root Entry", 5, child=1)]
    for index, name in enumerate(streams[:3]):
        right = index + 2 if index + 1 < len(streams[:3]) else _NOSTREAM
        first = index == 0
        entries.append(_dir_entry(name, 2, right=right, start=2 if first else _END,
                                  size=4096 if first else 0))
    entries += [bytes(128)] * (4 - len(entries))
    stream = bytearray(4096)
    if word_flags is not None:
        struct.pack_into("<HHHHHH", stream, 0, 0xA5EC, 0xC1, 0, 0x0804, 0, word_flags)
    path.write_bytes(bytes(header) + struct.pack("<128I", *fat) + b"".join(entries)
                     + bytes(stream))
    return path


def _dir_entry(name: str, kind: int, child: int = _NOSTREAM, right: int = _NOSTREAM,
               start: int = _END, size: int = 0) -> bytes:
    entry = bytearray(128)
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    entry[: len(encoded)] = encoded
    struct.pack_into("<HBB", entry, 64, len(encoded), kind, 1)
    struct.pack_into("<III", entry, 68, _NOSTREAM, right, child)
    struct.pack_into("<IQ", entry, 116, start, size)
    return bytes(entry)


# ---------------------------------------------------------------- invariants


def assert_offsets(document: Document) -> None:
    """Every block and cell points at exactly its text; blocks tile text joined by "\\n"."""
    text = document.text
    previous_end = -1
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(text)
        assert block.start == previous_end + 1, "blocks are joined by exactly one newline"
        if previous_end >= 0:
            assert text[previous_end] == "\n"
        previous_end = block.end
    assert previous_end in (-1, len(text))
    for table in document.tables:
        for row in table.rows:
            for cell in row:
                assert text[cell.start : cell.end] == cell.text
                assert any(b.start == cell.start and b.end == cell.end and b.kind == "cell"
                           for b in document.blocks)
