"""What the panel commands do: import the roster, assign the experts, report the panel's state.

The assignment covers the submissions of the rubric's kind that the store holds suggestions for;
whose each one is comes from its form (the unit and its city), as for scoring."""

from __future__ import annotations

from pathlib import Path

from intake.panel.assign import Candidate, assign
from intake.panel.roster import read_roster
from intake.score.panel import PanelState, panel_confirmed
from intake.score.units import unit_for
from intake.store import Store
from intake.store.panel import (
    Assignment,
    Reviewer,
    replace_assignment,
    save_reviewers,
    stored_assignment,
    stored_reviewers,
)
from intake.store.submissions import submissions
from intake.store.suggestions import rubric_ids
from rubric import Rubric
from rubric.errors import InputError


def import_roster(store: Store, path: Path, by_whom: str) -> list[Reviewer]:
    reviewers = read_roster(path)
    if not reviewers:
        raise InputError(f"{path}: 名单中没有评审人员")
    save_reviewers(store, reviewers, by_whom, path.name)
    return reviewers


def candidates(store: Store, rubric: Rubric) -> list[Candidate]:
    """The rubric's submissions in the store, each with the unit and city it is from."""
    if rubric.id not in rubric_ids(store):
        raise InputError(f"库中没有 {rubric.id} 的建议：先运行 intake run --rubric {rubric.id}")
    kinds = {f.kind for f in rubric.forms}
    found = []
    for row in submissions(store):
        if kinds and row.kind not in kinds:
            continue
        unit = unit_for(rubric, row.fields, row.path)
        found.append(Candidate(submission=row.id, path=row.path, unit=unit.name, city=unit.city))
    return found


def make_assignment(store: Store, rubric: Rubric, per: int | None,
                    by_whom: str) -> list[Assignment]:
    """Assign every submission `per` experts (the programme's number by default), or none."""
    reviewers = stored_reviewers(store)
    chosen = assign(reviewers, candidates(store, rubric), per or rubric.panel.per_submission,
                    rubric.panel.conflicts)
    replace_assignment(store, rubric.id, chosen, by_whom)
    return chosen


def assignment(store: Store, rubric: Rubric) -> list[Assignment]:
    found = stored_assignment(store, rubric.id)
    if not found:
        raise InputError(f"{rubric.id} 还没有分配评审专家：先运行 intake assign --per-submission N")
    return found


def panel_state(store: Store, rubric: Rubric) -> list[tuple[Assignment, PanelState]]:
    """Per assigned submission: who has decided what, spreads, what awaits the 组长."""
    return [(a, panel_confirmed(store, rubric, a.submission)[1])
            for a in assignment(store, rubric)]
