"""What a file really is, from its first bytes, before any parser is trusted with it.

Submissions arrive renamed, mis-saved and occasionally hostile: an encrypted Word file and a legacy
.doc are both OLE/CFB containers, a "PDF" may be an HTML error page saved by a browser, a ".doc"
may be a .docx or an RTF file. The content decides which reader runs; the extension only decides
whether the file is a candidate document at all (anything but .docx/.doc/.wps/.pdf is "other").
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from extractors.cfb import ole_status
from extractors.document import Format

DOCUMENT_SUFFIXES: dict[str, Format] = {
    ".docx": "docx", ".pdf": "pdf", ".doc": "doc", ".wps": "wps"
}

Kind = Literal["docx", "pdf", "legacy", "encrypted", "empty", "corrupt", "wrong", "other"]

_HEAD = 2048
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class Sniffed:
    """`kind` picks the reader; `format` is what the Document reports; `what` says in plain words
    what the bytes are when they are not what the name promises. `archive` is a .docx's zip,
    opened once here for the reader to use (and close)."""

    kind: Kind
    format: Format
    what: str = ""
    archive: zipfile.ZipFile | None = field(default=None, compare=False, repr=False)


def declared_format(path: Path) -> Format:
    return DOCUMENT_SUFFIXES.get(path.suffix.lower(), "other")


def sniff(path: Path, data: bytes | None = None) -> Sniffed:
    """What the file is; `data` is its bytes when the caller has read them already."""
    declared = declared_format(path)
    if declared == "other":
        return Sniffed("other", "other")
    if data is not None:
        head = data[:_HEAD]
    else:
        with path.open("rb") as stream:
            head = stream.read(_HEAD)
    if not head:
        return Sniffed("empty", declared, "空文件 (0 bytes)")
    if head.startswith(_ZIP_MAGICS):
        return _sniff_zip(path if data is None else data, declared)
    if head.startswith(_OLE_MAGIC):
        return _sniff_ole(path, declared)
    if b"%PDF-" in head[:1024]:  # the PDF spec tolerates junk before the header; readers do too
        return Sniffed("pdf", "pdf")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        # Word saves RTF under .doc happily; LibreOffice converts it like a .doc.
        return Sniffed("legacy", "wps" if declared == "wps" else "doc", "RTF")
    return Sniffed("wrong", declared, describe_bytes(head))


def _sniff_zip(source: Path | bytes, declared: Format) -> Sniffed:
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return Sniffed("corrupt", declared, "ZIP 结构损坏或文件被截断 (corrupt or truncated zip)")
    if "word/document.xml" in names:
        return Sniffed("docx", "docx", archive=archive)
    archive.close()
    if "content.xml" in names and "mimetype" in names:
        return Sniffed("wrong", declared, "OpenDocument 文档（.odt），不是 Word/PDF (OpenDocument)")
    if any(name.startswith("xl/") for name in names):
        return Sniffed("wrong", declared, "Excel 表格 (.xlsx)，不是 Word/PDF (spreadsheet)")
    return Sniffed("wrong", declared, "ZIP 压缩包，不是 Word 文档 (zip archive)")


def _sniff_ole(path: Path, declared: Format) -> Sniffed:
    status = ole_status(path)
    legacy: Format = "wps" if declared == "wps" else "doc"
    if status == "encrypted":
        return Sniffed("encrypted", declared, "加密的 Office 文件 (encrypted OLE container)")
    if status == "encrypted_doc":
        return Sniffed("encrypted", legacy, "加密的 .doc 文件 (encrypted Word 97-2003)")
    return Sniffed("legacy", legacy, "OLE")


def describe_bytes(head: bytes) -> str:
    """A plain description of what the first bytes are, for "this is not a Word/PDF" messages."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text[:512]:
        return "HTML 网页（可能是下载失败时保存的网页）(HTML page)"
    if text.startswith(b"mime-version") or b"multipart/related" in text[:512]:
        return "MHT 网页存档 (MHTML web archive)"
    if text.startswith(b"<?xml"):
        return "XML 文件 (XML)"
    for magic, name in _IMAGE_MAGICS:
        if head.startswith(magic):
            return f"{name} 图片 ({name} image)"
    if _looks_like_text(head):
        return "纯文本文件 (plain text)"
    return "无法识别的文件内容 (unknown binary data)"


_IMAGE_MAGICS = [
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
]


def _looks_like_text(head: bytes) -> bool:
    # The head may end inside a multi-byte character: try a few cut points.
    for encoding in ("utf-8", "gb18030"):
        for cut in range(4):
            try:
                text = head[: len(head) - cut].decode(encoding)
            except UnicodeDecodeError:
                continue
            return all(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return False
