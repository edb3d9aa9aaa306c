"""The `llm` extractor: a langchain chat model reads the submission and suggests facts and tiers.

    LLMExtractor("openai:gpt-4o-mini", cache=StoreCache(store), concurrency=4)

One call per submission asks for every fact and expert item (or, an option for models of ≤ 2B
parameters, one call per item group: `per_group`); a material longer than `budget` characters is
cut into parts, one call each, and the answers are merged (per fact or item the one with verified
citations, then the most confident). The answer is constrained by a schema built from the rubric
(llm_schema) with the output method of the settings (llm_settings), falling back along its chain
when the server rejects it; an unusable answer gets one repair message (llm_call). The model reads
visible text only, between delimiters, declared to be data (llm_prompt); our code locates every
quote, range-checks every value and reports instruction-like text (llm_answer, manipulation).
Calls go through the cache, keyed by model, prompt version, method, the documents' hashes, the
rubric, the schema and the messages, so a re-run makes no calls; every call, hit, miss or failure,
is logged with its token usage, its method and its fallbacks. Only usable answers are cached.
All cache I/O happens on the calling thread; only model calls run in the `concurrency` threads.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from extractors.document import Document
from extractors.facts import manipulation
from extractors.facts.base import SubmissionText
from extractors.facts.citations import locate_any, locate_trimmed, normalise
from extractors.facts.llm_answer import Context, merge, suggestions_of
from extractors.facts.llm_call import Ask, CallFailed, Conversation, Methods, Reply, converse
from extractors.facts.llm_model import (
    BASE_URL_VARIABLES,
    ChatModel,
    ModelOptions,
    Retry,
    build_model,
    model_name,
)
from extractors.facts.llm_prompt import (
    Group,
    Prompts,
    RubricText,
    groups,
    load_prompts,
    messages,
    part_label,
    parts,
    rubric_text,
    whole,
)
from extractors.facts.llm_schema import ModelAnswer, answer_schema
from extractors.facts.llm_settings import LLMSettings, Method, resolve
from extractors.facts.models import ExtractionResult
from extractors.facts.spec import RubricView
from extractors.findings import Finding, finding
from rubric.errors import ExtractorConfigError

MODEL_VARIABLE = "INTAKE_MODEL"
DEFAULT_BUDGET = 12_000  # characters of material per call: ~8k tokens of Chinese


@dataclass(frozen=True)
class Usage:
    """One logged call: a cache hit (cached), a model call, or a failed one (error)."""

    model: str
    prompt_version: str
    submission: str | None
    cached: bool
    input_tokens: int | None = None
    output_tokens: int | None = None
    seconds: float | None = None
    error: str | None = None
    method: str | None = None
    fallbacks: tuple[str, ...] = ()


class Cache(Protocol):
    """Where answers are kept between runs (intake.store.llm_cache.StoreCache keeps them in
    SQLite)."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, value: str, usage: Usage) -> None: ...

    def log(self, usage: Usage) -> None: ...


@dataclass
class MemoryCache:
    """The default cache: this process only. Also what tests inspect."""

    answers: dict[str, str] = field(default_factory=dict)
    calls: list[Usage] = field(default_factory=list)

    def get(self, key: str) -> str | None:
        return self.answers.get(key)

    def put(self, key: str, value: str, usage: Usage) -> None:
        self.answers[key] = value
        self.calls.append(usage)

    def log(self, usage: Usage) -> None:
        self.calls.append(usage)


@dataclass
class Totals:
    """What this extractor has spent so far, for the CLI to print."""

    calls: int = 0
    cached: int = 0
    input_tokens: int = 0
    output_tokens: int = 0

    def add(self, usage: Usage) -> None:
        self.cached += usage.cached
        self.calls += not usage.cached
        self.input_tokens += usage.input_tokens or 0
        self.output_tokens += usage.output_tokens or 0


_Outcome = tuple["Reply | Exception", float]


@dataclass(frozen=True)
class _Call:
    submission: str
    key: str
    ask: Ask


