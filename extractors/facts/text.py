"""Sentences and clauses of a submission's documents, with offsets into each Document.text.

Rules work sentence by sentence, so that a citation is the sentence that proves a fact, and look
for numbers clause by clause, so that "软件50万元，硬件78万元" does not mix its two amounts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extractors.document import Document
from extractors.facts.models import Citation

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

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]

    def cite(self, start: int = 0, end: int | None = None) -> Citation:
        """A verified citation of the sentence, or of [start:end] relative to it."""
        stop = self.end if end is None else self.start + end
        return Citation.verified(self.document, self.start + start, stop)

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
    """The document's sentences in order; each ends before its 。！？； or line break."""
    return [Sentence(document, offset, offset + len(text), index)
            for index, (offset, text) in enumerate(_pieces(document.text, _SENTENCE_END))]


def clause_at(sentence: Sentence, offset: int) -> tuple[int, str]:
    """The clause of the sentence that holds `offset` (relative to the sentence)."""
    for start, clause in sentence.clauses():
        if start <= offset < start + len(clause):
            return start, clause
    return 0, sentence.text
