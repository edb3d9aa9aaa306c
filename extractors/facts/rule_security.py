"""Item 9 facts: `security_policy` (complete | mostly_complete | incomplete) and
`security_incident` (none | minor | major).

How complete a set of policies is, is a judgement, so `security_policy` is a heuristic, labelled
as such: at least three distinct named security policies (《…制度》《…预案》) → complete; one or
two, or policies said to be made without 《》 names ("建立了…等十余项制度") → mostly_complete; an
admission that the rules are lacking ("制度尚不健全", "有待完善"; not "安全意识薄弱") → incomplete.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.facts import lexicon as lx
from extractors.facts import modality
from extractors.facts.evidence import Evidence, no_evidence, unique
from extractors.facts.models import Citation
from extractors.facts.text import Sentence, clause_at

MAKING = re.compile(r"制定|出台|修订|建立|起草|印发|编制|研究制定")


def own_policy(sentence: Sentence, match: re.Match[str]) -> bool:
    """A title the unit made itself: not a law cited as the basis, not an activity plan, not a
    duty or plan ("负责制定《…办法》"), not another body's rule."""
    title = match.group("title")
    start, clause = clause_at(sentence, match.start())
    before = clause[: match.start() - start]
    # Titles before this one (《A》《B》) are left out: the clause's verb stands before them all.
    before = re.sub(r"《[^《》]*》", "", before)
    after = sentence.text[match.end():]
    if lx.NOT_OWN_TITLE.search(title):
        return False
    stated = modality.stated(sentence, match.start())
    if not stated and MAKING.search(before):
        return False  # a policy still to be made: "拟制定《…》", "要尽快出台《…》"
    if lx.TITLE_ISSUED_ABOVE.search(before):
        return False  # "省校印发了《河北开放大学…办法》": the higher body's rule, not the unit's
    if _deadline(sentence, match.start()):
        return False  # "9月底前完成《…预案》修订": a task with its deadline, not done yet
    if lx.TITLE_MODEL.search(before):
        return False  # "参照《某大学…办法》起草了本校办法": another school's rule as a model
    if lx.TITLE_OWN_NAME.search(title):
        return True  # "要严格落实《某开放大学…细则》": to follow it, it must exist
    return stated and not (lx.TITLE_BASIS.search(before) or lx.TITLE_OF_HIGHER.search(before)
                or lx.TITLE_FOLLOWED.search(after))


def _deadline(sentence: Sentence, position: int) -> bool:
    """A deadline before the policy in its clause, and the clause does not say it is done: "10月
    底前完成《…》修订", "年内出台数据安全管理办法" (a meeting's decision), not "6月底前已完成…"."""
    start, clause = clause_at(sentence, position)
    before = re.sub(r"《[^《》]*》", "", clause[: position - start])
    return bool(lx.POLICY_DEADLINE.search(before)) and not lx.POLICY_DONE.search(clause)


def _named_policies(sentences: list[Sentence]) -> dict[str, Citation]:
    """Distinct security policy titles, each with the citation of its first mention."""
    titles: dict[str, Citation] = {}
    for sentence in sentences:
        for match in lx.POLICY_TITLE.finditer(sentence.text):
            title = match.group("title")
            if (lx.SECURITY_WORDS.search(title) and title not in titles
                    and own_policy(sentence, match)):
                titles[title] = sentence.cite(match.start(), match.end())
    return titles


def _weak(sentence: Sentence, following: Sentence | None) -> bool:
    """An admission that the rules are lacking: the weakness in a clause about rules, not a past
    state the text says is since fixed."""
    if not lx.SECURITY_CONTEXT.search(sentence.text):
        return False
    return any(lx.POLICY_WORD.search(clause_at(sentence, m.start())[1])
               and modality.stated(sentence, m.start()) and not _others(sentence, m.start())
               and not _fixed(sentence, m, following) and not _reserve(sentence, m.start())
               for m in lx.POLICY_WEAK.finditer(sentence.text))


