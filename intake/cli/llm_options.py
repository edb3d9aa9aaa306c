"""The `intake run` options for the llm extractor's model calls (a helper of intake/cli/run.py,
not a command). Each one unset (None) leaves the choice to INTAKE_LLM_*, intake.toml's
[llm] table, or the defaults for a local or remote server (extractors.facts.llm_settings)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

PANEL = "Model calls (--extractor llm)"


class LLMMethod(StrEnum):
    json_schema = "json_schema"
    function_calling = "function_calling"
    json_mode = "json_mode"
    prompt = "prompt"


Timeout = Annotated[float | None, typer.Option(
    "--llm-timeout", min=1, rich_help_panel=PANEL,
    help="Seconds one request may take; then it is closed (default 900 on localhost, else 120).")]
Retries = Annotated[int | None, typer.Option(
    "--llm-retries", min=0, max=10, rich_help_panel=PANEL,
    help="More attempts after a failed request (default 1 on localhost, else 3).")]
MaxTokens = Annotated[int | None, typer.Option(
    "--llm-max-tokens", min=64, rich_help_panel=PANEL,
    help="Cap on each answer's tokens, always sent (default 2048 on localhost, else 4096).")]
Concurrency = Annotated[int | None, typer.Option(
    "--llm-concurrency", min=1, max=64, rich_help_panel=PANEL,
    help="Requests at once (default 1 on localhost, else 4).")]
MethodOption = Annotated[LLMMethod | None, typer.Option(
    "--llm-method", rich_help_panel=PANEL,
    help="How the answer's JSON is asked for (default json_schema); a server that rejects it "
         "falls back: function_calling → json_schema → prompt.")]
PerGroup = Annotated[bool | None, typer.Option(
    "--llm-per-group/--llm-all-at-once", rich_help_panel=PANEL, show_default=False,
    help="One call per item group, for models of ≤ 2B parameters (default: all at once).")]


def given(timeout: float | None, retries: int | None, max_tokens: int | None,
          concurrency: int | None, method: LLMMethod | None,
          per_group: bool | None) -> dict[str, Any]:
    """The options the user gave, by setting name."""
    values = {"timeout": timeout, "retries": retries, "max_tokens": max_tokens,
              "concurrency": concurrency, "method": method.value if method else None,
              "per_group": per_group}
    return {name: value for name, value in values.items() if value is not None}
