"""`rubric.lint`: the contradictions of the real sources, found from the data, with numbers and
the reading taken; nothing in a clean rubric; each code on a small rubric made to show it."""

from __future__ import annotations

import pytest

from intake.catalog import load_rubric
from rubric import LintFinding, lint, parse_rubric
from rubric.lint import NO_READING


def codes(findings: list[LintFinding]) -> list[tuple[str, str]]:
    return [(f.item, f.code) for f in findings]


def test_hebei_collective_contradictions() -> None:
    findings = lint(load_rubric("hebei-ou-2024-collective"))
    assert codes(findings) == [("2", "overlap"), ("2", "overlap"), ("3", "overlap"),
                               ("3", "overlap"), ("7", "tier_maximum_mismatch"),
                               ("11", "overlap"), ("12", "no_tiers")]
    messages = [f.message for f in findings]
    assert messages[0].startswith("5% 同时落在 “5分：占比5%以上” 和 “3分：占比3%-5%”。")
    assert messages[1].startswith("3% 同时落在 “3分：占比3%-5%” 和 “1分：占比3%以下”。")
    assert messages[2].startswith("5 同时落在 “5分：5人以上” 和 “3分：3-5人”")
    assert messages[3].startswith("3 同时落在 “3分：3-5人” 和 “1分：3人以下”")
    assert messages[4].startswith("该项满分 7 分，但最高一档（第一档 5-6分）只到 6 分")
    assert messages[5].startswith("第7–8名 同时落在 “7分：（市校）排名4至8名” 和 "
                                  "“4分：（市校）排名7至9名”")
    assert "0–10 分" in messages[6]


def test_each_finding_appends_the_reading_taken() -> None:
    rubric = load_rubric("hebei-ou-2024-collective")
    for finding in lint(rubric):
        reading = rubric.nodes()[finding.item].reading
        assert reading and finding.message.endswith(f"本细则的取舍：{reading}")


def test_xunke_and_individual_have_no_contradictions() -> None:
    # Xunke's cascades (每人一台 before 两人一台), "否则" thresholds, judged fallbacks and the
    # declared 10-point bonus cap are all intended by the source.
    assert lint(load_rubric("xunke-2018-school")) == []
    # The notice says "满足下列条件的" without saying all or any: the one place lint reports.
    found = lint(load_rubric("hebei-ou-2024-individual"))
    assert [(f.item, f.code) for f in found] == [("selection", "selection_unstated")]
    assert "未说明须全部满足还是满足其一" in found[0].message
    assert "条件1、3必备，条件2、4至少满足1项" in found[0].message


HEAD = """
id: t
title: 测试细则
programme: test
subject: collective
source: test
maximum: {maximum}
facts:
  share: {{type: percent, minimum: 0, maximum: 100, description: 占比}}
  staff: {{type: int, minimum: 0, description: 人数}}
  days: {{type: number, description: 天数}}
  ok: {{type: bool, description: 是否}}
items:
"""


def rubric_of(items: str, maximum: int = 10) -> list[LintFinding]:
    return lint(parse_rubric(HEAD.format(maximum=maximum) + items, "t.yaml"))


CLEAN = """
  - id: "1"
    kind: table
    maximum: 5
    rules:
      - {points: 5, source: 5%以上, when: {fact: share, at_least: 5}}
      - {points: 3, source: 3%-5%（不含5%）, when: {fact: share, at_least: 3, below: 5}}
      - {points: 1, source: 不满3%, when: {fact: share, below: 3}}
  - id: "2"
    kind: expert
    maximum: 3
    step: 0.5
    tiers:
      - {label: 第一档, min: 2, max: 3}
      - {label: 第二档, min: 0, max: 1.5}
  - id: "3"
    kind: sum
    maximum: 2
    parts:
      - {id: "3.1", kind: table, maximum: 1, rules: [{points: 1, when: {fact: ok, equals: true}}]}
      - {id: "3.2", kind: table, maximum: 1, rules: [{points: 1, when: {fact: staff, at_least: 3}}]}
"""


