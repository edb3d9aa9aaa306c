"""The PDFium fast path (extractors/pdf_fast.py): it reads plain prose and ruled forms exactly as
the pdfplumber path does, and hands back every page where a hidden-text, field or scan rule could
apply, so those rules only ever run on pdfplumber's view of the page."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

import extractors.pdf_reader as pdf_reader
from extractors.document import Document
from extractors.pdf_fast import page_chars
from extractors.read import read_document
from intake.screen.checks import counted_text
from intake.screen.counting import count_words
from samples.builders import collective_pdf, deeds_pdf
from samples.make_samples import TANGSHAN, sentence
from tests.support.files import CJK_FONT, cid_pdf, cjk_canvas, draw_grid, form_pdf, image_page

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "batch"
TYPED_SAMPLES = [p for p in sorted(SAMPLES.rglob("*.pdf")) if "扫描" not in p.name]
PROSE = ("本单位成立了由校长任组长的网络安全和信息化领导小组，全年召开领导小组会议3次。"
         "2024年信息化投入占年度总预算的6.4%，主要用于软件、硬件建设。现有专职信息化人员6名，"
         "负责平台运维和网络安全（ICT support, 24/7）。")


def deeds(path: Path, extra: Callable[[canvas.Canvas], None] = lambda pdf: None,
          pages: int = 2) -> Path:
    pdf = cjk_canvas(path)
    for page in range(pages):
        pdf.setFont(CJK_FONT, 16)
        pdf.drawString(220, 800, "事迹材料" if page == 0 else f"（续{page}）")
        pdf.setFont(CJK_FONT, 11)
        for row in range(0, len(PROSE), 36):
            pdf.drawString(50, 760 - row // 36 * 18, PROSE[row : row + 36])
        for dx in (0, 0.3):  # a fake-bold line
            pdf.drawString(50 + dx, 600, "突出事迹：平台运行稳定")
        extra(pdf)
        pdf.showPage()
    pdf.save()
    return path


def both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Document, Document]:
    fast = read_document(path)
    monkeypatch.setattr(pdf_reader, "FAST_PATH", False)
    slow = read_document(path)
    monkeypatch.setattr(pdf_reader, "FAST_PATH", True)
    return fast, slow


def _same(fast: Document, slow: Document) -> None:
    assert fast.model_dump(exclude={"sha256"}) == slow.model_dump(exclude={"sha256"})
    assert count_words(counted_text(fast)) == count_words(counted_text(slow))


def test_plain_prose_takes_the_fast_path_and_reads_the_same(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    path = deeds(tmp_path / "deeds.pdf")
    assert page_chars(str(path)) is not None
    fast, slow = both(path, monkeypatch)
    _same(fast, slow)
    assert fast.pages == 2 and fast.text.startswith("事迹材料\n本单位成立了")
    assert fast.text.count("突出事迹：平台运行稳定") == 2  # once per page, not twice


def _white(pdf: canvas.Canvas) -> None:
    pdf.setFillColorRGB(1, 1, 1)
    pdf.drawString(50, 560, "白色的隐藏指令文字")
    pdf.setFillColorRGB(0, 0, 0)


def _tiny(pdf: canvas.Canvas) -> None:
    pdf.setFont(CJK_FONT, 2)
    pdf.drawString(50, 560, "极小字号的隐藏文字")
    pdf.setFont(CJK_FONT, 11)


def _invisible(pdf: canvas.Canvas) -> None:
    text = pdf.beginText(50, 560)
    text.setFont(CJK_FONT, 11)
    text.setTextRenderMode(3)
    text.textLine("不可见模式的隐藏文字")
    pdf.drawText(text)


def _off_page(pdf: canvas.Canvas) -> None:
    pdf.drawString(700, 560, "页面以外的隐藏文字")


def _table(pdf: canvas.Canvas) -> None:
    draw_grid(pdf, [50.0, 200.0, 400.0], [560.0, 530.0, 500.0])
    pdf.drawString(55, 540, "联系电话")
    pdf.drawString(205, 540, "0315-2800003")


def _boxed_table(pdf: canvas.Canvas) -> None:
    """Cells drawn as rectangles ("re"), a grey header filled, and a rule closed with "h"."""
    pdf.setFillColorRGB(0.85, 0.85, 0.85)
    pdf.rect(50, 530, 350, 30, stroke=1, fill=1)
    pdf.setFillColorRGB(0, 0, 0)
    for x, width in ((50, 100), (150, 250)):
        pdf.rect(x, 500, width, 30)
    path = pdf.beginPath()
    path.moveTo(50, 470)
    path.lineTo(400, 470)
    path.close()
    pdf.drawPath(path)
    pdf.drawString(55, 540, "单位名称")
    pdf.drawString(55, 510, "负责人")
    pdf.drawString(155, 510, "刘志强  校长")


def _picture_and_rules(pdf: canvas.Canvas) -> None:
    from reportlab.lib.utils import ImageReader

    from tests.support.files import png_bytes

    _table(pdf)
    pdf.drawImage(ImageReader(io.BytesIO(png_bytes())), 210, 505, 20, 20)  # a seal in a cell


def _curve(pdf: canvas.Canvas) -> None:
    pdf.circle(300, 520, 30)


def _slanted_quad(pdf: canvas.Canvas) -> None:
    path = pdf.beginPath()
    path.moveTo(50, 500)
    for x, y in ((300, 505), (300, 560), (50, 560)):
        path.lineTo(x, y)
    path.close()
    pdf.drawPath(path)


def _rotated(pdf: canvas.Canvas) -> None:
    pdf.setPageRotation(90)


def _turned_text(pdf: canvas.Canvas) -> None:
    pdf.saveState()
    pdf.translate(300, 400)
    pdf.rotate(90)
    pdf.drawString(0, 0, "竖排的旋转文字")
    pdf.restoreState()


def _field(pdf: canvas.Canvas) -> None:
    pdf.acroForm.textfield(name=f"f{pdf.getPageNumber()}", x=50, y=540, width=200, height=20,
                           value="filled in")


@pytest.mark.parametrize("extra", [_white, _tiny, _invisible, _off_page, _rotated,
                                   _turned_text, _field, _picture_and_rules, _curve,
                                   _slanted_quad])
def test_pages_the_other_rules_look_at_are_handed_back(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       extra: Callable[[canvas.Canvas], None]
                                                       ) -> None:
    path = deeds(tmp_path / "x.pdf", extra)
    assert page_chars(str(path)) is None
    fast, slow = both(path, monkeypatch)
    _same(fast, slow)


@pytest.mark.parametrize("extra", [_table, _boxed_table])
def test_ruled_tables_take_the_fast_path_and_read_the_same(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           extra: Callable[[canvas.Canvas], None]
                                                           ) -> None:
    path = deeds(tmp_path / "x.pdf", extra)
    pages = page_chars(str(path))
    assert pages is not None and all(page.edges for page in pages)
    fast, slow = both(path, monkeypatch)
    _same(fast, slow)
    assert len(fast.tables) == 2  # one per page, its cells from PDFium's rules
    cells = [c.text for row in fast.tables[0].rows for c in row]
    assert ("0315-2800003" if extra is _table else "刘志强 校长") in cells


@pytest.mark.parametrize("gap", [-250, -900])
def test_a_space_pdfium_infers_is_dropped_only_where_pdfplumber_splits_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gap: int) -> None:
    """A TJ kern of 2.75 pt (-250 at 11 pt) is no word break to pdfplumber ("ofrules"), while
    PDFium may infer a space there: the fast path must not keep PDFium's reading. At 9.9 pt
    both split: the inferred space goes, and the texts are the same."""
    path = deeds(tmp_path / "kern.pdf", lambda pdf: pdf._code.append(
        f"BT /F1 11 Tf 50 520 Td [(a list of) {gap} (rules for the panel)] TJ ET"))
    assert (page_chars(str(path)) is None) == (gap == -250)  # PDFium infers a space at both
    fast, slow = both(path, monkeypatch)
    _same(fast, slow)
    assert ("of rules" if gap == -900 else "ofrules") in fast.text


def test_hidden_text_is_still_found_when_the_file_has_plain_pages_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hidden line is on page 2 only: the whole file goes to pdfplumber.
    def late_white(pdf: canvas.Canvas) -> None:
        if pdf.getPageNumber() == 2:
            _white(pdf)
    document = read_document(deeds(tmp_path / "late.pdf", late_white))
    assert [(h.text, h.reason) for h in document.hidden] == [("白色的隐藏指令文字", "white")]


def test_a_form_with_merged_cells_reads_as_before(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = form_pdf(tmp_path / "form.pdf", pages=2)
    assert page_chars(str(path)) is not None
    fast, slow = both(path, monkeypatch)
    _same(fast, slow)
    first = [[c.text for c in row] for row in fast.tables[0].rows]
    assert first[:2] == [["单位名称", "某某学校", "负责人", "张三"], ["地址", "某市某区某路1号"]]


@pytest.mark.parametrize("make", ["scan", "cid"])
def test_scans_and_garbled_text_read_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               make: str) -> None:
    path = tmp_path / f"{make}.pdf"
    if make == "cid":
        cid_pdf(path)
    else:
        pdf = cjk_canvas(path)
        image_page(pdf)
        pdf.save()
    assert page_chars(str(path)) is None
    _same(*both(path, monkeypatch))


def test_a_scan_with_a_short_visible_layer_is_not_read_as_text_by_the_fast_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFium can read the scan's few typed glyphs, but the page is a picture: the file goes to
    the pdfplumber path, where the page is OCR'd (here --ocr off: it says it needs OCR)."""
    from reportlab.lib.utils import ImageReader

    from extractors.ocr.need import OcrOptions
    from tests.support.files import png_bytes

    path = tmp_path / "scan.pdf"
    pdf = cjk_canvas(path)
    pdf.drawImage(ImageReader(io.BytesIO(png_bytes(200, 280, "gray"))), 40, 80, 515, 700)
    pdf.setFont(CJK_FONT, 11)
    pdf.drawString(50, 60, "扫描件：河北省开放大学网络安全工作申报表第一页")
    pdf.showPage()
    pdf.save()
    pages = page_chars(str(path))
    assert pages is not None and pages[0].picture_share >= 0.6  # PDFium could take it
    off = OcrOptions(mode="off")
    assert pdf_reader._read_fast(path, pages, off) is None  # but its layer is not usable
    fast = read_document(path, off)
    monkeypatch.setattr(pdf_reader, "FAST_PATH", False)
    slow = read_document(path, off)
    _same(fast, slow)
    assert [f.code for f in fast.findings] == ["needs_ocr"] and not fast.text_reliable


