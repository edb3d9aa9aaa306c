"""The batch streams (issue 21): a file's read is let go as soon as every submission holding it
is handed out, and `intake check` keeps only what it reports of each document."""

from __future__ import annotations

from pathlib import Path

from extractors.document import Block, Document, Location
from extractors.forms import Form
from intake.screen.batch import (
    ReadOptions,
    SubmissionFiles,
    _Assembly,
    check_batch,
    load_programme,
)
from intake.screen.checks import ReadDocument


def _read(path: Path) -> ReadDocument:
    text = "本单位在教学改革中做了大量工作。"
    document = Document(path=str(path), sha256=path.name * 4, format="docx", text=text,
                        blocks=[Block(kind="paragraph", start=0, end=len(text),
                                      location=Location(paragraph=1))])
    return ReadDocument(document=document, form=Form(kind="deeds"), role="deeds")


def test_a_read_is_dropped_once_its_submission_is_handed_out(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.docx", tmp_path / "b.docx", tmp_path / "c.docx"
    first, second = SubmissionFiles(tmp_path / "一", (a, b)), SubmissionFiles(tmp_path / "二", (c,))
    assembly = _Assembly([first, second], load_programme())
    assert list(assembly.add(a, _read(a))) == []  # 一 still waits for b: a's read is kept
    assert set(assembly.reads) == {a}
    [(place, checked)] = list(assembly.add(b, _read(b)))
    assert place == 0 and checked.path == str(tmp_path / "一")
    assert [r.document.text for r in checked.documents] == ["本单位在教学改革中做了大量工作。"] * 2
    assert assembly.reads == {}  # handed out: neither read is held any longer
    [(place, _)] = list(assembly.add(c, _read(c)))
    assert place == 1 and assembly.reads == {}


def test_a_file_in_two_submissions_is_kept_until_the_last_is_handed_out(tmp_path: Path) -> None:
    shared, own = tmp_path / "共用.docx", tmp_path / "own.docx"
    both = [SubmissionFiles(tmp_path / "一", (shared,)), SubmissionFiles(tmp_path / "二",
                                                                       (shared, own))]
    assembly = _Assembly(both, load_programme())
    assert [i for i, _ in assembly.add(shared, _read(shared))] == [0]
    assert set(assembly.reads) == {shared}  # 二 still needs it
    assert [i for i, _ in assembly.add(own, _read(own))] == [1]
    assert assembly.reads == {}


def test_check_without_content_keeps_what_the_report_shows(tmp_path: Path) -> None:
    folder = tmp_path / "单位"
    folder.mkdir()
    (folder / "说明.txt").write_text("一份说明", encoding="utf-8")
    full = check_batch([tmp_path], load_programme(), ReadOptions(jobs=1))
    light = check_batch([tmp_path], load_programme(), ReadOptions(jobs=1), content=False)
    [kept], [slim] = full.submissions[0].documents, light.submissions[0].documents
    assert slim.document.text == "" and slim.document.blocks == []
    assert (slim.document.path, slim.document.format, slim.document.sha256,
            slim.document.findings) == (kept.document.path, kept.document.format,
                                        kept.document.sha256, kept.document.findings)
    assert light.submissions[0].findings == full.submissions[0].findings
