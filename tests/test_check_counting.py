"""字数 as Word's and LibreOffice's word-count dialogs show it."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from hypothesis import given
from hypothesis import strategies as st

from intake.screen.counting import count, count_characters_no_spaces, count_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年投入500万元", 7),
        ("占比5.2%以上", 5),
        ("hello world", 2),
        ("A-B 测试 - 分隔", 6),
        ("第一行\n第二行\r\n", 6),
        ("", 0),
        ("   \n\t\u3000", 0),
        ("“你好”", 4),
        ("a“b”c", 1),
        ("（1）", 3),
        ("(1)测试", 3),
        ("《网络安全管理制度》", 10),
        ("①②", 2),
        ("㎡", 1),
        ("２０２４年", 5),
        ("我——你", 2),
        ("5–10", 2),
        ("张·三", 3),
        ("𠀀𠀁", 2),
        ("1.5万", 2),
    ],
)
def test_fixed_examples(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_characters_without_spaces_ignores_every_kind_of_space() -> None:
    assert count_characters_no_spaces("A B\u3000测试\n") == 4
    assert count("占比5.2%以上") .characters_no_spaces == 8


def test_limit_boundary_is_about_the_number_not_the_characters() -> None:
    # 1000 ideographs are 1000 字; digits glued together count once however long they are.
    assert count_words("字" * 1000) == 1000
    assert count_words("字" * 999 + "12345") == 1000


@given(st.lists(st.sampled_from(["字", "ab", "12", " ", "\n", "，", "-"]), max_size=50))
def test_count_is_additive_over_whitespace(parts: list[str]) -> None:
    left, right = "".join(parts), "".join(reversed(parts))
    assert count_words(left + " " + right) == count_words(left) + count_words(right)


# The rule read literally, a character at a time: each East Asian character is a word, and so is
# each run of characters that are neither separators nor East Asian.
_EAST_ASIAN = re.compile("[\u1100-\u11ff\u2460-\u24ff\u2e80-\u2fdf\u2ff0-\u2fff\u3001-\u303f"
                         "\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3190-\u31ff\u3200-\u33ff"
                         "\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
                         "\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f]")


def _literal_count(text: str) -> int:
    words, in_run = 0, False
    for char in text:
        if _EAST_ASIAN.match(char):
            words, in_run = words + 1, False
        elif char.isspace() or char in "\u2013\u2014":
            in_run = False
        elif not in_run:
            words, in_run = words + 1, True
    return words


# Edges of the ranges, separators, astral ideographs, emoji, Latin, digits and punctuation.
_MIXED = st.sampled_from(["\u10ff", "\u1100", "\u3000", "\u3001", "\u303f", "\u3040", "\u4e00",
                          "\u9fff", "\ud7ff", "\ue000", "\uffef", "\ufff0", "\U00020000",
                          "\U0003134f", "\U00031350", "\U0001f600", "\u2013", "\u2014", "\u2015",
                          "\u200b", "\xa0", "\x85", "\u2028", " ", "\n", "a", "Z", "7", ".", "%",
                          "“", "，", "字", "①", "㎡", "２"])


@given(st.lists(_MIXED, max_size=40))
def test_count_follows_the_rule_character_by_character(chars: list[str]) -> None:
    text = "".join(chars)
    assert count_words(text) == _literal_count(text)


# ---- cross-check against LibreOffice -----------------------------------------------------------

ALPHABET = (
    list("信息化工作领导小组会议投入占比资源建设")
    + list("，。、；：？！（）《》【】“”‘’…·％")
    + list("abcXYZ0123456789.%-/+@#")
    + [" ", " ", "\u3000", "—", "–", "①", "㎡", "２"]
)


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 60))) for _ in range(n)]


def libreoffice_word_counts(texts: list[str], workdir: Path) -> list[int]:
    for i, text in enumerate(texts):
        document = DocxDocument()
        document.add_paragraph(text)
        document.save(workdir / f"t{i:03d}.docx")
    profile = (workdir / "profile").as_uri()
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "odt",
         "--outdir", str(workdir / "out"), *sorted(str(p) for p in workdir.glob("t*.docx"))],
        check=True, capture_output=True, timeout=240,
    )
    counts = []
    for i in range(len(texts)):
        meta = zipfile.ZipFile(workdir / "out" / f"t{i:03d}.odt").read("meta.xml").decode()
        match = re.search(r'meta:word-count="(\d+)"', meta)
        counts.append(int(match.group(1)) if match else 0)
    return counts


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_random_mixed_texts_match_libreoffice(tmp_path: Path) -> None:
    texts = random_texts(60, seed=20241018)
    expected = libreoffice_word_counts(texts, tmp_path)
    mismatches = [(t, e, count_words(t)) for t, e in zip(texts, expected, strict=True)
                  if count_words(t) != e]
    assert mismatches == []
