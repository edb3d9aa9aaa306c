"""Items whose points a reviewer gives: 酌情记分 (judged), 专家评审 (expert), and a table rule's
"否则酌情记分" fallback when its rule does not hold.

An extractor may suggest a tier for such an item, or nothing at all (Xunke's 2.2, 8.3 and 17 have
no evidence an extractor could weigh). `with_requests` adds, for every such item the extractor
left out, a request without points (status no_evidence), so that `intake review` and
`review export` offer it like any other suggestion and the reviewer's points are recorded as a
decision. A request never carries points: a bulk acceptance leaves it pending (`needs_points`),
and a fallback request is offered only while the confirmed facts leave its rule unmet.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.facts.models import ExtractionResult, Suggestion
from intake.store import Store
from intake.store.decisions import confirmed
from intake.store.suggestions import Pending
from rubric import Rubric
from rubric.engine import holds
from rubric.model import ExpertNode, JudgedNode, Node, TableNode, node_facts, takes_points

REQUEST_CONFIDENCE = 0.0


def _why(node: Node) -> str:
    if isinstance(node, TableNode):
        return (f"规定条件不成立时本项“否则酌情记分”，须评审在 0-{_num(node.maximum)} 分内给分"
                "（条件成立时按规则计分，无需给分）。")
    how = "专家评审" if isinstance(node, ExpertNode) else "酌情记分"
    return f"本项为{how}，须评审在 0-{_num(node.maximum)} 分内给分；提取器未给出建议。"


def _num(value: Decimal) -> str:
    return format(value.normalize(), "f")


def with_requests(rubric: Rubric, submission: str, result: ExtractionResult, extractor: str,
                  model: str = "") -> ExtractionResult:
    """The extraction result plus a points request for every item that takes a reviewer's points
    and that the extractor made no suggestion for."""
    have = {s.key for s in result.suggestions if s.target == "item"}
    added = [Suggestion(submission=submission, target="item", key=node.id, rationale=_why(node),
                        confidence=REQUEST_CONFIDENCE, extractor=extractor, model=model or None,
                        status="no_evidence")
             for node in rubric.nodes().values() if takes_points(node) and node.id not in have]
    return result.model_copy(update={"suggestions": [*result.suggestions, *added]})


def needs_points(rubric: Rubric, suggestion: Suggestion) -> bool:
    """A suggestion on an item that takes a reviewer's points (酌情记分, 专家评审, a 否则酌情记分
    fallback) with no points suggested: only a reviewer can decide it."""
    node = rubric.nodes().get(suggestion.key) if suggestion.target == "item" else None
    return node is not None and takes_points(node) and suggestion.points is None


def fallback_met(store: Store, rubric: Rubric, pending: Pending) -> bool:
    """Whether a table item's own rule already holds on the confirmed facts, so that its
    "否则酌情记分" points are not needed (and not asked for)."""
    node = rubric.nodes().get(pending.suggestion.key)
    if pending.suggestion.target != "item" or not isinstance(node, TableNode) or (
            node.otherwise != "judged"):
        return False
    facts = confirmed(store, rubric.id, pending.submission).facts
    return any(holds(rule.when, facts) for rule in node.rules)


def offered(store: Store, rubric: Rubric, pending: Pending) -> bool:
    return not fallback_met(store, rubric, pending)


def remaining(store: Store, rubric: Rubric, pending: list[Pending]) -> int:
    """How many of these pending suggestions wait for a reviewer's points."""
    return sum(1 for p in pending
               if needs_points(rubric, p.suggestion) and offered(store, rubric, p))


def context(store: Store, rubric: Rubric, pending: Pending) -> list[str]:
    """Plain lines for a reviewer giving points: the rule's source text, the facts it saw, the
    allowed range. Empty for anything else."""
    node = rubric.nodes().get(pending.suggestion.key)
    if pending.suggestion.target != "item" or node is None or not takes_points(node):
        return []
    lines = [f"规则原文：{node.source}"] if node.source else []
    facts = confirmed(store, rubric.id, pending.submission).facts
    for name in sorted(node_facts(node)):
        spec = rubric.facts[name]
        seen = _shown(facts[name]) if name in facts else "未确认"
        lines.append(f"依据事实：{spec.description}（{name}）= {seen}")
    step = getattr(node, "step", None) if isinstance(node, ExpertNode | JudgedNode) else None
    lines.append(f"可给分值：0-{_num(node.maximum)} 分" + (f"，以 {_num(step)} 分为单位" if step
                                                         else ""))
    return lines


def _shown(value: object) -> str:
    if value is True:
        return "是"
    if value is False:
        return "否"
    return "无证据（未知）" if value is None else str(value)
