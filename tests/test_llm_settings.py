"""Model-call settings: the command line over INTAKE_LLM_* over intake.toml's [llm] over the
defaults for a local or remote server; bad values are messages, not tracebacks; and `intake run`
passes them all the way to the request a local OpenAI-compatible server receives."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractors.facts.llm_settings import chain, is_local, resolve
from intake import settings
from intake.cli import app
from intake.store import Store
from rubric.errors import ExtractorConfigError, InputError
from tests.support.llm_stub import Turn, answering, serving

SUBMISSION = Path(__file__).resolve().parents[1] / "samples" / "batch" / "正定县开放大学"
RUBRIC = "hebei-ou-2024-collective"


def test_command_line_beats_environment_beats_intake_toml() -> None:
    got = resolve(command_line={"timeout": 30}, environ={"INTAKE_LLM_TIMEOUT": "60",
                                                         "INTAKE_LLM_RETRIES": "2"},
                  table={"timeout": 90, "retries": 5, "max_tokens": 1000, "method": "prompt"},
                  base_url="https://api.example.com/v1", model="openai:gpt-4o-mini")
    assert (got.timeout, got.retries, got.max_tokens, got.method) == (30, 2, 1000, "prompt")
    assert (got.concurrency, got.local, got.per_group) == (4, False, False)


@pytest.mark.parametrize("base_url, local", [
    ("http://127.0.0.1:8080/v1", True), ("http://localhost:11434", True),
    ("https://api.deepseek.com/v1", False), (None, False)])
def test_defaults_fit_a_local_server(base_url: str | None, local: bool) -> None:
    got = resolve(base_url=base_url, model="openai:qwen2.5-7b-instruct", environ={})
    assert got.local is local and is_local(base_url) is local
    assert (got.timeout, got.concurrency) == ((900.0, 1) if local else (120.0, 4))


def test_ollama_without_a_base_url_is_local() -> None:
    assert resolve(model="ollama:qwen2.5", environ={}).local


def test_asking_per_item_group_is_an_option() -> None:
    assert resolve(model="openai:qwen2.5-0.5b-instruct", environ={}).per_group is False
    assert resolve(environ={"INTAKE_LLM_PER_GROUP": "true"}).per_group is True
    assert resolve(table={"per_group": True}, command_line={"per_group": False},
                   environ={}).per_group is False


@pytest.mark.parametrize("where, said", [
    ({"table": {"timout": 5}}, "unknown llm setting"),
    ({"environ": {"INTAKE_LLM_TIMEOUT": "soon"}}, "timeout"),
    ({"command_line": {"method": "grammar"}}, "method"),
    ({"table": {"max_tokens": 10}}, "max_tokens")])
def test_bad_settings_say_which_and_where(where: dict[str, Any], said: str) -> None:
    with pytest.raises(ExtractorConfigError, match=said):
        resolve(**{"environ": {}, **where})


def test_fallback_chain() -> None:
    assert chain("function_calling") == ("function_calling", "json_schema", "prompt")
    assert chain("json_mode") == ("json_mode", "prompt") and chain("prompt") == ("prompt",)


def test_intake_toml_loader_is_generic(tmp_path: Path) -> None:
    assert settings.load(tmp_path) == {}
    (tmp_path / "intake.toml").write_text(
        '[llm]\ntimeout = 600\n\n[db]\npath = "x.db"\n', encoding="utf-8")
    loaded = settings.load(tmp_path)
    assert settings.table(loaded, "llm") == {"timeout": 600}
    assert loaded["db"] == {"path": "x.db"} and settings.table(loaded, "rubric") == {}
    (tmp_path / "intake.toml").write_text("[llm\ntimeout = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"intake\.toml: not valid TOML"):
        settings.load(tmp_path)
    with pytest.raises(InputError, match=r"\[llm\] must be a table"):
        settings.table({"llm": 3}, "llm")


def material_answer(body: dict[str, Any], number: int) -> Turn:
    """An answer quoting the first line of the material the request holds."""
    prompt = body["messages"][-1]["content"]
    material = re.search(r"<<<申报材料 开始 id=\w+>>>\n(.*?)\n<<<申报材料 结束", prompt, re.S)
    assert material is not None
    line = next(x for x in material.group(1).splitlines() if x.strip() and not x.startswith("【"))
    item = {"item": "4", "tier": "第二档", "points": 5, "quotes": [line[:20]],
            "rationale": "有一定建设。", "confidence": 0.5}
    return answering(body, {"facts": [], "items": [item], "instructions_seen": []})


def test_intake_run_takes_its_settings_from_all_three_places(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "intake.toml").write_text("[llm]\ntimeout = 300\nmax_tokens = 700\n"
                                          "retries = 0\n", encoding="utf-8")
    monkeypatch.setenv("INTAKE_LLM_MAX_TOKENS", "900")
    monkeypatch.setenv("OPENAI_API_KEY", "none")
    with serving(material_answer) as (stub, root):
        monkeypatch.setenv("OPENAI_BASE_URL", f"{root}/v1")
        result = CliRunner().invoke(app, [
            "run", str(SUBMISSION), "--rubric", RUBRIC, "--extractor", "llm",
            "--model", "openai:qwen2.5-7b-instruct", "--llm-method", "function_calling",
            "--db", str(tmp_path / "intake.db"), "--format", "json"])
    assert result.exit_code == 0, result.output
    body = stub.requests[0]
    assert body["max_tokens"] == 900 == body["max_completion_tokens"]  # env over intake.toml
    assert body["tool_choice"]["function"]["name"] == "ModelAnswer"  # the command line's method
    with Store(tmp_path / "intake.db") as store:
        calls = store.query("SELECT method, error FROM llm_calls")
        cited = store.query("SELECT body FROM suggestions WHERE key = '4'")
    assert [(c["method"], c["error"]) for c in calls] == [("function_calling", None)]
    assert json.loads(cited[0]["body"])["citations"]


def test_bad_settings_on_the_command_line_are_a_message(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "intake.toml").write_text("[llm]\nconcurrency = 0\n", encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", "none")
    result = CliRunner().invoke(app, [
        "run", str(SUBMISSION), "--rubric", RUBRIC, "--extractor", "llm",
        "--model", "openai:gpt-4o-mini", "--db", str(tmp_path / "intake.db")])
    assert result.exit_code == 2 and "concurrency" in result.output
    assert "Traceback" not in result.output
    rules = CliRunner().invoke(app, ["run", str(SUBMISSION), "--rubric", RUBRIC,
                                     "--llm-timeout", "10", "--db", str(tmp_path / "r.db")])
    assert rules.exit_code == 2 and "--llm-" in rules.output
