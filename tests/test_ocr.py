"""Scanned forms read offline: the scan is made here (a digital 申报表 rendered to a picture, a red
seal, a date in "handwriting", 1.5° skew, JPEG noise), then read as a reviewer's batch would be.

OCR takes seconds a page on two shared cores: each scan is OCR'd once per module (fixtures) and
the tests that need it are marked `slow`. Without the ocr extra or the CJK font they skip.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from extractors.document import Document
from extractors.facts.citations import locate
from extractors.forms import Form, recognise
from extractors.ocr import available
from extractors.ocr.need import OcrOptions
from extractors.read import read_document
from intake.screen.batch import load_programme
from intake.screen.checks import CheckedSubmission, ReadDocument, check_submission, role_of
from intake.screen.counting import count_words
from tests.support import scans as sb

pytestmark = [
    pytest.mark.skipif(available() is not None, reason=f"ocr extra absent: {available()}"),
    pytest.mark.skipif(not sb.font_available(),
                       reason="no CJK font (fonts-wqy-microhei, scripts/sysdeps.sh) to draw scans"),
]
PROGRAMME = load_programme()


def check(document: Document) -> tuple[Form, CheckedSubmission]:
    form = recognise(document, PROGRAMME.forms)
    read = ReadDocument(document=document, form=form, role=role_of(document, form))
    return form, check_submission(document.path, [read], list(PROGRAMME.forms), PROGRAMME.deeds)


def codes(checked: CheckedSubmission) -> dict[tuple[str, str | None], str]:
    return {(f.code, f.field): f.message for f in checked.findings}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scans")


@pytest.fixture(scope="module")
def digital(folder: Path) -> Document:
    return read_document(sb.form_pdf(folder / "原件.pdf"))


@pytest.fixture(scope="module")
def scan_jpeg(folder: Path) -> bytes:
    return sb.scan(sb.form_pdf(folder / "待扫描.pdf"))


@pytest.fixture(scope="module")
def scanned(folder: Path, scan_jpeg: bytes) -> Document:
    return read_document(sb.jpeg_pdf(folder / "扫描件.pdf", scan_jpeg))


@pytest.fixture(scope="module")
def ocrmypdf(folder: Path, scan_jpeg: bytes) -> Path:
    return sb.ocrmypdf_style(folder / "ocrmypdf.pdf", scan_jpeg)


# ------------------------------------------------------------------ without OCR


def test_ocrmypdf_layer_is_detected_not_read_as_empty(ocrmypdf: Path) -> None:
    """The undecodable invisible layer gives a dozen (cid:N): needs_ocr, and no 字数 counted."""
    document = read_document(ocrmypdf, OcrOptions(mode="off"))
    [needs] = document.findings
    assert needs.code == "needs_ocr" and "无法解码" in needs.message
    assert "--ocr off" in needs.message
    _, checked = check(document)
    assert checked.counts["summary"] is None


def test_without_the_extra_a_scan_says_what_to_install(
    ocrmypdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "rapidocr" else real(name, *a))
    document = read_document(ocrmypdf)
    [needs] = document.findings
    assert needs.code == "needs_ocr" and "pip install 'intake[ocr]'" in needs.message


def test_digital_pdf_with_a_stamp_picture_in_the_opinion_cell_has_its_seal(folder: Path) -> None:
    document = read_document(sb.form_pdf(folder / "电子签章.pdf", seal=True))
    _, checked = check(document)
    assert ("missing_seal", "单位意见") not in codes(checked)
    assert not document.ocr_pages  # a digital page is never OCR'd in auto mode


def test_a_failing_recogniser_leaves_needs_ocr_not_unreadable(
    ocrmypdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """onnxruntime fails to allocate under a worker's address-space limit: the page keeps its
    layer and says why it was not OCR'd, in one clear line."""
    from extractors.ocr import engine

    def failing(*args: object, **kwargs: object) -> None:
        raise RuntimeError(  # as rapidocr wraps onnxruntime's error: the traceback, then it
            "Traceback (most recent call last):\n  File \"main.py\", line 98, in __call__\n"
            "onnxruntime.capi.onnxruntime_pybind11_state.RuntimeException: [ONNXRuntimeError] "
            ": 6 : RUNTIME_EXCEPTION : bad allocation")

    monkeypatch.setattr(engine, "_engine", lambda: failing)
    document = read_document(ocrmypdf)
    [needs] = document.findings
    assert needs.code == "needs_ocr" and "OCR 出错" in needs.message and "bad allocation" in (
        needs.message) and "\n" not in needs.message
    assert document.readable


# ------------------------------------------------------------------ the scanned form


