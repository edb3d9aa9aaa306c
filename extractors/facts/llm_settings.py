"""How the `llm` extractor calls its model: timeout, retries, max_tokens, concurrency, method.

Settings come from three places, the first that says wins: the command line, the environment
(INTAKE_LLM_TIMEOUT, INTAKE_LLM_RETRIES, INTAKE_LLM_MAX_TOKENS, INTAKE_LLM_CONCURRENCY,
INTAKE_LLM_METHOD, INTAKE_LLM_PER_GROUP), and the `[llm]` table of `intake.toml` in the working
folder. What none of them says has a default that depends on where the model runs: a server on
localhost / 127.0.0.1 (llama.cpp's llama-server, Ollama, vLLM on this machine) reads a long prompt
slowly on CPU and computes one request at a time, so it gets a long timeout and one request at a
time; a remote API gets a short timeout and a few requests at once.

The output method, and the chain we fall back along when a server rejects one (HTTP 4xx naming
the tool call or the response format, e.g. llama.cpp's "type must be string" for the object form
of tool_choice):

    function_calling → json_schema → prompt
    json_schema      → prompt
    json_mode        → prompt
    prompt           (the JSON is read from the answer's text; nothing to fall back to)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rubric.errors import ExtractorConfigError

Method = Literal["json_schema", "function_calling", "json_mode", "prompt"]
METHODS: tuple[Method, ...] = ("json_schema", "function_calling", "json_mode", "prompt")
FALLBACK: dict[str, tuple[Method, ...]] = {
    "function_calling": ("json_schema", "prompt"),
    "json_schema": ("prompt",),
    "json_mode": ("prompt",),
    "prompt": (),
}
ENV_PREFIX = "INTAKE_LLM_"
FIELDS = ("timeout", "retries", "max_tokens", "concurrency", "method", "per_group")
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0"})
# Ollama's default address when OLLAMA_HOST is not set: a local server.
LOCAL_PROVIDERS = frozenset({"ollama"})


class LLMSettings(BaseModel):
    """The resolved settings of one run (every field set)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timeout: float = Field(gt=0, description="seconds one request may take before it is closed")
    retries: int = Field(ge=0, le=10, description="more attempts after a failed request")
    max_tokens: int = Field(ge=64, description="cap on the answer's tokens, always sent")
    concurrency: int = Field(ge=1, le=64, description="requests at once")
    method: Method = "json_schema"
    per_group: bool = Field(
        default=False, description="one call per item group (for models of ≤ 2B parameters)")
    local: bool = False


class _Given(BaseModel):
    """What one source says; unset fields are None. Strings from the environment are coerced."""

    model_config = ConfigDict(extra="forbid")

    timeout: float | None = Field(default=None, gt=0)
    retries: int | None = Field(default=None, ge=0, le=10)
    max_tokens: int | None = Field(default=None, ge=64)
    concurrency: int | None = Field(default=None, ge=1, le=64)
    method: Method | None = None
    per_group: bool | None = None


LOCAL_DEFAULTS = {"timeout": 900.0, "retries": 1, "max_tokens": 2048, "concurrency": 1}
REMOTE_DEFAULTS = {"timeout": 120.0, "retries": 3, "max_tokens": 4096, "concurrency": 4}


def is_local(base_url: str | None, provider: str = "") -> bool:
    """Whether the model server runs on this machine (its base URL names a loopback host)."""
    if not base_url:
        return provider in LOCAL_PROVIDERS
    host = urlparse(base_url if "//" in base_url else f"http://{base_url}").hostname or ""
    return host.lower() in LOCAL_HOSTS


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    environ = os.environ if environ is None else environ
    return {name: environ[ENV_PREFIX + name.upper()] for name in FIELDS
            if environ.get(ENV_PREFIX + name.upper(), "").strip()}


def resolve(*, command_line: Mapping[str, Any] | None = None,
            table: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None,
            base_url: str | None = None, model: str = "") -> LLMSettings:
    """The settings of a run: command line, then environment, then intake.toml's [llm], then the
    defaults for a local or remote server. A bad value is an ExtractorConfigError naming it."""
    sources = (("the command line", command_line or {}),
               ("the environment (INTAKE_LLM_*)", from_environment(environ)),
               ("intake.toml [llm]", table or {}))
    merged: dict[str, Any] = {}
    for where, given in reversed(sources):
        merged.update(_checked(given, where))
    local = is_local(base_url, model.partition(":")[0])
    defaults = LOCAL_DEFAULTS if local else REMOTE_DEFAULTS
    return LLMSettings(**{**defaults, **merged}, local=local)


def _checked(given: Mapping[str, Any], where: str) -> dict[str, Any]:
    unknown = sorted(set(given) - set(FIELDS))
    if unknown:
        raise ExtractorConfigError(
            f"{where}: unknown llm setting(s) {', '.join(unknown)}; known: {', '.join(FIELDS)}")
    try:
        parsed = _Given.model_validate({k: v for k, v in given.items() if v is not None})
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                             for e in error.errors())
        raise ExtractorConfigError(f"{where}: bad llm setting ({problems})") from error
    return parsed.model_dump(exclude_none=True)


def chain(method: Method) -> tuple[Method, ...]:
    """The method asked for, then the ones tried when a server rejects it."""
    return (method, *FALLBACK[method])
