"""`near_duplicate_text` (warning, batch): two units whose 事迹材料 or 突出事迹简介 share most of
their text, with the shared passages cited in both.

Each text is folded (NFKC, case) without spaces and punctuation, cut into `shingle`-character pieces
and hashed once into a MinHash (datasketch); an LSH index over the signatures proposes candidate
pairs, and only those are compared exactly (Jaccard of the pieces) against the programme's
threshold (`Rubric.near_duplicates`). Texts found near each other form a group, and each member is
reported once, with the one it was found near: the cost grows with the number of texts, not with
its square, however many units share one text. The shared passages of a reported pair are its
runs of clauses (split at ，。；！？ and line ends) that stand, folded the same way, in the same
order in both texts: each one a verified Citation (text[start:end] == quote) in each document.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from extractors.document import Document
from extractors.facts.models import Citation
from intake.glossary import OVERLAP_KIND_NAMES
from intake.store import Store
from intake.store.similar import document_texts
from intake.store.submissions import document_text, stored_document
from rubric import Rubric
from rubric.batch_checks import BatchIssue
from rubric.model import NearDuplicates
from rubric.strict import Strict

NUM_PERM = 128
MIN_PASSAGE = 12  # folded characters: shorter common runs are set phrases, not copying
MAX_PASSAGES = 5



class SharedPassage(Strict):
    first: Citation  # in the first submission's document
    second: Citation  # the same words in the second's


class TextOverlap(Strict):
    kind: str  # "deeds", or the form field compared (突出事迹简介)
    submissions: tuple[str, str]
    similarity: float  # Jaccard of the normalised texts' pieces
    passages: tuple[SharedPassage, ...]


@dataclass(frozen=True)
class _Text:
    """A compared text by where it is, not by its words: its pieces and words are read again
    (a few at a time) only for the pairs the index proposes, so memory does not grow with the
    batch's texts (thousands of deeds, each piece a Python string)."""

    submission: str
    kind: str
    sha256: str
    offset: int  # where the compared segment starts in the document's text
    end: int  # and where it ends


def _hash(piece: bytes) -> int:
    return zlib.crc32(piece)


def _unimportant() -> dict[int, None]:
    """Spaces and punctuation of the blocks Chinese texts use (ASCII, general punctuation, CJK
    symbols, full-width forms): dropped before comparing."""
    blocks = [(0x0000, 0x0080), (0x00A0, 0x00C0), (0x2000, 0x2070), (0x3000, 0x3040),
              (0xFE30, 0xFE70), (0xFF00, 0xFF66)]
    return {c: None for low, high in blocks for c in range(low, high)
            if chr(c).isspace() or unicodedata.category(chr(c))[0] in "PZC"}


_DROP = _unimportant()
_CLAUSE = re.compile(r"[^，。；！？,;!?\n]+")


