"""Item 3 fact `it_staff` (专职 IT staff), and items 10-11 platform statistics when stated."""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.facts import lexicon as lx
from extractors.facts import modality
from extractors.facts.evidence import (
    Evidence,
    approx_note,
    found_before,
    nearest,
    no_evidence,
    quantities,
    upper_bound,
)
from extractors.facts.numbers import Number, find_numbers
from extractors.facts.text import Sentence, clause_at


def _staff_sentence(sentence: Sentence) -> bool:
    text = sentence.text
    everyone = lx.ALL_FULL_TIME.search(text)
    if lx.IT_TEAM.search(text) and everyone and "除" not in text[:everyone.start()][-12:]:
        # "网络中心实有5人，均为专职": the count is of the centre's people; not "除主任外均为专职"
        return True
    noun = lx.STAFF_NOUN.search(text)
    if noun is None or _trainees(sentence, noun.start()):
        return False
    team = lx.IT_TEAM.search(text) and lx.HAS_STAFF.search(text) and lx.TEAM_NOUN.search(text)
    return bool(lx.FULL_TIME.search(text) or team)


def _staff_sentences(sentences: list[Sentence]) -> list[Sentence]:
    previous = [None, *sentences[:-1]]
    return [s for s, p in zip(sentences, previous, strict=True)
            if _staff_sentence(s) or _centre_staff(s, p)]


def _centre_staff(sentence: Sentence, previous: Sentence | None) -> bool:
    """"日常工作由信息中心承担。中心现有工作人员3人": the second sentence counts the people of the
    IT office the one before it named as the unit's own."""
    text = sentence.text
    noun = lx.TEAM_NOUN.search(text)
    return bool(previous is not None and previous.document is sentence.document
                and previous.index == sentence.index - 1
                and lx.CENTRE_SUBJECT.match(text) and lx.HAS_STAFF.search(text)
                and noun and not _trainees(sentence, noun.start()) and _own_centre(previous))


def _own_centre(sentence: Sentence) -> bool:
    """An IT centre the sentence names, not another body's (市电教中心, 县教育局信息中心)."""
    for match in lx.IT_CENTRE.finditer(sentence.text):
        before = _clause_before(sentence, match.start())
        if not (lx.OTHER_CENTRE.search(before) or lx.HIGHER_BODY.search(before[-12:])):
            return True
    return False


def _trainees(sentence: Sentence, noun: int) -> bool:
    """培训/学员 in the clause that names the staff means trainees ("参训人员200人"); elsewhere
    in the sentence it is what the staff do ("专职人员两名，负责教师培训"). 参加/参与 names
    participants only before the noun ("参加演练的人员"): after it, it is what the staff did
    ("组织应急演练，信息化中心3名专职技术人员共同参加")."""
    start, clause = clause_at(sentence, noun)
    return any(m.group(0) not in lx.TAKING_PART or m.start() < noun - start
               for m in lx.NOT_STAFF.finditer(clause))


def _staff_counts(sentence: Sentence) -> list:
    """Counts of people, less those of the whole staff or of students (教职工64人) and the posts
    of an establishment (编制5人: posts, not the people in them), the former figure of a
    change ("由4人增加到6人") and a bound ("不足3人")."""
    text = sentence.text
    return [n for n in quantities(sentence, lx.STAFF_UNITS)
            if not lx.NOT_STAFF_COUNT.search(text[: n.start])
            and not POSTS.search(_clause_before(sentence, n.start))
            and not lx.FORMER_COUNT.search(text[n.end:])  # "由4人增加到6人": 4 is the past
            and not upper_bound(sentence, n)  # "专职人员不足3人": fewer than 3
            and modality.stated(sentence, n.start)]  # not "拟配备专职人员3人"


# "核定编制5人，实有3人": the count after 编制 in its clause is of posts.
POSTS = re.compile(r"编制[^，,、；;\d]{0,4}$")


def _clause_before(sentence: Sentence, position: int) -> str:
    start, clause = clause_at(sentence, position)
    return clause[: position - start]


def _full_time_count(sentence: Sentence) -> Evidence | None:
    """The count nearest to 专职, unless 兼职 stands nearer to it ("专职3人、兼职5人")."""
    text = sentence.text
    numbers = _staff_counts(sentence)
    # "督查发现专职人员只有2人，整改后现有专职人员4人": the count found gives way to the one now.
    numbers = [n for n in numbers if not found_before(sentence, n.start)] or numbers
    full = lx.FULL_TIME.search(text)
    if full is None:
        return _team_count(sentence, numbers)
    number = nearest(numbers, text, full.start())
    part = lx.PART_TIME.search(text)
    if number is None or number.integer is None:
        return None
    if (part and nearest(numbers, text, part.start()) is number and len(numbers) == 1
            and not _full_time_clause(sentence, number)):
        return None  # the only count belongs to 兼职
    # What an inspection found (检查指出…专职人员只有2人) gives way to a count stated as now.
    confidence = 0.6 if number.approximate or found_before(sentence, number.start) else 0.8
    return Evidence(value=number.integer, confidence=confidence,
                    citations=[sentence.cite()],
                    rationale=f"材料写明“{text}”，信息化专职人员{number.integer}人"
                              f"{approx_note(number)}。")


