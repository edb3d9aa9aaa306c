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

from extractors.document import Document
from extractors.facts.lexicon import SINGLE_YEAR
from extractors.facts.numbers import find_numbers
from extractors.facts.text import Sentence, clause_at, sentence_pieces
from extractors.facts.wraps import soft_wraps

# 申报 a title is not holding it (申报市级示范校); 申报材料 is the submission itself.
GOAL_WORDS = (r"确保|力争|争取|争创|努力|守住|守牢|杜绝|防止|严防|谨防|避免|以免|目标|旨在|"
              r"申报(?!材料|表|书|单位)")
# 将 alone is often the object marker (学校将网络安全纳入考核), so only 将 before a time, a plan
# word or a verb of making (学校将开通网站) counts, or before 把 ("学校将把空间应用纳入考核":
# 把 is then the object marker, so 将 is "will"); 计划 as a noun (按年度工作计划) does not, nor
# 准备 as one (做了充分准备); nor is 拟 in 模拟 (an 应急演练 "模拟网站遭篡改"), 虚拟, 草拟 or 比拟.
PLAN_WORDS = (r"(?<![模虚草比])拟|(?<![作度按学])计划|(?<![了好分足期])准备(?!工作|阶段)|打算|"
              r"即将|将要|将于|将会|将继续|将进一步|将在(?!线)|将着力|下一步|下阶段|今后|明年|下一年度|预计|设想|"
              r"规划(?:在|于|到)|将(?=(?:尽快|逐步|全面|加快)?(?:建立|建设|建成|开通|成立|制定|"
              r"配备|配齐|开展|完善|出台|组建|设立|购置|启用|实现|召开|举办|组织|加大|增加|提高|"
              r"推进|申报|创建))|将把")
# 应 alone is in 应急、应用、响应、相应; 要 in 主要、重要、纪要、要求.
# 需要 as a noun (根据工作需要，…) is not one either.
REQUIREMENT_WORDS = (r"应当|应该|(?<![相反对供适响效呼回顺感])应(?![用急对答届])|必须|"
                     r"(?<!必)须(?!知)|(?<![作的际展求])需要|务必|"
                     r"(?<![主重纲摘概提简需只必纪首次扼])要(?![求素点闻害件])")
CONDITION_WORDS = (r"如果|假如|倘若|如若|若(?!干)|一旦|"
                   r"(?<![例比诸假])如(?:$|遇|有|发生|出现|未)|凡是?|只要")
# The unit guiding or urging others: their groups, meetings and staff are not the unit's.
# 各分校、各系部 as the subject of the verb ("各分校均成立了领导小组") are other bodies as well.
# 各项/各种 count things, not bodies: "按等保要求建立了各项管理制度" urges no one.
URGING_WORDS = r"(?:指导|督促|要求|推动|帮助|协助|部署|通知|引导)[^，,。；;]{0,4}各(?![项种])"
OTHER_SUBJECT_WORDS = (
    r"兄弟(?:院校|学校|单位)|外校|其他学校|各县(?:区|市区|（市、区）)|"
    r"各(?:分校|县区|系部|系|二级学院|学院|教学点|工作站|学习中心|中小学|学校|校|"
    r"部门|单位|处室|科室)[^，,。；;由]{0,3}(?:成立|设立|组建|建立|配备|配齐|召开|制定)|"
    # "全国多所高校发生数据泄露事件", "某高校曾因网站被篡改受到通报": a warning
    r"(?:多所|多家|一些|部分|个别|其他|国内外|国内|外地|外省)[^，,。；;]{0,2}"
    r"(?:高校|学校|院校|单位|地区|开放大学|机构)|某(?:高校|院校)|"
    # a count of units as the subject, as a 通报 of a whole system reports them: "其中2所市校发生
    # 网页篡改事件", "5所市校领导小组全年未召开会议", "3家单位未配备专职人员"
    r"[\d一二两三四五六七八九十]+(?:所|家|个)[^，,。；;\d]{0,2}"
    r"(?:市校|县校|分校|高校|学校|院校|单位|开放大学|工作站|教学点)|"
    # the units a city school runs, uncounted, as the clause's subject: "所辖县级学校共有专职人员
    # 8人", "下属分校均成立了领导小组" (their figures, not the unit's own; not "某校下辖两个教学点",
    # where the unit is the subject and 下辖 its verb)
    r"^(?:其中|此外|另外|同时|而|目前|现|本年度?|今年|全年|\d{4}\s*年度?)*(?:所辖|下辖|下属)的?[^，,。；;\d]{0,4}"
    r"(?:市校|县校|分校|学校|院校|学院|开放大学|电大|工作站|教学点|学习中心)")
