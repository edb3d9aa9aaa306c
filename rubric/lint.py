"""Lint a rubric definition: the places where the source contradicts itself or leaves a hole.

Everything is found from the data (rules, bands, tiers, maxima), never from the `reading` text; the
reading is only appended to each finding so a reviewer sees the contradiction and the choice taken
side by side. Codes:

- `overlap`: two rules of a table (ranges of one numeric fact), two rank bands or two published
  tiers hold the same value; `shadowed_rule`: an earlier rule holds every value of a later one.
- `gap`: values of the fact's domain, ranks from 1 upwards, or points between tiers that no rule,
  band or tier covers.
- `tier_maximum_mismatch`: the published tiers do not reach the item's maximum, or start above 0.
- `no_tiers`: an expert item without tiers.
- `unreachable_maximum` / `rule_exceeds_maximum` / `parts_exceed_maximum`: the best a node can
  give is below / above its maximum.
- `group_maximum_mismatch` / `total_mismatch`: items do not add up to the 一级指标 or the rubric.
- `origin_unstated`: a ratio item (后台监控: the unit's value over the batch's highest) reads a fact
  not marked `origin: metrics`, so the extractors would look for it in the text.
- `selection_unstated`: the published wording of a selection rule ("满足下列条件的") says neither
  that every condition is needed nor that one is enough; the rule taken is the definition's.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rubric.model import (
    Condition,
    CountNode,
    DeductionNode,
    ExpertNode,
    FactSpec,
    Node,
    RankNode,
    RatioNode,
    Rubric,
    Rule,
    Selection,
    Strict,
    SumNode,
    TableNode,
    Tier,
    walk,
)

NO_READING = "未说明取舍 (no reading stated)"
INFINITY = Decimal("Infinity")


class LintFinding(Strict):
    item: str  # the node id ("2", "16.3"), or "" for the rubric as a whole
    code: str
    message: str


def lint(rubric: Rubric) -> list[LintFinding]:
    """Every contradiction or hole of the rubric, in item order."""
    found: list[LintFinding] = []
    for item in rubric.items:
        for node in walk(item):
            found += [_finding(node, code, text) for code, text in _node_findings(rubric, node)]
    found += _group_findings(rubric)
    found += _selection_findings(rubric)
    return found


def _finding(node: Node, code: str, text: str) -> LintFinding:
    reading = f"本细则的取舍：{node.reading}" if node.reading else NO_READING
    return LintFinding(item=node.id, code=code, message=f"{text}。{reading}")


def _node_findings(rubric: Rubric, node: Node) -> Iterator[tuple[str, str]]:
    if isinstance(node, TableNode):
        yield from _table_findings(node, rubric.facts)
    elif isinstance(node, RankNode):
        yield from _rank_findings(node)
    elif isinstance(node, ExpertNode):
        yield from _tier_findings(node)
    elif isinstance(node, SumNode):
        yield from _sum_findings(node)
    elif isinstance(node, DeductionNode):
        yield from _best_versus_maximum(node, node.start, "起始分")
    elif isinstance(node, RatioNode):
        yield from _origin_findings(node, rubric.facts)
    elif isinstance(node, CountNode):
        return


def _origin_findings(node: RatioNode, facts: dict[str, FactSpec]) -> Iterator[tuple[str, str]]:
    spec = facts[node.fact]
    if spec.origin != "metrics":
        yield "origin_unstated", (f"{spec.description}（{node.fact}）按全批最高值折算，应由后台数据"
                                  "导入，但未标 origin: metrics")


# ---- numbers ----------------------------------------------------------------------------------


def _num(value: Decimal) -> str:
    """5, 1.5, 0.8 — never 5.00 or 5E+1."""
    return format(value.normalize(), "f")


# ---- intervals of one numeric fact --------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A range of a numeric fact; for int facts, both ends are whole numbers and closed."""

    low: Decimal  # -Infinity for no lower bound
    high: Decimal  # Infinity for no upper bound
    low_closed: bool = True
    high_closed: bool = True

    @property
    def empty(self) -> bool:
        return self.low > self.high or (
            self.low == self.high and not (self.low_closed and self.high_closed))

    def meet(self, other: Interval) -> Interval:
        low, low_closed = max((self.low, not self.low_closed), (other.low, not other.low_closed))
        high, high_closed = min((self.high, self.high_closed), (other.high, other.high_closed))
        return Interval(low=low, high=high, low_closed=not low_closed, high_closed=high_closed)

    def holds(self, other: Interval) -> bool:
        """Whether every value of `other` lies in this interval."""
        return self.meet(other) == other


