"""pdf_text builds the same lines and cell texts as pdfplumber's text map, on layouts made to
sit on its edges: lines whose tops chain within 3 pt, chars overlapping or drawn out of order,
gaps of exactly 3 pt, blanks and ligatures."""

from __future__ import annotations

import random
from typing import Any

import pytest
from pdfplumber.utils.text import chars_to_textmap, extract_text

from extractors.pdf_text import cell_text, plain, text_lines

TEXTS = [*"的一是在不了有和人这中大为上个", *"abcdefg1。", "ﬁ", "ﬀ", "ff", " ", "\u3000"]


def _layout(rng: random.Random) -> list[dict[str, Any]]:
    """Chars along lines that drift, jump back and overlap, at gaps around the 3 pt tolerance."""
    chars: list[dict[str, Any]] = []
    x, y = 50.0, 100.0
    for _ in range(rng.randint(1, 60)):
        if rng.random() < 0.15:
            y += rng.choice([0.5, 1.5, 2.9, 3.0, 3.1, 4.0, 12.0, -2.5, -12.0])
            x = rng.choice([50.0, x - 20, x + 5])
        width, height = rng.choice([3.0, 5.0, 10.5, 11.0]), rng.choice([6.0, 10.5, 11.0])
        x0 = x + rng.choice([0.0, 0.0, 0.2, 2.9, 3.0, 3.1, 5.0, -1.0, -6.0])
        top = y + rng.choice([0.0, 0.0, 0.0, 0.3, -0.4, 2.5])
        chars.append({"text": rng.choice(TEXTS), "x0": x0, "x1": x0 + width, "top": top,
                      "bottom": top + height, "doctop": top, "upright": True, "width": width,
                      "height": height, "size": height})
        x = x0 + width
    return chars


@pytest.mark.parametrize("seed", range(10))
def test_lines_and_cells_are_pdfplumbers(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(100):
        chars = _layout(rng)
        assert plain(chars)
        assert text_lines(chars) == chars_to_textmap(chars).extract_text_lines(
            strip=True, return_chars=False)
        assert cell_text(chars) == extract_text(chars)


def test_lines_are_split_and_joined_where_pdfplumber_does() -> None:
    def char(text: str, x0: float, top: float) -> dict[str, Any]:
        return {"text": text, "x0": x0, "x1": x0 + 10, "top": top, "bottom": top + 10,
                "doctop": top, "upright": True}

    # Tops 100, 102.5, 105 chain into one line; the blank and a 3.5 pt gap split words.
    chars = [char("申", 0, 100), char("报", 10, 102.5), char("表", 20, 105), char(" ", 30, 100),
             char("ﬁ", 40, 100), char("x", 53.5, 100), char("下", 0, 120)]
    assert [line["text"] for line in text_lines(chars)] == ["申报表 fi x", "下"]
    assert cell_text(chars) == "申报表 fi x\n下"
    assert text_lines(chars)[0] == {"text": "申报表 fi x", "x0": 0, "top": 100, "x1": 63.5,
                                    "bottom": 115}
    assert text_lines(chars) == chars_to_textmap(chars).extract_text_lines(return_chars=False)


def test_chars_pdfplumber_would_split_differently_are_not_plain() -> None:
    base = {"x0": 0, "x1": 10, "top": 0, "bottom": 10, "doctop": 0}
    assert not plain([{**base, "text": "a b", "upright": True}])
    assert not plain([{**base, "text": "", "upright": True}])
    assert not plain([{**base, "text": "字", "upright": False}])
