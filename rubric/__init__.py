"""Rubrics as data: schema, deterministic engine, lint. Knows nothing about files of submissions."""

from rubric.definition import parse_rubric
from rubric.model import AttachmentSpec, Condition, FactSpec, FieldSpec, FormSpec, Rubric

__all__ = ["AttachmentSpec", "Condition", "FactSpec", "FieldSpec", "FormSpec", "Rubric",
           "parse_rubric"]