def _interval(condition: Condition, spec: FactSpec) -> Interval:
    interval = Interval(low=-INFINITY, high=INFINITY)
    bounds = ((condition.at_least, True, True), (condition.above, True, False),
              (condition.at_most, False, True), (condition.below, False, False))
    for bound, is_low, closed in bounds:
        if bound is None:
            continue
        one = (Interval(low=bound, high=INFINITY, low_closed=closed) if is_low
               else Interval(low=-INFINITY, high=bound, high_closed=closed))
        interval = interval.meet(one)
    return _whole(interval) if spec.type == "int" else interval


def _whole(interval: Interval) -> Interval:
    """The same range over whole numbers, with closed ends (above 2 → at least 3)."""
    low, high = interval.low, interval.high
    if low.is_finite():
        low = Decimal(math.floor(low) + 1 if not interval.low_closed and low == int(low)
                      else math.ceil(low))
    if high.is_finite():
        high = Decimal(math.ceil(high) - 1 if not interval.high_closed and high == int(high)
                       else math.floor(high))
    return Interval(low=low, high=high)


def _domain(spec: FactSpec) -> Interval:
    low = spec.minimum if spec.minimum is not None else -INFINITY
    high = spec.maximum if spec.maximum is not None else INFINITY
    return Interval(low=low, high=high)


def _show(interval: Interval, spec: FactSpec) -> str:
    """'5%', '3-5', '60%-80%（不含80%）', '3 以上' for a reviewer."""
    unit = "%" if spec.type == "percent" else ""
    low, high = _num(interval.low) if interval.low.is_finite() else "", _num(
        interval.high) if interval.high.is_finite() else ""
    if low and low == high:
        return f"{low}{unit}"
    if not high:
        return f"{low}{unit}以上" if interval.low_closed else f"超过{low}{unit}"
    if not low:
        return f"{high}{unit}以下" if interval.high_closed else f"不满{high}{unit}"
    ends = [f"不含{low}{unit}" for _ in [0] if not interval.low_closed]
    ends += [f"不含{high}{unit}" for _ in [0] if not interval.high_closed]
    return f"{low}{unit}-{high}{unit}" + (f"（{'、'.join(ends)}）" if ends else "")


# ---- tables -----------------------------------------------------------------------------------


def _label(rule: Rule) -> str:
    return f"“{rule.source}”" if rule.source else f"“{_num(rule.points)}分”"


def _ranges(node: TableNode, facts: dict[str, FactSpec]) -> dict[str, list[tuple[Rule, Interval]]]:
    """Rules that test one numeric fact, by fact, in rule order."""
    found: dict[str, list[tuple[Rule, Interval]]] = {}
    for rule in node.rules:
        if rule.when.numeric and rule.when.fact is not None:
            spec = facts[rule.when.fact]
            found.setdefault(rule.when.fact, []).append((rule, _interval(rule.when, spec)))
    return found


def _table_findings(node: TableNode, facts: dict[str, FactSpec]) -> Iterator[tuple[str, str]]:
    ranges = _ranges(node, facts)
    for fact, rules in ranges.items():
        spec = facts[fact]
        yield from _rule_overlaps(rules, spec)
        # A table that is nothing but ranges of one fact means to cover the fact's domain; a single
        # threshold ("80%以上记3分，否则不记分") or a range followed by other facts leaves the
        # rest to "否则" by design, so only holes between its ranges count.
        whole = len(rules) == len(node.rules) > 1 and node.otherwise == "zero"
        yield from _range_gaps(fact, rules, spec, whole)
    best = max(rule.points for rule in node.rules)
    if node.otherwise != "judged" or best > node.maximum:
        yield from _best_versus_maximum(node, best, "最高一条规则")


def _rule_overlaps(rules: Sequence[tuple[Rule, Interval]],
                   spec: FactSpec) -> Iterator[tuple[str, str]]:
    domain = _domain(spec)
    for index, (first, first_range) in enumerate(rules):
        for second, second_range in rules[index + 1:]:
            common = first_range.meet(second_range).meet(domain)
            if common.empty:
                continue
            if first_range.holds(second_range.meet(domain)):
                yield "shadowed_rule", (f"{_label(second)} 的取值 {_show(common, spec)} 全部已由"
                                        f"先列的 {_label(first)} 给分，这条规则永远不会生效")
            elif not second_range.holds(first_range.meet(domain)):
                # A narrower rule listed before a wider one (每人一台, 两人一台…) is a cascade.
                yield "overlap", (f"{_show(common, spec)} 同时落在 {_label(first)} 和 "
                                  f"{_label(second)}")


