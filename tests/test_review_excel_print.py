"""The review workbook on paper, as LibreOffice prints it: A4 landscape, every page as wide as the
columns a reviewer fills in (identification, suggestion, decision, citations), the header row on
every page, and no citation cut at a row's bottom."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from intake.present.sheet_layout import display_width
from intake.review import excel as review_excel
from intake.store import Store
from rubric import Rubric

pytestmark = [pytest.mark.soffice, pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext) not installed")]


def _pdf(workbook: Path, workdir: Path) -> Path:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(workdir / 'p').as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(workdir), str(workbook)],
                   check=True, capture_output=True, timeout=240)
    return workdir / f"{workbook.stem}.pdf"


def _pages(pdf: Path, mode: str = "-layout") -> list[str]:
    """The pages' text: -layout keeps the columns side by side, -raw each cell's lines together."""
    text = subprocess.run(["pdftotext", mode, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_review_workbook_prints_on_a4_landscape_for_filling_in(store: Store, rubric: Rubric,
                                                               tmp_path: Path) -> None:
    workbook = tmp_path / "待复核.xlsx"
    review_excel.export(store, rubric, workbook)
    pdf = _pdf(workbook, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    pages = _pages(pdf)
    sheet = load_workbook(workbook)["待复核"]
    rows = sheet.max_row - 1
    assert 1 < len(pages) < rows  # several rows a page, more than one page
    for page in pages[:-1] if len(pages) > 2 else pages:  # the info sheet prints last
        flat = _flat(page)
        if "待复核建议" in flat:
            continue
        for header in ("单位", "决定", "复核理由", "依据（引文及位置）", "可填范围"):
            assert header in flat, f"{header} missing on a page: the header row repeats"
        assert "建议理由" not in flat and "置信度" not in flat  # reference columns: screen only
    printed = _flat("".join(_pages(pdf, "-raw")))
    column = [c.value for c in sheet[1]].index("依据（引文及位置）") + 1
    quotes = [str(sheet.cell(r, column).value) for r in range(2, sheet.max_row + 1)
              if sheet.cell(r, column).value]
    longest = max(quotes, key=len)
    letter = sheet.cell(1, column).column_letter
    assert display_width(longest) > 2 * sheet.column_dimensions[letter].width  # wraps: 3+ lines
    assert sheet.cell(2, column).alignment.wrap_text
    assert _flat(longest) in printed  # all of it on paper, not cut at the row's bottom
