"""Numbers of the 逊克 school rubric a self-assessment states: teachers per office computer (from
"专任教师N人" and "办公电脑M台"), the space usage rates, missed school trainings, absences from
higher-level trainings, and whether a competition is held every term.

教职工 (all staff) is not 专任教师, and 学生机 are not office computers: neither is used. A training
"参加…组织的" is a higher body's (9.2), one "开展/组织" by the school is its own (9.1).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.document import Cell, Document
from extractors.facts import lexicon as lx
from extractors.facts import modality
from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.modality import DIRECTIVE, REQUIREMENT, RUBRIC_QUOTE
from extractors.facts.numbers import Number, find_numbers
from extractors.facts.text import Sentence, clause_at, row_sentence

Rule = Callable[[list[Sentence]], Evidence]

_TEACHERS = re.compile(r"专任教师|在职教师|任课教师|在岗教师|专职教师")
_COMPUTERS = re.compile(r"(?:教师|办公)(?:用)?(?:办公)?(?:电脑|计算机|笔记本电脑|用机)")
# "每人配备一台办公电脑": a verb of giving may stand between.
_EACH_ONE = re.compile(r"(?:每人|人手|人均)(?:配备|配置|配发|配有|拥有|有)?一台")


Found = tuple[Number, Sentence]


def _count_after(sentence: Sentence, keyword: re.Pattern[str], unit: str,
                 keep: Callable[[Sentence, Number], bool] | None = None) -> Found | None:
    text = sentence.text
    # "平均每3名教师一台", "每人一台办公电脑": the numbers of a ratio are not counts of teachers
    # or computers
    ratios = [m.span() for ratio in (_PER_TEACHERS, _EACH_ONE) for m in ratio.finditer(text)]
    numbers = [n for n in find_numbers(text) if n.unit == unit and not n.ordinal and n.integer
               and not any(a <= n.start < b for a, b in ratios)
               and (keep is None or keep(sentence, n))]
    for match in keyword.finditer(text):
        after = [n for n in numbers if 0 <= n.start - match.end() <= 6]
        # "42名专任教师" (the count just before the noun) when none follows it.
        before = [n for n in numbers if 0 <= match.start() - n.end <= 1]
        if after or before:
            return (after or before)[0], sentence
    return None


def _first(sentences: list[Sentence], keyword: re.Pattern[str], unit: str,
           keep: Callable[[Sentence, Number], bool] | None = None) -> Found | None:
    """The first count after the keyword, outside quotes of the rubric ("平均每人一台记2分")."""
    return next((f for s in sentences if not RUBRIC_QUOTE.search(s.text)
                 and (f := _count_after(s, keyword, unit, keep))), None)


# Computers the school had before ("原有办公电脑6台"), ones out of use ("…已不能正常使用",
# "已报废") and a batch just given ("调配新办公电脑12台") are not the computers the teachers
# have now; the total after them ("目前共有可正常使用的办公电脑18台") is. (_BATCH is by the
# supply verbs of office_computers_added below.)
_FORMER = re.compile(r"原有|原来|原先|以前|此前|过去|旧")
# Said of all of them, not of a part ("其中3台已损坏": the count is still the total).
_OUT_OF_USE = re.compile(r"^(?:(?!其中|部分|个别|少数)[^。；;]){0,24}?"
                         r"(?:(?:不能|无法|难以)(?:正常)?(?:使用|运行|开机)|报废|淘汰|损坏)")


def _computers_now(sentence: Sentence, count: Number) -> bool:
    start, clause = clause_at(sentence, count.start)
    before = clause[: count.start - start]
    return not (_FORMER.search(before) or _BATCH.search(before)
                or _OUT_OF_USE.search(sentence.text[count.end:]))


def teachers_per_office_computer(sentences: list[Sentence]) -> Evidence:
    teachers = _first(sentences, _TEACHERS, "人") or _first(sentences, _TEACHERS, "名")
    computers = _first(sentences, _COMPUTERS, "台", _computers_now)
    if teachers and computers and computers[0].value > 0:
        ratio = round(teachers[0].value / computers[0].value, 2)
        cites = list(dict.fromkeys([teachers[1], computers[1]]))
        return Evidence(value=ratio, confidence=0.7, citations=[s.cite() for s in cites],
                        rationale=f"材料写明专任教师{teachers[0].value:g}人、教师办公电脑"
                                  f"{computers[0].value:g}台，{teachers[0].value:g}÷"
                                  f"{computers[0].value:g}≈{ratio:g}人一台。")
    ratio = _stated_ratio(sentences)
    if ratio:
        return Evidence(value=ratio[0], confidence=0.65, citations=[ratio[1].cite()],
                        rationale=f"材料写明“{ratio[1].text}”，教师办公电脑{ratio[0]:g}人一台。")
    # "计划为教师每人配备一台": a plan, not the computers the teachers have
    each = next((s for s in sentences if (one := _EACH_ONE.search(s.text))
                 and _COMPUTERS.search(s.text) and not RUBRIC_QUOTE.search(s.text)
                 and modality.stated(s, one.start())), None)
    if each:
        return Evidence(value=1, confidence=0.6, citations=[each.cite()],
                        rationale=f"材料写明“{each.text}”，教师办公电脑每人一台。")
    return no_evidence("专任教师人数与办公电脑台数")


# The ratio itself: "平均每2名教师一台办公电脑", "每3位老师共用1台电脑".
_PER_TEACHERS = re.compile(r"(?:平均)?每\s*(?P<n>\d+|[两二三四五六七八九十])\s*"
                           r"(?:名|位|个)?(?:专任|在职|任课)?(?:教师|老师)[^，,。；;\d]{0,4}(?:一|1)\s*台")
_SHORT_OF = re.compile(r"(?:未|没有|没|尚未|不足|达不到|不到)[^，,。；;]{0,6}$")
_NUMERALS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10}


def _stated_ratio(sentences: list[Sentence]) -> tuple[float, Sentence] | None:
    for sentence in sentences:
        text = sentence.text
        per = _PER_TEACHERS.search(text)
        if (not per or not re.search(r"电脑|计算机", text)
                or RUBRIC_QUOTE.search(text) or _REGION.search(text[: per.start()])
                or not modality.stated(sentence, per.start())
                or _SHORT_OF.search(text[clause_at(sentence, per.start())[0]: per.start()])):
            # "平均每2人一台记1分", "全县平均每3名教师一台", "计划达到每2名教师一台",
            # "还未达到每2名教师一台"
            continue
        n = per.group("n")
        return float(_NUMERALS.get(n) or int(n)), sentence
    return None


# Computers bought or given by the county (调拨, 配发); the rubric's "解决了部分办公室电脑".
SUPPLIED = (r"新增|新购|购置|添置|更新|补充|调拨|调配|调剂|划拨|配发|下拨|增配|新配|捐赠|捐助"
             r"|解决了?")
_BATCH = re.compile(rf"(?:{SUPPLIED})[^，,。；;]{{0,12}}$")
# "解决了部分办公室的电脑问题": the rubric's words with 的 between
_OFFICE_PC = r"(?:办公室?|教师)(?:用|的)?(?:电脑|计算机)"
_ADDED = re.compile(
    rf"(?:{SUPPLIED})[^，,。；;]{{0,8}}{_OFFICE_PC}"
    # "学校原无教师办公电脑，今年县教育局调拨3台": the computers named in an earlier clause
    rf"|{_OFFICE_PC}[^。；;]{{0,24}}(?:{SUPPLIED})[^，,。；;]{{0,4}}\d+台"
    # "为两个教研组办公室新配备电脑6台": the offices named before the verb, the computers after
    rf"|办公室[^，,。；;]{{0,2}}(?:{SUPPLIED})[^，,。；;]{{0,3}}(?:电脑|计算机)")
_NONE_ADDED = re.compile(rf"(?:未|没有|尚未)(?:{SUPPLIED})")


def _earlier_year(before: str) -> bool:
    """"去年县教育局调拨3台，解决了…": an earlier year's computers, not this year's (the rubric's
    本年), unless this year is named after it."""
    prior = list(lx.PRIOR_YEAR.finditer(before))
    return bool(prior) and not re.search(r"今年|本年|当年", before[prior[-1].end():])


def office_computers_added(sentences: list[Sentence]) -> Evidence:
    for sentence in sentences:
        text = sentence.text
        if RUBRIC_QUOTE.search(text):
            continue
        if _NONE_ADDED.search(text) and (_COMPUTERS.search(text) or "电脑" in text):
            return Evidence(value=False, confidence=0.55, citations=[sentence.cite()],
                            rationale=f"材料写明“{text}”，本年未新增办公室电脑。")
        added = _ADDED.search(text)
        if (added and modality.stated(sentence, added.start())  # not "计划新购…"
                and not _earlier_year(text[: added.start()])):
            return Evidence(value=True, confidence=0.6, citations=[sentence.cite()],
                            rationale=f"材料写明“{text}”，本年解决了部分办公室电脑。")
    return no_evidence("本年新增办公室电脑")


# ---- space usage -----------------------------------------------------------------------------

_SPACE_SUBJECT = re.compile(r"(?P<who>教师|班级|学生)[^，,。；;的]{0,6}空间")
# A figure of a whole county, city or province, or of all schools, is not the school's own.
_REGION = re.compile(r"全(?:国|省|市|县|区|旗|镇|乡)|各(?:校|学校|中小学)")
# The school named as the subject: a region's figure in an earlier clause of the sentence does not
# reach a later one after it ("全县平均为88%，我校教师空间使用率为93%").
_OWN = re.compile(r"我校|本校|全校|(?<![各所])学校|我们")
_USAGE = re.compile(r"使用率|应用率|利用率|活跃率|使用的?(?:仅|只)?占(?:比)?")
_BELOW = re.compile(r"不足|低于|不到|未达|超过")
# "县局要求…使用率达到80%以上", "细则规定…": a standard set for the school, not its rate.
_STANDARD = re.compile(r"要求|规定|标准|细则")


def _own_rate(sentence: Sentence, at: int, rate: Number) -> bool:
    """The rate is one the school reached: not a standard asked of it, nor a goal or a plan
    ("下一步…力争明年教师空间使用率达到95%")."""
    start, clause = clause_at(sentence, at)
    # "我校教师空间平均使用率" is the school's own average; a region's is left out by _REGION.
    return not _STANDARD.search(clause[: at - start]) and modality.unstated(
        sentence, rate.start) in (None, "统计")


# The rate as counts: "在职教师40人，开通个人空间并经常使用的有34人" (34 of 40), "12个教学班全部
# 开通了班级空间，均正常使用" (all of them). Opened (开通) alone is not used.
_WHOLE = {"教师": (re.compile(r"(?:专任|在职|任课|在岗)?教师"), ("人", "名")),
          "班级": (re.compile(r"(?:教学)?班(?:级)?"), ("个",)),
          "学生": (re.compile(r"学生"), ("人", "名"))}
_USERS = re.compile(r"使用的(?:有|为|共|共有)?")
_IN_USE = re.compile(r"[^，,。；;]{0,4}?(?:能|已)?(?:正常|经常|常态化?)(?:使用|应用)")
_ALL_USE = re.compile(r"(?:均|都|全部)(?:能|已)?(?:正常|经常)?(?:使用|应用)")


def _whole(sentence: Sentence, who: str, before: int) -> Number | None:
    """The count of teachers, classes or students written next to their noun before `before`."""
    noun, units = _WHOLE[who]
    numbers = [n for n in find_numbers(sentence.text) if n.unit in units and n.integer
               and not n.ordinal and not n.percent]
    for match in noun.finditer(sentence.text, 0, before):
        near = [n for n in numbers if 0 <= n.start - match.end() <= 3 or n.end == match.start()]
        if near:
            return near[0]
    return None


def _counted_usage(sentence: Sentence, who: str) -> tuple[float, str] | None:
    """(rate, how it was read) from the counts of users and of the whole."""
    text = sentence.text
    space = next((m for m in _SPACE_SUBJECT.finditer(text) if m.group("who") == who), None)
    if who == "教师":  # "开通个人空间": the teachers' own spaces, named without 教师
        space = space or re.search(r"个人空间", text)
    if space is None or RUBRIC_QUOTE.search(text) or _REGION.search(text[: space.start()]):
        return None
    whole = _whole(sentence, who, space.start())
    if whole is None or not modality.stated(sentence, space.start()):
        return None
    users = _USERS.search(text, space.end())
    if users:
        part = next((n for n in find_numbers(text) if n.unit == whole.unit and n.integer
                     and 0 <= n.start - users.end() <= 2), None)
        if part is not None and part.value <= whole.value:
            rate = round(part.value / whole.value * 100, 2)
            return rate, (f"共{whole.value:g}{whole.unit}，使用的有{part.value:g}{whole.unit}，"
                          f"占{rate:g}%")
    # "24个班级中有18个班级空间正常使用": the part counted between the whole and the space
    part = next((n for n in find_numbers(text) if n.unit == whole.unit and n.integer
                 and whole.end <= n.start < space.start()
                 and re.search(r"中|其中|有", text[whole.end: n.start])), None)
    if (part is not None and part.value <= whole.value
            and _IN_USE.match(text, space.end())):
        rate = round(part.value / whole.value * 100, 2)
        return rate, (f"共{whole.value:g}{whole.unit}，其中{part.value:g}{whole.unit}在使用，"
                      f"占{rate:g}%")
    if _ALL_USE.search(text, space.end()):
        return 100.0, f"{whole.value:g}{whole.unit}均在使用，占100%"
    return None


def _own_space(before: str) -> str | None:
    """"学校现有在职教师56人，开通并经常使用个人空间的52人，使用率为93%": a 个人空间 named without
    its owner, after a count of the teachers and none of the students, is the teachers'."""
    space = before.rfind("个人空间")
    if space < 0 or "学生" in before or not _TEACHERS.search(before, 0, space):
        return None
    return "教师"