@pytest.mark.slow
def test_scanned_form_is_recognised_with_every_field(digital: Document, scanned: Document) -> None:
    original, _ = check(digital)
    form, _ = check(scanned)
    assert form.kind == "individual" == original.kind
    assert [p.page for p in scanned.ocr_pages] == [1] and scanned.ocr_pages[0].reason == "no_text"
    assert abs(scanned.ocr_pages[0].skew) == pytest.approx(1.5, abs=0.3)
    for name in ("姓名", "性别", "出生年月", "所在单位", "职称/职务"):
        assert form.fields[name].value == sb.FIELDS[name] == original.fields[name].value
    assert form.fields["单位意见"].value.startswith(sb.OPINION)


@pytest.mark.slow
def test_scanned_summary_counts_within_one_percent(digital: Document, scanned: Document) -> None:
    _, original = check(digital)
    _, checked = check(scanned)
    truth = count_words(sb.SUMMARY)
    assert original.counts["summary"] == truth
    assert abs(checked.counts["summary"] - truth) <= 0.01 * truth  # type: ignore[operator]
    found = codes(checked)
    message = found[("ocr_count", "突出事迹简介")]
    assert "OCR" in message and "置信度" in message and "未超过 800 字" in message
    assert ("ocr_uncertain", "突出事迹简介") not in found


@pytest.mark.slow
def test_seal_and_handwritten_date_are_found_on_the_scan(scanned: Document,
                                                         digital: Document) -> None:
    _, checked = check(scanned)
    found = codes(checked)
    assert ("missing_seal", "单位意见") not in found and ("missing_date", "单位意见") not in found
    [seal] = [image for image in scanned.images if image.kind == "seal"]
    assert seal.location.row is not None  # in a cell: the 单位意见 row
    _, original = check(digital)  # the same form unstamped and undated
    assert {("missing_seal", "单位意见"), ("missing_date", "单位意见")} <= set(codes(original))


@pytest.mark.slow
def test_ocr_blocks_carry_source_confidence_and_box(scanned: Document) -> None:
    cells = [b for b in scanned.blocks if b.kind == "cell"]
    assert cells and all(b.source == "ocr" and b.box is not None for b in cells)
    assert all(b.confidence is not None and b.confidence > 0.8 for b in cells if b.end > b.start)


@pytest.mark.slow
def test_citations_on_ocr_text_carry_the_box_where_the_words_stand(
    digital: Document, scanned: Document, folder: Path
) -> None:
    """Each field value's citation box holds the place the digital original prints it."""
    import pdfplumber

    with pdfplumber.open(folder / "原件.pdf") as pdf:
        page = pdf.pages[0]
        words = {w["text"]: w for w in page.extract_words()}
        width, height = page.width, page.height
    for value in ("孙芳", "唐山开放大学", "1988.05", "工程师"):
        citation = locate(scanned, value)
        assert citation is not None and citation.box is not None and citation.location.page == 1
        word = words[value]
        x, y = (word["x0"] + word["x1"]) / 2 / width, (word["top"] + word["bottom"]) / 2 / height
        box = citation.box
        assert box.x0 - 0.01 <= x <= box.x1 + 0.01 and box.y0 - 0.01 <= y <= box.y1 + 0.01


@pytest.mark.slow
def test_ocrmypdf_style_scan_is_ocrd(ocrmypdf: Path) -> None:
    document = read_document(ocrmypdf)
    assert [p.reason for p in document.ocr_pages] == ["undecodable"]
    assert not any(f.code == "needs_ocr" for f in document.findings)
    form, _ = check(document)
    assert form.kind == "individual" and form.fields["所在单位"].value == "唐山开放大学"


# ------------------------------------------------------------------ offline


@pytest.mark.slow
def test_ocr_reaches_no_network(monkeypatch: pytest.MonkeyPatch, scan_jpeg: bytes) -> None:
    """A fresh engine (models loaded from the wheel) with every socket refused still reads."""
    from extractors.ocr import engine

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    engine._engine.cache_clear()
    import io

    import numpy as np
    from PIL import Image

    picture = np.asarray(Image.open(io.BytesIO(scan_jpeg)).convert("RGB"))[150:330, 40:800]
    assert "唐山开放大学" in "".join(line.text for line in engine.recognise(picture))


# ------------------------------------------------------------------ in a batch


