"""How reviewers name, read and type a fact's value or an item's tier and points, in the terminal
walk and the Excel round trip alike: names, allowed values, parsing, and the unit's name."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from extractors.facts.models import Suggestion
from intake.score.units import person, profile
from intake.store import Store
from intake.store.decisions import Decided, Value
from intake.store.submissions import submission as submission_row
from rubric import Rubric
from rubric.errors import InputError
from rubric.model import ExpertNode, FactSpec, Node

TRUE_WORDS = {"是", "有", "y", "yes", "true", "t", "1", "对"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "f", "0", "没有"}


def unit_name(store: Store, submission: str) -> str:
    """Who the submission is from as the form states it (the person and their unit), else the
    submission's folder name."""
    row = submission_row(store, submission)
    if row is None:
        return ""
    found = profile(row.fields, [], fallback=Path(row.path).name)
    return found.model_copy(update={"person": person(row.fields)}).label


def target_name(rubric: Rubric, suggestion: Suggestion) -> str:
    """The Chinese name of the fact (its description) or item (its 二级指标)."""
    if suggestion.target == "fact":
        spec = rubric.facts.get(suggestion.key)
        return spec.description if spec else suggestion.key
    node = rubric.nodes().get(suggestion.key)
    return (node.name or node.explanation or node.id) if node else suggestion.key


def show_value(spec: FactSpec | None, value: Value) -> str:
    """A fact value as a reviewer reads it: enum labels, 是/否, 6.4%."""
    if value is None:
        return "—"
    if spec is None:
        return str(value)
    if spec.type == "bool" or isinstance(value, bool):
        return "是" if value else "否"
    if spec.type == "enum":
        return spec.value_labels.get(str(value), str(value))
    if isinstance(value, float) and value.is_integer() and spec.type == "int":
        value = int(value)
    return f"{value:g}%" if spec.type == "percent" and not isinstance(value, str) else f"{value}"


def value_choices(spec: FactSpec) -> list[str]:
    """What a reviewer may type or pick for a bool or enum fact (labels where there are any)."""
    if spec.type == "bool":
        return ["是", "否"]
    return [spec.value_labels.get(v, v) for v in spec.values]


def parse_value(spec: FactSpec, raw: object) -> Value:
    """A typed value from what a reviewer typed or what a cell holds; InputError if it is none."""
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "":
        raise InputError("请填写取值 (a value is needed)")
    parse = {"bool": _parse_bool, "enum": _parse_enum, "int": _parse_int}.get(spec.type,
                                                                            _parse_number)
    return parse(spec, raw)


def _parse_bool(spec: FactSpec, raw: object) -> Value:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise InputError(f"“{raw}” 不是 是/否 (yes or no)")


def _parse_enum(spec: FactSpec, raw: object) -> Value:
    word = str(raw).strip()
    by_label = {label: value for value, label in spec.value_labels.items()}
    if word in spec.values:
        return word
    if word in by_label:
        return by_label[word]
    if word.isdigit() and 1 <= int(word) <= len(spec.values):
        return spec.values[int(word) - 1]
    raise InputError(f"“{raw}” 不是可选的取值（{'、'.join(value_choices(spec))}）")


def _parse_int(spec: FactSpec, raw: object) -> Value:
    number = _number(raw)
    if number != number.to_integral_value():
        raise InputError(f"“{raw}” 不是整数 (a whole number is needed)")
    return int(number)


def _parse_number(spec: FactSpec, raw: object) -> Value:
    number = _number(raw)
    return int(number) if number == number.to_integral_value() else float(number)


def _number(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise InputError(f"“{raw}” 不是数字 (a number is needed)")
    text = str(raw).strip().rstrip("%％").replace(",", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InputError(f"“{raw}” 不是数字 (a number is needed)") from None
    if not number.is_finite():
        raise InputError(f"“{raw}” 不是数字 (a number is needed)")
    return number


def parse_points(raw: object) -> float:
    return float(_number(raw))


def tier_for(node: Node | None, points: float, tier: str | None) -> str | None:
    """The tier given, or the one the points fall in (the first, where tiers share a boundary)."""
    if tier or not isinstance(node, ExpertNode):
        return tier or None
    value = Decimal(str(points))
    return next((t.label for t in node.tiers if t.min <= value <= t.max), None)


def parse_tier(node: Node | None, raw: object) -> str | None:
    """A tier label typed as 第一档, 一档 or its number; blank means 'from the points'."""
    word = "" if raw is None else str(raw).strip()
    if not word or not isinstance(node, ExpertNode) or not node.tiers:
        return None
    labels = [t.label for t in node.tiers]
    if word in labels:
        return word
    if word.isdigit() and 1 <= int(word) <= len(labels):
        return labels[int(word) - 1]
    found = [label for label in labels if word in label]
    if len(found) == 1:
        return found[0]
    raise InputError(f"“{word}” 不是本指标的档次（{'、'.join(labels)}）")


def limits_text(rubric: Rubric, suggestion: Suggestion) -> str:
    """What the reviewer may enter, in one line: the range of a fact, the tiers of an item."""
    if suggestion.target == "fact":
        spec = rubric.facts.get(suggestion.key)
        if spec is None:
            return ""
        if spec.type in ("bool", "enum"):
            return "、".join(value_choices(spec))
        kind = {"int": "整数", "percent": "百分数（填数字，6.4 即 6.4%）"}.get(spec.type, "数字")
        return f"{kind} {_range(spec.minimum, spec.maximum)}".strip()
    node = rubric.nodes().get(suggestion.key)
    if node is None:
        return ""
    tiers = [f"{t.label} {t.min:g}-{t.max:g}" for t in node.tiers] if isinstance(
        node, ExpertNode) else []
    return "；".join([f"0-{node.maximum:g} 分", *tiers])


def _range(low: Decimal | None, high: Decimal | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if low is not None:
        return f"≥{low:g}"
    return "" if high is None else f"≤{high:g}"


def decided_text(rubric: Rubric | None, target: str, key: str, decided: Decided) -> str:
    """A decided (or suggested) value, tier and points as reviewers read them."""
    if target == "fact":
        return show_value(rubric.facts.get(key) if rubric else None, decided.value)
    if decided.points is None:
        return "—"
    return f"{decided.tier or ''} {decided.points:g} 分".strip()
