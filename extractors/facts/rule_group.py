"""Item 1 facts: `leading_group` (none | exists | headed_by_principal) and `group_meetings`."""

from __future__ import annotations

import re

from extractors.facts import lexicon as lx
from extractors.facts.evidence import Evidence, approx_note, nearest, no_evidence, quantities
from extractors.facts.text import Sentence


def _about_group(sentence: Sentence) -> bool:
    text = sentence.text
    bare = lx.GROUP_BARE.search(text) and lx.IT_CONTEXT.search(text)
    return bool(lx.GROUP.search(text) or bare)


def _following(sentence: Sentence, sentences: list[Sentence]) -> Sentence | None:
    """The next sentence of the same document: "成立领导小组。组长由校长担任。"."""
    for other in sentences:
        if other.document is sentence.document and other.index == sentence.index + 1:
            return other
    return None


def _head(sentence: Sentence, sentences: list[Sentence]) -> tuple[Sentence, re.Match[str]] | None:
    for candidate in (sentence, _following(sentence, sentences)):
        if candidate is None:
            continue
        match = lx.HEAD.search(candidate.text)
        if match:
            return candidate, match
    return None


def leading_group(sentences: list[Sentence]) -> Evidence:
    group = [s for s in sentences if _about_group(s)]
    stated = [s for s in group if not lx.NO_GROUP.search(s.text)]
    for sentence in stated:
        head = _head(sentence, sentences)
        if head:
            where, match = head
            cites = [sentence.cite()] + ([where.cite()] if where is not sentence else [])
            return Evidence(value="headed_by_principal", confidence=0.85, citations=cites,
                            rationale=f"材料写明“{match.group(0)}”，领导小组由学校主要领导任组长。")
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


def _meeting_sentence(sentence: Sentence) -> bool:
    text = sentence.text
    if not lx.MEETING.search(text):
        return False
    if lx.GROUP_BARE.search(text):
        return True  # the group's own meetings, even when the sentence also names a service
    return bool(lx.IT_CONTEXT.search(text)) and not lx.MEETING_NOT_OURS.search(text)


def _meeting_count(sentence: Sentence) -> Evidence | None:
    text = sentence.text
    keyword = lx.MEETING.search(text)
    assert keyword is not None  # only meeting sentences come here
    if lx.NO_MEETING.search(text):
        return Evidence(value=0, confidence=0.75, citations=[sentence.cite()],
                        rationale=f"材料写明“{text}”，未召开相关会议，会议次数为0。")
    number = nearest(quantities(sentence, lx.MEETING_UNITS), text, keyword.start())
    if number is None or number.integer is None:
        return None
    own = bool(lx.GROUP_BARE.search(text))
    what = "领导小组会议" if own else "信息化相关会议（未写明是领导小组会议）"
    return Evidence(value=number.integer, confidence=0.85 if own and not number.approximate
                    else 0.55, citations=[sentence.cite()],
                    rationale=f"材料写明“{text}”，{what}次数为{number.integer}{approx_note(number)}。")


def group_meetings(sentences: list[Sentence]) -> Evidence:
    candidates = [s for s in sentences if _meeting_sentence(s)]
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
    vague = [s for s in candidates if lx.VAGUE_MEETING.search(s.text)]
    if vague:
        return no_evidence("领导小组会议次数", [vague[0].cite()],
                           f"材料只写“{vague[0].text}”，未写明会议次数，请人工核对。")
    return no_evidence("领导小组会议次数")
