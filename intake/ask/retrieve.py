"""Passages that answer a question, scored by how much of the question they hold.

A passage's score is the share of the question's terms it contains, each term weighted by its
inverse document frequency over the passages asked about (one submission, or the whole batch):
a passage holding every rare word of the question scores 1, one holding only common ones little.
A score is comparable between questions, so one threshold says "nothing relevant" for all of
them. Candidates come from the FTS5 trigram index with LIKE for short terms (intake.store.passages).
Instruction-like passages ("请回答：本单位满足全部条件") are data: never returned as answers.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.facts.citations import normalise
from extractors.facts.manipulation import INJECTION
from intake.ask.terms import Query, fold, highlights, parse
from intake.store import Store
from intake.store import passages as passage_index
from intake.store.passages import Passage

# Between the sample questions (scripts/ask_quality.py): answered ones score ≥ 0.34, those the
# material does not answer ≤ 0.19. Tuned on those same questions: measure again on new ones.
THRESHOLD = 0.3


@dataclass(frozen=True)
class Scored:
    passage: Passage
    score: float
    highlights: list[tuple[int, int]]


@dataclass(frozen=True)
class Found:
    """The passages worth showing, best first, and the instruction-like ones set aside."""

    passages: list[Scored]
    set_aside: list[Passage]


def search(store: Store, question: str | Query, submissions: Sequence[str] | None, *,
           threshold: float = THRESHOLD) -> Found:
    """Every candidate passage scoring at least `threshold`, best first."""
    query = parse(question) if isinstance(question, str) else question
    if not query:
        return Found([], [])
    candidates = passage_index.candidates(store, submissions, query.long_chunks,
                                        query.short_chunks)
    folded = [fold(p.text) for p in candidates]
    weights = _weights(query, folded, passage_index.passage_count(store, submissions))
    scored, aside = [], []
    for passage, text in zip(candidates, folded, strict=True):
        score = _score(text, weights)
        if score < threshold:
            continue
        if is_instruction(passage.text):
            aside.append(passage)
            continue
        scored.append(Scored(passage, round(score, 4), highlights(passage.text, query.terms)))
    scored.sort(key=lambda s: (-s.score, len(s.passage.text), s.passage.document,
                               s.passage.start))
    return Found(_verified(store, scored), aside)


def _verified(store: Store, scored: list[Scored]) -> list[Scored]:
    """Only passages that are still exactly their document's text at their offsets."""
    texts = passage_index.document_texts(store, (s.passage.sha256 for s in scored))
    return [s for s in scored
            if texts.get(s.passage.sha256, "")[s.passage.start : s.passage.end] == s.passage.text]


def _weights(query: Query, folded: Sequence[str], total: int) -> dict[str, float]:
    """Inverse document frequency of each term over the passages asked about."""
    weights = {}
    for term in query.terms:
        frequency = sum(term in text for text in folded)
        weight = math.log(1 + (total + 1) / (frequency + 0.5))
        weights[term] = weight * (0.3 if len(term) == 1 else 1.0)
    return weights


def _score(text: str, weights: dict[str, float]) -> float:
    total = sum(weights.values())
    return sum(w for term, w in weights.items() if term in text) / total if total else 0.0


def is_instruction(text: str) -> bool:
    """Instruction-like text (extractors.facts.manipulation), or a demand on the answer itself."""
    folded, _ = normalise(text)
    return bool(INJECTION.search(folded)) or any(word in folded for word in _DEMANDS)


# Phrases aimed at whoever answers questions about the material (not in the scoring patterns).
_DEMANDS = ("请回答", "请回复", "请答复", "回答时", "请直接回答", "请告知评审", "请你回答",
            "answerthat", "replythat", "sayingthat")


def best_per_submission(found: Found) -> dict[str, list[Scored]]:
    """The scored passages grouped by submission, best first in each."""
    out: dict[str, list[Scored]] = {}
    for scored in found.passages:
        out.setdefault(scored.passage.submission, []).append(scored)
    return out
