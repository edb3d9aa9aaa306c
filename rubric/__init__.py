"""Rubrics as data: schema, deterministic engine, lint. Knows nothing about files of submissions."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rubric.definition import parse_rubric
    from rubric.engine import ScoreSheet, TraceStep, UnitInput, UnitScore, score, sheet_json
    from rubric.lint import LintFinding, lint
    from rubric.model import AttachmentSpec, Condition, FactSpec, FieldSpec, FormSpec, Rubric

# Each name from the module that defines it, when first asked for: `rubric.errors` (which every
# command imports) then costs nothing, and building the models (pydantic, ~0.2 s) is paid only by
# the commands that read a rubric. `from rubric import Rubric` works as before.
_HOMES = {
    "parse_rubric": "rubric.definition",
    **dict.fromkeys(("ScoreSheet", "TraceStep", "UnitInput", "UnitScore", "score", "sheet_json"),
                    "rubric.engine"),
    **dict.fromkeys(("LintFinding", "lint"), "rubric.lint"),
    **dict.fromkeys(("AttachmentSpec", "Condition", "FactSpec", "FieldSpec", "FormSpec", "Rubric"),
                    "rubric.model"),
}

__all__ = ["AttachmentSpec", "Condition", "FactSpec", "FieldSpec", "FormSpec", "LintFinding",
           "Rubric", "ScoreSheet", "TraceStep", "UnitInput", "UnitScore", "lint", "parse_rubric",
           "score", "sheet_json"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'rubric' has no attribute {name!r}")
    module = importlib.import_module(home)
    # Every name of that module at once: importing rubric.lint set the attribute `lint` to the
    # submodule, and the function of that name must win, as it did when this file imported it.
    for other, where in _HOMES.items():
        if where == home:
            globals()[other] = getattr(module, other)
    return globals()[name]
