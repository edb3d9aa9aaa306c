"""Checks on a .docx's zip container and on the parts we parse.

Python's zipfile checks neither declared sizes nor compression ratios, and OOXML parts never need
a DOCTYPE, so a part that has one is either broken or an attack (XXE, CVE-2016-5851 in
python-docx; "billion laughs" entity expansion). We parse every part with entities, DTDs and the
network off and without `huge_tree` (libxml2's own limits, 10 MB text nodes and nesting depth
256, apply), and refuse a part that declares a DOCTYPE all the same, so that no later change of
parser options can let one through. `bomb_problem` looks at a file as it was sent; the parts
inflated are checked again one by one (docx_package).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO

from lxml import etree

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
# Deflate reaches ratios above 200 on small, very repetitive parts (styles, blank tables);
# below this size a high ratio cannot hurt anyone, so the ratio is only checked above it.
RATIO_FLOOR_BYTES = 1024 * 1024

_CHUNK = 1 << 20
_HEAD = 512
_PROLOG_CHUNK = 4096  # small: libxml2 parses all of a chunk before it reports the root
_DOCTYPES = tuple("<!DOCTYPE".encode(codec)
                  for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
# "<" in any width, byte order marks, and "<?xm" in EBCDIC: the starts libxml2 detects.
_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x4c\x6f\xa7\x94")
_OVERLAP = max(len(d) for d in _DOCTYPES)
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
# The prolog of nearly every part: a UTF-8 byte order mark at most, an XML declaration naming no
# encoding or UTF-8, white space, then the root's start tag. Nothing in it can be a DOCTYPE.
_PLAIN_PROLOG = re.compile(
    rb"(?:\xef\xbb\xbf)?"
    rb"(?:<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(['\"])1\.[0-9]+\1"
    rb"(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(['\"])(?i:utf-8)\2)?"
    rb"(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(['\"])(?:yes|no)\3)?"
    rb"[ \t\r\n]*\?>)?[ \t\r\n]*<[A-Za-z_]")
_PAGES = re.compile(rb"<(?:\w+:)?Pages>\s*(\d+)\s*</(?:\w+:)?Pages>")


def bomb_problem(archive: zipfile.ZipFile) -> str | None:
    """Why this archive is unsafe to decompress (in plain words), or None."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        return f"压缩包内文件过多（{len(members)} 个）(too many zip members)"
    total = sum(member.file_size for member in members)
    if total > MAX_TOTAL_BYTES:
        return f"解压后大小 {total // 2**20} MB 超过上限 (declared size too large)"
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
            return f"{member.filename} 压缩比 {ratio:.0f} 异常 (compression ratio too high)"
    return None


def plain_prolog(data: bytes) -> bool:
    """Whether the part starts with a prolog that holds no DOCTYPE (the root's start tag comes
    right after the XML declaration). XML allows a DOCTYPE only before the root, so a part with
    a plain prolog that parses declares none; one that fails to parse may still be refused
    for a DOCTYPE further on (`declares_doctype`), as a broken part always was."""
    return _PLAIN_PROLOG.match(data) is not None


def declares_doctype(data: bytes) -> bool:
    """Whether a part's bytes declare a DOCTYPE. Parts are recognised as XML by their first
    bytes, not their names: a hostile [Content_Types].xml can give any part any content type."""
    found = _prolog_doctype(io.BytesIO(data))
    return found if found is not None else _contains_doctype(io.BytesIO(data))


def _prolog_doctype(stream: IO[bytes]) -> bool | None:
    """Whether the part's prolog declares a DOCTYPE; None when libxml2 cannot read the prolog.

    XML allows a DOCTYPE only before the root element, so libxml2 itself reads the prolog (in
    any encoding it knows, past comments and processing instructions) and the scan stops at the
    root's start tag instead of inflating the whole part.
    """
    chunk = stream.read(_HEAD)  # enough to tell XML from a photo without inflating the photo
    if not _looks_like_xml(chunk):
        return False
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True,
                                 load_dtd=False)
    try:
        while chunk:
            parser.feed(chunk)
            for _, root in parser.read_events():
                return _declares_doctype(root)
            chunk = stream.read(_PROLOG_CHUNK)
        parser.close()
    except etree.XMLSyntaxError:
        return None
    return any(_declares_doctype(root) for _, root in parser.read_events())


def _looks_like_xml(head: bytes) -> bool:
    # NULs are stripped too, so UTF-16 and UCS-4 without a byte order mark count as XML.
    return head.lstrip(b" \t\r\n\x00").startswith(_XML_STARTS)


def _declares_doctype(root: etree._Element) -> bool:
    info = root.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None


def _contains_doctype(stream: IO[bytes]) -> bool:
    """The plain byte search, for parts whose prolog libxml2 could not read."""
    tail = b""
    while chunk := stream.read(_CHUNK):
        window = tail + chunk
        if any(doctype in window for doctype in _DOCTYPES):
            return True
        tail = window[-_OVERLAP:]
    return False


def app_pages(data: bytes | None) -> int | None:
    """<Pages> from docProps/app.xml (`data`; None when the package has none): what the saving
    program claimed, not a layout we did.

    Word updates it on every save; generators (python-docx's template says 1) leave it stale.
    """
    if data is None:
        return None
    match = _PAGES.search(data)
    return int(match.group(1)) if match else None
