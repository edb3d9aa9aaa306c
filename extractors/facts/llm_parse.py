"""Read a model's answer out of its raw message: tool call arguments or JSON in the text.

The JSON may be the whole content, a ```json fenced block, or an object inside prose. Before it
is validated it is tidied (llm_normalise). Everything that makes the answer unusable is an
`AnswerError` whose message says what was wrong, in words a repair message can quote to the
model: no JSON, invalid JSON, an answer cut at max_tokens, a shape that does not fit, or nothing
of the rubric answered.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from extractors.facts.llm_normalise import normalise, usable
from extractors.facts.llm_schema import ModelAnswer
from extractors.facts.spec import RubricView

_FENCED = re.compile(r"```(?:json|JSON)?\s*(.*?)(?:```|$)", re.DOTALL)


class AnswerError(ValueError):
    """The model answered, but not in a shape we can use (worth one repair message)."""

    def __init__(self, message: str, *, cut: bool = False) -> None:
        super().__init__(message)
        self.cut = cut


def text_of(raw: Any) -> str:
    """The text content of a message (content blocks joined)."""
    content = getattr(raw, "content", raw)
    if isinstance(content, list):
        content = "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return "" if content is None else str(content)


def finish_reason(raw: Any) -> str | None:
    metadata = getattr(raw, "response_metadata", None) or {}
    reason = metadata.get("finish_reason") or metadata.get("done_reason")
    return str(reason) if reason else None


def data_of(raw: Any) -> tuple[Any, bool]:
    """The answer's JSON data, and whether it came from a tool call (else from the text)."""
    for call in getattr(raw, "tool_calls", None) or []:
        return call.get("args") or {}, True
    return json_in(text_of(raw)), False


def json_in(text: str) -> Any:
    fenced = _FENCED.search(text)
    body = fenced.group(1) if fenced else text
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end < start:
        raise AnswerError(f"回答中没有 JSON 对象：{_short(text)}")
    try:
        return json.loads(body[start : end + 1])
    except json.JSONDecodeError as error:
        raise AnswerError(f"回答不是有效的 JSON（{error.msg}，第 {error.pos} 个字符）") from error


def read_answer(raw: Any, spec: RubricView, max_tokens: int | None = None) -> ModelAnswer:
    """The validated answer of a raw message. A message cut at max_tokens is an AnswerError that
    says so (its JSON is truncated, typically one entry repeated until the cap)."""
    cut = finish_reason(raw) == "length"
    try:
        data, _ = data_of(raw)
        answer = validated(normalise(data, spec))
    except AnswerError as error:
        if cut:
            raise AnswerError(_cut_message(max_tokens), cut=True) from error
        raise
    if not usable(answer, spec):
        raise AnswerError("回答中没有评分标准里的任何事实或指标（facts 和 items 为空，"
                          "或名称都不在评分标准中）", cut=cut)
    return answer


def _cut_message(max_tokens: int | None) -> str:
    cap = f"（{max_tokens} 个 token）" if max_tokens else ""
    return (f"回答达到长度上限{cap}被截断，JSON 不完整：每项事实、每项指标只答一条，"
            "不要重复，引文和理由要短")


def validated(data: Any) -> ModelAnswer:
    try:
        return ModelAnswer.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                             for e in error.errors()[:5])
        raise AnswerError(f"回答的结构不符合要求：{problems}") from error


def _short(text: str) -> str:
    text = text.strip()
    return repr(text[:120] + ("…" if len(text) > 120 else ""))
