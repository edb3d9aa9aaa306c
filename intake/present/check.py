"""`intake check` output: the JSON contract, CSV, and the triage table reviewers read.

Each is written as the submissions come, in batch order (issue 21): what is kept of the batch is
a Tally of counts for the summary and the exit code; the table, sorted by severity, keeps each
row's sort key, and the row itself in a temporary file (_Rows).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import PurePath
from typing import IO, Any, Literal

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from extractors.findings import LEVEL_RANK, LEVELS, Finding
from intake.glossary import SEVERITY_NAMES, SUBMISSION_KIND_NAMES, chinese_message, finding_name
from intake.present.json_stream import document
from intake.present.layout import compact, show_all
from intake.screen.batch import BatchResult
from intake.screen.checks import CheckedSubmission
from intake.screen.in_order import Spill

FailOn = Literal["error", "warning", "never"]
_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}


def finding_json(f: Finding) -> dict[str, Any]:
    # The contract lists `field` on every finding: null when it concerns no single field.
    return {"field": None, **f.model_dump(exclude_none=True)}


def submission_json(s: CheckedSubmission) -> dict[str, Any]:
    return {
        "path": s.path,
        "kind": s.kind,
        "documents": [
            {
                "path": r.document.path,
                "role": r.role,
                "format": r.document.format,
                "pages": r.document.pages,
                "sha256": r.document.sha256,
                "findings": [finding_json(f) for f in r.document.findings],
            }
            for r in s.documents
        ],
        "fields": s.fields,
        "counts": s.counts,
        "limits": s.limits,
        "findings": [finding_json(f) for f in s.findings],
    }


@dataclass
class Tally:
    """What the summary and the exit code need of the submissions counted so far: counts only."""

    programme: str
    submissions: int = 0
    documents: int = 0
    levels: Counter[str | None] = field(default_factory=Counter)  # worst level per submission
    codes: Counter[str] = field(default_factory=Counter)  # findings per code
    copies: Counter[str] = field(default_factory=Counter)  # submissions with the code
    worst: int = len(LEVEL_RANK)  # the rank of the worst finding of all

    def add(self, s: CheckedSubmission) -> CheckedSubmission:
        self.submissions += 1
        self.documents += len(s.documents)
        self.levels[_worst_level(s)] += 1
        found = Counter(f.code for f in s.findings)
        self.codes.update(found)
        self.copies.update(found.keys())
        self.worst = min([self.worst, *(LEVEL_RANK[f.level] for f in s.findings)])
        return s

    def summary_json(self) -> dict[str, Any]:
        return {
            "programme": self.programme,
            "submissions": self.submissions,
            "documents": self.documents,
            "with_errors": self.levels["error"],
            "with_warnings": self.levels["warning"],
            "clean": self.levels[None] + self.levels["info"],
            "by_code": dict(sorted(self.codes.items())),
        }

    def exit_code(self, fail_on: FailOn) -> int:
        return 1 if fail_on != "never" and self.worst <= LEVEL_RANK[fail_on] else 0


@dataclass
class CheckStream:
    """A batch's checked submissions, to be read once as they are written, and the Tally of those
    read so far (complete once they all are)."""

    tally: Tally
    submissions: Iterator[CheckedSubmission]

    @classmethod
    def of(cls, programme: str, submissions: Iterable[CheckedSubmission]) -> CheckStream:
        tally = Tally(programme)
        return cls(tally, map(tally.add, submissions))


Checked = BatchResult | CheckStream


def _stream(checked: Checked) -> CheckStream:
    if isinstance(checked, CheckStream):
        return checked
    return CheckStream.of(checked.programme, checked.submissions)


def summary_json(checked: Checked) -> dict[str, Any]:
    """The summary of a whole batch (a CheckStream is read to its end first)."""
    stream = _stream(checked)
    for _ in stream.submissions:
        pass
    return stream.tally.summary_json()


def to_json(checked: Checked) -> Iterator[str]:
    """The JSON contract piece by piece: one submission per line, then the summary."""
    stream = _stream(checked)
    return document({}, "submissions", map(submission_json, stream.submissions),
                    lambda: {"summary": stream.tally.summary_json()})


CSV_COLUMNS = ["path", "kind", "summary_count", "summary_limit", "deeds_count", "deeds_limit",
               "errors", "warnings", "codes", "messages"]
CSV_COLUMNS_ZH = ["申报材料", "类别", "突出事迹简介字数", "突出事迹简介字数上限", "事迹材料字数",
                  "事迹材料字数上限", "错误", "警告", "发现的问题", "问题说明", "问题代码"]
# Excel and WPS read a CSV without a byte-order mark as the ANSI code page (GBK): mojibake.
BOM = "\ufeff"


def _csv_row(s: CheckedSubmission, lang: str) -> list[object]:
    counts = [s.counts["summary"], s.limits["summary"], s.counts["deeds"], s.limits["deeds"],
              sum(f.level == "error" for f in s.findings),
              sum(f.level == "warning" for f in s.findings)]
    codes = ";".join(f.code for f in s.findings)
    if lang == "en":
        return [s.path, s.kind, *counts, codes, "；".join(f.message for f in s.findings)]
    return [s.path, SUBMISSION_KIND_NAMES[s.kind], *counts,
            "；".join(finding_name(f.code) for f in s.findings),
            "；".join(chinese_message(f.message) for f in s.findings), codes]


def to_csv(checked: Checked, lang: str = "zh") -> Iterator[str]:
    """For Excel (UTF-8 with BOM, Chinese headers and values) or, with lang "en", for scripts:
    the English columns, no BOM, codes and messages as stored. One row at a time."""
    out = io.StringIO()
    writer = csv.writer(out)

    def line(row: list[object]) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        return out.getvalue()

    yield ("" if lang == "en" else BOM) + line(CSV_COLUMNS if lang == "en" else CSV_COLUMNS_ZH)
    for s in _stream(checked).submissions:
        yield line(_csv_row(s, lang))


def _worst_level(s: CheckedSubmission) -> str | None:
    return s.findings[0].level if s.findings else None


@dataclass(frozen=True)
class _Row:
    """What a table shows of a submission: far less than the submission (no form fields)."""

    path: str
    kind: str
    summary: tuple[int | None, int | None]  # count, limit
    deeds: tuple[int | None, int | None]
    findings: tuple[tuple[str, str, str], ...]  # code, level, message; the worst first

    @classmethod
    def of(cls, s: CheckedSubmission) -> _Row:
        return cls(s.path, s.kind, (s.counts["summary"], s.limits["summary"]),
                   (s.counts["deeds"], s.limits["deeds"]),
                   tuple((f.code, f.level, f.message) for f in s.findings))

    @property
    def level(self) -> str | None:
        return self.findings[0][1] if self.findings else None


class _Rows:
    """A table's rows sorted the way reviewers read them (the worst first, then by path), for a
    batch of thousands: the rows wait in a temporary file, and memory holds only their sort
    keys."""

    def __init__(self, file: IO[bytes]) -> None:
        self.spill = Spill[_Row](file)
        self.keys: list[tuple[int, str, int]] = []  # severity, path, offset (batch order)

    def add(self, row: _Row) -> None:
        self.keys.append((LEVEL_RANK.get(row.level or "info", 3), row.path, self.spill.put(row)))

    def ordered(self, worst: int = 3) -> Iterator[_Row]:
        """The rows whose severity rank is at most `worst`, in order."""
        for rank, _, offset in sorted(self.keys):
            if rank > worst:
                break
            yield self.spill.get(offset)


# Rows per printed table: a batch of thousands is printed in tables of this many, one at a time
# (rich lays a table out whole), each under the batch's title and which rows it holds.
BLOCK_ROWS = 1000

_TableOf = Callable[[list[_Row], str], Table]


def _blocks(rows: Iterator[_Row], count: int, title: str, table: _TableOf) -> Iterator[Table]:
    if count <= BLOCK_ROWS:
        yield table(list(rows), title)
        return
    for start in range(0, count, BLOCK_ROWS):
        block = list(islice(rows, BLOCK_ROWS))
        yield table(block, f"{title}（第 {start + 1}–{start + len(block)} 份）")


def _count_cell(shown: tuple[int | None, int | None]) -> Text:
    count, limit = shown
    if count is None:
        return Text("—", style="dim")
    label = f"{count}/{limit}" if limit else str(count)
    return Text(label, style="bold red" if limit and count > limit else "")


def _findings_cell(row: _Row) -> Text:
    text = Text()
    for i, (code, level, message) in enumerate(row.findings):
        if i:
            text.append("\n")
        text.append(f"{code}", style=_STYLES[level])
        text.append(f" {message}")
    return text or Text("✓ 未发现问题", style="green")


def _wide_table(rows: list[_Row], title: str) -> Table:
    table = Table(title=title, show_lines=True)
    columns = ("申报材料", "类别", "突出事迹简介 字数", "事迹材料 字数", "发现的问题 (最严重在前)")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row.path, SUBMISSION_KIND_NAMES[row.kind], _count_cell(row.summary),
                      _count_cell(row.deeds), _findings_cell(row))
    return table


def _names_cell(row: _Row) -> Text:
    """The findings by Chinese name, once each with how many: 漏填×3、未盖章."""
    text = Text()
    for i, (code, n) in enumerate(Counter(code for code, _, _ in row.findings).items()):
        level = next(level for found, level, _ in row.findings if found == code)
        text.append("、" if i else "")
        text.append(finding_name(code) + (f"×{n}" if n > 1 else ""), style=_STYLES[level])
    return text or Text("✓", style="green")


def _compact_table(rows: list[_Row], title: str) -> Table:
    table = Table(title=title, show_lines=False, pad_edge=False, expand=False)
    table.add_column("申报材料", overflow="fold", ratio=3)
    table.add_column("类别", no_wrap=True)
    table.add_column("简介字数", no_wrap=True, justify="right")
    table.add_column("事迹字数", no_wrap=True, justify="right")
    table.add_column("问题", overflow="fold", ratio=4)
    for row in rows:
        table.add_row(Text(PurePath(row.path).name), SUBMISSION_KIND_NAMES[row.kind],
                      _count_cell(row.summary), _count_cell(row.deeds), _names_cell(row))
    return table


def _codes_table(tally: Tally) -> Table:
    table = Table(title="各类问题", show_lines=False)
    for column in ("问题", "代码", "级别", "份数", "条数"):
        table.add_column(column, no_wrap=column != "问题")
    for code, n in sorted(tally.codes.items(),
                          key=lambda kv: (LEVEL_RANK[LEVELS.get(kv[0], "info")], kv[0])):
        level = LEVELS.get(code, "info")
        table.add_row(Text(finding_name(code), style=_STYLES[level]), Text(code, style="dim"),
                      SEVERITY_NAMES[level], str(tally.copies[code]), str(n))
    return table


def _totals(tally: Tally) -> str:
    summary = tally.summary_json()
    return (f"共 {summary['submissions']} 份：有错误 {summary['with_errors']}，"
            f"有警告 {summary['with_warnings']}，无问题 {summary['clean']}")


def _summary_view(tally: Tally, rows: _Rows) -> Iterator[RenderableType]:
    """`check --summary`: counts per finding code, then only the submissions that need action
    (an error or a warning), one line each."""
    yield _codes_table(tally)
    acting = tally.levels["error"] + tally.levels["warning"]
    if acting:
        yield from _blocks(rows.ordered(LEVEL_RANK["warning"]), acting,
                           f"需要处理的申报材料 {acting} 份", _compact_table)
    yield _totals(tally)


class TableRows:
    """A batch read for its table (which is sorted by severity, so printed after the last
    submission): the Tally, and the rows in a temporary file until closed."""

    def __init__(self, checked: Checked) -> None:
        stream = _stream(checked)
        self.tally = stream.tally
        self._file = tempfile.TemporaryFile(prefix="intake-rows-")  # noqa: SIM115 - closed by close()
        self.rows = _Rows(self._file)
        for s in stream.submissions:
            self.rows.add(_Row.of(s))

    def show(self, console: Console, wide: bool = False, summary: bool = False) -> None:
        if summary:
            show_all(console, _summary_view(self.tally, self.rows))
            return
        title = f"形式审查 {self.tally.submissions} 份申报材料"
        table = _compact_table if compact(console, wide) else _wide_table
        show_all(console, chain(_blocks(self.rows.ordered(), self.tally.submissions, title,
                                        table), [_totals(self.tally)]))

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> TableRows:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def render_table(checked: Checked, console: Console, wide: bool = False,
                 summary: bool = False) -> None:
    with TableRows(checked) as rows:
        rows.show(console, wide, summary)


def render(checked: Checked, fmt: str, console: Console, lang: str = "zh",
           wide: bool = False, summary: bool = False) -> Iterator[str] | None:
    """JSON and CSV are returned as text pieces for --output, made as the submissions come;
    the table is printed."""
    if fmt == "json":
        return to_json(checked)
    if fmt == "csv":
        return to_csv(checked, lang)
    render_table(checked, console, wide, summary)
    return None
