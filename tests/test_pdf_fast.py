"""The PDFium fast path (extractors/pdf_fast.py): it reads plain prose exactly as the pdfplumber
path does, and hands back every page where a hidden-text, table, field or scan rule could apply,
so those rules only ever run on pdfplumber's view of the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

import extractors.pdf_reader as pdf_reader
from extractors.document import Document
from extractors.pdf_fast import page_chars
from extractors.read import read_document
from intake.screen.checks import counted_text
from intake.screen.counting import count_words
from tests.support.files import CJK_FONT, cid_pdf, cjk_canvas, draw_grid, form_pdf, image_page

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


@pytest.mark.parametrize("extra", [_white, _tiny, _invisible, _off_page, _table, _rotated,
                                   _turned_text, _field])
def test_pages_the_other_rules_look_at_are_handed_back(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       extra: Callable[[canvas.Canvas], None]
                                                       ) -> None:
    path = deeds(tmp_path / "x.pdf", extra)
    assert page_chars(str(path)) is None
    fast, slow = both(path, monkeypatch)
    _same(fast, slow)


def test_hidden_text_is_still_found_when_the_file_has_plain_pages_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The hidden line is on page 2 only: the whole file goes to pdfplumber.
    def late_white(pdf: canvas.Canvas) -> None:
        if pdf.getPageNumber() == 2:
            _white(pdf)
    document = read_document(deeds(tmp_path / "late.pdf", late_white))
    assert [(h.text, h.reason) for h in document.hidden] == [("白色的隐藏指令文字", "white")]


@pytest.mark.parametrize("make", ["form", "scan", "cid"])
def test_forms_scans_and_garbled_text_read_as_before(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     make: str) -> None:
    path = tmp_path / f"{make}.pdf"
    if make == "form":
        form_pdf(path)
    elif make == "cid":
        cid_pdf(path)
    else:
        pdf = cjk_canvas(path)
        image_page(pdf)
        pdf.save()
    assert page_chars(str(path)) is None
    _same(*both(path, monkeypatch))
