"""The langchain side of the `llm` extractor: build a chat model, ask it, retry what is transient.

langchain is imported only here and only when a model is built or asked, so `--extractor rules`
and a machine without the `llm` extras never touch it. Everything that goes wrong is turned into
our own errors: a bad model name, a missing package or key is an `ExtractorConfigError` with a
message saying what to do; a call that still fails after the retries is an
`ExtractorRuntimeError` that keeps the original exception as its cause.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from extractors.facts.llm_schema import ModelAnswer
from rubric.errors import ExtractorConfigError, ExtractorRuntimeError

ChatModel = Any  # a langchain BaseChatModel; typed loosely so langchain stays optional
Messages = Sequence[tuple[str, str]]

# Providers that speak the OpenAI API: their key and base URL come from the OpenAI variables, so a
# domestic endpoint (DeepSeek, 通义千问 DashScope, 智谱, Moonshot, vLLM, Ollama's /v1) works as
# `openai:<model>` with OPENAI_BASE_URL pointing at it.
KEY_VARIABLES = {"openai": "OPENAI_API_KEY", "deepseek": "DEEPSEEK_API_KEY"}
BASE_URL_VARIABLES = {"openai": "OPENAI_BASE_URL", "ollama": "OLLAMA_HOST"}
NO_KEY = frozenset({"ollama"})
RETRIED_NAMES = frozenset({"APIConnectionError", "APITimeoutError", "TimeoutException",
                           "TransportError", "ConnectError", "ReadTimeout", "RemoteProtocolError"})


@dataclass(frozen=True)
class ModelOptions:
    base_url: str | None = None
    api_key: str | None = None
    timeout: float = 120.0
    temperature: float | None = 0.0


def build_model(text: str, options: ModelOptions) -> ChatModel:
    """A langchain chat model for "provider:model" (e.g. openai:gpt-4o-mini, ollama:qwen2.5:7b)."""
    provider, _, name = text.partition(":")
    if not provider or not name:
        raise ExtractorConfigError(
            f"model {text!r} is not provider:model; use e.g. --model openai:gpt-4o-mini "
            "(with OPENAI_BASE_URL for an OpenAI-compatible endpoint) or --model ollama:qwen2.5")
    try:
        from langchain.chat_models import init_chat_model
    except ImportError as error:
        raise ExtractorConfigError(
            "the llm extractor needs langchain: pip install -e '.[llm]', "
            "or use --extractor rules") from error
    kwargs = _provider_kwargs(provider, options)
    try:
        return init_chat_model(name, model_provider=provider, **kwargs)
    except ImportError as error:
        raise ExtractorConfigError(
            f"model provider {provider!r} needs its langchain package "
            f"(pip install langchain-{provider.replace('_', '-')}): {error}") from error
    except Exception as error:  # unknown provider, bad options, credentials the provider wants
        raise ExtractorConfigError(f"cannot use model {text!r}: {_first_line(error)}") from error


def _provider_kwargs(provider: str, options: ModelOptions) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    base_url = options.base_url or os.environ.get(BASE_URL_VARIABLES.get(provider, ""), "")
    if base_url:
        kwargs["base_url"] = base_url
    variable = KEY_VARIABLES.get(provider)
    key = options.api_key or (os.environ.get(variable, "") if variable else "")
    if key:
        kwargs["api_key"] = key
    elif variable and provider not in NO_KEY:
        raise ExtractorConfigError(
            f"no API key for {provider}: set the {variable} environment variable "
            "(any non-empty value for a local OpenAI-compatible server that checks none)")
    if options.temperature is not None:
        kwargs["temperature"] = options.temperature
    if provider in KEY_VARIABLES:
        kwargs.update(timeout=options.timeout, max_retries=0)  # our retries, our backoff
    return kwargs


def model_name(model: ChatModel) -> str:
    """A name to record for a ready model object (tests pass fakes)."""
    for attribute in ("model_name", "model", "model_id"):
        value = getattr(model, attribute, None)
        if isinstance(value, str) and value:
            return value
    return type(model).__name__


@dataclass(frozen=True)
class Reply:
    """A parsed answer, the JSON we cache for it, and the tokens it cost."""

    answer: ModelAnswer
    input_tokens: int | None = None
    output_tokens: int | None = None

    def to_json(self) -> str:
        return self.answer.model_dump_json()


class AnswerError(ValueError):
    """The model answered, but not in the shape asked for (worth one more try)."""


def ask(model: ChatModel, messages: Messages, method: str | None = "function_calling") -> Reply:
    """One call: structured output where the model supports it, else JSON read from the text."""
    try:
        runnable = model.with_structured_output(ModelAnswer, include_raw=True,
                                                **_method_kwargs(model, method))
    except NotImplementedError:  # fakes and some local models: ask for JSON in plain text
        raw = model.invoke(list(messages))
        return Reply(parse_raw(raw), *usage_of(raw))
    result = runnable.invoke(list(messages))
    raw = result.get("raw")
    parsed = result.get("parsed")
    answer = parsed if isinstance(parsed, ModelAnswer) else parse_raw(raw)
    return Reply(answer, *usage_of(raw))


def _method_kwargs(model: ChatModel, method: str | None) -> dict[str, Any]:
    import inspect

    if method is None:
        return {}
    signature = inspect.signature(model.with_structured_output)
    return {"method": method} if "method" in signature.parameters else {}


def parse_raw(raw: Any) -> ModelAnswer:
    """The answer in a raw message: the first tool call's arguments, or JSON in its content."""
    for call in getattr(raw, "tool_calls", None) or []:
        return _validated(call.get("args") or {})
    content = getattr(raw, "content", raw)
    if isinstance(content, list):  # content blocks
        content = "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return _validated(_json_in(str(content)))


