"""The rubric definitions: the three real files load and keep the contract other tools rely on; a
broken definition is refused with a message naming the file, the item and the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from intake.catalog import definition_files, list_rubrics, load_rubric
from rubric import parse_rubric
from rubric.errors import InputError, RubricError
from rubric.model import ExpertNode, RankNode, takes_points


def test_the_three_definitions_load_with_their_file_names() -> None:
    assert [p.stem for p in definition_files()] == [
        "hebei-ou-2024-collective", "hebei-ou-2024-individual", "xunke-2018-school"]
    assert [r.id for r in list_rubrics()] == [p.stem for p in definition_files()]


def test_hebei_collective_contract() -> None:
    rubric = load_rubric("hebei-ou-2024-collective")
    assert [i.id for i in rubric.items] == [str(n) for n in range(1, 13)]
    assert sum(i.maximum for i in rubric.items) == rubric.maximum == 100
    types = {name: spec.type for name, spec in rubric.facts.items()}
    assert types == {"leading_group": "enum", "group_meetings": "int", "it_budget_share": "percent",
                     "it_staff": "int", "security_policy": "enum", "security_incident": "enum",
                     "teacher_online_days": "number", "platform_logins_per_capita": "number"}
    assert rubric.facts["leading_group"].values == ("none", "exists", "headed_by_principal")
    assert rubric.facts["security_incident"].values == ("none", "minor", "major")
    assert [i.id for i in rubric.items if isinstance(i, ExpertNode)] == [
        "4", "5", "6", "7", "8", "12"]
    assert [i.id for i in rubric.items if takes_points(i)] == ["4", "5", "6", "7", "8", "12"]
    ranked = [i for i in rubric.items if isinstance(i, RankNode)]
    assert [(i.id, i.fact, i.scope, i.order) for i in ranked] == [
        ("10", "teacher_online_days", "city", "higher_is_better"),
        ("11", "platform_logins_per_capita", "city", "higher_is_better")]
    assert [v.effect for v in rubric.items[8].vetoes] == ["exclude_unit"]
    assert rubric.deadline is not None and rubric.deadline.isoformat() == "2024-10-18"
    form = rubric.forms[0]
    assert next(f.limit for f in form.fields if f.name == "突出事迹简介") == 1000
    assert rubric.attachments[0].limit == 2000


def test_hebei_individual_has_criteria_and_quotas_not_points() -> None:
    rubric = load_rubric("hebei-ou-2024-individual")
    assert rubric.items == () and len(rubric.criteria) == 4
    assert next(f.limit for f in rubric.forms[0].fields if f.name == "突出事迹简介") == 800
    assert sum(q.count for q in rubric.quotas) == 42 and len(rubric.quotas) == 13


def test_xunke_groups_and_readings_of_the_garbled_numbers() -> None:
    rubric = load_rubric("xunke-2018-school")
    assert [(g.name, g.maximum) for g in rubric.groups] == [
        ("组织管理", 10), ("设备管理", 10), ("平台建设", 20), ("应用创新", 45), ("奖励加分", 10),
        ("资料装订", 5)]
    nodes = rubric.nodes()
    assert nodes["16"].cap == Decimal(10)  # type: ignore[union-attr]
    assert [v.effect for v in nodes["5"].vetoes] == ["zero_item"]
    assert [r.points for r in nodes["14"].rules] == [5, 4, 3, 0]  # type: ignore[union-attr]
    assert [r.points for r in nodes["16.3"].rules] == [1, Decimal("0.5")]  # type: ignore[union-attr]
    judged = sorted(n for n, node in nodes.items() if takes_points(node))
    assert judged == ["12", "17", "2.2", "8.3"]
    # every place that reads garbled numbers says how it reads them
    assert all(nodes[n].reading for n in ("3.2", "14", "16.1", "16.2", "16.3", "16.4"))


def test_unknown_rubric_names_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"no rubric 'nope'.*hebei-ou-2024-collective"):
        load_rubric("nope")


HEAD = """
id: x
title: 测试
programme: test
subject: collective
source: test
facts:
  staff: {type: int, description: 人数}
  level: {type: enum, values: [a, b], description: 级别}
items:
"""


def error_of(items: str, head: str = HEAD) -> str:
    with pytest.raises(RubricError) as caught:
        parse_rubric(head + items, "x.yaml")
    return str(caught.value)


def test_not_yaml_and_not_a_mapping() -> None:
    with pytest.raises(RubricError, match=r"x\.yaml: not valid YAML"):
        parse_rubric("id: [", "x.yaml")
    with pytest.raises(RubricError, match=r"x\.yaml: a rubric definition is a mapping"):
        parse_rubric("- a\n- b\n", "x.yaml")


@pytest.mark.parametrize(("items", "message"), [
    ('  - {id: "1", kind: judged, name: 甲}\n', "x.yaml: item 1 (甲): maximum: Field required"),
    ('  - {id: "1", kind: judged, name: 甲, maxium: 2}\n',
     "x.yaml: item 1 (甲): maxium: Extra inputs are not permitted"),
    ('  - {id: "1", kind: judged, name: 甲, maximum: -1}\n',
     "x.yaml: item 1 (甲): maximum: Input should be greater than or equal to 0"),
    ('  - {id: "1", kind: tablex, name: 甲, maximum: 1}\n',
     "x.yaml: item 1 (甲): Input tag 'tablex'"),
    ('  - {id: "1", kind: sum, name: 甲, maximum: 2, parts: [{id: "1.1", kind: judged, name: 乙, '
     'maximum: 1, step: x}]}\n', "x.yaml: item 1.1 (乙): step: "),
    ('  - {id: "1", kind: expert, name: 甲, maximum: 5, tiers: [{label: 一, min: 4, max: 2}]}\n',
     "x.yaml: item 1 (甲): tiers.0: 一: min 4 is above max 2"),
    ('  - {id: "1", kind: expert, name: 甲, maximum: 5, tiers: [{label: 一, min: 4, max: 6}]}\n',
     "x.yaml: item 1: 一 max 6 is above the item's maximum 5"),
    ('  - {id: "1", kind: table, name: 甲, maximum: 1, rules: [{points: 1, when: {fact: staf, '
     'at_least: 1}}]}\n', "x.yaml: item 1: unknown fact staf"),
    ('  - {id: "1", kind: table, name: 甲, maximum: 1, rules: [{points: 1, when: {fact: level, '
     'equals: c}}]}\n', "x.yaml: item 1: fact level is one of a, b; the condition tests ['c']"),
    ('  - {id: "1", kind: table, name: 甲, maximum: 1, rules: [{points: 1, when: {fact: staff, '
     'equals: 3}}]}\n', "x.yaml: item 1: fact staff is a number; compare it with at_least"),
    ('  - {id: "1", kind: table, name: 甲, maximum: 1, rules: [{points: 1, '
     'when: {fact: staff}}]}\n', "x.yaml: item 1 (甲): rules.0.when: a fact condition has a test"),
    ('  - {id: "1", kind: judged, maximum: 1}\n  - {id: "1", kind: judged, maximum: 1}\n',
     "x.yaml: item ids used twice: 1"),
])
def test_load_errors_name_file_item_and_field(items: str, message: str) -> None:
    assert message in error_of(items)


def test_a_fact_error_names_the_fact() -> None:
    head = HEAD.replace("staff: {type: int, description: 人数}",
                        "staff: {type: int, values: [a], description: 人数}")
    assert "x.yaml: facts.staff: an enum fact lists its values" in error_of(
        '  - {id: "1", kind: judged, maximum: 1}\n', head)
