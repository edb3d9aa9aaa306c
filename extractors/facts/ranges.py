"""Range checks: a value, tier or points outside what the rubric allows is rejected with an
`out_of_range` finding, never clamped. Used on every suggestion, the LLM's above all."""

from __future__ import annotations

from extractors.facts.models import Suggestion
from extractors.facts.spec import FactSpec, ItemSpec, RubricView
from extractors.findings import Finding, finding


def check_range(suggestion: Suggestion, spec: RubricView) -> Finding | None:
    """None when the suggestion fits the rubric; else an `out_of_range` finding saying why."""
    if suggestion.status == "no_evidence":
        return None
    if suggestion.target == "fact":
        fact = spec.facts.get(suggestion.key)
        problem = _fact_problem(suggestion, fact) if fact else "评分标准中没有这一事实"
    else:
        item = spec.items.get(suggestion.key)
        problem = _item_problem(suggestion, item) if item else "评分标准中没有这一指标"
    if problem is None:
        return None
    message = f"{suggestion.key}：{problem}，建议已被拒绝（{suggestion.extractor}）"
    return finding("out_of_range", message, field=suggestion.key)


def _fact_problem(suggestion: Suggestion, fact: FactSpec) -> str | None:
    value = suggestion.value
    if value is None:
        return None
    if fact.type == "enum":
        return None if value in fact.values else f"取值“{value}”不在允许值{list(fact.values)}中"
    if fact.type == "bool":
        return None if isinstance(value, bool) else f"取值“{value}”不是是/否"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return f"取值“{value}”不是数字"
    if fact.type in ("int", "rank") and not float(value).is_integer():
        return f"取值{value}不是整数"
    low, high = _numeric_bounds(fact)
    if (low is not None and value < low) or (high is not None and value > high):
        return f"取值{value:g}超出允许范围{_bounds_text(low, high)}"
    return None


def _numeric_bounds(fact: FactSpec) -> tuple[float | None, float | None]:
    """Declared bounds, else the natural ones: counts ≥ 0, ranks ≥ 1, percentages 0-100."""
    natural = {"int": (0.0, None), "number": (0.0, None), "rank": (1.0, None),
               "percent": (0.0, 100.0), "ratio": (0.0, None)}.get(fact.type, (None, None))
    low = fact.minimum if fact.minimum is not None else natural[0]
    high = fact.maximum if fact.maximum is not None else natural[1]
    return low, high


def _bounds_text(low: float | None, high: float | None) -> str:
    return f"[{'' if low is None else f'{low:g}'}, {'' if high is None else f'{high:g}'}]"


def _item_problem(suggestion: Suggestion, item: ItemSpec) -> str | None:
    points, label = suggestion.points, suggestion.tier
    if label is not None:
        tier = item.tier(label)
        if tier is None:
            return f"档次“{label}”不在该指标的档次{[t.label for t in item.tiers]}中"
        if points is not None and not tier.min <= points <= tier.max:
            return f"分值{points:g}不在{label}的范围[{tier.min:g}, {tier.max:g}]内"
        if suggestion.points_range and suggestion.points_range != (tier.min, tier.max):
            return f"{label}的分值范围应为[{tier.min:g}, {tier.max:g}]"
    elif item.tiers and points is not None:
        return "未给出档次"
    if points is not None and not 0 <= points <= item.maximum:
        return f"分值{points:g}超出[0, {item.maximum:g}]"
    return None
