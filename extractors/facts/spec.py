"""What the facts extractors need to know of a rubric: its facts, its items and their tiers.

Extractors read a rubric through this small view, so the rules, the LLM extractor and the tests'
mock all see the same thing, and a change in the rubric package's models touches one function
(`view`). The view holds no arithmetic: it never adds points.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

FactType = Literal["bool", "int", "number", "percent", "enum", "rank", "ratio"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactSpec(Strict):
    name: str
    type: FactType
    values: tuple[str, ...] = ()  # allowed values of an enum fact
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


class TierSpec(Strict):
    label: str  # 第一档
    min: float
    max: float


class ItemSpec(Strict):
    id: str
    name: str
    maximum: float
    expert: bool
    tiers: tuple[TierSpec, ...] = ()
    facts: tuple[str, ...] = ()

    def tier(self, label: str) -> TierSpec | None:
        return next((t for t in self.tiers if t.label == label), None)

    def tiers_best_first(self) -> list[TierSpec]:
        return sorted(self.tiers, key=lambda t: (t.max, t.min), reverse=True)


class RubricView(Strict):
    id: str
    facts: dict[str, FactSpec]
    items: dict[str, ItemSpec]


def view(rubric: Any) -> RubricView:
    """The view of a rubric package Rubric (or a RubricView, passed through)."""
    if isinstance(rubric, RubricView):
        return rubric
    from extractors.facts.rubric_adapter import from_rubric

    return from_rubric(rubric)
