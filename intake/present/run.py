"""`intake run` output: the triage table, and the same rows as JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import PurePath
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from extractors.facts.models import Suggestion
from intake.glossary import SUBMISSION_KIND_NAMES, UNIT_LEVEL_NAMES, finding_name
from intake.present.json_stream import document
from intake.present.layout import compact, show
from intake.run.pipeline import RunResult
from intake.run.triage import TriageRow

_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}


SuggestionsOf = Callable[[str], Sequence[tuple[int, Suggestion]]]


def _suggestion_json(sid: int, s: Suggestion) -> dict[str, Any]:
    return {"id": sid, **s.model_dump(mode="json", exclude={"submission"})}


def _row_json(r: TriageRow) -> dict[str, Any]:
    return {"submission": r.submission, "path": r.path, "kind": r.kind,
            "unit": r.unit.model_dump() if r.unit else None,
            "findings": [f.model_dump(exclude_none=True) for f in r.findings],
            "suggested_total": r.suggested_total, "total_min": r.total_min,
            "total_max": r.total_max, "excluded": r.excluded, "pending": r.pending,
            "note": r.note or None}


def render_json(result: RunResult, rows: Iterable[TriageRow],
                suggestions_of: SuggestionsOf | None = None) -> Iterator[str]:
    """The triage rows as JSON pieces, one submission at a time; each submission also lists its
    suggestions with their citations (and store ids), read from `suggestions_of` (by submission
    id) as it is written, so the batch's suggestions are never in memory at once."""
    head = {"rubric": result.rubric.id, "extractor": result.extractor,
            "model": result.model or None, "extracted": result.extracted,
            "reused": result.reused}
    entries = ({**_row_json(r), "suggestions": [_suggestion_json(sid, s) for sid, s in
                                                (suggestions_of(r.submission)
                                                 if suggestions_of else [])]}
               for r in rows)
    return document(head, "submissions", entries)


def _total(row: TriageRow) -> Text:
    if row.suggested_total is None:
        return Text(row.note or "—", style="dim")
    text = Text(f"{row.suggested_total:g}")
    text.append(f"  ({row.total_min:g}–{row.total_max:g})", style="dim")
    if row.excluded:
        text.append("  不参与评优", style="bold red")
    return text


def _findings(row: TriageRow, shown: int = 3) -> Text:
    text = Text()
    for f in row.findings[:shown]:
        text.append(f"{f.code} ", style=_STYLES.get(f.level, ""))
        text.append(f"{f.message}\n")
    if len(row.findings) > shown:
        text.append(f"… 另有 {len(row.findings) - shown} 条", style="dim")
    return text


def _wide_table(title: str, rows: list[TriageRow]) -> Table:
    table = Table(title=title, show_lines=True)
    for column in ("申报材料", "单位", "最严重的问题", "建议总分 (区间)", "待复核"):
        table.add_column(column, overflow="fold")
    for row in rows:
        unit = (f"{row.unit.label}\n{row.unit.city} {UNIT_LEVEL_NAMES[row.unit.level]}"
                if row.unit else "—")
        table.add_row(f"{row.path}\n{SUBMISSION_KIND_NAMES.get(row.kind, row.kind)}", unit,
                      _findings(row), _total(row), str(row.pending))
    return table


def _names(row: TriageRow) -> Text:
    text = Text()
    for i, code in enumerate(dict.fromkeys(f.code for f in row.findings)):
        level = next(f.level for f in row.findings if f.code == code)
        text.append(("、" if i else "") + finding_name(code), style=_STYLES.get(level, ""))
    return text


def _compact_table(title: str, rows: list[TriageRow]) -> Table:
    """One line per submission at 80 columns: folder, finding names, suggested total, pending."""
    table = Table(title=title, show_lines=False, pad_edge=False)
    table.add_column("申报材料", overflow="fold", ratio=3)
    table.add_column("问题", overflow="fold", ratio=3)
    table.add_column("建议总分", no_wrap=True, justify="right")
    table.add_column("待复核", no_wrap=True, justify="right")
    for row in rows:
        total = (Text(f"{row.suggested_total:g}") if row.suggested_total is not None
                 else Text("—", style="dim"))
        table.add_row(Text(PurePath(row.path).name), _names(row), total, str(row.pending))
    return table


def render_table(result: RunResult, rows: list[TriageRow], console: Console,
                 wide: bool = False) -> None:
    title = f"预评分 {result.rubric.title}（{result.extractor}，仅供复核参考）"
    table = _compact_table(title, rows) if compact(console, wide) else _wide_table(title, rows)
    show(console, table, f"本次提取 {result.extracted} 份，沿用已有建议 {result.reused} 份。"
         "建议总分假设每条建议都被确认；未经复核确认的建议不计入任何正式分数。")