OTHER_BODY_WORDS = f"{URGING_WORDS}|{OTHER_SUBJECT_WORDS}"

REQUIREMENT = re.compile(REQUIREMENT_WORDS)
# The units of a whole area or system: "全省分校", "全市7所县级开放大学", "全市各县级开放大学",
# "体系内各校" (an open university's 体系: all its branches).
REGION_UNITS = (r"(?:全(?:国|省|市|县|区)(?:各|所有|已有|共有|有)?"
                r"(?:[\d一二三四五六七八九十百]+所)?(?:[省市县区]级)?"
                r"(?:分校|学校|高校|开放大学|中小学|院校|教育系统|体系)"
                r"|体系(?:内的?)?(?:各|所有)(?:县级|市级)?(?:分校|学校|校|开放大学))")
# Each class: what the rationale calls it, and the words that mark it before the value.
CLASSES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("目标", re.compile(GOAL_WORDS)),
    ("计划", re.compile(PLAN_WORDS)),
    ("要求", REQUIREMENT),
    ("条件", re.compile(CONDITION_WORDS)),
    ("其他单位", re.compile(OTHER_BODY_WORDS)),
    # A threshold is what a standard or a plan asks, not a figure reached: "比例不低于5%",
    # "每年召开会议不少于2次", "专职人员不得少于3人".
    ("标准", re.compile(r"(?:不低于|不少于|不得低于|不得少于|不高于|不超过|不大于|不小于)"
                      r"[^，,。；;\d]{0,2}$")),
    # A figure of many units, not of this one: "调研显示，高校网络安全与信息化经费平均为1169万元",
    # "全省分校共配备专职人员86人". 人均 (the unit's own per head), 平均每月 (a rate) and a
    # national system (全国教育信息化工作进展系统) are not.
    # "全县已有12所学校建成校本资源库" counts the county's schools, not the unit's; "全省体系
    # 发生篡改事件5起" (an open university's 体系: all its branches) is the system's, not its own.
    ("统计", re.compile(rf"(?<!人)平均(?!每)|{REGION_UNITS}")),
)
# What the unit means or must do (goal, plan or requirement), anywhere before a topic: the Xunke
# readers' test of "not done yet".
INTENT = re.compile(f"{GOAL_WORDS}|{PLAN_WORDS}|{REQUIREMENT_WORDS}")
# A sentence that quotes the rubric's scoring ("…每年召开会议2次以上记5分", "否则不得分",
# "每项记1分，扣完为止"); a self-assessment's own score ("自评5分", "自评得5分") is not one.
RUBRIC_QUOTE = re.compile(r"(?<!自评)(?:记|得|计)\s*[\d.一二两三四五六七八九十]+\s*分|"
                          r"不(?:得|记|计)分|否则|酌情(?:记|给|扣|得)分|评分标准|评价标准|赋分|"
                          r"每项记|扣完为止|分值|"
                          # the indicator quoted as a label: "指标要求：…", "考核内容：…"
                          r"(?:指标|考核|评估|评价|测评)(?:要求|内容|内涵|要点|标准)[：:]")
# A higher body's or a meeting's instruction to all schools, not what this school did:
# "会议要求各校…", "各校应…", "县教育局要求…".
DIRECTIVE = re.compile(r"要求各(?:校|学校|单位|中小学)|各校(?:应|要|须|务必)|会议要求|通知要求|"
                       r"(?:县|市|区)?教育局要求")
