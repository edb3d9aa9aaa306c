"""pdfplumber's text lines and cell text of upright characters, built without its text map.

pdfplumber lays out a page's lines in four passes over dicts: words (chars clustered into lines
by `top`, sorted along them, split at blanks and gaps), a text map of one tuple per letter, a
regular-expression search over that map's string, and a box per match. On the fast path
(pdf_fast) that was the largest share of laying out a page. Here the words are made as
pdfplumber's WordExtractor makes them and clustered into lines by its rule (distinct tops
chained within 3 pt: `cluster_objects`), once each, so lines split and join exactly where its
do, with the same text and boxes: tests/test_pdf_text.py compares the two on random layouts,
test_pdf_fast.py on every PDF the tests make. Only for chars whose text is wholly blank or
holds no blank; `plain` says whether a page's chars are all such, and a page that is not is
left to pdfplumber.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

Obj = dict[str, Any]
_X0 = itemgetter("x0")


def plain(chars: list[Obj]) -> bool:
    """Every char upright, with text that is blank or holds no blank (what the words here
    reproduce: pdfplumber splits words at blank chars only, and at a char of no text)."""
    return all(c.get("upright") and _plain(c["text"]) for c in chars)


def _plain(text: str) -> bool:
    # One char is blank or not; a longer text (a ligature PDFium split) must not mix them.
    return len(text) == 1 or text.isspace() or text.split() == [text]


def text_lines(chars: list[Obj]) -> list[Obj]:
    """pdfplumber's chars_to_textmap(chars).extract_text_lines(strip=True, return_chars=False):
    each line's text and box, top to bottom."""
    # The text map's lines: its words clustered by top in their order, one space between
    # words; a line's box is its chars' box, so its words' box.
    lines = _clusters(_words(chars), in_order=True)
    return [{"text": " ".join(word["text"] for word in line),
             "x0": min(w["x0"] for w in line), "top": min(w["top"] for w in line),
             "x1": max(w["x1"] for w in line), "bottom": max(w["bottom"] for w in line)}
            for line in lines]


def cell_text(chars: list[Obj]) -> str:
    """pdfplumber's extract_text(chars): the lines of words, clustered (not in word order)."""
    lines = _clusters(_words(chars))
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


def _clusters(objs: list[Obj], *, in_order: bool = False) -> list[list[Obj]]:
    """pdfplumber's cluster_objects(objs, "top", 3): the distinct tops sorted and chained into
    clusters where each is within 3 pt of the one before; the objects grouped by cluster, in
    cluster order (stable), or `in_order`: each run of objects of one cluster a group."""
    cluster_of: dict[float, int] = {}
    cluster, last = 0, None
    for top in sorted({o["top"] for o in objs}):
        if last is not None and top > last + DEFAULT_Y_TOLERANCE:
            cluster += 1
        cluster_of[top], last = cluster, top
    if in_order:
        runs: list[list[Obj]] = []
        previous = None
        for obj in objs:
            here = cluster_of[obj["top"]]
            if here != previous:
                runs.append([])
            runs[-1].append(obj)
            previous = here
        return runs
    groups: list[list[Obj]] = [[] for _ in range(cluster + 1)] if objs else []
    for obj in objs:
        groups[cluster_of[obj["top"]]].append(obj)
    return groups


def _words(chars: list[Obj]) -> list[Obj]:
    """pdfplumber's WordExtractor for upright chars: lines by `top`, each sorted by x0 (a
    stable sort, as its key (x0, x0)), split at blank chars and where a char starts a word."""
    words: list[Obj] = []
    for line in _clusters(chars):
        current: list[Obj] = []
        for char in sorted(line, key=_X0):
            if char["text"].isspace():
                _flush(current, words)
                current = []
            elif current and _begins_word(current[-1], char):
                _flush(current, words)
                current = [char]
            else:
                current.append(char)
        _flush(current, words)
    return words


def _begins_word(before: Obj, char: Obj) -> bool:
    """pdfplumber's char_begins_new_word, left to right."""
    return bool(char["x0"] < before["x0"] or char["x0"] > before["x1"] + DEFAULT_X_TOLERANCE
                or abs(char["top"] - before["top"]) > DEFAULT_Y_TOLERANCE)


def _flush(chars: list[Obj], words: list[Obj]) -> None:
    """The word of `chars` (if any), as pdfplumber's merge_chars: ligatures spelt out."""
    if chars:
        words.append({"text": "".join(LIGATURES.get(c["text"], c["text"]) for c in chars),
                      "x0": min(c["x0"] for c in chars), "top": min(c["top"] for c in chars),
                      "x1": max(c["x1"] for c in chars),
                      "bottom": max(c["bottom"] for c in chars)})