def _full_time_clause(sentence: Sentence, number: Number) -> bool:
    """The count's clause names 专职 and not 兼职: "只有专职人员4名，通过“专职+兼职”的办法…",
    where 兼职 in a later clause is how the work is done, with no count of its own."""
    _, clause = clause_at(sentence, number.start)
    return bool(lx.FULL_TIME.search(clause)) and not lx.PART_TIME.search(clause)


def _team_count(sentence: Sentence, numbers: list) -> Evidence | None:
    noun = lx.TEAM_NOUN.search(sentence.text)
    number = nearest(numbers, sentence.text, noun.start()) if noun else None
    if number is None or number.integer is None:
        return None
    if lx.PART_TIME.search(_clause_before(sentence, number.start)):
        return None  # "现有兼职网管1名": said to be part-time, so not 专职
    return Evidence(value=number.integer, confidence=0.5, citations=[sentence.cite()],
                    rationale=f"材料写明“{sentence.text}”，信息化人员{number.integer}人；"
                              "未写明是否为专职，请核对。")


def it_staff(sentences: list[Sentence]) -> Evidence:
    for sentence in sentences:
        denied = lx.NO_STAFF.search(sentence.text)
        if denied and modality.stated(sentence, denied.start()):
            return Evidence(value=0, confidence=0.7, citations=[sentence.cite()],
                            rationale=f"材料写明“{sentence.text}”，没有信息化专职人员。")
    found = [e for e in map(_full_time_count, _staff_sentences(sentences)) if e]
    if not found:
        return no_evidence("信息化专职人员数量")
    return max(found, key=lambda e: e.confidence)


def _figure(sentence: Sentence, mentions: list[re.Match[str]], unit: str) -> Number | None:
    """The first figure after a mention of the statistic, before its next mention, that the text
    states as reached: "省校要求…人均上线天数不少于120天，工作站…人均上线天数为134天" is 134, and
    a 工作要点's "人均上线天数不少于150天" is a target, not a figure (modality)."""
    if not mentions:
        return None
    # "由去年的104天提高到今年的133天": the figure before 提高到 is the former one.
    numbers = [n for n in find_numbers(sentence.text) if n.unit in (unit, "") and not n.percent
               and not lx.FORMER_COUNT.search(sentence.text[n.end:])
               and not sentence.text.startswith("年", n.end)]  # "从2023年的88天": a year
    stops = [m.start() for m in mentions[1:]] + [len(sentence.text)]
    for mention, stop in zip(mentions, stops, strict=True):
        after = [n for n in numbers if mention.end() <= n.start < stop]
        if (after and modality.stated(sentence, after[0].start)
                and not lx.AREA_FIGURE.search(_clause_before(sentence, mention.start()))):
            return after[0]
    return None


def _stated(sentences: list[Sentence], mentions: Callable[[Sentence], list[re.Match[str]]],
            unit: str, what: str) -> Evidence:
    """A per-capita figure the deeds state themselves ("教师人均上线天数为45天")."""
    for sentence in sentences:
        number = _figure(sentence, mentions(sentence), unit)
        if number:
            return Evidence(value=number.value, confidence=0.6, citations=[sentence.cite()],
                            rationale=f"材料写明“{sentence.text}”，{what}为{number.value:g}"
                                      f"{approx_note(number)}；该数据通常以平台统计为准，请核对。")
    return no_evidence(what, why=f"材料未写明{what}；该数据通常来自平台统计，请按平台数据填写。")


def _online_days(sentence: Sentence) -> list[re.Match[str]]:
    """Mentions of the teachers' per-capita days: 人均上线天数, 在线学习天数人均…, or a row
    labelled 在线天数 that says 人均 in another cell; not the students' days."""
    text = sentence.text
    found = [*lx.ONLINE_DAYS.finditer(text), *lx.ONLINE_DAYS_PER_CAPITA.finditer(text)]
    if sentence.label_end and lx.PER_CAPITA.search(text):
        found += list(lx.ONLINE_DAYS_NOUN.finditer(text, 0, sentence.label_end))
    found = [m for m in found
             if not lx.STUDENT_FIGURE.search(_clause_before(sentence, m.start()))]
    return _one_per_place(sorted(found, key=lambda m: m.start()))


def _one_per_place(mentions: list[re.Match[str]]) -> list[re.Match[str]]:
    """One mention per place: a row labelled "教师在线天数（人均）" is found as the noun and as
    the noun with 人均; the longer (ending at 人均) is kept, so the figure read is after it."""
    kept: list[re.Match[str]] = []
    for mention in mentions:
        if kept and mention.start() < kept[-1].end():
            if mention.end() > kept[-1].end():
                kept[-1] = mention
            continue
        kept.append(mention)
    return kept


def teacher_online_days(sentences: list[Sentence]) -> Evidence:
    return _stated(sentences, _online_days, "天", "教师人均上线天数")


def platform_logins_per_capita(sentences: list[Sentence]) -> Evidence:
    return _stated(sentences, _logins, "次", "公共服务平台人均登录次数")


def _logins(sentence: Sentence) -> list[re.Match[str]]:
    return list(lx.LOGINS.finditer(sentence.text))
