"""Sentences and clauses of a submission's documents, with offsets into each Document.text.

Rules work sentence by sentence, so that a citation is the sentence that proves a fact, and look
for numbers clause by clause, so that "软件50万元，硬件78万元" does not mix its two amounts.
A PDF's soft line wraps (wraps.soft_wraps) do not end a sentence: the sentence reads across them
(its `text` leaves the "\n" out) and its citations map back to Document.text, "\n" included, so
every quote is still the document's text verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from extractors.document import Document
from extractors.facts.models import Citation
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
    joins: tuple[int, ...] = ()  # offsets of soft-wrap "\n"s inside it, left out of `text`

    @cached_property  # every rule reads it, many times
    def text(self) -> str:
        raw = self.document.text[self.start : self.end]
        if not self.joins:
            return raw
        return "".join(c for i, c in enumerate(raw, self.start) if i not in self.joins)

    def offset(self, position: int) -> int:
        """The Document.text offset of `position` in `text`."""
        offset = self.start + position
        for join in self.joins:
            if join <= offset:
                offset += 1
        return offset

    def cite(self, start: int = 0, end: int | None = None) -> Citation:
        """A verified citation of the sentence, or of [start:end] relative to its `text`."""
        stop = self.end if end is None else self.offset(end - 1) + 1
        return Citation.verified(self.document, self.offset(start), stop)

    def clauses(self) -> Iterator[tuple[int, str]]:
        """(offset in the sentence, clause text) for each clause."""
        yield from _pieces(self.text, _CLAUSE_END)


def _pieces(text: str, separator: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    position = 0
    for match in [*separator.finditer(text), None]:
        stop = match.start() if match else len(text)
        piece = text[position:stop]
        stripped = piece.strip()
        if stripped:
            yield position + piece.index(stripped), stripped
        position = match.end() if match else len(text)


def sentences(document: Document) -> list[Sentence]:
    """The document's sentences in order; each ends before its 。！？； or hard line break."""
    joins = sorted(soft_wraps(document))
    if not joins:
        return [Sentence(document, offset, offset + len(text), index)
                for index, (offset, text) in enumerate(_pieces(document.text, _SENTENCE_END))]
    soft = set(joins)
    kept = [i for i in range(len(document.text)) if i not in soft]
    joined = "".join(document.text[i] for i in kept)
    found = []
    for index, (offset, text) in enumerate(_pieces(joined, _SENTENCE_END)):
        start, end = kept[offset], kept[offset + len(text) - 1] + 1
        inside = tuple(j for j in joins if start < j < end)
        found.append(Sentence(document, start, end, index, inside))
    return found


def clause_at(sentence: Sentence, offset: int) -> tuple[int, str]:
    """The clause of the sentence that holds `offset` (relative to the sentence)."""
    for start, clause in sentence.clauses():
        if start <= offset < start + len(clause):
            return start, clause
    return 0, sentence.text