# 《…须知》 names a document and “管业务必须管安全” quotes a principle: neither is the unit's goal,
# plan or requirement, so both are left out before the classes are looked for.
TITLE = re.compile(r"《[^《》]*》|“[^“”]{1,30}”")
# "会议强调，各单位要明确责任，理顺机制，制定相关管理办法": what a leader or a meeting says the
# unit should do, over every clause after it in the sentence. 要求 as a noun ending a clause
# ("对教师提出了明确要求，教务处定期督查", "落实…等要求，", "各项要求，") is a fact, not a speech.
SPEECH = re.compile(r"(?:强调|指出|(?<![了确体的出关级格等项])要求|提出|希望|寄语)[，,：:]")
RESPECTIVE = re.compile(r"分别")
# A sentence that opens by looking back over the time up to now ("今年以来学校未发生网络安全事故，
# 我们将…", "一年来…", "截至目前…"), as a 下一步工作 section often recalls the year before its
# tasks: a review, not a plan, though the section is one (its own clauses are still asked).
# Not "至今年底" (至 今年底: up to a time to come).
REVIEW_AT_HEAD = re.compile(r"^[^，,。；;]{0,10}?(?:以来|一年来|至今(?!年)|迄今|截至目前|截止目前)")
# A review of what was done: 一年来, 今年以来, 取得…成效.
RETROSPECT = re.compile(r"以来|一年来|过去一年|回顾|取得[^，,。；;]{0,8}(?:成效|成绩|进展)")
URGING = re.compile(URGING_WORDS)
# "按照市委…要求，学校调整了领导小组": the basis of what the unit did, not a speech.
# "工作站落实机房管理、上网登记等要求，全年未发生…": requirements carried out, the same basis.
BASIS = re.compile(r"按照|根据|依据|遵照|依照|按|落实|贯彻|执行")
# "当网站遭到攻击时，立即…": a condition that spans the value, so the whole clause is looked at.
WHEN = re.compile(r"当(?![前年天地日月然即场选])[^，,。；;]{1,30}时")
# A requirement or a plan at the head of an earlier clause reaches every clause after it that has
# no subject of its own: "要提升网络安全防护能力，构建…体系，做好…保障" (a leader's list of
# tasks, each sentence opening with 要), "各单位要明确责任，理顺机制，制定相关管理办法",
# "下一步，完善制度，成立领导小组". A purpose (为加强…，学校成立了…) is not one, and neither is a
# later clause that says it is done (了, 已) or names the unit as its subject.
# Urging others (要求各部门…，) is a requirement of the same kind.
MODAL_HEAD = re.compile(
    rf"^(?!为)[^，,：:]{{0,8}}?(?:{REQUIREMENT_WORDS}|{PLAN_WORDS}|{URGING_WORDS})")
# Another body as the subject of an earlier clause reaches the later ones that name no subject of
# their own, done or not: "各县区分校均成立了领导小组，由分校校长任组长，并配备了专职人员2人".
OTHER_HEAD = re.compile(rf"^(?:{OTHER_SUBJECT_WORDS})")
# The units of an area or a system as the frame or the subject of an earlier clause ("全市7所县级
# 开放大学中，有5所设立了专岗，共有专职人员9人", "全市县级开放大学均设立了专岗，共有…"): the later
# clauses without a subject of their own count those units, not the unit. Not the area's name as
# a modifier ("全市开放大学体系工作会议在我校召开").
REGION_HEAD = re.compile(rf"^在?(?:{REGION_UNITS})"
                         r"(?:[^，,：:]{0,4}(?:中|之中|当中)$|均|都|共|全部|普遍|已|有)")
DONE = re.compile(r"了|已|(?:^|[，,])(?:学校|我校|本校|全校|学院|我院|本院|我单位|本单位)")
# A goal named after the value: "实现全年网络安全零事故的目标", "守住不发生重大事件的底线".
GOAL_AFTER = re.compile(r"^[^，,。；;]{0,24}?(?:目标|底线|红线)")
# Definitions and lists of kinds ("本预案所称网络安全事件是指…", "包括网页被篡改、数据泄露等"):
# what a word means, not what happened.
# A quoted term defined ("表中“会议次数”指…召开次数") is the same: a column explained, no count.
DEFINITION = re.compile(r"所称|是指|系指|[”\"]指|包括但不限于|分为[^，,。；;]{0,6}(?:类|级)|"
                        r"下列情形|以下情形")


# The items of a leader's list, each its own sentence: "他提出三点要求：一是要守住底线…。二是
# 严格遵照《…办法》…。三是…". An item that says it is done (了, 已) is a fact, not a task.
ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]是|[一二三四五六七八九十]要|首先|其次|再次)")
_SPLIT = re.compile(r"[。！？!?；;]")
LOOK_BACK = 800  # characters before a list item where its speech may stand
# A heading that opens a section of plans: "四、下一步工作打算", "（三）今后努力方向", "整改措施".
PLAN_HEADING = re.compile(r"下一步|下阶段|今后|打算|工作计划|工作思路|努力方向|改进措施|整改措施|"
                          r"明年|工作设想|工作安排|工作要点")
