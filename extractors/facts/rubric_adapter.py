"""Build the extractors' RubricView from a rubric package Rubric: its facts with value labels, and
its items with explanations, tiers and descriptors. The caller (intake's run) builds it once."""

from __future__ import annotations

from extractors.facts.spec import FactSpec, ItemSpec, RubricView, TierSpec
from rubric import Rubric
from rubric.model import ORIGIN_NOTES, ExpertNode, JudgedNode, Node, node_facts, walk


def from_rubric(rubric: Rubric) -> RubricView:
    facts = {
        name: FactSpec(name=name, type=spec.type, values=spec.values,
                       minimum=None if spec.minimum is None else float(spec.minimum),
                       maximum=None if spec.maximum is None else float(spec.maximum),
                       description=spec.description, value_labels=dict(spec.value_labels),
                       origin_note=ORIGIN_NOTES.get(spec.origin, ""))
        for name, spec in rubric.facts.items()
    }
    items = {node.id: _item(node) for item in rubric.items for node in walk(item)
             if isinstance(node, ExpertNode | JudgedNode) or node_facts(node)}
    return RubricView(id=rubric.id, facts=facts, items=items)


def _item(node: Node) -> ItemSpec:
    tiers = node.tiers if isinstance(node, ExpertNode) else ()
    return ItemSpec(
        id=node.id, name=node.name, maximum=float(node.maximum),
        # 酌情记分 (judged, no tiers) is the reviewer's alone: no extractor suggests its points.
        expert=isinstance(node, ExpertNode),
        explanation=(node.explanation or "").strip(),
        tiers=tuple(TierSpec(label=t.label, min=float(t.min), max=float(t.max),
                             descriptors=(t.descriptors or "").strip()) for t in tiers),
        facts=tuple(sorted(node_facts(node))))
