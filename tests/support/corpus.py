"""Precision and recall of the rules extractor on the real-phrasing corpus (issue 20).

Each corpus file (tests/corpus/real_phrasing/{tuning,heldout}/*.yaml) is built as the file its
`format` says — a python-docx .docx (one paragraph per line) or a PDF laid out as LibreOffice does,
lines wrapped at the right margin — read back with our readers, and run through the rules
extractor with the programme's rubric. Per fact: a suggestion is right when its value equals the
expected one (numbers to 0.01); precision = right / suggested, recall = right / expected.
Every citation is checked against the document text (the citation invariant).

    .venv/bin/python -m tests.support.corpus            # both sets, per programme
    .venv/bin/python -m tests.support.corpus tuning     # one set only (a new held-out round
                                                        # stays unseen while rules are tuned)
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import docx
import yaml
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from extractors.document import Document
from extractors.facts.base import SubmissionText
from extractors.facts.citations import verify
from extractors.facts.rubric_adapter import from_rubric
from extractors.facts.rules import RulesExtractor
from extractors.facts.wraps import _width
from extractors.read import read_document
from intake.catalog import load_rubric
from tests.support.files import CJK_FONT, cjk_canvas, draw_grid

CORPUS = Path(__file__).parents[1] / "corpus" / "real_phrasing"
RUBRICS = {"hebei": "hebei-ou-2024-collective", "xunke": "xunke-2018-school"}
FONT = "STSong-Light"
CELL_EM, CELL_LINE = 10.0, 12.0  # a table cell's 10 pt text: points per em and per line
LINE_EM = 36.0  # characters of a full line at 11 pt between 2.5 cm margins (LibreOffice default)


def write_docx(text: str, path: Path, rows: list[list[str]] | None = None) -> Path:
    """One paragraph per line, then a table of `rows` (a 自评表) if given."""
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    if rows:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.save(str(path))
    return path


def wrap(line: str, width: float = LINE_EM) -> list[str]:
    """The line broken where a full line ends, as a word processor lays it out."""
    out, current = [], ""
    for char in line:
        if current and _width(current + char) > width:
            out.append(current)
            current = ""
        current += char
    return [*out, current] if current or not out else out


def write_ruled_pdf(path: Path, rows: list[list[str]], title: str = "") -> Path:
    """A PDF page with a title line (if any) over a ruled table, its columns evenly spaced, as
    a word processor prints a 自评表: the PDF reader finds it as a table."""
    pdf = cjk_canvas(path)
    pdf.setFont(CJK_FONT, 10)
    if title:
        pdf.drawString(60, A4[1] - 70, title)
    top, width = A4[1] - 100, 480.0 / len(rows[0])
    xs = [60.0 + width * i for i in range(len(rows[0]) + 1)]
    # A long cell wraps inside its column and its row grows, as in a word processor (drawn on
    # one line it would run into the next cell and the reader would rightly mix the two).
    lines = [[wrap(text, (width - 10) / CELL_EM) for text in values] for values in rows]
    ys = [top]
    for cells in lines:
        ys.append(ys[-1] - 30 - CELL_LINE * (max(map(len, cells)) - 1))
    draw_grid(pdf, xs, ys)
    for row, cells in enumerate(lines):
        for column, cell in enumerate(cells):
            for number, line in enumerate(cell):
                pdf.drawString(xs[column] + 5, ys[row] - 20 - CELL_LINE * number, line)
    pdf.showPage()
    pdf.save()
    return path


def write_pdf(text: str, path: Path, width: float = LINE_EM) -> Path:
    """Each paragraph's lines wrapped at the margin; a paragraph ends with its last line."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 11)
    y = A4[1] - 72
    for paragraph in text.split("\n"):
        for line in wrap(paragraph, width):
            if y < 72:
                pdf.showPage()
                pdf.setFont(FONT, 11)
                y = A4[1] - 72
            pdf.drawString(72, y, line)
            y -= 18
    pdf.save()
    return path


@dataclass
class Tally:
    suggested: int = 0
    expected: int = 0
    right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def _same(value: object, wanted: object) -> bool:
    if isinstance(wanted, bool) or isinstance(value, bool):
        return value is wanted
    if isinstance(wanted, int | float) and isinstance(value, int | float):
        return abs(value - wanted) <= 0.01
    return value == wanted


def build(case: dict, folder: Path, name: str) -> Document:
    suffix = case["format"]
    path = folder / f"{name}.{suffix}"
    if suffix == "pdf":
        return read_document(write_pdf(case["text"], path))
    return read_document(write_docx(case["text"], path, case.get("rows")))


def _squeezed(text: str) -> str:
    return "".join(text.split())


def check_case(case: dict, document: Document, name: str) -> None:
    """What must hold of every corpus file, scored or not: it read back as its own text (a file
    that failed to read would only look like misses) and each label names a fact of its rubric
    (a misspelt label would never be counted)."""
    read = _squeezed(document.text)
    cells = [cell for row in case.get("rows") or [] for cell in row]
    lost = [line for line in [*case["text"].split("\n"), *cells] if _squeezed(line) not in read]
    assert not lost, f"{name}: not read back: {lost[:2]} {[f.code for f in document.findings]}"
    unknown = set(case.get("expected") or {}) - set(load_rubric(RUBRICS[case["programme"]]).facts)
    assert not unknown, f"{name}: labels for facts the rubric does not have: {sorted(unknown)}"


def score_case(path: Path, folder: Path, tallies: dict[str, Tally]) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    document = build(case, folder, path.stem)
    check_case(case, document, path.stem)
    rubric = from_rubric(load_rubric(RUBRICS[case["programme"]]))
    submission = SubmissionText.of(path.stem, (document, "deeds"))
    expected = case.get("expected") or {}
    tally = tallies.setdefault(case["programme"], Tally())
    for made in RulesExtractor().suggest(submission, rubric).suggestions:
        if made.target != "fact":
            continue
        assert all(verify(document, c) for c in made.citations), f"{path.stem}: bad citation"
        wanted = expected.get(made.key)
        tally.expected += wanted is not None
        if made.status != "suggested":
            if wanted is not None:
                tally.errors.append(f"{path.stem} {made.key}: missed {wanted!r}")
            continue
        tally.suggested += 1
        if wanted is not None and _same(made.value, wanted):
            tally.right += 1
        else:
            tally.errors.append(f"{path.stem} {made.key}: {made.value!r}, expected {wanted!r}")


def score(split: str, folder: Path) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for path in sorted((CORPUS / split).glob("*.yaml")):
        score_case(path, folder, tallies)
    return tallies


def main(splits: list[str]) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for split in splits or ["tuning", "heldout"]:
            for programme, tally in sorted(score(split, Path(folder)).items()):
                print(f"{split:8} {programme:6} precision {tally.precision:.2f} "
                      f"({tally.right}/{tally.suggested})  recall {tally.recall:.2f} "
                      f"({tally.right}/{tally.expected})")
                for error in tally.errors:
                    print("    ", error)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
