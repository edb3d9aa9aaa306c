"""The schema of a rubric definition (`rubric/definitions/*.yaml`): forms, facts, items, quotas.

Every item is a node of one of a few kinds, each a way the source documents award points:

- `table`: ordered rules "N分：<condition>"; the first rule whose condition holds gives its points
  (so where the source's ranges overlap, the order is the reading taken, and lint reports it);
  with no rule holding, 0 points, or for "否则酌情记分" the reviewer's points (`otherwise: judged`).
- `expert`: 专家评审 in tiers (第一档 8-10 分 …); the reviewer's points must lie in a tier.
- `judged`: 酌情记分 with no tiers; the reviewer's points within 0 … maximum.
- `rank`: units of one level in the batch ranked by a fact, bands of ranks give points.
- `ratio`: the unit's value ÷ the best value in the batch × maximum (Xunke 后台监测).
- `deduction`: start at `start` points, minus `per` for each counted miss, never below `floor`.
- `count`: points per counted thing (每人次, 每篇, 每个), summed.
- `sum`: parts that add up, optionally capped (封顶).

Conditions are data (fact, comparison, value), never code. Boundary words follow Chinese legal
usage (民法典 第一千二百五十九条): 以上/以下/以内 include the number (`at_least`, `at_most`);
超过/不满/低于 exclude it (`above`, `below`).

Where the source contradicts itself, the definition keeps the published text (`source`, the
published tier range) next to the reading it takes (`reading`); `rubric.lint` finds the places.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from rubric.panel_rules import PanelRules
from rubric.strict import Strict

FactType = Literal["bool", "int", "number", "percent", "enum"]
# Where a fact's value comes from: the submission's text (an extractor may read it), the
# back-end statistics `intake metrics import` brings in, a survey, or the reviewers' own look at
# the paper copy. Only `text` facts are read from the documents.
FactOrigin = Literal["text", "metrics", "survey", "inspection"]
ORIGIN_NOTES: dict[str, str] = {
    "metrics": "由后台数据导入（intake metrics import）",
    "survey": "由对学生的调查得出",
    "inspection": "由评审查看纸质材料认定",
}
FactValue = bool | int | float | str
UnitLevel = Literal["city", "county", "department", "school"]
Points = Annotated[Decimal, Field(ge=0, max_digits=8, decimal_places=2)]


# ---- forms and attachments (read by extractors.forms and intake.screen.checks) ----------------


class FieldSpec(Strict):
    """One field of an application form, found by its label or one of its aliases."""

    name: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    limit: int | None = Field(default=None, gt=0, description="字数 limit of the value")
    template_text: tuple[str, ...] = ()  # placeholders of the blank form, e.g. "(详细材料另附)"
    opinion: bool = False  # 单位意见: needs a seal (签章/盖章 or an image) and a date


class FormSpec(Strict):
    kind: Literal["collective", "individual"]
    title: str
    markers: tuple[str, ...] = Field(min_length=1)  # text that identifies the form (its title)
    fields: tuple[FieldSpec, ...] = Field(min_length=1)


class AttachmentSpec(Strict):
    role: Literal["deeds"]
    title: str
    limit: int | None = Field(default=None, gt=0)
    source: str = ""


# ---- facts and conditions ---------------------------------------------------------------------


class FactSpec(Strict):
    """A typed fact a rule needs. `percent` is a number of percent: 6.4 means 6.4%."""

    type: FactType
    description: str
    values: tuple[str, ...] = ()  # the allowed values of an enum
    value_labels: dict[str, str] = Field(default_factory=dict)  # 中文 names of enum values
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    origin: FactOrigin = "text"

    @model_validator(mode="after")
    def _enum_has_values(self) -> FactSpec:
        if (self.type == "enum") != bool(self.values):
            raise ValueError("an enum fact lists its values, and only an enum fact does")
        return self

    @model_validator(mode="after")
    def _metrics_are_numbers(self) -> FactSpec:
        # `intake metrics import` reads numbers only (intake/score/metrics.py).
        if self.origin == "metrics" and self.type not in ("int", "number", "percent"):
            raise ValueError("a fact imported as metrics (origin: metrics) is a number")
        return self


class Condition(Strict):
    """Either a test of one fact, or all_of / any_of other conditions."""

    fact: str | None = None
    equals: FactValue | None = None
    one_of: tuple[FactValue, ...] | None = None
    at_least: Decimal | None = None  # 以上: ≥
    at_most: Decimal | None = None  # 以下, 以内: ≤
    above: Decimal | None = None  # 超过: >
    below: Decimal | None = None  # 不满, 低于: <
    all_of: tuple[Condition, ...] | None = None
    any_of: tuple[Condition, ...] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        tests = [self.equals, self.one_of, self.at_least, self.at_most, self.above, self.below]
        has_test = any(t is not None for t in tests)
        combined = [c for c in (self.all_of, self.any_of) if c is not None]
        if self.fact is not None and (combined or not has_test):
            raise ValueError("a fact condition has a test (equals, one_of, at_least, …) and no "
                             "all_of/any_of")
        if self.fact is None and (has_test or len(combined) != 1):
            raise ValueError("a condition names a fact, or has exactly one of all_of / any_of")
        return self

    def facts(self) -> set[str]:
        if self.fact is not None:
            return {self.fact}
        return set().union(*(c.facts() for c in (self.all_of or self.any_of or ())))

    @property
    def numeric(self) -> bool:
        return self.fact is not None and self.equals is None and self.one_of is None


class Veto(Strict):
    """A condition that zeroes the item or excludes the unit from selection (不参与评优)."""

    when: Condition
    effect: Literal["zero_item", "exclude_unit"]
    source: str


# ---- items ------------------------------------------------------------------------------------


class NodeBase(Strict):
    id: str = Field(min_length=1)
    name: str = ""  # 二级指标, or the sub-rule's subject
    level1: str = ""  # 一级指标 (items only)
    explanation: str = ""  # 指标解释
    maximum: Points
    source: str = ""  # the published text of the rule
    reading: str | None = None  # the reading taken where the source is unclear or contradictory
    vetoes: tuple[Veto, ...] = ()


class Rule(Strict):
    points: Points
    when: Condition
    source: str = ""


class TableNode(NodeBase):
    kind: Literal["table"]
    rules: tuple[Rule, ...] = Field(min_length=1)
    otherwise: Literal["zero", "judged"] = "zero"


class Tier(Strict):
    label: str  # 第一档
    min: Points
    max: Points
    descriptors: str = ""
    # The range as published, when the reading widens or narrows it (lint compares these).
    published_min: Points | None = None
    published_max: Points | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Tier:
        if self.min > self.max:
            raise ValueError(f"{self.label}: min {self.min} is above max {self.max}")
        return self

    @property
    def published(self) -> tuple[Decimal, Decimal]:
        low = self.min if self.published_min is None else self.published_min
        return low, self.max if self.published_max is None else self.published_max


class ExpertNode(NodeBase):
    kind: Literal["expert"]
    tiers: tuple[Tier, ...] = ()
    step: Points = Decimal(1)  # the smallest difference of points a reviewer gives


class JudgedNode(NodeBase):
    kind: Literal["judged"]
    step: Points = Decimal("0.5")


class RankBand(Strict):
    first: int = Field(ge=1)
    last: int | None = Field(default=None, ge=1)  # None: this rank and all after it
    points: Points
    source: str = ""


class RankNode(NodeBase):
    kind: Literal["rank"]
    fact: str
    scope: UnitLevel  # only units of this level are ranked
    order: Literal["higher_is_better", "lower_is_better"] = "higher_is_better"
    bands: tuple[RankBand, ...] = Field(min_length=1)
    outside_scope: Literal["zero"] = "zero"


class RatioNode(NodeBase):
    kind: Literal["ratio"]
    fact: str  # the unit's value; divided by the highest value among the units in the batch


class DeductionNode(NodeBase):
    kind: Literal["deduction"]
    start: Points
    fact: str  # how many misses
    per: Points
    floor: Points = Decimal(0)  # 扣完为止


class Rate(Strict):
    fact: str
    points: Points
    source: str = ""


class CountNode(NodeBase):
    kind: Literal["count"]
    rates: tuple[Rate, ...] = Field(min_length=1)


class SumNode(NodeBase):
    kind: Literal["sum"]
    parts: tuple[Node, ...] = Field(min_length=1)
    cap: Points | None = None  # 封顶: the parts may add up to more, the node gives at most this


Node = Annotated[
    TableNode | ExpertNode | JudgedNode | RankNode | RatioNode | DeductionNode | CountNode
    | SumNode,
    Field(discriminator="kind"),
]
SumNode.model_rebuild()


def walk(node: Node) -> list[Node]:
    """The node and all its parts, depth first."""
    if isinstance(node, SumNode):
        return [node, *(n for part in node.parts for n in walk(part))]
    return [node]


def node_facts(node: Node) -> set[str]:
    """The facts this node itself reads (not its parts')."""
    found: set[str] = set().union(*(v.when.facts() for v in node.vetoes))
    if isinstance(node, TableNode):
        found |= set().union(*(r.when.facts() for r in node.rules))
    elif isinstance(node, RankNode | RatioNode | DeductionNode):
        found.add(node.fact)
    elif isinstance(node, CountNode):
        found |= {r.fact for r in node.rates}
    return found


def takes_points(node: Node) -> bool:
    """Whether a reviewer's confirmed points are an input of this node."""
    return isinstance(node, ExpertNode | JudgedNode) or (
        isinstance(node, TableNode) and node.otherwise == "judged")


# ---- the rubric -------------------------------------------------------------------------------


class Group(Strict):
    """一级指标 with its published maximum, e.g. 组织管理 (10)."""

    name: str
    maximum: Points


class Criterion(Strict):
    """A 评选条件 a reviewer marks met / not met, with evidence: the bool fact `fact` holds the
    reviewer's confirmed answer (true met, false not met). `applies_when` limits a condition to
    some people (condition 4: 非信息化岗位人员 only); for the others it is not applicable."""

    id: str
    text: str
    fact: str | None = None
    applies_when: Condition | None = None


class Selection(Strict):
    """The decision rule over the criteria: who is 推荐, as data.

    A person is 推荐 when every `required` criterion is met and at least `at_least` of `any_of`
    are met (criteria not applicable to the person do not count); 不推荐 when that can no longer
    happen; 待复核 while it depends on undecided criteria. `source` is the published wording;
    where it does not say "all" or "any", `reading` states the one taken and lint reports it."""

    required: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    at_least: int = Field(default=0, ge=0)
    source: str
    reading: str | None = None


class Frontline(Strict):
    """Who counts as 基层一线 (the notice asks nominations to lean towards them): a person of a unit
    at one of `levels`, or whose 职称/职务 names none of `management_posts`. Reported, never
    enforced."""

    levels: tuple[UnitLevel, ...] = ("county",)
    management_posts: tuple[str, ...] = ()
    source: str
    reading: str | None = None


class Quota(Strict):
    unit: str  # 单位名称 as in 附件2
    city: str
    count: int = Field(ge=0)


class BatchCheck(Strict):
    code: Literal["no_county_collective"]
    level: UnitLevel  # per city, at least `at_least` units of this level
    at_least: int = Field(ge=1)
    source: str


class NearDuplicates(Strict):
    """When two units' texts count as near duplicates (`near_duplicate_text`): the share of
    `shingle`-character pieces of their normalised texts they have in common (Jaccard), at least
    `threshold`; texts shorter than `min_chars` are not compared. `fields` are form fields (the
    突出事迹简介), `attachments` attachment roles (deeds) whose texts are compared."""

    threshold: Decimal = Field(default=Decimal("0.8"), gt=0, le=1)
    shingle: int = Field(default=5, ge=2, le=20)
    min_chars: int = Field(default=100, ge=10)
    fields: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ("deeds",)


class Rubric(Strict):
    id: str
    title: str
    programme: str  # rubrics of one programme share a batch (collective and individual)
    subject: Literal["collective", "individual", "school"]
    source: str
    deadline: dt.date | None = None
    maximum: Points | None = None
    forms: tuple[FormSpec, ...] = ()
    attachments: tuple[AttachmentSpec, ...] = ()
    facts: dict[str, FactSpec] = Field(default_factory=dict)
    groups: tuple[Group, ...] = ()
    items: tuple[Node, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    quotas: tuple[Quota, ...] = ()
    batch_checks: tuple[BatchCheck, ...] = ()
    panel: PanelRules = PanelRules()
    near_duplicates: NearDuplicates = NearDuplicates()
    selection: Selection | None = None
    frontline: Frontline | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Rubric:
        _check_criteria(self)
        nodes = [n for item in self.items for n in walk(item)]
        ids = [n.id for n in nodes]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"item ids used twice: {', '.join(duplicated)}")
        for node in nodes:
            _check_node(node, self.facts)
        groups = {g.name for g in self.groups}
        for item in self.items:
            if groups and item.level1 not in groups:
                raise ValueError(f"item {item.id}: 一级指标 {item.level1!r} is not a group")
        return self

    def nodes(self) -> dict[str, Node]:
        """Every item and part by id."""
        return {n.id: n for item in self.items for n in walk(item)}

    def item_of(self, node_id: str) -> Node:
        """The top-level item that holds the node."""
        return next(i for i in self.items if any(n.id == node_id for n in walk(i)))


def _check_node(node: Node, facts: dict[str, FactSpec]) -> None:
    unknown = sorted(node_facts(node) - set(facts))
    if unknown:
        raise ValueError(f"item {node.id}: unknown fact {', '.join(unknown)}")
    if isinstance(node, ExpertNode):
        for tier in node.tiers:
            if tier.max > node.maximum:
                raise ValueError(f"item {node.id}: {tier.label} max {tier.max} is above the "
                                 f"item's maximum {node.maximum}")
    conditions = [r.when for r in node.rules] if isinstance(node, TableNode) else []
    for condition in [*conditions, *(v.when for v in node.vetoes)]:
        _check_condition(node.id, condition, facts)


def _check_condition(node_id: str, condition: Condition, facts: dict[str, FactSpec]) -> None:
    for child in condition.all_of or condition.any_of or ():
        _check_condition(node_id, child, facts)
    if condition.fact is None:
        return
    spec = facts[condition.fact]
    values = [condition.equals] if condition.equals is not None else list(condition.one_of or [])
    if spec.type == "enum":
        bad = [v for v in values if v not in spec.values]
        if bad or condition.numeric:
            raise ValueError(f"item {node_id}: fact {condition.fact} is one of "
                             f"{', '.join(spec.values)}; the condition tests {bad or 'a number'}")
    elif spec.type == "bool" and not all(isinstance(v, bool) for v in values):
        raise ValueError(f"item {node_id}: fact {condition.fact} is true or false")
    elif spec.type in ("int", "number", "percent") and not condition.numeric:
        raise ValueError(f"item {node_id}: fact {condition.fact} is a number; compare it with "
                         "at_least, at_most, above or below")


def _check_criteria(rubric: Rubric) -> None:
    """Criteria name bool facts; the selection rule names criteria."""
    ids = {c.id for c in rubric.criteria}
    for criterion in rubric.criteria:
        if criterion.fact is not None:
            spec = rubric.facts.get(criterion.fact)
            if spec is None or spec.type != "bool":
                raise ValueError(f"criterion {criterion.id}: fact {criterion.fact} is not a bool "
                                 "fact of this rubric")
        if criterion.applies_when is not None:
            unknown = sorted(criterion.applies_when.facts() - set(rubric.facts))
            if unknown:
                raise ValueError(f"criterion {criterion.id}: unknown fact {', '.join(unknown)}")
            _check_condition(f"criterion {criterion.id}", criterion.applies_when, rubric.facts)
    if rubric.selection is None:
        return
    named = {*rubric.selection.required, *rubric.selection.any_of}
    unknown = sorted(named - ids)
    if unknown:
        raise ValueError(f"selection: unknown criterion {', '.join(unknown)}")
    if any(c.fact is None for c in rubric.criteria if c.id in named):
        raise ValueError("selection: every criterion it names needs a fact")
    if rubric.selection.at_least > len(rubric.selection.any_of):
        raise ValueError("selection: at_least is more than the criteria of any_of")
