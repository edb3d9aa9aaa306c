"""Deduction items whose count is unknown, for the triage range (issue 20).

A deduction item (逊克 9.1: 缺1次扣1分; 9.2: 每缺席一人次扣0.5分) scores full marks when its count
is 0. When no count was suggested, the rubric engine reads None as 不适用 and gives full marks too;
the triage must not: an unknown count may be anything, so the low end and the suggested total take
the item at its floor (as many misses as empty it) and only the high end at full marks.

Facts the rubric says no text states (origin: metrics, survey, inspection: 后台监控, 学生调查,
装订) have no value when the triage is made; they count nothing in the suggested total and the low
end, and their best value at the high end, so the range says how much is still open.
"""

from __future__ import annotations

import math

from rubric import Rubric
from rubric.model import DeductionNode, FactValue, RatioNode, TableNode


def emptying_misses(node: DeductionNode) -> int:
    """How many misses bring the item down to its floor."""
    return math.ceil((node.start - node.floor) / node.per) if node.per > 0 else 0


def unknown_deductions(rubric: Rubric, facts: dict[str, object]) -> dict[str, object]:
    """Counts to assume for deduction facts with no value: the worst case."""
    return {node.fact: emptying_misses(node) for node in rubric.nodes().values()
            if isinstance(node, DeductionNode) and facts.get(node.fact) is None}


def _best_value(rubric: Rubric, fact: str) -> FactValue | None:
    """The value of `fact` that earns most in the tables testing it by equality (好, 装订 true);
    for a ratio item any positive value: every unit at the same value is the batch's best."""
    if any(isinstance(n, RatioNode) and n.fact == fact for n in rubric.nodes().values()):
        return 1.0
    rules = [r for n in rubric.nodes().values() if isinstance(n, TableNode) for r in n.rules
             if r.when.fact == fact and r.when.equals is not None]
    return max(rules, key=lambda r: r.points).when.equals if rules else None


def best_from_elsewhere(rubric: Rubric, facts: dict[str, object]) -> dict[str, object]:
    """Values to assume at the high end for facts from elsewhere that have none yet."""
    found = {name: _best_value(rubric, name) for name, spec in rubric.facts.items()
             if spec.origin != "text" and facts.get(name) is None}
    return {name: value for name, value in found.items() if value is not None}