def test_a_clean_rubric_has_no_findings() -> None:
    assert rubric_of(CLEAN) == []


def test_clean_rank_bands_and_whole_number_ranges() -> None:
    items = """
  - id: "1"
    kind: rank
    maximum: 4
    fact: days
    scope: city
    bands: [{first: 1, last: 2, points: 4}, {first: 3, last: 5, points: 2}, {first: 6, points: 0}]
  - id: "2"
    kind: table
    maximum: 6
    rules:
      - {points: 6, when: {fact: staff, above: 4}}
      - {points: 3, when: {fact: staff, at_least: 2, at_most: 4}}
      - {points: 1, when: {fact: staff, at_most: 1}}
"""
    assert rubric_of(items, maximum=10) == []


@pytest.mark.parametrize(("rules", "expected"), [
    # 以下 and 以上 of the same number: both hold it
    ("[{points: 2, when: {fact: share, at_most: 3}},"
     " {points: 1, when: {fact: share, at_least: 3}}]", "3% 同时落在"),
    # ranges that share a stretch, not just a point
    ("[{points: 2, when: {fact: days, at_most: 8}},"
     " {points: 1, when: {fact: days, at_least: 6}}]", "6-8 同时落在"),
    # whole numbers: 5人以下 and 超过3.5人 share 4 and 5
    ("[{points: 2, when: {fact: staff, at_most: 5}},"
     " {points: 1, when: {fact: staff, above: 3.5}}]", "4-5 同时落在"),
])
def test_overlap(rules: str, expected: str) -> None:
    found = rubric_of(f'  - {{id: "1", kind: table, maximum: 2, rules: {rules}}}\n', 2)
    assert [f.code for f in found] == ["overlap"]
    assert found[0].message.startswith(expected)
    assert found[0].message.endswith(NO_READING)


def test_no_overlap_where_an_end_is_open() -> None:
    rules = ("[{points: 2, when: {fact: days, at_least: 3, at_most: 5}},"
             " {points: 1, when: {fact: days, below: 3}},"
             " {points: 0, when: {fact: days, above: 5}}]")
    assert rubric_of(f'  - {{id: "1", kind: table, maximum: 2, rules: {rules}}}\n', 2) == []


def test_no_overlap_between_whole_numbers_that_cannot_meet() -> None:
    # above 2 and below 3 share no whole number of people
    rules = ("[{points: 2, when: {fact: staff, above: 2}},"
             " {points: 1, when: {fact: staff, below: 3}}]")
    assert rubric_of(f'  - {{id: "1", kind: table, maximum: 2, rules: {rules}}}\n', 2) == []


def test_a_rule_hidden_by_an_earlier_wider_one() -> None:
    rules = ("[{points: 1, when: {fact: days, at_least: 1}},"
             " {points: 2, when: {fact: days, at_least: 5}},"
             " {points: 0, when: {fact: days, below: 1}}]")
    found = rubric_of(f'  - {{id: "1", kind: table, maximum: 2, rules: {rules}}}\n', 2)
    assert codes(found) == [("1", "shadowed_rule")]
    assert "永远不会生效" in found[0].message


