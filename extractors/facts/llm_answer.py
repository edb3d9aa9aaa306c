"""Turn a model's answer into Suggestions our code stands behind, and merge answers of parts.

Nothing a model says is taken on trust. Each quote is located in the documents' visible text
(`citations.locate`), or found after cutting a prefix the model added such as the unit's name
(`citations.locate_trimmed`: only the verbatim part is cited, and the rationale says the quote
was trimmed); a quote that is not there is dropped with an `ungrounded` finding, and a
value left with no quote is marked `ungrounded`. Each value, tier and points is range-checked
against the rubric (`ranges.check_range`); one outside it is rejected with an `out_of_range`
finding and replaced by an explicit no-evidence suggestion, never clamped. A fact or item the
model did not answer is an explicit no-evidence suggestion too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.document import Document
from extractors.facts.citations import locate_any, locate_trimmed
from extractors.facts.evidence import unique
from extractors.facts.llm_schema import FactAnswer, ItemAnswer, ModelAnswer
from extractors.facts.models import Citation, Status, Suggestion, Value
from extractors.facts.numbers import parse_number
from extractors.facts.ranges import check_range
from extractors.facts.spec import FactSpec, RubricView
from extractors.findings import Finding, finding

NUMERIC = frozenset({"int", "number", "percent", "rank", "ratio"})
TRUE, FALSE = frozenset({"true", "是", "有", "yes"}), frozenset({"false", "否", "无", "no"})
NULLS = frozenset({"", "null"})
NOT_ANSWERED = "模型没有对这一项作答，请人工核对。"
NO_EVIDENCE = "材料中未找到（模型未给出取值）。"
TRIMMED = "（模型引文开头的“{}”不在材料原文中，已去掉，只引用原文中找到的部分。）"
UNGROUNDED = "模型给出的引文在材料的可见文本中找不到，这一建议没有证据支持，请人工核对。"


@dataclass(frozen=True)
class Context:
    """What every suggestion of one submission shares."""

    submission: str
    model: str
    spec: RubricView
    documents: Sequence[Document]
    extractor: str = "llm"


def suggestions_of(answer: ModelAnswer, ctx: Context) -> tuple[list[Suggestion], list[Finding]]:
    """One suggestion per fact and expert item of the rubric, with the findings made on the way."""
    made: dict[tuple[str, str], Suggestion] = {}
    findings: list[Finding] = []
    for fact in answer.facts:
        _add(made, findings, _fact(fact, ctx, findings), ctx)
    for item in answer.items:
        _add(made, findings, _item(item, ctx, findings), ctx)
    return complete(made, ctx), findings


def _add(made: dict[tuple[str, str], Suggestion], findings: list[Finding],
         suggestion: Suggestion | None, ctx: Context) -> None:
    if suggestion is None:
        return
    checked = _in_range(suggestion, ctx, findings)
    key = (checked.target, checked.key)
    if key not in made or rank(checked) > rank(made[key]):
        made[key] = checked


def _fact(answer: FactAnswer, ctx: Context, findings: list[Finding]) -> Suggestion | None:
    name = str(answer.fact).strip()
    spec = ctx.spec.facts.get(name)
    if spec is None:
        findings.append(_unknown("事实", name, ctx))
        return None
    if not spec.from_text():
        return None  # not asked (metrics, survey, inspection): a volunteered value is a guess
    return _suggestion(ctx, "fact", name, {"value": coerce(answer.value, spec)}, answer,
                       findings)


def _item(answer: ItemAnswer, ctx: Context, findings: list[Finding]) -> Suggestion | None:
    key = str(answer.item).strip()
    item = ctx.spec.items.get(key)
    if item is None or not item.expert:
        findings.append(_unknown("专家评审指标", key, ctx))
        return None
    label = answer.tier.strip() if isinstance(answer.tier, str) and answer.tier.strip() else None
    tier = item.tier(label) if label else None
    fields: dict[str, Any] = {"tier": label, "points": _number(answer.points),
                              "points_range": (tier.min, tier.max) if tier else None}
    return _suggestion(ctx, "item", key, fields, answer, findings)


def _suggestion(ctx: Context, target: str, key: str, fields: dict[str, Any],
                answer: FactAnswer | ItemAnswer, findings: list[Finding]) -> Suggestion:
    citations, trimmed = _located(answer.quotes, ctx, key, findings)
    empty = all(fields.get(k) is None for k in ("value", "tier", "points"))
    status: Status = "no_evidence" if empty else "suggested" if citations else "ungrounded"
    rationale = str(answer.rationale or "").strip()
    if status == "no_evidence":
        fields = {"points_range": None}
        rationale = rationale or NO_EVIDENCE
    elif status == "ungrounded":
        rationale = f"{UNGROUNDED}（模型理由：{rationale or '无'}）"
    elif trimmed:
        rationale += TRIMMED.format("”“".join(trimmed))
    return Suggestion.model_validate({
        **fields, "submission": ctx.submission, "target": target, "key": key,
        "rationale": rationale, "model": ctx.model, "extractor": ctx.extractor,
        "confidence": 0.0 if status == "ungrounded" else _confidence(answer.confidence),
        "status": status, "citations": [] if status == "ungrounded" else citations})


def _located(quotes: Iterable[str], ctx: Context, key: str,
             findings: list[Finding]) -> tuple[list[Citation], list[str]]:
    """The quotes' citations, and the prefixes cut from quotes the model prefixed."""
    found: list[Citation] = []
    trimmed: list[str] = []
    for quote in quotes:
        citation = locate_any(ctx.documents, str(quote))
        if citation is None and (cut := locate_trimmed(ctx.documents, str(quote))):
            citation, prefix = cut
            trimmed.append(prefix)
        if citation is not None:
            found.append(citation)
        elif str(quote).strip():
            findings.append(finding(
                "ungrounded", f"{key}：模型给出的引文在文档可见文本中找不到，已舍弃：“{quote}”",
                field=key))
    return unique(found), list(dict.fromkeys(trimmed))