def _space_usage(who: str, label: str) -> Rule:
    def read(sentences: list[Sentence]) -> Evidence:
        for sentence in sentences:
            text = sentence.text
            if RUBRIC_QUOTE.search(text):
                continue
            for usage in _USAGE.finditer(text):
                subjects = [m for m in _SPACE_SUBJECT.finditer(text, 0, usage.start())]
                named = subjects[-1].group("who") if subjects else _own_space(text[: usage.start()])
                if named != who:
                    continue
                if _REGION.search(text[clause_at(sentence, usage.start())[0]: usage.start()]):
                    continue  # "全县中小学教师空间使用率达到90%": the county's, not the school's
                if _REGION.search(text, 0, usage.start()) and not _OWN.search(text, 0,
                                                                              usage.start()):
                    continue  # "全县教师空间平均使用率达到86%，班级空间平均使用率达到91%"
                # "不足50%，为45%": a bound is not the rate; the exact figure may follow it.
                rate = next((n for n in find_numbers(text) if n.percent
                             and 0 <= n.start - usage.end() <= 12
                             and not _BELOW.search(text[max(0, n.start - 3): n.start])), None)
                if rate is None or not _own_rate(sentence, usage.start(), rate):
                    continue
                return Evidence(value=rate.value, confidence=0.75, citations=[sentence.cite()],
                                rationale=f"材料写明“{text}”，{label}使用率为{rate.value:g}%。")
        for sentence in sentences:
            counted = _counted_usage(sentence, who)
            if counted:
                return Evidence(value=counted[0], confidence=0.6, citations=[sentence.cite()],
                                rationale=f"材料写明“{sentence.text}”，{counted[1]}，"
                                          f"{label}使用率按此计。")
        return no_evidence(f"{label}使用率")
    return read