class LLMExtractor:
    name = "llm"

    def __init__(
        self,
        model: str | ChatModel | None = None,
        cache: Cache | None = None,
        *,
        settings: LLMSettings | None = None,
        table: Mapping[str, Any] | None = None,
        jobs: int | None = None,
        concurrency: int | None = None,
        retries: int | None = None,
        timeout: float | None = None,
        max_tokens: int | None = None,
        method: Method | None = None,
        per_group: bool | None = None,
        base_delay: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        budget: int = DEFAULT_BUDGET,
        base_url: str | None = None,
        api_key: str | None = None,
        temperature: float | None = 0.0,
        prompts_dir: Path | None = None,
    ) -> None:
        """`settings` as resolved, or else resolved here from the keyword arguments (the
        command line), the INTAKE_LLM_* environment and `table` (intake.toml's [llm])."""
        model = model or os.environ.get(MODEL_VARIABLE) or None
        if model is None:
            raise ExtractorConfigError(
                "the llm extractor needs a model: --model provider:model "
                f"(e.g. openai:gpt-4o-mini) or the {MODEL_VARIABLE} environment variable")
        given = {"timeout": timeout, "retries": retries, "max_tokens": max_tokens,
                 "concurrency": concurrency or jobs, "method": method, "per_group": per_group}
        name = model if isinstance(model, str) else model_name(model)
        self.settings = settings or resolve(command_line=given, table=table, model=name,
                                            base_url=_base_url(name, base_url, model))
        if isinstance(model, str):
            options = ModelOptions(base_url, api_key, self.settings.timeout, temperature,
                                   self.settings.max_tokens, self.settings.local)
            self.model_name, self.model = model, build_model(model, options)
        else:
            self.model_name, self.model = name, model
        if budget < 200:
            raise ExtractorConfigError("budget must be at least 200 characters")
        self.cache: Cache = cache if cache is not None else MemoryCache()
        self.jobs, self.budget = self.settings.concurrency, budget
        self.method: Method = self.settings.method
        self.methods = Methods(self.method)
        self.retry = Retry(retries=self.settings.retries, base_delay=base_delay, sleep=sleep)
        self.prompts: Prompts = load_prompts(prompts_dir)
        self.usage = Totals()

    def suggest(self, submission: SubmissionText, rubric: RubricView) -> ExtractionResult:
        return self.suggest_many([submission], rubric)[0]

    def suggest_many(self, submissions: Sequence[SubmissionText],
                     rubric: RubricView) -> list[ExtractionResult]:
        """Several submissions at once, their calls `concurrency` at a time."""
        spec = rubric
        asked = groups(spec) if self.settings.per_group else [whole(spec)]
        plans = [self._plan(s, spec, asked) for s in submissions]
        talk = Conversation(self.model, spec, self.retry, self.methods, self.settings.max_tokens)
        answers = self._answers([c for plan in plans for c in plan], talk)
        results, at = [], 0
        for submission, plan in zip(submissions, plans, strict=True):
            results.append(self._assemble(submission, spec, answers[at : at + len(plan)]))
            at += len(plan)
        return results

    def _plan(self, submission: SubmissionText, spec: RubricView,
              asked: list[Group]) -> list[_Call]:
        """One call per group asked and part of the material."""
        documents = _with_roles(submission)
        pieces = parts(documents, self.budget)
        unlocated = _unlocated([d for d, _ in documents])
        calls = []
        for group in asked:
            text, schema = rubric_text(spec, group), answer_schema(spec, *group)
            for index, material in enumerate(pieces):
                sent = partial(self._messages, text, material, part_label(index, len(pieces)))
                key = self._key(documents, spec, schema, sent(self.method))
                what = f"{self.model_name} on submission {submission.submission[:12]}"
                if len(pieces) > 1:
                    what += f" (part {index + 1}/{len(pieces)})"
                calls.append(_Call(submission.submission, key,
                                   Ask(sent, schema, unlocated, what)))
        return calls

    def _messages(self, text: RubricText, material: str, label: str,
                  method: str) -> list[tuple[str, str]]:
        return messages(self.prompts, text, material, label, method)

    def _key(self, documents: list[tuple[Document, str]], spec: RubricView,
             schema: dict[str, Any], sent: list[tuple[str, str]]) -> str:
        parts_of_key = {
            "model": self.model_name, "prompt": self.prompts.version, "method": self.method,
            "documents": [d.sha256 for d, _ in documents], "rubric": spec.id,
            "schema": _sha(json.dumps(schema, ensure_ascii=False, sort_keys=True)),
            "messages": _sha(json.dumps(sent, ensure_ascii=False)),
        }
        return _sha(json.dumps(parts_of_key, sort_keys=True))

    def _answers(self, calls: list[_Call], talk: Conversation) -> list[ModelAnswer]:
        """Each call's answer: from the cache, else from the model (then cached). When a call
        fails, the answers that did come are cached before its error is raised."""
        found: dict[int, ModelAnswer] = {}
        missing: list[tuple[int, _Call]] = []
        for index, call in enumerate(calls):
            hit = self.cache.get(call.key)
            if hit is None:
                missing.append((index, call))
                continue
            found[index] = ModelAnswer.model_validate_json(hit)
            self._log(Usage(self.model_name, self.prompts.version, call.submission, True))
        outcomes = self._run([call for _, call in missing], talk)
        errors = [self._keep(index, call, outcome, found)
                  for (index, call), outcome in zip(missing, outcomes, strict=True)]
        first = next((e for e in errors if e is not None), None)
        if first is not None:
            raise first
        return [found[i] for i in range(len(calls))]

    def _keep(self, index: int, call: _Call, outcome: _Outcome,
              found: dict[int, ModelAnswer]) -> Exception | None:
        result, seconds = outcome
        if isinstance(result, Exception):
            self._log(self._failed(call, result, seconds))
            return result
        usage = Usage(self.model_name, self.prompts.version, call.submission, False,
                      result.input_tokens, result.output_tokens, seconds, None, result.method,
                      result.fallbacks)
        self.cache.put(call.key, result.to_json(), usage)
        self.usage.add(usage)
        found[index] = result.answer
        return None

    def _failed(self, call: _Call, error: Exception, seconds: float) -> Usage:
        """A failed call's log row, with the tokens its requests spent (CallFailed knows)."""
        if isinstance(error, CallFailed):
            return Usage(self.model_name, self.prompts.version, call.submission, False,
                         error.spent.input_tokens, error.spent.output_tokens, seconds,
                         str(error), error.method, error.fallbacks)
        return Usage(self.model_name, self.prompts.version, call.submission, False,
                     seconds=seconds, error=str(error))

    def _run(self, calls: list[_Call], talk: Conversation) -> list[_Outcome]:
        def one(call: _Call) -> _Outcome:
            return _call(talk, call)

        if len(calls) <= 1 or self.jobs == 1:
            return [one(call) for call in calls]
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            return list(pool.map(one, calls))

    def _log(self, usage: Usage) -> None:
        self.usage.add(usage)
        self.cache.log(usage)

    def _assemble(self, submission: SubmissionText, spec: RubricView,
                  answers: list[ModelAnswer]) -> ExtractionResult:
        documents = [d for d, _ in _with_roles(submission)]
        ctx = Context(submission.submission, self.model_name, spec, documents, self.name)
        suggestions, findings = merge([suggestions_of(a, ctx) for a in answers], ctx)
        scanned = [f for d in documents for f in manipulation.scan(d)]
        seen = [q for a in answers for q in a.instructions_seen]
        return ExtractionResult(suggestions=suggestions,
                                findings=findings + scanned + _reported(seen, documents, scanned))


