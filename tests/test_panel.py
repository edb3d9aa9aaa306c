"""The panel's arithmetic and assignment, checked against numbers worked out by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from intake.panel.assign import Candidate, assign, conflict
from intake.panel.roster import Reviewer, read_roster
from rubric.errors import InputError
from rubric.model import ExpertNode, JudgedNode, Tier
from rubric.panel import Aggregation, aggregate_fact, aggregate_item, zscore_normalise

ITEM = ExpertNode(id="12", kind="expert", maximum=D(10), tiers=(
    Tier(label="第一档", min=D(8), max=D(10)), Tier(label="第二档", min=D(5), max=D(7)),
    Tier(label="第三档", min=D(0), max=D(4))))


def test_three_experts_9_7_8_give_8_and_agree():
    joined = aggregate_item(ITEM, [D(9), D(7), D(8)], Aggregation())
    assert joined.points == D("8.00")
    assert joined.spread == D(2) and not joined.disagreement  # 2 is the width of 第一档
    assert joined.experts == 3 and "3位专家的平均分" in joined.rule


def test_spread_wider_than_the_tier_waits_for_the_lead():
    joined = aggregate_item(ITEM, [D(10), D(5), D(9)], Aggregation())
    assert joined.points == D("8.00") and joined.spread == D(5) and joined.disagreement


def test_five_experts_drop_the_highest_and_lowest():
    joined = aggregate_item(ITEM, [D(10), D(9), D(8), D(7), D(2)], Aggregation())
    assert joined.points == D("8.00")  # (9 + 8 + 7) / 3, the 10 and the 2 dropped
    assert "去掉最高、最低各1个" in joined.rule
    assert aggregate_item(ITEM, [D(10), D(9), D(7), D(2)], Aggregation()).points == D("7.00")


def test_mean_rounds_half_up_to_cents():
    assert aggregate_item(ITEM, [D(8), D(8), D(9)], Aggregation()).points == D("8.33")
    assert aggregate_item(ITEM, [D(8), D(9), D(9)], Aggregation()).points == D("8.67")


def test_judged_item_spread_is_a_share_of_its_maximum():
    node = JudgedNode(id="2.2", kind="judged", maximum=D(5))
    assert not aggregate_item(node, [D(3), D(4)], Aggregation()).disagreement  # 1 ≤ 20% of 5
    assert aggregate_item(node, [D(2), D(4)], Aggregation()).disagreement


def test_facts_count_only_when_the_experts_agree():
    agreed = aggregate_fact("it_staff", [4, 4, 4])
    assert agreed.value == 4 and not agreed.disagreement
    split = aggregate_fact("it_staff", [4, 3, 4])
    assert split.value is None and split.disagreement and split.values == (4, 3, 4)


def test_zscore_removes_a_harsh_experts_offset():
    # A gives 9 and 7, B gives 6 and 4: the same judgement, B three points harsher throughout.
    # Shares .9 .7 .6 .4: panel mean .65, sd √.0325; each expert's z is +1 / −1, so both map to
    # (.65 ± .18028) × 10 = 8.30 and 4.70.
    scored = {("A", "s1", "12"): D(9), ("A", "s2", "12"): D(7),
              ("B", "s1", "12"): D(6), ("B", "s2", "12"): D(4)}
    normal = zscore_normalise(scored, {"12": D(10)})
    assert normal[("A", "s1", "12")] == normal[("B", "s1", "12")] == D("8.30")
    assert normal[("A", "s2", "12")] == normal[("B", "s2", "12")] == D("4.70")


def _experts(*specs: tuple[str, str, str]) -> list[Reviewer]:
    return [Reviewer(name=n, unit=u, city=c) for n, u, c in specs]


CITIES = ("石家庄", "唐山", "保定", "沧州")


def _candidates(count: int) -> list[Candidate]:
    return [Candidate(submission=f"s{i}", path=f"{CITIES[i % 4]}-{i}",
                      unit=f"{CITIES[i % 4]}开放大学", city=CITIES[i % 4]) for i in range(count)]


def test_nobody_reviews_their_own_unit_or_city_and_loads_stay_within_one():
    experts = _experts(("甲", "石家庄开放大学", "石家庄"), ("乙", "唐山开放大学", "唐山"),
                       ("丙", "保定开放大学", "保定"), ("丁", "沧州开放大学", "沧州"),
                       ("戊", "河北开放大学", "省校"))
    candidates = _candidates(10)
    done = assign(experts, candidates, 3, ("same_unit", "same_city"))
    by_id = {c.submission: c for c in candidates}
    roster = {r.name: r for r in experts}
    for a in done:
        assert len(set(a.reviewers)) == 3
        assert all(conflict(roster[n], by_id[a.submission], ("same_unit", "same_city")) is None
                   for n in a.reviewers)
    loads = [sum(n in a.reviewers for a in done) for n in roster]
    assert sum(loads) == 30 and max(loads) - min(loads) <= 1


def test_a_department_of_the_reviewers_institution_is_their_own_unit():
    reviewer = Reviewer(name="甲", unit="唐山开放大学", city="唐山")
    candidate = Candidate(submission="x", path="p", unit="唐山开放大学信息中心", city="")
    assert "唐山开放大学" in (conflict(reviewer, candidate, ("same_unit",)) or "")


def test_barely_possible_roster_is_assigned():
    # Four experts, one of each city: each submission has exactly three eligible experts.
    experts = _experts(*[(n, f"{c}开放大学", c) for n, c in zip("甲乙丙丁", CITIES, strict=True)])
    done = assign(experts, _candidates(4), 3, ("same_unit", "same_city"))
    assert [len(a.reviewers) for a in done] == [3, 3, 3, 3]


def test_impossible_roster_assigns_nothing_and_names_the_submission():
    experts = _experts(("甲", "石家庄开放大学", "石家庄"), ("乙", "唐山开放大学", "唐山"),
                       ("丙", "保定开放大学", "保定"))
    with pytest.raises(InputError) as caught:
        assign(experts, _candidates(4), 3, ("same_unit",))
    message = str(caught.value)
    assert "未做任何分配" in message and "石家庄-0" in message and "只有 2 位" in message
    assert "甲 与申报单位同属 石家庄开放大学" in message
    assert "沧州-3" not in message  # 沧州 has all three experts


def test_leads_are_not_assigned_as_experts():
    experts = [*_experts(("甲", "A", ""), ("乙", "B", "")),
               Reviewer(name="组长", unit="C", role="lead")]
    done = assign(experts, _candidates(3), 2, ())
    assert all("组长" not in a.reviewers for a in done)


def test_roster_reads_gbk_csv_and_xlsx(tmp_path):
    text = "姓名,单位,城市,角色\n张三,唐山开放大学,唐山,专家\n李四,河北开放大学,石家庄,组长\n"
    gbk = tmp_path / "名单.csv"
    gbk.write_bytes(text.encode("gbk"))
    assert [(r.name, r.role) for r in read_roster(gbk)] == [("张三", "expert"), ("李四", "lead")]
    from openpyxl import Workbook
    book = Workbook()
    for row in text.splitlines():
        book.active.append(row.split(","))
    book.save(tmp_path / "名单.xlsx")
    assert read_roster(tmp_path / "名单.xlsx") == read_roster(gbk)


def test_roster_refuses_unknown_roles_and_twice_the_same_name(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,单位,角色\n张三,唐山开放大学,主任\n", encoding="utf-8")
    with pytest.raises(InputError, match="应为“专家”或“组长”"):
        read_roster(bad)
    bad.write_text("name,unit\n张三,A\n张三,B\n", encoding="utf-8-sig")
    with pytest.raises(InputError, match="姓名重复：张三"):
        read_roster(bad)
