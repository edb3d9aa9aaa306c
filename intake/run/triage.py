"""The triage after `intake run`: per submission its worst findings, the total it would get if every
suggestion were confirmed (with the min–max over the suggested tiers' ranges), and how many
suggestions await a reviewer. A guide to where to look first, never a score."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from extractors.facts.models import Suggestion
from extractors.findings import Finding
from intake.run.triage_unknown import best_from_elsewhere, unknown_deductions
from intake.score.units import UnitProfile
from rubric import Rubric
from rubric.engine import UnitInput, score
from rubric.model import takes_points
from rubric.strict import Strict


class TriageRow(Strict):
    submission: str
    path: str
    kind: str
    unit: UnitProfile | None
    findings: list[Finding]
    suggested_total: float | None
    total_min: float | None
    total_max: float | None
    pending: int
    excluded: bool = False
    note: str = ""


class Candidate(Strict):
    """A submission the rubric scores, with its unit and its current suggestions."""

    submission: str
    unit: UnitProfile
    suggestions: list[Suggestion]


def _facts(rubric: Rubric, suggestions: Sequence[Suggestion], end: str) -> dict[str, object]:
    found = {s.key: s.value for s in suggestions if s.target == "fact" and s.status == "suggested"}
    facts: dict[str, object] = {name: found.get(name) for name in rubric.facts}
    # An unknown deduction count is not full marks: only the high end assumes no misses. A fact
    # from elsewhere (后台监控, 学生调查, 装订) is open: only the high end assumes its best value.
    if end == "high":
        return {**facts, **best_from_elsewhere(rubric, facts)}
    return {**facts, **unknown_deductions(rubric, facts)}


def _points(rubric: Rubric, suggestions: Sequence[Suggestion], end: str) -> dict[str, float]:
    """Reviewer points as if confirmed: the suggested points, or a tier's low or high end."""
    by_item = {s.key: s for s in suggestions if s.target == "item" and s.status == "suggested"}
    points: dict[str, float] = {}
    for node_id, node in rubric.nodes().items():
        if not takes_points(node):
            continue
        made = by_item.get(node_id)
        if made is None or made.points is None:
            # No evidence: nothing suggested, the whole range is open to the reviewer.
            points[node_id] = float(node.maximum) if end == "high" else 0.0
        elif end == "mid" or made.points_range is None:
            points[node_id] = made.points
        else:
            points[node_id] = made.points_range[1 if end == "high" else 0]
    return points


_ENDS = ("mid", "low", "high")


class Prepared(Strict):
    """A candidate reduced to what the batch's totals need: its unit's input at each end of the
    range. Made one submission at a time, so the batch's suggestions (citations and all) are
    never held at once (issue 21); the totals still need every unit, for ranks and ratios."""

    submission: str
    unit: UnitProfile
    ends: dict[str, UnitInput]


def prepare(rubric: Rubric, c: Candidate) -> Prepared:
    ends = {end: UnitInput(id=c.submission, name=c.unit.name, level=c.unit.level,
                           city=c.unit.city, facts=_facts(rubric, c.suggestions, end),
                           points=_points(rubric, c.suggestions, end))
            for end in _ENDS} if rubric.items else {}
    return Prepared(submission=c.submission, unit=c.unit, ends=ends)


def suggested_totals(rubric: Rubric, candidates: Sequence[Candidate | Prepared]
                     ) -> dict[str, tuple[Decimal, Decimal, Decimal, bool]]:
    """Per submission: (suggested, min, max, excluded); empty when the rubric has no points."""
    if not rubric.items or not candidates:
        return {}
    prepared = [c if isinstance(c, Prepared) else prepare(rubric, c) for c in candidates]
    # One score sheet at a time, each let go but for its totals, and untraced: a traced sheet
    # holds every unit's steps (~3 KB a unit; three at once were most of a run's memory at 5 000).
    sheets = (score(rubric, [p.ends[end] for p in prepared], traced=False) for end in _ENDS)
    mid, low, high = ({u.id: (u.total, u.excluded) for u in sheet.units} for sheet in sheets)
    return {sid: (total, min(low[sid][0], high[sid][0]), max(low[sid][0], high[sid][0]),
                  excluded) for sid, (total, excluded) in mid.items()}
