"""The offline rules extractor, fact by fact: values, negations, computations and citations."""

from __future__ import annotations

import pytest

from extractors.facts.base import Extractor, SubmissionText, get_extractor
from extractors.facts.citations import verify
from extractors.facts.models import Suggestion
from extractors.facts.rules import RulesExtractor
from rubric.errors import ExtractorConfigError
from tests.support.facts import document_from_text, hebei_view, submission_of

DEEDS = """河北某开放大学信息化工作事迹材料
学校高度重视信息化工作，成立了以党委书记、校长为组长的网络安全和信息化领导小组。
2024年领导小组共召开专题会议3次，研究部署网络安全和信息化工作。
学校年度总预算2000万元，其中信息化投入128万元（软件50万元、硬件78万元）。
信息技术中心现有专职技术人员6名，兼职人员3名。
学校制定了《网络安全管理制度》《信息系统应急预案》《机房管理办法》《数据安全管理规定》等制度。
全年未发生网络安全事故。
学校门户网站全年发布信息520条，微信公众号关注用户达2.3万人，累计阅读量15万人次。"""


def _facts(text: str) -> dict[str, Suggestion]:
    result = RulesExtractor().suggest(submission_of(text), hebei_view())
    return {s.key: s for s in result.suggestions if s.target == "fact"}


def _fact(text: str, key: str) -> Suggestion:
    return _facts(text)[key]


def test_rules_is_an_extractor_and_found_by_name() -> None:
    assert isinstance(RulesExtractor(), Extractor)
    assert get_extractor("rules").name == "rules"


def test_unknown_extractor_lists_the_known_ones() -> None:
    with pytest.raises(ExtractorConfigError, match="known extractors: llm, rules"):
        get_extractor("magic")


def test_every_fact_of_the_rubric_gets_a_suggestion() -> None:
    assert set(_facts(DEEDS)) == set(hebei_view().facts)


def test_full_deeds_give_the_expected_values() -> None:
    facts = _facts(DEEDS)
    values = {key: s.value for key, s in facts.items() if s.status == "suggested"}
    assert values == {"leading_group": "headed_by_principal", "group_meetings": 3,
                      "it_budget_share": 6.4, "it_staff": 6, "security_policy": "complete",
                      "security_incident": "none"}


def test_every_citation_satisfies_the_invariant() -> None:
    submission = submission_of(DEEDS)
    document = submission.documents[0].document
    for suggestion in RulesExtractor().suggest(submission, hebei_view()).suggestions:
        for citation in suggestion.citations:
            assert document.text[citation.start : citation.end] == citation.quote
            assert verify(document, citation)
        assert suggestion.extractor == "rules" and suggestion.model is None


def test_no_evidence_is_an_explicit_suggestion() -> None:
    facts = _facts("学校积极推进各项工作，取得了一定成效。")
    assert {s.status for s in facts.values()} == {"no_evidence"}
    for suggestion in facts.values():
        assert suggestion.value is None and suggestion.rationale


def test_platform_statistics_are_no_evidence_unless_stated() -> None:
    facts = _facts(DEEDS)
    assert facts["teacher_online_days"].status == "no_evidence"
    assert "平台" in facts["teacher_online_days"].rationale
    stated = _facts("2024年我校教师人均上线天数为156天，平台人均登录次数达12.5次。")
    assert stated["teacher_online_days"].value == 156
    assert stated["platform_logins_per_capita"].value == 12.5


# ---- leading group --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "成立了以校长为组长的网络安全和信息化领导小组。",
        "学校网信领导小组由党委书记任组长。",
        "网络安全和信息化领导小组组长由校长担任，副校长任副组长。",
        "成立网络安全和信息化工作领导小组。组长由校长担任。",
        "网络安全与信息化领导小组，组长：张明（校长），成员为各部门负责人。",
        "学校主要领导任网络安全和信息化领导小组组长。",
        "成立了以党委书记、校长为双组长的网络安全和信息化领导小组。",
        "调整信息化建设领导小组，校长张明担任组长。",
    ],
)
def test_group_headed_by_the_principal(text: str) -> None:
    suggestion = _fact(text, "leading_group")
    assert suggestion.value == "headed_by_principal", suggestion.rationale