def _range_gaps(fact: str, rules: Sequence[tuple[Rule, Interval]], spec: FactSpec,
                whole: bool) -> Iterator[tuple[str, str]]:
    domain = _domain(spec)
    covered = sorted((r.meet(domain) for _, r in rules), key=lambda i: (i.low, not i.low_closed))
    covered = [c for c in covered if not c.empty]
    holes = _holes(domain, covered, spec.type == "int")
    if not whole:
        holes = [h for h in holes if covered and h.low >= covered[0].low
                 and h.high <= max(c.high for c in covered)]
    for hole in holes:
        yield "gap", (f"{spec.description}（{fact}）为 {_show(hole, spec)} 时没有任何一条规则"
                      f"给分（{'、'.join(_label(r) for r, _ in rules)}）")


def _holes(domain: Interval, covered: Sequence[Interval], whole: bool) -> list[Interval]:
    """Parts of the domain outside every covered interval (covered sorted by its low end)."""
    holes: list[Interval] = []
    # Where the uncovered part starts: (value, 0 if the value itself is uncovered else 1).
    cursor = (domain.low, 0 if domain.low_closed else 1)
    for part in covered:
        holes.append(Interval(low=cursor[0], high=part.low, low_closed=cursor[1] == 0,
                              high_closed=not part.low_closed))
        cursor = max(cursor, (part.high, 1 if part.high_closed else 0))
    holes.append(Interval(low=cursor[0], high=domain.high, low_closed=cursor[1] == 0,
                          high_closed=domain.high_closed))
    holes = [_whole(h) if whole and not h.empty else h for h in holes]
    return [h for h in holes if not h.empty and not (h.low.is_infinite() and h.low == h.high)]


def _best_versus_maximum(node: Node, best: Decimal, what: str) -> Iterator[tuple[str, str]]:
    if best < node.maximum:
        yield "unreachable_maximum", (f"该项满分 {_num(node.maximum)} 分，但{what}只给 "
                                      f"{_num(best)} 分，满分无法得到")
    elif best > node.maximum:
        yield "rule_exceeds_maximum", (f"该项满分 {_num(node.maximum)} 分，但{what}给 "
                                       f"{_num(best)} 分，超过满分")


# ---- ranks ------------------------------------------------------------------------------------


def _rank_findings(node: RankNode) -> Iterator[tuple[str, str]]:
    bands = node.bands
    for index, first in enumerate(bands):
        for second in bands[index + 1:]:
            low = max(first.first, second.first)
            high = min(first.last or math.inf, second.last or math.inf)
            if low <= high:
                shown = f"第{low}名" if low == high else (
                    f"第{low}名及之后" if high == math.inf else f"第{low}–{int(high)}名")
                yield "overlap", (f"{shown} 同时落在 “{first.source or first.points}” 和 "
                                  f"“{second.source or second.points}”")
    next_rank = 1
    for band in sorted(bands, key=lambda b: b.first):
        if band.first > next_rank:
            yield "gap", f"第{_ranks(next_rank, band.first - 1)}名没有对应的分值"
        if band.last is None:
            break
        next_rank = max(next_rank, band.last + 1)
    else:
        yield "gap", f"第{next_rank}名及之后没有对应的分值"
    yield from _best_versus_maximum(node, max(b.points for b in bands), "最好的名次段")


