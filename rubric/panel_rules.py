"""A programme's panel rules as data (`panel:` in a rubric file): 回避 and how experts' points join.

Kept apart from rubric.model so the arithmetic in rubric.panel can import both without a cycle."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from rubric.strict import Strict

ConflictRule = Literal["same_unit", "same_city"]


class Aggregation(Strict):
    trim_from: int = Field(default=5, ge=3)  # trimmed mean when at least this many experts
    trim: int = Field(default=1, ge=1)  # points dropped at each end
    zscore: bool = False  # report z-score normalised means beside the raw mean
    judged_spread: Decimal = Field(default=Decimal("0.2"), gt=0, le=1)


class PanelRules(Strict):
    """回避 and aggregation for a programme's panel (`panel:` in the rubric file)."""

    per_submission: int = Field(default=3, ge=1)  # experts per submission unless the CLI says
    conflicts: tuple[ConflictRule, ...] = ("same_unit",)
    aggregation: Aggregation = Aggregation()
    source: str = ""  # where the programme's documents state the rule, or the reading taken
