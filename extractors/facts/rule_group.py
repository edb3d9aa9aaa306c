"""Item 1 facts: `leading_group` (none | exists | headed_by_principal) and `group_meetings`.

The unit's own group only: a group of a higher body (中央, 教育部, 省委, 总书记 …) named in the
same clause is not the unit's. A group given as a roster ("成立网络安全工作小组：" then lines
"组长：…", "副组长：…", "成员：…") exists; it is headed by the principal only if a post says so.
Meetings stated as an ordinal ("第三次领导小组会议") or as one event ("召开领导小组会议") give a
lower bound (at least 3, at least 1) with a lower confidence, said so in the rationale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from extractors.document import Document
from extractors.facts import lexicon as lx
from extractors.facts import modality
from extractors.facts.evidence import (
    Evidence,
    approx_note,
    nearest,
    no_evidence,
    quantities,
    unique,
)
from extractors.facts.models import Citation
from extractors.facts.numbers import Number, parse_number
from extractors.facts.text import Sentence, clause_at, following
from extractors.facts.wraps import soft_wraps

ROSTER_LOOKAHEAD = 4  # lines after the group's sentence where its roster may stand
BOUND_ORDINAL = 0.45
BOUND_SINGLE = 0.35


def own_groups(sentence: Sentence, meetings: bool = False) -> Iterator[re.Match[str]]:
    """Mentions of a 领导小组 that are the unit's own (no higher body before it in its clause)
    and stated as a fact (not a plan, goal, requirement, condition or rubric quote: modality)."""
    text = sentence.text
    for match in lx.OWN_GROUP_WORD.finditer(text):
        start, clause = clause_at(sentence, match.start())
        if meetings and lx.GROUP_OFFICE.match(text, match.end()):
            continue  # "领导小组办公室全年召开例会12次": the office's meetings, not the group's
        if (not lx.HIGHER_BODY.search(clause[: match.start() - start])
                and modality.stated(sentence, match.start())):
            yield match


def _title(sentence: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The first line of the sentence's document: what the document is (述职报告, 会议纪要)."""
    return next((s for s in sentences if s.document is sentence.document and s.index == 0), None)


def _about_group(sentence: Sentence, sentences: list[Sentence]) -> bool:
    """An own group named as the IT group, or bare in an IT sentence, or bare in a document
    whose title names the IT group ("…网络安全和信息化领导小组会议纪要", then "主持：校长
    （领导小组组长）") or IT work ("…网络安全和信息化工作问题整改清单", then a measure "10月调整
    领导小组，由校长任组长": the only 领导小组 such a document is about)."""
    text = sentence.text
    if not any(own_groups(sentence)):
        return False
    if lx.GROUP.search(text) or lx.IT_CONTEXT.search(text):
        return True
    title = _title(sentence, sentences)
    return bool(title and (lx.GROUP.search(title.text) or lx.IT_CONTEXT.search(title.text))
                and not lx.HIGHER_BODY.search(title.text)
                and any(_BARE_REFERENCE.search(text, 0, g.start()) for g in own_groups(sentence)))


# A bare 领导小组 that refers back to the title's group: nothing naming another one before it
# ("（领导小组组长）", "本领导小组", "调整领导小组"), not "招生领导小组", "安全工作领导小组".
_BARE_REFERENCE = re.compile(rf"(?:^|[（(，,：:、\s]|学校|本|该|我校|校|{lx.SET_UP.pattern})$")


def _head(sentence: Sentence, sentences: list[Sentence]) -> tuple[Sentence, re.Match[str]] | None:
    for candidate in (sentence, following(sentence, sentences)):
        if candidate is None:
            continue
        match = lx.HEAD.search(candidate.text)
        if (match and not lx.HIGHER_BODY.search(candidate.text[: match.start()][-12:])
                and not lx.HEAD_DENIED.search(match.group(0))
                and modality.stated(candidate, match.start())):
            return candidate, match
    return None