def _ranks(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


# ---- expert tiers -----------------------------------------------------------------------------


def _tier_findings(node: ExpertNode) -> Iterator[tuple[str, str]]:
    if not node.tiers:
        yield "no_tiers", (f"专家评审项目未分档，评审可在 0–{_num(node.maximum)} 分内任意给分，"
                           "没有档次描述可依")
        return
    tiers = sorted(node.tiers, key=lambda t: t.published)
    for index, first in enumerate(tiers):
        for second in tiers[index + 1:]:
            low, high = second.published[0], min(first.published[1], second.published[1])
            if low <= high:
                yield "overlap", (f"{_span(low, high)} 分同时落在 {_tier(first)} 和 "
                                  f"{_tier(second)}")
    for low, high in _tier_holes(tiers, node.step):
        yield "gap", (f"{_span(low, high)} 分不在任何一档内（"
                      f"{'、'.join(_tier(t) for t in tiers)}）")
    top = max(tiers, key=lambda t: t.published[1])
    bottom = min(tiers, key=lambda t: t.published[0])
    top_max = top.published[1]
    if top_max != node.maximum:
        yield "tier_maximum_mismatch", (f"该项满分 {_num(node.maximum)} 分，但最高一档"
                                        f"（{_tier(top)}）只到 {_num(top_max)} 分")
    if bottom.published[0] != 0:
        yield "tier_maximum_mismatch", (f"最低一档（{_tier(bottom)}）从 "
                                        f"{_num(bottom.published[0])} 分起，0 分到它之间无档可依")


def _tier(tier: Tier) -> str:
    low, high = tier.published
    return f"{tier.label} {_num(low)}-{_num(high)}分"


def _span(low: Decimal, high: Decimal) -> str:
    return _num(low) if low == high else f"{_num(low)}-{_num(high)}"


def _tier_holes(tiers: Sequence[Tier], step: Decimal) -> list[tuple[Decimal, Decimal]]:
    """Points at the node's step between the lowest and highest tier that no tier holds."""
    holes: list[tuple[Decimal, Decimal]] = []
    reached = tiers[0].published[1]
    for tier in tiers[1:]:
        low, high = tier.published
        if low - reached > step:
            holes.append((reached + step, low - step))
        reached = max(reached, high)
    return holes


# ---- sums, groups, total ------------------------------------------------------------------------


def _sum_findings(node: SumNode) -> Iterator[tuple[str, str]]:
    parts = sum((p.maximum for p in node.parts), Decimal(0))
    names = " + ".join(f"{p.id} {_num(p.maximum)}" for p in node.parts)
    if node.cap is not None:
        if node.cap > node.maximum:
            yield "rule_exceeds_maximum", (f"封顶 {_num(node.cap)} 分高于该项满分 "
                                           f"{_num(node.maximum)} 分")
        if parts < node.cap:
            yield "unreachable_maximum", (f"各分项满分合计 {_num(parts)} 分（{names}），"
                                          f"达不到封顶的 {_num(node.cap)} 分")
        return
    if parts < node.maximum:
        yield "unreachable_maximum", (f"该项满分 {_num(node.maximum)} 分，但各分项满分合计只有 "
                                      f"{_num(parts)} 分（{names}）")
    elif parts > node.maximum:
        yield "parts_exceed_maximum", (f"该项满分 {_num(node.maximum)} 分，但各分项满分合计 "
                                       f"{_num(parts)} 分（{names}），且未写封顶")


def _group_findings(rubric: Rubric) -> list[LintFinding]:
    found = []
    for group in rubric.groups:
        items = [i for i in rubric.items if i.level1 == group.name]
        total = sum((i.maximum for i in items), Decimal(0))
        if total != group.maximum:
            names = " + ".join(f"{i.id} {_num(i.maximum)}" for i in items) or "没有项目"
            found.append(LintFinding(item=group.name, code="group_maximum_mismatch", message=(
                f"一级指标“{group.name}”满分 {_num(group.maximum)} 分，但其项目满分合计 "
                f"{_num(total)} 分（{names}）")))
    total = sum((i.maximum for i in rubric.items), Decimal(0))
    if rubric.items and rubric.maximum is not None and total != rubric.maximum:
        found.append(LintFinding(item="", code="total_mismatch", message=(
            f"细则总分 {_num(rubric.maximum)} 分，但各项目满分合计 {_num(total)} 分")))
    return found


# ---- selection rules (先进个人) ----------------------------------------------------------------

# Words by which a text says all conditions are needed, or that some are enough.
_ALL_WORDS = ("全部", "均须", "均需", "同时满足", "所有条件", "各项条件")
_ANY_WORDS = ("之一", "任一", "任意", "其中一项", "至少", "一项以上", "以上条件之")


def _selection_findings(rubric: Rubric) -> list[LintFinding]:
    rule = rubric.selection
    if rule is None or any(w in rule.source for w in (*_ALL_WORDS, *_ANY_WORDS)):
        return []
    reading = f"本细则的取舍：{rule.reading}" if rule.reading else NO_READING
    return [LintFinding(item="selection", code="selection_unstated", message=(
        f"原文“{rule.source}”未说明须全部满足还是满足其一即可；采用的规则：{_rule_text(rule)}。"
        f"{reading}"))]


def _rule_text(rule: Selection) -> str:
    parts = [f"条件{'、'.join(rule.required)}必备"] if rule.required else []
    if rule.any_of and rule.at_least:
        parts.append(f"条件{'、'.join(rule.any_of)}至少满足{rule.at_least}项")
    return "，".join(parts) or "无"
