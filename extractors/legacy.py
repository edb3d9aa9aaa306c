"""Legacy Word (.doc), WPS (.wps) and RTF files: convert to .docx with LibreOffice, then read.

Each conversion gets a fresh LibreOffice profile directory (-env:UserInstallation), so parallel
workers never share one (a shared profile makes the second soffice hand its job to the first,
or fail), and a wall-clock limit: soffice can hang on a hostile file, so on expiry its whole
process group (oosplash and soffice.bin) is killed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from extractors.document import Document, Format
from extractors.docx_reader import read_docx
from extractors.findings import Finding, finding

DEFAULT_TIMEOUT = 60.0
INSTALL_HINT = (
    "需要安装 LibreOffice (apt-get install libreoffice-writer-nogui) 才能读取 .doc/.wps "
    "(LibreOffice is needed to read .doc/.wps files)"
)


def soffice_available() -> bool:
    return shutil.which("soffice") is not None


def read_legacy(path: Path, fmt: Format, timeout: float = DEFAULT_TIMEOUT) -> Document:
    """Read a .doc/.wps/.rtf; the Document names the original file, never the converted copy."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return _only(path, fmt, finding("unsupported_format", INSTALL_HINT, document=str(path)))
    with tempfile.TemporaryDirectory(prefix="intake-soffice-") as temp:
        converted = convert_to_docx(soffice, path, Path(temp), timeout)
        if isinstance(converted, Finding):
            return _only(path, fmt, converted)
        document = read_docx(converted, converted=True)
    return _as_original(document, path, fmt)


def convert_to_docx(soffice: str, path: Path, temp: Path, timeout: float) -> Path | Finding:
    # A plain ASCII copy: the output name is then known, and odd names ("-x.doc", spaces,
    # characters the locale cannot encode) cannot reach soffice's command line.
    # LibreOffice's type detection weighs the extension: keep .wps (Kingsoft and Works files
    # differ from Word's), call RTF .rtf whatever its name, and anything else .doc.
    suffix = ".rtf" if _is_rtf(path) else path.suffix.lower()
    source = temp / f"input{suffix if suffix in ('.doc', '.wps', '.rtf') else '.doc'}"
    shutil.copyfile(path, source)
    command = [soffice, "--headless", "--norestore",
               f"-env:UserInstallation={(temp / 'profile').as_uri()}",
               "--convert-to", "docx", "--outdir", str(temp / "out"), str(source)]
    problem = _run(command, timeout, str(path))
    output = temp / "out" / "input.docx"
    if problem is None and not output.is_file():
        problem = finding("unreadable", "LibreOffice 无法转换此文件，可能已损坏 "
                          "(conversion produced no output)", document=str(path))
    return problem or output


def _run(command: list[str], timeout: float, document: str) -> Finding | None:
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return finding("unreadable", f"转换超时（超过 {timeout:.0f} 秒）(conversion timed out)",
                       document=document)
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip()[:200]
        return finding("unreadable", f"LibreOffice 转换失败 (conversion failed, exit code "
                       f"{process.returncode}: {detail})", document=document)
    return None


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have exited on its own meanwhile
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _is_rtf(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf")


def _only(path: Path, fmt: Format, problem: Finding) -> Document:
    return Document(path=str(path), sha256="", format=fmt, findings=[problem])


def _as_original(document: Document, path: Path, fmt: Format) -> Document:
    findings = [f.model_copy(update={"document": str(path)}) for f in document.findings]
    return document.model_copy(update={"path": str(path), "format": fmt, "findings": findings})
