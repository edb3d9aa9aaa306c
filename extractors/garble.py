"""Is a PDF page's text layer trustworthy enough to count 字数 on?

Chinese PDFs whose fonts lack a ToUnicode map come out of pdfminer as "(cid:1234)" runs, U+FFFD,
private-use code points, Latin-1 mojibake, one character repeated, or real but unrelated Chinese
characters. The last case is caught the way tika-eval catches garbage: by the share of common
words — here, of common characters. "Common" is GB 2312 level 1, the 3,755 characters that cover
about 99% of modern Chinese text; a wrong glyph mapping lands mostly outside it (it holds 18% of
CJK Unified Ideographs). We build that set from Python's own gb2312 codec, so no list lives in
our code.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

MIN_GLYPHS = 20  # fewer glyphs than this (a page number, a caption) says nothing either way
MAX_BAD_SHARE = 0.10
MIN_CJK_FOR_SHARE = 50
MIN_COMMON_SHARE = 0.50
# A font whose glyphs all map to one code point (LibreOffice without a CJK font writes one
# "missing glyph" for every character) gives "附附附附": common, but one character. In real
# prose the most frequent character (的) is about 5% of the text; a page of "优秀 优秀 …" ratings
# is 50% one character, so the bar sits above that.
MAX_TOP_CHAR_SHARE = 0.6
_CID = re.compile(r"\(cid:\d+\)")
# Mojibake of UTF-8 or GBK bytes read as Latin-1 comes as runs of Latin-1 letters and signs
# ("Ã©", "ÄãºÃ"). Accented Latin (Czech, French, pinyin with tone marks) has them one at a time
# among ASCII letters ("Dobrý den", "lǜsè", "Zhāng Lì"), so a lone one is no sign of anything.
_LATIN1_RUN = re.compile("[\u0080-\u00ff]{2,}")


@lru_cache(maxsize=1)
def common_chinese() -> frozenset[str]:
    chars = set()
    for high in range(0xB0, 0xD8):  # GB 2312 rows 16-55: level 1, ordered by pinyin
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # row 55 ends at 0xF9
    return frozenset(chars)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x2E80 <= code <= 0x2FDF
            or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF)


def _is_bad(ch: str) -> bool:
    code = ord(ch)
    return (ch == "\ufffd" or 0xE000 <= code <= 0xF8FF
            or (code < 0x20 and ch not in "\t\n\r"))


def _latin1_runs(text: str) -> int:
    """Letters U+00C0–00FF standing in runs of Latin-1 characters: mojibake, not accents."""
    return sum(sum(1 for ch in run if ch >= "\u00c0") for run in _LATIN1_RUN.findall(text))


def garbled(text: str) -> bool:
    """True when the text looks like a broken glyph-to-Unicode mapping."""
    cids = len(_CID.findall(text))
    glyphs = [ch for ch in _CID.sub("", text) if not ch.isspace()]
    total = len(glyphs) + cids
    if total < MIN_GLYPHS:
        return False
    bad = cids + sum(1 for ch in glyphs if _is_bad(ch)) + _latin1_runs(text)
    if bad / total > MAX_BAD_SHARE:
        return True
    cjk = [ch for ch in glyphs if _is_cjk(ch)]
    if len(cjk) < MIN_CJK_FOR_SHARE:
        return False
    top = Counter(cjk).most_common(1)[0][1]
    common = common_chinese()
    return (top / len(cjk) > MAX_TOP_CHAR_SHARE
            or sum(1 for ch in cjk if ch in common) / len(cjk) < MIN_COMMON_SHARE)