@pytest.mark.slow
def test_mixed_pdf_in_a_batch_ocrs_the_scanned_page_once(
    folder: Path, scan_jpeg: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page 1 keeps its text layer, page 2 is OCR'd in the workers; the second run answers from
    the store's cache: with the recogniser broken, it still reads the same."""
    from extractors.ocr import engine
    from intake.cli.ocr_options import ocr_options
    from intake.screen.batch import ReadOptions, check_batch

    batch = folder / "batch" / "孙芳"
    batch.mkdir(parents=True)
    sb.mixed_pdf(batch / "申报表.pdf", scan_jpeg)
    options = ocr_options("auto", folder / "intake.db")
    first = check_batch([batch.parent], PROGRAMME, ReadOptions(jobs=1, ocr=options))
    [submission] = first.submissions
    [read] = submission.documents
    assert [p.page for p in read.document.ocr_pages] == [2]
    assert {b.source for b in read.document.blocks if b.location.page == 1} == {"text"}
    assert submission.kind == "individual" and submission.fields["姓名"] == "孙芳"

    def broken() -> None:
        raise AssertionError("OCR ran again")

    monkeypatch.setattr(engine, "_engine", broken)  # the workers are forked: they see this too
    again = check_batch([batch.parent], PROGRAMME, ReadOptions(jobs=1, ocr=options))
    assert again.submissions[0].fields == submission.fields
    assert again.submissions[0].findings == submission.findings


@pytest.mark.slow
def test_scanned_page_pasted_into_a_docx_is_read(folder: Path, scan_jpeg: bytes) -> None:
    document = read_document(sb.scan_docx(folder / "申报表.docx", scan_jpeg))
    assert not any(f.code == "needs_ocr" for f in document.findings)
    form, checked = check(document)
    assert form.kind == "individual" and form.fields["职称/职务"].value == "工程师"
    assert ("missing_seal", "单位意见") not in codes(checked)


def test_ocr_off_on_the_command_line_keeps_needs_ocr(folder: Path, scan_jpeg: bytes) -> None:
    from typer.testing import CliRunner

    from intake.cli import app

    scan = sb.jpeg_pdf(folder / "off.pdf", scan_jpeg)
    result = CliRunner().invoke(app, ["check", str(scan), "--ocr", "off", "--format", "json"])
    assert result.exit_code == 0 and '"needs_ocr"' in result.output


# ------------------------------------------------------------------ the HTML report


@pytest.mark.slow
def test_report_shows_the_scanned_page_with_the_cited_boxes(tmp_path: Path) -> None:
    """A collective whose 事迹材料 is a scan: the rules extractor cites OCR'd text, and the HTML
    report shows the page picture with a box per citation, each linking to its quote."""
    from lxml import html as lxml_html

    from extractors.facts.base import get_extractor
    from intake.catalog import load_rubric
    from intake.present import report_html
    from intake.review import decisions
    from intake.run import pipeline
    from intake.score import scoring
    from intake.store import Store
    from tests.support.scored import CITY_UNIT, DEEDS, _form

    unit = tmp_path / "batch" / CITY_UNIT
    unit.mkdir(parents=True)
    _form(unit / "申报表.docx", CITY_UNIT, "石家庄市长安区建设北大街1号",
          "同意推荐。签章 2024年10月12日")
    sb.text_scan_pdf(unit / "事迹材料.pdf", f"{CITY_UNIT}事迹材料", DEEDS)
    rubric = load_rubric("hebei-ou-2024-collective")
    with Store(tmp_path / "intake.db") as store:
        pipeline.run_batch([unit.parent], rubric.id, store, extractor=get_extractor("rules"))
        decisions.accept_all(store, rubric, "张三")
        report = scoring.score_store(store, rubric)
        report_html.write_html(store, rubric, report, tmp_path / "html")
    [page] = (tmp_path / "html" / "s").glob("*.html")
    root = lxml_html.parse(str(page)).getroot()
    [figure] = root.xpath("//figure[@class='scan']")
    [image] = figure.xpath(".//img")
    assert (page.parent / image.get("src")).stat().st_size > 10_000
    boxes = figure.xpath(".//*[@class='box']")
    assert boxes and "OCR" in figure.text_content()
    for box in boxes:
        [mark] = root.xpath(f"//*[@id='{box.get('href')[1:]}']")  # its quote is on the page
        [rect] = box.xpath(".//*[local-name()='rect']")  # placed in % of the page, by attribute
        assert mark.tag == "mark" and all(0 <= float(rect.get(a).rstrip("%")) <= 100
                                          for a in ("x", "y", "width", "height"))


# ------------------------------------------------------------------ damaged scans


def _read_damaged(path: Path) -> tuple[Document, str]:
    from tests.support.files import assert_offsets

    document = read_document(path)
    assert_offsets(document)
    document.model_dump_json()
    return document, ""


@pytest.mark.slow
def test_damaged_scans_never_crash_the_ocr(folder: Path, ocrmypdf: Path) -> None:
    """Byte-level damage to an ocrmypdf-style scan (its JPEG and its text layer): every copy is
    read in a worker, OCR'd or not, without a crash, a hang or a broken offset."""
    import random

    from intake.screen.workers import run_isolated
    from tests.test_fuzz import _mutate

    rng = random.Random(13)
    data = ocrmypdf.read_bytes()
    paths = []
    for number in range(2):
        path = folder / f"damaged-{number}.pdf"
        path.write_bytes(_mutate(data, rng))
        paths.append(path)
    outcomes = list(run_isolated(_read_damaged, paths, jobs=1, timeout=180))
    assert [(o.item.name, o.failure) for o in outcomes if o.failure] == []
    assert all(o.value and not o.value[1] for o in outcomes)
