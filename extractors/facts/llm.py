"""The `llm` extractor: a langchain chat model reads the submission and suggests facts and tiers.

    LLMExtractor("openai:gpt-4o-mini", cache=StoreCache(store), jobs=4)

One call per submission asks for every fact and expert item; a material longer than `budget`
characters is cut into parts, one call each, and the answers are merged (per fact or item the one
with verified citations, then the most confident). The model reads visible text only, between
delimiters, declared to be data (llm_prompt); our code locates every quote, range-checks every
value and reports instruction-like text (llm_answer, manipulation). Calls go through the cache,
keyed by model, prompt version, method, the documents' hashes, the rubric and the messages
themselves, so a re-run makes no calls; every call, hit or miss, is logged with its token usage.
All cache I/O happens on the calling thread; only model calls run in the `jobs` threads.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from extractors.document import Document
from extractors.facts import manipulation
from extractors.facts.base import SubmissionText
from extractors.facts.citations import locate_any, normalise
from extractors.facts.llm_answer import Context, merge, suggestions_of
from extractors.facts.llm_model import (
    ChatModel,
    ModelOptions,
    Reply,
    Retry,
    ask,
    build_model,
    model_name,
)
from extractors.facts.llm_prompt import (
    Prompts,
    RubricText,
    load_prompts,
    messages,
    part_label,
    parts,
    rubric_text,
)
from extractors.facts.llm_schema import ModelAnswer
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
    messages: list[tuple[str, str]]
    what: str


class LLMExtractor:
    name = "llm"

    def __init__(
        self,
        model: str | ChatModel | None = None,
        cache: Cache | None = None,
        *,
        jobs: int = 4,
        retries: int = 3,
        base_delay: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        budget: int = DEFAULT_BUDGET,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 120.0,
        temperature: float | None = 0.0,
        method: str | None = "function_calling",
        prompts_dir: Path | None = None,
    ) -> None:
        model = model or os.environ.get(MODEL_VARIABLE) or None
        if model is None:
            raise ExtractorConfigError(
                "the llm extractor needs a model: --model provider:model "
                f"(e.g. openai:gpt-4o-mini) or the {MODEL_VARIABLE} environment variable")
        if isinstance(model, str):
            options = ModelOptions(base_url, api_key, timeout, temperature)
            self.model_name, self.model = model, build_model(model, options)
        else:
            self.model_name, self.model = model_name(model), model
        if budget < 200 or jobs < 1:
            raise ExtractorConfigError("budget must be at least 200 characters and jobs at least 1")
        self.cache: Cache = cache if cache is not None else MemoryCache()
        self.jobs, self.budget, self.method = jobs, budget, method
        self.retry = Retry(retries=retries, base_delay=base_delay, sleep=sleep)
        self.prompts: Prompts = load_prompts(prompts_dir)
        self.usage = Totals()

    def suggest(self, submission: SubmissionText, rubric: RubricView) -> ExtractionResult:
        return self.suggest_many([submission], rubric)[0]

    def suggest_many(self, submissions: Sequence[SubmissionText],
                     rubric: RubricView) -> list[ExtractionResult]:
        """Several submissions at once, their calls `jobs` at a time."""
        spec = rubric
        text = rubric_text(spec)
        plans = [self._plan(s, spec, text) for s in submissions]
        answers = self._answers([c for plan in plans for c in plan])
        results, at = [], 0
        for submission, plan in zip(submissions, plans, strict=True):
            results.append(self._assemble(submission, spec, answers[at : at + len(plan)]))
            at += len(plan)
        return results

    def _plan(self, submission: SubmissionText, spec: RubricView,
              text: RubricText) -> list[_Call]:
        documents = _with_roles(submission)
        pieces = parts(documents, self.budget)
        calls = []
        for index, material in enumerate(pieces):
            sent = messages(self.prompts, text, material, part_label(index, len(pieces)))
            key = self._key(documents, spec, text, sent)
            what = f"{self.model_name} on submission {submission.submission[:12]}"
            if len(pieces) > 1:
                what += f" (part {index + 1}/{len(pieces)})"
            calls.append(_Call(submission.submission, key, sent, what))
        return calls

    def _key(self, documents: list[tuple[Document, str]], spec: RubricView, text: RubricText,
             sent: list[tuple[str, str]]) -> str:
        parts_of_key = {
            "model": self.model_name, "prompt": self.prompts.version, "method": self.method,
            "documents": [d.sha256 for d, _ in documents], "rubric": spec.id,
            "schema": _sha(json.dumps([text.facts, text.items, ModelAnswer.model_json_schema()],
                                      ensure_ascii=False, sort_keys=True)),
            "messages": _sha(json.dumps(sent, ensure_ascii=False)),
        }
        return _sha(json.dumps(parts_of_key, sort_keys=True))

    def _answers(self, calls: list[_Call]) -> list[ModelAnswer]:
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
            self._log(self._usage(call, cached=True))
        errors = [self._keep(index, call, outcome, found)
                  for (index, call), outcome in zip(missing, self._run(missing), strict=True)]
        first = next((e for e in errors if e is not None), None)
        if first is not None:
            raise first
        return [found[i] for i in range(len(calls))]

    def _keep(self, index: int, call: _Call, outcome: _Outcome,
              found: dict[int, ModelAnswer]) -> Exception | None:
        result, seconds = outcome
        if isinstance(result, Exception):
            self._log(self._usage(call, cached=False, seconds=seconds, error=str(result)))
            return result
        usage = self._usage(call, cached=False, reply=result, seconds=seconds)
        self.cache.put(call.key, result.to_json(), usage)
        self.usage.add(usage)
        found[index] = result.answer
        return None

    def _run(self, missing: list[tuple[int, _Call]]) -> list[_Outcome]:
        if len(missing) <= 1 or self.jobs == 1:
            return [self._call(call) for _, call in missing]
        with ThreadPoolExecutor(max_workers=self.jobs) as pool:
            return list(pool.map(self._call, [call for _, call in missing]))

    def _call(self, call: _Call) -> _Outcome:
        """One model call with its retries; runs on a worker thread, so it touches no cache."""
        started = time.monotonic()
        try:
            reply: Reply | Exception = self.retry.call(
                lambda: ask(self.model, call.messages, self.method), call.what)
        except Exception as error:
            reply = error
        return reply, time.monotonic() - started

    def _usage(self, call: _Call, *, cached: bool, reply: Reply | None = None,
               seconds: float | None = None, error: str | None = None) -> Usage:
        return Usage(self.model_name, self.prompts.version, call.submission, cached,
                     reply.input_tokens if reply else None, reply.output_tokens if reply else None,
                     seconds, error)

    def _log(self, usage: Usage) -> None:
        if usage.error is None:
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