def _reserve(sentence: Sentence, position: int) -> bool:
    """The gaps the unit names after its own word that its rules are mostly sound ("制度体系总体较
    健全，但数据分类分级…尚无专门规定"): the reserve of that 较健全, not an admission that the
    rules are lacking."""
    text = sentence.text
    return any(m.group("degree") and re.search(r"但|不过|只是", text[m.end(): position])
               for m in lx.POLICY_SOUND.finditer(text, 0, position))


def _others(sentence: Sentence, position: int) -> bool:
    """A higher body's or other schools' lack: "市教育局尚无统一的办法", "部分县校尚无预案"."""
    start, clause = clause_at(sentence, position)
    before = clause[: position - start]
    return bool(lx.HIGHER_BODY.search(before) or lx.POLICY_OTHER.search(before))


def _fixed(sentence: Sentence, weakness: re.Match[str], following: Sentence | None) -> bool:
    """"去年学校尚无网络安全制度，今年已制定《…》": the lack was before, the making after it."""
    if not lx.POLICY_PAST.search(sentence.text, 0, weakness.start()):
        return False
    after = sentence.text[weakness.end():]
    if following is not None and following.document is sentence.document:
        after += following.text
    return bool(lx.POLICY_FIXED.search(after))


def security_policy(sentences: list[Sentence]) -> Evidence:
    weak = next((s for s, f in zip(sentences, [*sentences[1:], None], strict=True)
                 if _weak(s, f)), None)
    if weak:
        return Evidence(value="incomplete", confidence=0.6, citations=[weak.cite()], heuristic=True,
                        rationale=f"材料写明“{weak.text}”，网信安全管理制度尚不健全（启发式判断）。")
    named = _named_policies(sentences)
    names = "、".join(f"《{t}》" for t in named)
    judged = _judged(sentences)
    if judged and judged.value == "mostly_complete":
        # "制度较为健全，但…办法尚未出台": the unit's own reserve outweighs the count of titles.
        note = f"列出{len(named)}项具名制度但自述较健全" if named else "未逐项列出制度名称"
        return replace(judged, citations=unique([*judged.citations, *named.values()]),
                       rationale=judged.rationale.replace("未逐项列出制度名称", note))
    if len(named) >= lx.POLICY_COMPLETE_COUNT:
        return Evidence(value="complete", confidence=0.6, citations=list(named.values()),
                        heuristic=True,
                        rationale=f"材料列出{len(named)}项网信安全制度：{names}，制度较为健全"
                                  f"（启发式：列出不少于{lx.POLICY_COMPLETE_COUNT}项具名制度视为健全）。")
    if judged:
        return judged
    if named:
        return Evidence(value="mostly_complete", confidence=0.5, citations=list(named.values()),
                        heuristic=True,
                        rationale=f"材料列出{len(named)}项网信安全制度：{names}，视为较健全"
                                  f"（启发式：具名制度少于{lx.POLICY_COMPLETE_COUNT}项）。")
    made = next((s for s in sentences if (m := lx.POLICY_MADE.search(s.text))
                 and modality.stated(s, m.start()) and not _issued_above(s, m.start())
                 and _security_clause(s, m.start()) and not lx.POLICY_DUTY.search(s.text)
                 and not _deadline(s, m.start())
                 and not _personal(s, m.start())),
                None)
    if made:
        return Evidence(value="mostly_complete", confidence=0.4, citations=[made.cite()],
                        heuristic=True,
                        rationale=f"材料写明“{made.text}”，但未列出具体制度名称，视为较健全（启发式）。")
    return no_evidence("网信安全管理制度")


def _personal(sentence: Sentence, position: int) -> bool:
    """The writer made it ("我在中心负责运维，和同事修订了网络安全管理制度"): a personal account of
    one's work, which names no rules as the unit's; unless a clause after the writer opens with
    the unit as its subject ("我到任后，学校修订了…")."""
    first = [m.end() for m in lx.FIRST_PERSON.finditer(sentence.text, 0, position)]
    return bool(first) and not any(
        first[-1] <= start < position and modality.OWN_SUBJECT.match(clause)
        for start, clause in sentence.clauses())


