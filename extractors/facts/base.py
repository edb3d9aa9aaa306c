"""The one interface every extractor implements — rules, llm and the tests' mock alike — and the
lazy registry that finds one by name, so `--extractor rules` never imports langchain."""

from __future__ import annotations

import importlib
from typing import Any, Literal, Protocol, runtime_checkable

from extractors.document import Document
from extractors.facts.models import ExtractionResult
from extractors.facts.spec import RubricView
from rubric.errors import ExtractorConfigError
from rubric.strict import Strict

# The documents an extractor reads (intake.screen.checks.DocumentRole also has "other").
TextRole = Literal["form", "deeds"]


class SubmissionDocument(Strict):
    document: Document
    role: TextRole


class SubmissionText(Strict):
    """What an extractor reads of one submission: its documents' visible text and their roles."""

    submission: str
    documents: list[SubmissionDocument]

    @classmethod
    def of(cls, submission: str, *documents: tuple[Document, TextRole]) -> SubmissionText:
        return cls(submission=submission,
                   documents=[SubmissionDocument(document=d, role=r) for d, r in documents])

    def ordered(self) -> list[Document]:
        """Deeds first: they hold the evidence; the form's 事迹简介 repeats it in short."""
        return [d.document for d in sorted(self.documents, key=lambda d: d.role != "deeds")]


@runtime_checkable
class Extractor(Protocol):
    """Submission and rubric in, suggestions out. Never adds points, never makes a score."""

    name: str

    def suggest(self, submission: SubmissionText, rubric: RubricView) -> ExtractionResult: ...


# Registered by import path, imported only when asked for.
REGISTRY: dict[str, str] = {
    "rules": "extractors.facts.rules:RulesExtractor",
    "llm": "extractors.facts.llm:LLMExtractor",
}


def get_extractor(name: str, **options: Any) -> Extractor:
    """The extractor registered under `name`, built with `options`."""
    target = REGISTRY.get(name)
    if target is None:
        known = ", ".join(sorted(REGISTRY))
        raise ExtractorConfigError(f"unknown extractor {name!r}; known extractors: {known}")
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        raise ExtractorConfigError(
            f"extractor {name!r} cannot be loaded ({error}); install the extras it needs, "
            "e.g. pip install -e '.[llm]', or use --extractor rules") from error
    extractor: Extractor = getattr(module, class_name)(**options)
    return extractor
