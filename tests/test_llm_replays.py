"""Replays of what small local models (Qwen2.5 1.5B/0.5B on llama.cpp, issue 19) did to the llm
extractor, each against the stub server on 127.0.0.1 through the real langchain-openai client:
the answer bodies below reproduce the failures as the issue reports them, and each test asserts
what a reviewer would see in the result and the call log."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from extractors.facts.base import SubmissionText
from extractors.facts.llm import LLMExtractor
from intake.store import Store
from intake.store.llm_cache import StoreCache
from rubric.errors import ExtractorRuntimeError
from tests.support.facts import document_from_text, hebei_view
from tests.support.llm_stub import Stub, Turn, serving

pytest.importorskip("langchain_openai")

MODEL = "openai:qwen2.5-coder-1.5b-instruct"
DEEDS = "\n".join([
    "保定开放大学成立网络安全和信息化领导小组，由校长任组长。",
    "全年召开领导小组会议4次，研究部署信息化工作。",
    "学校现有信息化专职人员5名。",
    "门户网站全年发布新闻320条，微信公众号关注人数1.2万人。",
])
FACTS = [
    {"fact": "group_meetings", "value": "四次", "quotes": ["全年召开领导小组会议4次"],
     "rationale": "全年召开4次。", "confidence": 0.9},
    {"fact": "it_staff", "value": 5, "quotes": ["现有信息化专职人员5名"],
     "rationale": "专职人员5名。", "confidence": 0.8},
]
ITEMS = [{"item": "4", "tier": "第一档", "points": 8, "quotes": ["微信公众号关注人数1.2万人"],
          "rationale": "新媒体建设较好。", "confidence": 0.6}]


def answer(facts: list[dict[str, Any]] = FACTS, items: list[dict[str, Any]] = ITEMS) -> str:
    return json.dumps({"facts": facts, "items": items, "instructions_seen": []},
                      ensure_ascii=False)


def submission(name: str = "S1", more: str = "") -> SubmissionText:
    return SubmissionText.of(name, (document_from_text(DEEDS + more), "deeds"))


def extractor(root: str, cache: StoreCache, **options: Any) -> LLMExtractor:
    options.setdefault("per_group", False)
    return LLMExtractor(MODEL, cache, base_url=f"{root}/v1", api_key="none", base_delay=0.0,
                        **options)


def run(script: Any, tmp_path: Path, **options: Any) -> tuple[Stub, Any, list[dict[str, Any]]]:
    """Serve `script`, run the extractor on one submission; the stub, result and call log."""
    with serving(script) as (stub, root), Store(tmp_path / "intake.db") as store:
        cache = StoreCache(store)
        result = extractor(root, cache, **options).suggest(submission(), hebei_view())
        return stub, result, cache.calls()


def by_key(result: Any) -> dict[str, Any]:
    return {s.key: s for s in result.suggestions}


def assert_good(result: Any) -> None:
    got = by_key(result)
    assert (got["group_meetings"].value, got["group_meetings"].status) == (4, "suggested")
    assert got["it_staff"].value == 5
    assert (got["4"].tier, got["4"].points) == ("第一档", 8)
    assert not [f for f in result.findings if f.code in ("out_of_range", "ungrounded")]


@pytest.mark.parametrize("status", [500, 400])
def test_tool_choice_rejected_falls_back_to_json_schema(tmp_path: Path, status: int) -> None:
    def script(body: dict[str, Any], number: int) -> Turn:
        if isinstance(body.get("tool_choice"), dict):
            return Turn(status=status, error="[json.exception.type_error.302] type must be "
                                             "string, but is object")
        return Turn(content=answer())

    with serving(script) as (stub, root), Store(tmp_path / "intake.db") as store:
        cache = StoreCache(store)
        chosen = extractor(root, cache, method="function_calling", retries=3)
        first = chosen.suggest(submission("S1"), hebei_view())
        chosen.suggest(submission("S2", "\n另一所学校的材料。"), hebei_view())
        calls = cache.calls()
    assert_good(first)
    # One rejection, not retried; then json_schema for this call and every later one.
    assert len(stub.requests) == 3 and isinstance(stub.requests[0]["tool_choice"], dict)
    assert [r["response_format"]["type"] for r in stub.requests[1:]] == ["json_schema"] * 2
    assert [c["method"] for c in calls] == ["json_schema", "json_schema"]
    assert "function_calling rejected" in calls[0]["fallbacks"]
    assert "type must be string" in calls[0]["fallbacks"] and calls[1]["fallbacks"] is None


def test_forced_tool_call_ignored_answer_read_from_fenced_json(tmp_path: Path) -> None:
    fenced = "好的，以下是结果：\n```json\n" + answer() + "\n```"
    stub, result, calls = run(lambda body, n: Turn(content=fenced), tmp_path,
                              method="function_calling")
    assert_good(result)
    assert stub.requests[0]["tools"][0]["function"]["name"] == "ModelAnswer"
    assert calls[0]["method"] == "function_calling"
    assert "no tool call" in calls[0]["fallbacks"]


def test_prompt_method_sends_a_worked_example_and_reads_fenced_json(tmp_path: Path) -> None:
    fenced = "```json\n" + answer() + "\n```"
    stub, result, calls = run(lambda body, n: Turn(content=fenced), tmp_path, method="prompt")
    assert_good(result)
    body = stub.requests[0]
    assert "tools" not in body and "response_format" not in body
    prompt = stub.last_user_text()
    assert "示例回答" in prompt and "现有阅览室6间" in prompt
    assert calls[0]["method"] == "prompt"


@pytest.mark.parametrize("arguments", ["object", "string"])
def test_name_arguments_wrapper_is_unwrapped_and_cached(tmp_path: Path, arguments: str) -> None:
    inner = json.loads(answer())
    wrapped = json.dumps({"name": "ModelAnswer", "arguments": inner if arguments == "object"
                          else json.dumps(inner, ensure_ascii=False)}, ensure_ascii=False)
    with serving(lambda body, n: Turn(content=wrapped)) as (stub, root), \
            Store(tmp_path / "intake.db") as store:
        cache = StoreCache(store)
        assert_good(extractor(root, cache).suggest(submission(), hebei_view()))
        again = extractor(root, cache).suggest(submission(), hebei_view())
    assert_good(again)
    assert len(stub.requests) == 1  # the unwrapped answer was cached; the re-run asked nothing


def test_empty_wrapped_answer_is_an_error_never_cached(tmp_path: Path) -> None:
    empty = json.dumps({"name": "ModelAnswer", "arguments": {}})
    with serving(lambda body, n: Turn(content=empty, prompt_tokens=650,
                                      completion_tokens=12)) as (stub, root), \
            Store(tmp_path / "intake.db") as store:
        cache = StoreCache(store)
        with pytest.raises(ExtractorRuntimeError, match="没有评分标准里的任何事实或指标"):
            extractor(root, cache).suggest(submission(), hebei_view())
        assert store.query("SELECT * FROM llm_cache") == []
        calls = cache.calls()
    assert len(stub.requests) == 2  # the answer, then one repair message
    assert "你上一次的回答不能使用" in stub.last_user_text()
    assert (calls[0]["input_tokens"], calls[0]["output_tokens"]) == (1300, 24)
    assert calls[0]["error"] and "repair" in calls[0]["fallbacks"]


def test_unit_name_prefixed_quotes_are_trimmed_to_the_verbatim_span(tmp_path: Path) -> None:
    prefixed = [{**f, "quotes": ["保定开放大学" + f["quotes"][0]]} for f in FACTS]
    items = [{**ITEMS[0], "quotes": ["保定开放大学信息技术中心：微信公众号关注人数1.2万人"]}]
    stub, result, _ = run(lambda body, n: Turn(content=answer(prefixed, items)), tmp_path)
    assert_good(result)
    meetings = by_key(result)["group_meetings"]
    citation = meetings.citations[0]
    assert citation.quote == "全年召开领导小组会议4次" == DEEDS[citation.start : citation.end]
    assert "“保定开放大学”不在材料原文中，已去掉" in meetings.rationale
    assert by_key(result)["4"].citations[0].quote == "微信公众号关注人数1.2万人"
    assert len(stub.requests) == 1  # trimmed quotes are located: no repair needed


def test_a_negation_is_never_trimmed_away(tmp_path: Path) -> None:
    negated = [{**FACTS[0], "value": 0, "quotes": ["未召开领导小组会议"]}]
    stub, result, _ = run(lambda body, n: Turn(content=answer(negated, ITEMS)), tmp_path)
    meetings = by_key(result)["group_meetings"]
    assert meetings.status == "ungrounded" and meetings.citations == []
    assert len(stub.requests) == 2  # the unlocatable quote got one repair message


def test_descriptions_as_names_item_names_and_null_strings(tmp_path: Path) -> None:
    facts = [{**FACTS[0], "fact": "group_meetings：领导小组会议次数；填整数"},
             {**FACTS[1], "fact": "it_staff: 信息化专职人员数量"},
             {"fact": "it_budget_share", "value": "null", "quotes": [], "rationale": "null"}]
    items = [{**ITEMS[0], "item": "4 信息门户及新媒体建设"},
             {"item": "5 数字化资源建设", "tier": "null", "points": "null", "quotes": [],
              "rationale": "材料中未找到", "confidence": 0.1}]
    _, result, _ = run(lambda body, n: Turn(content=answer(facts, items)), tmp_path)
    assert_good(result)
    got = by_key(result)
    assert (got["5"].tier, got["5"].status) == (None, "no_evidence")
    assert got["it_budget_share"].status == "no_evidence"
    assert not [f for f in result.findings if f.level == "error"]


def test_placeholder_copy_gets_a_repair_message_quoting_the_error(tmp_path: Path) -> None:
    copied = json.dumps({
        "facts": [{"fact": "事实名称", "value": "取值或 null", "quotes": ["逐字引文"]}],
        "items": [{"item": "指标编号", "tier": "档次名称或 null", "points": 8,
                   "quotes": ["逐字引文"]}],
        "instructions_seen": ["材料中针对评审或模型的指令，逐字抄录"]}, ensure_ascii=False)
    turns = iter([Turn(content=copied), Turn(content=answer())])
    stub, result, calls = run(lambda body, n: next(turns), tmp_path)
    assert_good(result)
    first, repair = stub.last_user_text(0), stub.last_user_text(1)
    for placeholder in ("逐字引文", "指标编号", "档次名称或 null", "事实名称"):
        assert placeholder not in first  # nothing in the prompt a small model can copy
    assert "没有评分标准里的任何事实或指标" in repair and repair.startswith(first)
    assert not [f for f in result.findings if f.code == "suspected_injection"]
    assert calls[0]["input_tokens"] == 1400  # both requests counted


def test_runaway_list_cut_at_the_cap_is_an_answer_error(tmp_path: Path) -> None:
    entry = '{"item": "指标编号", "tier": "档次名称或 null", "points": 8, "quotes": ["逐字引文"]}, '
    runaway = '{"facts": [], "items": [' + entry * 60
    cut = Turn(content=runaway[: len(runaway) - 17], finish_reason="length",
               completion_tokens=2048)
    with serving(lambda body, n: cut) as (stub, root), Store(tmp_path / "intake.db") as store:
        cache = StoreCache(store)
        with pytest.raises(ExtractorRuntimeError, match=r"长度上限.*被截断"):
            extractor(root, cache).suggest(submission(), hebei_view())
        assert store.query("SELECT * FROM llm_cache") == []
        calls = cache.calls()
    body = stub.requests[0]
    assert body["max_completion_tokens"] == 2048 == body["max_tokens"]  # local: both sent
    assert "长度上限（2048 个 token）被截断" in stub.last_user_text(1)
    assert calls[0]["output_tokens"] == 4096 and "截断" in calls[0]["error"]


def test_slow_prompt_is_abandoned_and_its_connection_closed(tmp_path: Path) -> None:
    slow = Turn(content=answer(), delay=200.0)  # a 200 s prompt read on 2 CPU cores
    started = time.monotonic()
    with serving(lambda body, n: slow) as (stub, root), Store(tmp_path / "intake.db") as store:
        cache = StoreCache(store)
        with pytest.raises(ExtractorRuntimeError, match=r"--llm-timeout"):
            extractor(root, cache, timeout=1.0, retries=0).suggest(submission(), hebei_view())
        waited = time.monotonic() - started
        deadline = time.monotonic() + 5
        while not stub.disconnects and time.monotonic() < deadline:
            time.sleep(0.05)
        calls = cache.calls()
    assert waited < 15
    # The server saw the client hang up about when the timeout fired: it can stop computing.
    assert len(stub.disconnects) == 1 and stub.disconnects[0] < 5
    assert calls[0]["error"] and store_free(calls)


def store_free(calls: list[dict[str, Any]]) -> bool:
    return all(c["cached"] == 0 for c in calls)


def test_local_server_defaults_and_the_schema_sent(tmp_path: Path) -> None:
    stub, result, _ = run(lambda body, n: Turn(content=answer()), tmp_path)
    assert_good(result)
    body = stub.requests[0]
    schema = body["response_format"]["json_schema"]["schema"]
    facts, items = schema["properties"]["facts"], schema["properties"]["items"]
    assert facts["items"]["properties"]["fact"]["enum"] == list(hebei_view().facts)
    assert items["items"]["properties"]["item"]["enum"] == ["4", "5", "6", "7", "8", "12"]
    assert "第一档" in items["items"]["properties"]["tier"]["enum"]
    assert (facts["maxItems"], items["maxItems"]) == (8, 6)
    assert body["max_tokens"] == 2048
    prompt = stub.last_user_text()
    assert "示例回答" not in prompt  # the schema constrains the output: no example needed
    assert "不要加任何前缀" in prompt


def test_small_model_is_asked_per_item_group(tmp_path: Path) -> None:
    def script(body: dict[str, Any], number: int) -> Turn:
        schema = body["response_format"]["json_schema"]["schema"]["properties"]
        asked_facts = set(schema["facts"]["items"]["properties"]["fact"]["enum"])
        asked_items = set(schema["items"]["items"]["properties"]["item"]["enum"])
        return Turn(content=answer([f for f in FACTS if f["fact"] in asked_facts],
                                   [i for i in ITEMS if i["item"] in asked_items]
                                   or [{"item": sorted(asked_items)[0], "tier": None}]
                                   if asked_items else []))

    stub, result, calls = run(script, tmp_path, per_group=True)
    assert_good(result)
    asked = [body["response_format"]["json_schema"]["schema"]["properties"]
             for body in stub.requests]
    assert len(stub.requests) == 8 == len(calls)  # item 1's facts, 6 expert items, other facts
    assert [a["items"]["items"]["properties"]["item"]["enum"] for a in asked[1:7]] == [
        ["4"], ["5"], ["6"], ["7"], ["8"], ["12"]]
    # The calls share their prefix up to the end of the material: a server reads it once.
    texts = [stub.last_user_text(i) for i in range(len(stub.requests))]
    end = texts[0].rindex("<<<申报材料 结束")
    assert DEEDS in texts[0][:end] and len({t[:end] for t in texts}) == 1
