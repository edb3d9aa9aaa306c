"""Sentences and clauses of a submission's documents, with offsets into each Document.text.

Rules work sentence by sentence, so that a citation is the sentence that proves a fact, and look
for numbers clause by clause, so that "软件50万元，硬件78万元" does not mix its two amounts.
A PDF's soft line wraps (wraps.soft_wraps) do not end a sentence: the sentence reads across them
(its `text` leaves the "\n" out) and its citations map back to Document.text, "\n" included, so
every quote is still the document's text verbatim. A data row of a table with a header row
(table_rows) is read as one statement, "领导小组会议\n本年度召开2次", its criteria and score cells
left out of `text` the same way; "\n" stays between its kept cells, so clauses still split there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from extractors.document import Cell, Document
from extractors.facts.models import Citation
from extractors.facts.table_rows import RowCells, table_rows
from extractors.facts.wraps import soft_wraps

_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_CLAUSE_END = re.compile(r"[，,。！？!?；;\n]+")


# Compared and hashed by identity: two sentences are the same only if they are one object, and a
# Document (holding lists) cannot be hashed by value.
@dataclass(frozen=True, eq=False)
class Sentence:
    document: Document
    start: int
    end: int
    index: int  # position among the document's sentences, to find the next one
    # (start, end) spans of Document.text inside the sentence that are left out of `text`: soft
    # wraps' "\n", and the criteria cells of a table row.
    gaps: tuple[tuple[int, int], ...] = ()
    # In a table row: where its last cell begins in `text`; what is before is the row's labels
    # (指标, 类别 …), which name what the row is about but state nothing themselves.
    label_end: int = 0

    @cached_property  # every rule reads it, many times
    def text(self) -> str:
        if not self.gaps:
            return self.document.text[self.start : self.end]
        bounds = [self.start, *(edge for gap in self.gaps for edge in gap), self.end]
        pairs = zip(bounds[::2], bounds[1::2], strict=True)
        return "".join(self.document.text[a:b] for a, b in pairs)

    def offset(self, position: int) -> int:
        """The Document.text offset of `position` in `text`."""
        offset = self.start + position
        for start, end in self.gaps:
            if start <= offset:
                offset += end - start
        return offset

    def cite(self, start: int = 0, end: int | None = None) -> Citation:
        """A verified citation of the sentence, or of [start:end] relative to its `text`."""
        stop = self.end if end is None else self.offset(end - 1) + 1
        return Citation.verified(self.document, self.offset(start), stop)

    def clauses(self) -> Iterator[tuple[int, str]]:
        """(offset in the sentence, clause text) for each clause."""
        return iter(self._clauses)

    @cached_property  # rules ask for a sentence's clauses dozens of times (profiled: 8%)
    def _clauses(self) -> tuple[tuple[int, str], ...]:
        return tuple(_pieces(self.text, _CLAUSE_END))


def _pieces(text: str, separator: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    position = 0
    for match in [*separator.finditer(text), None]:
        stop = match.start() if match else len(text)
        piece = text[position:stop]
        stripped = piece.strip()
        if stripped:
            yield position + piece.index(stripped), stripped
        position = match.end() if match else len(text)


def following(sentence: Sentence, sentences: list[Sentence], step: int = 1) -> Sentence | None:
    """The sentence `step` after this one (before it, if negative) in the same document: "成立
    领导小组。组长由校长担任。"."""
    for other in sentences:
        if other.document is sentence.document and other.index == sentence.index + step:
            return other
    return None


def sentence_pieces(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each sentence of a plain text (a line), stripped, as `sentences` cuts
    a document's."""
    return list(_pieces(text, _SENTENCE_END))


def sentences(document: Document) -> list[Sentence]:
    """The document's sentences in order; each ends before its 。！？； or hard line break, and a
    table row with a header above it is one sentence per sentence of its last kept cell."""
    soft = soft_wraps(document)
    tables = table_rows(document)
    if not soft and not tables:
        return [Sentence(document, offset, offset + len(text), index)
                for index, (offset, text) in enumerate(_pieces(document.text, _SENTENCE_END))]
    claimed = {i for (start, end), _ in tables for i in range(start, end)}
    kept = [i for i in range(len(document.text)) if i not in soft and i not in claimed]
    found = [(piece, 0) for piece in _split(document, kept)]
    for _, rows in tables:
        found += [piece for row in rows for piece in _row(document, row, soft)]
    found.sort(key=lambda piece: piece[0][-1])
    return [_sentence(document, offsets, index, labels)
            for index, (offsets, labels) in enumerate(found)]


def _split(document: Document, kept: list[int]) -> list[list[int]]:
    """The offsets of each sentence of the text made of the `kept` offsets."""
    joined = "".join(document.text[i] for i in kept)
    return [kept[offset : offset + len(text)] for offset, text in _pieces(joined, _SENTENCE_END)]


def _row(document: Document, row: RowCells,
         soft: frozenset[int]) -> list[tuple[list[int], int]]:
    """A row's sentences: its cells up to the last, then each sentence of the last cell, with
    one "\n" between cells (the separator after a cell, as Document.text joins blocks)."""
    if not row.cells:
        return []
    head: list[int] = []
    for start, end in row.cells[:-1]:
        head += [i for i in range(start, end) if i not in soft]
        head += [end] if document.text[end : end + 1] == "\n" else []
    start, end = row.cells[-1]
    last = [i for i in range(start, end) if i not in soft]
    return [(head + piece, len(head)) for piece in _split(document, last)]


def _sentence(document: Document, offsets: list[int], index: int, labels: int = 0) -> Sentence:
    """A sentence of these Document.text offsets (ascending): what lies between them is a gap."""
    gaps = tuple((a + 1, b) for a, b in pairwise(offsets) if b > a + 1)
    return Sentence(document, offsets[0], offsets[-1] + 1, index, gaps, labels)


def row_sentence(document: Document, row: Sequence[Cell], index: int = 0) -> Sentence:
    """A table row read whole, its first cell to its last: what a row's count is cited by."""
    return Sentence(document, row[0].start, row[-1].end, index)


def clause_at(sentence: Sentence, offset: int) -> tuple[int, str]:
    """The clause of the sentence that holds `offset` (relative to the sentence)."""
    for start, clause in sentence.clauses():
        if start <= offset < start + len(clause):
            return start, clause
    return 0, sentence.text
