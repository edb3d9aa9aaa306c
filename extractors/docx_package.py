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
distinct styles.xml is inflated and parsed once per process: it is known by a digest of its
compressed bytes, which costs a tenth of inflating it.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import struct
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from extractors import ziputil
from extractors.docx_style import StyleSheet

STYLE_SHEETS_KEPT = 8  # distinct templates in one worker's group of files
KEPT_BYTES = 4 * 1024 * 1024  # a larger styles.xml is no template's: parse it, do not keep it
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_STRICT = re.compile(rb'((?:xmlns(?::[\w.-]+)?|Type)\s*=\s*["\'])http://purl\.oclc\.org/ooxml/'
                     rb'(\w+)/')
_LOCAL_HEADER = b"PK\x03\x04"
# Parsed style sheets by the stored styles part's digest (Package.stored_key), newest last.
_SHEETS: OrderedDict[bytes, StyleSheet] = OrderedDict()
# python-docx's parser options, and neither DTDs nor the network.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, load_dtd=False,
                          no_network=True)


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
        return self.archive.read(info)

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
        """A digest of the part as stored (its local header, sizes, CRC and compressed bytes),
        without inflating it: equal keys, equal bytes once inflated, and the same outcome of
        reading them. None when the package is read from disk or the header is not where the
        directory says."""
        info = self.members[self._lower[part.lower()]]
        data, offset = self._bytes, info.header_offset
        if data is None or data[offset:offset + 4] != _LOCAL_HEADER:
            return None
        name_size, extra_size = struct.unpack_from("<HH", data, offset + 26)
        start = offset + 30 + name_size + extra_size
        digest = hashlib.sha256(data[offset:start])
        digest.update(struct.pack("<HHIQQ", info.compress_type, info.flag_bits, info.CRC,
                                  info.file_size, info.compress_size))
        digest.update(memoryview(data)[start:start + info.compress_size])
        return digest.digest()

    def relationships(self, part: str) -> dict[str, Relationship]:
        """The relationships of a part ("" for the package's own), by id; {} when it has none."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if not self.has(rels):
            return {}
        found = {}
        for rel in self.xml(rels).iter(_REL):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target", "")
            if not external:
                target = posixpath.normpath(posixpath.join("/" + folder, target)).lstrip("/")
            found[rel.get("Id", "")] = Relationship(rel.get("Type", ""), target, external)
        return found

    def content_type(self, part: str) -> str:
        defaults, overrides = self._content_types()
        extension = part.rsplit(".", 1)[-1].lower() if "." in part else ""
        return overrides.get(part.lower(), defaults.get(extension, ""))

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if self._types is None:
            root = self.xml("[Content_Types].xml")
            defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                        for d in root.iter(f"{_CT}Default")}
            overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "")
                         for o in root.iter(f"{_CT}Override")}
            self._types = (defaults, overrides)
        return self._types

    def main_part(self) -> str:
        """The main document part's name. ValueError when the package is no Word document (a
        workbook, or a macro-enabled .docm renamed), KeyError when it names none."""
        rel = next(r for r in self.relationships("").values() if r.is_("officeDocument"))
        kind = self.content_type(rel.target)
        if kind != WML_MAIN:
            raise ValueError(f"not a Word document: the main part is {kind}")
        return rel.target


def style_sheet(package: Package, rels: dict[str, Relationship]) -> StyleSheet:
    """The style sheet of the document's styles part (an empty one when it has none)."""
    styles = next((r for r in rels.values() if r.is_("styles") and not r.external), None)
    if styles is None or not package.has(styles.target):
        return StyleSheet(None)
    key = package.stored_key(styles.target)
    if key is not None and key in _SHEETS:
        _SHEETS.move_to_end(key)
        return _SHEETS[key]
    sheet = StyleSheet(package.xml(styles.target, ziputil.SAFE_PARSER))
    if key is not None and package.size(styles.target) <= KEPT_BYTES:
        _SHEETS[key] = sheet
        while len(_SHEETS) > STYLE_SHEETS_KEPT:
            _SHEETS.popitem(last=False)
    return sheet


def _transitional(data: bytes) -> bytes:
    if b"purl.oclc.org/ooxml/" in data:
        return _STRICT.sub(rb"\1http://schemas.openxmlformats.org/\2/2006/", data)
    return data
