"""Bad input never raises: sniffing, zip bombs, DOCTYPE, encrypted and mislabelled files."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from extractors import ziputil
from extractors.document import Document
from extractors.read import read_document
from extractors.sniff import sniff
from tests.support.files import make_docx, ole_file, rewrite_member, with_doctype


def simple_docx(path: Path) -> Path:
    return make_docx(path, lambda d: d.add_paragraph("申报表"))


def only_finding(document: Document) -> tuple[str, str]:
    [found] = document.findings
    assert found.document == document.path
    return found.code, found.message


def test_truncated_docx_is_unreadable(tmp_path: Path) -> None:
    path = simple_docx(tmp_path / "cut.docx")
    path.write_bytes(path.read_bytes()[:3000])
    document = read_document(path)
    code, message = only_finding(document)
    assert code == "unreadable" and "损坏" in message
    assert document.sha256 and document.format == "docx" and not document.readable


def test_corrupt_member_becomes_unreadable_with_exception_type(tmp_path: Path) -> None:
    path = simple_docx(tmp_path / "bad.docx")
    rewrite_member(path, "word/document.xml", lambda data: data[: len(data) // 2])
    code, message = only_finding(read_document(path))
    assert code == "unreadable" and "XMLSyntaxError" in message


def test_doctype_in_document_xml_is_rejected(tmp_path: Path) -> None:
    path = simple_docx(tmp_path / "xxe.docx")
    rewrite_member(path, "word/document.xml", with_doctype)
    code, message = only_finding(read_document(path))
    assert code == "unreadable" and "DOCTYPE" in message and "word/document.xml" in message


def _prolog(*parts: str, encoding: str = "utf-8") -> Callable[[bytes], bytes]:
    """Replace a part's prolog with `parts`, keeping its root element, in `encoding`."""
    def change(data: bytes) -> bytes:
        body = etree.tostring(etree.fromstring(data), encoding="unicode")
        declaration = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
        return (declaration + "".join(parts) + body).encode(encoding)
    return change


@pytest.mark.parametrize(("prolog", "encoding"), [
    (("<!-- " + "长注释" * 40_000 + " -->", '<!DOCTYPE w:document [<!ENTITY a "b">]>'), "utf-8"),
    (("<?mso-application progid=\"Word.Document\"?>", "\n<!DOCTYPE w:document>"), "utf-8"),
    (('<!DOCTYPE w:document SYSTEM "file:///etc/passwd">',), "utf-16"),
    (("<!DOCTYPE w:document>",), "utf-16-be"),  # no byte order mark: starts with NUL
    (('<!DOCTYPE w:document [<!ENTITY a "申报">]>',), "gb18030"),
])
def test_doctype_is_found_after_comments_and_in_other_encodings(
        tmp_path: Path, prolog: tuple[str, ...], encoding: str) -> None:
    path = simple_docx(tmp_path / "xxe.docx")
    rewrite_member(path, "word/document.xml", _prolog(*prolog, encoding=encoding))
    code, message = only_finding(read_document(path))
    assert code == "unreadable" and "DOCTYPE" in message and "word/document.xml" in message


def test_doctype_words_in_a_comment_or_in_the_text_are_not_a_doctype(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "ok.docx", lambda d: d.add_paragraph("示例：<!DOCTYPE html>"))
    rewrite_member(path, "word/document.xml", _prolog("<!-- <!DOCTYPE x> -->"))
    document = read_document(path)
    assert document.findings == [] and "示例：<!DOCTYPE html>" in document.text


def test_a_prolog_libxml2_cannot_read_still_gets_the_byte_search(tmp_path: Path) -> None:
    # Two XML declarations: libxml2 stops at the second, the byte search still sees the DOCTYPE.
    path = simple_docx(tmp_path / "odd.docx")
    rewrite_member(path, "word/styles.xml",
                   lambda data: b'<?xml version="1.0"?><?xml version="1.0"?><!DOCTYPE x>' + data)
    code, message = only_finding(read_document(path))
    assert code == "unreadable" and "DOCTYPE" in message and "word/styles.xml" in message


def test_a_root_tag_libxml2_cannot_read_before_a_doctype_is_refused_for_the_doctype(
        tmp_path: Path) -> None:
    # The prolog looks plain up to the root's "<w:", which is where the parse fails: the DOCTYPE
    # after it is found by the byte search, not reported as a mere syntax error.
    path = simple_docx(tmp_path / "odd.docx")
    rewrite_member(path, "word/document.xml",
                   lambda data: b'<?xml version="1.0"?>\n<w:document <!DOCTYPE x>' + data)
    code, message = only_finding(read_document(path))
    assert code == "unreadable" and "DOCTYPE" in message and "word/document.xml" in message


