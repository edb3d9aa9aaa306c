"""Group files into submissions and check a whole batch.

A folder that holds files and no sub-folders is one submission (the files directly inside it). A
folder with sub-folders is a container: each sub-folder is looked at the same way, and each file
lying loose in it is a submission of its own. Symbolic links are not followed out of the batch,
nor into folders (which is how a directory loop is made): such a link, a dangling one and a folder
that cannot be listed each become a document with an `unreadable` finding, and nothing is read
through them. Names that are not UTF-8 (GBK names from zip archives made on Chinese Windows) are
shown decoded, so every report, JSON file and store row can hold them.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.document import Document
from extractors.findings import finding
from extractors.forms import Form, prepare, recognise
from extractors.ocr.need import OcrOptions
from extractors.sniff import declared_format
from intake.catalog import DEFAULT_PROGRAMME, programme_rubrics
from intake.screen.checks import (
    CheckedSubmission,
    ReadDocument,
    check_submission,
    role_of,
    without_content,
)
from intake.screen.in_order import in_order
from intake.screen.workers import DEFAULT_MEMORY_BYTES, DEFAULT_TIMEOUT, Outcome, run_isolated
from rubric import AttachmentSpec, FormSpec
from rubric.errors import InputError
from rubric.strict import Strict

OCR_SHARE_OF_TIMEOUT = 0.8  # OCR stops starting pages at this share of a file's timeout
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class SubmissionFiles:
    path: Path
    files: tuple[Path, ...]
    root: Path | None = None  # the resolved batch folder the files were found in


@dataclass(frozen=True)
class Programme:
    """What the checks need from a programme's rubrics: its forms and its deeds limit."""

    id: str
    forms: tuple[FormSpec, ...]
    deeds: AttachmentSpec | None


class BatchResult(Strict):
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


