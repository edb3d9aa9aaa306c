"""PDF soft line wraps (issue 20, pattern 6): a line that ran to the margin without sentence
punctuation continues on the next, so sentences read across it; citations still quote the text
verbatim, "\\n" included; headings, list items, short lines, table cells and .docx paragraphs are
never joined."""

from __future__ import annotations

from pathlib import Path

from extractors.document import Block, Document, Location
from extractors.facts.base import SubmissionText
from extractors.facts.citations import verify
from extractors.facts.rules import RulesExtractor
from extractors.facts.text import sentences
from extractors.facts.wraps import soft_wraps
from extractors.read import read_document
from tests.support.corpus import write_pdf
from tests.support.facts import hebei_view


def _lines(*lines: str, form: str = "pdf", kind: str = "paragraph") -> Document:
    text = "\n".join(lines)
    blocks, offset = [], 0
    for line in lines:
        blocks.append(Block(kind=kind, start=offset, end=offset + len(line),  # type: ignore[arg-type]
                            location=Location(page=1)))
        offset += len(line) + 1
    return Document(path=f"d.{form}", sha256="0" * 64, format=form, text=text,  # type: ignore[arg-type]
                    blocks=blocks)


FULL = "学校高度重视网络安全工作，全年组织网络安全检查十二次，确"


def test_a_wrapped_sentence_is_one_sentence_and_cites_verbatim() -> None:
    document = _lines(FULL, "保网络安全零事件发生。信息中心现有专职信息化人员4人，另聘兼职",
                      "网络管理员3人。")
    [first, second] = sentences(document)
    assert first.text.endswith("确保网络安全零事件发生")
    citation = first.cite()
    assert "确\n保" in citation.quote and verify(document, citation)
    assert second.text == "信息中心现有专职信息化人员4人，另聘兼职网络管理员3人"
    part = second.cite(second.text.index("兼职"), len(second.text))
    assert part.quote == "兼职\n网络管理员3人" and verify(document, part)


def test_goal_word_split_by_a_wrap_is_still_a_goal() -> None:
    document = _lines(FULL, "保网络安全零事件发生。", "一、组织管理")
    made = RulesExtractor().suggest(SubmissionText.of("S", (document, "deeds")), hebei_view())
    incident = next(s for s in made.suggestions if s.key == "security_incident")
    assert incident.status == "no_evidence"


def test_what_is_never_joined() -> None:
    assert soft_wraps(_lines(FULL, "保网络安全零事件发生。", form="docx")) == frozenset()
    assert soft_wraps(_lines("一、组织管理", "学校成立网络安全和信息化领导小组。")) == frozenset()
    assert soft_wraps(_lines(FULL, "（二）经费投入情况")) == frozenset()  # a list item follows
    assert soft_wraps(_lines(FULL + "。", "保网络安全零事件发生")) == frozenset()  # a full stop
    assert soft_wraps(_lines(FULL, "保网络安全零事件发生。", kind="cell")) == frozenset()
    roster = _lines("学校成立网络安全工作小组：", "组长：王立新", "副组长：陈红")
    assert soft_wraps(roster) == frozenset()


def test_a_real_pdf_wrapped_at_the_margin(tmp_path: Path) -> None:
    text = "信息中心现有专职信息化人员4人，另聘兼职网络管理员3人，负责全校网络运维。"
    document = read_document(write_pdf(text, tmp_path / "d.pdf", width=10))
    assert document.text.count("\n") >= 3  # the reader gives one line per PDF line
    [sentence] = [s for s in sentences(document) if "专职" in s.text]
    assert sentence.text == text.rstrip("。")
    assert verify(document, sentence.cite())
