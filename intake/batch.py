"""Group files into submissions and check a whole batch.

A folder that holds files and no sub-folders is one submission (the files directly inside it). A
folder with sub-folders is a container: each sub-folder is looked at the same way, and each file
lying loose in it is a submission of its own. Symbolic links are not followed out of the batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from extractors.document import Document
from extractors.findings import finding
from extractors.forms import Form, recognise
from extractors.read import read_document
from intake.checks import CheckedSubmission, ReadDocument, check_submission, role_of
from intake.rubrics import programme_rubrics
from intake.workers import DEFAULT_TIMEOUT, Outcome, run_isolated
from rubric import AttachmentSpec, FormSpec
from rubric.errors import InputError

DEFAULT_PROGRAMME = "hebei-ou-2024"
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class SubmissionFiles:
    path: Path
    files: tuple[Path, ...]


@dataclass(frozen=True)
class Programme:
    """What the checks need from a programme's rubrics: its forms and its deeds limit."""

    id: str
    forms: tuple[FormSpec, ...]
    deeds: AttachmentSpec | None


class BatchResult(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    programme: str
    submissions: list[CheckedSubmission]


@dataclass
class Progress:
    """Callbacks for a progress display; the defaults do nothing."""

    total: Callable[[int], None] = field(default=lambda n: None)
    advance: Callable[[str], None] = field(default=lambda name: None)


def load_programme(programme: str = DEFAULT_PROGRAMME) -> Programme:
    rubrics = programme_rubrics(programme)
    if not rubrics:
        raise InputError(f"没有名为“{programme}”的评选项目 (no rubric of programme {programme}); "
                         "see `intake rubric list`")
    forms = tuple(f for r in rubrics for f in r.forms)
    deeds = next((a for r in rubrics for a in r.attachments if a.role == "deeds"), None)
    return Programme(programme, forms, deeds)


def _visible(entry: os.DirEntry[str]) -> bool:
    return not entry.name.startswith((".", "~$")) and entry.name not in _SKIPPED_NAMES


def _walk(folder: Path) -> Iterable[SubmissionFiles]:
    entries = sorted((e for e in os.scandir(folder) if _visible(e)), key=lambda e: e.name)
    files = tuple(Path(e.path) for e in entries if e.is_file(follow_symlinks=False))
    links = tuple(Path(e.path) for e in entries if e.is_symlink())
    folders = [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    if not folders:
        if files or links:
            yield SubmissionFiles(folder, files + links)
        return
    for loose in files + links:
        yield SubmissionFiles(loose, (loose,))
    for sub in folders:
        yield from _walk(sub)


def discover(paths: Iterable[Path]) -> list[SubmissionFiles]:
    found: list[SubmissionFiles] = []
    for path in paths:
        if path.is_dir():
            found += _walk(path)
        elif path.is_file():
            found.append(SubmissionFiles(path, (path,)))
        else:
            raise InputError(f"找不到路径 {path} (no such file or folder)")
    return found


def read_and_recognise(path: Path, forms: tuple[FormSpec, ...]) -> tuple[Document, Form]:
    """The work of one child process: read a file and recognise what it is."""
    document = read_document(path)
    return document, recognise(document, forms)


def _failed(outcome: Outcome[Path, tuple[Document, Form]], timeout: float) -> ReadDocument:
    path = str(outcome.item)
    messages = {
        "timeout": (f"处理超过 {timeout:g} 秒仍未完成，已中止 (timed out)", "unreadable"),
        "memory": ("处理时超出内存上限，已中止 (out of memory)", "unreadable"),
        "crash": (f"读取时出错 (reader crashed): {outcome.detail.splitlines()[0]}",
                  "unreadable"),
    }
    message, code = messages[outcome.failure or "crash"]
    document = Document(path=path, sha256="", format="other",
                        findings=[finding(code, message, document=path)])
    return ReadDocument(document=document, form=Form(kind="unknown"), role="other")


def _as_read(outcome: Outcome[Path, tuple[Document, Form]], timeout: float) -> ReadDocument:
    if outcome.value is None:
        return _failed(outcome, timeout)
    document, form = outcome.value
    return ReadDocument(document=document, form=form, role=role_of(document, form))


def check_batch(
    paths: Iterable[Path],
    programme: Programme,
    *,
    jobs: int = 2,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
) -> BatchResult:
    """Read every file in isolated workers, then check each submission. Never stops early."""
    progress = progress or Progress()
    submissions = discover(paths)
    files = [f for s in submissions for f in s.files]
    progress.total(len(files))
    reads: dict[Path, ReadDocument] = {}
    task = _ReadTask(programme.forms)
    for outcome in run_isolated(task, files, jobs=jobs, timeout=timeout):
        reads[outcome.item] = _as_read(outcome, timeout)
        progress.advance(outcome.item.name)
    checked = [
        check_submission(str(s.path), [reads[f] for f in s.files], list(programme.forms),
                         programme.deeds)
        for s in submissions
    ]
    return BatchResult(programme=programme.id, submissions=checked)


@dataclass(frozen=True)
class _ReadTask:
    forms: tuple[FormSpec, ...]

    def __call__(self, path: Path) -> tuple[Document, Form]:
        return read_and_recognise(path, self.forms)
