"""Batch checks from the programme's rules: quotas of individuals (附件2), at least one county-level
collective per city, the deadline (2024-10-18)."""

from __future__ import annotations

import datetime as dt

from intake.catalog import load_rubric
from intake.score.units import form_date
from rubric.batch_checks import Nominee, batch_issues

COLLECTIVE = load_rubric("hebei-ou-2024-collective")
INDIVIDUAL = load_rubric("hebei-ou-2024-individual")


def person(n: int, city: str, dated: dt.date | None = None) -> Nominee:
    return Nominee(submission=f"p{n}", name=f"个人{n}", subject="individual", level="city",
                   city=city, dated=dated)


def collective(n: int, city: str, level: str) -> Nominee:
    return Nominee(submission=f"c{n}", name=f"集体{n}", subject="collective", level=level,
                   city=city)


def codes(rubric: object, nominees: list[Nominee]) -> list[tuple[str, str]]:
    return [(i.code, i.city) for i in batch_issues(rubric, nominees)]  # type: ignore[arg-type]


def test_quota_is_reached_but_not_exceeded() -> None:
    # 石家庄开放大学: 2 名; 定州广播电视大学: 1 名.
    assert codes(INDIVIDUAL, [person(1, "石家庄"), person(2, "石家庄"), person(3, "定州")]) == []
    issues = batch_issues(INDIVIDUAL, [person(i, "石家庄") for i in range(3)])
    assert [(i.code, i.city) for i in issues] == [("quota_exceeded", "石家庄")]
    assert "3名" in issues[0].message and "名额2名" in issues[0].message
    assert set(issues[0].submissions) == {"p0", "p1", "p2"}


def test_collectives_of_a_city_need_a_county_level_unit() -> None:
    city_only = [collective(1, "保定", "city"), collective(2, "保定", "department")]
    assert codes(COLLECTIVE, city_only) == [("no_county_collective", "保定")]
    assert codes(COLLECTIVE, [*city_only, collective(3, "保定", "county")]) == []


def test_deadline_day_itself_is_in_time() -> None:
    on_time = person(1, "唐山", dt.date(2024, 10, 18))
    late = person(2, "唐山", dt.date(2024, 10, 19))
    assert codes(INDIVIDUAL, [on_time]) == []
    assert codes(INDIVIDUAL, [late]) == [("late_submission", "唐山")]


def test_individual_checks_ignore_collectives_and_back() -> None:
    assert codes(INDIVIDUAL, [collective(i, "石家庄", "city") for i in range(5)]) == []
    assert codes(COLLECTIVE, [person(i, "石家庄") for i in range(5)]) == []


def test_form_dates_in_the_ways_applicants_write_them() -> None:
    assert form_date({"单位意见": "同意推荐。签章 2024年10月9日"}) == dt.date(2024, 10, 9)
    assert form_date({"单位意见": "（盖章）2024.10.12"}) == dt.date(2024, 10, 12)
    assert form_date({"单位意见": "日期：2024-9-30"}) == dt.date(2024, 9, 30)
    assert form_date({"单位意见": "签章 日期"}) is None
    assert form_date({"单位意见": "2024年13月40日"}) is None
