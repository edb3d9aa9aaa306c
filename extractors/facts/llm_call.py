"""One model call of the `llm` extractor as a short conversation: ask, fall back, repair once.

1. The request goes out with the output method in use (`Methods`). A server that rejects the
   method (llm_model.rejected) moves every later call of the run to the next method of the chain
   (llm_settings.FALLBACK); transient failures are retried by `Retry` with backoff.
2. The answer is read and tidied (llm_parse). If it is unusable (no JSON, cut at max_tokens, no
   fact or item of the rubric) or quotes text the material does not hold, the model is asked once
   more with a repair message that quotes the problem, not the same prompt again: at temperature
   0 the same prompt brings the same answer.
3. Of two answers the one with fewer unlocatable quotes is kept. Tokens of every request, the
   failed ones included, are added up; the method that answered and every fallback and repair are
   noted, for the call log.
Runs on a worker thread: it touches no cache and no store.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from extractors.facts.llm_model import ChatModel, Messages, Retry, invoke, rejected, usage_of
from extractors.facts.llm_parse import AnswerError, read_answer, text_of
from extractors.facts.llm_schema import ModelAnswer
from extractors.facts.llm_settings import Method, chain
from extractors.facts.spec import RubricView
from rubric.errors import ExtractorRuntimeError

REPAIR = (
    "你上一次的回答不能使用：{problem}。\n"
    "请重新作答：只返回一个 JSON 对象，包含 facts、items、instructions_seen 三个键；"
    "fact 只写英文名称本身，item 只写数字编号，tier 只写列出的某一档或 null；"
    "每项只答一条；引文必须从申报材料中逐字复制，开头不要加单位名称或其他前缀。")
UNLOCATED = "这些引文在申报材料中找不到，不是逐字复制的：{quotes}"
SHOWN_ANSWER = 2000  # characters of the bad answer repeated back to the model


@dataclass
class Spent:
    """Tokens of all requests of one call; None until a request reports them."""

    input_tokens: int | None = None
    output_tokens: int | None = None

    def add(self, raw: Any) -> None:
        given, taken = usage_of(raw)
        if given is not None:
            self.input_tokens = (self.input_tokens or 0) + given
        if taken is not None:
            self.output_tokens = (self.output_tokens or 0) + taken


@dataclass(frozen=True)
class Reply:
    """A usable answer, what it cost, the method that answered and the notes on the way."""

    answer: ModelAnswer
    input_tokens: int | None = None
    output_tokens: int | None = None
    method: str | None = None
    fallbacks: tuple[str, ...] = ()

    def to_json(self) -> str:
        return self.answer.model_dump_json()


class CallFailed(ExtractorRuntimeError):
    """A call that brought no usable answer, with the tokens it spent and its notes."""

    def __init__(self, message: str, spent: Spent, method: str | None,
                 fallbacks: list[str]) -> None:
        super().__init__(message)
        self.spent, self.method, self.fallbacks = spent, method, tuple(fallbacks)


class Methods:
    """The output method in use by every call of one run; moves down the chain on rejection."""

    def __init__(self, method: Method) -> None:
        self.chain = chain(method)
        self.at = 0
        self.lock = threading.Lock()

    def current(self) -> Method:
        with self.lock:
            return self.chain[self.at]

    def reject(self, method: Method) -> Method | None:
        """The next method after `method`, or None when the chain has none left."""
        with self.lock:
            index = self.chain.index(method)
            if index + 1 >= len(self.chain):
                return None
            self.at = max(self.at, index + 1)
            return self.chain[self.at]


@dataclass
class Conversation:
    """What every call of one run shares."""

    model: ChatModel
    spec: RubricView
    retry: Retry
    methods: Methods
    max_tokens: int | None = None


Unlocated = Callable[[ModelAnswer], list[str]]
MessagesFor = Callable[[Method], Messages]  # the text methods get a worked example, see llm_prompt


@dataclass(frozen=True)
class Ask:
    """One call's question: its messages per method, its schema, and how to check its quotes."""

    messages: MessagesFor
    schema: dict[str, Any]
    unlocated: Unlocated
    what: str


def converse(talk: Conversation, ask: Ask) -> Reply:
    """One call: the answer, repaired once if it needs it (see the module's docstring)."""
    spent, notes = Spent(), []
    raw, method = _request(talk, ask, (), spent, notes)
    answer, problem = _read(talk, raw, ask.unlocated)
    if problem is None and answer is not None:
        return Reply(answer, spent.input_tokens, spent.output_tokens, method, tuple(notes))
    notes.append(f"repair: {problem}")
    repair = (("ai", _shown(raw)), ("human", REPAIR.format(problem=problem)))
    raw, method = _request(talk, ask, repair, spent, notes)
    second, again = _read(talk, raw, ask.unlocated)
    best = _better(answer, second, ask.unlocated)
    if best is None:
        raise CallFailed(f"{ask.what}: 模型的回答不能使用，发出修正请求后仍然不能使用：{again}",
                         spent, method, notes)
    if again is not None:
        notes.append(f"after repair: {again}")
    return Reply(best, spent.input_tokens, spent.output_tokens, method, tuple(notes))


def _request(talk: Conversation, ask: Ask, extra: Messages, spent: Spent,
             notes: list[str]) -> tuple[Any, Method]:
    """One answered request, moving down the method chain while the server rejects methods."""
    while True:
        method = talk.methods.current()
        sent = [*ask.messages(method), *extra]
        try:
            raw = talk.retry.call(
                lambda sent=sent, method=method: invoke(talk.model, sent, method, ask.schema),
                ask.what)
        except ExtractorRuntimeError as error:
            cause = error.__cause__
            following = talk.methods.reject(method) if cause and rejected(cause) else None
            if following is None:
                raise CallFailed(str(error), spent, method, notes) from error
            notes.append(f"{method} rejected by the server ({_line(cause)}); using {following}")
            continue
        spent.add(raw)
        if method == "function_calling" and not getattr(raw, "tool_calls", None):
            notes.append("function_calling: no tool call in the answer; JSON read from its text")
        return raw, method


def _read(talk: Conversation, raw: Any,
          unlocated: Unlocated) -> tuple[ModelAnswer | None, str | None]:
    try:
        answer = read_answer(raw, talk.spec, talk.max_tokens)
    except AnswerError as error:
        return None, str(error)
    missing = unlocated(answer)
    if missing:
        return answer, UNLOCATED.format(quotes="；".join(f"“{q}”" for q in missing[:5]))
    return answer, None


def _better(first: ModelAnswer | None, second: ModelAnswer | None,
            unlocated: Unlocated) -> ModelAnswer | None:
    """The repaired answer unless it is unusable or quotes worse than the first."""
    if second is None or first is None:
        return second or first
    return second if len(unlocated(second)) <= len(unlocated(first)) else first


def _shown(raw: Any) -> str:
    """The bad answer as the model wrote it, for the repair message."""
    calls = getattr(raw, "tool_calls", None) or []
    text = json.dumps(calls[0].get("args"), ensure_ascii=False) if calls else text_of(raw)
    return text[:SHOWN_ANSWER] or "（空）"


def _line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:200] if text else type(error).__name__
