"""Deduction items whose count is unknown, for the triage range (issue 20).

A deduction item (逊克 9.1: 缺1次扣1分; 9.2: 每缺席一人次扣0.5分) scores full marks when its count
is 0. When no count was suggested, the rubric engine reads None as 不适用 and gives full marks too;
the triage must not: an unknown count may be anything, so the low end and the suggested total take
the item at its floor (as many misses as empty it) and only the high end at full marks.
"""

from __future__ import annotations

import math

from rubric import Rubric
from rubric.model import DeductionNode


def emptying_misses(node: DeductionNode) -> int:
    """How many misses bring the item down to its floor."""
    return math.ceil((node.start - node.floor) / node.per) if node.per > 0 else 0


def unknown_deductions(rubric: Rubric, facts: dict[str, object]) -> dict[str, object]:
    """Counts to assume for deduction facts with no value: the worst case."""
    return {node.fact: emptying_misses(node) for node in rubric.nodes().values()
            if isinstance(node, DeductionNode) and facts.get(node.fact) is None}
