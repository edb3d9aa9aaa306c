"""Rubrics as data: schema, deterministic engine, lint. Knows nothing about files of submissions."""

from rubric.definition import parse_rubric
from rubric.engine import ScoreSheet, TraceStep, UnitInput, UnitScore, score, sheet_json
from rubric.lint import LintFinding, lint
from rubric.model import AttachmentSpec, Condition, FactSpec, FieldSpec, FormSpec, Rubric

__all__ = ["AttachmentSpec", "Condition", "FactSpec", "FieldSpec", "FormSpec", "LintFinding",
           "Rubric", "ScoreSheet", "TraceStep", "UnitInput", "UnitScore", "lint", "parse_rubric",
           "score", "sheet_json"]