def _json_in(text: str) -> Any:
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    body = fenced.group(1) if fenced else text
    start, end = body.find("{"), body.rfind("}")
    if start < 0 or end < start:
        raise AnswerError(f"the model's answer holds no JSON object: {text[:200]!r}")
    try:
        return json.loads(body[start : end + 1])
    except json.JSONDecodeError as error:
        raise AnswerError(f"the model's answer is not valid JSON ({error})") from error


def _validated(data: Any) -> ModelAnswer:
    try:
        return ModelAnswer.model_validate(data)
    except ValidationError as error:
        raise AnswerError(f"the model's answer does not fit the schema: {error}") from error


def usage_of(raw: Any) -> tuple[int | None, int | None]:
    usage = getattr(raw, "usage_metadata", None) or {}
    return usage.get("input_tokens"), usage.get("output_tokens")


@dataclass(frozen=True)
class Retry:
    """`retries` more attempts after the first, waiting base_delay·2ⁿ before the n-th."""

    retries: int = 3
    base_delay: float = 1.0
    sleep: Callable[[float], None] = time.sleep

    def call(self, work: Callable[[], Reply], what: str) -> Reply:
        for attempt in range(self.retries + 1):
            try:
                return work()
            except Exception as error:
                _raise_unless_transient(error, what)
                if attempt == self.retries:
                    raise ExtractorRuntimeError(
                        f"{what}: still failing after {self.retries + 1} attempts: "
                        f"{_first_line(error)}") from error
                self.sleep(self.base_delay * 2**attempt)
        raise AssertionError("unreachable")


def status_of(error: BaseException) -> int | None:
    status = getattr(error, "status_code", None)
    if status is None:
        status = getattr(getattr(error, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def transient(error: BaseException) -> bool:
    """HTTP 5xx, 408 and 429, connection errors and timeouts, and a malformed answer."""
    status = status_of(error)
    if status is not None:
        return status >= 500 or status in (408, 429)
    if isinstance(error, TimeoutError | ConnectionError | AnswerError):
        return True
    return any(cls.__name__ in RETRIED_NAMES for cls in type(error).__mro__)


def _raise_unless_transient(error: Exception, what: str) -> None:
    if transient(error):
        return
    if isinstance(error, ExtractorConfigError | ExtractorRuntimeError):
        raise error
    status = status_of(error)
    if status in (401, 403):
        raise ExtractorConfigError(
            f"{what}: the endpoint refused the API key (HTTP {status}); check the key "
            "and the base URL") from error
    raise ExtractorRuntimeError(f"{what}: {_first_line(error)}") from error


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0] if text else ''}"
