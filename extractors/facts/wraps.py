"""Soft line wraps of a PDF's text: where a line ended only because the page was full.

A PDF has no paragraphs, only lines, so "确⏎保网络安全零事件发生" reaches us as two lines, and a
rule reading sentences would see "确" and "保网络安全零事件发生". A line break is a soft wrap when
the line before ends without sentence punctuation, runs (about) to the right margin — its width
is near the document's usual full line width — and the next line does not start a heading or a
list item. The text is never changed: `soft_wraps` only says which "\\n" offsets are soft, so the
sentence splitter can read across them while citations keep quoting Document.text as it is.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from extractors.document import Document

# A line that ends with one of these ends a sentence (or introduces a list: "成员：").
_HARD_END = frozenset("。！？!?；;：:")
# A next line that starts like this is a new item: 一、 （二） 1. 2、 第三条 ● —.
_ITEM_START = re.compile(
    r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、．.](?!\d)"
    r"|第[一二三四五六七八九十\d]+[条章节部分]|[●•■◆◇□※★☆·\-—]|(?:副?组长|成员|组员)[：:])"
)
FULL_LINE = 0.8  # a line at least this share of the usual full width ran to the margin
_MIN_LINES = 2  # one line has no wrap


def _width(line: str) -> float:
    """Printed width in em: CJK and full-width forms 1, other characters one half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in line)


def _full_width(widths: list[float]) -> float:
    """The usual width of a full line: the 90th percentile, so one long title does not set it."""
    ordered = sorted(widths)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def _line_spans(document: Document) -> list[tuple[int, int]]:
    """(start, end) of each line of the text outside table cells, and of each line in a cell."""
    spans: list[tuple[int, int]] = []
    for block in document.blocks:
        position = block.start
        for line in document.text[block.start : block.end].split("\n"):
            spans.append((position, position + len(line)))
            position += len(line) + 1
    return spans


def _in_cell(document: Document) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in document.blocks if b.kind == "cell"]


def soft_wraps(document: Document) -> frozenset[int]:
    """Offsets of the "\\n" characters of a PDF's text that are soft wraps; none for other files."""
    if document.format != "pdf":
        return frozenset()
    text = document.text
    spans = _line_spans(document)
    cells = _in_cell(document)
    widths = [_width(text[s:e]) for s, e in spans if e > s]
    if len(widths) < _MIN_LINES:
        return frozenset()
    full = _full_width(widths) * FULL_LINE
    found = set()
    for (start, end), (next_start, next_end) in pairwise(spans):
        if next_start != end + 1 or end <= start or next_end <= next_start:
            continue  # not adjacent, or an empty line: a paragraph break
        if _crosses_cell(cells, end) or text[end - 1] in _HARD_END:
            continue
        if _width(text[start:end]) >= full and not _ITEM_START.match(text, next_start):
            found.add(end)
    return frozenset(found)


def _crosses_cell(cells: list[tuple[int, int]], newline: int) -> bool:
    """A break that is the edge of a cell (not a line inside it) is never soft."""
    return any(newline in (start - 1, end) for start, end in cells)