def _roster(sentence: Sentence, sentences: list[Sentence]) -> list[Sentence]:
    """The roster lines (组长：/副组长：/成员：) following a sentence that sets up a group."""
    text = sentence.text
    group = lx.ROSTER_GROUP.search(text)
    if (group is None or not lx.SET_UP.search(text) or lx.HIGHER_BODY.search(text)
            or not modality.stated(sentence, group.start())):
        return []
    lines = [following(sentence, sentences, step) for step in range(1, ROSTER_LOOKAHEAD + 1)]
    found = [line for line in lines if line is not None and lx.ROSTER_LINE.search(line.text)]
    return found if any(lx.ROSTER_HEAD.search(line.text) for line in found) else []


def _roster_evidence(sentences: list[Sentence]) -> Evidence | None:
    for sentence in sentences:
        lines = _roster(sentence, sentences)
        if not lines:
            continue
        head = next((line for line in lines if lx.ROSTER_HEAD.search(line.text)), lines[0])
        cites = [sentence.cite(), head.cite()]
        if lx.HEAD.search(head.text):
            return Evidence(value="headed_by_principal", confidence=0.75, citations=cites,
                            rationale=f"材料写明“{sentence.text}”，名单中“{head.text}”，"
                                      "组长为学校主要领导。")
        return Evidence(value="exists", confidence=0.65, citations=cites,
                        rationale=f"材料写明“{sentence.text}”并列出名单（“{head.text}”），设有"
                                  "工作机构，但名单未写明组长是否为学校主要领导（校长或书记）。")
    return None


def _denies_group(sentence: Sentence) -> bool:
    """A denial whose clause holds the group: "未成立领导小组", "领导小组尚未成立"; not "成立了领导
    小组，但未设立信息化办公室", where the negation is the next clause's, about another thing."""
    text = sentence.text
    for denial in lx.NO_GROUP.finditer(text):
        start, clause = clause_at(sentence, denial.start())
        end = start + len(clause)
        groups = list(lx.OWN_GROUP_WORD.finditer(text, start, end))
        rest = text[denial.end():end]
        if any(g.start() >= denial.start() for g in groups) or (groups and len(rest) <= 4):
            return True
    return False


def _writer_head(sentence: Sentence, sentences: list[Sentence]) -> Evidence | None:
    """"领导小组由我本人任组长" in a report whose title names it the principal's (校长述职报告),
    or in an answer of an interview whose paragraph opens with the principal as its speaker
    ("校长：…学校成立了由我任组长的网络安全和信息化领导小组")."""
    match = lx.FIRST_PERSON_HEAD.search(sentence.text)
    if match is None or not modality.stated(sentence, match.start()):
        return None
    title = _title(sentence, sentences)
    if title is not None and lx.PRINCIPAL_REPORT.search(title.text):
        return Evidence(value="headed_by_principal", confidence=0.7,
                        citations=[title.cite(), sentence.cite()],
                        rationale=f"材料为“{title.text}”，写明“{match.group(0)}”，领导小组由学校"
                                  "主要领导任组长。")
    byline = _byline(sentence)
    if byline is not None:
        return Evidence(value="headed_by_principal", confidence=0.65,
                        citations=[Citation.verified(sentence.document, *byline), sentence.cite()],
                        rationale=f"材料署名“{sentence.document.text[slice(*byline)]}”，写明"
                                  f"“{match.group(0)}”，领导小组由学校主要领导任组长。")
    speaker = _speaker(sentence, sentences)
    if speaker is None:
        return None
    said = lx.PRINCIPAL_SPEAKER.match(speaker.text)
    assert said is not None  # _speaker only returns a sentence it matches
    cites = unique([speaker.cite(0, said.end()), sentence.cite()])
    return Evidence(value="headed_by_principal", confidence=0.65, citations=cites,
                    rationale=f"材料中“{said.group(0).strip()}”的答话写明“{match.group(0)}”，"
                              "说话人是学校主要领导，领导小组由其任组长。")


def _byline(sentence: Sentence) -> tuple[int, int] | None:
    """The span of the principal's byline at the head of a report or speech, if it has one (its
    paragraphs, a PDF's soft wraps joined)."""
    titled = False
    for start, end in _paragraphs(sentence.document)[: lx.BYLINE_LINES]:
        raw = sentence.document.text[start:end]
        line = raw.replace("\n", "")
        titled = titled or bool(lx.REPORT_TITLE.search(line))
        if titled and lx.PRINCIPAL_BYLINE.match(line):
            return start + len(raw) - len(raw.lstrip()), start + len(raw.rstrip())
    return None