@pytest.mark.parametrize("path", TYPED_SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_typed_sample_pdfs_take_the_fast_path_and_read_the_same(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert page_chars(str(path)) is not None
    fast, slow = both(path, monkeypatch)
    _same(fast, slow)
    assert fast.text.strip()


@pytest.mark.parametrize("number", [0, 1, 7])
def test_the_bench_submissions_take_the_fast_path_and_read_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int) -> None:
    """The PDF submissions scripts/bench.py times (make_pdf_batch): a ruled 申报表 and the
    deeds prose, each varied by a sentence of its own."""
    unit = replace(TANGSHAN, name=f"唐山开放大学{number}",
                   summary=TANGSHAN.summary + sentence(number))
    form, deeds_file = tmp_path / "申报表.pdf", tmp_path / "事迹材料.pdf"
    collective_pdf(unit, form)
    deeds_pdf([*TANGSHAN.deeds, sentence(number + 1)], deeds_file)
    documents = {}
    for path in (form, deeds_file):
        assert page_chars(str(path)) is not None
        fast, slow = both(path, monkeypatch)  # read_document hands PDFium the bytes it hashed
        _same(fast, slow)
        documents[path] = fast
    cells = [c.text for table in documents[form].tables for row in table.rows for c in row]
    assert unit.name in cells
    assert documents[deeds_file].text.rstrip().endswith(sentence(number + 1))
