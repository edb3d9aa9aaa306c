""".doc/.wps through LibreOffice: the converted text under the original name and hash; a clear
message without LibreOffice; timeouts and failures of the converter as findings."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from pathlib import Path

import docx
import pytest

from extractors import legacy
from extractors.legacy import read_legacy, soffice_available
from extractors.read import read_document
from tests.support.files import assert_offsets, make_docx

needs_soffice = pytest.mark.skipif(not soffice_available(),
                                   reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real Word 97 .doc, made by LibreOffice from a .docx with a paragraph and a table."""
    folder = tmp_path_factory.mktemp("legacy")

    def build(d: docx.document.Document) -> None:
        d.add_paragraph("先进个人申报表")
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "王五"
        # Word always ends the body with a paragraph; without one LibreOffice drops the table
        # when it writes the .doc.
        d.add_paragraph("推荐单位（盖章）")

    source = make_docx(folder / "source.docx", build)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(folder / 'p').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=120)
    return folder / "source.doc"


@needs_soffice
@pytest.mark.soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_file_is_converted_and_read(legacy_doc: Path, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"申报 表{suffix}"  # a space and Chinese in the name must not matter
    shutil.copyfile(legacy_doc, path)
    document = read_document(path)
    assert_offsets(document)
    assert document.findings == []
    assert document.format == suffix[1:] and document.path == str(path)
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert document.text == "先进个人申报表\n姓名\n王五\n推荐单位（盖章）"
    assert [c.text for c in document.tables[0].rows[0]] == ["姓名", "王五"]


def test_without_soffice_says_what_to_install(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"{\\rtf1\\ansi old}")
    document = read_document(path)
    [found] = document.findings
    assert not soffice_available()
    assert found.code == "unsupported_format" and found.level == "error"
    assert "apt-get install libreoffice-writer-nogui" in found.message
    assert document.format == "doc" and document.sha256


def fake_soffice(tmp_path: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(0o755)
    monkeypatch.setattr("shutil.which", lambda name: str(program))


def test_conversion_timeout_kills_the_process_group(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pid_file = tmp_path / "child.pid"
    fake_soffice(tmp_path, f"sleep 30 &\necho $! > {pid_file}\nwait\n", monkeypatch)
    path = tmp_path / "slow.doc"
    path.write_bytes(b"{\\rtf1 x}")
    started = time.monotonic()
    document = read_legacy(path, "doc", timeout=0.5)
    assert time.monotonic() - started < 5
    [found] = document.findings
    assert found.code == "unreadable" and "转换超时" in found.message
    assert not _running(int(pid_file.read_text()))


def _running(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    for _ in range(50):  # the orphaned child is reaped by init a moment after the kill
        if not stat.exists() or stat.read_text().split(")")[-1].split()[0] == "Z":
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize(("script", "words"), [
    ("echo 'Error: source file could not be loaded' >&2\nexit 1\n", "conversion failed"),
    ("exit 0\n", "no output"),
])
def test_conversion_failure_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          script: str, words: str) -> None:
    fake_soffice(tmp_path, script, monkeypatch)
    path = tmp_path / "bad.wps"
    path.write_bytes(b"{\\rtf1 x}")
    document = read_document(path)
    [found] = document.findings
    assert found.code == "unreadable" and words in found.message
    assert document.format == "wps" and found.document == str(path)


def test_default_timeout_is_a_minute() -> None:
    assert legacy.DEFAULT_TIMEOUT == 60.0
