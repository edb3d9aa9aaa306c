"""Yes/no facts a school's self-assessment states in words (逊克 school rubric): "建有资产账",
"尚未建立校本资源库". One table (STATEMENTS) says, per fact, what names the thing; one reader
decides per sentence whether it is stated, denied, or neither.

Neither, by design: the rubric's own text quoted in a report ("建有…记2分，否则不记分"), goals and
plans ("下一步将建立…", "应开展…"), and the thing done by another body ("县教育局网站"). A denial
("未…", "尚未…", "没有…", "…尚不健全") gives False; a statement gives True; a report that does
both is shown with both quotes and the denial decides, at a lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.text import Sentence, clause_at

# The rubric quoted back (each self-assessment item often starts by restating it).
RUBRIC_QUOTE = re.compile(r"记\s*\d+(?:\.\d+)?\s*分|不记分|酌情记分|否则|每项记|扣完为止|分值")
# A higher body's instruction to all schools, not what this school did: "会议要求各校…".
DIRECTIVE = re.compile(
    r"要求各(?:校|学校|单位|中小学)|各校(?:应|要|须|务必)|会议要求|通知要求|县教育局要求"
)
# 应 but not 应用 (教师应用班班通), 将 but not 将…纳入 (a measure taken, not a plan).
GOAL = re.compile(
    r"将要|将(?![^，,。；;]{0,12}纳入)|计划|拟|争取|力争|下一步|下阶段|应当|应(?![用急对])|须|必须|务必|"
    r"要求各|努力|确保|争创|申报"
)
DENIAL = re.compile(
    r"(?:未|没有|没|尚未|暂未|暂无|尚无|并未|无|缺少|缺乏|未能|不能|从未)[^，,。；;]{0,18}$"
)
WEAK_AFTER = re.compile(
    r"^[^，,。；;]{0,10}"
    r"(?:尚不健全|不健全|不完善|有待完善|有待健全|不够|不到位|缺失|欠缺|较少|不足)"
)
INNER_DENIAL = re.compile(r"未|没有|尚未|暂未|并未")
INNER_GOAL = re.compile(r"应(?![用急对])|须|务必")
MAX_CITES = 3


@dataclass(frozen=True)
class Statement:
    """What names one yes/no fact in a sentence."""

    what: str  # Chinese, for the rationale: 信息化办公室
    topic: re.Pattern[str]
    also: re.Pattern[str] | None = None  # must also stand in the sentence
    not_ours: re.Pattern[str] | None = None  # before the topic in its clause: another body's
    skip: re.Pattern[str] | None = None  # sentences that name the topic but are about other things
    contrary: re.Pattern[str] | None = None  # a sentence that says the opposite ("故障较多")
    goal_words: re.Pattern[str] = GOAL


def _reading(sentence: Sentence, spec: Statement) -> tuple[bool, re.Match[str]] | None:
    """(True: stated, False: denied) for the first clear mention in the sentence."""
    text = sentence.text
    if RUBRIC_QUOTE.search(text) or DIRECTIVE.search(text):
        return None
    if spec.also and not spec.also.search(text):
        return None
    if spec.skip and spec.skip.search(text):
        return None
    contrary = spec.contrary.search(text) if spec.contrary else None
    if contrary:
        return False, contrary
    for match in spec.topic.finditer(text):
        start, clause = clause_at(sentence, match.start())
        before, after = clause[: match.start() - start], text[match.end():]
        if spec.not_ours and spec.not_ours.search(before):
            continue
        # A denial before the topic, inside a topic that spans clauses ("帐号由个人保管，未实行
        # 专人管理"), or a weakness right after it.
        if DENIAL.search(before) or INNER_DENIAL.search(match.group(0)) or WEAK_AFTER.search(after):
            return False, match
        # Goal words before the topic, read with the clause after them ("将…纳入考核" is done).
        if any(g.start() < len(before) for g in spec.goal_words.finditer(clause)):
            continue
        if INNER_GOAL.search(match.group(0)):
            continue  # "帐号密码应专人管理": a rule stated, not a fact
        return True, match
    return None


def stated(spec: Statement, sentences: list[Sentence]) -> Evidence:
    """The fact as the sentences state it: True, False or no evidence."""
    readings = [(s, r) for s in sentences if (r := _reading(s, spec))]
    said = [s for s, (value, _) in readings if value]
    denied = [s for s, (value, _) in readings if not value]
    if denied:
        cites = [s.cite() for s in (denied + said)[:MAX_CITES]]
        conflict = f"；但材料另有“{said[0].text}”，请核对" if said else ""
        return Evidence(value=False, confidence=0.5 if said else 0.7, citations=cites,
                        rationale=f"材料写明“{denied[0].text}”，{spec.what}：否{conflict}。")
    if said:
        return Evidence(value=True, confidence=0.7, citations=[s.cite() for s in said[:MAX_CITES]],
                        rationale=f"材料写明“{said[0].text}”，{spec.what}：是。")
    return no_evidence(spec.what)


def rule(spec: Statement) -> Callable[[list[Sentence]], Evidence]:
    """A fact rule reading `spec`."""
    def read(sentences: list[Sentence]) -> Evidence:
        return stated(spec, sentences)
    return read
