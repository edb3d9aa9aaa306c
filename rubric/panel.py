"""A review panel's rules as programme data, and the arithmetic that joins several experts' work.

Real award reviews are done by a 评审工作组: several experts score each submission independently,
nobody reviews their own unit (and, where the programme says so, their own city), and the 组长
resolves the items where the experts disagree. This module holds no I/O: the rules come from the
rubric's YAML (`panel:`), the points from the store, and everything here is Decimal arithmetic
that a reviewer can redo by hand.

- Expert item: the mean of the experts' points; with `trim_from` experts or more, the highest and
  the lowest `trim` points are dropped first (a trimmed mean). Optionally, each expert's points are
  also normalised by z-score against the panel (reported beside the raw mean, never instead).
- Fact: the value the experts agree on.
- Disagreement: points spread (max − min) wider than the width of the tier the mean falls in (or,
  for items without tiers, wider than `judged_spread` × the item's maximum), or facts that differ.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from rubric.model import ExpertNode, FactValue, Node
from rubric.panel_rules import Aggregation, Strict

CENT = Decimal("0.01")


class ItemAggregate(Strict):
    """Several experts' points on one item, joined."""

    key: str
    points: Decimal  # the aggregated value that scoring uses once resolved
    raw_mean: Decimal
    zscore_mean: Decimal | None = None
    experts: int
    spread: Decimal
    disagreement: bool
    rule: str  # how `points` was computed, in words a reviewer reads


class FactAggregate(Strict):
    key: str
    value: FactValue | None
    experts: int
    disagreement: bool
    values: tuple[FactValue | None, ...]


def round_points(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def mean_points(points: Sequence[Decimal], rules: Aggregation) -> tuple[Decimal, str]:
    """The mean, or the trimmed mean when the panel is large enough; with the rule in words."""
    if not points:
        raise ValueError("no points to aggregate")
    ordered = sorted(points)
    if len(ordered) >= rules.trim_from and len(ordered) > 2 * rules.trim:
        kept = ordered[rules.trim:len(ordered) - rules.trim]
        rule = f"去掉最高、最低各{rules.trim}个后的平均分（{len(ordered)}位专家）"
    else:
        kept, rule = ordered, f"{len(ordered)}位专家的平均分"
    return round_points(sum(kept, Decimal(0)) / len(kept)), rule


def tier_width(node: Node, value: Decimal, rules: Aggregation) -> Decimal:
    """The spread the panel may show on this item before the 组长 must decide."""
    if isinstance(node, ExpertNode) and node.tiers:
        holding = [t for t in node.tiers if t.min <= value <= t.max]
        tiers = holding or list(node.tiers)
        return max(t.max - t.min for t in tiers)
    return node.maximum * rules.judged_spread


def aggregate_item(node: Node, points: Sequence[Decimal], rules: Aggregation,
                   zscore_points: Sequence[Decimal] | None = None) -> ItemAggregate:
    mean, rule = mean_points(points, rules)
    spread = max(points) - min(points)
    zmean = mean_points(zscore_points, rules)[0] if zscore_points else None
    return ItemAggregate(key=node.id, points=mean, raw_mean=mean, zscore_mean=zmean,
                         experts=len(points), spread=spread,
                         disagreement=spread > tier_width(node, mean, rules), rule=rule)


def aggregate_fact(key: str, values: Sequence[FactValue | None]) -> FactAggregate:
    distinct = set(values)
    agreed = next(iter(distinct)) if len(distinct) == 1 else None
    return FactAggregate(key=key, value=agreed, experts=len(values),
                         disagreement=len(distinct) > 1, values=tuple(values))


Scored = Mapping[tuple[str, str, str], Decimal]  # (reviewer, submission, item) -> points


def zscore_normalise(scored: Scored, maxima: Mapping[str, Decimal]) -> dict[tuple[str, str, str],
                                                                            Decimal]:
    """Each expert's points mapped onto the panel's scale: as a share of the item's maximum, an
    expert's shares are shifted and stretched to the panel's mean and spread, then turned back into
    points within 0 … maximum. An expert with a single score or no spread is only shifted."""
    shares = {k: p / maxima[k[2]] for k, p in scored.items() if maxima[k[2]] > 0}
    if len(shares) < 2:
        return dict(scored)
    panel_mean = Decimal(statistics.fmean(shares.values()))
    panel_sd = Decimal(statistics.pstdev(shares.values()))
    out: dict[tuple[str, str, str], Decimal] = {}
    for reviewer in {k[0] for k in shares}:
        own = {k: s for k, s in shares.items() if k[0] == reviewer}
        mean = Decimal(statistics.fmean(own.values()))
        sd = Decimal(statistics.pstdev(own.values())) if len(own) > 1 else Decimal(0)
        for key, share in own.items():
            z = (share - mean) / sd * panel_sd if sd > 0 else share - mean
            value = (z + panel_mean) * maxima[key[2]]
            out[key] = round_points(min(max(value, Decimal(0)), maxima[key[2]]))
    return out