@pytest.mark.parametrize(("rules", "expected"), [
    # whole numbers: 3 is in neither 0-2 nor 4以上
    ("[{points: 2, when: {fact: staff, at_least: 4}},"
     " {points: 1, when: {fact: staff, at_most: 2}}]", "人数（staff）为 3 时没有任何一条规则给分"),
    # real numbers: 3 itself is in neither 超过3 nor 不满3
    ("[{points: 2, when: {fact: days, above: 3}}, {points: 1, when: {fact: days, below: 3}}]",
     "天数（days）为 3 时没有"),
    # the top of a percentage's domain
    ("[{points: 2, when: {fact: share, at_least: 50, below: 100}},"
     " {points: 1, when: {fact: share, below: 50}}]", "占比（share）为 100% 时"),
    # the bottom of the domain
    ("[{points: 2, when: {fact: share, at_least: 50}},"
     " {points: 1, when: {fact: share, at_least: 10, below: 50}}]", "为 0%-10%（不含10%） 时"),
])
def test_gap(rules: str, expected: str) -> None:
    found = rubric_of(f'  - {{id: "1", kind: table, maximum: 2, rules: {rules}}}\n', 2)
    assert [f.code for f in found] == ["gap"]
    assert expected in found[0].message


def test_a_single_threshold_leaves_the_rest_to_otherwise() -> None:
    # "达80%以上记3分，否则不记分": below 80 is 0 by the source, not a gap
    items = '  - {id: "1", kind: table, maximum: 3, rules: [{points: 3, when: {fact: share, ' \
            'at_least: 80}}]}\n'
    assert rubric_of(items, 3) == []


def test_rank_bands() -> None:
    items = """
  - id: "1"
    kind: rank
    maximum: 4
    fact: days
    scope: city
    bands:
      - {first: 1, last: 3, points: 4, source: 前3名}
      - {first: 3, last: 4, points: 2, source: 3至4名}
      - {first: 7, last: 9, points: 1}
"""
    found = rubric_of(items, 4)
    assert codes(found) == [("1", "overlap"), ("1", "gap"), ("1", "gap")]
    assert found[0].message.startswith("第3名 同时落在 “前3名” 和 “3至4名”")
    assert found[1].message.startswith("第5–6名没有对应的分值")
    assert found[2].message.startswith("第10名及之后没有对应的分值")


def test_tiers() -> None:
    items = """
  - id: "1"
    kind: expert
    maximum: 10
    reading: 按第一档 7-10 分。
    tiers:
      - {label: 第一档, min: 7, max: 10, published_max: 9}
      - {label: 第二档, min: 4, max: 6}
      - {label: 第三档, min: 1, max: 2}
  - id: "2"
    kind: expert
    maximum: 10
    tiers: [{label: 甲, min: 5, max: 10}, {label: 乙, min: 0, max: 5}]
"""
    found = rubric_of(items, 20)
    assert codes(found) == [("1", "gap"), ("1", "tier_maximum_mismatch"),
                            ("1", "tier_maximum_mismatch"), ("2", "overlap")]
    assert found[0].message.startswith("3 分不在任何一档内")
    assert found[1].message.startswith("该项满分 10 分，但最高一档（第一档 7-9分）只到 9 分")
    assert found[1].message.endswith("本细则的取舍：按第一档 7-10 分。")
    assert found[2].message.startswith("最低一档（第三档 1-2分）从 1 分起")
    assert found[3].message.startswith("5 分同时落在 乙 0-5分 和 甲 5-10分")


def test_tier_gap_at_half_points() -> None:
    items = """
  - id: "1"
    kind: expert
    maximum: 4
    step: 0.5
    tiers: [{label: 甲, min: 3, max: 4}, {label: 乙, min: 0, max: 2}]
"""
    found = rubric_of(items, 4)
    assert codes(found) == [("1", "gap")]
    assert found[0].message.startswith("2.5 分不在任何一档内")


def test_no_tiers() -> None:
    found = rubric_of('  - {id: "1", kind: expert, maximum: 10}\n')
    assert codes(found) == [("1", "no_tiers")]
    assert found[0].message == ("专家评审项目未分档，评审可在 0–10 分内任意给分，没有档次描述可依。"
                                + NO_READING)


