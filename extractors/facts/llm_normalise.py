"""Tidy a model's raw JSON before it is validated: the slips small models make that mean nothing.

Seen from Qwen2.5 1.5B/0.5B on llama.cpp (issue 19), each undone here:
- the answer wrapped as a tool call written in text: {"name": "ModelAnswer", "arguments": {...}}
  (arguments sometimes a JSON string), or {"ModelAnswer": {...}};
- a fact name copied with its description: "it_staff：信息化专职人员数量；填整数" → "it_staff";
- an item id written with its name: "4 信息门户及新媒体建设" → "4", "指标4" → "4";
- the string "null" (or "无", "None") for a tier, a value or points → None; "8分" → 8;
- a tier written with its range: "第一档（8–10 分）" → "第一档";
- facts or items given as a dict keyed by name instead of a list.
What is still not a name of the rubric stays as it is, for llm_answer to reject with a finding.
`usable` says whether anything is left to read: an answer with no fact and no item of the rubric
is an answer error (asked again, never cached), not "the model found nothing".
"""

from __future__ import annotations

import json
import re
from typing import Any

from extractors.facts.llm_schema import ModelAnswer
from extractors.facts.spec import RubricView

WRAPPER_KEYS = ("arguments", "parameters", "args", "input")
NULL_WORDS = frozenset({"", "null", "none", "无", "空", "n/a", "na", "未找到"})
_NAME_END = re.compile(r"[：:；;，,（(\s=]")
_ITEM_ID = re.compile(r"^\s*(?:指标|第)?\s*(\d+(?:[.．]\d+)*)")
_POINTS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*分?\s*$")


def unwrap(data: Any) -> Any:
    """The answer inside the wrappers a model put around it."""
    for _ in range(3):  # wrappers nest at most a couple deep; never loop on a cycle
        if isinstance(data, list) and len(data) == 1:
            data = data[0]
        if not isinstance(data, dict) or "facts" in data or "items" in data:
            return data
        inner = next((data[k] for k in WRAPPER_KEYS if k in data), None)
        if inner is None and len(data) == 1:
            inner = next(iter(data.values()))
        if isinstance(inner, str):
            inner = _loads(inner)
        if inner is None:
            return data
        data = inner
    return data


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def normalise(data: Any, spec: RubricView) -> Any:
    """The answer with names, ids, tiers and nulls tidied (anything not a dict is left alone)."""
    data = unwrap(data)
    if not isinstance(data, dict):
        return data
    tidy = dict(data)
    tidy["facts"] = [_fact(f, spec) for f in _entries(data.get("facts"), "fact", "value")]
    tidy["items"] = [_item(i, spec) for i in _entries(data.get("items"), "item", "tier")]
    tidy["instructions_seen"] = _strings(data.get("instructions_seen"))
    return tidy


def _entries(value: Any, key: str, field: str) -> list[dict[str, Any]]:
    """The entries of a list; a dict keyed by name ({"it_staff": 5} or {"4": {"tier": …}}) is
    read as one entry per key."""
    if isinstance(value, dict):
        value = [value] if key in value else [
            {**v, key: k} if isinstance(v, dict) else {key: k, field: v}
            for k, v in value.items()]
    return [dict(e) for e in value or [] if isinstance(e, dict)]


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return [str(v) for v in value if v is not None and str(v).strip()] \
        if isinstance(value, list) else [str(value)]


def _fact(entry: dict[str, Any], spec: RubricView) -> dict[str, Any]:
    entry["fact"] = fact_name(str(entry.get("fact", "")), spec)
    entry["value"] = _null(entry.get("value"))
    return _common(entry)


def _item(entry: dict[str, Any], spec: RubricView) -> dict[str, Any]:
    key = item_id(str(entry.get("item", "")), spec)
    entry["item"] = key
    item = spec.items.get(key)
    entry["tier"] = tier_label(entry.get("tier"), [t.label for t in item.tiers] if item else [])
    entry["points"] = _points(entry.get("points"))
    return _common(entry)


def _common(entry: dict[str, Any]) -> dict[str, Any]:
    entry["quotes"] = _strings(entry.get("quotes"))
    if _null(entry.get("rationale")) is None:
        entry["rationale"] = ""
    confidence = _null(entry.get("confidence"))
    entry["confidence"] = 0.0 if confidence is None else confidence
    return entry


def fact_name(text: str, spec: RubricView) -> str:
    """The rubric's fact name the text begins with ("it_staff：信息化专职人员数量" → "it_staff")."""
    name = text.strip()
    if name in spec.facts:
        return name
    head = _NAME_END.split(name, maxsplit=1)[0].strip()
    return head if head in spec.facts else name


def item_id(text: str, spec: RubricView) -> str:
    """The rubric's item id the text begins with ("4 信息门户及新媒体建设" → "4")."""
    key = text.strip()
    if key in spec.items:
        return key
    match = _ITEM_ID.match(key)
    if match and match.group(1).replace("．", ".") in spec.items:
        return match.group(1).replace("．", ".")
    return key


def tier_label(value: Any, labels: list[str]) -> str | None:
    """The tier label, None for "null" and the like, or the text as given (to be rejected)."""
    text = _null(value)
    if text is None:
        return None
    text = str(text).strip()
    if text in labels:
        return text
    starts = [label for label in labels if text.startswith(label)]
    if starts:
        return max(starts, key=len)
    return None if "null" in text.casefold() else text  # "档次名称或 null": no tier chosen


def _null(value: Any) -> Any:
    if isinstance(value, str) and value.strip().casefold() in NULL_WORDS:
        return None
    return value


def _points(value: Any) -> Any:
    value = _null(value)
    if isinstance(value, str):
        match = _POINTS.match(value)
        return float(match.group(1)) if match else value
    return value


def usable(answer: ModelAnswer, spec: RubricView) -> bool:
    """Whether the answer names at least one fact or item of the rubric."""
    return any(f.fact in spec.facts for f in answer.facts) or any(
        i.item in spec.items for i in answer.items)
