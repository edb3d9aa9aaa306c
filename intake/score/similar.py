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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from extractors.document import Document
from extractors.facts.models import Citation
from intake.glossary import OVERLAP_KIND_NAMES
from intake.store import Store
from intake.store.similar import document_texts, documents
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
    submission: str
    kind: str
    sha256: str
    text: str  # the compared segment of the document's text
    offset: int  # where the segment starts in the document's text
    pieces: frozenset[str]


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
              units: Mapping[str, str]) -> Iterator[tuple[str, str, str, str, int]]:
    """(submission, kind, sha256, text, offset) of every text to compare."""
    for row in document_texts(store, rule.attachments):
        if row["submission"] not in units:
            continue
        if row["role"] in rule.attachments:
            yield row["submission"], row["role"], row["sha256"], row["text"], 0
        for name in rule.fields:
            field = row["fields"].get(name)
            if field and field["end"] > field["start"]:
                segment = row["text"][field["start"]:field["end"]]
                yield row["submission"], name, row["sha256"], segment, field["start"]


def _texts(store: Store, rule: NearDuplicates, units: Mapping[str, str]) -> list[_Text]:
    made = []
    for submission, kind, sha, segment, offset in _segments(store, rule, units):
        folded = fold(segment)
        if len(folded) < rule.min_chars:
            continue
        pieces = frozenset(folded[i:i + rule.shingle]
                           for i in range(len(folded) - rule.shingle + 1))
        made.append(_Text(submission, kind, sha, segment, offset, pieces))
    return made


def _candidates(texts: list[_Text], threshold: float) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that the LSH puts in a common bucket."""
    # datasketch pulls in numpy and scipy (about half a second): imported only when texts are
    # compared, never at the start of every command.
    from datasketch import MinHash, MinHashLSH

    signatures = MinHash.bulk([[p.encode() for p in t.pieces] for t in texts],
                              num_perm=NUM_PERM, hashfunc=_hash)
    # A lower LSH threshold than the exact one: the estimate may fall short of the truth, and a
    # pair the index misses is a copy nobody is told of.
    index = MinHashLSH(threshold=max(0.1, threshold - 0.1), num_perm=NUM_PERM)
    for i, signature in enumerate(signatures):
        index.insert(i, signature)
    for i, signature in enumerate(signatures):
        for j in index.query(signature):
            if j > i:
                yield i, j


def _jaccard(a: _Text, b: _Text) -> float:
    return len(a.pieces & b.pieces) / len(a.pieces | b.pieces)


def _pairs(texts: list[_Text], rule: NearDuplicates,
           units: Mapping[str, str]) -> list[tuple[_Text, _Text, float]]:
    """Each text that is near another one, with the one that brought it into its group.

    Texts near each other form groups (union-find over the verified candidate pairs); every
    member but the group's first is reported once, with the member it was found near. So k
    copies of one text are k - 1 findings, not k(k - 1)/2, and a candidate already in the
    group is not compared again: the work stays near linear however many copies there are."""
    order = sorted(range(len(texts)), key=lambda i: (texts[i].kind, texts[i].submission))
    texts = [texts[i] for i in order]
    group = list(range(len(texts)))
    found = []
    for i, j in sorted(_candidates(texts, float(rule.threshold))):
        a, b = texts[i], texts[j]
        if _root(group, i) == _root(group, j) or a.kind != b.kind \
                or units[a.submission] == units[b.submission]:
            continue  # already grouped, another kind of text, or one unit's resubmission
        similarity = _jaccard(a, b)
        if similarity >= float(rule.threshold):
            group[_root(group, j)] = _root(group, i)
            found.append((a, b, similarity))
    return found


def _root(group: list[int], i: int) -> int:
    while group[i] != i:
        group[i] = group[group[i]]
        i = group[i]
    return i


def _clauses(text: _Text) -> list[tuple[str, int, int]]:
    """(folded clause, start, end in the segment) of every clause with words in it."""
    return [(key, m.start(), m.end()) for m in _CLAUSE.finditer(text.text)
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


def _passages(a: _Text, b: _Text, docs: Mapping[str, Document]) -> tuple[SharedPassage, ...]:
    """The longest runs of clauses the two share, as verified citations in both documents."""
    ca, cb = _clauses(a), _clauses(b)
    runs = [r for r in _runs(ca, cb)
            if sum(len(ca[x][0]) for x in range(r[0], r[1] + 1)) >= MIN_PASSAGE]
    longest = sorted(runs, key=lambda r: ca[r[0]][1] - ca[r[1]][2])[:MAX_PASSAGES]
    return tuple(SharedPassage(first=_cite(docs[a.sha256], a, ca[i][1], ca[j][2]),
                               second=_cite(docs[b.sha256], b, cb[k][1], cb[m][2]))
                 for i, j, k, m in sorted(longest))


def _cite(document: Document, text: _Text, start: int, end: int) -> Citation:
    return Citation.verified(document, text.offset + start, text.offset + end)


def find_overlaps(store: Store, rubric: Rubric, units: Mapping[str, str]) -> list[TextOverlap]:
    """Near-duplicate texts among `units` (submission id → unit name) under the rubric's rule."""
    rule = rubric.near_duplicates
    texts = _texts(store, rule, units)
    pairs = _pairs(texts, rule, units) if len(texts) > 1 else []
    docs = documents(store, {t.sha256 for a, b, _ in pairs for t in (a, b)})
    return [TextOverlap(kind=a.kind, submissions=(a.submission, b.submission),
                        similarity=round(similarity, 3), passages=_passages(a, b, docs))
            for a, b, similarity in pairs]


def overlap_issue(overlap: TextOverlap, units: Mapping[str, str]) -> BatchIssue:
    first, second = overlap.submissions
    what = OVERLAP_KIND_NAMES.get(overlap.kind, overlap.kind)
    return BatchIssue(
        code="near_duplicate_text", submissions=overlap.submissions,
        message=f"“{units[first]}”与“{units[second]}”的{what}大部分相同（相似度 "
                f"{overlap.similarity:.0%}，{len(overlap.passages)} 段相同文字，见各自页面的"
                "引文），请核实是否抄袭或套用")
