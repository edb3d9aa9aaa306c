"""A clean copy of a PDF that pdfminer cannot open whole, written by PDFium (pypdfium2).

Two kinds of valid files defeat pdfminer but not PDFium (and poppler):

* a broken cross-reference table or page tree: pdfminer finds a catalog without /Pages, or a
  /Kids loop, and reports no pages at all (pdfminer.six nonfree/175.pdf, pdfplumber's
  issue-297 example, sample-files 023-cmyk-image). PDFium rebuilds the cross-reference table
  from the objects themselves, as viewers do;
* a file locked only by an owner password (it opens with none, as every viewer shows it) in a
  security handler pdfminer does not implement: pdfminer raises PDFEncryptionError.

PDFium opens the file and saves a copy: for a security handler, the whole file without it (it
only restricts what a viewer allows); for a page tree, the pages imported into a new document,
which gets a fresh cross-reference table and page tree (each page keeps its resources and
annotations, so form fields' values come along).
pdfplumber then reads that copy with every rule of the PDF reader. A file that needs a password
to open gets None: it is encrypted for us too.
"""

from __future__ import annotations

import io
from enum import Enum
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


class Locked(Enum):
    PASSWORD = "password"  # needs a password to open


def repaired_copy(path: Path, *, new_page_tree: bool = False) -> io.BytesIO | Locked | None:
    """The PDFium-written copy; Locked.PASSWORD if it needs an open password; None if PDFium
    cannot open it either."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        return Locked.PASSWORD if "password" in str(error).lower() else None
    buffer = io.BytesIO()
    try:
        if new_page_tree:
            _with_new_page_tree(document, buffer)
        else:
            document.save(buffer, flags=pdfium_c.FPDF_REMOVE_SECURITY)
    finally:
        document.close()
    buffer.seek(0)
    return buffer


def _with_new_page_tree(document: pdfium.PdfDocument, buffer: io.BytesIO) -> None:
    copy = pdfium.PdfDocument.new()
    try:
        copy.import_pages(document)
        copy.save(buffer)
    finally:
        copy.close()


def page_count(path: Path) -> int:
    """Pages as PDFium counts them; 0 when it cannot open the file."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return 0
    try:
        return len(document)
    finally:
        document.close()
