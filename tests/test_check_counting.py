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
