"""The parts of scanned-form reading that need no recogniser run: which pages need OCR, fields
from flat label–value text, red stamps told from other red ink, and missing-line detection."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from extractors.document import Document
from extractors.forms import recognise
from extractors.legacy import soffice_available
from extractors.ocr import available
from extractors.ocr.need import ocr_wins, page_reason
from intake.screen.batch import load_programme
from intake.screen.checks import ReadDocument, check_submission, role_of
from samples.builders import INDIVIDUAL_TITLE
from tests.support.documents import make_document

PROGRAMME = load_programme()
needs_cv = pytest.mark.skipif(available() is not None, reason=f"ocr extra absent: {available()}")

# A legacy .doc as LibreOffice gives it: the table is gone, labels and values run together.
FLAT = ("姓名孙芳性别女出生年月1988.05所在单位唐山开放大学职称/职务工程师突出事迹简介(800字)"
        "该同志长期负责本单位学习平台运维，所在单位的职务调整后仍坚守岗位，成绩突出。"
        "单位意见同意推荐。签章 2024年5月20日")


def checked(document: Document):  # type: ignore[no-untyped-def]
    form = recognise(document, PROGRAMME.forms)
    read = ReadDocument(document=document, form=form, role=role_of(document, form))
    return form, check_submission(document.path, [read], list(PROGRAMME.forms), PROGRAMME.deeds)


# ------------------------------------------------------------------ which pages need OCR


@pytest.mark.parametrize(("text", "share", "reason"), [
    ("", 0.9, "no_text"),  # a plain scan
    ("第1页", 0.9, "no_text"),  # a scanner's page number only
    ("(cid:12)(cid:40)(cid:77)" * 4 + "(cid:3)", 0.95, "undecodable"),  # ocrmypdf, 13 glyphs
    ("(cid:5)" * 30, 0.0, "undecodable"),  # a digital page in a font without ToUnicode
    ("河北开放大学信息化工作先进个人申报表", 0.95, "short"),  # a scan under a title-only layer
    ("", 0.1, None),  # a blank page with a small logo
    ("该校坚持以信息化带动教育现代化。" * 20, 0.95, None),  # a good OCR layer over its scan
    ("该校坚持以信息化带动教育现代化。" * 20, 0.0, None),  # a digital page
])
def test_page_reason(text: str, share: float, reason: str | None) -> None:
    assert page_reason(text, share, "auto") == reason


def test_force_ocrs_every_page_and_keeps_ocr_only_when_it_finds_text() -> None:
    assert page_reason("该校坚持以信息化带动教育现代化。" * 20, 0.0, "force") == "forced"
    assert not ocr_wins("no_text", "", "")  # OCR found nothing: the page keeps needs_ocr
    assert not ocr_wins("short", "河北开放大学申报表姓名性别", "河北开放大学申报表姓名性别女")
    assert ocr_wins("short", "河北开放大学申报表", "河北开放大学申报表" + "姓名孙芳" * 10)


# ------------------------------------------------------------------ flat label–value text


def test_flat_legacy_doc_gives_every_field() -> None:
    form, result = checked(make_document(before=[INDIVIDUAL_TITLE, FLAT], path="申报表.doc"))
    assert form.kind == "individual"
    values = {name: value.value for name, value in form.fields.items()}
    assert values["姓名"] == "孙芳" and values["性别"] == "女"
    assert values["出生年月"] == "1988.05" and values["所在单位"] == "唐山开放大学"
    assert values["职称/职务"] == "工程师"
    # Labels inside the running text ("本单位", "所在单位的职务") do not cut the summary.
    summary = values["突出事迹简介"]
    assert summary.startswith("该同志") and summary.endswith("成绩突出。")
    assert values["单位意见"].startswith("同意推荐")
    assert not [f for f in result.findings if f.code == "missing_field"]


def test_flat_values_are_spans_of_the_text() -> None:
    document = make_document(before=[INDIVIDUAL_TITLE, FLAT])
    form, _ = checked(document)
    for value in form.fields.values():
        assert document.text[value.start : value.end] == value.value


def test_a_sentence_with_one_label_is_not_a_form() -> None:
    document = make_document(before=["事迹材料", "她担任教务处职务多年，工作认真负责。"])
    form, _ = checked(document)
    assert form.fields == {}


def test_flat_form_with_a_missing_value_reports_that_field_only() -> None:
    text = FLAT.replace("性别女", "性别")
    _, result = checked(make_document(before=[INDIVIDUAL_TITLE, text]))
    missing = [f.field for f in result.findings if f.code == "missing_field"]
    assert missing == ["性别"]


# ------------------------------------------------------------------ seals


def _page() -> np.ndarray:
    return np.full((1100, 850, 3), 255, np.uint8)


@needs_cv
def test_a_red_ring_with_content_is_a_seal_other_red_ink_is_not() -> None:
    import cv2

    from extractors.ocr.seal import find_seals

    page = _page()
    cv2.circle(page, (600, 800), 80, (210, 30, 30), 6)
    cv2.putText(page, "SEAL", (545, 815), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (210, 30, 30), 3)
    [(x0, y0, x1, y1)] = find_seals(page)
    assert x0 < 600 < x1 and y0 < 800 < y1

    others = _page()
    cv2.putText(others, "URGENT", (100, 100), cv2.FONT_HERSHEY_SIMPLEX, 3, (210, 30, 30), 8)
    cv2.line(others, (100, 300), (700, 300), (210, 30, 30), 4)  # a red underline
    cv2.circle(others, (300, 700), 80, (210, 30, 30), -1)  # a solid red disc
    cv2.circle(others, (650, 700), 80, (210, 30, 30), 6)  # an empty red ring
    cv2.circle(others, (450, 950), 80, (30, 30, 30), 6)  # a black ring with text
    cv2.putText(others, "OK", (420, 965), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (30, 30, 30), 3)
    assert find_seals(others) == []


# ------------------------------------------------------------------ missing lines


def _table(cell_height: int) -> np.ndarray:
    import cv2

    page = _page()
    for y in (100, 100 + cell_height):
        cv2.line(page, (50, y), (800, y), (0, 0, 0), 2)
    for x in (50, 200, 800):
        cv2.line(page, (x, 100), (x, 100 + cell_height), (0, 0, 0), 2)
    return page


class _Recogniser:
    """Stands in for rapidocr with lines at known places: the layout's logic is under test."""

    def __init__(self, rows: list[int], retry_rows: list[int]) -> None:
        self.rows, self.retry_rows, self.calls = rows, retry_rows, 0

    def __call__(self, image: np.ndarray):  # type: ignore[no-untyped-def]
        from extractors.ocr.engine import OcrChar, OcrLine

        self.calls += 1
        full = self.calls == 1
        rows, scale, left, top = ((self.rows, 1.0, 0, 0) if full
                                  else (self.retry_rows, 2.0, 200 - 12, 100 - 12))
        lines = []
        for y in rows:
            chars = tuple(OcrChar("字", 0.95, ((x - left) * scale, (y - top) * scale,
                                              (x + 20 - left) * scale, (y + 20 - top) * scale))
                          for x in range(220, 780, 22))
            lines.append(OcrLine("字" * len(chars), 0.95, chars[0].box[:2] + chars[-1].box[2:],
                                 chars))
        return lines


