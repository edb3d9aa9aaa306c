"""The one set of document builders: the forms (申报表) and deeds materials (事迹材料) applicants
send, as Word and PDF files, and the rows of each form as a table of strings.

`python samples/make_samples.py` writes the sample batch with them, byte for byte the same on every
run (fixed core-properties dates and ZIP entry times, seeded images, reportlab's invariant mode);
the tests build their batches and their in-memory forms (tests/support/documents.py) from the same
rows, so a form is laid out in one place.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.shared import Cm, Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from samples.images import photo_jpeg, scanned_page_jpeg, seal_png

CJK_FONT = "STSong-Light"
FIXED = dt.datetime(2024, 10, 10, 9, 0, 0)
ZIP_TIME = (2024, 10, 10, 9, 0, 0)
COLLECTIVE_TITLE = "河北开放大学信息化工作先进集体申报表"
INDIVIDUAL_TITLE = "河北开放大学信息化工作先进个人申报表"
PLACEHOLDER = "（详细材料另附）"
DATED_OPINION = "同意推荐。\n签章\n2024年10月12日"

@dataclass
class Unit:
    """A collective submission: the fields of 附件3 and the deeds material."""

    folder: str
    name: str
    address: str = ""
    head: str = "王建国"
    post: str = "主任"
    phone: str | None = "0311-66780001"
    opinion: str = DATED_OPINION
    seal: bool = False
    summary: str = ""
    deeds: list[str] = field(default_factory=list)
    photo: bool = False


@dataclass(frozen=True)
class Person:
    """An individual submission: the fields of 附件4."""

    name: str
    sex: str
    born: str
    school: str
    title: str
    summary: str
    opinion: str = "同意推荐。签章 2024年10月11日"



# ---- docx ---------------------------------------------------------------------------------


def new_document() -> docx.document.Document:
    document = docx.Document()
    props = document.core_properties
    props.author, props.created, props.modified, props.revision = "intake samples", FIXED, FIXED, 1
    return document


def save(document: docx.document.Document, path: Path) -> None:
    """Save with fixed ZIP entry times, so a rerun writes the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            entry = zipfile.ZipInfo(member.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(member.filename))


# Where each cell of a form row lies in the six columns of the Word table, by the row's length.
_SPANS = {2: ((0, 0), (1, 5)), 4: ((0, 0), (1, 3), (4, 4), (5, 5)),
          6: tuple((c, c) for c in range(6))}


def collective_rows(unit: Unit) -> list[list[str]]:
    """附件3 as rows of (label, value …) cells, as the printed form has them."""
    return [
        ["单位/部门名称", unit.name],
        ["通讯地址", unit.address],
        ["负责人", unit.head, "职务", unit.post, "联系电话", unit.phone or ""],
        ["突出事迹简介\n(1000字)", f"{unit.summary}\n{PLACEHOLDER}"],
        ["单位意见", unit.opinion],
    ]


def individual_rows(person: Person) -> list[list[str]]:
    """附件4 as rows, labels spaced with full-width spaces as the printed form has them."""
    return [
        ["姓　　名", person.name, "性　　别", person.sex, "出生年月", person.born],
        ["所在单位", person.school, "职称/职务", person.title],
        ["突出事迹简介(800字)", f"{person.summary}\n{PLACEHOLDER}"],
        ["单位意见", person.opinion],
    ]


def form_table(document: docx.document.Document, rows: Sequence[Sequence[str]]) -> docx.table.Table:
    """The rows as a ruled six-column Word table, value cells merged across the columns."""
    table = document.add_table(rows=len(rows), cols=6)
    table.style = "Table Grid"
    for index, row in enumerate(rows):
        for (first, last), text in zip(_SPANS[len(row)], row, strict=True):
            cell = table.cell(index, first) if first == last else table.cell(index, first).merge(
                table.cell(index, last))
            cell.text = text
    return table