def test_a_part_whose_crc_is_wrong_is_unreadable(tmp_path: Path) -> None:
    # The bytes are inflated without zipfile only when size and CRC agree; otherwise zipfile
    # reads them, and refuses them, as it always did.
    path = simple_docx(tmp_path / "crc.docx")
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")
    while b"word/document.xml" not in data[entry + 46:entry + 46 + 17]:
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 16] ^= 0xFF  # the central directory's CRC-32 of word/document.xml
    path.write_bytes(bytes(data))
    code, message = only_finding(read_document(path))
    assert code == "unreadable" and "BadZipFile" in message and "CRC" in message


def test_high_compression_ratio_is_a_zip_bomb(tmp_path: Path) -> None:
    path = simple_docx(tmp_path / "bomb.docx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", bytes(30 * 1024 * 1024))  # ratio ≈ 1000
    code, message = only_finding(read_document(path))
    assert code == "unreadable" and "zip bomb" in message and "zeros.bin" in message


@pytest.mark.parametrize(("limit", "value", "words"), [
    ("MAX_MEMBERS", 3, "too many zip members"),
    ("MAX_TOTAL_BYTES", 1000, "declared size too large"),
])
def test_member_count_and_total_size_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            limit: str, value: int, words: str) -> None:
    monkeypatch.setattr(ziputil, limit, value)  # the real limits need 10 000 parts / 200 MB
    code, message = only_finding(read_document(simple_docx(tmp_path / "x.docx")))
    assert code == "unreadable" and words in message


def test_encrypted_word_file_named_docx(tmp_path: Path) -> None:
    path = ole_file(tmp_path / "locked.docx", ["EncryptionInfo", "EncryptedPackage"])
    document = read_document(path)
    code, message = only_finding(document)
    assert code == "encrypted" and "加密" in message and document.format == "docx"


def test_password_protected_legacy_doc(tmp_path: Path) -> None:
    path = ole_file(tmp_path / "locked.doc", ["WordDocument", "1Table"], word_flags=0x0100)
    assert sniff(path).kind == "encrypted"
    assert only_finding(read_document(path))[0] == "encrypted"


def test_ole_without_encryption_is_legacy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ole_file(tmp_path / "old.docx", ["WordDocument", "1Table"], word_flags=0)
    assert sniff(path).kind == "legacy" and sniff(path).format == "doc"
    monkeypatch.setattr("shutil.which", lambda name: None)
    document = read_document(path)
    assert only_finding(document)[0] == "unsupported_format" and document.format == "doc"


def test_unparseable_ole_falls_back_to_a_name_search(tmp_path: Path) -> None:
    path = tmp_path / "odd.docx"
    body = b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(22) + b"\x07\x00" + body)
    assert only_finding(read_document(path))[0] == "encrypted"


def test_html_named_pdf_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "申报表.pdf"
    path.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>")
    document = read_document(path)
    code, message = only_finding(document)
    assert code == "unreadable" and "HTML" in message and document.format == "pdf"


def test_plain_text_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_text("这是纯文本，不是 Word 文档。", encoding="utf-8")
    assert "纯文本" in only_finding(read_document(path))[1]


def test_xlsx_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in only_finding(read_document(path))[1]


def test_zero_bytes_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"")
    assert only_finding(read_document(path))[0] == "empty"


def test_other_extensions_are_other_without_findings(tmp_path: Path) -> None:
    path = tmp_path / "说明.txt"
    path.write_text("附件清单")
    document = read_document(path)
    assert document.format == "other" and document.findings == [] and document.sha256


def test_docx_named_doc_is_read_as_docx(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "renamed.doc", lambda d: d.add_paragraph("其实是 docx"))
    document = read_document(path)
    assert document.format == "docx" and document.text == "其实是 docx"


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    document = read_document(tmp_path / "nowhere.docx")
    assert only_finding(document)[0] == "unreadable"


def test_unexpected_exception_is_caught_at_the_boundary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(path: Path, *args: object, **options: object) -> Document:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("extractors.read.read_docx", explode)
    code, message = only_finding(read_document(simple_docx(tmp_path / "a.docx")))
    assert code == "unreadable" and "RecursionError" in message


def test_our_part_parser_keeps_libxml2_limits_and_entities_off() -> None:
    # ziputil's docstring states this; a change that sets huge_tree or resolves entities should
    # fail here rather than go unnoticed.
    from lxml import etree

    from extractors.docx_package import _PARSER as oxml_parser

    with pytest.raises(etree.XMLSyntaxError, match="depth"):
        etree.fromstring("<a>" * 300 + "</a>" * 300, oxml_parser)
    root = etree.fromstring('<!DOCTYPE r [<!ENTITY e "xyz">]><r>&e;</r>', oxml_parser)
    assert root.text is None