def fold(text: str) -> str:
    """The text as compared: NFKC, case-folded, without spaces and punctuation."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_DROP)


def _segments(store: Store, rule: NearDuplicates,
              units: Mapping[str, str]) -> Iterator[tuple[_Text, str]]:
    """Every text to compare, with its words (the segment of the document's text)."""
    for row in document_texts(store, rule.attachments):
        if row["submission"] not in units:
            continue
        text = row["text"]
        if row["role"] in rule.attachments:
            yield _Text(row["submission"], row["role"], row["sha256"], 0, len(text)), text
        for name in rule.fields:
            field = row["fields"].get(name)
            if field and field["end"] > field["start"]:
                yield (_Text(row["submission"], name, row["sha256"], field["start"], field["end"]),
                       text[field["start"]:field["end"]])


def _pieces(folded: str, shingle: int) -> frozenset[str]:
    return frozenset(folded[i:i + shingle] for i in range(len(folded) - shingle + 1))


def _signed(store: Store, rule: NearDuplicates,
            units: Mapping[str, str]) -> tuple[list[_Text], list[Any]]:
    """The texts long enough to compare and the MinHash signature of each."""
    # datasketch pulls in numpy and scipy (about half a second): imported only when texts are
    # compared, never at the start of every command.
    from datasketch import LeanMinHash, MinHash

    texts: list[_Text] = []

    def shingles() -> Iterator[list[bytes]]:
        for text, words in _segments(store, rule, units):
            folded = fold(words)
            if len(folded) >= rule.min_chars:
                texts.append(text)
                yield [p.encode() for p in _pieces(folded, rule.shingle)]

    # One text's shingles at a time (datasketch's generator reuses one set-up MinHash), and only
    # the lean signature kept: at 5 000 submissions a batch of 256 texts' shingles and full
    # MinHash objects took 16 MB, the lean ones take 8.
    signatures = [LeanMinHash(m) for m in
                  MinHash.generator(shingles(), num_perm=NUM_PERM, hashfunc=_hash)]
    return texts, signatures


def _candidates(signatures: list[Any], threshold: float) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that the LSH puts in a common bucket, in order of (i, j); made one i
    at a time, so the pairs of a template shared by hundreds of units are never all held."""
    from datasketch import MinHashLSH

    # A lower LSH threshold than the exact one: the estimate may fall short of the truth, and a
    # pair the index misses is a copy nobody is told of.
    index = MinHashLSH(threshold=max(0.1, threshold - 0.1), num_perm=NUM_PERM)
    for i, signature in enumerate(signatures):
        index.insert(i, signature)
    for i, signature in enumerate(signatures):
        for j in sorted(j for j in index.query(signature) if j > i):
            yield i, j


class _Words:
    """The words and pieces of the texts being compared, read from the store when asked for
    and kept for the few most recent (a group's first text is compared with each other one)."""

    def __init__(self, store: Store, shingle: int) -> None:
        self._store, self._shingle = store, shingle
        self.text = lru_cache(maxsize=64)(self._text)
        self.pieces = lru_cache(maxsize=64)(self._pieces)

    def _text(self, text: _Text) -> str:
        return document_text(self._store, text.sha256)[text.offset:text.end]

    def _pieces(self, text: _Text) -> frozenset[str]:
        return _pieces(fold(self.text(text)), self._shingle)

    def jaccard(self, a: _Text, b: _Text) -> float:
        first, second = self.pieces(a), self.pieces(b)
        return len(first & second) / len(first | second)


def _pairs(texts: list[_Text], signatures: list[Any], rule: NearDuplicates,
           units: Mapping[str, str], words: _Words) -> list[tuple[_Text, _Text, float]]:
    """Each text that is near another one, with the one that brought it into its group.

    Texts near each other form groups (union-find over the verified candidate pairs); every
    member but the group's first is reported once, with the member it was found near. So k
    copies of one text are k - 1 findings, not k(k - 1)/2, and a candidate already in the
    group is not compared again: the work stays near linear however many copies there are."""
    order = sorted(range(len(texts)), key=lambda i: (texts[i].kind, texts[i].submission))
    texts = [texts[i] for i in order]
    group = list(range(len(texts)))
    found = []
    for i, j in _candidates([signatures[i] for i in order], float(rule.threshold)):
        a, b = texts[i], texts[j]
        if _root(group, i) == _root(group, j) or a.kind != b.kind \
                or units[a.submission] == units[b.submission]:
            continue  # already grouped, another kind of text, or one unit's resubmission
        similarity = words.jaccard(a, b)
        if similarity >= float(rule.threshold):
            group[_root(group, j)] = _root(group, i)
            found.append((a, b, similarity))
    return found


def _root(group: list[int], i: int) -> int:
    while group[i] != i:
        group[i] = group[group[i]]
        i = group[i]
    return i


def _clauses(words: str) -> list[tuple[str, int, int]]:
    """(folded clause, start, end in the segment) of every clause with words in it."""
    return [(key, m.start(), m.end()) for m in _CLAUSE.finditer(words)
            if (key := fold(m.group()))]


def _runs(a: list[tuple[str, int, int]],
          b: list[tuple[str, int, int]]) -> list[tuple[int, int, int, int]]:
    """Runs of clauses a[i..j] == b[k..m], in a's order: (i, j, k, m)."""
    where: dict[str, list[int]] = {}
    for index, (key, _, _) in enumerate(b):
        where.setdefault(key, []).append(index)
    runs: list[list[int]] = []
    for i, (key, _, _) in enumerate(a):
        places = where.get(key, [])
        last = runs[-1] if runs else None
        if last and last[1] == i - 1 and last[3] + 1 in places:
            last[1], last[3] = i, last[3] + 1
        elif places:
            runs.append([i, i, places[0], places[0]])
    return [(i, j, k, m) for i, j, k, m in runs]


def _passages(a: _Text, b: _Text, words: _Words,
              docs: Callable[[str], Document | None]) -> tuple[SharedPassage, ...]:
    """The longest runs of clauses the two share, as verified citations in both documents."""
    ca, cb = _clauses(words.text(a)), _clauses(words.text(b))
    runs = [r for r in _runs(ca, cb)
            if sum(len(ca[x][0]) for x in range(r[0], r[1] + 1)) >= MIN_PASSAGE]
    longest = sorted(runs, key=lambda r: ca[r[0]][1] - ca[r[1]][2])[:MAX_PASSAGES]
    return tuple(SharedPassage(first=_cite(docs(a.sha256), a, ca[i][1], ca[j][2]),
                               second=_cite(docs(b.sha256), b, cb[k][1], cb[m][2]))
                 for i, j, k, m in sorted(longest))


def _cite(document: Document | None, text: _Text, start: int, end: int) -> Citation:
    assert document is not None  # its text was just read from the store
    return Citation.verified(document, text.offset + start, text.offset + end)


def find_overlaps(store: Store, rubric: Rubric, units: Mapping[str, str]) -> list[TextOverlap]:
    """Near-duplicate texts among `units` (submission id → unit name) under the rubric's rule."""
    rule = rubric.near_duplicates
    texts, signatures = _signed(store, rule, units)
    words = _Words(store, rule.shingle)
    pairs = _pairs(texts, signatures, rule, units, words) if len(texts) > 1 else []
    # The Documents (blocks and all) a citation needs, a few at a time: never the batch's.
    docs = lru_cache(maxsize=16)(partial(stored_document, store))
    return [TextOverlap(kind=a.kind, submissions=(a.submission, b.submission),
                        similarity=round(similarity, 3), passages=_passages(a, b, words, docs))
            for a, b, similarity in pairs]


def overlap_issue(overlap: TextOverlap, units: Mapping[str, str]) -> BatchIssue:
    first, second = overlap.submissions
    what = OVERLAP_KIND_NAMES.get(overlap.kind, overlap.kind)
    return BatchIssue(
        code="near_duplicate_text", submissions=overlap.submissions,
        message=f"“{units[first]}”与“{units[second]}”的{what}大部分相同（相似度 "
                f"{overlap.similarity:.0%}，{len(overlap.passages)} 段相同文字，见各自页面的"
                "引文），请核实是否抄袭或套用")