@pytest.mark.parametrize(
    "text",
    [
        "成立了以分管副校长为组长的网络安全和信息化领导小组。",
        "网络安全和信息化领导小组组长由副校长担任。",
        "学校成立网络安全和信息化领导小组，统筹全校信息化工作。",
        "网信领导小组组长由校长办公室主任担任。",
        "成立信息化领导小组，纪委书记任副组长，信息中心主任任组长。",
    ],
)
def test_group_without_a_principal_at_its_head_only_exists(text: str) -> None:
    assert _fact(text, "leading_group").value == "exists"


@pytest.mark.parametrize("text", ["学校尚未成立网络安全和信息化领导小组。",
                                  "我校没有设立专门的网信领导小组。"])
def test_no_group(text: str) -> None:
    suggestion = _fact(text, "leading_group")
    assert (suggestion.value, suggestion.status) == ("none", "suggested")


def test_group_of_another_subject_is_not_evidence() -> None:
    assert _fact("成立了以校长为组长的招生工作领导小组。", "leading_group").status == "no_evidence"


# ---- meetings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("领导小组全年召开会议三次。", 3),
        ("2024年召开领导小组会议两次，研究网络安全工作。", 2),
        ("领导小组先后召开3次专题会议。", 3),
        ("领导小组会议召开次数为十二次。", 12),
        ("网络安全和信息化领导小组全年共召开４次会议，第一次会议于3月召开。", 4),
        ("领导小组全年召开会议2次以上。", 2),
    ],
)
def test_meeting_counts(text: str, count: int) -> None:
    suggestion = _fact(text, "group_meetings")
    assert suggestion.value == count, suggestion.rationale
    assert str(count) in suggestion.rationale


def test_meeting_count_rationale_quotes_the_deeds() -> None:
    suggestion = _fact("全年召开领导小组会议3次。", "group_meetings")
    assert suggestion.rationale == "材料写明“全年召开领导小组会议3次”，领导小组会议次数为3。"


@pytest.mark.parametrize("text", ["领导小组本年度未召开会议。", "领导小组全年没有召开专题会议。"])
def test_no_meeting_held_is_zero(text: str) -> None:
    suggestion = _fact(text, "group_meetings")
    assert (suggestion.value, suggestion.status) == (0, "suggested")


def test_vague_meetings_are_no_evidence_with_the_phrase_cited() -> None:
    suggestion = _fact("领导小组定期召开会议研究信息化工作。", "group_meetings")
    assert suggestion.status == "no_evidence" and suggestion.value is None
    assert suggestion.citations and "未写明会议次数" in suggestion.rationale


def test_meetings_served_by_the_it_centre_are_not_group_meetings() -> None:
    suggestion = _fact("信息化中心全年保障视频会议120场。", "group_meetings")
    assert suggestion.status == "no_evidence"


# ---- budget share ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("信息化投入占学校年度总预算的6.4%。", 6.4),
        ("信息化资金投入占年度总预算的比例为百分之六点四。", 6.4),
        ("年度信息化经费投入占比达到７.２％。", 7.2),
        ("信息化投入占总预算比例为5%以上，同比增长10%。", 5),
    ],
)
def test_stated_budget_share(text: str, share: float) -> None:
    suggestion = _fact(text, "it_budget_share")
    assert suggestion.value == share, suggestion.rationale


def test_budget_share_computed_from_amount_and_total() -> None:
    suggestion = _fact("2024年学校年度总预算2000万元。全年信息化投入128万元。", "it_budget_share")
    assert suggestion.value == 6.4
    assert "128万元÷2000万元=6.4%" in suggestion.rationale
    assert len(suggestion.citations) == 2


def test_budget_share_from_software_plus_hardware() -> None:
    text = "软件投入30万元，硬件投入50万元，学校年度总预算1000万元。"
    suggestion = _fact(text, "it_budget_share")
    assert suggestion.value == 8
    assert "(30万元+50万元)÷1000万元=8%" in suggestion.rationale


def test_budget_share_rounds_and_says_so() -> None:
    suggestion = _fact("年度总预算3000万元，信息化投入100万元。", "it_budget_share")
    assert suggestion.value == 3.33 and "≈3.33%" in suggestion.rationale