def _paragraphs(document: Document) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: lines ended by a hard line break, not a soft wrap."""
    text, soft = document.text, soft_wraps(document)
    ends = [i for i, c in enumerate(text) if c == "\n" and i not in soft] + [len(text)]
    return [(a, b) for a, b in zip([0, *(e + 1 for e in ends[:-1])], ends, strict=True) if b > a]


def _speaker(sentence: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The sentence that opens the paragraph of `sentence` (across a PDF's soft wraps), when its
    head names the principal as the speaker ("校长："): None otherwise."""
    start = next((a for a, b in _paragraphs(sentence.document) if a <= sentence.start <= b),
                 sentence.start)
    opening = min((s for s in sentences if s.document is sentence.document
                   and start <= s.start <= sentence.start), key=lambda s: s.start, default=None)
    if opening is None or not lx.PRINCIPAL_SPEAKER.match(opening.text):
        return None
    return opening


# Why a clause may not state a fact, that still leaves an apposition of posts a fact: what the
# unit means or must do (a 整改方案's measure "由领导小组组长、校长负总责") names the head it has.
# Not a rubric quote, a definition or a leader's words; nor a clause about another body, an area's
# units or a case (modality.others_or_case), which a plan's 计划 would otherwise hide.
_APPOSITION_READ = (None, "计划", "要求", "目标")


def _apposed_head(sentences: list[Sentence]) -> Evidence | None:
    """"成立整改专班，由学校网络安全和信息化领导小组组长、校长负总责" in a plan's measures: the
    posts in apposition say the principal heads the group now, whatever the plan is to do."""
    for sentence in sentences:
        for match in lx.APPOSED_HEAD.finditer(sentence.text):
            start, clause = clause_at(sentence, match.start())
            if (lx.HIGHER_BODY.search(clause[: match.start() - start])
                    or modality.unstated(sentence, match.start()) not in _APPOSITION_READ
                    or modality.others_or_case(sentence, match.start())):
                continue
            return Evidence(value="headed_by_principal", confidence=0.7,
                            citations=[sentence.cite(start, start + len(clause))],
                            rationale=f"材料写明“{clause}”，其中“{match.group(0)}”两职并称，"
                                      "领导小组由学校主要领导任组长。")
    return None


def leading_group(sentences: list[Sentence]) -> Evidence:
    group = [s for s in sentences if _about_group(s, sentences)]
    stated = [s for s in group if not _denies_group(s)]
    for sentence in stated:
        head = _head(sentence, sentences)
        if head:
            where, match = head
            cites = [sentence.cite()] + ([where.cite()] if where is not sentence else [])
            return Evidence(value="headed_by_principal", confidence=0.85, citations=cites,
                            rationale=f"材料写明“{match.group(0)}”，领导小组由学校主要领导任组长。")
    writer = next((e for s in stated if (e := _writer_head(s, sentences))), None)
    if writer:
        return writer
    apposed = _apposed_head(sentences)
    if apposed:
        return apposed
    roster = _roster_evidence(sentences)
    if roster and (roster.value == "headed_by_principal" or not stated):
        return roster
    if stated:
        first = stated[0]
        return Evidence(value="exists", confidence=0.7, citations=[first.cite()],
                        rationale=f"材料写明“{first.text}”，设有领导小组，但未写明由学校主要领导"
                                  "（校长或书记）任组长。")
    if group:
        denied = group[0]
        return Evidence(value="none", confidence=0.8, citations=[denied.cite()],
                        rationale=f"材料写明“{denied.text}”，未成立网络安全和信息化领导小组。")
    return no_evidence("网络安全和信息化领导小组")


# ---- meetings -----------------------------------------------------------------------------------


def _meeting_sentence(sentence: Sentence) -> bool:
    text = sentence.text
    if not lx.MEETING.search(text):
        return False
    if any(own_groups(sentence, meetings=True)):
        return True  # the group's own meetings, even when the sentence also names a service
    if lx.GROUP_BARE.search(text) or lx.HIGHER_BODY.search(text):
        return False  # a higher body's group or meeting
    return bool(lx.IT_CONTEXT.search(text)) and not lx.MEETING_NOT_OURS.search(text)


