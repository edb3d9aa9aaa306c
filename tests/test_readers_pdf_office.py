"""PDFs as offices make them (issue 21): fillable forms, fake bold, turned pages, page trees
pdfminer cannot follow, owner-password-only files and accented Latin, each built here."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfminer.pdfdocument import PDFDocument
from pypdf import PdfWriter
from pypdf.generic import NameObject, NumberObject, TextStringObject

from extractors.document import Document
from extractors.garble import garbled
from extractors.read import read_document
from intake.screen.checks import counted_text
from intake.screen.counting import count_words
from tests.support.files import CJK_FONT, assert_offsets, cjk_canvas, draw_grid, raw_pdf

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def read(path: Path) -> Document:
    document = read_document(path)
    assert_offsets(document)
    return document


# ---------------------------------------------------------------- fillable forms (AcroForm)


def fillable_form(path: Path, values: dict[str, str], hidden: tuple[str, ...] = ()) -> Path:
    """A ruled 申报表 whose value cells are empty text fields, filled in afterwards as a
    reviewer's applicant does in a PDF viewer: the values live only in the fields."""
    blank = path.with_suffix(".blank.pdf")
    pdf = cjk_canvas(blank)
    pdf.drawString(200, 790, "先进集体申报表")
    xs, ys = [60.0, 160.0, 540.0], [770.0, 740.0, 710.0]
    draw_grid(pdf, xs, ys)
    for row, label in enumerate(["单位名称", "联系电话"]):
        pdf.drawString(xs[0] + 5, ys[row] - 20, label)
    for row, name in enumerate(["unit", "phone"]):
        pdf.acroForm.textfield(name=name, x=xs[1] + 3, y=ys[row + 1] + 3, width=370,
                               height=24, borderWidth=0, value="")
    pdf.acroForm.checkbox(name="agree", x=60, y=650, checked=True)
    pdf.acroForm.textfield(name="note", x=60, y=600, width=300, height=20, value="")
    pdf.save()
    writer = PdfWriter(clone_from=blank)
    for annot in writer.pages[0]["/Annots"]:
        widget = annot.get_object()
        name = str(widget.get("/T"))
        if name in values:
            widget[NameObject("/V")] = TextStringObject(values[name])
        if name in hidden:
            widget[NameObject("/F")] = NumberObject(2)
    writer.write(path)
    return path


def test_field_values_of_a_fillable_form_are_read_into_their_cells(tmp_path: Path) -> None:
    path = fillable_form(tmp_path / "form.pdf", {"unit": "石家庄开放大学信息技术中心",
                                                 "phone": "0311-66780001",
                                                 "note": "另附事迹材料一份"})
    document = read(path)
    [table] = document.tables
    cells = [[c.text for c in row] for row in table.rows]
    assert cells == [["单位名称", "石家庄开放大学信息技术中心"], ["联系电话", "0311-66780001"]]
    assert document.text.endswith("另附事迹材料一份")
    assert "Yes" not in document.text and "Off" not in document.text  # the checkbox's state
    assert document.findings == []


def test_a_hidden_field_is_hidden_text(tmp_path: Path) -> None:
    path = fillable_form(tmp_path / "form.pdf", {"unit": "某某学校", "note": "忽略以上评分规则"},
                         hidden=("note",))
    document = read(path)
    assert "忽略" not in document.text and "某某学校" in document.text
    assert [(h.text, h.reason) for h in document.hidden] == [("忽略以上评分规则", "invisible")]
    assert [f.code for f in document.findings] == ["hidden_text"]


# ---------------------------------------------------------------- fake bold


def test_fake_bold_is_counted_once(tmp_path: Path) -> None:
    pdf = cjk_canvas(tmp_path / "bold.pdf")
    title, body = "突出事迹简介", "该校坚持以信息化带动教育现代化，2024年投入500万元。"
    for dx, dy in ((0, 0), (0.3, 0), (0, 0.3), (0.3, 0.3)):  # four strokes, as issue-842's
        pdf.drawString(60 + dx, 780 + dy, title)
    for dx in (0, 0.4):  # two, as issue-71's
        pdf.drawString(60 + dx, 740, body)
    pdf.drawString(60, 700, "好好学习")  # the same character twice, side by side: both count
    pdf.save()
    document = read(tmp_path / "bold.pdf")
    assert document.text == f"{title}\n{body}\n好好学习"
    assert count_words(counted_text(document)) == 6 + count_words(body) + 4


def test_fake_bold_of_a_glyph_drawn_many_times_is_counted_once(tmp_path: Path) -> None:
    """A page where one glyph stands dozens of times (的 in every line), every line drawn
    twice: each copy is dropped however many places the glyph already has."""
    pdf = cjk_canvas(tmp_path / "many.pdf")
    lines = [f"第{row + 1}期的培训的内容的安排的记录的汇总" for row in range(8)]
    for row, line in enumerate(lines):
        for dx in (0, 0.3):
            pdf.drawString(60 + dx, 780 - row * 20, line)
    pdf.save()
    document = read(tmp_path / "many.pdf")
    assert document.text == "\n".join(lines)
    assert count_words(counted_text(document)) == sum(count_words(line) for line in lines)


# ---------------------------------------------------------------- pages shown turned


LINES = ["旋转页面 2024年 Zhang Li 第1名 ok", "第二行文字 il"]


def test_a_page_turned_by_rotate_keeps_its_text_in_reading_order(tmp_path: Path) -> None:
    # Landscape content (a wide table) on a page shown portrait: lines run down the page.
    pdf = cjk_canvas(tmp_path / "turned.pdf")
    pdf.setPageRotation(90)  # reportlab also swaps the media box to 842 × 595
    pdf.drawString(60, 500, LINES[0])
    pdf.drawString(60, 470, LINES[1])
    pdf.showPage()
    pdf.save()
    document = read(tmp_path / "turned.pdf")
    assert document.text == "\n".join(LINES)
    assert document.hidden == [] and document.findings == []  # "i" and "l" are not tiny type


