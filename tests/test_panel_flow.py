"""A review panel on the test batch: roster, 回避 assignment, independent and blind expert
decisions, joined values in the score, and the 组长's resolution of a disagreement."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.cli import app
from intake.panel import service
from intake.panel.assign import conflict
from intake.review import decisions
from intake.review.log import log_rows
from intake.review.resolve import resolve
from intake.score.panel import panel_confirmed
from intake.score.scoring import score_store
from intake.store import Store
from intake.store.decisions import Decided, Decision
from intake.store.panel import stored_reviewers
from intake.store.suggestions import Pending, pending
from rubric import Rubric
from rubric.errors import InputError
from tests.support.panel import EXPERTS, LEAD, ROSTER

# Each expert's points on the expert items: on item 4 the panel agrees (9/7/8 → 8), on item 5 it
# does not (10/4/9, a spread of 6 where 第一档 is 2 wide).
POINTS = {"4": [9, 7, 8], "5": [10, 4, 9]}


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    """The test batch's store, once on SQLite and once on PostgreSQL."""
    with Store(target) as opened:
        yield opened


@pytest.fixture
def panel(store: Store, rubric: Rubric, tmp_path: Path) -> list:
    roster = tmp_path / "评审组.csv"
    roster.write_bytes(ROSTER.encode("gbk"))  # as Excel on Chinese Windows saves it
    service.import_roster(store, roster, "管理员")
    return service.make_assignment(store, rubric, 3, "管理员")


def _decide(store: Store, rubric: Rubric, expert: str, position: int) -> None:
    """The expert decides every suggestion of their assignments: facts as suggested, expert
    items with their points from POINTS (other items the tier's minimum, the same for all)."""
    made = [_decision(rubric, p, position) for p in pending(store, rubric.id, reviewer=expert)]
    decisions.record(store, rubric, expert, made, "terminal")


def _decision(rubric: Rubric, item: Pending, position: int) -> Decision:
    s = item.suggestion
    if s.target == "fact":
        if s.status != "suggested":
            return Decision(suggestion_id=item.id, action="no_evidence", decided=Decided())
        return Decision(suggestion_id=item.id, action="accept", decided=Decided(value=s.value))
    node = rubric.nodes()[s.key]
    low = min((t.min for t in getattr(node, "tiers", ())), default=0)
    points = POINTS.get(s.key, [float(low)] * 3)[position]
    return Decision(suggestion_id=item.id, action="override", decided=Decided(points=points),
                    reason="专家独立评分")


def test_roster_and_assignment_keep_every_rule(store: Store, rubric: Rubric, panel) -> None:
    roster = {r.name: r for r in stored_reviewers(store)}
    assert roster[LEAD].role == "lead" and len(roster) == 6
    by_path = {c.submission: c for c in service.candidates(store, rubric)}
    for a in panel:
        assert len(a.reviewers) == 3 and LEAD not in a.reviewers
        for name in a.reviewers:
            assert conflict(roster[name], by_path[a.submission], ("same_unit", "same_city")) is None
    loads = [sum(n in a.reviewers for a in panel) for n in EXPERTS]
    assert sum(loads) == 9 and max(loads) - min(loads) <= 1


def test_an_expert_decides_only_their_own_assignments(store: Store, rubric: Rubric,
                                                       panel) -> None:
    outsider = next(n for n in EXPERTS if n not in panel[0].reviewers)
    item = pending(store, rubric.id, panel[0].submission)[0]
    with pytest.raises(InputError, match=f"{outsider} 未被分配评审"):
        decisions.record(store, rubric, outsider, [Decision(
            suggestion_id=item.id, action="no_evidence", decided=Decided())], "terminal")
    assert all(p.submission != panel[0].submission
               for p in pending(store, rubric.id, reviewer=outsider))


def test_experts_do_not_see_each_others_points_until_they_have_decided(
        store: Store, rubric: Rubric, panel) -> None:
    first, second = panel[0].reviewers[:2]
    _decide(store, rubric, first, 0)
    seen = {r["reviewer"] for r in log_rows(store, rubric.id, panel[0].submission, viewer=second)}
    assert seen == set()  # the second expert has not decided yet: nothing of the first's shows
    _decide(store, rubric, second, 1)
    seen = {r["reviewer"] for r in log_rows(store, rubric.id, panel[0].submission, viewer=second)}
    assert seen == {first, second}
    assert {r["reviewer"] for r in log_rows(store, rubric.id, viewer="组长")} == {first, second}
    with pytest.raises(InputError, match="--reviewer"):
        log_rows(store, rubric.id)


