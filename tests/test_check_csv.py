"""`intake check --format csv` as Chinese Excel opens it: UTF-8 with a BOM, Chinese headers and
values; `--lang en` keeps the English columns for scripts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from intake.cli import app

BATCH = Path(__file__).resolve().parents[1] / "samples" / "batch"
runner = CliRunner()


def _check_csv(tmp_path: Path, *extra: str) -> bytes:
    out = tmp_path / "形式审查.csv"
    result = runner.invoke(app, ["check", str(BATCH / "保定开放大学信息中心"),
                                 str(BATCH / "个人-王芳"), "--format", "csv", "--output",
                                 str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_csv_opens_in_chinese_excel(tmp_path: Path) -> None:
    raw = _check_csv(tmp_path)
    assert raw.startswith(b"\xef\xbb\xbf")  # without it Excel decodes as GBK: mojibake
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0])[:3] == ["申报材料", "类别", "突出事迹简介字数"]
    by_name = {Path(r["申报材料"]).name: r for r in rows}
    assert by_name["个人-王芳"]["类别"] == "先进个人"
    assert by_name["个人-王芳"]["发现的问题"] == "超字数"
    assert by_name["个人-王芳"]["问题代码"] == "over_limit"
    assert "(" not in by_name["个人-王芳"]["问题说明"]  # no English gist in what is handed on
    assert by_name["保定开放大学信息中心"]["类别"] == "先进集体"


def test_lang_en_keeps_the_script_columns(tmp_path: Path) -> None:
    raw = _check_csv(tmp_path, "--lang", "en")
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert list(rows[0])[:3] == ["path", "kind", "summary_count"]
    assert {r["kind"] for r in rows} == {"collective", "individual"}