# ---- trainings -------------------------------------------------------------------------------

_TRAINING = re.compile(r"培训")
# 希沃白板, 一体机: the brands and devices a training is named after ("“希沃白板应用”校本培训").
_IT_TRAINING = re.compile(r"信息化|信息技术|班班通|多媒体|白板|希沃|一体机|课件|微课|平台|空间|"
                          r"网络|智慧|能力提升工程|2\.0")
# A higher body's training (9.2); 参训率 alone is said of the school's own trainings too.
# 参加 alone is not enough: "校内培训，教师全员参加" is the school's own training.
# "因迎接上级检查未能组织": a higher body's inspection as the reason, not its training.
_EXTERNAL = re.compile(r"参加(?!$)(?![^，,。；;]{0,2}(?:校内|本校))|"
                       r"(?<!迎接)上级(?!检查|督查)|县级以上|进修学校|教育局|"
                       r"教体局|国培|省培|市级|县里|市、县|"
                       r"(?:县|市|省)[^，,。；;]{0,4}组织")
_EVERY_TERM = re.compile(r"每学期|每期|上下学期各|上、下学期各|两个学期各|每学年两次|每个学期"
                         # "本年两个学期均开展了…校本培训": both terms, said of the two
                         r"|(?:两个|两|上下|上、下)学期(?:均|都|分别)"
                         r"|(?:上半年|上学期)[^。；;]{2,40}(?:下半年|下学期)"
                         # "春季学期开展了课件比赛，秋季学期开展了微课评比": both terms named
                         r"|(?:春季|秋季)学期[^。；;]{2,40}(?:春季|秋季)学期"
                         # the school may stand between the terms and 各, after a comma too:
                         # "春季学期和秋季学期（，）学校各举办了一次"
                         r"|(?:春季|秋季|春|秋)(?:学期)?[、和与及](?:春季|秋季|春|秋)(?:学期)?"
                         r"(?:[，,]?(?:学校|我校|本校|全校))?各"
                         # "于10月和次年4月分别组织": one month in each term
                         r"|(?:9|10|11|12|九|十|十一|十二)月[^。；;]{0,8}(?:3|4|5|6|三|四|五|六)月")
