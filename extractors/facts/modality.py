"""Clauses that do not state a fact of the unit: goals, plans and requirements, conditions, quotes
of the rubric, a leader's or a higher body's instructions, and clauses about another body. One set
of patterns for both programmes: the Hebei rules (rule_group, rule_budget, rule_staff,
rule_security) ask `stated` about the clause of a value; the Xunke readers (rule_statements and
rule_xunke*) ask the same question, or use RUBRIC_QUOTE, DIRECTIVE and INTENT over a sentence.

Real reports mix what the unit did with what it means to do ("下一步将成立…领导小组"), what it must
do ("每学期要召开两次会议"), what it guards against ("守住不发生重大事件的底线"), what happens if
("如发生网络安全事件，应立即上报"), what the rubric says ("由主要领导任组长的得2分") and what it
tells others to do ("指导各分校成立领导小组"). A rule reads a value only from a clause that states
it; a value in any of these classes is not read at all (the reviewer sees "no evidence", never a
value the text does not claim). The check is by class of wording, not by sentence: each class is
one pattern, looked for in the clause before the value.
"""

from __future__ import annotations

import re

from extractors.facts.text import Sentence, clause_at

GOAL_WORDS = r"确保|力争|争取|争创|努力|守住|守牢|杜绝|防止|严防|谨防|避免|以免|目标|旨在"
# 将 alone is often the object marker (学校将网络安全纳入考核), so only 将 before a time or a
# plan word counts; 计划 as a noun (按年度工作计划) does not.
PLAN_WORDS = (r"拟|(?<![作度按学])计划|准备|打算|即将|将要|将于|将会|将继续|将进一步|"
              r"将在(?!线)|将着力|下一步|下阶段|今后|明年|下一年度|预计|设想|规划(?:在|于|到)")
# 应 alone is in 应急、应用、响应、相应; 要 in 主要、重要、纪要、要求.
REQUIREMENT_WORDS = (r"应当|应该|(?<![相反对供适响效呼回])应(?![用急对答届])|必须|"
                     r"(?<!必)须(?!知)|需要|务必|"
                     r"(?<![主重纲摘概提简需只必纪首次扼])要(?![求素点闻害件])")
CONDITION_WORDS = (r"如果|假如|倘若|如若|若(?!干)|一旦|"
                   r"(?<![例比诸假])如(?:$|遇|有|发生|出现|未)|凡是?|只要")
# The unit guiding or urging others: their groups, meetings and staff are not the unit's.
OTHER_BODY_WORDS = (r"(?:指导|督促|要求|推动|帮助|协助|部署|通知|引导)[^，,。；;]{0,4}各|"
                    r"兄弟(?:院校|学校|单位)|外校|其他学校|各县(?:区|市区|（市、区）)")

REQUIREMENT = re.compile(REQUIREMENT_WORDS)
# Each class: what the rationale calls it, and the words that mark it before the value.
CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("目标", re.compile(GOAL_WORDS)),
    ("计划", re.compile(PLAN_WORDS)),
    ("要求", REQUIREMENT),
    ("条件", re.compile(CONDITION_WORDS)),
    ("其他单位", re.compile(OTHER_BODY_WORDS)),
)
# What the unit means or must do (goal, plan or requirement), anywhere before a topic: the Xunke
# readers' test of "not done yet".
INTENT = re.compile(f"{GOAL_WORDS}|{PLAN_WORDS}|{REQUIREMENT_WORDS}")
# A sentence that quotes the rubric's scoring ("…每年召开会议2次以上记5分", "否则不得分",
# "每项记1分，扣完为止"); a self-assessment's own score ("自评5分", "自评得5分") is not one.
RUBRIC_QUOTE = re.compile(r"(?<!自评)(?:记|得|计)\s*[\d.一二两三四五六七八九十]+\s*分|"
                          r"不(?:得|记|计)分|否则|酌情(?:记|给|扣|得)分|评分标准|评价标准|赋分|"
                          r"每项记|扣完为止|分值")
# A higher body's or a meeting's instruction to all schools, not what this school did:
# "会议要求各校…", "各校应…", "县教育局要求…".
DIRECTIVE = re.compile(r"要求各(?:校|学校|单位|中小学)|各校(?:应|要|须|务必)|会议要求|通知要求|"
                       r"(?:县|市|区)?教育局要求")
TITLE = re.compile(r"《[^《》]*》")
# "会议强调，各单位要明确责任，理顺机制，制定相关管理办法": what a leader or a meeting says the
# unit should do, over every clause after it in the sentence. 要求 as a noun ending a clause
# ("对教师提出了明确要求，教务处定期督查") is a fact, not a speech.
SPEECH = re.compile(r"(?:强调|指出|(?<![了确体的出关级格])要求|提出|希望|寄语)[，,：:]")
# "按照市委…要求，学校调整了领导小组": the basis of what the unit did, not a speech.
BASIS = re.compile(r"按照|根据|依据|遵照|依照|按")
# "当网站遭到攻击时，立即…": a condition that spans the value, so the whole clause is looked at.
WHEN = re.compile(r"当(?![前年天地日月然即场选])[^，,。；;]{1,30}时")


def unstated(sentence: Sentence, position: int) -> str | None:
    """Why the value at `position` (relative to the sentence) is not a fact the text states, as
    the class's name, or None when its clause states it."""
    if RUBRIC_QUOTE.search(sentence.text):
        return "评分标准"
    start, clause = clause_at(sentence, position)
    if any(not BASIS.search(sentence.text[: m.start()])
           for m in SPEECH.finditer(sentence.text[:start])):
        return "讲话要求"
    if WHEN.search(clause):
        return "条件"
    before = TITLE.sub("", clause[: position - start])  # 《…须知》 names a document, no more
    for name, pattern in CLASSES:
        if pattern.search(before):
            return name
    return None


def stated(sentence: Sentence, position: int) -> bool:
    return unstated(sentence, position) is None