def _security_clause(sentence: Sentence, position: int) -> bool:
    """Rules made about security: the security word in the making's own clause ("建立了网络安全
    责任制"), not only a topic lead or an incident elsewhere in the sentence ("网络安全方面，学校
    建立了信息发布审核登记制度，…未发生网信安全事故": one rule of another kind). A set of rules
    under such a lead ("网络安全方面，学校建立了各项管理制度") is the lead's."""
    clause = clause_at(sentence, position)[1]
    return bool(lx.SECURITY_CONTEXT.search(clause)
                or (POLICY_SET.search(clause) and lx.SECURITY_CONTEXT.search(sentence.text)))


# Rules made as a set, or named by the topic before ("相关管理办法"), not one rule of its own name:
# "各项制度", "等十余项制度", "一系列制度".
POLICY_SET = re.compile(r"相关|有关|各项|各类|等[^，,。；;]{0,4}项|一系列|多项|一套|系列")


def _judged(sentences: list[Sentence]) -> Evidence | None:
    """The unit's own word on its rules ("学校网络安全管理制度健全"), when it names fewer than
    POLICY_COMPLETE_COUNT of them: 健全 is complete, 较为健全 or 基本完善 mostly complete. A
    target ("做到制度健全", a 工作要点) or the rubric's text quoted is not one (modality)."""
    for sentence in sentences:
        if not lx.SECURITY_CONTEXT.search(sentence.text):
            continue
        for match in lx.POLICY_SOUND.finditer(sentence.text):
            if not modality.stated(sentence, match.start()) or _issued_above(sentence,
                                                                             match.start()):
                continue
            start, clause = clause_at(sentence, match.start())
            degree = match.group("degree")
            value, label = ("mostly_complete", "较健全") if degree else ("complete", "健全")
            return Evidence(value=value, confidence=0.5, heuristic=True,
                            citations=[sentence.cite(start, start + len(clause))],
                            rationale=f"材料写明“{clause}”，网信安全管理制度{label}（启发式：依据"
                                      "材料的自述，未逐项列出制度名称，请核对）。")
    return None


def _issued_above(sentence: Sentence, position: int) -> bool:
    """A higher body made it ("省校印发了…办法"): not the unit's own policy."""
    start, clause = clause_at(sentence, position)
    return bool(lx.ISSUED_ABOVE.search(clause[: position - start]))


def _incident_sentence(sentence: Sentence) -> bool:
    """A sentence about an incident; a heading of an emergency plan ("二、网页被篡改") only names
    the case it handles."""
    return bool(lx.INCIDENT.search(sentence.text) or lx.INCIDENT_HAPPENED.search(sentence.text)
                ) and not modality.heading(sentence)


def _denied(sentence: Sentence) -> Evidence | None:
    """"未发生网络安全事故", "无网信安全事故", "零事故"; not "防止发生安全事故" (a goal)."""
    for match in lx.INCIDENT.finditer(sentence.text):
        if match.end() <= sentence.label_end:
            row = _denied_in_row(sentence, match)
            if row:
                return row
            continue  # the cell may say it in a sentence: "本年度未发生网信安全事故"
        start, clause = clause_at(sentence, match.start())
        before = clause[: match.start() - start]
        if (not lx.INCIDENT_CONTEXT.search(before) or lx.INCIDENT_GOAL.search(before)
                or not modality.stated(sentence, match.start())):
            continue
        denial = lx.INCIDENT_NONE.search(before)
        if denial:
            only_major = bool(lx.INCIDENT_MAJOR.search(denial.group(0)))
            note = "；但只写明未发生重大事故，未说明是否发生一般事故，请核对" if only_major else ""
            return Evidence(value="none", confidence=0.5 if only_major else 0.8,
                            citations=[sentence.cite(start, match.end())],
                            rationale=f"材料写明“{clause[: match.end() - start]}”，"
                                      f"未发生网信安全事故{note}。")
    return None


