"""What the facts extractors need to know of a rubric: its facts with their value labels, its
items with their explanations, tiers and tier descriptors.

Extractors read a rubric through this typed view only, so the rules, the LLM extractor and the
tests' mock all see the same thing. The caller builds it once per run
(`extractors.facts.rubric_adapter.from_rubric`), so a change in the rubric package's models touches
one function. The view holds no arithmetic: it never adds points.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from rubric.strict import Strict

# The rubric's fact types (rubric.model.FactType) and the platform statistics' rank and ratio.
ViewFactType = Literal["bool", "int", "number", "percent", "enum", "rank", "ratio"]


class FactSpec(Strict):
    name: str
    type: ViewFactType
    values: tuple[str, ...] = ()  # allowed values of an enum fact
    # an enum value's Chinese name: headed_by_principal → 学校主要领导任组长
    value_labels: dict[str, str] = Field(default_factory=dict)
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    # where the value comes from when not from the text (rubric.model.ORIGIN_NOTES): 由后台数据导入…
    origin_note: str = ""

    def from_text(self) -> bool:
        """Whether the submission's text can state the value (not metrics, survey, inspection)."""
        return not self.origin_note

    def origin_rationale(self) -> str:
        return f"“{self.description}”{self.origin_note}，不从申报材料文本提取，请按该来源填写。"


class TierSpec(Strict):
    label: str  # 第一档
    min: float
    max: float
    descriptors: str = ""  # what earns this tier, as the rubric words it


class ItemSpec(Strict):
    id: str
    name: str
    maximum: float
    expert: bool
    explanation: str = ""  # 指标解释
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