# "三、存在的问题及下一步打算": the problems are facts (制度尚不健全), so such a section is not a
# plan; nor is a review of a plan ("二、2024年工作要点完成情况").
PROBLEM_HEADING = re.compile(r"问题|不足|差距|短板|困难|完成|落实|情况|成效|总结|回顾")
# A document that is itself a plan, by its title (its first line): "2024年网络安全工作要点".
# "…五年行动计划（2016-2020年）", "2026年教育信息化建设方案", "…实施方案（试行）".
PLAN_TITLE = re.compile(r"(?:计划|要点|方案|规划|工作安排)(?:[（(][^（）()]{1,16}[)）])?$")
# Heading markers by level: 一、 (1), （一） (2), 1、/1. (3), （1） (4).
_HEADING_LEVELS = (
    (1, re.compile(r"[一二三四五六七八九十]+[、.．]")),
    (2, re.compile(r"[（(][一二三四五六七八九十]+[)）]")),
    (3, re.compile(r"\d+[、．.](?!\d)")),
    (4, re.compile(r"[（(]\d+[)）]")),
)
HEADING_MAX = 24  # characters: a longer numbered line is a paragraph, not a heading
INLINE_TITLE_MAX = 12  # characters of a title run in with its text ("五、下一步打算。…")
APPENDIX = re.compile(r"\s*(?:附件|附表|附[：:])")


def unstated(sentence: Sentence, position: int) -> str | None:
    """Why the value at `position` (relative to the sentence) is not a fact the text states, as
    the class's name, or None when its clause states it."""
    if RUBRIC_QUOTE.search(sentence.text):
        return "评分标准"
    if _in_plan_section(sentence) and not REVIEW_AT_HEAD.match(sentence.text):
        return "计划"
    if _continues_speech(sentence):
        return "讲话要求"
    if _defined_item(sentence):
        return "定义"
    start, clause = clause_at(sentence, position)
    if any(_speech_reaches(sentence, m, position, clause)
           for m in SPEECH.finditer(sentence.text[:start]) if not _requirement_made(sentence, m)):
        return "讲话要求"
    if WHEN.search(clause):
        return "条件"
    if _respective(sentence, position):
        return "分别"
    if DEFINITION.search(sentence.text[:position]):
        return "定义"
    before = TITLE.sub("", clause[: position - start])
    for name, pattern in CLASSES:
        if pattern.search(before):
            return name
    # "…零事故的目标" is a goal, "实现了…零事故的目标" one reached; 《…目标管理办法》 names no goal
    if GOAL_AFTER.search(TITLE.sub("", clause[position - start:])) and not re.search(
            r"了|已", clause):
        return "目标"
    return _in_scope(sentence, start, clause)


def _respective(sentence: Sentence, position: int) -> bool:
    """"2022年、2023年分别召开会议2次、3次", "比例分别为4.5%、5.2%和6.1%": several values, one
    for each of several years or units, and the text does not say which is the year assessed."""
    text = sentence.text
    respective = [m.end() for m in RESPECTIVE.finditer(text, 0, position)]
    if not respective:
        return False
    values = [n for n in find_numbers(text[respective[-1]:]) if not n.ordinal]
    return len(values) >= 2


def _speech_reaches(sentence: Sentence, speech: re.Match[str], position: int,
                    clause: str) -> bool:
    """A leader's or a meeting's words reach the value, unless they are the basis of what was
    done (按照…要求，) or a review of the year with no task in it ("会议指出，一年来学校…取得明显
    成效，全年未发生网络安全事件")."""
    text = sentence.text
    if BASIS.search(text[: speech.start()]):
        return False
    said = text[speech.end() : position]
    review = DONE.search(clause) or RETROSPECT.search(said)
    return not (review and not INTENT.search(TITLE.sub("", said)) and not URGING.search(said))


# "提出明确使用要求，", "对教师作出了具体要求，": 要求 the object of a verb that makes it, so a
# noun the unit set, not a speech that opens what follows.
REQUIREMENT_MADE = re.compile(r"(?:提出|作出|做出|明确|制定|定出)[^，,。；;]{0,8}$")


def _requirement_made(sentence: Sentence, speech: re.Match[str]) -> bool:
    if not speech.group(0).startswith("要求"):
        return False
    start, clause = clause_at(sentence, speech.start())
    return bool(REQUIREMENT_MADE.search(clause[: speech.start() - start]))


