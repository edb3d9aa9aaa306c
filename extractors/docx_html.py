"""An altChunk part of a .docx, HTML (or MHT) that Word imports into the body where it stands.

Web forms and document generators fill a .docx by putting the whole body in an HTML part and a
`<w:altChunk r:id=…/>` in document.xml: Word shows it as ordinary paragraphs and tables. The
part is HTML, not an OOXML part: it is parsed by lxml's HTML parser, which neither loads DTDs
nor expands entities, so its `<!DOCTYPE html>` is harmless there. Paragraph-like elements
become paragraphs, tables become tables (a merged cell once, at its top-left position), and what
a browser does not show (display:none, visibility:hidden, the hidden attribute) is hidden text.
"""

from __future__ import annotations

import email
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from html import escape as escape_html

from lxml import etree, html

from extractors.document import HiddenReason
from extractors.textbuild import Piece

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote",
                     "dt", "dd", "address", "caption", "center", "section", "article", "ul",
                     "ol", "dl", "header", "footer", "main", "form", "fieldset", "hr"})
_SKIPPED = frozenset({"script", "style", "head", "template", "noscript", "object", "iframe"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all",
                           re.IGNORECASE)
Rows = list[list[tuple[int, list[Piece]]]]  # each row: (grid column, pieces) per cell
_SPACES = re.compile(r"[ \t\r\n\f]+")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "message/rfc822"})


def html_text(data: bytes, content_type: str) -> str:
    """The HTML of an altChunk part as text: MHT unpacked, the charset it declares applied."""
    if content_type == "message/rfc822":
        return _mht_html(email.message_from_bytes(data))
    if content_type == "text/plain":
        return _plain(data)
    return _decode(data)


def _plain(data: bytes) -> str:
    return "<html><body>" + "".join(f"<p>{escape_html(line)}</p>"
                                    for line in _decode(data).splitlines()) + "</body></html>"


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    match = _CHARSET.search(data[:2048])
    codec = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return data.decode(codec, "replace")
    except LookupError:
        return data.decode("utf-8", "replace")


def _mht_html(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() or "utf-8"
                try:
                    return payload.decode(charset, "replace")
                except LookupError:
                    return payload.decode("utf-8", "replace")
    return ""


@dataclass
class HtmlSink:
    """Where the blocks go: the .docx walker's paragraph and table callbacks."""

    paragraph: Callable[[list[Piece]], None]
    table: Callable[[list[list[tuple[int, list[Piece]]]]], None]


@dataclass
class _Inline:
    pieces: list[Piece] = field(default_factory=list)

    def add(self, text: str | None, reason: HiddenReason | None) -> None:
        if text:
            self.pieces.append((_SPACES.sub(" ", text), reason))

    def take(self) -> list[Piece]:
        pieces, self.pieces = _trimmed(self.pieces), []
        return pieces


def read_html(text: str, sink: HtmlSink) -> None:
    if not text.strip():
        return
    root = html.document_fromstring(text)
    body = root.find("body")
    _blocks(body if body is not None else root, sink, None)


def _blocks(element: etree._Element, sink: HtmlSink, reason: HiddenReason | None) -> None:
    """Paragraphs and tables of a container, inline runs between blocks gathered as one."""
    inline = _Inline()
    inline.add(element.text, reason)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        here = reason or _hidden(child)
        if tag in _SKIPPED or not tag:
            pass
        elif tag == "table" or tag in _BLOCKS:
            _flush(inline, sink)
            if tag == "table":
                sink.table(_rows(child, here))
            else:
                _blocks(child, sink, here)
        else:
            _inline(child, inline, here)
        inline.add(child.tail, reason)
    _flush(inline, sink)


def _flush(inline: _Inline, sink: HtmlSink) -> None:
    pieces = inline.take()
    if any(text.strip() for text, _ in pieces):
        sink.paragraph(pieces)


def _inline(element: etree._Element, inline: _Inline, reason: HiddenReason | None) -> None:
    if element.tag == "br":
        inline.pieces.append(("\n", reason))
    else:
        inline.add(element.text, reason)
        for child in element:
            if isinstance(child.tag, str) and child.tag not in _SKIPPED:
                _inline(child, inline, reason or _hidden(child))
            inline.add(child.tail, reason)


def _rows(table: etree._Element, reason: HiddenReason | None) -> Rows:
    """Each row's cells as (grid column, pieces); a cell spanning rows holds its columns below."""
    rows: list[list[tuple[int, list[Piece]]]] = []
    covered: dict[tuple[int, int], bool] = {}
    for row_index, tr in enumerate(_trs(table)):
        column, cells = 0, []
        for td in (c for c in tr if c.tag in ("td", "th")):
            while covered.get((row_index, column)):
                column += 1
            span, down = _span(td, "colspan"), _span(td, "rowspan")
            for r in range(row_index, row_index + down):
                for c in range(column, column + span):
                    covered[(r, c)] = True
            cells.append((column, _cell(td, reason or _hidden(td))))
            column += span
        rows.append(cells)
    return rows


def _trs(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


def _cell(td: etree._Element, reason: HiddenReason | None) -> list[Piece]:
    """All of a cell's text as one block, its paragraphs joined by "\\n"."""
    paragraphs: list[list[Piece]] = []
    _blocks(td, HtmlSink(paragraphs.append, lambda rows: paragraphs.extend(
        pieces for row in rows for _, pieces in row)), reason)
    return [piece for i, pieces in enumerate(paragraphs)
            for piece in ([("\n", None)] if i else []) + pieces]


def _span(td: etree._Element, name: str) -> int:
    try:
        return min(max(int(td.get(name, "1")), 1), 1000)
    except ValueError:
        return 1


def _hidden(element: etree._Element) -> HiddenReason | None:
    if element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style", "")):
        return "vanish"
    return None


def _trimmed(pieces: list[Piece]) -> list[Piece]:
    """A block's pieces without the spaces HTML layout drops at its start and end."""
    out = [p for p in pieces if p[0]]
    while out and not out[0][0].strip(" ") and out[0][0] != "\n":
        out.pop(0)
    while out and not out[-1][0].strip(" "):
        out.pop()
    if out:
        out[0] = (out[0][0].lstrip(" "), out[0][1])
        out[-1] = (out[-1][0].rstrip(" "), out[-1][1])
    return out