def _walk(folder: Path, root: Path) -> Iterable[SubmissionFiles]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted((e for e in listing if _visible(e)), key=lambda e: e.name)
    except OSError:  # no permission, or gone meanwhile: check_batch says so for the folder
        yield SubmissionFiles(folder, (folder,), root)
        return
    files = tuple(Path(e.path) for e in entries if e.is_file(follow_symlinks=False))
    links = tuple(Path(e.path) for e in entries if e.is_symlink())
    folders = [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
    if not folders:
        if files or links:
            yield SubmissionFiles(folder, files + links, root)
        return
    for loose in files + links:
        yield SubmissionFiles(loose, (loose,), root)
    for sub in folders:
        yield from _walk(sub, root)


def discover(paths: Iterable[Path]) -> list[SubmissionFiles]:
    found: list[SubmissionFiles] = []
    for path in paths:
        if path.is_dir():
            found += _walk(path, path.resolve())
        elif path.is_file():
            found.append(SubmissionFiles(path, (path,)))
        else:
            raise InputError(f"找不到路径 {path} (no such file or folder)")
    return found


def refusal(path: Path, root: Path | None) -> str | None:
    """Why a path found in a batch folder is not read, or None. Files named on the command line
    (root None) are read wherever they are: the reviewer chose them."""
    if root is None:
        return None
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # dangling, or a loop of links
            return ("符号链接的目标不存在或形成循环，未读取 "
                    "(broken or looping symbolic link, not followed)")
        if target.is_dir():
            return (f"符号链接指向文件夹 {shown(target)}，未跟随（可能形成目录循环）"
                    "(symbolic link to a folder, not followed)")
        if not target.is_relative_to(root):
            return (f"符号链接指向批次文件夹以外的 {shown(target)}，未读取 "
                    "(symbolic link to a file outside the batch, not read)")
        return None
    if path.is_dir():  # _walk lists a folder as a file only when it cannot list it
        try:
            os.listdir(path)
        except OSError as error:
            return (f"无法打开文件夹：{error.strerror or error} ({type(error).__name__})，"
                    "其中的文件未读取 (folder cannot be listed)")
    return None


def shown(path: Path | str) -> str:
    """A path as text that JSON, SQLite and any UTF-8 writer accept.

    `os.scandir` gives a name that is not UTF-8 with its bytes as lone surrogates, which no
    UTF-8 encoder takes. Such a name is nearly always GBK (zip archives made on Chinese Windows
    keep their names' bytes): each such component is decoded as GB18030, or else with U+FFFD in
    place of the bytes that are no text at all.
    """
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.sep.join(_shown_part(part) for part in text.split(os.sep))
    return text


def _shown_part(part: str) -> str:
    raw = os.fsencode(part)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


def read_and_recognise(path: Path, forms: tuple[FormSpec, ...],
                       ocr: OcrOptions | None = None) -> tuple[Document, Form]:
    """The work of one child process: read a file and recognise what it is."""
    from extractors.read import read_document  # imported by the parent before it forks

    document = read_document(path, ocr)
    return document, recognise(document, forms)


def _failure_message(outcome: Outcome[Path, tuple[Document, Form]], timeout: float) -> str:
    """Only the message of this failure is built: a timeout has no detail to split. A worker
    that died without a word (killed by a signal) still gets a message."""
    if outcome.failure == "timeout":
        return f"处理超过 {timeout:g} 秒仍未完成，已中止 (timed out)"
    if outcome.failure == "memory":
        return "处理时超出内存上限，已中止 (out of memory)"
    silent = "进程意外退出 (the worker exited without a message)"
    first = next(iter(outcome.detail.strip().splitlines()), silent)
    return f"读取时出错 (reader crashed): {first}"


def read_file(path: Path, forms: tuple[FormSpec, ...], ocr: OcrOptions | None = None
              ) -> ReadDocument:
    """A file read and recognised, as a submission holds it (the work of a child process)."""
    return _as_read(Outcome(path, value=read_and_recognise(path, forms, ocr)), 0.0)


def failed_read(outcome: Outcome[Path, Any], timeout: float) -> ReadDocument:
    """A file whose child failed (timed out, ran out of memory, crashed): an `unreadable`
    document of its own, so the rest of its submission and batch go on."""
    return _failed(outcome, timeout)


def refused_read(path: Path, why: str) -> ReadDocument:
    """A path of a batch that is not read (`refusal` says why)."""
    return _refused(path, why)


def with_time_limit(ocr: OcrOptions | None, timeout: float) -> OcrOptions:
    """OCR that stops starting pages at OCR_SHARE_OF_TIMEOUT of a file's time limit."""
    return (ocr or OcrOptions()).model_copy(update={"seconds": OCR_SHARE_OF_TIMEOUT * timeout})


def check_files(submission: SubmissionFiles, reads: list[ReadDocument],
                programme: Programme) -> CheckedSubmission:
    """Check a submission whose files have been read (in the order of submission.files)."""
    return check_submission(shown(submission.path), reads, list(programme.forms),
                            programme.deeds)


def _failed(outcome: Outcome[Path, tuple[Document, Form]], timeout: float) -> ReadDocument:
    path = shown(outcome.item)
    message = _failure_message(outcome, timeout)
    document = Document(path=path, sha256="", format="other",
                        findings=[finding("unreadable", message, document=path)])
    return ReadDocument(document=document, form=Form(kind="unknown"), role="other")


def _refused(path: Path, why: str) -> ReadDocument:
    name = shown(path)
    document = Document(path=name, sha256="", format=declared_format(path),
                        findings=[finding("unreadable", why, document=name)])
    return ReadDocument(document=document, form=Form(kind="unknown"), role="other")


def _as_read(outcome: Outcome[Path, tuple[Document, Form]], timeout: float) -> ReadDocument:
    if outcome.value is None:
        return _failed(outcome, timeout)
    document, form = outcome.value
    name = shown(document.path)
    if name != document.path:
        findings = [f.model_copy(update={"document": shown(f.document)}) if f.document else f
                    for f in document.findings]
        document = document.model_copy(update={"path": name, "findings": findings})
    return ReadDocument(document=document, form=form, role=role_of(document, form))


@dataclass(frozen=True)
class Shard:
    """Part `index` of `count` (1-based) of a batch, for several machines extracting one batch
    into one shared store. A submission's part follows from its folder's path inside the batch,
    so every machine that sees the same batch splits it the same way."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        index, _, count = text.partition("/")
        try:
            shard = cls(int(index), int(count))
        except ValueError:
            shard = cls(0, 0)
        if not 1 <= shard.index <= shard.count:
            raise InputError(f"--shard 应写作 I/N，1 ≤ I ≤ N，例如 1/3（得到 {text!r}）")
        return shard

    def holds(self, submission: SubmissionFiles) -> bool:
        inside = submission.path.resolve()
        if submission.root is not None and inside.is_relative_to(submission.root):
            inside = inside.relative_to(submission.root)
        digest = hashlib.sha256(inside.as_posix().encode("utf-8", "surrogateescape")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1


@dataclass(frozen=True)
class ReadOptions:
    """How a batch's files are read: `jobs` workers, each file within `timeout` seconds and
    `memory` bytes (workers.run_isolated), only the `shard`'s part of the batch, OCR as `ocr`
    says (default auto: it stops starting pages at 80% of `timeout`, so a long scan keeps what
    was read instead of being killed)."""

    jobs: int = 2
    timeout: float = DEFAULT_TIMEOUT
    memory: int | None = DEFAULT_MEMORY_BYTES
    shard: Shard | None = None
    ocr: OcrOptions | None = None


def check_batch(paths: Iterable[Path], programme: Programme,
                options: ReadOptions = ReadOptions(), *, progress: Progress | None = None,
                content: bool = True) -> BatchResult:
    """Read every file in isolated workers, then check each submission. Never stops early.
    Without `content` the documents keep only what a report of the check shows (no text, blocks
    or tables). The whole batch in a list: `intake check` itself uses checked_in_order."""
    return BatchResult(programme=programme.id, submissions=list(checked_in_order(
        paths, programme, options, progress=progress, content=content)))


def checked_in_order(paths: Iterable[Path], programme: Programme,
                     options: ReadOptions = ReadOptions(), *, progress: Progress | None = None,
                     content: bool = True) -> Iterator[CheckedSubmission]:
    """check_batch one submission at a time, in batch order, each as soon as it and all before
    it are checked: what `intake check` writes as it goes, holding only the submissions that
    were checked before their turn (in_order). The batch is looked through at once, so a path
    that does not exist is an InputError before anything is written."""
    submissions = submissions_in(paths, options.shard)
    found = _checked(submissions, programme, options, progress or Progress())
    kept = found if content else ((i, without_content(c)) for i, c in found)
    return in_order(kept)


def iter_checked(paths: Iterable[Path], programme: Programme,
                 options: ReadOptions = ReadOptions(), *, progress: Progress | None = None
                 ) -> Iterator[tuple[int, CheckedSubmission]]:
    """Each submission, checked, as soon as all its files are read: (its place in the batch, it).
    `intake run` stores each at once, so an interrupted run keeps what it has read. With a shard,
    only that part of the batch."""
    yield from _checked(submissions_in(paths, options.shard), programme, options,
                        progress or Progress())


def submissions_in(paths: Iterable[Path], shard: Shard | None) -> list[SubmissionFiles]:
    """The batch's submissions (discover), only the shard's part of them with a shard."""
    return [s for s in discover(paths) if shard is None or shard.holds(s)]


def _checked(submissions: list[SubmissionFiles], programme: Programme, options: ReadOptions,
             progress: Progress) -> Iterator[tuple[int, CheckedSubmission]]:
    assembly = _Assembly(submissions, programme)
    progress.total(len(assembly.owners))
    refused = {f: why for s in assembly.submissions for f in s.files
               if (why := refusal(f, s.root))}
    for path, why in refused.items():
        progress.advance(shown(path.name))
        yield from assembly.add(path, _refused(path, why))
    ocr, timeout = with_time_limit(options.ocr, options.timeout), options.timeout
    to_read = [f for f in assembly.owners if f not in refused]
    if to_read:
        # The readers (pdfplumber, pypdfium2, lxml, Pillow …) only when there is a file to read,
        # and in this process, so each forked worker starts with them already imported.
        importlib.import_module("extractors.read").preload()
        prepare(programme.forms)  # the same spec objects the workers recognise with
    for outcome in run_isolated(_ReadTask(programme.forms, ocr), to_read, jobs=options.jobs,
                                timeout=timeout, memory=options.memory):
        progress.advance(shown(outcome.item.name))
        yield from assembly.add(outcome.item, _as_read(outcome, timeout))


class _Assembly:
    """The reads of a batch's files so far; hands out each submission once all its files are in."""

    def __init__(self, submissions: list[SubmissionFiles], programme: Programme) -> None:
        self.submissions, self.programme = submissions, programme
        self.reads: dict[Path, ReadDocument] = {}
        self.waiting = {i: set(s.files) for i, s in enumerate(submissions)}
        self.owners: dict[Path, list[int]] = {}
        for i, s in enumerate(submissions):
            for f in s.files:
                self.owners.setdefault(f, []).append(i)

    def add(self, path: Path, read: ReadDocument) -> Iterator[tuple[int, CheckedSubmission]]:
        """Record a file's read; hand out each submission it completes. A read is dropped as soon
        as every submission holding the file is handed out, so the batch never holds every
        Document at once (a file shared by several submissions waits for the last of them)."""
        self.reads[path] = read
        for i in self.owners[path]:
            left = self.waiting.get(i)
            if left is None:
                continue
            left.discard(path)
            if not left:
                del self.waiting[i]
                yield i, self._check(self.submissions[i])
                self._release(self.submissions[i])

    def _release(self, submission: SubmissionFiles) -> None:
        for f in submission.files:
            if f in self.reads and all(i not in self.waiting for i in self.owners[f]):
                del self.reads[f]

    def _check(self, s: SubmissionFiles) -> CheckedSubmission:
        return check_files(s, [self.reads[f] for f in s.files], self.programme)


@dataclass(frozen=True)
class _ReadTask:
    forms: tuple[FormSpec, ...]
    ocr: OcrOptions | None = None

    def __call__(self, path: Path) -> tuple[Document, Form]:
        return read_and_recognise(path, self.forms, self.ocr)