# A term by any name: 上/下学期, 本学期, 春季/秋季学期, 第一/第二学期.
_TERM = r"(?:上|下|本|春季|秋季|春|秋|第一|第二)学期"
_ONE_TERM = re.compile(rf"(?:只|仅)(?:在)?{_TERM}|(?:只|仅)(?:组织|开展|举办)了?一次")
# "未能开展", "没能组织", "未再举办": not held, whatever kept it from being held.
_NOT_HELD = r"(?:未|没|没有)(?:能|再)?(?:如期|按期|按时|按计划)?(?:开展|组织|举办|举行)"
_NONE_HELD = re.compile(_NOT_HELD)
# "上学期组织了一次培训，下学期因迎接检查未能开展": one term of the two without it.
# The reason may take a clause: "秋季学期原定的校本培训，因迎检和外出学习的教师较多，未能如期组织".
# A term's training called off is not held either: "秋季学期原定的电子白板培训…而取消".
_ONE_TERM_ONLY = re.compile(rf"{_TERM}[^。；;]{{0,48}}(?:{_NOT_HELD}|取消)")
# The school's own count of trainings missed: "本年度学期信息化应用培训缺少1次" (not the rubric's
# "缺1次扣1分", a deduction per miss).
_MISSED_COUNT = re.compile(r"缺(?:少|了)?(?P<count>[12一两二])次(?!扣)")
_COUNTS = {"1": 1, "一": 1, "2": 2, "两": 2, "二": 2}