def test_stated_share_that_disagrees_with_amounts_is_flagged() -> None:
    text = "年度总预算2000万元，信息化投入128万元，占总预算的8%。"
    suggestion = _fact(text, "it_budget_share")
    assert suggestion.value == 8
    assert "不一致" in suggestion.rationale and suggestion.confidence <= 0.4


# ---- staff ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("配备信息化专职人员5名。", 5),
        ("信息技术中心有专职技术人员十二人，兼职人员3人。", 12),
        ("学校有兼职人员8人、专职人员两名负责信息化工作。", 2),
        ("信息化专职人员数量为３人。", 3),
    ],
)
def test_full_time_staff(text: str, count: int) -> None:
    assert _fact(text, "it_staff").value == count


def test_no_full_time_staff_is_zero() -> None:
    suggestion = _fact("学校暂无专职信息化人员，由教师兼任。", "it_staff")
    assert (suggestion.value, suggestion.status) == (0, "suggested")


def test_trainees_are_not_staff() -> None:
    assert _fact("培训信息化专职人员200人。", "it_staff").status == "no_evidence"


# ---- security -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("全年未发生网络安全事故。", "none"),
        ("2024年没有发生任何网络安全事件。", "none"),
        ("学校无网信安全事故。", "none"),
        ("实现网络安全零事故。", "none"),
        ("全年发生一起网络安全事件，已及时处置。", "minor"),
        ("3月发生了一起重大网络安全事故。", "major"),
        ("门户网站曾遭受黑客攻击，未造成损失。", "minor"),
    ],
)
def test_security_incidents_and_negations(text: str, value: str) -> None:
    suggestion = _fact(text, "security_incident")
    assert suggestion.value == value, suggestion.rationale


@pytest.mark.parametrize("text", ["严防发生网络安全事故。", "确保不发生网络安全事故。",
                                  "一旦发生网络安全事件，立即启动应急预案。"])
def test_goals_are_not_incidents(text: str) -> None:
    assert _fact(text, "security_incident").status == "no_evidence"


def test_no_major_incident_only_is_none_with_a_caveat() -> None:
    suggestion = _fact("全年未发生重大网络安全事故。", "security_incident")
    assert suggestion.value == "none" and "一般事故" in suggestion.rationale
    assert suggestion.confidence <= 0.5


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("制定了《网络安全管理制度》《网络安全应急预案》《数据安全管理办法》。", "complete"),
        ("出台《信息系统管理办法》。", "mostly_complete"),
        ("制定了网络安全管理相关制度。", "mostly_complete"),
        ("网络安全管理制度尚不健全，有待完善。", "incomplete"),
    ],
)
def test_security_policy_heuristic(text: str, value: str) -> None:
    suggestion = _fact(text, "security_policy")
    assert suggestion.value == value and suggestion.heuristic


def test_policies_that_are_not_about_security_do_not_count() -> None:
    text = "制定了《教师考勤制度》《学生管理规定》《财务报销办法》。"
    assert _fact(text, "security_policy").status == "no_evidence"


def test_policy_citations_are_the_titles() -> None:
    suggestion = _fact("制定了《网络安全管理制度》和《机房管理办法》。", "security_policy")
    assert [c.quote for c in suggestion.citations] == ["《网络安全管理制度》", "《机房管理办法》"]


# ---- documents and roles --------------------------------------------------------------------


def test_form_text_is_read_too_and_cited_in_its_own_document() -> None:
    submission = SubmissionText.of(
        "S2",
        (document_from_text("单位名称：某县开放大学\n信息化专职人员4人", "form.docx"), "form"),
        (document_from_text("学校积极推进信息化。"), "deeds"))
    facts = {s.key: s for s in RulesExtractor().suggest(submission, hebei_view()).suggestions}
    [citation] = facts["it_staff"].citations
    assert facts["it_staff"].value == 4 and citation.document_path == "form.docx"


def test_staff_count_when_the_sentence_goes_on_about_training() -> None:
    text = submission_of("学校有专职信息化人员两名，负责平台运维与教师培训。")
    made = {s.key: s for s in RulesExtractor().suggest(text, hebei_view()).suggestions}
    assert made["it_staff"].value == 2
