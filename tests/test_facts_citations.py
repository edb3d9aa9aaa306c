"""Citations: the invariant text[start:end] == quote, locating model quotes, grounding."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.facts.citations import (
    ground,
    ground_result,
    locate,
    locate_any,
    normalise,
    verify,
)
from extractors.facts.models import Citation, ExtractionResult, Suggestion
from tests.support.facts import document_from_text

TEXT = ("学校信息化工作事迹材料\n2024年领导小组共召开会议3次，研究部署网络安全工作。\n"
        "全年未发生网络安全事故。")


def _suggestion(*citations: Citation) -> Suggestion:
    return Suggestion(submission="S1", target="fact", key="group_meetings", value=3,
                      rationale="材料写明会议次数为3", confidence=0.8, extractor="llm",
                      model="mock:model", citations=list(citations))


def _invented(document, quote: str) -> Citation:  # type: ignore[no-untyped-def]
    """A citation as a model might return it: offsets and a quote that is not in the text."""
    return Citation(document_sha256=document.sha256, document_path=document.path, start=0,
                    end=len(quote), quote=quote, location=document.blocks[0].location)


def test_exact_quote_is_located_with_its_location() -> None:
    document = document_from_text(TEXT)
    citation = locate(document, "共召开会议3次")
    assert citation is not None and citation.match == "exact"
    assert document.text[citation.start : citation.end] == citation.quote == "共召开会议3次"
    assert citation.location.paragraph == 1
    assert verify(document, citation)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("共召开会议 3 次, 研究部署", "共召开会议3次，研究部署"),  # spaces, half-width comma
        ("共召开会议３次", "共召开会议3次"),  # full-width digit
        # across lines
        ("会议3次研究部署网络安全工作。全年", "会议3次，研究部署网络安全工作。\n全年"),
        ("“全年未发生网络安全事故”", "全年未发生网络安全事故"),  # quotation marks added
    ],
)
def test_normalised_quote_is_located_and_quoted_as_written(quote: str, expected: str) -> None:
    document = document_from_text(TEXT)
    citation = locate(document, quote)
    assert citation is not None and citation.match == "normalized"
    assert citation.quote == expected
    assert document.text[citation.start : citation.end] == citation.quote
    assert verify(document, citation)


def test_normalising_keeps_decimal_points_and_percent_signs() -> None:
    document = document_from_text("信息化投入占比64%。")
    assert locate(document, "占比6.4%") is None
    assert locate(document, "占比64") is not None


@pytest.mark.parametrize("quote", ["共召开会议5次", "领导小组由校长任组长", "", "  ", "，。"])
def test_invented_or_empty_quote_is_not_located(quote: str) -> None:
    assert locate(document_from_text(TEXT), quote) is None


def test_quote_only_in_hidden_text_is_not_located() -> None:
    hidden = "本单位网络安全领导小组由校长任组长，全年召开会议12次"
    document = document_from_text(TEXT, hidden=[hidden])
    assert locate(document, hidden) is None
    assert locate(document, "全年召开会议12次") is None


def test_locate_any_searches_documents_in_order() -> None:
    form = document_from_text("单位名称：某开放大学", "form.docx")
    deeds = document_from_text(TEXT)
    citation = locate_any([form, deeds], "全年未发生网络安全事故")
    assert citation is not None and citation.document_path == "deeds.docx"


def test_verified_citation_refuses_a_span_outside_the_text() -> None:
    document = document_from_text("短文本")
    with pytest.raises(ValueError, match="outside"):
        Citation.verified(document, 0, 10)


def test_citation_span_must_fit_its_quote() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        Citation(document_sha256="x", document_path="d", start=0, end=3, quote="一二",
                 location=document_from_text("一二三").blocks[0].location)


def test_verify_rejects_wrong_offsets_and_other_documents() -> None:
    document = document_from_text(TEXT)
    good = locate(document, "全年未发生网络安全事故")
    assert good is not None
    moved = good.model_copy(update={"start": good.start + 1, "end": good.end + 1})
    other = document_from_text(TEXT, path="other.docx")
    assert not verify(document, moved)
    assert not verify(other, good)


def test_invented_quote_is_dropped_and_suggestion_marked_ungrounded() -> None:
    document = document_from_text(TEXT)
    suggestion = _suggestion(_invented(document, "领导小组全年召开会议五次"))
    grounded = ground(suggestion, document)
    assert grounded.status == "ungrounded"
    assert grounded.citations == []
    assert grounded.value == 3  # still shown to the reviewer, as ungrounded


def test_wrong_offsets_with_a_real_quote_are_located_again() -> None:
    document = document_from_text(TEXT)
    suggestion = _suggestion(_invented(document, "共召开会议3次"))
    grounded = ground(suggestion, [document])
    assert grounded.status == "suggested"
    [citation] = grounded.citations
    assert verify(document, citation) and citation.quote == "共召开会议3次"


def test_ground_keeps_good_citations_and_reports_dropped_ones() -> None:
    document = document_from_text(TEXT)
    good = locate(document, "共召开会议3次")
    assert good is not None
    result = ExtractionResult(suggestions=[_suggestion(good, _invented(document, "编造的引文"))])
    grounded = ground_result(result, document)
    [suggestion] = grounded.suggestions
    assert suggestion.status == "suggested" and suggestion.citations == [good]
    [finding] = grounded.findings
    assert finding.code == "ungrounded" and "编造的引文" in finding.message


def test_a_suggestion_without_citations_cannot_claim_to_be_suggested() -> None:
    with pytest.raises(ValueError, match="ungrounded"):
        _suggestion()


def test_no_evidence_cannot_carry_a_value() -> None:
    with pytest.raises(ValueError, match="no-evidence"):
        Suggestion(submission="S1", target="item", key="4", tier="第一档", points=9,
                   rationale="无", confidence=0.0, extractor="rules", status="no_evidence")


def test_suggestion_rejects_unknown_fields_and_bad_confidence() -> None:
    with pytest.raises(ValueError):
        Suggestion(submission="S1", target="fact", key="k", rationale="", confidence=1.5,
                   extractor="rules", status="no_evidence")
    with pytest.raises(ValueError):
        Suggestion.model_validate({"submission": "S1", "target": "fact", "key": "k",
                                   "rationale": "", "confidence": 0.1, "extractor": "rules",
                                   "status": "no_evidence", "score": 10})


@given(st.data())
def test_any_substring_with_spaces_inserted_is_located(data: st.DataObject) -> None:
    document = document_from_text(TEXT)
    start = data.draw(st.integers(0, len(TEXT) - 2))
    end = data.draw(st.integers(start + 1, len(TEXT)))
    original = TEXT[start:end]
    if not normalise(original)[0]:
        return  # only punctuation or whitespace: nothing to find
    spaced = "".join(c + data.draw(st.sampled_from(["", " ", "\u3000", "\n"])) for c in original)
    citation = locate(document, spaced)
    assert citation is not None
    assert document.text[citation.start : citation.end] == citation.quote
    assert normalise(citation.quote)[0] == normalise(original)[0]


def test_rules_extractor_never_imports_langchain() -> None:
    code = ("import sys; from extractors.facts.base import get_extractor; get_extractor('rules'); "
            "assert not [m for m in sys.modules if m.startswith('langchain')]")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("quote, cited, prefix", [
    ("保定开放大学全年召开领导小组会议4次", "全年召开领导小组会议4次", "保定开放大学"),
    ("保定开放大学信息技术中心：全年召开领导小组会议4次", "全年召开领导小组会议4次",
     "保定开放大学信息技术中心："),
    ("【文档1：deeds.docx（事迹材料）】全年召开领导小组会议4次", "全年召开领导小组会议4次",
     "【文档1：deeds.docx（事迹材料）】"),
    ("材料中写道：全年召开领导小组会议 4 次", "全年召开领导小组会议4次", "材料中写道："),
])
def test_a_prefixed_quote_is_cited_from_its_verbatim_part(quote: str, cited: str,
                                                           prefix: str) -> None:
    from extractors.facts.citations import locate_trimmed

    document = document_from_text("我校高度重视信息化。\n全年召开领导小组会议4次，研究部署工作。")
    found = locate_trimmed([document], quote)
    assert found is not None
    citation, cut = found
    assert (citation.quote, cut) == (cited, prefix)
    assert document.text[citation.start : citation.end] == citation.quote


@pytest.mark.parametrize("quote", [
    "学校未召开领导小组会议",  # cutting 学校 leaves 未…, which the text does not say
    "未全年召开领导小组会议4次",  # a leading 未 is no prefix: it would turn the meaning
    "大学4次",  # what is left after the cut is too short to prove anything
])
def test_a_quote_is_never_trimmed_into_meaning_something_else(quote: str) -> None:
    from extractors.facts.citations import locate_trimmed

    document = document_from_text("全年召开领导小组会议4次，研究部署工作。")
    assert locate_trimmed([document], quote) is None
