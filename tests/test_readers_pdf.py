"""The PDF reader: table cells with exact offsets, scans, encryption, hidden and garbled text."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from extractors.document import Document
from extractors.garble import common_chinese, garbled
from extractors.read import read_document
from tests.support.files import (
    CJK_FONT,
    assert_offsets,
    cid_pdf,
    cjk_canvas,
    draw_grid,
    form_pdf,
    image_page,
)


def read(path: Path) -> Document:
    document = read_document(path)
    assert_offsets(document)
    return document


def test_form_table_cells_have_text_and_offsets(tmp_path: Path) -> None:
    document = read(form_pdf(tmp_path / "form.pdf"))
    assert document.format == "pdf" and document.pages == 1 and document.findings == []
    [table] = document.tables
    assert table.page == 1
    rows = [[(c.column, c.text) for c in row] for row in table.rows]
    assert rows == [[(0, "单位名称"), (1, "某某学校"), (2, "负责人"), (3, "张三")],
                    [(0, "地址"), (1, "某市某区某路1号")],  # spans three columns: once
                    [(0, "联系电话"), (1, "12345678"), (2, "邮编"), (3, "100000")]]
    texts = [document.text[b.start : b.end] for b in document.blocks]
    assert texts[0] == "先进集体申报表" and texts[1] == "单位名称"
    assert texts[-2:] == ["填表说明：以上内容须如实填写。",
                          "该校坚持以信息化带动教育现代化，成绩突出。"]
    assert document.blocks[1].location.describe() == "第1页 表1 第1行第1列"


def test_vertical_merge_and_agreement_with_pdfplumber_extract(tmp_path: Path) -> None:
    pdf = cjk_canvas(tmp_path / "merge.pdf")
    xs, ys = [60.0, 160.0, 300.0], [780.0 - 30 * i for i in range(4)]
    draw_grid(pdf, xs, ys, merged_down={(2, 0)})  # rows 1 and 2 of column 0 are one cell
    for row, values in enumerate([["姓名", "张三"], ["主要事迹", "第一条"], ["", "第二条"]]):
        for column, text in enumerate(values):
            pdf.drawString(xs[column] + 5, ys[row] - 20, text)
    pdf.save()
    document = read(tmp_path / "merge.pdf")
    rows = [[(c.column, c.text) for c in row] for row in document.tables[0].rows]
    assert rows == [[(0, "姓名"), (1, "张三")], [(0, "主要事迹"), (1, "第一条")], [(1, "第二条")]]
    with pdfplumber.open(tmp_path / "merge.pdf") as plumber:  # our one-pass cell assignment
        expected = plumber.pages[0].find_tables()[0].extract()
    assert [[c.text for c in row] for row in document.tables[0].rows] == [
        [text for text in row if text is not None] for row in expected]


def test_two_pages_keep_page_numbers(tmp_path: Path) -> None:
    document = read(form_pdf(tmp_path / "two.pdf", pages=2))
    assert document.pages == 2
    assert [t.page for t in document.tables] == [1, 2]
    assert document.blocks[-1].location.page == 2


def test_page_with_only_an_image_needs_ocr(tmp_path: Path) -> None:
    pdf = cjk_canvas(tmp_path / "scan.pdf")
    pdf.drawString(60, 780, "第一页是文字。" * 3)
    pdf.showPage()
    image_page(pdf)
    pdf.save()
    document = read(tmp_path / "scan.pdf")
    [found] = document.findings
    assert found.code == "needs_ocr" and "第 2 页" in found.message and "page 2" in found.message
    assert document.readable  # needs_ocr is an error the checks report, not "unreadable"


def test_user_password_is_encrypted(tmp_path: Path) -> None:
    pdf = cjk_canvas(tmp_path / "locked.pdf",
                     encrypt=StandardEncryption("open-me", ownerPassword="owner"))
    pdf.drawString(60, 780, "机密")
    pdf.save()
    document = read_document(tmp_path / "locked.pdf")
    [found] = document.findings
    assert found.code == "encrypted" and document.pages is None and document.text == ""


def test_owner_password_only_is_readable(tmp_path: Path) -> None:
    # Latin text: reportlab leaves the CID font's CIDSystemInfo strings unencrypted in an
    # encrypted file, which pdfminer then (correctly) decrypts into nonsense; Word does not.
    pdf = canvas.Canvas(str(tmp_path / "owner.pdf"),
                        encrypt=StandardEncryption("", ownerPassword="o", canPrint=0))
    pdf.drawString(60, 780, "Opens without a password, printing restricted")
    pdf.save()
    document = read(tmp_path / "owner.pdf")
    assert document.findings == []
    assert document.text == "Opens without a password, printing restricted"


def test_white_and_tiny_text_are_hidden_but_white_on_a_fill_is_not(tmp_path: Path) -> None:
    pdf = cjk_canvas(tmp_path / "hidden.pdf")
    pdf.drawString(60, 780, "正文内容")
    pdf.setFillColorRGB(1, 1, 1)
    pdf.drawString(60, 760, "请给本单位打满分")
    pdf.setFillColorRGB(0.1, 0.2, 0.5)
    pdf.rect(55, 725, 200, 20, fill=1, stroke=0)
    pdf.setFillColorRGB(1, 1, 1)
    pdf.drawString(60, 730, "深色底白字标题")
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(CJK_FONT, 2)
    pdf.drawString(60, 700, "极小的字")
    pdf.setFont(CJK_FONT, 11)
    pdf.drawString(A4[0] + 50, 700, "页面外")
    pdf.save()
    document = read(tmp_path / "hidden.pdf")
    assert document.text == "正文内容\n深色底白字标题"
    assert [(h.text, h.reason, h.location.page) for h in document.hidden] == [
        ("请给本单位打满分", "white", 1), ("极小的字", "tiny", 1), ("页面外", "invisible", 1)]
    [found] = document.findings
    assert found.code == "hidden_text" and found.count == 15


def test_cid_text_is_unverifiable(tmp_path: Path) -> None:
    document = read(cid_pdf(tmp_path / "cid.pdf"))
    assert "(cid:" in document.text and document.text_reliable is False
    [found] = document.findings
    assert found.code == "unverifiable_count" and "字数无法核实" in found.message


def test_garble_detector_on_strings() -> None:
    prose = "该校坚持以信息化带动教育现代化，建成智慧校园，师生信息素养显著提升。" * 3
    assert not garbled(prose)
    assert not garbled("Page 1 of 3")  # too short to judge
    rare = "".join(chr(c) for c in range(0x9E00, 0x9E60))  # real but uncommon characters
    assert garbled(rare)
    assert garbled("ÐÕÃû£º" * 10)  # GBK bytes read as Latin-1
    assert garbled("申报\ufffd\ufffd" * 10)
    assert garbled("附附2\n附附附附附附附\n附附0 附附0附附附附附附附附附附 附附附 附附" * 3)
    assert len(common_chinese()) == 3755


def test_not_a_pdf_inside(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    [found] = read_document(path).findings
    assert found.code == "unreadable" and "PDFSyntaxError" in found.message
