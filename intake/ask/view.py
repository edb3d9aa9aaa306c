"""How answers are shown: text with the question's words highlighted, a table for a batch
question (one row per submission, 未提及 where the material says nothing), JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from intake.ask.models import Answer, AskCitation

CSV_COLUMNS = ["单位", "申报材料", "回答", "是否找到", "引文", "位置"]


def to_json(answers: Answer | Sequence[Answer]) -> str:
    """The JSON contract: one object, or a list of them for --batch."""
    if isinstance(answers, Answer):
        return json.dumps(answers.model_dump(), ensure_ascii=False, indent=2)
    return json.dumps([a.model_dump() for a in answers], ensure_ascii=False, indent=2)


def to_csv(answers: Sequence[Answer]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for a in answers:
        first = a.citations[0] if a.citations else None
        writer.writerow([a.unit, a.folder or a.submission, a.answer, "是" if a.found else "否",
                         first.quote if first else "", _where(first) if first else ""])
    return out.getvalue()


def quote_text(citation: AskCitation) -> Text:
    """The quote with the question's words highlighted; the line breaks between a table row's
    cells shown as ｜ (one character for one, so the highlights stay where they are)."""
    text = Text(citation.quote.replace("\n", "｜"))
    for start, end in citation.highlights:
        text.stylize("bold black on yellow", start, end)
    return text


def _where(citation: AskCitation) -> str:
    return f"{Path(citation.document).name} {citation.location}"


def _name(answer: Answer) -> str:
    """The unit, and the folder when it says something the unit's name does not."""
    unit, folder = answer.unit, answer.folder
    if unit and folder and folder not in unit:
        return f"{unit}\n（{folder}）"
    return unit or folder or answer.submission[:12]


def render_answer(answer: Answer, console: Console) -> None:
    """One answer: the answer (each sentence with its citation numbers, unsupported ones
    marked), then every citation with where it stands."""
    console.print(Text(f"问：{answer.question}", style="bold"))
    if answer.mode == "llm" and answer.sentences:
        for sentence in answer.sentences:
            marks = "".join(f"[{i + 1}]" for i in sentence.citations)
            style = "" if sentence.supported else "red"
            tail = marks if sentence.supported else "〔无法在材料中找到其引文，未经证实〕"
            console.print(Text(f"答：{sentence.text}{tail}", style=style))
    else:
        console.print(Text(f"答：{answer.answer}", style="" if answer.found else "yellow"))
    for number, citation in enumerate(answer.citations, 1):
        span = f"{citation.start}–{citation.end}"
        console.print(f"  [{number}] {_where(citation)}（{span}）", markup=False)
        # The quote on lines of its own, indented: a long run of 汉字 is one "word" to the
        # terminal's wrapping, which would otherwise push it below a short prefix.
        console.print(Padding(quote_text(citation), (0, 0, 0, 6)))
    for warning in answer.warnings:
        console.print(Text(f"  注意：{warning}", style="yellow"))


def render_table(answers: Sequence[Answer], console: Console) -> None:
    """A batch question: one row per submission, found ones first, then by unit."""
    question = answers[0].question if answers else ""
    table = Table(title=f"问：{question}", show_lines=True)
    for column in ("单位", "回答", "引文"):
        table.add_column(column, overflow="fold")
    for a in sorted(answers, key=lambda a: (not a.found, a.unit, a.submission)):
        cited = a.citations[0] if a.citations else None
        quote = (Text(f"{_where(cited)}：") + quote_text(cited)) if cited else Text("")
        table.add_row(_name(a), Text(a.answer, style="" if a.found else
                                                        "yellow"), quote)
    console.print(table)
    found = sum(a.found for a in answers)
    missing = len(answers) - found
    console.print(f"{len(answers)} 份申报材料：{found} 份有相关表述，{missing} 份未提及。")