def _in_range(suggestion: Suggestion, ctx: Context, findings: list[Finding]) -> Suggestion:
    problem = check_range(suggestion, ctx.spec)
    if problem is None:
        return suggestion
    findings.append(problem)
    return Suggestion.model_validate({
        **suggestion.model_dump(), "value": None, "tier": None, "points": None,
        "points_range": None, "status": "no_evidence", "confidence": 0.0,
        "rationale": f"提取结果已拒绝：{problem.message}"})


def _unknown(what: str, key: str, ctx: Context) -> Finding:
    message = f"{key}：模型回答了评分标准中没有的{what}，已忽略（{ctx.model}）"
    return finding("out_of_range", message, field=key)


def coerce(value: Any, fact: FactSpec) -> Value:
    """The value as the fact's type wants it, where the model only wrote it differently
    ("3" for 3, "6.4%" for 6.4, 3.0 for 3). Anything else is left as it is, for the range check
    to reject."""
    if isinstance(value, str):
        text = value.strip()
        if text.casefold() in NULLS or (fact.type != "enum" and text.casefold() == "none"):
            return None
        if fact.type == "bool" and text.casefold() in TRUE | FALSE:
            return text.casefold() in TRUE
        if fact.type in NUMERIC:
            number = _number(text.rstrip("%％").replace(",", ""))
            value = number if number is not None else _written(text)
        else:
            return text
    if fact.type in ("int", "rank") and isinstance(value, float) and value.is_integer():
        return int(value)
    return value  # type: ignore[no-any-return]


def _written(text: str) -> Value:
    """A number written in words or with its measure word ("四次" → 4, "百分之六点四" → 6.4);
    an approximate one ("十几次", "约200人") stays text, for the range check to reject."""
    number = parse_number(text)
    if number is None or number.approximate or number.ordinal:
        return text
    return number.value


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _confidence(value: Any) -> float:
    number = _number(value)
    return 0.0 if number is None else min(max(number, 0.0), 1.0)


def rank(suggestion: Suggestion) -> tuple[int, int, float]:
    """Which of two answers to keep: one with verified citations, then the more confident."""
    order = {"suggested": 2, "ungrounded": 1, "no_evidence": 0}[suggestion.status]
    return order, len(suggestion.citations), suggestion.confidence


def complete(made: dict[tuple[str, str], Suggestion], ctx: Context) -> list[Suggestion]:
    """Every fact and expert item of the rubric, in the rubric's order; a gap is no evidence."""
    wanted = [("fact", name) for name in ctx.spec.facts]
    wanted += [("item", item.id) for item in ctx.spec.items.values() if item.expert]
    return [made.get(key) or _not_answered(key, ctx) for key in wanted]


def _not_answered(key: tuple[str, str], ctx: Context) -> Suggestion:
    fact = ctx.spec.facts.get(key[1]) if key[0] == "fact" else None
    why = fact.origin_rationale() if fact and not fact.from_text() else NOT_ANSWERED
    return Suggestion(submission=ctx.submission, target=key[0], key=key[1],  # type: ignore[arg-type]
                      rationale=why, confidence=0.0, extractor=ctx.extractor,
                      model=ctx.model, status="no_evidence")


def merge(results: Sequence[tuple[list[Suggestion], list[Finding]]],
          ctx: Context) -> tuple[list[Suggestion], list[Finding]]:
    """The answers of several parts: per fact or item the best one (see `rank`)."""
    best: dict[tuple[str, str], Suggestion] = {}
    findings: list[Finding] = []
    for suggestions, found in results:
        findings += found
        for suggestion in suggestions:
            key = (suggestion.target, suggestion.key)
            if key not in best or rank(suggestion) > rank(best[key]):
                best[key] = suggestion
    return complete(best, ctx), list(dict.fromkeys(findings))