# "主持召开领导小组办公室工作会议": the office (网信办) holds it, whoever of the group chairs it.
_OFFICE_BEFORE = re.compile(r"办公室[^，,。；;\d]{0,6}$")


def _office_meeting(text: str, meeting: re.Match[str]) -> bool:
    return bool(_OFFICE_BEFORE.search(text, 0, meeting.start()))


def _meeting_count(sentence: Sentence) -> Evidence | None:
    text = sentence.text
    keyword = lx.MEETING.search(text)
    assert keyword is not None  # only meeting sentences come here
    if all(_office_meeting(text, m) for m in lx.MEETING.finditer(text)):
        return None
    own = any(own_groups(sentence, meetings=True))
    denied = next((d for d in lx.NO_MEETING.finditer(text) if _meeting_denied(sentence, d)), None)
    if denied:
        return Evidence(value=0, confidence=0.75, citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”，未召开相关会议，会议次数为0。")
    units = lx.MEETING_UNITS if own else ("次",)  # 三场会议 without the group: events, not ours
    counts = quantities(sentence, units)
    counts = [n for n in counts if modality.stated(sentence, n.start)  # "每学期要召开两次"
              and not _not_counted(sentence, n)
              and not _ONE_OF_SERIES.search(text, 0, n.start)]
    totals = [n for n in counts if not lx.FREQUENCY.search(text[: n.start])]
    if counts and not totals:
        return None  # "每学期召开一次会议": how often, not how many this year (see _frequency_only)
    number = nearest(totals, text, keyword.start())
    if number is None or number.integer is None or _earlier(sentence, number):
        return None  # meetings before the one reported: counted with it (_earlier_bound)
    each = _each_of(sentence, number)
    if each > 1:
        total = each * number.integer
        return Evidence(value=total, confidence=0.5, citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”，{each}个时段各{number.integer}次，"
                                  f"合计{total}次，请核对。")
    parts = _listed_meetings(sentence, totals, number) or _period_parts(sentence, totals)
    if parts:
        total = sum(n.integer or 0 for n in parts)
        shown = "+".join(str(n.integer) for n in parts)
        return Evidence(value=total, confidence=0.5, citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”，分项列出的会议合计{shown}={total}次，请核对。")
    what = "领导小组会议" if own else "信息化相关会议（未写明是领导小组会议）"
    return Evidence(value=number.integer, confidence=0.85 if own and not number.approximate
                    else 0.55, citations=[sentence.cite()],
                    rationale=f"材料写明“{text}”，{what}次数为{number.integer}{approx_note(number)}。")


# "上一次会议于4月召开", "下一次会议": one meeting of a series named, not a count of meetings.
_ONE_OF_SERIES = re.compile(r"(?:上|下|这|那|此)$")


def _not_counted(sentence: Sentence, number: Number) -> bool:
    """The text leaves the count out of its own: a marker after it in its clause ("2023年度召开的
    2次会议不在此列"), or a later clause that is only the marker, about every count before it
    ("…召开会议5次，我校派员列席其中1次，不计入本校会议次数")."""
    start, clause = clause_at(sentence, number.start)
    if lx.NOT_COUNTED.search(clause, number.end - start):
        return True
    for marker in lx.NOT_COUNTED.finditer(sentence.text, start + len(clause)):
        _, later = clause_at(sentence, marker.start())
        if lx.NOT_COUNTED_CLAUSE.match(later):
            return True
    return False


def _meeting_denied(sentence: Sentence, denial: re.Match[str]) -> bool:
    """The denial is of a meeting: its clause names one after it ("未单独召开过会议"), not another
    thing not held ("领导小组召开会议2次，未专门组织培训")."""
    start, clause = clause_at(sentence, denial.start())
    return (modality.stated(sentence, denial.start())
            and bool(lx.MEETING.search(sentence.text, denial.start(), start + len(clause))))


_LISTED = re.compile(r"^[^，,。；;\d]{0,8}?(?:会议|会)[^，,。；;\d]{0,2}(?:和|及|以及|、|与)"
                     r"[^，,。；;\d]{0,4}$")


def _listed_meetings(sentence: Sentence, counts: list[Number], number: Number) -> list[Number]:
    """Counts of kinds of meeting listed in one clause ("召开了两次专题会议和一次扩大会议"): the
    parts of one total, each followed by its meeting; [] when the clause has one count."""
    start, clause = clause_at(sentence, number.start)
    same = sorted((n for n in counts if start <= n.start < start + len(clause)),
                  key=lambda n: n.start)
    if len(same) < 2 or any(n.integer is None for n in same):
        return []
    text = sentence.text
    joined = all(_LISTED.search(text[a.end : b.start]) for a, b in pairwise(same))
    last = re.match(r"[^，,。；;\d]{0,6}会", text[same[-1].end :])
    return same if joined and last else []


# The parts of a year: "上半年召开会议1次，下半年召开会议1次" is 2 in the year.
_PERIOD_PART = re.compile(r"(?:上|下)半年|(?:上|下)学期|(?:春|秋)季(?:学期)?|第[一二三四1-4]季度")


_EACH = re.compile(r"各(?:召开|开|举行|举办)?了?$")


def _each_of(sentence: Sentence, number: Number) -> int:
    """"在春季和秋季各开了一次会": the count holds for each part of the year named before 各."""
    start, clause = clause_at(sentence, number.start)
    before = clause[: number.start - start]
    if not _EACH.search(before):
        return 0
    return len(set(_PERIOD_PART.findall(before)))


def _period_parts(sentence: Sentence, counts: list[Number]) -> list[Number]:
    """Every count in the sentence follows its own part of the year (上半年…，下半年…)."""
    text = sentence.text
    if len(counts) < 2:
        return []
    starts = [clause_at(sentence, n.start)[0] for n in counts]
    parts = [_PERIOD_PART.findall(text[start : n.start]) for start, n in zip(starts, counts,
                                                                             strict=True)]
    named = [p[-1] for p in parts if p]
    if len(named) == len(counts) and len(set(named)) == len(named):
        return counts
    return []


def _group_ordinal(sentence: Sentence, match: re.Match[str], groups: list[re.Match[str]]) -> bool:
    """The ordinal meeting is the own group's: the group stands in its clause, or in an earlier
    clause whose subject it carries on ("调整后的领导小组于4月召开第一次会议，9月召开第二次会议"),
    and no other body or kind of meeting stands between them (第三次校长办公会议)."""
    start, clause = clause_at(sentence, match.start())
    before = [g for g in groups if g.start() < start + len(clause)]
    if not before or lx.OTHER_MEETING.search(match.group(0)):
        return False
    if before[-1].start() >= start:
        return not lx.HIGHER_BODY.search(clause[: match.start() - start][-8:])
    between = sentence.text[before[-1].end() : match.start()]
    return not (lx.HIGHER_BODY.search(between) or lx.OTHER_MEETING.search(between)
                or _THIRD_PARTY.search(between))


# "…召开本单位网信领导小组会议，这是该校今年召开的第四次会议": 该校 names a unit the text reports
# on, not the writer's own, so the ordinal is that unit's meeting.
_THIRD_PARTY = re.compile(r"该(?:校|单位|院|县|区|中心|站)")


def _ordinal_bound(sentence: Sentence) -> Evidence | None:
    """"2024年第三次领导小组会议" → at least 3, when the ordinal is the own group's meeting; the
    highest ordinal of the sentence ("4月召开第一次会议，9月召开第二次会议" → at least 2)."""
    groups = list(own_groups(sentence, meetings=True))
    found: list[tuple[int, re.Match[str]]] = []
    for match in lx.MEETING_ORDINAL.finditer(sentence.text):
        if not _group_ordinal(sentence, match, groups) or not modality.stated(sentence,
                                                                              match.start()):
            continue
        number = parse_number(match.group("n"))
        if number is not None and number.integer is not None and number.integer >= 1:
            found.append((number.integer, match))
    if found:
        n, match = max(found, key=lambda f: f[0])
        return Evidence(value=n, confidence=BOUND_ORDINAL, citations=[sentence.cite()],
                        rationale=f"材料写明“{sentence.text}”：既是第{match.group('n')}次会议，"
                                  f"领导小组会议至少已召开{n}次（由序数推断的下限，非全年总数，请核对）。")
    return None


_JOINED = re.compile(r"\s*[；;]")


def _carried_ordinal(sentence: Sentence, sentences: list[Sentence]) -> Evidence | None:
    """"领导小组于1月召开会议；……；10月22日召开第三次会议": a sentence joined by ； to one where
    the own group meets, with no subject of its own before its ordinal, carries that group on."""
    previous = following(sentence, sentences, -1)
    if (previous is None or any(own_groups(sentence))
            or not _JOINED.match(sentence.document.text, previous.end)
            or not lx.MEETING.search(previous.text)
            or not any(own_groups(previous, meetings=True))):
        return None
    for match in lx.MEETING_ORDINAL.finditer(sentence.text):
        before = sentence.text[: match.start()]
        if (lx.HIGHER_BODY.search(before) or lx.OTHER_MEETING.search(before + match.group(0))
                or lx.GROUP_BARE.search(before) or not lx.HELD.search(before[-6:])
                or not modality.stated(sentence, match.start())):
            continue
        number = parse_number(match.group("n"))
        if number is None or number.integer is None or number.integer < 1:
            continue
        return Evidence(value=number.integer, confidence=BOUND_ORDINAL,
                        citations=[previous.cite(), sentence.cite()],
                        rationale=f"材料写明“{previous.text}”，其后“{sentence.text}”：领导小组"
                                  f"会议至少已召开{number.integer}次（由序数推断的下限，非全年总数，"
                                  "请核对）。")
    return None


_SEVERAL = re.compile(r"[、和及与各]|\d+(?:所|个|家)")


def _dated_bound(sentence: Sentence) -> Evidence | None:
    """"领导小组分别于3月、7月和11月召开会议" → at least 3: one meeting per date listed, when the
    group and a meeting stand in the clause of 召开. 分别 here spreads the dates, not values of
    several years or units (modality's 分别 class), so only the other classes are asked."""
    text = sentence.text
    for match in lx.MEETING_DATES.finditer(text):
        held = match.end()
        start, clause = clause_at(sentence, held - 1)
        end = start + len(clause)
        if _SEVERAL.search(clause[: match.start() - start]):
            continue  # "2023年、2024年分别于…", "各分校分别于…": one date per year or unit
        dates = {m.group(0) for m in lx.MONTH.finditer(match.group("dates"))}
        if (quantities(sentence, lx.MEETING_UNITS) or lx.VAGUE_MEETING.search(text)
                or not any(g.start() < end for g in own_groups(sentence, meetings=True))
                or not any(not _office_meeting(text, m) for m in lx.MEETING.finditer(text, held))
                or modality.unstated(sentence, match.start()) not in (None, "分别")):
            continue
        return Evidence(value=len(dates), confidence=BOUND_ORDINAL, citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”：按日期列出{len(dates)}次领导小组会议，"
                                  f"会议次数至少为{len(dates)}（由日期推断，请核对全年次数）。")
    return None


def _earlier(sentence: Sentence, number: Number) -> bool:
    """The count is of the group's meetings before the one the text reports ("此前已召开过一次"),
    of this year (not 去年)."""
    start, clause = clause_at(sentence, number.start)
    before = clause[: number.start - start]
    return bool(lx.EARLIER_MEETINGS.search(before)) and not lx.PRIOR_YEAR.search(before)


def _earlier_bound(sentence: Sentence, reported: Evidence | None) -> Evidence | None:
    """"此前领导小组已召开过一次会议": that many before, and one more when the text reports a
    meeting of the group (`reported`, cited too): a lower bound either way."""
    if not any(own_groups(sentence, meetings=True)):
        return None
    for number in quantities(sentence, lx.MEETING_UNITS):
        if (number.integer is None or not _earlier(sentence, number)
                or not modality.stated(sentence, number.start)):
            continue
        total = number.integer + (reported is not None)
        also = "，加上材料报道的本次会议" if reported else ""
        cites = unique([sentence.cite(), *(reported.citations if reported else [])])
        return Evidence(value=total, confidence=BOUND_ORDINAL, citations=cites,
                        rationale=f"材料写明“{sentence.text}”：此前已召开{number.integer}次"
                                  f"{also}，领导小组会议至少{total}次（下限，请核对全年次数）。")
    return None


def _single_bound(sentence: Sentence) -> Evidence | None:
    """"召开领导小组会议，研究部署…" → at least one meeting."""
    text = sentence.text
    if (lx.VAGUE_MEETING.search(text) or quantities(sentence, lx.MEETING_UNITS)
            or not any(_group_held(sentence, held) for held in lx.HELD.finditer(text))):
        # A count here was read and set aside ("每学期至少召开一次", "不少于2次"): how often, or
        # what is asked, not one meeting held.
        return None
    return Evidence(value=1, confidence=BOUND_SINGLE, citations=[sentence.cite()],
                    rationale=f"材料写明“{text}”：记载了一次领导小组会议，会议次数至少为1"
                              "（下限，材料未写明全年次数，请核对）。")


def _group_held(sentence: Sentence, held: re.Match[str]) -> bool:
    """The group and the meeting in the clause of 召开: "系召开网络安全工作会议，系网络安全工作小组
    组长主持会议" is a department's meeting its group's head chairs, not a meeting of the group."""
    start, clause = clause_at(sentence, held.start())
    end = start + len(clause)
    return (modality.stated(sentence, held.start())
            and any(start <= g.start() < end for g in own_groups(sentence, meetings=True))
            and any(not _office_meeting(sentence.text, m)
                    for m in lx.MEETING.finditer(sentence.text, start, end)))


def _frequency_only(sentence: Sentence) -> bool:
    """Every count in the sentence is a frequency ("每学期召开一次"), none the year's total."""
    counts = [n for n in quantities(sentence, lx.MEETING_UNITS)
              if modality.stated(sentence, n.start)]
    return bool(counts) and all(lx.FREQUENCY.search(sentence.text[: n.start]) for n in counts)


def _bounds(candidates: list[Sentence]) -> list[Evidence]:
    ordinal = [e for e in map(_ordinal_bound, candidates) if e]
    ordinal += [e for e in map(_dated_bound, candidates) if e]
    return ordinal or [e for e in map(_single_bound, candidates) if e]


def _roster_group_meeting(sentence: Sentence) -> bool:
    """"工作小组全年召开工作会议2次" after the roster of that 工作小组."""
    text = sentence.text
    return bool(lx.SMALL_GROUP.search(text) and lx.MEETING.search(text)
                and not lx.HIGHER_BODY.search(text) and not lx.MEETING_NOT_OURS.search(text))


def group_meetings(sentences: list[Sentence]) -> Evidence:
    rostered = any(_roster(s, sentences) for s in sentences)
    candidates = [s for s in sentences
                  if _meeting_sentence(s) or (rostered and _roster_group_meeting(s))]
    found = [e for e in map(_meeting_count, candidates) if e is not None]
    if found:
        # The group's own meetings first (higher confidence); then the first one written.
        best = max(found, key=lambda e: e.confidence)
        others = [str(e.value) for e in found if e is not best and e.value != best.value]
        if not others:
            return best
        note = f"材料中还出现其他会议次数（{'、'.join(others)}），请核对。"
        return Evidence(value=best.value, confidence=min(best.confidence, 0.5),
                        citations=best.citations, rationale=best.rationale + note)
    bounds = _bounds(candidates)
    carried = [e for s in sentences if (e := _carried_ordinal(s, sentences))]
    if carried and (not bounds or bounds[0].confidence < BOUND_ORDINAL):
        bounds = carried  # an ordinal outweighs "召开会议" (at least one)
    elif carried:
        bounds += carried
    reported = max(bounds, key=lambda e: e.confidence, default=None)
    bounds += [e for s in candidates if (e := _earlier_bound(s, reported))]
    if bounds:
        return max(bounds, key=lambda e: (e.value, e.confidence))
    frequency = [s for s in candidates if _frequency_only(s)]
    if frequency:
        return no_evidence("领导小组会议次数", [frequency[0].cite()],
                           f"材料只写“{frequency[0].text}”，是开会的频次，未写明本年度召开的次数，"
                           "请人工核对。")
    vague = [s for s in candidates if lx.VAGUE_MEETING.search(s.text)]
    if vague:
        return no_evidence("领导小组会议次数", [vague[0].cite()],
                           f"材料只写“{vague[0].text}”，未写明会议次数，请人工核对。")
    return no_evidence("领导小组会议次数")
