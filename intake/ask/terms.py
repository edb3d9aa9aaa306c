"""What a question asks about: its terms, their weights in a passage, and where they stand in it.

A question is width- and case-folded, its question words (questions.yaml) are taken out, and what
is left is cut into chunks: runs of Chinese characters and runs of letters and digits. A Chinese
chunk is matched by its character bigrams (a chunk of one character by itself), so "网络安全制度"
still matches "网络安全管理制度" in part; letters and digits are matched whole. The index is asked
with the trigrams of chunks of three or more characters (FTS5 MATCH) and with every bigram (LIKE):
trigrams alone miss two-character words and words the material sets apart ("校内培训" /
"校内信息化培训"), 78 % against 100 % of the sample questions right (scripts/ask_quality.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

QUESTIONS_FILE = Path(__file__).with_name("questions.yaml")
_CHUNK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9][a-z0-9.%]*")


@cache
def lexicon() -> dict[str, Any]:
    """questions.yaml, read once."""
    with QUESTIONS_FILE.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data if isinstance(data, dict) else {}


@cache
def _question_words() -> re.Pattern[str]:
    words = sorted((fold(str(w)) for w in lexicon().get("question_words", [])), key=len,
                   reverse=True)
    return re.compile("|".join(re.escape(w) for w in words if w) or "(?!)")


# Full-width ASCII forms and the ideographic space, folded to ASCII as NFKC does: the fold runs
# over every candidate passage, and str.translate is ten times faster than NFKC per character.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def fold(text: str) -> str:
    """Width- and case-folded, one character for one (offsets in `text` stay valid)."""
    folded = text.translate(_WIDTH).lower()
    if len(folded) == len(text):
        return folded
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_WIDTH))


@dataclass(frozen=True)
class Query:
    """The terms of one question."""

    chunks: tuple[str, ...]
    terms: tuple[str, ...]  # bigrams of Chinese chunks, whole letter/digit runs, single characters

    @property
    def long_chunks(self) -> list[str]:
        """Searched with FTS5 trigrams: their trigrams, so a partial match is a candidate too."""
        return sorted({c[i : i + 3] for c in self.chunks if len(c) >= 3
                       for i in range(len(c) - 2)})

    @property
    def short_chunks(self) -> list[str]:
        """Searched with LIKE: trigrams cannot match them. Every bigram, since a passage may hold
        the question's words apart ("校内培训" / "校内信息化培训"); single characters only when
        the question has nothing longer (they would match nearly every passage)."""
        pairs = [t for t in self.terms if len(t) >= 2]
        return pairs or [t for t in self.terms if len(t) == 1]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse(question: str) -> Query:
    """The chunks and terms of a question, question words left out."""
    text = _question_words().sub(" ", fold(question))
    chunks = tuple(dict.fromkeys(m.group() for m in _CHUNK.finditer(text)))
    terms: list[str] = []
    for chunk in chunks:
        terms += _terms_of(chunk)
    return Query(chunks, tuple(dict.fromkeys(terms)))


def _terms_of(chunk: str) -> list[str]:
    if not _is_chinese(chunk[0]) or len(chunk) == 1:
        return [chunk]
    return [chunk[i : i + 2] for i in range(len(chunk) - 1)]


def _is_chinese(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def highlights(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Merged spans of `text` where any term stands."""
    folded = fold(text)
    spans = sorted((m.start(), m.start() + len(t)) for t in terms
                   for m in re.finditer(re.escape(t), folded))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