def _in_scope(sentence: Sentence, start: int, clause: str) -> str | None:
    """The class of an earlier clause of the sentence that opens with a requirement, a plan,
    another body or an area's units, when the value's clause does not break out of it
    (MODAL_HEAD, OTHER_HEAD, REGION_HEAD)."""
    own_subject = OWN_SUBJECT.match(clause)
    region = False  # an area's units frame the clauses after, until the unit names itself
    for other_start, other in sentence.clauses():
        if other_start >= start:
            return "统计" if region and not own_subject else None
        if other_start < sentence.label_end:
            continue  # a table row's label (计划总结, 考核要求) names its topic, opens no scope
        other = TITLE.sub("", other)
        if OTHER_HEAD.search(other) and not own_subject:
            return "其他单位"
        # "全市7所县级开放大学中，我校率先设立专岗，现有专职人员4人": the unit's own again
        region = bool(REGION_HEAD.search(other)) or (region and not OWN_SUBJECT.match(other))
        if MODAL_HEAD.search(other) and not DONE.search(clause):
            return "要求"
    return None


# The unit as a clause's subject; in a system's figures, its own level ("其中市开放大学本级8人").
OWN_SUBJECT = re.compile(r"(?:其中|而)?(?:学校|我校|本校|全校|学院|我院|本院|我单位|本单位"
                         r"|[^，,。；;\d]{0,8}本级)")


# The classes of a clause that are about another body or a case, not the unit as it is.
_NOT_OURS = ("条件", "其他单位", "统计")


def others_or_case(sentence: Sentence, position: int) -> bool:
    """The value's clause is about another body, an area's units or a case ("督促各县级学校由…",
    "如发生事件，由…"), whatever else it is: `unstated` gives only the first reason, and a plan
    section's 计划 comes before these."""
    start, clause = clause_at(sentence, position)
    before = TITLE.sub("", clause[: position - start])
    if WHEN.search(clause) or any(pattern.search(before) for name, pattern in CLASSES
                                  if name in _NOT_OURS):
        return True
    return _in_scope(sentence, start, clause) in _NOT_OURS


def stated(sentence: Sentence, position: int) -> bool:
    return unstated(sentence, position) is None


def _continues_speech(sentence: Sentence) -> bool:
    """A list item (一是…, 二要…) of a speech or a set of requirements in a sentence before it."""
    if not ENUMERATED.match(sentence.text) or DONE.search(sentence.text):
        return False
    text = sentence.document.text
    before = text[max(0, sentence.start - LOOK_BACK) : sentence.start].replace("\n", "")
    for earlier in reversed([p for p in _SPLIT.split(before) if p.strip()]):
        if SPEECH.search(earlier):
            return True
        if not ENUMERATED.match(earlier.strip()):
            return False
    return False


def _heading(line: str) -> tuple[int, str] | None:
    """(level, title) when the line is a heading: a numbered short line (一、… （二）… 3. …), a
    numbered title run in with its section's text ("五、下一步打算。一是完善制度…"), or a short
    line with no punctuation of a sentence (level 0)."""
    line = line.strip()
    if not line:
        return None
    for level, marker in _HEADING_LEVELS:
        found = marker.match(line)
        if found:
            return _numbered_title(level, line[found.end():], len(line) <= HEADING_MAX)
    if len(line) <= HEADING_MAX and not re.search(r"[，,。；;：:！？]", line):
        return 0, line
    return None


def _numbered_title(level: int, title: str, short: bool) -> tuple[int, str] | None:
    """A numbered line's title when it is a heading: a short line without sentence punctuation
    ("3、5月网站被篡改一次，当日恢复。" is a numbered sentence), or a title of a few words ended
    by 。 before its section's text."""
    head, stop, _ = title.partition("。")
    inline = stop and 0 < len(head) <= INLINE_TITLE_MAX
    if inline and not re.search(r"[，,；;：:！？!?]", head):
        return level, head
    if short and not re.search(r"[，,。；;！？!?]", title):
        return level, title
    return None


def plan_sections(document: Document) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the sections a plan heading opens ("四、下一步工作打算"), each up to
    the next heading of the same or a higher level (or any heading, after an unnumbered one).
    Lines are read with a PDF's soft wraps joined, so a wrapped line is not taken for a title."""
    cached = _SECTIONS.get(id(document))
    if cached is None or cached[0] is not document:
        if len(_SECTIONS) >= _CACHED_DOCUMENTS:
            _SECTIONS.clear()
        cells = tuple(sorted(b.start for b in document.blocks if b.kind == "cell"))
        cached = (document, _plan_sections(document.text, soft_wraps(document), cells))
        _SECTIONS[id(document)] = cached
    return cached[1]


