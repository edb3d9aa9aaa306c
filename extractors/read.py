"""The one entry point from files to Documents: `read_document(path)`.

It never raises for bad input. Every problem becomes a Finding on the returned Document, and any
exception a parser lets escape (python-docx and pdfminer both leak zlib.error, KeyError,
AssertionError, RecursionError … on corrupt files; RELIABILITY.md) is caught here and reported
as `unreadable` naming the exception type. Loops and memory blow-ups that no try/except can stop
are the caller's worker process's business (intake/screen/workers.py).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.document import Document, Format
from extractors.docx_reader import read_docx
from extractors.findings import finding
from extractors.legacy import read_legacy
from extractors.ocr.need import OcrOptions
from extractors.pdf_reader import read_pdf
from extractors.sniff import Sniffed, declared_format, sniff

_CHUNK = 1 << 20
KEPT_BYTES = 64 * 1024 * 1024  # a file this small is read once, hashed, and parsed from memory


def preload() -> None:
    """Import what the readers load only when a file needs it: Pillow and its format plugins,
    which open every picture in a .docx (is it a scanned page?). A process that forks workers
    calls this first, so each worker does not import them again (~12 ms a worker)."""
    from PIL import Image

    Image.preinit()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_and_hash(path: Path) -> tuple[str, bytes | None]:
    """The file's sha256, and its bytes when it is small enough to keep for the reader."""
    if path.stat().st_size > KEPT_BYTES:
        return sha256_file(path), None
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), data


def read_document(path: Path, ocr: OcrOptions | None = None) -> Document:
    """Read any file; `ocr` says whether and how pages without a usable text layer are OCR'd
    (default: when the ocr extra is installed)."""
    path = Path(path)
    try:
        sha256, data = _read_and_hash(path)
    except OSError as error:  # missing, a directory, no permission
        return failed(path, "", declared_format(path), "unreadable",
                      f"无法打开文件：{error.strerror or error} ({type(error).__name__})")
    try:
        sniffed = sniff(path, data)
    except Exception as error:  # sniffing is defensive already; this is the last line
        return failed(path, sha256, declared_format(path), "unreadable",
                      f"无法识别文件内容 (unreadable: {_describe(error)})")
    try:
        document = _read(path, sniffed, data, ocr)
    except Exception as error:  # the reader boundary: whatever a parser leaks becomes a finding
        return failed(path, sha256, sniffed.format, "unreadable",
                      f"文件已损坏或格式异常，无法读取 (unreadable: {_describe(error)})")
    return document.model_copy(update={"sha256": sha256})


def _read(path: Path, sniffed: Sniffed, data: bytes | None, ocr: OcrOptions | None) -> Document:
    if sniffed.kind == "docx":
        return read_docx(path, data, ocr=ocr, archive=sniffed.archive)
    if sniffed.kind == "pdf":
        return read_pdf(path, ocr, data)
    if sniffed.kind == "legacy":
        return read_legacy(path, sniffed.format)
    if sniffed.kind == "other":
        return Document(path=str(path), sha256="", format="other")
    if sniffed.kind == "empty":
        return failed(path, "", sniffed.format, "empty", "文件是空的（0 字节）(empty file)")
    if sniffed.kind == "corrupt":
        return failed(path, "", sniffed.format, "unreadable",
                      f"文件已损坏或不完整，请重新保存后提交 (corrupt: {sniffed.what})")
    if sniffed.kind == "encrypted":
        return failed(path, "", sniffed.format, "encrypted",
                      f"文件已加密，无法读取，请提交未加密的版本 (encrypted: {sniffed.what})")
    return failed(path, "", sniffed.format, "unreadable",
                  f"文件名是 {path.suffix}，但内容实际是{sniffed.what}，请重新导出为 .docx 或 PDF "
                  f"(not a {path.suffix} file)")


def _describe(error: Exception) -> str:
    # pdfplumber wraps pdfminer's exception in PdfminerException(original): name the original.
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    return f"{type(cause).__name__}: {str(cause)[:200]}"


def failed(path: Path, sha256: str, fmt: Format, code: str, message: str) -> Document:
    """A Document that carries only the reason it could not be read."""
    return Document(path=str(path), sha256=sha256, format=fmt,
                    findings=[finding(code, message, document=str(path))])