def _denied_in_row(sentence: Sentence, label: re.Match[str]) -> Evidence | None:
    """A table row "网信安全事故 | 无事故的得满分 | 无": the label names the incidents, the unit's
    cell says there were none."""
    value = sentence.text[sentence.label_end :].strip()
    if (not lx.INCIDENT_CONTEXT.search(sentence.text, 0, label.start())
            or not lx.INCIDENT_NONE_CELL.fullmatch(value)):
        return None
    return Evidence(value="none", confidence=0.75, citations=[sentence.cite()],
                    rationale=f"自评表“{sentence.text[: label.end()].strip()}”一栏填写“{value}”，"
                              "未发生网信安全事故。")


def _happened(sentence: Sentence) -> Evidence | None:
    """"发生一起网络安全事件" → minor; 重大/严重 in the phrase → major."""
    for match in lx.INCIDENT_HAPPENED.finditer(sentence.text):
        start, clause = clause_at(sentence, match.start())
        before = clause[: match.start() - start]
        if (lx.INCIDENT_GOAL.search(before) or lx.INCIDENT_NONE.search(before)
                or not lx.INCIDENT_CONTEXT.search(clause)
                or not modality.stated(sentence, match.start())
                or (match.group(0).endswith(("攻击", "入侵"))
                    and lx.INCIDENT_BLOCKED.match(sentence.text, match.end()))
                or lx.INCIDENT_CASE.match(sentence.text, match.end())
                or _reported_elsewhere(sentence.text[: match.start()])):
            continue
        grade = _affirmed(sentence, lx.INCIDENT_CLASS)
        major = bool(lx.INCIDENT_MAJOR.search(match.group(0))
                     or (grade and grade.group("grade") != "一般")
                     or _affirmed(sentence, lx.INCIDENT_SERIOUS)
                     or _affirmed(sentence, lx.INCIDENT_CONSEQUENCE))
        value, label = ("major", "重大") if major else ("minor", "一般")
        cite = sentence.cite() if grade else sentence.cite(start, start + len(clause))
        clause = sentence.text if grade else clause
        return Evidence(value=value, confidence=0.7, citations=[cite],
                        rationale=f"材料写明“{clause}”，发生了{label}网信安全事故或事件。")
    return None


def _reported_elsewhere(before: str) -> bool:
    """"省校通报，某市校网站被篡改": a higher body's 通报 of another unit's incident; not
    "省校通报我校网站被篡改" (the unit's own, named after the 通报)."""
    reports = list(lx.INCIDENT_REPORTED.finditer(before))
    return bool(reports) and not lx.OWN_UNIT.search(before, reports[-1].end())


def _affirmed(sentence: Sentence, pattern: re.Pattern[str]) -> re.Match[str] | None:
    """The first match not negated in its clause: "造成严重影响" but not "未对教学造成严重影响"."""
    for match in pattern.finditer(sentence.text):
        start, clause = clause_at(sentence, match.start())
        if not lx.NEGATED.search(clause[: match.start() - start]):
            return match
    return None


def _past(evidence: Evidence) -> bool:
    """An incident of an earlier year ("2023年曾遭受一次篡改"), not of the year assessed."""
    return all(lx.INCIDENT_PAST.search(c.quote) for c in evidence.citations)


def security_incident(sentences: list[Sentence]) -> Evidence:
    candidates = [s for s in sentences if _incident_sentence(s)]
    happened = [e for e in map(_happened, candidates) if e]
    if happened and all(map(_past, happened)) and any(map(_denied, candidates)):
        # "曾遭受一次篡改，本年度未发生网络安全事件": the year assessed is the denied one.
        happened = []
    if happened:
        # The gravest incident written decides; a reviewer sees every one cited.
        worst = max(happened, key=lambda e: e.value == "major")
        cites = unique([c for e in happened for c in e.citations])
        return Evidence(value=worst.value, confidence=worst.confidence, citations=cites,
                        rationale=worst.rationale)
    denied = next((e for e in map(_denied, candidates) if e), None)
    return denied or no_evidence("网信安全事故")