@needs_cv
@pytest.mark.parametrize(("retry", "uncertain"), [
    ([120, 150, 180, 210, 240, 270], False),  # twice the size finds the missing line
    ([120, 150, 180, 240, 270], True),  # still a gap: the cell is uncertain
])
def test_a_gap_of_a_line_in_a_cell_is_read_again_then_flagged(retry: list[int],
                                                              uncertain: bool) -> None:
    from extractors.ocr.layout import read_page_image
    from extractors.textbuild import TextBuilder

    recogniser = _Recogniser([120, 150, 180, 240, 270], retry)
    builder = TextBuilder()
    read_page_image(_table(200), 1, builder, 0, recogniser)
    [cell] = [b for b in builder.blocks if b.location.column == 1]
    assert recogniser.calls == 2 and cell.uncertain is uncertain
    assert builder.text[cell.start : cell.end].count("\n") == len(retry) - 1


@needs_cv
def test_an_uncertain_summary_cell_says_ocr_uncertain() -> None:
    from extractors.document import Block

    document = make_document(before=[INDIVIDUAL_TITLE], rows=[
        ["姓名", "孙芳", "性别", "女"], ["出生年月", "1988.05", "所在单位", "唐山开放大学"],
        ["职称/职务", "工程师"], ["突出事迹简介", "该同志长期负责平台运维。"],
        ["单位意见", "同意"]])
    blocks = [b.model_copy(update={"source": "ocr", "confidence": 0.9,
                                   "uncertain": b.location.row == 3})
              if b.kind == "cell" else b for b in document.blocks]
    document = document.model_copy(update={"blocks": [Block.model_validate(b.model_dump())
                                                      for b in blocks]})
    _, result = checked(document)
    found = {(f.code, f.field) for f in result.findings}
    assert ("ocr_uncertain", "突出事迹简介") in found and ("ocr_count", "突出事迹简介") in found
    assert ("ocr_uncertain", "姓名") not in found


# ------------------------------------------------------------------ page images


