"""Numbers as Chinese deeds write them: Arabic, Chinese, percentages, 万, 余, full width."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.facts.numbers import chinese_to_int, find_numbers, parse_number, to_chinese


@pytest.mark.parametrize(
    ("text", "value", "unit", "percent"),
    [
        ("三", 3, "", False),
        ("两", 2, "", False),
        ("十二", 12, "", False),
        ("二十三", 23, "", False),
        ("一百零五", 105, "", False),
        ("三千零五十", 3050, "", False),
        ("一万二千", 12000, "", False),
        ("二〇二四", 2024, "", False),
        ("叁拾", 30, "", False),
        ("三次", 3, "次", False),
        ("两名", 2, "名", False),
        ("十二人", 12, "人", False),
        ("百分之六点四", 6.4, "", True),
        ("百分之十二", 12, "", True),
        ("百分之6.4", 6.4, "", True),
        ("6.4%", 6.4, "", True),
        ("6.4％", 6.4, "", True),
        ("1.2万", 12000, "", False),
        ("2.3万人", 23000, "人", False),
        ("128万元", 1_280_000, "元", False),
        ("1,200人", 1200, "人", False),
        ("１２", 12, "", False),
        ("１２名", 12, "名", False),
        ("6", 6, "", False),
        ("3.5小时", 3.5, "小时", False),
        ("15万人次", 150_000, "人次", False),
    ],
)
def test_every_number_form(text: str, value: float, unit: str, percent: bool) -> None:
    number = parse_number(text)
    assert number is not None
    assert (number.value, number.unit, number.percent) == (value, unit, percent)
    assert not number.approximate


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [("140余场", 140, "余"), ("1000多人", 1000, "多"), ("十余次", 10, "余"), ("十几次", 10, "几"),
     ("近百场", 100, "近"), ("约200人", 200, "约"), ("200人左右", 200, "左右"),
     ("5%以上", 5, "以上"), ("超过5%", 5, "超过")],
)
def test_approximate_numbers_keep_the_stated_value_and_say_why(
    text: str, value: float, qualifier: str
) -> None:
    number = parse_number(text)
    assert number is not None
    assert (number.value, number.qualifier, number.approximate) == (value, qualifier, True)


def test_counting_words_before_a_number_do_not_make_it_approximate() -> None:
    number = parse_number("共3次")
    assert number is not None and (number.value, number.approximate) == (3, False)


def test_ordinals_are_marked() -> None:
    [number] = find_numbers("召开第三次领导小组会议")
    assert number.ordinal and number.value == 3


def test_offsets_point_into_the_original_text_with_full_width_digits() -> None:
    text = "配备专职人员１２名，培训两名教师"
    found = find_numbers(text)
    assert [(n.value, text[n.start : n.end]) for n in found] == [(12, "１２名"), (2, "两名")]


@pytest.mark.parametrize(
    "text",
    ["学校统一部署", "唯一的平台", "进一步提升", "一体化平台", "一部分教师", "千万不能", "万一出现",
     "IPv6改造", "其中之一"],
)
def test_numeral_characters_inside_ordinary_words_are_not_numbers(text: str) -> None:
    assert [n for n in find_numbers(text) if n.unit or n.percent] == []


def test_chinese_to_int_rejects_non_numerals() -> None:
    assert chinese_to_int("学校") is None
    assert chinese_to_int("") is None


@given(st.integers(min_value=0, max_value=99_999))
def test_chinese_numerals_round_trip(number: int) -> None:
    written = to_chinese(number)
    assert chinese_to_int(written) == number
    parsed = parse_number(written + "人")
    assert parsed is not None and parsed.value == number


@pytest.mark.parametrize(("number", "written"), [(0, "零"), (10, "十"), (12, "十二"),
                                                 (105, "一百零五"), (1010, "一千零一十"),
                                                 (20003, "二万零三"), (110000, "十一万")])
def test_to_chinese_writes_as_prose_does(number: int, written: str) -> None:
    assert to_chinese(number) == written
