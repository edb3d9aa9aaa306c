"""Expert items: heuristic tiers from concrete evidence; range checks reject, never clamp."""

from __future__ import annotations

import pytest

from extractors.facts.models import Suggestion
from extractors.facts.ranges import check_range
from extractors.facts.rules import RulesExtractor
from tests.support.facts import hebei_view, submission_of

PORTAL_STRONG = ("学校门户网站全年发布信息520条，微信公众号关注用户达2.3万人，累计阅读量15万人次。"
                 "终身学习在线子站注册用户1.2万人。")


def _items(text: str) -> dict[str, Suggestion]:
    result = RulesExtractor().suggest(submission_of(text), hebei_view())
    return {s.key: s for s in result.suggestions if s.target == "item"}


def _suggestion(**fields: object) -> Suggestion:
    base: dict[str, object] = {"submission": "S1", "target": "item", "key": "4",
                               "rationale": "模型建议", "confidence": 0.5, "extractor": "llm",
                               "model": "mock:model", "status": "ungrounded"}
    return Suggestion.model_validate({**base, **fields})


def test_every_expert_item_gets_a_suggestion() -> None:
    assert set(_items("学校积极推进信息化。")) == {"4", "5", "6", "7", "8", "12"}


def test_strong_concrete_evidence_gives_the_first_tier_at_its_midpoint() -> None:
    portal = _items(PORTAL_STRONG)["4"]
    assert (portal.tier, portal.points, portal.points_range) == ("第一档", 9, (8, 10))
    assert portal.heuristic and portal.status == "suggested"
    assert "2.3万人" in portal.rationale and "启发式" in portal.rationale


def test_some_numbers_give_the_middle_tier() -> None:
    resources = _items("建设微课资源40门，选课人数800余人。")["5"]
    assert (resources.tier, resources.points) == ("第二档", 5)  # whole points: (4+7)//2


def test_mentions_without_numbers_give_the_lowest_tier() -> None:
    services = _items("信息中心为全校在线会议和教学直播提供技术保障。")["8"]
    assert (services.tier, services.points) == ("第三档", 1)  # (0+3)//2
    assert "定性描述" in services.rationale


def test_no_evidence_for_an_item_is_explicit() -> None:
    item = _items("学校积极推进信息化。")["6"]
    assert item.status == "no_evidence" and item.tier is None and item.points is None


def test_item_without_tiers_gets_points_within_its_maximum() -> None:
    text = ("自主研发智能排课系统，服务全市12所分校，应用教师3000人，推广至8个县级学校。"
            "创新开发数字人助教，服务学习者6000人次。")
    innovation = _items(text)["12"]
    assert innovation.tier is None and innovation.points == 8
    assert innovation.points_range is None


def test_system_and_own_activities_are_told_apart() -> None:
    text = ("积极参加省校组织的信息化教学大赛，所辖8个区县全部参与，参赛教师600人。"
            "组织全市信息化能力培训12场，参训教师1500人次。")
    items = _items(text)
    assert items["6"].status == "suggested" and items["7"].status == "suggested"
    assert "600人" in items["6"].rationale
    assert "12场" in items["7"].rationale


def test_item_citations_verify() -> None:
    submission = submission_of(PORTAL_STRONG)
    document = submission.documents[0].document
    for suggestion in RulesExtractor().suggest(submission, hebei_view()).suggestions:
        for citation in suggestion.citations:
            assert document.text[citation.start : citation.end] == citation.quote


# ---- range checks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"tier": "第四档", "points": 12}, "档次"),
        ({"tier": "第一档", "points": 11}, "范围"),
        ({"tier": "第二档", "points": 9}, "范围"),
        ({"tier": "第一档", "points": 9, "points_range": (7, 10)}, "分值范围"),
        ({"tier": None, "points": 5}, "未给出档次"),
        ({"key": "12", "points": 12}, "超出"),
        ({"key": "12", "points": -1}, "超出"),
        ({"key": "99", "tier": "第一档"}, "没有这一指标"),
    ],
)
def test_out_of_range_tier_or_points_is_rejected(fields: dict[str, object], reason: str) -> None:
    problem = check_range(_suggestion(**fields), hebei_view())
    assert problem is not None
    assert (problem.code, problem.level) == ("out_of_range", "error")
    assert reason in problem.message


@pytest.mark.parametrize(
    "fields",
    [{"tier": "第一档", "points": 8}, {"tier": "第三档", "points": 0},
     {"tier": "第二档", "points": 5.5, "points_range": (4, 7)}, {"key": "12", "points": 10},
     {"key": "6", "tier": "第一档", "points": 8}],
)
def test_in_range_suggestions_pass(fields: dict[str, object]) -> None:
    assert check_range(_suggestion(**fields), hebei_view()) is None


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [("leading_group", "yes", "允许值"), ("group_meetings", -1, "超出"),
     ("group_meetings", 2.5, "整数"), ("it_budget_share", 120.0, "超出"),
     ("it_staff", "五", "不是数字"), ("security_incident", "catastrophic", "允许值"),
     ("unknown_fact", 1, "没有这一事实")],
)
def test_out_of_range_fact_values_are_rejected(key: str, value: object, reason: str) -> None:
    problem = check_range(_suggestion(target="fact", key=key, value=value), hebei_view())
    assert problem is not None and problem.code == "out_of_range" and reason in problem.message


def test_in_range_fact_values_pass() -> None:
    for key, value in [("leading_group", "exists"), ("group_meetings", 0),
                       ("it_budget_share", 6.4), ("it_staff", 5)]:
        assert check_range(_suggestion(target="fact", key=key, value=value), hebei_view()) is None