@needs_cv
@pytest.mark.parametrize("angle", [1.5, -2.0, 0.0])
def test_skew_is_measured_from_the_page_itself(angle: float) -> None:
    from extractors.ocr.image import rotate, skew_angle

    page = _table(300)
    for y in range(450, 900, 30):  # lines of "type" below the table
        page[y : y + 12, 80:760] = 40
    turned = rotate(page, angle)
    assert skew_angle(turned[:, :, 0]) == pytest.approx(-angle, abs=0.2)


def test_resolution_from_the_scan_small_upscaled_huge_capped() -> None:
    from extractors.ocr.image import MAX_SIDE, choose_dpi, fit, within_budget

    assert choose_dpi(54) == 150 and choose_dpi(100) == 200  # small scans: twice, at least 150
    assert choose_dpi(200) == 200 and choose_dpi(600) == 300 and choose_dpi(None) == 200
    poster = within_budget(2384, 3370, 300)  # A0 at 300 dpi would be 14043 px high
    assert 3370 / 72 * poster == pytest.approx(MAX_SIDE)
    assert max(fit(np.zeros((9000, 6000, 3), np.uint8)).shape) == MAX_SIDE
    assert fit(np.zeros((1100, 850, 3), np.uint8)).shape[:2] == (2200, 1700)


def test_a_note_naming_labels_does_not_fill_an_empty_table_cell() -> None:
    rows = [["姓名", "孙芳", "性别", "女"], ["出生年月", "1988.05", "所在单位", ""],
            ["职称/职务", "工程师"], ["突出事迹简介", "长期负责平台运维。"],
            ["单位意见", "同意推荐。签章 2024年5月20日"]]
    note = "注：所在单位、职称/职务须如实填写。"
    _, result = checked(make_document(before=[INDIVIDUAL_TITLE], rows=rows, after=[note]))
    assert [f.field for f in result.findings if f.code == "missing_field"] == ["所在单位"]


# ------------------------------------------------------------------ dates on scans


def _opinion_document(opinion: str, source: str) -> Document:
    from extractors.document import Block

    document = make_document(before=[INDIVIDUAL_TITLE], rows=[
        ["姓名", "孙芳", "性别", "女"], ["出生年月", "1988.05", "所在单位", "唐山开放大学"],
        ["职称/职务", "工程师"], ["突出事迹简介", "长期负责平台运维。"], ["单位意见", opinion]],
        images_at={(4, 1)})
    blocks = [Block.model_validate({**b.model_dump(), "source": source}) for b in document.blocks]
    return document.model_copy(update={"blocks": blocks})


@pytest.mark.parametrize(("opinion", "source", "missing"), [
    ("同意推荐。\n204年5月20日", "ocr", False),  # a handwritten date OCR read a digit short
    ("同意推荐。\n2024年5月20日", "ocr", False),  # a typed date
    ("同意推荐。\n签章", "ocr", True),  # no date-like text at all
    ("同意推荐。\n204年5月20日", "text", True),  # typed text is held to a whole date
])
def test_missing_date_on_a_scan_only_without_date_like_text(opinion: str, source: str,
                                                            missing: bool) -> None:
    _, result = checked(_opinion_document(opinion, source))
    found = {(f.code, f.field) for f in result.findings}
    assert (("missing_date", "单位意见") in found) is missing
    assert ("missing_seal", "单位意见") not in found  # the stamp is on the cell


# ------------------------------------------------------------------ a real legacy .doc


@pytest.mark.soffice
@pytest.mark.skipif(not soffice_available(), reason="LibreOffice (soffice) not installed")
def test_a_legacy_doc_with_its_form_as_one_paragraph(tmp_path: Path) -> None:
    """Made as offices make them: the form typed as running text, saved as Word 97 by
    LibreOffice, read back through LibreOffice: every field by its label, none missing."""
    import subprocess

    import docx

    from extractors.read import read_document

    source = tmp_path / "申报表.docx"
    document = docx.Document()
    document.add_paragraph(INDIVIDUAL_TITLE)
    document.add_paragraph(FLAT)
    document.save(str(source))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    form, result = checked(read_document(tmp_path / "申报表.doc"))
    assert form.kind == "individual"
    assert form.fields["所在单位"].value == "唐山开放大学" and form.fields["性别"].value == "女"
    assert not [f for f in result.findings if f.code == "missing_field"]


def test_the_glossary_names_the_ocr_finding_codes() -> None:
    """The handed-on reports name findings in Chinese: every code, the OCR ones included."""
    from extractors.findings import LEVELS
    from intake.glossary import FINDING_NAMES

    assert [code for code in LEVELS if code not in FINDING_NAMES] == []
