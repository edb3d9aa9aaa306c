"""The langchain side of the `llm` extractor: build a chat model, send one request, retry what
is transient.

The model is built with the run's timeout and max_tokens (always sent: without a cap a small
model that loops runs until its context is full). On a timeout the HTTP client closes the
connection, so the server sees the disconnect and can stop computing the abandoned request
(llama.cpp's server and Ollama do); our own retries, never the SDK's, follow.

langchain is imported only here and only when a model is built or asked, so `--extractor rules`
and a machine without the `llm` extras never touch it. Everything that goes wrong is turned into
our own errors: a bad model name, a missing package or key is an `ExtractorConfigError` with a
message saying what to do; a call that still fails after the retries is an
`ExtractorRuntimeError` that keeps the original exception as its cause.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from extractors.facts.llm_settings import Method
from rubric.errors import ExtractorConfigError, ExtractorRuntimeError

ChatModel = Any  # a langchain BaseChatModel; typed loosely so langchain stays optional
Messages = Sequence[tuple[str, str]]

# Providers that speak the OpenAI API: their key and base URL come from the OpenAI variables, so a
# domestic endpoint (DeepSeek, 通义千问 DashScope, 智谱, Moonshot, vLLM, Ollama's /v1) works as
# `openai:<model>` with OPENAI_BASE_URL pointing at it.
KEY_VARIABLES = {"openai": "OPENAI_API_KEY", "deepseek": "DEEPSEEK_API_KEY"}
BASE_URL_VARIABLES = {"openai": "OPENAI_BASE_URL", "ollama": "OLLAMA_HOST"}
NO_KEY = frozenset({"ollama"})
# Ollama's default context (2048–4096 tokens) silently drops the start of a long prompt, the
# system message first; a whole submission (DEFAULT_BUDGET characters) and the rubric need ~12k.
OLLAMA_CONTEXT = 16384
REJECTION_WORDS = ("tool", "response_format", "json_schema", "schema", "grammar",
                   "type must be string", "not supported", "unsupported")
TIMEOUT_NAMES = frozenset({"APITimeoutError", "TimeoutException", "ReadTimeout"})
T = TypeVar("T")
RETRIED_NAMES = frozenset({"APIConnectionError", "APITimeoutError", "TimeoutException",
                           "TransportError", "ConnectError", "ReadTimeout", "RemoteProtocolError"})


@dataclass(frozen=True)
class ModelOptions:
    base_url: str | None = None
    api_key: str | None = None
    timeout: float = 120.0
    temperature: float | None = 0.0
    max_tokens: int = 4096
    local: bool = False


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
    if provider == "ollama":
        # ollama's httpx client: a request past the timeout is closed, and Ollama stops on that.
        kwargs.update(num_predict=options.max_tokens, num_ctx=OLLAMA_CONTEXT,
                      client_kwargs={"timeout": options.timeout})
    elif provider in KEY_VARIABLES:
        kwargs.update(timeout=options.timeout, max_retries=0, max_tokens=options.max_tokens)
        if options.local:
            # langchain-openai sends the cap as max_completion_tokens; llama.cpp's server and
            # older vLLM read max_tokens, so a local server is sent both.
            kwargs["extra_body"] = {"max_tokens": options.max_tokens}
    return kwargs


def model_name(model: ChatModel) -> str:
    """A name to record for a ready model object (tests pass fakes)."""
    for attribute in ("model_name", "model", "model_id"):
        value = getattr(model, attribute, None)
        if isinstance(value, str) and value:
            return value
    return type(model).__name__


def invoke(model: ChatModel, messages: Messages, method: Method,
           schema: dict[str, Any]) -> Any:
    """One request; the raw message (an AIMessage). `prompt` asks for JSON in plain text; the
    other methods go through with_structured_output, whose own parsing we do not use (we read
    the raw message ourselves, after tidying it: llm_parse)."""
    runnable = None if method == "prompt" else _structured(model, method, schema)
    try:
        if runnable is None:
            return model.invoke(list(messages))
        return runnable.invoke(list(messages))["raw"]
    except Exception as error:
        cut = _cut_message(error)
        if cut is None:
            raise
        return cut


def _cut_message(error: Exception) -> Any:
    """The openai SDK raises LengthFinishReasonError for a json_schema answer cut at max_tokens;
    it is an answer like any other (read by llm_parse as cut), with the tokens it cost."""
    completion = getattr(error, "completion", None)
    if type(error).__name__ != "LengthFinishReasonError" or completion is None:
        return None
    from langchain_core.messages import AIMessage

    usage = getattr(completion, "usage", None)
    choices = getattr(completion, "choices", None) or []
    content = choices[0].message.content if choices else ""
    tokens = {"input_tokens": getattr(usage, "prompt_tokens", 0) or 0,
              "output_tokens": getattr(usage, "completion_tokens", 0) or 0}
    return AIMessage(content=content or "", response_metadata={"finish_reason": "length"},
                     usage_metadata={**tokens, "total_tokens": sum(tokens.values())})


def _structured(model: ChatModel, method: Method, schema: dict[str, Any]) -> Any:
    import inspect

    kwargs: dict[str, Any] = {"include_raw": True}
    if "method" in inspect.signature(model.with_structured_output).parameters:
        kwargs["method"] = method
    try:
        return model.with_structured_output(schema, **kwargs)
    except NotImplementedError:  # fakes and models without tool calling: JSON in plain text
        return None


def rejected(error: BaseException) -> bool:
    """Whether a server refused the output method itself (not the request): an HTTP 400, 404,
    422, 500 or 501 that names the tool call, tool_choice, response_format or a schema, e.g.
    llama.cpp's "[json.exception.type_error.302] type must be string, but is object" for the
    object form of tool_choice (sent as a 500: it is a JSON type error inside the server)."""
    if status_of(error) not in (400, 404, 422, 500, 501):
        return False
    text = str(error).casefold()
    return any(word in text for word in REJECTION_WORDS)


def usage_of(raw: Any) -> tuple[int | None, int | None]:
    usage = getattr(raw, "usage_metadata", None) or {}
    return usage.get("input_tokens"), usage.get("output_tokens")


@dataclass(frozen=True)
class Retry:
    """`retries` more attempts after the first, waiting base_delay·2ⁿ before the n-th."""

    retries: int = 3
    base_delay: float = 1.0
    sleep: Callable[[float], None] = time.sleep

    def call(self, work: Callable[[], T], what: str) -> T:
        for attempt in range(self.retries + 1):
            try:
                return work()
            except Exception as error:
                if rejected(error):  # the same method would be rejected again: fall back now
                    raise ExtractorRuntimeError(f"{what}: {_first_line(error)}") from error
                _raise_unless_transient(error, what)
                if attempt == self.retries:
                    raise ExtractorRuntimeError(
                        f"{what}: still failing after {self.retries + 1} attempts: "
                        f"{_first_line(error)}{_hint(error)}") from error
                self.sleep(self.base_delay * 2**attempt)
        raise AssertionError("unreachable")


def _hint(error: BaseException) -> str:
    names = {cls.__name__ for cls in type(error).__mro__}
    if isinstance(error, TimeoutError) or names & TIMEOUT_NAMES:
        return (" (no answer within the timeout, and the request was closed; a local model on "
                "CPU may need longer: --llm-timeout, INTAKE_LLM_TIMEOUT or timeout in "
                "intake.toml [llm])")
    return ""


def status_of(error: BaseException) -> int | None:
    status = getattr(error, "status_code", None)
    if status is None:
        status = getattr(getattr(error, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def transient(error: BaseException) -> bool:
    """HTTP 5xx, 408 and 429, connection errors and timeouts. A malformed answer is not retried
    with the same prompt (at temperature 0 it comes back the same): it gets a repair message."""
    status = status_of(error)
    if status is not None:
        return status >= 500 or status in (408, 429)
    if isinstance(error, TimeoutError | ConnectionError):
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
