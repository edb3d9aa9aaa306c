"""Who reviews what: N experts per submission, 回避 by the programme's rules, loads balanced.

The rules are the programme's data (`panel.conflicts` in the rubric file): `same_unit` keeps an
expert off every submission of their own institution (a 信息中心 of 唐山开放大学 is 唐山开放大学),
`same_city` off every submission of their city. Loads are balanced so that no expert has more than
one submission above another. Both constraints at once are a flow problem with bounds, solved with
networkx's network simplex rather than by hand: greedy assignment can paint itself into a corner
that a flow never does. When the rules make N impossible, nothing is assigned and the message
says which submissions and why.
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from intake.store.panel import Assignment, Reviewer
from rubric.errors import InputError
from rubric.panel_rules import ConflictRule
from rubric.strict import Strict


class Candidate(Strict):
    """A submission as the assignment sees it: whose it is."""

    submission: str
    path: str
    unit: str = ""
    city: str = ""


def _same_unit(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    return bool(a and b) and (a in b or b in a)


def conflict(reviewer: Reviewer, candidate: Candidate, rules: Sequence[ConflictRule]) -> str | None:
    """Why the reviewer must stay off this submission, in words; None when they may review it."""
    if "same_unit" in rules and _same_unit(reviewer.unit, candidate.unit):
        return f"{reviewer.name} 与申报单位同属 {reviewer.unit}"
    if "same_city" in rules and reviewer.city and reviewer.city == candidate.city:
        return f"{reviewer.name} 与申报单位同在 {reviewer.city}"
    return None


def _eligible(experts: Sequence[Reviewer], candidate: Candidate,
              rules: Sequence[ConflictRule]) -> list[Reviewer]:
    return [r for r in experts if conflict(r, candidate, rules) is None]


def _impossible(experts: Sequence[Reviewer], candidates: Sequence[Candidate], per: int,
                rules: Sequence[ConflictRule]) -> list[str]:
    lines = []
    for c in candidates:
        fit = _eligible(experts, c, rules)
        if len(fit) < per:
            why = "；".join(filter(None, (conflict(r, c, rules) for r in experts)))
            lines.append(f"{c.path}：需要 {per} 位专家，回避后只有 {len(fit)} 位可评"
                         f"（{why or '专家人数不足'}）")
    return lines


def _flow(experts: Sequence[Reviewer], candidates: Sequence[Candidate], per: int,
          rules: Sequence[ConflictRule]) -> dict[str, dict[str, int]]:
    total = per * len(candidates)
    low, rest = divmod(total, len(experts))
    high = low + (1 if rest else 0)
    graph = nx.DiGraph()
    graph.add_node("source", demand=-total)
    # A lower bound of `low` on each expert: the expert consumes `low` itself, the sink the rest.
    graph.add_node("sink", demand=total - low * len(experts))
    for r in experts:
        graph.add_node(("r", r.name), demand=low)
        graph.add_edge(("r", r.name), "sink", capacity=high - low, weight=0)
    for c in candidates:
        graph.add_edge("source", ("s", c.submission), capacity=per, weight=0)
        for r in _eligible(experts, c, rules):
            graph.add_edge(("s", c.submission), ("r", r.name), capacity=1, weight=0)
    try:
        return nx.min_cost_flow(graph)
    except nx.NetworkXUnfeasible:
        raise InputError(
            f"回避规则下无法让每位专家的评审数相差不超过 1（{len(experts)} 位专家，每份 {per} 位，"
            f"共 {total} 份次）：请增加专家、减少 --per-submission，或调整名单") from None


def assign(reviewers: Sequence[Reviewer], candidates: Sequence[Candidate], per: int,
           rules: Sequence[ConflictRule]) -> list[Assignment]:
    """Every submission gets `per` experts, or nothing is assigned and the error says why."""
    experts = sorted((r for r in reviewers if r.role == "expert"), key=lambda r: r.name)
    if per < 1:
        raise InputError("--per-submission 至少为 1")
    if not experts:
        raise InputError("名单中没有角色为“专家”的评审人员：先运行 intake reviewers import")
    impossible = _impossible(experts, candidates, per, rules)
    if impossible:
        raise InputError("无法分配，未做任何分配：\n" + "\n".join(impossible))
    flow = _flow(experts, candidates, per, rules)
    return [Assignment(submission=c.submission, path=c.path,
                       reviewers=tuple(sorted(name for (_, name), used in
                                              flow[("s", c.submission)].items() if used)))
            for c in sorted(candidates, key=lambda c: c.path)]
