"""Open a .docx with python-docx's package reader, keeping styles.xml as bytes until we need it.

`docx.Document(path)` parses every XML part as it loads the package. A template's styles.xml is
by far the largest of them (python-docx's own default template: 350 KB, ~6 ms to parse, half
the time of reading a whole form), and a batch of forms filled in from one template carries the
same styles.xml a thousand times. So the part factory below leaves the styles part unparsed, and
`style_sheet` parses each distinct styles.xml once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import Unmarshaller
from docx.opc.packuri import PackURI
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.package import Package
from docx.parts.document import DocumentPart

from extractors.docx_style import StyleSheet
from extractors.ziputil import parse_xml

STYLE_SHEETS_KEPT = 8  # distinct templates in one worker's group of files
KEPT_BYTES = 4 * 1024 * 1024  # a larger styles.xml is no template's: parse it, do not keep it


def open_document_part(path: Path) -> DocumentPart:
    """The main document part, as `docx.Document(path)` finds it, with the styles part left
    as bytes. Raises what python-docx raises for a broken package, and ValueError for a
    package that is not a Word document (a workbook or a macro-enabled .docm renamed)."""
    package = Package()
    Unmarshaller.unmarshal(PackageReader.from_file(str(path)), package, _make_part)
    part = package.main_document_part
    if part.content_type != CT.WML_DOCUMENT_MAIN or not isinstance(part, DocumentPart):
        raise ValueError(f"not a Word document: the main part is {part.content_type}")
    return part


def _make_part(partname: PackURI, content_type: str, reltype: str, blob: bytes,
               package: Package) -> Part:
    if content_type == CT.WML_STYLES:
        return Part.load(partname, content_type, blob, package)
    return PartFactory(partname, content_type, reltype, blob, package)


def style_sheet(document_part: DocumentPart) -> StyleSheet:
    """The style sheet of the document's styles part (an empty one when it has none)."""
    try:
        blob = document_part.part_related_by(RT.STYLES).blob
    except KeyError:
        return StyleSheet(None)
    if len(blob) > KEPT_BYTES:
        return StyleSheet(parse_xml(blob))
    return _parsed_style_sheet(blob)


@lru_cache(maxsize=STYLE_SHEETS_KEPT)
def _parsed_style_sheet(blob: bytes) -> StyleSheet:
    # Keyed by the bytes themselves: equal bytes, equal styles, whoever sent them.
    return StyleSheet(parse_xml(blob))
