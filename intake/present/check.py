"""`intake check` output: the JSON contract, CSV, and the triage table reviewers read."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any, Literal

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from extractors.findings import LEVEL_RANK, LEVELS, Finding
from intake.glossary import SEVERITY_NAMES, SUBMISSION_KIND_NAMES, chinese_message, finding_name
from intake.present.json_stream import document
from intake.present.layout import compact, show
from intake.screen.batch import BatchResult
from intake.screen.checks import CheckedSubmission

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


def summary_json(result: BatchResult) -> dict[str, Any]:
    levels = [_worst_level(s) for s in result.submissions]
    codes = Counter(f.code for s in result.submissions for f in s.findings)
    return {
        "programme": result.programme,
        "submissions": len(result.submissions),
        "documents": sum(len(s.documents) for s in result.submissions),
        "with_errors": levels.count("error"),
        "with_warnings": levels.count("warning"),
        "clean": sum(1 for level in levels if level in (None, "info")),
        "by_code": dict(sorted(codes.items())),
    }


def to_json(result: BatchResult) -> Iterator[str]:
    """The JSON contract piece by piece: one submission per line, then the summary."""
    return document({}, "submissions", (submission_json(s) for s in result.submissions),
                    {"summary": summary_json(result)})


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


def to_csv(result: BatchResult, lang: str = "zh") -> Iterator[str]:
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
    for s in result.submissions:
        yield line(_csv_row(s, lang))


def _worst_level(s: CheckedSubmission) -> str | None:
    return s.findings[0].level if s.findings else None


def exit_code(result: BatchResult, fail_on: FailOn) -> int:
    if fail_on == "never":
        return 0
    bar = LEVEL_RANK[fail_on]
    found = any(LEVEL_RANK[f.level] <= bar for s in result.submissions for f in s.findings)
    return 1 if found else 0


def _count_cell(count: int | None, limit: int | None) -> Text:
    if count is None:
        return Text("—", style="dim")
    label = f"{count}/{limit}" if limit else str(count)
    return Text(label, style="bold red" if limit and count > limit else "")


def _findings_cell(s: CheckedSubmission) -> Text:
    text = Text()
    for i, f in enumerate(s.findings):
        if i:
            text.append("\n")
        text.append(f"{f.code}", style=_STYLES[f.level])
        text.append(f" {f.message}")
    return text or Text("✓ 未发现问题", style="green")


def _ordered(result: BatchResult) -> list[CheckedSubmission]:
    return sorted(result.submissions,
                  key=lambda s: (LEVEL_RANK.get(_worst_level(s) or "info", 3), s.path))


def _wide_table(result: BatchResult) -> Table:
    table = Table(title=f"形式审查 {len(result.submissions)} 份申报材料", show_lines=True)
    columns = ("申报材料", "类别", "突出事迹简介 字数", "事迹材料 字数", "发现的问题 (最严重在前)")
    for column in columns:
        table.add_column(column, overflow="fold")
    for s in _ordered(result):
        table.add_row(s.path, SUBMISSION_KIND_NAMES[s.kind], _count_cell(s.counts["summary"],
                      s.limits["summary"]), _count_cell(s.counts["deeds"], s.limits["deeds"]),
                      _findings_cell(s))
    return table


def _names_cell(s: CheckedSubmission) -> Text:
    """The findings by Chinese name, once each with how many: 漏填×3、未盖章."""
    text = Text()
    for i, (code, n) in enumerate(Counter(f.code for f in s.findings).items()):
        level = next(f.level for f in s.findings if f.code == code)
        text.append("、" if i else "")
        text.append(finding_name(code) + (f"×{n}" if n > 1 else ""), style=_STYLES[level])
    return text or Text("✓", style="green")


def _compact_table(submissions: list[CheckedSubmission], title: str) -> Table:
    table = Table(title=title, show_lines=False, pad_edge=False, expand=False)
    table.add_column("申报材料", overflow="fold", ratio=3)
    table.add_column("类别", no_wrap=True)
    table.add_column("简介字数", no_wrap=True, justify="right")
    table.add_column("事迹字数", no_wrap=True, justify="right")
    table.add_column("问题", overflow="fold", ratio=4)
    for s in submissions:
        table.add_row(Text(PurePath(s.path).name), SUBMISSION_KIND_NAMES[s.kind],
                      _count_cell(s.counts["summary"], s.limits["summary"]),
                      _count_cell(s.counts["deeds"], s.limits["deeds"]), _names_cell(s))
    return table


def _codes_table(result: BatchResult) -> Table:
    table = Table(title="各类问题", show_lines=False)
    for column in ("问题", "代码", "级别", "份数", "条数"):
        table.add_column(column, no_wrap=column != "问题")
    found = [f for s in result.submissions for f in s.findings]
    for code, n in sorted(Counter(f.code for f in found).items(),
                          key=lambda kv: (LEVEL_RANK[LEVELS.get(kv[0], "info")], kv[0])):
        level = LEVELS.get(code, "info")
        copies = sum(any(f.code == code for f in s.findings) for s in result.submissions)
        table.add_row(Text(finding_name(code), style=_STYLES[level]), Text(code, style="dim"),
                      SEVERITY_NAMES[level], str(copies), str(n))
    return table


def _totals(result: BatchResult) -> str:
    summary = summary_json(result)
    return (f"共 {summary['submissions']} 份：有错误 {summary['with_errors']}，"
            f"有警告 {summary['with_warnings']}，无问题 {summary['clean']}")


def summary_view(result: BatchResult) -> list[RenderableType]:
    """`check --summary`: counts per finding code, then only the submissions that need action
    (an error or a warning), one line each."""
    acting = [s for s in _ordered(result) if _worst_level(s) in ("error", "warning")]
    shown: list[RenderableType] = [_codes_table(result)]
    if acting:
        shown.append(_compact_table(acting, f"需要处理的申报材料 {len(acting)} 份"))
    return [*shown, _totals(result)]


def render_table(result: BatchResult, console: Console, wide: bool = False,
                 summary: bool = False) -> None:
    if summary:
        show(console, *summary_view(result))
        return
    title = f"形式审查 {len(result.submissions)} 份申报材料"
    table = (_compact_table(_ordered(result), title) if compact(console, wide)
             else _wide_table(result))
    show(console, table, _totals(result))


def render(result: BatchResult, fmt: str, console: Console, lang: str = "zh",
           wide: bool = False, summary: bool = False) -> Iterator[str] | None:
    """JSON and CSV are returned as text pieces for --output; the table is printed."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result, lang)
    render_table(result, console, wide, summary)
    return None