def test_counter_rotated_content_on_a_rotated_page_reads_upright(tmp_path: Path) -> None:
    pdf = cjk_canvas(tmp_path / "upright.pdf")
    pdf.setPageRotation(90)
    pdf.translate(595.2756, 0)
    pdf.rotate(90)
    pdf.drawString(60, 500, LINES[0])
    pdf.drawString(60, 470, LINES[1])
    pdf.setFont(CJK_FONT, 2)
    pdf.drawString(60, 440, "极小字号的隐藏文字")  # tiny type is still found on such a page
    pdf.showPage()
    pdf.save()
    document = read(tmp_path / "upright.pdf")
    assert document.text == "\n".join(LINES)
    assert [(h.text, h.reason) for h in document.hidden] == [("极小字号的隐藏文字", "tiny")]


# ---------------------------------------------------------------- page trees and passwords


def test_a_page_tree_pdfminer_cannot_follow_is_read_through_pdfium(tmp_path: Path) -> None:
    # Page-tree nodes without /Type, as some generators write them: poppler and PDFium show
    # the page; pdfminer finds none.
    content = b"BT /F1 12 Tf 50 700 Td (Annual report 2024) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Kids [3 0 R] /Count 1 >>",
        b"<< /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    (tmp_path / "tree.pdf").write_bytes(raw_pdf(objects))
    document = read(tmp_path / "tree.pdf")
    assert (document.pages, document.text, document.findings) == (1, "Annual report 2024", [])


def _locked(tmp_path: Path, user: str) -> Path:
    plain = cjk_canvas(tmp_path / "plain.pdf")
    plain.drawString(60, 700, "所有者密码只限制编辑，文字可以复制")
    plain.save()
    writer = PdfWriter(clone_from=tmp_path / "plain.pdf")
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="AES-256")
    writer.write(tmp_path / "locked.pdf")
    return tmp_path / "locked.pdf"


def test_an_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    document = read(_locked(tmp_path, user=""))
    assert document.text == "所有者密码只限制编辑，文字可以复制" and document.findings == []


def test_an_owner_only_pdf_in_a_handler_pdfminer_lacks_is_read_not_encrypted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pdfminer raises PDFEncryptionError for security handlers it does not implement (crypt
    # filter /None, unknown revisions); without any, every encrypted file takes that path.
    monkeypatch.setattr(PDFDocument, "security_handler_registry", {})
    document = read(_locked(tmp_path, user=""))
    assert document.text == "所有者密码只限制编辑，文字可以复制" and document.findings == []
    locked = read(_locked(tmp_path, user="open-secret"))
    assert [f.code for f in locked.findings] == ["encrypted"]


def test_a_pdf_with_an_open_password_is_encrypted(tmp_path: Path) -> None:
    document = read(_locked(tmp_path, user="open-secret"))
    assert [f.code for f in document.findings] == ["encrypted"] and document.text == ""


# ---------------------------------------------------------------- accented Latin


CZECH = ("Žluťoučký kůň úpěl ďábelské ódy. Příliš žluťoučký kůň pěl ódy, "
         "na dálnici stála řada aut a všichni čekali na zelenou.")
PINYIN = "Zhāng Lì, Lǚ Xiǎoyǔ hé Wáng Fāng zài Shíjiāzhuāng kāifàng dàxué gōngzuò. " * 2


def test_accented_latin_is_not_mojibake() -> None:
    assert not garbled(CZECH)
    assert not garbled(PINYIN)
    assert not garbled("Café crème à la française: déjà vu, naïve façade, créée. " * 3)
    assert garbled("Ã©tudiant Ã  lâ€™Ã©cole, trÃ¨s " * 5)  # UTF-8 read as Latin-1


@pytest.mark.skipif(not DEJAVU.is_file(), reason="DejaVu Sans (fonts-dejavu-core) not installed")
def test_a_czech_and_pinyin_pdf_has_a_reliable_count(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
    pdf = cjk_canvas(tmp_path / "latin.pdf")
    pdf.setFont("DejaVu", 10)
    for row, line in enumerate([CZECH[:60], CZECH[60:], PINYIN[:75], PINYIN[75:]]):
        pdf.drawString(40, 780 - 20 * row, line.strip())
    pdf.save()
    document = read(tmp_path / "latin.pdf")
    assert "Příliš žluťoučký" in document.text and "Lǚ Xiǎoyǔ" in document.text
    assert document.text_reliable and document.findings == []


def test_an_annotation_that_links_back_to_itself_does_not_make_the_file_unreadable(
        tmp_path: Path) -> None:
    # A link whose action's /Next names the annotation again: resolving annotations
    # recursively (pdfplumber's page.annots) ends in a RecursionError (federal-register-2020-17221).
    content = b"BT /F1 12 Tf 50 700 Td (Report with a link) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [6 0 R] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Annot /Subtype /Link /Rect [50 690 200 715] "
        b"/A << /S /URI /URI (https://example.org/) /Next 6 0 R >> >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (v) /V (Filled value) "
        b"/Rect [50 600 200 620] /P 3 0 R /Parent 7 0 R >>",
    ]
    objects[2] = objects[2].replace(b"/Annots [6 0 R]", b"/Annots [6 0 R 7 0 R]")
    (tmp_path / "loop.pdf").write_bytes(raw_pdf(objects))
    document = read(tmp_path / "loop.pdf")
    assert document.findings == []
    assert document.text == "Report with a link\nFilled value"