def _own_training(sentence: Sentence) -> bool:
    text = sentence.text
    return bool(_TRAINING.search(text) and _IT_TRAINING.search(text)
                and not _EXTERNAL.search(text) and not RUBRIC_QUOTE.search(text)
                and not DIRECTIVE.search(text)
                and not REQUIREMENT.search(text))  # "每学期应开展一次": a rule, not a fact



def _continues_training(sentence: Sentence, previous: Sentence | None) -> bool:
    """"本学期组织了“希沃白板应用”校本培训。上学期因疫情未能组织培训。": the second sentence
    names no IT subject but goes on about the training of the one before it."""
    return bool(previous is not None and previous.document is sentence.document
                and previous.index == sentence.index - 1 and _own_training(previous)
                and _TRAINING.search(sentence.text) and not _IT_TRAINING.search(sentence.text)
                and not _EXTERNAL.search(sentence.text)
                and not REQUIREMENT.search(sentence.text))


def _own_trainings(sentences: list[Sentence]) -> list[Sentence]:
    previous = [None, *sentences[:-1]]
    return [s for s, p in zip(sentences, previous, strict=True)
            if _own_training(s) or _continues_training(s, p)]


def school_trainings_missed(sentences: list[Sentence]) -> Evidence:
    """Terms (of the year's two) without the school's own IT training."""
    for sentence in _own_trainings(sentences):
        text = sentence.text
        if missed := _MISSED_COUNT.search(text):
            value = _COUNTS[missed.group("count")]
            why = f"本年学期信息化应用培训缺{value}次"
        elif _ONE_TERM_ONLY.search(text):
            value, why = 1, "一个学期未开展校内信息化培训，缺1次"
        elif _NONE_HELD.search(text):
            value, why = 2, "全年未开展校内信息化培训，按两个学期缺2次计"
        elif _EVERY_TERM.search(text):
            value, why = 0, "每学期都开展校内信息化培训，缺0次"
        else:
            continue
        return Evidence(value=value, confidence=0.65, citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”，{why}。")
    return no_evidence("校内信息化培训缺少的次数",
                       why="材料未写明每学期是否开展校内信息化培训，缺少次数未知，请人工核对。")


# Everyone took part, however it is said: "全员参加", "全部按时参训", "均准时参加".
_NO_ABSENCE = re.compile(r"无缺席|无一缺席|无人缺席|无缺勤|参训率(?:达到?)?100%|"
                         r"(?:全部|全员|全体|均|悉数)(?:按时|准时)?(?:参加|参训|出席)")
# "有3人次因教学任务未能参加": not taken part, however it is said.
_ABSENCES = re.compile(r"缺席|缺勤|缺训|(?:未|没)(?:能|有)?(?:参加|参训|出席)")


def external_training_absences(sentences: list[Sentence]) -> Evidence:
    for sentence in sentences:
        text = sentence.text
        if not (_TRAINING.search(text) and _EXTERNAL.search(text)) or RUBRIC_QUOTE.search(
                re.sub(r"扣\s*\d+(?:\.\d+)?\s*分", "", text)):
            continue
        # A count first: "均参加，其中缺席2人次" has both, and the count is what it says.
        count = _absence_count(sentence)
        if count is None:
            count = _expected_less_present(text)
        if count is not None:
            return Evidence(value=count, confidence=0.7, citations=[sentence.cite()],
                            rationale=f"材料写明“{text}”，上级信息化培训缺席{count}人次。")
        if _NO_ABSENCE.search(text):
            return Evidence(value=0, confidence=0.7, citations=[sentence.cite()],
                            rationale=f"材料写明“{text}”，参加上级信息化培训无缺席，缺席0人次。")
    return _table_absences(sentences) or no_evidence(
        "上级信息化培训缺席人次",
        why="材料未写明参加上级信息化培训的缺席人次，缺席情况未知，请人工核对。")


# A table's column of absences ("缺席人次", "未参训人数"), or its columns of those due and those
# present ("通知参训人数 | 实际参训人数"), whose difference is the absences.
_ABSENCE_COLUMN = re.compile(r"(?:缺席|缺勤|缺训|未参训|未参加)(?:人次|人数|次数)?")
_DUE_COLUMN = re.compile(r"(?:应|通知|计划)(?:参训|参加|到)(?:人次|人数)?")
_PRESENT_COLUMN = re.compile(r"实(?:际)?(?:参训|参加|到)(?:人次|人数)?")
_TOTAL_ROW = re.compile(r"^(?:合计|总计|共计)")


def _table_absences(sentences: list[Sentence]) -> Evidence | None:
    """A table of higher bodies' IT trainings with a column of absences ("培训名称 | 组织单位 |
    … | 缺席人次"): its 合计 row's count, else the sum of its rows' counts."""
    # a Document is not hashable (it holds lists): its own documents, by identity, in order
    documents = list({id(s.document): s.document for s in sentences}.values())
    for document in documents:
        for table in document.tables:
            rows = [row for row in table.rows if row]
            columns = _absence_columns(rows[0]) if rows else None
            if columns is None or not _external_table(sentences, document, rows):
                continue
            counts = [(row, count) for row in rows[1:]
                      if (count := _row_absences(row, columns)) is not None]
            totals = [c for c in counts if _TOTAL_ROW.match(c[0][0].text.strip())]
            cited = totals or counts
            if not cited:
                continue
            value = totals[0][1] if totals else sum(count for _, count in counts)
            cites = [row_sentence(document, row).cite()
                     for row, _ in cited[:3]]
            named = "”“".join(rows[0][c].text.strip() for c in columns)
            how = ("之差" if len(columns) > 1 else "") + ("合计" if totals else "各行合计")
            return Evidence(value=value, confidence=0.6, citations=cites,
                            rationale=f"材料表格“{named}”栏{how}，"
                                      f"上级信息化培训缺席{value}人次。")
    return None


def _absence_columns(header: list[Cell]) -> tuple[int, ...] | None:
    """(absences,) or (due, present): the columns the absences are read from."""
    def column(pattern: re.Pattern[str]) -> int | None:
        return next((i for i, cell in enumerate(header)
                     if pattern.fullmatch(cell.text.strip())), None)
    absent, due, present = column(_ABSENCE_COLUMN), column(_DUE_COLUMN), column(_PRESENT_COLUMN)
    if absent is not None:
        return (absent,)
    return (due, present) if due is not None and present is not None else None


def _row_absences(row: list[Cell], columns: tuple[int, ...]) -> int | None:
    if max(columns) >= len(row):
        return None
    bares = [lx.BARE_COUNT.match(row[c].text) for c in columns]
    if not all(bares):
        return None
    counts = [int(b.group(1)) for b in bares if b]
    if len(counts) == 1:
        return counts[0]
    due, present = counts
    return due - present if present <= due else None


def _external_table(sentences: list[Sentence], document: Document, rows: list[list[Cell]]) -> bool:
    """The table is of higher bodies' IT trainings: its cells say so, or the last sentence about
    trainings before it does ("上级培训：下表统计本校教师参加县、市、省组织的信息化培训情况")."""
    cells = "\n".join(cell.text for row in rows for cell in row)
    before = [s for s in sentences if s.document is document and s.end <= rows[0][0].start
              and _TRAINING.search(s.text)]
    lead = before[-1].text if before else ""
    return bool(_TRAINING.search(cells + lead) and _IT_TRAINING.search(cells + lead)
                and (_EXTERNAL.search(cells) or _EXTERNAL.search(lead))
                and not RUBRIC_QUOTE.search(lead))


def _absence_count(sentence: Sentence) -> int | None:
    """The number of people or attendances counted next to 缺席 (or 未参加) in its clause, if
    any: "未参训的教师已安排补学" counts nobody, and "全县…缺席共计17人次" is the county's."""
    text = sentence.text
    for absent in _ABSENCES.finditer(text):
        start, clause = clause_at(sentence, absent.start())
        if _REGION.search(clause[: absent.start() - start]):
            continue
        near = [n for n in find_numbers(clause) if n.unit in ("人次", "人", "名")
                and n.integer is not None and abs(start + n.start - absent.start()) <= 12]
        if near:
            return min(near, key=lambda n: abs(start + n.start - absent.start())).integer
    return None


# "应参训62人次，实际参训60人次": the absences are the difference.
_DUE = re.compile(r"应(?:参训|参加|到|出席)")
_PRESENT = re.compile(r"实(?:际)?(?:参训|参加|到|出席)")


def _expected_less_present(text: str) -> int | None:
    due, present = _DUE.search(text), _PRESENT.search(text)
    if not due or not present or present.start() < due.start():
        return None
    def count_after(at: int) -> int | None:
        found = [n for n in find_numbers(text) if n.unit in ("人次", "人", "名")
                 and n.integer is not None and 0 <= n.start - at <= 4]
        return found[0].integer if found else None
    due_count, present_count = count_after(due.end()), count_after(present.end())
    if due_count is None or present_count is None or present_count > due_count:
        return None
    return due_count - present_count


_COMPETITION = re.compile(r"竞赛|大赛|比赛|赛课|评比|展评|擂台|评选")
_COMPETITION_IT = re.compile(
    r"信息化|信息技术|课件|微课|多媒体|班班通|优课|电子白板|融合|创新|电脑|网络"
)


def competition_every_term(sentences: list[Sentence]) -> Evidence:
    for sentence in sentences:
        text = sentence.text
        if not (_COMPETITION.search(text) and _COMPETITION_IT.search(text)):
            continue
        if RUBRIC_QUOTE.search(text) or re.search(r"应(?!用)|按照细则|要求|参加|获", text):
            continue
        if _NONE_HELD.search(text) or _ONE_TERM.search(text):
            what = "未开展" if _NONE_HELD.search(text) else "只在一个学期开展了"
            return Evidence(value=False, confidence=0.6, citations=[sentence.cite()],
                            rationale=f"材料写明“{text}”，{what}信息化应用竞赛活动，"
                                      "未做到每学期一次。")
        if _EVERY_TERM.search(text):
            return Evidence(value=True, confidence=0.7, citations=[sentence.cite()],
                            rationale=f"材料写明“{text}”，每学期开展信息化应用竞赛活动。")
    return no_evidence("每学期开展信息化应用与创新竞赛活动")


COUNT_RULES: dict[str, Rule] = {
    "teachers_per_office_computer": teachers_per_office_computer,
    "office_computers_added": office_computers_added,
    "teacher_space_usage": _space_usage("教师", "教师个人空间"),
    "class_space_usage": _space_usage("班级", "班级空间"),
    "student_space_usage": _space_usage("学生", "学生实名制空间"),
    "school_trainings_missed": school_trainings_missed,
    "external_training_absences": external_training_absences,
    "competition_every_term": competition_every_term,
}
