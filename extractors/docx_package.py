"""A .docx package opened once from the bytes already read (and hashed): only the parts parsed
are inflated, and each is checked as it is.

python-docx's package reader inflated and parsed every part (the two style parts we never use
included) and a separate scan inflated every part again to look for a DOCTYPE; that was 60% of
reading a form. Here the relationships lead from the package to the main document, its styles,
headers, footers, images and altChunk parts, and nothing else is inflated. Every XML part we
parse is refused if it declares a DOCTYPE (OOXML never needs one: XXE, entity expansion), and a
part whose compression ratio is a bomb's is refused as it is inflated.

Strict OOXML ("Strict Open XML Document", ISO 29500 strict) names the same elements and
relationship types in purl.oclc.org namespaces; each parsed part's namespace declarations and
relationship types are mapped to the transitional ones first, so one reader reads both.

A template's styles.xml is the largest part (python-docx's default: 350 KB, ~6 ms to parse), and
a batch of forms filled in from one template carries the same bytes a thousand times: each
distinct styles.xml is inflated and parsed once per process: it is known by its compressed
bytes as stored, which a dict hashes in a tenth of the time inflating them takes.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree

from extractors import ziputil
from extractors.docx_style import StyleSheet

STYLE_SHEETS_KEPT = 8  # distinct templates in one worker's group of files
SMALL_KEPT = 64  # .rels and [Content_Types].xml parts of those templates
KEPT_BYTES = 4 * 1024 * 1024  # a larger styles.xml is no template's: parse it, do not keep it
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_STRICT = re.compile(rb'((?:xmlns(?::[\w.-]+)?|Type)\s*=\s*["\'])http://purl\.oclc\.org/ooxml/'
                     rb'(\w+)/')
_LOCAL_HEADER = b"PK\x03\x04"
# General-purpose flags of a plain member: deflate's speed bits, a data descriptor, UTF-8 names.
_PLAIN_FLAGS = 0x0002 | 0x0004 | 0x0008 | 0x0800
# Parsed style sheets, relationships and content types by the stored part
# (Package.stored_key), newest last.
_SHEETS: OrderedDict[bytes, StyleSheet] = OrderedDict()
_SMALL: OrderedDict[tuple[str, bytes], Any] = OrderedDict()
# python-docx's parser options, and neither DTDs nor the network.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, load_dtd=False,
                          no_network=True)


T = TypeVar("T")


class PartRefused(Exception):
    """A part we will not parse: it declares a DOCTYPE, or inflates like a zip bomb."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Relationship:
    type: str  # transitional URI, e.g. RELS + "header"
    target: str  # the part's name in the zip, or the URL of an external target
    external: bool = False

    def is_(self, kind: str) -> bool:
        return self.type == RELS + kind


