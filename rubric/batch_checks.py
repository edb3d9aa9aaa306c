"""Checks over a whole batch that come from a programme's rules: per-city quotas of individuals
(附件2), at least one county-level collective per city, the deadline. Pure functions of data."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from rubric.model import Rubric, UnitLevel
from rubric.strict import Strict


class Nominee(Strict):
    """One submission as the batch checks see it."""

    submission: str
    name: str
    subject: str  # collective | individual | school
    level: UnitLevel
    city: str
    dated: dt.date | None = None  # the date on the form (单位意见) or of receipt


class BatchIssue(Strict):
    code: str
    message: str
    city: str = ""
    submissions: tuple[str, ...] = ()


def quota_issues(rubric: Rubric, nominees: Sequence[Nominee]) -> list[BatchIssue]:
    """Cities with more individuals nominated than their quota allows."""
    if not rubric.quotas:
        return []
    chosen = [n for n in nominees if n.subject == rubric.subject]
    counts = Counter(n.city for n in chosen)
    issues = []
    for quota in rubric.quotas:
        if counts[quota.city] > quota.count:
            named = [n for n in chosen if n.city == quota.city]
            names = "、".join(n.name for n in named)
            issues.append(BatchIssue(
                code="quota_exceeded", city=quota.city,
                submissions=tuple(n.submission for n in named),
                message=f"{quota.unit}推荐先进个人{counts[quota.city]}名（{names}），"
                        f"超过名额{quota.count}名"))
    return issues


def county_issues(rubric: Rubric, nominees: Sequence[Nominee]) -> list[BatchIssue]:
    """Cities whose collectives include fewer county-level units than the programme asks."""
    issues = []
    for check in rubric.batch_checks:
        chosen = [n for n in nominees if n.subject == rubric.subject and n.city]
        for city in sorted({n.city for n in chosen}):
            found = sum(1 for n in chosen if n.city == city and n.level == check.level)
            if found < check.at_least:
                ids = tuple(n.submission for n in chosen if n.city == city)
                issues.append(BatchIssue(
                    code=check.code, city=city, submissions=ids,
                    message=f"{city}推荐的先进集体中县级开放大学{found}个，"
                            f"少于{check.at_least}个（{check.source}）"))
    return issues


def deadline_issues(rubric: Rubric, nominees: Sequence[Nominee]) -> list[BatchIssue]:
    if rubric.deadline is None:
        return []
    return [BatchIssue(code="late_submission", city=n.city, submissions=(n.submission,),
                       message=f"{n.name}的日期{n.dated.isoformat()}晚于截止日期"
                               f"{rubric.deadline.isoformat()}")
            for n in nominees
            if n.subject == rubric.subject and n.dated and n.dated > rubric.deadline]


def batch_issues(rubric: Rubric, nominees: Sequence[Nominee]) -> list[BatchIssue]:
    return [*quota_issues(rubric, nominees), *county_issues(rubric, nominees),
            *deadline_issues(rubric, nominees)]
