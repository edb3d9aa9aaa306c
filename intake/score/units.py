"""Who a submission is from: unit name, level (市校, 县级开放大学, 省校部门) and city.

Read from the form's fields (单位/部门名称, 通讯地址, 所在单位) with the city names of the
programme's quota table. A guess is marked as such; reviewers correct it when they confirm.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from intake.catalog import programme_rubrics
from rubric import Rubric
from rubric.model import UnitLevel
from rubric.strict import Strict

# "正定县开放大学" and "桥西区开放大学" are county level.
_COUNTY = re.compile(r"[\u4e00-\u9fff]{1,6}(县|区|旗)(开放大学|广播电视大学|电大|分校)")
_PROVINCE_SCHOOL = ("河北开放大学", "省校")
_NAME_FIELDS = ("单位/部门名称", "所在单位", "学校名称")
# Every form field this module reads: all that scoring keeps of a submission's fields (a 5 000
# batch's 突出事迹简介 and the rest are not held while it is scored).
UNIT_FIELDS = (*_NAME_FIELDS, "通讯地址", "单位意见", "姓名", "性别", "出生年月", "职称/职务")
_DATE = re.compile(r"(20\d\d)\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})")


class Person(Strict):
    """The applicant of a 先进个人 form (附件4): the unit of an individual programme."""

    name: str
    sex: str = ""
    born: str = ""
    post: str = ""  # 职称/职务


class UnitProfile(Strict):
    name: str  # the unit: 单位/部门名称, 所在单位 (of a person), 学校名称
    level: UnitLevel
    city: str
    guessed: bool = True
    person: Person | None = None

    @property
    def label(self) -> str:
        """What a reviewer reads as "who": the person and their unit, or the unit; a school's
        name read from its report is marked as the guess it is."""
        if self.person:
            return f"{self.person.name}（{self.name}）"
        return f"{self.name}（推断）" if self.level == "school" and self.guessed else self.name


def profile(fields: Mapping[str, str | None], cities: Iterable[str], fallback: str) -> UnitProfile:
    """The unit behind a form, `fallback` (the folder name) naming it when the form does not."""
    name = next((fields[f] for f in _NAME_FIELDS if fields.get(f)), None) or fallback
    address = fields.get("通讯地址") or ""
    city = next((c for c in cities if c in name or c in address), "")
    return UnitProfile(name=name.strip(), level=_level(name, city), city=city)


def _level(name: str, city: str) -> UnitLevel:
    if _COUNTY.search(name):
        return "county"
    if any(name.startswith(p) for p in _PROVINCE_SCHOOL):
        return "department"
    return "city" if city else "county"


def form_date(fields: dict[str, str | None]) -> dt.date | None:
    """The date written in 单位意见 (2024年10月12日, 2024.10.12, 2024-10-12), if any."""
    match = _DATE.search(fields.get("单位意见") or "")
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def unit_for(rubric: Rubric, fields: Mapping[str, str | None], path: str) -> UnitProfile:
    """The unit behind a submission to this rubric: cities from the programme's quota table, the
    folder name when the form names no unit, and every Xunke submission a school."""
    cities = [q.city for r in programme_rubrics(rubric.programme) for q in r.quotas]
    found = profile(fields, cities, fallback=Path(path).name)
    if rubric.subject == "school":
        return found.model_copy(update={"level": "school"})
    if rubric.subject == "individual":
        return found.model_copy(update={"person": person(fields)})
    return found


def person(fields: Mapping[str, str | None]) -> Person | None:
    """The applicant named by a 先进个人 form; None when the form names nobody."""
    name = (fields.get("姓名") or "").strip()
    if not name:
        return None
    return Person(name=name, sex=(fields.get("性别") or "").strip(),
                  born=(fields.get("出生年月") or "").strip(),
                  post=(fields.get("职称/职务") or "").strip())
