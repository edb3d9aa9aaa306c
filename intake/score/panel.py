"""A panel's values for scoring: several experts' independent decisions joined per fact and item.

Only a resolved value counts. For each fact and item of a submission: the 组长's resolution when
there is one (a decision recorded with source `lead`); otherwise, once every assigned expert has
decided, the experts' points joined by the programme's rule (rubric.panel: mean, trimmed mean) and
the facts they agree on. A spread wider than the tier, or facts that differ, is a
reviewer_disagreement and stays pending until the 组长 resolves it; an expert who has not decided
keeps the item pending too. Nothing is guessed from a partial panel.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from pydantic import Field

from intake.store import Store
from intake.store.decisions import Confirmed, Decided, Value
from intake.store.panel import ExpertDecision, assigned_reviewers, latest_per_reviewer
from intake.store.suggestions import asked
from rubric import Rubric
from rubric.panel import aggregate_fact, aggregate_item, round_points, zscore_normalise
from rubric.strict import Strict


class PanelState(Strict):
    """How far a panel has come on one submission."""

    experts: tuple[str, ...]
    waiting: dict[str, list[str]]  # expert → the facts and items they have not decided
    disagreements: list[str]  # "item:4", "fact:it_staff": awaiting the 组长
    spread: dict[str, Decimal]  # item → max − min of the experts' points
    resolved_by_lead: list[str]
    zscore: dict[str, Decimal] = Field(default_factory=dict)  # z-normalised means, beside raw


def _points(decision: ExpertDecision) -> Decimal:
    decided = Decided.model_validate_json(decision.decided)
    return Decimal(str(decided.points)) if decided.points is not None else Decimal(0)


def _value(decision: ExpertDecision) -> Value:
    return Decided.model_validate_json(decision.decided).value


class _Joined:
    """What the panel's decisions add up to so far, item by item."""

    def __init__(self, rubric: Rubric, experts: list[str]) -> None:
        self.rubric, self.experts = rubric, experts
        self.facts: dict[str, Value] = {}
        self.points: dict[str, float] = {}
        self.waiting: dict[str, list[str]] = {}
        self.disagreements: list[str] = []
        self.spread: dict[str, Decimal] = {}
        self.lead: list[str] = []

    def add(self, target: str, key: str, made: list[ExpertDecision]) -> None:
        lead = [d for d in made if d.source == "lead"]
        if lead:
            self._take(target, key, lead[-1])
            self.lead.append(f"{target}:{key}")
            return
        own = {d.reviewer: d for d in made if d.reviewer in self.experts}
        missing = [e for e in self.experts if e not in own]
        for expert in missing:
            self.waiting.setdefault(expert, []).append(f"{target}:{key}")
        if own and not missing:
            self._join(target, key, [own[e] for e in self.experts])

    def _take(self, target: str, key: str, decision: ExpertDecision) -> None:
        if target == "fact":
            self.facts[key] = _value(decision)
        else:
            self.points[key] = float(_points(decision))

    def _join(self, target: str, key: str, decisions: list[ExpertDecision]) -> None:
        if target == "fact":
            fact = aggregate_fact(key, [_value(d) for d in decisions])
            if fact.disagreement:
                self.disagreements.append(f"fact:{key}")
            else:
                self.facts[key] = fact.value
            return
        node = self.rubric.nodes().get(key)
        if node is None:
            return
        item = aggregate_item(node, [_points(d) for d in decisions], self.rubric.panel.aggregation)
        self.spread[key] = item.spread
        if item.disagreement:
            self.disagreements.append(f"item:{key}")
        else:
            self.points[key] = float(item.points)


def zscore_means(store: Store, rubric: Rubric, submissions: list[str]) -> dict[tuple[str, str],
                                                                             Decimal]:
    """(submission, item) → the mean of the experts' z-normalised points, over the whole panel:
    reported beside the raw mean when the programme asks for it, never used for a total."""
    maxima = {k: n.maximum for k, n in rubric.nodes().items()}
    scored = {(d.reviewer, sid, d.key): _points(d) for sid in submissions
              for d in latest_per_reviewer(store, rubric.id, sid)
              if d.target == "item" and d.source != "lead" and d.key in maxima}
    normal = zscore_normalise(scored, maxima)
    joined: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for (_, sid, key), points in normal.items():
        joined[(sid, key)].append(points)
    return {k: round_points(sum(v, Decimal(0)) / len(v)) for k, v in joined.items()}


def panel_confirmed(store: Store, rubric: Rubric, submission: str,
                    zscores: dict[tuple[str, str], Decimal] | None = None
                    ) -> tuple[Confirmed, PanelState]:
    """The submission's values that count under a panel, and how far the panel has come."""
    joined = _Joined(rubric, assigned_reviewers(store, rubric.id, submission))
    by_key: dict[tuple[str, str], list[ExpertDecision]] = defaultdict(list)
    for decision in latest_per_reviewer(store, rubric.id, submission):
        by_key[(decision.target, decision.key)].append(decision)
    for target, key in asked(store, rubric.id, submission):
        joined.add(target, key, by_key.get((target, key), []))
    undecided = sorted({n for names in joined.waiting.values() for n in names}
                       | set(joined.disagreements))
    return (Confirmed(submission=submission, facts=joined.facts, points=joined.points,
                      undecided=undecided),
            PanelState(experts=tuple(joined.experts), waiting=joined.waiting,
                       disagreements=joined.disagreements, spread=joined.spread,
                       resolved_by_lead=joined.lead,
                       zscore={k: v for (sid, k), v in (zscores or {}).items()
                               if sid == submission}))
