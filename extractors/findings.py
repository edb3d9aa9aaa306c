"""Findings: what a check found, with a stable code (DESIGN.md) and a message in plain words."""

from __future__ import annotations

from typing import Literal

from rubric.strict import Strict

# How bad a finding is (its JSON field stays `level`); not a unit's tier (rubric.model.UnitLevel).
Severity = Literal["error", "warning", "info"]

# The level of each code is fixed by DESIGN.md; JSON consumers depend on codes and levels.
LEVELS: dict[str, Severity] = {
    "unreadable": "error",
    "encrypted": "error",
    "unsupported_format": "error",
    "empty": "error",
    "needs_ocr": "error",
    "timeout": "error",
    "hidden_text": "warning",
    "suspected_injection": "warning",
    "unknown_form": "warning",
    "unverifiable_count": "warning",
    "missing_field": "error",
    "over_limit": "error",
    "missing_seal": "warning",
    "missing_date": "warning",
    "missing_form": "error",
    "missing_deeds": "error",
    "duplicate_submission": "warning",
    "near_duplicate_text": "warning",
    "quota_exceeded": "warning",
    "no_county_collective": "warning",
    "late_submission": "warning",
    "out_of_range": "error",
    "ungrounded": "warning",
    "other_file": "info",
    "ocr_count": "info",
    "ocr_uncertain": "warning",
}

LEVEL_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Finding(Strict):
    code: str
    level: Severity
    message: str
    field: str | None = None
    limit: int | None = None
    count: int | None = None
    document: str | None = None


def finding(code: str, message: str, **details: object) -> Finding:
    """Make a finding with the level DESIGN.md gives its code."""
    return Finding(code=code, level=LEVELS[code], message=message, **details)  # type: ignore[arg-type]


def worst_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (LEVEL_RANK[f.level], f.code))
