"""The Ollama path (`--model ollama:qwen2.5`) with the real langchain-ollama client against a stub
of Ollama's /api/chat on 127.0.0.1: the schema sent as `format`, the cap as `num_predict`, tokens
read from Ollama's counts, and a timed-out request closed so that Ollama can stop computing."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from extractors.facts.llm import LLMExtractor
from intake.store import Store
from intake.store.llm_cache import StoreCache
from rubric.errors import ExtractorRuntimeError
from tests.support.facts import hebei_view
from tests.support.llm_stub import Turn, serving
from tests.test_llm_replays import answer, assert_good, submission

pytest.importorskip("langchain_ollama")


def ollama(root: str, cache: StoreCache, **options: Any) -> LLMExtractor:
    return LLMExtractor("ollama:qwen2.5", cache, base_url=root, base_delay=0.0, **options)


def test_ollama_answer_through_the_json_schema_format(tmp_path: Path) -> None:
    reply = Turn(content=answer(), prompt_tokens=812, completion_tokens=140)
    with serving(lambda body, n: reply) as (stub, root), Store(tmp_path / "intake.db") as store:
        cache = StoreCache(store)
        chosen = ollama(root, cache)
        result = chosen.suggest(submission(), hebei_view())
        again = ollama(root, cache).suggest(submission(), hebei_view())
        calls = cache.calls()
    assert_good(result)
    assert_good(again)
    body = stub.requests[0]
    assert body["model"] == "qwen2.5"
    assert body["format"]["properties"]["items"]["items"]["properties"]["item"]["enum"][0] == "4"
    assert body["options"]["num_predict"] == 2048  # Ollama runs on this machine: local defaults
    assert body["options"]["num_ctx"] == 16384  # the whole prompt fits: nothing dropped
    assert chosen.settings.local and chosen.settings.concurrency == 1
    assert len(stub.requests) == 1 and [c["cached"] for c in calls] == [0, 1]
    assert (calls[0]["input_tokens"], calls[0]["output_tokens"], calls[0]["method"]) == (
        812, 140, "json_schema")


def test_ollama_wrapped_answer_in_text_with_the_prompt_method(tmp_path: Path) -> None:
    wrapped = "```json\n" + json.dumps({"name": "ModelAnswer",
                                        "arguments": json.loads(answer())},
                                       ensure_ascii=False) + "\n```"
    with serving(lambda body, n: Turn(content=wrapped)) as (stub, root), \
            Store(tmp_path / "intake.db") as store:
        result = ollama(root, StoreCache(store), method="prompt").suggest(submission(),
                                                                          hebei_view())
    assert_good(result)
    assert "format" not in stub.requests[0] or not stub.requests[0]["format"]


def test_ollama_timed_out_request_is_closed(tmp_path: Path) -> None:
    slow = Turn(content=answer(), delay=200.0)
    with serving(lambda body, n: slow) as (stub, root), Store(tmp_path / "intake.db") as store:
        with pytest.raises(ExtractorRuntimeError, match=r"--llm-timeout"):
            ollama(root, StoreCache(store), timeout=1.0, retries=0).suggest(submission(),
                                                                            hebei_view())
        deadline = time.monotonic() + 5
        while not stub.disconnects and time.monotonic() < deadline:
            time.sleep(0.05)
    assert len(stub.disconnects) == 1 and stub.disconnects[0] < 5
