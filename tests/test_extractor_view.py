"""The extractors' typed rubric view, built once by the caller from the rubric package's models."""

from __future__ import annotations

from extractors.facts.rubric_adapter import from_rubric
from intake.catalog import load_rubric


def test_view_carries_value_labels_explanations_and_descriptors() -> None:
    rubric = load_rubric("hebei-ou-2024-collective")
    view = from_rubric(rubric)
    leading = view.facts["leading_group"]
    assert leading.value_labels == rubric.facts["leading_group"].value_labels
    assert leading.value_labels["headed_by_principal"] == "学校主要领导任组长"
    item = view.items["4"]
    node = rubric.nodes()["4"]
    assert item.expert and item.explanation == node.explanation.strip() != ""
    assert [t.descriptors for t in item.tiers] == [t.descriptors.strip() for t in node.tiers]
    assert all(t.descriptors for t in item.tiers)

