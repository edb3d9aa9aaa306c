"""The answer a reviewer gets, as one pydantic model: the JSON contract of `intake ask`.

    {"question", "submission", "answer", "found", "citations": [{"document", "start", "end",
     "quote", "location"}], "mode", "sentences", "warnings"}

`sentences` says which citations back which sentence of the answer and marks a sentence whose
quote could not be located as unsupported; `warnings` names instruction-like text that was read
as data and not as an answer.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

NOT_FOUND = "材料中未找到相关表述"
NOT_MENTIONED = "未提及"
Mode = Literal["rules", "llm"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AskCitation(Strict):
    document: str  # the document's path in the submission
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(min_length=1)
    location: str  # 第2页 表1 第3行第2列, as reviewers say it
    # Spans of the quote (relative to it) that hold the question's words; shown highlighted.
    highlights: list[tuple[int, int]] = Field(default_factory=list, exclude=True)


class AnswerSentence(Strict):
    text: str
    supported: bool
    citations: list[int] = Field(default_factory=list)  # indices into Answer.citations


class Answer(Strict):
    question: str
    submission: str
    unit: str = Field(default="", exclude=True)  # the unit's name, for tables
    folder: str = Field(default="", exclude=True)  # the submission's folder, for tables
    answer: str
    found: bool
    citations: list[AskCitation] = Field(default_factory=list)
    mode: Mode
    sentences: list[AnswerSentence] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
