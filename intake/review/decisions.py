"""Reviewer decisions: the only way a suggestion becomes a value that counts (the rules; the rows
are written and read by intake.store.decisions).

Decisions are append-only rows (the store's triggers refuse UPDATE and DELETE). A later decision on
the same suggestion supersedes an earlier one for scoring, and both stay in the audit log. Every
decided value is checked against the rubric before it is written: a value outside the rubric is
refused with a plain message, and an override needs a reason.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from extractors.facts.models import Suggestion
from intake.run.judged import needs_points, remaining
from intake.store import Store
from intake.store.decisions import (
    Decided,
    Decision,
    Guard,
    Source,
    Value,
    as_suggested,
    insert_decision_batches,
    insert_decisions,
)
from intake.store.panel import assigned_reviewers, panel_active, reviewer_role, submission_path
from intake.store.suggestions import iter_pending, pending, suggestions_by_id
from rubric import Rubric
from rubric.errors import InputError
from rubric.model import ExpertNode, FactSpec, Node


def validate(rubric: Rubric, suggestion: Suggestion, decision: Decision) -> None:
    """Refuse a decision the rubric cannot take; the message says what would fit."""
    if decision.action == "override" and not (decision.reason or "").strip():
        raise InputError(f"{suggestion.key}: 改判必须填写理由 (an override needs a reason)")
    if decision.action == "no_evidence":
        return
    if suggestion.target == "fact":
        _check_fact(rubric.facts.get(suggestion.key), suggestion.key, decision.decided.value)
    else:
        _check_points(rubric.nodes().get(suggestion.key), suggestion.key, decision.decided)


def _check_fact(spec: FactSpec | None, name: str, value: Value) -> None:
    if spec is None:
        raise InputError(f"{name}: 评分细则中没有这一事实 (not a fact of this rubric)")
    if value is None:
        return
    ok = {
        "bool": isinstance(value, bool),
        "enum": value in spec.values,
        "int": isinstance(value, int) and not isinstance(value, bool),
    }.get(spec.type, isinstance(value, int | float) and not isinstance(value, bool))
    if not ok:
        allowed = "、".join(spec.values) if spec.type == "enum" else spec.type
        raise InputError(f"{name}: “{value}” 不是允许的取值 ({allowed})")
    if isinstance(value, int | float) and not isinstance(value, bool):
        low, high = spec.minimum, spec.maximum
        if (low is not None and Decimal(str(value)) < low) or (
                high is not None and Decimal(str(value)) > high):
            raise InputError(f"{name}: {value} 超出允许范围 [{low}, {high}]")


def _check_points(node: Node | None, key: str, decided: Decided) -> None:
    if node is None:
        raise InputError(f"{key}: 评分细则中没有这一指标 (not an item of this rubric)")
    if decided.points is None:
        raise InputError(f"{key}: 请给出分值 (points are needed)")
    points = Decimal(str(decided.points))
    if not 0 <= points <= node.maximum:
        raise InputError(f"{key}: {decided.points:g} 分不在 0-{node.maximum} 分之内")
    step = getattr(node, "step", None)
    if step and points % step != 0:
        raise InputError(f"{key}: {decided.points:g} 分不是 {step.normalize()} 分的整数倍")
    if isinstance(node, ExpertNode) and node.tiers:
        fits = [t for t in node.tiers if t.min <= points <= t.max]
        if not fits:
            tiers = "，".join(f"{t.label} {t.min}-{t.max}" for t in node.tiers)
            raise InputError(f"{key}: {decided.points:g} 分不在任何一档内（{tiers}）")
        if decided.tier and decided.tier not in {t.label for t in fits}:
            raise InputError(f"{key}: {decided.points:g} 分不属于{decided.tier}")


def record(store: Store, rubric: Rubric, reviewer: str, decisions: Sequence[Decision],
           source: Source, guard: Guard | None = None) -> int:
    """Validate every decision, then write them all in one transaction: all or none. `guard`,
    run inside that transaction, returns the decisions to write (or raises to write none)."""
    _require_reviewer(reviewer)
    found = _suggestions_by_id(store, rubric.id, [d.suggestion_id for d in decisions])
    for decision in decisions:
        validate(rubric, found[decision.suggestion_id], decision)
    _authorise(store, rubric, reviewer, {s.submission for s in found.values()}, source)
    return insert_decisions(store, rubric.id, reviewer,
                            [(found[d.suggestion_id], d) for d in decisions], source, guard)


def _suggestions_by_id(store: Store, rubric_id: str, ids: Sequence[int]) -> dict[int, Suggestion]:
    found = suggestions_by_id(store, rubric_id, ids)
    for sid in ids:
        if sid not in found:
            raise InputError(f"没有编号为 {sid} 的建议 (no suggestion {sid} for {rubric_id})")
    return found


def _require_reviewer(reviewer: str) -> None:
    if not reviewer.strip():
        raise InputError("请用 --reviewer 写明复核人 (a reviewer name is required)")


def _authorise(store: Store, rubric: Rubric, reviewer: str, submissions: set[str],
               source: Source) -> None:
    """Whether a named reviewer may decide on these submissions: anyone, without a panel; under a
    panel, experts on their own assignments only, and only the 组长 resolves."""
    if panel_active(store, rubric.id):
        _check_panel(store, rubric, reviewer.strip(), submissions, source)


def _check_panel(store: Store, rubric: Rubric, reviewer: str, submissions: set[str],
                 source: Source) -> None:
    role = reviewer_role(store, reviewer)
    if source == "lead":
        if role != "lead":
            raise InputError(f"{reviewer} 不是评审组组长，不能裁定分歧 (only the 组长 resolves)")
        return
    if role is None:
        raise InputError(f"{reviewer} 不在评审专家名单中：先运行 intake reviewers import")
    for sid in sorted(submissions):
        if reviewer not in assigned_reviewers(store, rubric.id, sid):
            raise InputError(f"{reviewer} 未被分配评审 {submission_path(store, sid)}"
                             "（回避或未分配），本次未记录任何决定")


def accept_all(store: Store, rubric: Rubric, reviewer: str, submission: str | None = None) -> int:
    """A deliberate bulk acceptance of every pending suggestion, recorded as such; under a panel,
    of the reviewer's own assignments. Items that take a reviewer's points and have none
    suggested stay pending: accepting "nothing found" there would give 0 points nobody judged.

    Every decision is validated before any is written, and all are written in one transaction,
    as record() does; but the suggestions are read twice, streamed, and only their ids kept in
    between (read a few hundred at a time to be written), so memory does not grow with the
    batch."""
    chosen: list[tuple[int, str]] = []  # (suggestion id, submission), in the pending order
    for item in iter_pending(store, rubric.id, submission, reviewer=reviewer):
        if not needs_points(rubric, item.suggestion):
            validate(rubric, item.suggestion, _bulk(item.id, item.suggestion))
            chosen.append((item.id, item.submission))
    if not chosen:
        return 0
    _require_reviewer(reviewer)
    _authorise(store, rubric, reviewer, {sid for _, sid in chosen}, "accept_all")
    ids = [sid for sid, _ in chosen]
    del chosen
    return insert_decision_batches(store, rubric.id, reviewer, _bulk_batches(store, rubric, ids),
                                   "accept_all")


BULK_BATCH = 500  # suggestions read and written together by a bulk acceptance


def _bulk_batches(store: Store, rubric: Rubric,
                  ids: list[int]) -> Iterator[list[tuple[Suggestion, Decision]]]:
    for start in range(0, len(ids), BULK_BATCH):
        chunk = ids[start:start + BULK_BATCH]
        found = _suggestions_by_id(store, rubric.id, chunk)
        yield [(found[sid], _bulk(sid, found[sid])) for sid in chunk]


def awaiting_points(store: Store, rubric: Rubric, submission: str | None = None) -> int:
    """How many pending items wait for a reviewer's points (what a bulk acceptance leaves)."""
    return remaining(store, rubric, pending(store, rubric.id, submission))


def _bulk(suggestion_id: int, suggestion: Suggestion) -> Decision:
    # Accepting "no evidence found" confirms there is none: the fact is unknown, the item 0 分.
    found = suggestion.status == "suggested"
    return Decision(suggestion_id=suggestion_id, action="bulk_accept" if found else "no_evidence",
                    decided=as_suggested(suggestion) if found else Decided(),
                    reason="批量接受 (--accept-all)")
