"""Answers tidied before validation: the slips of small models that mean nothing different."""

from __future__ import annotations

import json
from typing import Any

import pytest

from extractors.facts.llm_normalise import fact_name, item_id, normalise, tier_label, unwrap
from tests.support.facts import hebei_view

SPEC = hebei_view()
INNER = {"facts": [{"fact": "it_staff", "value": 5}], "items": []}


@pytest.mark.parametrize("wrapped", [
    {"name": "ModelAnswer", "arguments": INNER},
    {"name": "ModelAnswer", "arguments": json.dumps(INNER)},
    {"ModelAnswer": INNER},
    [{"name": "ModelAnswer", "parameters": INNER}],
])
def test_wrappers_are_unwrapped(wrapped: Any) -> None:
    assert unwrap(wrapped) == INNER


@pytest.mark.parametrize("text, name", [
    ("it_staff：信息化专职人员数量；填整数", "it_staff"), ("it_staff: 人数", "it_staff"),
    ("it_staff（信息化专职人员）", "it_staff"), ("it_staff", "it_staff"),
    ("事实名称", "事实名称"), ("staff", "staff")])
def test_fact_names_lose_their_description(text: str, name: str) -> None:
    assert fact_name(text, SPEC) == name


@pytest.mark.parametrize("text, key", [
    ("4 信息门户及新媒体建设", "4"), ("指标4", "4"), ("12．信息化特色和创新", "12"), ("4", "4"),
    ("指标编号", "指标编号"), ("44 不存在的指标", "44 不存在的指标")])
def test_item_ids_lose_their_name(text: str, key: str) -> None:
    assert item_id(text, SPEC) == key


@pytest.mark.parametrize("value, label", [
    ("null", None), ("NULL", None), ("无", None), (None, None), ("第一档", "第一档"),
    ("第一档（8–10 分）", "第一档"), ("档次名称或 null", None), ("特等档", "特等档")])
def test_tiers(value: Any, label: str | None) -> None:
    assert tier_label(value, ["第一档", "第二档", "第三档"]) == label


def test_dict_keyed_by_name_and_null_strings() -> None:
    tidy = normalise({"facts": {"it_staff": "5", "group_meetings": "null"},
                      "items": {"4": {"tier": "第二档", "points": "5分"}}}, SPEC)
    assert [(f["fact"], f["value"]) for f in tidy["facts"]] == [
        ("it_staff", "5"), ("group_meetings", None)]
    assert (tidy["items"][0]["item"], tidy["items"][0]["points"]) == ("4", 5.0)
    assert tidy["instructions_seen"] == []