def test_maxima_that_do_not_add_up() -> None:
    items = """
  - id: "1"
    kind: sum
    maximum: 3
    parts:
      - {id: "1.1", kind: table, maximum: 1, rules: [{points: 1, when: {fact: ok, equals: true}}]}
      - {id: "1.2", kind: judged, maximum: 1}
  - id: "2"
    kind: sum
    maximum: 3
    parts:
      - {id: "2.1", kind: judged, maximum: 2}
      - {id: "2.2", kind: judged, maximum: 2}
  - {id: "3", kind: table, maximum: 2, rules: [{points: 1, when: {fact: ok, equals: true}}]}
  - {id: "4", kind: table, maximum: 1, rules: [{points: 2, when: {fact: ok, equals: true}}]}
  - {id: "5", kind: deduction, maximum: 2, start: 1, per: 0.5, fact: staff}
"""
    found = rubric_of(items, 12)
    assert codes(found) == [("1", "unreachable_maximum"), ("2", "parts_exceed_maximum"),
                            ("3", "unreachable_maximum"), ("4", "rule_exceeds_maximum"),
                            ("5", "unreachable_maximum"), ("", "total_mismatch")]
    assert found[0].message.startswith("该项满分 3 分，但各分项满分合计只有 2 分（1.1 1 + 1.2 1）")
    assert found[1].message.startswith("该项满分 3 分，但各分项满分合计 4 分（2.1 2 + 2.2 2），"
                                       "且未写封顶")
    assert found[5].message == "细则总分 12 分，但各项目满分合计 11 分"


def test_a_declared_cap_is_not_a_finding() -> None:
    items = """
  - id: "1"
    kind: sum
    maximum: 2
    cap: 2
    parts:
      - {id: "1.1", kind: count, maximum: 5, rates: [{fact: staff, points: 1}]}
      - {id: "1.2", kind: judged, maximum: 1}
"""
    assert rubric_of(items, 2) == []


def test_groups_that_do_not_add_up() -> None:
    text = HEAD.format(maximum=4) + """
  - {id: "1", level1: 甲, kind: judged, maximum: 2}
  - {id: "2", level1: 乙, kind: judged, maximum: 2}
groups:
  - {name: 甲, maximum: 3}
  - {name: 乙, maximum: 2}
"""
    found = lint(parse_rubric(text, "t.yaml"))
    assert codes(found) == [("甲", "group_maximum_mismatch")]
    assert found[0].message == "一级指标“甲”满分 3 分，但其项目满分合计 2 分（1 2）"


# ---- where a fact's value comes from (origin) ----------------------------------------------------

RATIO = """
  - {id: "1", kind: ratio, maximum: 10, fact: days}
"""


def test_a_ratio_item_on_a_fact_not_marked_as_metrics_is_reported() -> None:
    found = rubric_of(RATIO)
    assert codes(found) == [("1", "origin_unstated")]
    assert "天数（days）" in found[0].message and "origin: metrics" in found[0].message
    marked = HEAD.replace("days: {{type: number,", "days: {{type: number, origin: metrics,")
    assert lint(parse_rubric(marked.format(maximum=10) + RATIO, "t.yaml")) == []


@pytest.mark.parametrize("fact", ["{type: bool, origin: metrics, description: 是否}",
                                  "{type: int, origin: typed_in, description: 人数}"])
def test_an_origin_the_model_cannot_hold_is_refused(fact: str) -> None:
    text = HEAD.format(maximum=5).replace("  ok: {type: bool, description: 是否}",
                                          f"  ok: {fact}")
    with pytest.raises(Exception, match="origin"):
        parse_rubric(text + "  - {id: \"1\", kind: table, maximum: 5, rules: "
                     "[{points: 5, when: {fact: ok, equals: true}}]}\n", "t.yaml")


def test_xunke_marks_the_facts_no_text_states() -> None:
    facts = load_rubric("xunke-2018-school").facts
    assert {name: spec.origin for name, spec in facts.items() if spec.origin != "text"} == {
        "classroom_device_usage": "metrics", "resource_use_rating": "survey",
        "binding_in_order": "inspection"}