class Package:
    """The zip of a .docx; `archive` is open for the package's life (call close())."""

    def __init__(self, source: bytes | Path, archive: zipfile.ZipFile | None = None) -> None:
        # Bytes already read (and hashed) are parsed from memory; a file too large to keep is
        # read from disk as zipfile needs it. `archive` is the same zip already opened (by
        # sniff), so its directory is not read twice.
        self._bytes = source if isinstance(source, bytes) else None
        self.archive = archive if archive is not None else zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, bytes) else source)
        self.members = {info.filename: info for info in self.archive.infolist()}
        self._lower = {name.lower(): name for name in self.members}
        self._ends = _member_ends(self.archive)
        self._types: tuple[dict[str, str], dict[str, str]] | None = None

    def close(self) -> None:
        self.archive.close()

    def size(self, part: str) -> int:
        return self.members[self._lower[part.lower()]].file_size

    def has(self, part: str) -> bool:
        return part.lower() in self._lower

    def blob(self, part: str) -> bytes:
        """A part's bytes; KeyError when absent (part names are case-insensitive in OPC)."""
        info = self.members[self._lower[part.lower()]]
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ziputil.RATIO_FLOOR_BYTES and ratio > ziputil.MAX_RATIO:
            raise PartRefused(f"可能是压缩炸弹，拒绝读取：{info.filename} 压缩比 {ratio:.0f} 异常 "
                              "(zip bomb: compression ratio too high)")
        inflated = self._inflated(info)
        return inflated if inflated is not None else self.archive.read(info)

    def member(self, name: str) -> bytes | None:
        """The bytes of the member named exactly `name`, as zipfile.read(name) gives them (no
        ratio check: for small metadata parts such as docProps/app.xml); None when absent."""
        info = self.members.get(name)
        if info is None:
            return None
        inflated = self._inflated(info)
        return inflated if inflated is not None else self.archive.read(info)

    def _inflated(self, info: zipfile.ZipInfo) -> bytes | None:
        """The member straight from the bytes held, without zipfile's file objects (a third of
        reading a small part): only a plain stored or deflated member whose local header, size
        and CRC all agree with the directory, which zipfile would return unchanged. None for
        anything else, which zipfile then reads (and raises for) as it always did."""
        raw = self._stored(info)
        if raw is None or info.file_size == 0 or info.flag_bits & ~_PLAIN_FLAGS:
            return None
        if info.compress_type == zipfile.ZIP_STORED:
            data = bytes(raw)
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            # max_length: a member that inflates past its declared size stops there, as in zipfile.
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, info.file_size)
        else:
            return None
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            return None
        return data

    def _stored(self, info: zipfile.ZipInfo) -> memoryview | None:
        """A member's compressed bytes when its local header matches the directory entry."""
        data, offset = self._bytes, info.header_offset
        if data is None or data[offset:offset + 4] != _LOCAL_HEADER:
            return None
        flags, = struct.unpack_from("<H", data, offset + 6)
        name_size, extra_size = struct.unpack_from("<HH", data, offset + 26)
        name = data[offset + 30:offset + 30 + name_size]
        try:
            same = flags == info.flag_bits and name == info.orig_filename.encode(
                "utf-8" if flags & 0x800 else "cp437")
        except UnicodeEncodeError:
            return None
        start = offset + 30 + name_size + extra_size
        end = start + info.compress_size
        if not same or end > len(data) or end > self._ends.get(info.header_offset, -1):
            return None  # overlapping members are a zip bomb's trick: newer zipfiles refuse them
        return memoryview(data)[start:start + info.compress_size]

    def xml(self, part: str, parser: etree.XMLParser = _PARSER) -> etree._Element:
        """A part parsed: refused if it declares a DOCTYPE, Strict namespaces mapped to the
        transitional ones first.

        A part whose prolog is plain (ziputil.plain_prolog: the root right after the XML
        declaration) has no DOCTYPE if it parses, so only a part that does not parse, or whose
        prolog holds more, is searched for one: a broken part with a DOCTYPE is refused for it,
        as before.
        """
        data = self.blob(part)
        plain = ziputil.plain_prolog(data)
        if not plain:
            self._refuse_doctype(part, data)
        try:
            return etree.fromstring(_transitional(data), parser=parser)
        except etree.XMLSyntaxError:
            if plain:
                self._refuse_doctype(part, data)
            raise

    def _refuse_doctype(self, part: str, data: bytes) -> None:
        if ziputil.declares_doctype(data):
            raise PartRefused(f"文件部件 {part} 含有 DOCTYPE 声明，拒绝读取 "
                              "(DOCTYPE in an OOXML part: possible XXE or entity expansion)")

    def stored_key(self, part: str) -> bytes | None:
        """The part as stored (its local header, sizes, CRC and compressed bytes), without
        inflating it: equal keys, equal bytes once inflated, and the same outcome of reading
        them. The bytes themselves, not a digest of them: a dict compares them in full on a
        hit, and hashing them costs a third of SHA-256. None when the package is read from
        disk or the header is not where the directory says."""
        info = self.members[self._lower[part.lower()]]
        data, offset = self._bytes, info.header_offset
        if data is None or data[offset:offset + 4] != _LOCAL_HEADER:
            return None
        name_size, extra_size = struct.unpack_from("<HH", data, offset + 26)
        start = offset + 30 + name_size + extra_size
        return b"".join((struct.pack("<HHIQQ", info.compress_type, info.flag_bits, info.CRC,
                                     info.file_size, info.compress_size),
                         data[offset:start + info.compress_size]))

    def relationships(self, part: str) -> dict[str, Relationship]:
        """The relationships of a part ("" for the package's own), by id; {} when it has none.
        Forms from one template share the same stored .rels parts: each is read once."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if not self.has(rels):
            return {}
        found = _kept(_SMALL, SMALL_KEPT, self._key(rels, part),
                      lambda: self._read_relationships(folder, rels))
        return dict(found)  # the caller's own copy: the kept one stays as read

    def _read_relationships(self, folder: str, rels: str) -> dict[str, Relationship]:
        found = {}
        for rel in self.xml(rels).iter(_REL):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            if not external:
                target = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
            found[rel.get("Id", "")] = Relationship(rel.get("Type", ""), target, external)
        return found

    def _key(self, part: str, context: str) -> tuple[str, bytes] | None:
        key = self.stored_key(part)
        return None if key is None else (context, key)

    def content_type(self, part: str) -> str:
        defaults, overrides = self._content_types()
        extension = part.rsplit(".", 1)[-1].lower() if "." in part else ""
        return overrides.get(part.lower(), defaults.get(extension, ""))

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if self._types is None:
            part = "[Content_Types].xml"
            key = self._key(part, part) if self.has(part) else None
            self._types = _kept(_SMALL, SMALL_KEPT, key, self._read_content_types)
        return self._types

    def _read_content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = self.xml("[Content_Types].xml")
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                    for d in root.iter(f"{_CT}Default")}
        overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                     for o in root.iter(f"{_CT}Override")}
        return defaults, overrides

    def main_part(self) -> str:
        """The main document part's name. ValueError when the package is no Word document (a
        workbook, or a macro-enabled .docm renamed), KeyError when it names none."""
        rel = next(r for r in self.relationships("").values() if r.is_("officeDocument"))
        kind = self.content_type(rel.target)
        if kind != WML_MAIN:
            raise ValueError(f"not a Word document: the main part is {kind}")
        return rel.target


def _member_ends(archive: zipfile.ZipFile) -> dict[int, int]:
    """Where each member's bytes must end, by its header's offset: at the next member's header,
    the last one at the central directory (zipfile's own "overlapped entries" rule)."""
    end = getattr(archive, "start_dir", None)
    if not isinstance(end, int):
        return {}
    offsets = Counter(info.header_offset for info in archive.infolist())
    ends = {}
    for offset in sorted(offsets, reverse=True):
        # Two members at one offset overlap whole: left to zipfile.
        ends[offset], end = (end if offsets[offset] == 1 else -1), offset
    return ends


def style_sheet(package: Package, rels: dict[str, Relationship]) -> StyleSheet:
    """The style sheet of the document's styles part (an empty one when it has none)."""
    styles = next((r for r in rels.values() if r.is_("styles") and not r.external), None)
    if styles is None or not package.has(styles.target):
        return StyleSheet(None)
    key = package.stored_key(styles.target)
    if package.size(styles.target) > KEPT_BYTES:
        key = None
    return _kept(_SHEETS, STYLE_SHEETS_KEPT, key,
                 lambda: StyleSheet(package.xml(styles.target, ziputil.SAFE_PARSER)))


def _kept(kept: OrderedDict[Any, T], size: int, key: Hashable | None, make: Callable[[], T]) -> T:
    """`make()`, kept by `key` (a stored part's digest) among the `size` newest; made afresh
    when there is no key. Only a value made without raising is kept."""
    if key is None:
        return make()
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    value = kept[key] = make()
    while len(kept) > size:
        kept.popitem(last=False)
    return value


def _transitional(data: bytes) -> bytes:
    if b"purl.oclc.org/ooxml/" in data:
        return _STRICT.sub(rb"\1http://schemas.openxmlformats.org/\2/2006/", data)
    return data
