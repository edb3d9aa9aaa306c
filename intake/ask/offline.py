"""The offline answer (`--extractor rules`): a rubric fact's stored suggestion, or the passages.

A question holding a fact's or item's question words (questions.yaml) is answered with that
suggestion and its citations, checked again against the stored text; any other question, or a
fact the extractor found no evidence for, is answered with the best passages, each a verified
citation with the question's words highlighted. Nothing above the threshold: 材料中未找到相关表述
(in a batch: 未提及). A batch question gives one answer per stored submission.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from extractors.facts.models import Citation, Suggestion
from intake.ask.models import NOT_FOUND, NOT_MENTIONED, Answer, AnswerSentence, AskCitation
from intake.ask.retrieve import THRESHOLD, Found, Scored, best_per_submission, search
from intake.ask.terms import fold, lexicon
from intake.catalog import load_rubric
from intake.review.values import show_value, target_name, unit_name
from intake.store import Store
from intake.store import passages as passage_index
from intake.store.submissions import submission_ids
from intake.store.suggestions import rubric_ids
from rubric import Rubric

TOP = 3  # passages shown for a free question
# A fact question whose fact has no evidence falls back to passages only this close to it: "有没有
# 发生过网络安全事故？" must not be answered by "成立了网络安全和信息化领导小组".
FACT_FALLBACK = 0.6
SUGGESTED_NOTE = "（系统建议，待评审确认）"


def fact_for(question: str, rubric: Rubric | None) -> tuple[str, str] | None:
    """(target, key) of the fact or item whose question words the question holds, longest
    phrase first; None when none does or the rubric lacks it."""
    if rubric is None:
        return None
    text = fold(question)
    known = {"facts": set(rubric.facts), "items": set(rubric.nodes())}
    hits = [(len(phrase), target, key) for target, key, phrase in _phrases()
            if key in known[target] and phrase in text]
    if not hits:
        return None
    _, target, key = max(hits, key=lambda hit: hit[0])
    return ("fact" if target == "facts" else "item"), key


@cache
def _phrases() -> list[tuple[str, str, str]]:
    """(facts|items, key, folded phrase) for every question phrase of questions.yaml."""
    return [(target, str(key), fold(str(phrase))) for target in ("facts", "items")
            for key, phrases in (lexicon().get(target) or {}).items() for phrase in phrases]


def chosen_rubric(store: Store, submission: str | None, given: str | None) -> Rubric | None:
    """The rubric asked for, else the only one the store has suggestions of (None: no facts)."""
    if given:
        return load_rubric(given)
    found = rubric_ids(store, submission)
    return load_rubric(found[0]) if len(found) == 1 else None


def answer_one(store: Store, submission: str, question: str,
               rubric_id: str | None = None) -> Answer:
    """The offline answer to a question about one submission."""
    passage_index.ensure_indexed(store, [submission])
    rubric = chosen_rubric(store, submission, rubric_id)
    unit = unit_name(store, submission)
    suggestion = _suggestion(store, rubric, question, [submission]).get(submission)
    if suggestion is not None and rubric is not None:
        fact = fact_answer(store, rubric, question, suggestion, unit)
        if fact is not None:
            return fact
    found = search(store, question, [submission], threshold=_threshold(rubric, question))
    return passage_answer(question, submission, unit, found.passages, _warnings(found))


def _threshold(rubric: Rubric | None, question: str) -> float:
    return FACT_FALLBACK if fact_for(question, rubric) else THRESHOLD


def answer_batch(store: Store, question: str, rubric_id: str | None = None) -> list[Answer]:
    """One offline answer per stored submission; 未提及 where the material says nothing."""
    passage_index.ensure_indexed(store)
    rubric = chosen_rubric(store, None, rubric_id)
    submissions = submission_ids(store)
    facts = _suggestion(store, rubric, question, submissions)
    found: Found | None = None
    answers = []
    for submission in submissions:
        unit = unit_name(store, submission)
        fact = (fact_answer(store, rubric, question, facts[submission], unit)
                if rubric is not None and submission in facts else None)
        if fact is None:
            found = found or search(store, question, None,
                                    threshold=_threshold(rubric, question))
            best = best_per_submission(found).get(submission, [])
            fact = passage_answer(question, submission, unit, best, _warnings(found, submission),
                                  missing=NOT_MENTIONED)
        answers.append(fact)
    return answers


def _suggestion(store: Store, rubric: Rubric | None, question: str,
                submissions: Sequence[str]) -> dict[str, Suggestion]:
    """The newest suggestion of the question's fact or item, per submission."""
    hit = fact_for(question, rubric)
    if hit is None or rubric is None:
        return {}
    bodies = passage_index.suggestion_bodies(store, rubric.id, *hit, submissions)
    return {sid: Suggestion.model_validate_json(rows[-1]) for sid, rows in bodies.items()}


def fact_answer(store: Store, rubric: Rubric, question: str, suggestion: Suggestion,
                unit: str) -> Answer | None:
    """The suggestion as an answer, if it has a value and citations that still verify."""
    if suggestion.status != "suggested":
        return None
    texts = passage_index.document_texts(store, (c.document_sha256 for c in suggestion.citations))
    citations = [_from_suggestion(c) for c in suggestion.citations
                 if texts.get(c.document_sha256, "")[c.start : c.end] == c.quote]
    if not citations:
        return None
    text = f"{target_name(rubric, suggestion)}：{_value(rubric, suggestion)}{SUGGESTED_NOTE}"
    return Answer(question=question, submission=suggestion.submission, unit=unit, answer=text,
                  found=True, citations=citations, mode="rules",
                  sentences=[AnswerSentence(text=text, supported=True,
                                            citations=list(range(len(citations))))])


def _value(rubric: Rubric, suggestion: Suggestion) -> str:
    if suggestion.target == "fact":
        return show_value(rubric.facts.get(suggestion.key), suggestion.value)
    points = "" if suggestion.points is None else f"，{suggestion.points:g}分"
    return f"建议{suggestion.tier or '—'}{points}"


def _from_suggestion(citation: Citation) -> AskCitation:
    return AskCitation(document=citation.document_path, start=citation.start, end=citation.end,
                       quote=citation.quote, location=citation.location.describe())


def passage_answer(question: str, submission: str, unit: str, passages: Sequence[Scored],
                   warnings: list[str], missing: str = NOT_FOUND) -> Answer:
    """The best passages as the answer; `missing` when there are none."""
    top = list(passages[:TOP])
    citations = [cite(s) for s in top]
    if not citations:
        return Answer(question=question, submission=submission, unit=unit, answer=missing,
                      found=False, mode="rules", warnings=warnings)
    sentences = [AnswerSentence(text=c.quote, supported=True, citations=[i])
                 for i, c in enumerate(citations)]
    return Answer(question=question, submission=submission, unit=unit,
                  answer=" ".join(citations[0].quote.split()), found=True, citations=citations,
                  mode="rules", sentences=sentences, warnings=warnings)


def cite(scored: Scored) -> AskCitation:
    passage = scored.passage
    return AskCitation(document=passage.document, start=passage.start, end=passage.end,
                       quote=passage.text, location=passage.location.describe(),
                       highlights=scored.highlights)


def _warnings(found: Found, submission: str | None = None) -> list[str]:
    return [f"材料中疑似针对评审的指令已作为数据处理，未作为回答：“{p.text[:80]}”（{p.document}）"
            for p in found.set_aside if submission is None or p.submission == submission]
