"""Yes/no facts a school's self-assessment states in words (逊克 school rubric): "建有资产账",
"尚未建立校本资源库". One table (STATEMENTS) says, per fact, what names the thing; one reader
decides per sentence whether it is stated, denied, or neither.

Neither, by design: the rubric's own text quoted in a report ("建有…记2分，否则不记分"), goals and
plans ("下一步将建立…", "应开展…"), a condition or a leader's words, and the thing done by another
body ("县教育局网站"): the same classes of wording as the Hebei rules, from one module
(modality), asked about the clause of the topic. A denial
("未…", "尚未…", "没有…", "…尚不健全") gives False; a statement gives True; a report that does
both is shown with both quotes and the denial decides, at a lower confidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.facts import modality
from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.modality import DIRECTIVE, RUBRIC_QUOTE
from extractors.facts.text import Sentence, clause_at

DENIAL = re.compile(
    r"(?:未|没有|没|尚未|暂未|暂无|尚无|并未|无|缺少|缺乏|未能|不能|从未)[^，,。；;]{0,18}$"
)
WEAK_AFTER = re.compile(
    r"^[^，,。；;]{0,10}"
    r"(?:尚不健全|不健全|不完善|有待完善|有待健全|不够|不到位|缺失|欠缺|较少|不足|滞后)"
    # the thing named first, then said not yet made: "奖惩办法尚未制定"
    r"|^[^，,。；;]{0,6}(?:尚未|暂未|还未|仍未|还没有|未)(?:制定|建立|出台|形成|建成)"
    # still a draft: "奖惩办法目前还在征求意见" is not yet made
    r"|^[^，,。；;]{0,6}(?:还在|仍在|正在|尚在|还处于)(?:征求意见|起草|酝酿|讨论|拟定)"
)
INNER_DENIAL = re.compile(r"未|没有|尚未|暂未|并未")
# A row's value that opens by denying its label's thing was set up or made.
ROW_DENIAL = re.compile(r"^\s*(?:未|没有|尚未|暂未|暂无|无|并未)(?:单独|专门|正式)?"
                        r"(?:设立|成立|建立|设置|组建|建成|建|设|制定|配备)")
MAX_CITES = 3
# An inspection's findings ("检查组…指出我校存在…没有经费账等问题"): the state before the report's
# rectification, which a later sentence saying it done ("补建了…经费账") supersedes.
FINDINGS = re.compile(r"(?:指出|反馈|发现|查出)[^。；;]{0,20}存在[^。；;]*问题")
# A higher body as the subject of an earlier clause: "县教育局本学期对全县班班通应用情况进行了抽查，
# 全县共抽查课堂120节" — its later clauses that do not name the school go on about the county's
# doing, not the school's. A basis ("按照县教育局部署，学校…") is not its subject.
HIGHER_HEAD = re.compile(r"^(?:(?!按照|根据|依据|遵照)[^，,。；;]){0,6}?(?:县|市|省)?"
                         r"(?:教育局|教体局|教育体育局|教育厅|教育部|进修学校|电教馆|县局|市局)")
SCHOOL_NAMED = re.compile(r"学校|我校|本校|全校")
# A matter put on a meeting's agenda ("四、研究校本数字资源库建设"): the clause opens with the
# verb of a discussion, not yet done; "研究制定了…", "经研究，…" state what was decided.
AGENDA = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、．.]|\d+[、．.]"
                    r"|[（(][一二三四五六七八九十\d]+[)）])?\s*(?:议题[：:])?(?:研究|讨论|审议|商议|商讨|研讨)(?![^，,。；;]*(?:了|已))")


@dataclass(frozen=True)
class Statement:
    """What names one yes/no fact in a sentence."""

    what: str  # Chinese, for the rationale: 信息化办公室
    topic: re.Pattern[str]
    also: re.Pattern[str] | None = None  # must also stand in the sentence
    not_ours: re.Pattern[str] | None = None  # before the topic in its clause: another body's
    skip: re.Pattern[str] | None = None  # sentences that name the topic but are about other things
    contrary: re.Pattern[str] | None = None  # a sentence that says the opposite ("故障较多")
    goal_words: re.Pattern[str] | None = None  # None: modality.unstated


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
        if match.end() <= sentence.label_end:
            # a table row's label ("奖励加分") names the row's topic and states nothing, but
            # a value that denies it is made ("信息化办公室 | 未单独设立，由教务处代管") says no
            if ROW_DENIAL.match(text[sentence.label_end:]):
                return False, match
            continue
        if re.match(r"方面[，,：:]", text[match.end():]):
            # "奖惩方面，学校还没有制定…": the aspect named as a heading, stating nothing (not
            # "资产账方面存在不足", a weakness said of it)
            continue
        start, clause = clause_at(sentence, match.start())
        before, after = clause[: match.start() - start], text[match.end():]
        if AGENDA.match(clause):
            continue
        if spec.not_ours and (spec.not_ours.search(before)
                              or _higher_body_reaches(sentence, start, before)):
            continue
        # Not a fact of the school (a goal, plan, requirement, condition, speech, other body):
        # neither stated nor denied. A spec whose topic is itself a requirement (教师应用的要求)
        # gives its own narrower goal words.
        if spec.goal_words is None:
            if modality.unstated(sentence, match.start()):
                continue
        elif any(g.start() < len(before) for g in spec.goal_words.finditer(clause)):
            continue
        # A denial before the topic, inside a topic that spans clauses ("帐号由个人保管，未实行
        # 专人管理"), or a weakness right after it.
        if DENIAL.search(before) or INNER_DENIAL.search(match.group(0)) or WEAK_AFTER.search(after):
            return False, match
        if modality.REQUIREMENT.search(match.group(0)):
            continue  # "帐号密码应专人管理": a rule stated, not a fact
        return True, match
    return None


def _higher_body_reaches(sentence: Sentence, start: int, before: str) -> bool:
    """An earlier clause opens with a higher body, and from it to the topic the school is not
    named: the topic is that body's doing (HIGHER_HEAD)."""
    head = None
    for other_start, other in sentence.clauses():
        if other_start >= start:
            break
        if other_start < sentence.label_end:
            continue
        if HIGHER_HEAD.match(other):
            head = other_start
        elif head is not None and SCHOOL_NAMED.search(other):
            head = None
    return head is not None and not SCHOOL_NAMED.search(
        sentence.text[head:start]) and not SCHOOL_NAMED.search(before)


def _rectified(denied: Sentence, said: list[Sentence]) -> bool:
    """The denial is an inspection's finding that a later sentence says was put right."""
    return bool(FINDINGS.search(denied.text)) and any(
        s.document is denied.document and s.index > denied.index for s in said)


def stated(spec: Statement, sentences: list[Sentence]) -> Evidence:
    """The fact as the sentences state it: True, False or no evidence."""
    readings = [(s, r) for s in sentences if (r := _reading(s, spec))]
    said = [s for s, (value, _) in readings if value]
    denied = [s for s, (value, _) in readings if not value and not _rectified(s, said)]
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
