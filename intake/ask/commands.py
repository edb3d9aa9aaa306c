"""`intake ask` and `intake chat` as plain functions: options in, answers shown or written.

The CLI only parses options and calls `ask` or `chat`; tests call these directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rich.console import Console

from intake.ask import offline, view
from intake.ask.chat import ChatSession, run
from intake.ask.llm import LLMAnswerer
from intake.ask.models import Answer
from intake.present.terminal import emit
from intake.review.walk import resolve_submission
from intake.store import Store
from intake.store.connection import is_postgresql
from rubric.errors import InputError

Format = Literal["text", "table", "json", "csv"]


@dataclass(frozen=True)
class AskOptions:
    db: str | Path
    extractor: str = "rules"
    model: str | None = None
    rubric: str | None = None
    fmt: Format = "text"
    output: Path | None = None


def open_store(db: str | Path) -> Store:
    """The store `intake run` made; asking a store that has no submissions is a usage error."""
    if not is_postgresql(db) and not Path(db).is_file():
        raise InputError(f"数据库 {db} 不存在，请先运行 intake run，或用 --db 指定 (no store)")
    store = Store(db, create=False)
    from intake.store.submissions import submission_ids

    if not submission_ids(store):
        store.close()
        raise InputError(f"数据库 {db} 中还没有申报材料，请先运行 intake run (no submissions)")
    return store


def answerer(store: Store, options: AskOptions) -> LLMAnswerer | None:
    """The LLM answerer for --extractor llm, None for rules; a --model without llm is an error."""
    if options.extractor != "llm":
        if options.model:
            raise InputError("--model is for --extractor llm; the rules mode uses no model")
        return None
    if not options.model:
        raise InputError("--extractor llm needs --model provider:model, e.g. "
                         "--model openai:gpt-4o-mini (OPENAI_API_KEY, OPENAI_BASE_URL)")
    return LLMAnswerer.build(store, options.model)


def ask(options: AskOptions, question: str, submission: str | None, *, batch: bool,
        console: Console) -> list[Answer]:
    """`intake ask SUBMISSION QUESTION` or `intake ask --batch QUESTION`."""
    if not question.strip():
        raise InputError("请给出问题 (give a question)")
    if batch == (submission is not None):
        raise InputError("用法：intake ask SUBMISSION QUESTION，或 intake ask --batch QUESTION")
    if options.output is not None and options.fmt not in ("json", "csv"):
        raise InputError("--output 需要 --format json 或 csv (--output writes JSON or CSV)")
    with open_store(options.db) as store:
        llm = answerer(store, options)
        if batch:
            answers = _batch(store, question, options, llm)
        else:
            sid = resolve_submission(store, submission) or ""
            answers = [llm.answer(sid, question) if llm else
                       offline.answer_one(store, sid, question, options.rubric)]
        answers = with_folders(store, answers)
    show(answers, options, console, batch=batch)
    return answers


def _batch(store: Store, question: str, options: AskOptions,
           llm: LLMAnswerer | None) -> list[Answer]:
    if llm is None:
        return offline.answer_batch(store, question, options.rubric)
    from intake.store.submissions import submission_ids

    return [llm.answer(sid, question) for sid in submission_ids(store)]


def with_folders(store: Store, answers: list[Answer]) -> list[Answer]:
    """The answers with their submissions' folder names, for tables and CSV."""
    from intake.store.submissions import submission_paths

    paths = dict(submission_paths(store))
    return [a.model_copy(update={"folder": Path(paths.get(a.submission, "")).name})
            for a in answers]


def show(answers: list[Answer], options: AskOptions, console: Console, *, batch: bool) -> None:
    if options.fmt == "json":
        emit(view.to_json(answers if batch else answers[0]), options.output)
    elif options.fmt == "csv":
        emit(view.to_csv(answers), options.output)
    elif batch or options.fmt == "table":
        view.render_table(answers, console)
    else:
        for answer in answers:
            view.render_answer(answer, console)


def chat(options: AskOptions, submission: str | None, lines: Iterable[str],
         console: Console) -> int:
    """`intake chat [SUBMISSION]`: answer each line until a quit word or the end of input."""
    with open_store(options.db) as store:
        sid = resolve_submission(store, submission)
        llm = answerer(store, options)
        if sid is None and llm is not None:
            raise InputError("LLM 模式的对话需要指定一份申报材料：intake chat SUBMISSION "
                             "--extractor llm (the llm mode chats about one submission)")
        session = ChatSession(store, sid, llm, options.rubric)
        return run(session, lines,
                   lambda answers: _show_turn(with_folders(store, answers), console))


def _show_turn(answers: list[Answer], console: Console) -> None:
    if len(answers) == 1:
        view.render_answer(answers[0], console)
    else:
        view.render_table(answers, console)


def typed_lines(console: Console, prompt: str = "问> ") -> Iterable[str]:
    """What the reviewer types, line by line, until end of input or Ctrl-C."""
    console.print("输入问题后回车；输入 /quit 或按 Ctrl-D 结束。")
    while True:
        try:
            yield console.input(prompt)
        except (EOFError, KeyboardInterrupt):
            return