def test_joined_points_disagreement_and_the_leads_resolution(store: Store, rubric: Rubric,
                                                              panel) -> None:
    target = panel[0]
    for position, expert in enumerate(target.reviewers):
        _decide(store, rubric, expert, position)
    values, state = panel_confirmed(store, rubric, target.submission)
    assert values.points["4"] == 8.0  # (9 + 7 + 8) / 3
    assert "5" not in values.points and state.disagreements == ["item:5"]
    assert state.spread["5"] == 6 and not state.waiting
    row = next(r for r in score_store(store, rubric).rows if r.submission == target.submission)
    assert row.status == "pending" and "item:5" in row.pending
    with pytest.raises(InputError, match="不是评审组组长"):
        resolve(store, rubric, target.reviewers[0], target.submission, "item:5",
                Decided(points=8), "取中")
    resolve(store, rubric, "组长", target.submission, "item:5", Decided(points=8), "取中间档")
    values, state = panel_confirmed(store, rubric, target.submission)
    assert values.points["5"] == 8.0 and state.resolved_by_lead == ["item:5"]
    row = next(r for r in score_store(store, rubric).rows if r.submission == target.submission)
    assert "item:5" not in row.pending and row.panel is not None


def test_an_expert_still_to_decide_keeps_the_submission_pending(store: Store, rubric: Rubric,
                                                                 panel) -> None:
    target = panel[0]
    _decide(store, rubric, target.reviewers[0], 0)
    values, state = panel_confirmed(store, rubric, target.submission)
    assert not values.points and set(state.waiting) == set(target.reviewers[1:])


def test_assign_show_json_contract_and_impossible_roster(target: str, tmp_path: Path) -> None:
    db = target
    runner = CliRunner()
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")
    assert runner.invoke(app, ["reviewers", "import", str(roster), "--db", str(db)]).exit_code == 0
    done = runner.invoke(app, ["assign", "--per-submission", "3", "--db", str(db),
                               "--format", "json"])
    assert done.exit_code == 0, done.output
    shown = runner.invoke(app, ["assign", "--show", "--db", str(db), "--format", "json"])
    body = json.loads(shown.output)
    assert set(body) == {"assignments"}
    assert all(set(a) == {"submission", "path", "reviewers"} and len(a["reviewers"]) == 3
               for a in body["assignments"])
    failed = runner.invoke(app, ["assign", "--per-submission", "5", "--db", str(db)])
    assert failed.exit_code == 2 and "未做任何分配" in failed.output
    again = json.loads(runner.invoke(app, ["assign", "--show", "--db", str(db), "--format",
                                           "json"]).output)
    assert again == body  # the failed attempt changed nothing


def test_zscore_means_are_reported_beside_the_raw_mean(store: Store, rubric: Rubric,
                                                       panel) -> None:
    for assignment in panel:
        for position, expert in enumerate(assignment.reviewers):
            _decide(store, rubric, expert, position)
    assert rubric.panel.aggregation.zscore
    row = next(r for r in score_store(store, rubric).rows if r.submission == panel[0].submission)
    assert row.panel is not None and set(row.panel.zscore) >= {"4", "5"}
    assert all(0 <= v <= rubric.nodes()[k].maximum for k, v in row.panel.zscore.items())
    values, _ = panel_confirmed(store, rubric, panel[0].submission)
    assert values.points["4"] == 8.0  # the total still uses the raw mean


def test_the_panel_log_keeps_every_assignment(target: str, tmp_path: Path) -> None:
    runner = CliRunner()
    roster = tmp_path / "r.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    runner.invoke(app, ["reviewers", "import", str(roster), "--db", target, "--by", "管理员"])
    for per in ("3", "2"):
        assert runner.invoke(app, ["assign", "--per-submission", per, "--db", target,
                                   "--by", "管理员"]).exit_code == 0
    with Store(target) as store:
        from intake.store.panel import panel_log
        logged = panel_log(store)
    assert [r["action"] for r in logged] == ["reviewers_import", "assign", "assign"]
    second = json.loads(str(logged[2]["detail"]))
    assert all(len(v) == 3 for v in second["before"].values())
    assert all(len(v) == 2 for v in second["after"].values())
    shown = runner.invoke(app, ["panel", "log", "--db", target], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "分配评审专家" in shown.output and "管理员" in shown.output


def test_the_full_screen_review_offers_an_expert_only_their_assignments(
        store: Store, rubric: Rubric, panel) -> None:
    from intake.review.app import ReviewApp

    expert = panel[0].reviewers[0]
    theirs = {p.submission for p in pending(store, rubric.id, reviewer=expert)}
    everyone = {p.submission for p in pending(store, rubric.id)}
    app = ReviewApp(store, rubric, expert)
    shown = {p.submission for p in app.state.items}
    assert shown == theirs and theirs < everyone  # others' submissions are not offered
    assert app.current is not None and app.current.submission in theirs