def collective_form(unit: Unit, path: Path) -> None:
    """附件3 as a Word table: merged value cells, the limit hint and placeholder as printed."""
    document = new_document()
    document.add_paragraph(COLLECTIVE_TITLE).runs[0].font.size = Pt(16)
    table = form_table(document, collective_rows(unit))
    if unit.seal:
        table.cell(4, 1).paragraphs[-1].add_run().add_picture(io.BytesIO(seal_png()), Cm(2.5))
    save(document, path)


def individual_form(person: Person, path: Path) -> None:
    """附件4 as a Word table."""
    document = new_document()
    document.add_paragraph(INDIVIDUAL_TITLE).runs[0].font.size = Pt(16)
    form_table(document, individual_rows(person))
    save(document, path)


def deeds_docx(paragraphs: Sequence[str], path: Path, photo: bool = False) -> None:
    document = new_document()
    for text in paragraphs:
        document.add_paragraph(text)
    if photo:
        document.add_picture(io.BytesIO(photo_jpeg()), Cm(8))
    save(document, path)


# ---- PDF ----------------------------------------------------------------------------------

# A run of characters Word keeps on one line: Latin letters, digits and their punctuation.
_UNBREAKABLE = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|.")


def wrap(text: str, width: int) -> list[str]:
    """Lines of about `width` characters that never break a number or a Latin word apart, as a
    PDF exported from Word does not (a broken "8600" would count as two 字)."""
    lines, line = [], ""
    for token in _UNBREAKABLE.findall(text):
        if line and len(line) + len(token) > width:
            lines.append(line)
            line = ""
        line += token
    return [*lines, line] if line else lines


def cjk_canvas(path: Path, **options: object) -> canvas.Canvas:
    """An A4 canvas with the CJK font every PDF viewer has (STSong-Light), 11 pt."""
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4, **options)  # type: ignore[arg-type]
    pdf.setFont(CJK_FONT, 11)
    return pdf


def collective_pdf(unit: Unit, path: Path) -> None:
    """The collective form drawn as a ruled table, as a PDF exported from Word looks."""
    pdf = cjk_canvas(path, invariant=True)
    pdf.setFont(CJK_FONT, 15)
    pdf.drawString(120, A4[1] - 60, COLLECTIVE_TITLE)
    pdf.setFont(CJK_FONT, 10.5)
    rows = [["单位/部门名称", unit.name], ["通讯地址", unit.address],
            ["负责人", unit.head, "职务", unit.post, "联系电话", unit.phone or ""],
            ["突出事迹简介(1000字)", unit.summary], ["单位意见", unit.opinion.replace("\n", " ")]]
    xs6 = [50, 140, 220, 290, 360, 440, 545]
    y = A4[1] - 100
    for row, height in zip(rows, [30, 30, 30, 120, 60], strict=True):
        xs = xs6 if len(row) == 6 else [xs6[0], xs6[1], xs6[-1]]
        pdf.line(xs[0], y, xs[-1], y)
        for x in xs:
            pdf.line(x, y, x, y - height)
        for column, text in enumerate(row):
            width = 36 if column and len(row) == 2 else 5 if not column else 6
            for n, part in enumerate(wrap(text, width)):
                pdf.drawString(xs[column] + 4, y - 18 - 14 * n, part)
        y -= height
    pdf.line(xs6[0], y, xs6[-1], y)
    pdf.showPage()
    pdf.save()


def deeds_pdf(paragraphs: Sequence[str], path: Path) -> None:
    pdf = cjk_canvas(path, invariant=True)
    y = A4[1] - 70
    for text in paragraphs:
        for part in wrap(text, 38):
            pdf.drawString(60, y, part)
            y -= 18
        y -= 6
    pdf.showPage()
    pdf.save()


def scanned_pdf(path: Path) -> None:
    """A scan: one page that is only a picture, no text layer."""
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    pdf.drawImage(ImageReader(io.BytesIO(scanned_page_jpeg())), 0, 0, *A4)
    pdf.showPage()
    pdf.save()