# Sections per document, asked for every value: read once. The document is kept with its id so a
# new document at a freed id is never given another's sections.
_SECTIONS: dict[int, tuple[Document, tuple[tuple[int, int], ...]]] = {}
_CACHED_DOCUMENTS = 64


def _plan_sections(text: str, wraps: frozenset[int],
                   cells: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    # A soft wrap read as a space: one character for one, so offsets stay those of the text.
    joined = "".join(" " if i in wraps else c for i, c in enumerate(text)) if wraps else text
    lines = joined.split("\n")
    title = next((line.strip() for line in lines if line.strip()), "")
    if PLAN_TITLE.search(title) and not re.search(r"总结|报告|情况", title):
        return _outside_reviews(text, lines)
    sections: list[tuple[int, int]] = []
    open_at: tuple[int, int] | None = None  # (level, start) of the plan section being read
    position = 0
    for line in lines:
        heading = _heading(line)
        if open_at and (APPENDIX.match(line) or position in cells):
            # an appendix or a table (a 自评表 after the text) ends every section before it
            sections.append((open_at[1], position))
            open_at = None
        # A short line without punctuation ends only an unnumbered section (under 四、下一步工作
        # 打算 it is an item written without a full stop); an unnumbered section (a title line
        # "下一步工作打算") ends at the next title or 一、/（一） heading, not at its 1、… items.
        if heading and open_at and (0 < heading[0] <= open_at[0]
                                    or (open_at[0] == 0 and heading[0] <= 2)):
            sections.append((open_at[1], position))
            open_at = None
        if (heading and open_at is None and PLAN_HEADING.search(heading[1])
                and not PROBLEM_HEADING.search(heading[1])):
            open_at = (heading[0], position)
        position += len(line) + 1
    if open_at:
        sections.append((open_at[1], len(text)))
    return tuple(sections)


def _outside_reviews(text: str, lines: list[str]) -> tuple[tuple[int, int], ...]:
    """A plan document (its title "2025年工作要点") is a plan throughout, except a section that
    reviews the year done ("一、2024年工作回顾", "（一）上年度工作完成情况") and an opening
    paragraph that reviews it ("2024年，学校…。2025年重点做好以下工作："): what they say was
    done are facts."""
    reviews = sorted([*_headed_reviews(text, lines), *_opening_reviews(lines)])
    sections: list[tuple[int, int]] = []
    plan_from = 0
    for start, end in reviews:
        if start > plan_from:
            sections.append((plan_from, start))
        plan_from = max(plan_from, end)
    if plan_from < len(text):
        sections.append((plan_from, len(text)))
    return tuple(sections)


def _headed_reviews(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each section a review heading opens (`lines`, soft wraps joined), up to the
    next heading of its level or a higher one, looked for on the lines as laid out as well: a
    heading that fills a PDF line looks wrapped, and a review read too far would take plans for
    facts."""
    ends = [(start, level) for start, level, _ in
            sorted({*_headings(lines), *_headings(text.split("\n"))})]
    spans: list[tuple[int, int]] = []
    for start, level, title in _headings(lines):
        if not _review_heading(title) or (spans and start < spans[-1][1]):
            continue  # not a review, or within the review before
        spans.append((start, next((at for at, other in ends if at > start and other <= level),
                                  len(text))))
    return spans


# A paragraph that opens by a time before the plan's: "2024年，学校…" in a 2025年工作要点, "去年…",
# "过去一年…". It reviews that time up to a sentence that turns to the plan's year ("2025年重点
# 做好以下工作：", "今年…", "新的一年…").
REVIEW_OPENING = re.compile(r"(?P<year>\d{4})\s*年度?|去年|上一?年度?|过去(?:的)?一年|一年来")
PLAN_YEAR_TURN = re.compile(r"(?P<year>\d{4})\s*年|今年|本年度?|新的一年|新年度|明年")
_PLAN_YEAR = re.compile(SINGLE_YEAR)


def _opening_reviews(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of the review in each paragraph between a plan's title and its first
    numbered heading."""
    titled = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    named = _PLAN_YEAR.search(lines[titled]) if titled < len(lines) else None
    plan_year = int(named.group("year")) if named else None
    spans, position = [], sum(len(line) + 1 for line in lines[: titled + 1])
    for line in lines[titled + 1 :]:
        found = _heading(line)
        if found and found[0] > 0:
            break
        review = _opening_review(line, plan_year)
        if review:
            spans.append((position + review[0], position + review[1]))
        position += len(line) + 1
    return spans


def _opening_review(line: str, plan_year: int | None) -> tuple[int, int] | None:
    pieces = sentence_pieces(line)
    opening = REVIEW_OPENING.match(pieces[0][1]) if pieces else None
    year = opening and opening.group("year")
    if opening is None or (year and (plan_year is None or int(year) >= plan_year)):
        return None  # no time before the plan's at its head (a year only against the title's)
    turn = next((start for start, piece in pieces[1:] if _turns_to_plan(piece, plan_year)), None)
    return pieces[0][0], len(line) if turn is None else turn


def _turns_to_plan(piece: str, plan_year: int | None) -> bool:
    """The sentence opens with the plan's time: 今年, 新的一年, or a year not before the plan's."""
    turn = PLAN_YEAR_TURN.match(piece)
    year = turn and turn.group("year")
    return bool(turn) and not (year and plan_year is not None and int(year) < plan_year)


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(offset, level, title) of each numbered heading among the lines."""
    found, position = [], 0
    for line in lines:
        heading = _heading(line)
        if heading and heading[0] > 0:
            found.append((position, heading[0], heading[1]))
        position += len(line) + 1
    return found


# The heading of a section that reports the year done, in a plan document, or the state the plan
# starts from ("一、发展现状", "基本情况", "发展基础", "二、工作基础"): what it says the unit
# has are facts.
REVIEW_HEADING = re.compile(r"回顾|总结|完成情况|工作情况|进展情况|主要成效|取得的成绩"
                            r"|现状|基本情况|概况|(?:发展|现有|已有|工作|现实)基础")


# The heading of a section that sets out the problems a plan is to fix ("二、存在的主要问题", "测评
# 发现的问题", "问题与不足"), as a 整改方案 does before its measures: the state found is a fact of
# the unit ("制度还不健全", "只有专职人员2人"). Not a heading that names the measures as well
# ("存在问题及整改措施": PLAN_HEADING), which stays a plan.
PROBLEM_REVIEW = re.compile(r"存在的?(?:主要|突出)?问题|(?:主要|突出|发现|暴露|查找)(?:出)?的?问题"
                            r"|问题(?:和|与|及)不足|不足之处|薄弱环节")


def _review_heading(title: str) -> bool:
    return bool(REVIEW_HEADING.search(title)
                or (PROBLEM_REVIEW.search(title) and not PLAN_HEADING.search(title)))


def _in_plan_section(sentence: Sentence) -> bool:
    return any(start <= sentence.start < end for start, end in plan_sections(sentence.document))


_LIST_ITEM = re.compile(r"^\s*(?:\d+[、．.](?!\d)|[（(]\d+[)）]|[①-⑩]"
                        r"|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")


def _defined_item(sentence: Sentence) -> bool:
    """An item of a list that a definition opens: "本制度所称网络安全事故是指：" then "1、网站页面
    被篡改。" — kinds of event named, none happened."""
    if not _LIST_ITEM.match(sentence.text):
        return False
    text = sentence.document.text
    before = text[max(0, sentence.start - LOOK_BACK) : sentence.start]
    intro = [line for line in before.split("\n") if line.strip() and not _LIST_ITEM.match(line)]
    return bool(intro) and intro[-1].rstrip().endswith(("：", ":")) and bool(
        DEFINITION.search(intro[-1]) or LIST_OF_KINDS.search(intro[-1]))


# "…事件包括：", "以下几类情形："; not "现将自查情况汇报如下：", which opens the report itself.
LIST_OF_KINDS = re.compile(r"包括[：:]\s*$|以下(?:几|各)?(?:种|类|情形)|下列(?:情形|事件|行为)")


def heading(sentence: Sentence) -> bool:
    """The sentence is a numbered heading ("二、网页被篡改"): it names a topic, states nothing."""
    line = sentence.text.strip()
    found = _heading(line)
    end = sentence.document.text[sentence.end : sentence.end + 1]
    return bool(found and found[0] > 0 and end in ("\n", "") and not DONE.search(line))
