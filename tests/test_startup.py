"""Start-up (issue 21): `intake --help` and `intake check` on an empty folder import none of the
heavy libraries that only some commands need; each command imports them when it runs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# What a command that does not store, assign, read files, write workbooks or serve must not pay.
HEAVY = ["sqlalchemy", "networkx", "pdfplumber", "pdfminer", "pypdfium2", "openpyxl", "textual",
         "starlette", "langchain_core", "langchain_openai", "lxml", "docx", "intake.store",
         "intake.run.pipeline", "intake.panel.service", "extractors.read"]

_PROBE = """
import json, runpy, sys
sys.argv = ["intake", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("intake.cli", run_name="__main__")
except SystemExit as stop:
    code = stop.code or 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _imported(*args: str) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          timeout=120, check=False)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return [name for name in HEAVY if any(m == name or m.startswith(f"{name}.") for m in modules)]


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["run", "--help"]])
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    code, modules = _imported(*args)
    assert code == 0
    assert _heavy(modules) == []


def test_check_of_an_empty_folder_imports_no_reader_nor_store(tmp_path: Path) -> None:
    code, modules = _imported("check", str(tmp_path), "--format", "json")
    assert code == 0
    assert _heavy(modules) == []
    assert "rubric.model" in modules  # the programme's rubrics were read: the check really ran


def test_check_of_a_file_imports_the_readers(tmp_path: Path) -> None:
    (tmp_path / "说明.txt").write_text("一份说明", encoding="utf-8")
    code, modules = _imported("check", str(tmp_path), "--format", "json")
    assert code == 0
    assert "extractors.read" in modules and "intake.store" not in modules
