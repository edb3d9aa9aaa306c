"""先进个人 评选条件 (Hebei 2024, 二（二）1-4) and `it_post`: heuristic suggestions, with citations.

Each condition is a bool fact a reviewer confirms (met / not met); the rules only point, always
labelled heuristic, with their reasons. Per condition a lexicon names its *topic* (what the
condition is about: 骨干作用, 创新举措, 服务保障, 自编软件 …); a topic sentence of the
突出事迹简介 or the 事迹材料 is a *signal* when it also states a concrete result (a number with a
measure word, or a result word such as 推广, 缩短, 获评), and a *mention* otherwise:

- at least one signal → met (true), citing the signals;
- mentions only → not met (false): the material claims it but shows no result;
- nothing on the topic → no evidence: the rule cannot tell.

`it_post` (信息化岗位人员) is read from the form: the cell after 职称/职务 or 所在单位 naming an IT
post or unit (信息技术中心, 平台运维, 网络管理 …) → true; a teaching or other post → false.
Condition 4 applies only to 非信息化岗位人员; the rubric, not this module, decides that.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.numbers import find_numbers
from extractors.facts.text import Sentence

MAX_CITATIONS = 4
_MEASURES = {"次", "人次", "人", "场", "个", "门", "项", "篇", "份", "台", "套", "万", "条", "所",
             "期", "节", "课时", "小时", "天", "名", "部", "册", "种", "家", "校"}
_RESULTS = re.compile(r"推广|缩短|提升|提高|节约|节省|获评|荣获|获得|评为|采用|上线|投入使用|"
                      r"覆盖|实现|零故障|无故障|通过")


@dataclass(frozen=True)
class ConditionLexicon:
    condition: str  # "1" … "4"
    subject: str  # what the rationale calls it
    topic: re.Pattern[str]


LEXICONS = {
    "criterion_1": ConditionLexicon("1", "爱岗敬业、发挥骨干作用、工作成绩", re.compile(
        r"爱岗敬业|事业心|骨干|牵头|主持|负责|承担|主要完成人|长期从事|扎根|坚守")),
    "criterion_2": ConditionLexicon("2", "信息化工作的创新举措与突破性成果", re.compile(
        r"创新|首创|率先|首次|突破|自主开发|自主研发|研发|自编|开发了|设计开发|新模式|专利|"
        r"软件著作权|一网通")),
    "criterion_3": ConditionLexicon(
        "3", "任劳任怨、无私奉献，信息化服务保障或数字化资源建设", re.compile(
        r"任劳任怨|不畏艰难|无私奉献|加班|节假日|深夜|通宵|连续|值守|保障|运维|巡检|抢修|"
        r"数字化资源|课程资源|微课|资源建设|录制|网络课程")),
    "criterion_4": ConditionLexicon("4", "自编软件、应用推广、图书教材（电子）管理等方面的贡献",
                                    re.compile(r"自编|自主开发|编写|软件|小程序|应用推广|推广使用|"
                                               r"电子教材|电子图书|数字图书|图书|教材")),
}


def _concrete(sentence: Sentence) -> str | None:
    """The concrete result a sentence states: a counted number, or a result word."""
    for number in find_numbers(sentence.text):
        if not number.ordinal and (number.unit in _MEASURES or number.percent):
            return number.text
    found = _RESULTS.search(sentence.text)
    return found.group() if found else None


def _shown(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def condition_rule(fact: str) -> Callable[[list[Sentence]], Evidence]:
    """The rule of one condition fact (criterion_1 … criterion_4)."""
    lexicon = LEXICONS[fact]

    def rule(sentences: list[Sentence]) -> Evidence:
        topical = [s for s in sentences if lexicon.topic.search(s.text)]
        signals = [(s, r) for s in topical if (r := _concrete(s))]
        if signals:
            shown = "；".join(f"“{_shown(s.text)}”（{r}）" for s, r in signals[:MAX_CITATIONS])
            return Evidence(value=True, confidence=0.45 if len(signals) > 1 else 0.35,
                            heuristic=True,
                            citations=[s.cite() for s, _ in signals[:MAX_CITATIONS]],
                            rationale=f"启发式建议：符合条件{lexicon.condition}。材料有{len(signals)}"
                                      f"处写到{lexicon.subject}并有具体成绩：{shown}。须评审认定。")
        if topical:
            shown = "；".join(f"“{_shown(s.text)}”" for s in topical[:MAX_CITATIONS])
            return Evidence(value=False, confidence=0.3, heuristic=True,
                            citations=[s.cite() for s in topical[:MAX_CITATIONS]],
                            rationale=f"启发式建议：不符合条件{lexicon.condition}。材料写到"
                                      f"{lexicon.subject}，但只有定性描述，未见具体成绩：{shown}。"
                                      "须评审认定。")
        return no_evidence(lexicon.subject,
                           why=f"未在突出事迹简介和事迹材料中找到关于{lexicon.subject}的表述，"
                               f"无法判断是否符合条件{lexicon.condition}，请评审认定。")

    return rule


# ---- 信息化岗位 --------------------------------------------------------------------------------

_POST_LABELS = {"职称/职务", "职称职务", "职务/职称", "职务", "职称", "所在单位", "工作单位"}
_IT_POST = re.compile(r"信息技术中心|信息中心|网络中心|信息化|数据中心|平台运维|运维|网络管理|网管|"
                      r"系统管理|信息管理|网络安全|技术中心|计算机|工程师|技术员")
_OTHER_POST = re.compile(r"讲师|教授|教师|助教|辅导员|图书|馆员|教务|会计|财务|干事|办公室|"
                         r"招生|学籍|教研|校长|书记")
_SPACE = re.compile(r"[\s\u3000:：]")


def _post_cells(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences right after a 职称/职务 or 所在单位 label of a form (the filled cells)."""
    cells = []
    for before, after in pairwise(sentences):
        label = _SPACE.sub("", before.text)
        if label in _POST_LABELS and after.document is before.document:
            cells.append(after)
    return cells


def it_post(sentences: list[Sentence]) -> Evidence:
    cells = _post_cells(sentences)
    it = [c for c in cells if _IT_POST.search(c.text)]
    if it:
        words = "、".join(dict.fromkeys(m.group() for c in it for m in _IT_POST.finditer(c.text)))
        return Evidence(value=True, confidence=0.6, heuristic=True,
                        citations=[c.cite() for c in it],
                        rationale=f"申报表的所在单位或职称/职务写有“{words}”，视为信息化岗位人员"
                                  "（启发式），条件4不适用。")
    other = [c for c in cells if _OTHER_POST.search(c.text)]
    if other:
        shown = "、".join(f"“{c.text}”" for c in other)
        return Evidence(value=False, confidence=0.5, heuristic=True,
                        citations=[c.cite() for c in other],
                        rationale=f"申报表的所在单位和职称/职务为{shown}，未见信息化岗位，视为非信息化"
                                  "岗位人员（启发式），条件4适用。")
    return no_evidence("申报人是否为信息化岗位人员",
                       why="申报表中未找到所在单位或职称/职务，无法判断是否为信息化岗位人员。")


CONDITION_RULES: dict[str, Callable[[list[Sentence]], Evidence]] = {
    **{fact: condition_rule(fact) for fact in LEXICONS}, "it_post": it_post}
