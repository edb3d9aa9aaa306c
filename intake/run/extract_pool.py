"""Offline extraction (the rules extractor) in worker processes, one group of submissions at a
time.

The rules extractor spends ~10 ms per submission in Python (most of it normalising characters);
run serially in the parent it made `intake run` 1.7× `intake check` on two cores. The workers of
intake/screen/workers.py are forked with the texts already in memory, so nothing is sent to them but
an index, and each result comes back pickled. A submission whose worker fails (a timeout, a
crash) is extracted again in the parent, so the outcome never depends on the workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractors.facts.base import Extractor, SubmissionText
from extractors.facts.models import ExtractionResult
from intake.screen.workers import run_isolated

EXTRACTION_TIMEOUT = 60.0


@dataclass(frozen=True)
class _Suggest:
    extractor: Extractor
    texts: list[SubmissionText]
    rubric: Any

    def __call__(self, index: int) -> ExtractionResult:
        return self.extractor.suggest(self.texts[index], self.rubric)


def suggest_in_workers(extractor: Extractor, texts: list[SubmissionText], rubric: Any,
                       jobs: int) -> list[ExtractionResult]:
    """extractor.suggest for each text, in order, computed by `jobs` worker processes."""
    found: dict[int, ExtractionResult] = {}
    task = _Suggest(extractor, texts, rubric)
    for outcome in run_isolated(task, list(range(len(texts))), jobs=jobs,
                                timeout=EXTRACTION_TIMEOUT):
        if outcome.value is not None:
            found[outcome.item] = outcome.value
    return [found[i] if i in found else task(i) for i in range(len(texts))]
