"""Expert items (4, 5, 6, 7, 8, 12): a heuristic tier from the concrete evidence tier descriptors
ask for, always labelled heuristic, with its reasons. A reviewer judges; this only points.

The rule, per item (lexicon.EXPERT says what is evidence for which item):
- a *signal* is a number (with a measure word: 人, 个, 场, …) in a sentence on the item's topic,
  in a clause that holds an evidence word (users, followers, resources, activities, services)
  or the counted thing itself (课程86门);
  a *mention* is a topic sentence without one;
- at least 3 signals, one of them large (lexicon thresholds) → the best tier;
- at least 1 signal → the middle tier (second best);
- mentions only → the lowest tier;
- nothing → no evidence.
Points are the tier's midpoint, so the reviewer moves within the tier either way. An item without
tiers (12: 0-10) is read on virtual thirds of its maximum: 0.8, 0.5 and 0.3 of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from extractors.facts import lexicon as lx
from extractors.facts.evidence import Evidence, no_evidence
from extractors.facts.numbers import Number, find_numbers
from extractors.facts.spec import ItemSpec, TierSpec
from extractors.facts.text import Sentence, clause_at

MAX_CITATIONS = 5
STRONG_SIGNALS = 3


@dataclass(frozen=True, eq=False)
class Signal:
    """One piece of evidence: a topic sentence, and a number in it (None: a mere mention)."""

    sentence: Sentence
    number: Number | None
    large: bool


def _quantities(sentence: Sentence, lexicon: lx.ItemLexicon) -> list[tuple[Number, bool]]:
    """Numbers in clauses that also hold an evidence word, each with whether it is large."""
    found = []
    for number in find_numbers(sentence.text):
        if number.ordinal or number.percent:
            continue
        people = number.unit in lx.PEOPLE_UNITS
        if not (people or number.unit in lx.THING_UNITS):
            continue
        _, clause = clause_at(sentence, number.start)
        # "选课人数8000人" (an evidence word) or "课程86门" (the counted thing itself).
        if lexicon.measure.search(clause) or lexicon.topic.search(clause):
            limit = lexicon.large_people if people else lexicon.large_things
            found.append((number, number.value >= limit))
    return found


def signals(sentences: list[Sentence], lexicon: lx.ItemLexicon) -> list[Signal]:
    found = []
    for sentence in sentences:
        text = sentence.text
        if not lexicon.topic.search(text) or (lexicon.exclude and lexicon.exclude.search(text)):
            continue
        quantities = _quantities(sentence, lexicon)
        found += [Signal(sentence, n, large) for n, large in quantities]
        found += [] if quantities else [Signal(sentence, None, False)]
    return found


def _level(found: list[Signal]) -> int | None:
    """0 best, 1 middle, 2 lowest, None nothing found."""
    counted = [s for s in found if s.number is not None]
    if len(counted) >= STRONG_SIGNALS and any(s.large for s in counted):
        return 0
    if counted:
        return 1
    return 2 if found else None


def _reasons(found: list[Signal]) -> str:
    counted = [s for s in found if s.number is not None]
    if not counted:
        return f"仅有{len(found)}处定性描述，未见具体数量"
    large = sum(s.large for s in counted)
    shown = "、".join(f"“{s.number.text}”" + ("（数量较大）" if s.large else "")
                      for s in counted[:MAX_CITATIONS] if s.number)
    more = "等" if len(counted) > MAX_CITATIONS else ""
    return f"有{len(counted)}处具体数量（其中{large}处数量较大）：{shown}{more}"


def _tier_for(item: ItemSpec, level: int) -> tuple[str | None, float, tuple[float, float] | None]:
    tiers = item.tiers_best_first()
    if tiers:
        # Mentions only always give the lowest tier, however many tiers the item has.
        tier: TierSpec = tiers[-1] if level == 2 else tiers[min(level, len(tiers) - 1)]
        # Whole points, as reviewers give them: the middle of the tier, rounded down.
        return tier.label, float(math.floor((tier.min + tier.max) / 2)), (tier.min, tier.max)
    share = (0.8, 0.5, 0.3)[level]
    return None, round(item.maximum * share), None


def expert_item(item: ItemSpec, sentences: list[Sentence]) -> Evidence:
    lexicon = lx.expert_lexicon(item.id, item.name)
    if lexicon is None:
        return no_evidence(item.name, why=f"规则提取器没有“{item.name}”的证据词表，请专家评审。")
    found = signals(sentences, lexicon)
    level = _level(found)
    if level is None:
        return no_evidence(f"“{item.name}”的具体材料")
    ordered = sorted(found, key=lambda s: s.number is None)
    cites = [s.cite() for s in dict.fromkeys(s.sentence for s in ordered)][:MAX_CITATIONS]
    label, points, span = _tier_for(item, level)
    where = label or f"{points:g}分（满分{item.maximum:g}）"
    return Evidence(tier=label, points=points, points_range=span, citations=cites, heuristic=True,
                    confidence=(0.4, 0.35, 0.3)[level],
                    rationale=f"启发式建议{where}：{_reasons(found)}。"
                              "此为按材料中具体数量给出的参考，须由评审专家判断。")
