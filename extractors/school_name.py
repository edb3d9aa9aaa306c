"""The school a self-assessment report (自评报告) is from, read from its title or opening.

Xunke's programme has no 申报表: the report names the school in its title ("逊克县第一中学
2018年教育信息化工作自评报告") or in its first sentences ("我校（逊克县干岔子乡中心学校）…",
"奇克镇中心学校现有教学班18个…"). This is a guess from text; reviewers correct it.
"""

from __future__ import annotations

import re

# A school's name: a place and a school word at its end (中学, 小学, 中心学校, 九年一贯制学校 …).
_SCHOOL = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,20}?(?:九年一贯制学校|完全中学|中心学校|中心小学|中心校|"
    r"高级中学|初级中学|职业技术学校|职业中学|实验学校|实验小学|中学|小学|学校))")
# Words before the name that are not part of it, and what a title adds after it.
_LEAD = re.compile(r"^(?:关于|我校|本校|[（(])+")
_OPENING_CHARS = 300


def school_name(text: str) -> str | None:
    """The school named by the report's first line, else by its opening; None if neither does."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for candidate in (lines[:1], lines[1:4]):
        found = _SCHOOL.search(_LEAD.sub("", " ".join(candidate))[:_OPENING_CHARS])
        if found:
            return _clean(found.group("name"))
    return None


def _clean(name: str) -> str:
    # "我校逊克县第一中学" / "关于逊克县第一中学" lose their lead words; a year or a full stop
    # before the name ends the part that is not it.
    name = _LEAD.sub("", name)
    return re.split(r"[0-9０-９]+\s*年度?|[、，。（）()]", name)[-1] or name
