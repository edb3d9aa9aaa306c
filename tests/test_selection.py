"""先进个人: the selection rule over confirmed conditions, the condition heuristics of the rules
extractor, and the school name of a Xunke report. Texts are written in the phrasing of deeds
materials, in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import Block, Document, Location
from extractors.facts.rule_conditions import CONDITION_RULES
from extractors.facts.text import sentences
from extractors.school_name import school_name
from intake.catalog import load_rubric
from rubric.selection import Nominated, choose, frontline, shortlist

RUBRIC = load_rubric("hebei-ou-2024-individual")
MET = {"criterion_1": True, "criterion_3": True}


@pytest.mark.parametrize(("facts", "outcome"), [
    ({**MET, "criterion_2": True}, "recommended"),
    ({**MET, "criterion_2": False, "it_post": False, "criterion_4": True}, "recommended"),
    ({**MET, "criterion_2": False, "it_post": True, "criterion_4": True}, "not_recommended"),
    ({**MET, "criterion_2": False, "criterion_4": True}, "pending"),  # it_post undecided
    ({**MET, "criterion_2": False}, "pending"),  # 4 may still count
    ({"criterion_1": False, "criterion_2": True, "criterion_3": True}, "not_recommended"),
    ({"criterion_1": None, "criterion_2": True, "criterion_3": True}, "not_recommended"),
    ({"criterion_2": True, "criterion_3": True}, "pending"),  # 1 undecided
    ({}, "pending"),
])
def test_result_from_confirmed_conditions(facts: dict[str, object], outcome: str) -> None:
    assert choose(RUBRIC, facts).outcome == outcome


def test_condition_4_is_not_applicable_to_an_it_post() -> None:
    choice = choose(RUBRIC, {**MET, "criterion_2": True, "criterion_4": True, "it_post": True})
    assert choice.answers["4"] == "not_applicable" and choice.met == ["1", "2", "3"]


def test_frontline_is_a_county_unit_or_a_post_without_management() -> None:
    assert frontline(RUBRIC, "county", "校长")
    assert frontline(RUBRIC, "city", "讲师")
    assert not frontline(RUBRIC, "city", "信息技术中心主任")


def test_shortlist_follows_the_quota_table_and_puts_the_recommended_first() -> None:
    def person(name: str, city: str, facts: dict[str, object]) -> Nominated:
        return Nominated(submission=name, name=name, unit=f"{city}开放大学", post="讲师",
                         city=city, level="city", frontline=True, choice=choose(RUBRIC, facts))

    lists = shortlist(RUBRIC, [person("甲", "唐山", {}), person("乙", "石家庄", {}),
                               person("丙", "唐山", {**MET, "criterion_2": True}),
                               person("丁", "", {})])
    assert [(c.city, c.quota) for c in lists] == [("石家庄", 2), ("唐山", 5), ("", None)]
    assert [p.name for p in lists[1].people] == ["丙", "甲"]
    assert len(lists[1].recommended) == 1 and lists[1].frontline_share == 100


def _document(*lines: str) -> Document:
    text, blocks, at = "", [], 0
    for line in lines:
        blocks.append(Block(kind="paragraph", start=at, end=at + len(line), location=Location()))
        text += line + "\n"
        at = len(text)
    return Document(path="事迹材料.docx", sha256="0" * 64, format="docx", text=text,
                    blocks=blocks)


def _suggest(fact: str, *lines: str) -> object:
    document = _document(*lines)
    evidence = CONDITION_RULES[fact](sentences(document))
    for citation in evidence.citations:
        assert document.text[citation.start:citation.end] == citation.quote
    return evidence


def test_a_condition_with_a_concrete_result_is_suggested_met() -> None:
    evidence = _suggest("criterion_2", "她主导研发了网上报名审核系统，审核时间由三天缩短为两小时。")
    assert evidence.value is True and evidence.heuristic and evidence.citations


def test_praise_without_a_result_is_suggested_not_met() -> None:
    evidence = _suggest("criterion_1", "该同志爱岗敬业，工作认真负责，得到大家的好评。")
    assert evidence.value is False and "只有定性描述" in evidence.rationale


def test_nothing_on_the_topic_cannot_tell() -> None:
    evidence = _suggest("criterion_4", "该同志团结同事，服从安排。")
    assert evidence.status == "no_evidence" and evidence.value is None


def test_it_post_is_read_from_the_post_cell_of_the_form() -> None:
    it = _suggest("it_post", "所在单位", "邢台开放大学", "职称/职务", "网络中心技术员")
    assert it.value is True and it.citations[0].quote == "网络中心技术员"
    other = _suggest("it_post", "所在单位", "邢台开放大学", "职称/职务", "招生办干事")
    assert other.value is False


@pytest.mark.parametrize(("text", "name"), [
    ("逊克县车陆乡中心学校2018年信息化工作自评报告\n一、基本情况", "逊克县车陆乡中心学校"),
    ("自评报告\n我校（逊克县松树沟九年一贯制学校）始建于1962年。", "逊克县松树沟九年一贯制学校"),
    ("信息化工作自查报告\n逊克县第二小学现有教学班12个。", "逊克县第二小学"),
    ("自评报告\n今年我们认真落实各项要求。", None),
])
def test_school_name_from_title_or_opening(text: str, name: str | None) -> None:
    assert school_name(text) == name


def test_make_programme_samples_is_byte_stable(tmp_path: Path) -> None:
    import runpy

    script = runpy.run_path(str(Path(__file__).parent.parent / "samples" /
                                "make_programme_samples.py"))
    script["main"](["x", str(tmp_path / "a")])
    script["main"](["x", str(tmp_path / "b")])
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    assert first == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    for part in first:
        if (tmp_path / "a" / part).is_file():
            assert (tmp_path / "a" / part).read_bytes() == (tmp_path / "b" / part).read_bytes()
