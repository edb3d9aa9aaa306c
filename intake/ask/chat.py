"""A chat session: questions one after another about one submission (or the whole batch), with
the history a follow-up needs ("那预算占比呢？" after "信息化投入多少？").

The offline mode answers each question on its own (a follow-up with no words of its own in the
material is searched with the question before it); the LLM mode sends the history to the model,
so a follow-up is understood as the reviewer meant it. Both use the same engine as `intake ask`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from intake.ask import offline
from intake.ask.llm import LLMAnswerer
from intake.ask.models import Answer
from intake.store import Store
from rubric.errors import InputError

HISTORY = 6  # turns the model is shown
QUIT_WORDS = frozenset({"/quit", "/exit", "退出", "q", "quit", "exit"})


@dataclass
class ChatSession:
    store: Store
    submission: str | None = None  # None: every question is asked of the whole batch
    answerer: LLMAnswerer | None = None  # None: offline (rules)
    rubric: str | None = None
    history: list[tuple[str, str]] = field(default_factory=list)

    def ask(self, question: str) -> list[Answer]:
        """The answers (one, or one per submission for the batch) to the next question."""
        question = question.strip()
        if not question:
            raise InputError("问题为空 (empty question)")
        answers = self._answers(question)
        if self.submission is not None:
            self.history.append((question, answers[0].answer))
            del self.history[:-HISTORY]
        return answers

    def _answers(self, question: str) -> list[Answer]:
        if self.submission is None:
            if self.answerer is not None:
                raise InputError("LLM 模式的对话需要指定一份申报材料：intake chat SUBMISSION "
                                 "--extractor llm (the llm mode chats about one submission)")
            return offline.answer_batch(self.store, question, self.rubric)
        if self.answerer is not None:
            return [self.answerer.answer(self.submission, question, self.history)]
        answer = offline.answer_one(self.store, self.submission, question, self.rubric)
        if not answer.found and self.history:
            follow = f"{self.history[-1][0]} {question}"
            again = offline.answer_one(self.store, self.submission, follow, self.rubric)
            if again.found:
                answer = again.model_copy(update={"question": question})
        return [answer]


def run(session: ChatSession, questions: Iterable[str],
        show: Callable[[list[Answer]], None]) -> int:
    """Ask every question in turn until a quit word; returns how many were answered."""
    count = 0
    for line in questions:
        if line.strip().lower() in QUIT_WORDS:
            break
        if not line.strip():
            continue
        show(session.ask(line))
        count += 1
    return count