def _call(talk: Conversation, call: _Call) -> _Outcome:
    """One model call with its retries and repair; runs on a worker thread, touches no cache."""
    started = time.monotonic()
    try:
        reply: Reply | Exception = converse(talk, call.ask)
    except Exception as error:
        reply = error
    return reply, time.monotonic() - started


def _base_url(name: str, given: str | None, model: Any) -> str | None:
    """Where the model is served, for the local-or-remote defaults."""
    if given:
        return given
    for attribute in ("openai_api_base", "base_url"):
        value = getattr(model, attribute, None)
        if isinstance(value, str) and value:
            return value
    variable = BASE_URL_VARIABLES.get(name.partition(":")[0], "")
    return os.environ.get(variable) or None


def _unlocated(documents: list[Document]) -> Callable[[ModelAnswer], list[str]]:
    """The quotes of an answer found nowhere in the documents, even after trimming a prefix."""

    def missing(answer: ModelAnswer) -> list[str]:
        quotes = [q for entry in [*answer.facts, *answer.items] for q in entry.quotes]
        return [q for q in dict.fromkeys(quotes) if q.strip()
                and locate_any(documents, q) is None and locate_trimmed(documents, q) is None]

    return missing


def _with_roles(submission: SubmissionText) -> list[tuple[Document, str]]:
    """Deeds first, as SubmissionText.ordered: they hold the evidence."""
    ordered = sorted(submission.documents, key=lambda d: d.role != "deeds")
    return [(d.document, d.role) for d in ordered]


def _reported(quotes: list[str], documents: list[Document],
              scanned: list[Finding]) -> list[Finding]:
    """Instructions the model says it saw, where our own scan missed them and the text has them."""
    found: dict[str, Finding] = {}
    for quote in quotes:
        citation = locate_any(documents, str(quote))
        if citation is None or _scanned(citation.quote, scanned):
            continue
        found.setdefault(citation.quote, finding(
            "suspected_injection",
            f"模型报告材料（{citation.location.describe()}）中疑似针对评审或模型的指令："
            f"“{citation.quote}”，请人工核对", document=citation.document_path))
    return list(found.values())


def _scanned(quote: str, scanned: list[Finding]) -> bool:
    """Our own scan reads all the visible text: a passage it matches is reported already."""
    return bool(manipulation.INJECTION.search(normalise(quote)[0])) or any(
        quote in f.message for f in scanned)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
