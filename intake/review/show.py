"""`intake show SUBMISSION` as text: one submission's whole picture for the reviewer reading it.

The same dossier as `--format json` (intake/present/dossier.py), in Chinese: fields, 字数 against
the limits, findings by name, each suggestion with its citations (where each quote sits) and
whether it is decided, the decisions in local time, and the score from confirmed values.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from intake import localtime
from intake.glossary import (
    ACTION_NAMES,
    SCORE_STATUS_NAMES,
    SUBMISSION_KIND_NAMES,
    SUGGESTION_STATUS_NAMES,
    chinese_message,
    finding_name,
)
from intake.present.dossier import Dossier, SuggestionEntry
from intake.present.layout import show
from intake.review.values import decided_text
from intake.store.decisions import Decided
from rubric import Rubric

_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}
_COUNTED = {"summary": "突出事迹简介", "deeds": "事迹材料"}


def _fields(d: Dossier) -> Table:
    table = Table(title="申报表填写内容", show_header=False, show_lines=False)
    table.add_column("项目", no_wrap=True, style="bold")
    table.add_column("内容", overflow="fold")
    for name, value in d.fields.items():
        table.add_row(name, Text(value or "（未填写）", style="" if value else "red"))
    for key, label in _COUNTED.items():
        count, limit = d.counts.get(key), d.limits.get(key)
        over = count is not None and limit is not None and count > limit
        table.add_row(f"{label}字数", Text(f"{'—' if count is None else count} / {limit or '—'}",
                                          style="bold red" if over else ""))
    return table


def _findings(d: Dossier) -> Text:
    text = Text("发现的问题\n", style="bold")
    for f in d.findings:
        text.append(f"  {finding_name(f.code)}", style=_STYLES.get(f.level, ""))
        text.append(f" {chinese_message(f.message)} ")
        text.append(f"{f.code}\n", style="dim")
    return text if d.findings else Text("发现的问题：无\n", style="green")


def _suggestion(rubric: Rubric, s: SuggestionEntry) -> Text:
    value = decided_text(rubric, s.target, s.key, Decided(value=s.value, tier=s.tier,
                                                          points=s.points))
    text = Text(f"• {s.label}：", style="bold")
    text.append(f"{value}  ")
    text.append(SUGGESTION_STATUS_NAMES.get(s.status, s.status), style="dim")
    text.append("  已复核" if s.decided else "  待复核", style="green" if s.decided else "yellow")
    text.append(f"\n    {s.rationale}")
    for c in s.citations:
        text.append(f"\n    「{c.quote}」", style="cyan")
        text.append(f" {c.document_path.rsplit('/', 1)[-1]} {c.location.describe()}", style="dim")
    return text


def _decisions(d: Dossier) -> Table | Text:
    if not d.decisions:
        return Text("复核决定：还没有\n", style="dim")
    table = Table(title="复核决定", show_lines=False)
    for column in ("时间", "复核人", "事实/指标", "决定", "理由"):
        table.add_column(column, overflow="fold", no_wrap=column == "时间")
    tz = localtime.zone()
    labels = {(s.target, s.key): s.label for s in d.suggestions}
    for r in d.decisions:
        table.add_row(localtime.shown(r.decided_at, tz), Text(r.reviewer),
                      labels.get((r.target, r.key), r.key), ACTION_NAMES.get(r.action, r.action),
                      Text(r.reason or ""))
    return table


def _score(d: Dossier) -> Text:
    if d.score is None:
        return Text("得分：此评分细则不为它计分", style="dim")
    status = SCORE_STATUS_NAMES.get(d.score["status"], d.score["status"])
    if d.score["total"] is None:
        return Text(f"得分：{status}（尚有 {len(d.score['pending'])} 项待复核）", style="yellow")
    rank = f"，第 {d.score['rank']} 名" if d.score.get("rank") else ""
    return Text(f"得分：{d.score['total']:g} 分{rank}（{status}，仅计复核确认的值）", style="bold")


def render(d: Dossier, rubric: Rubric, console: Console) -> None:
    title = Text(f"{d.path}\n", style="bold")
    title.append(f"{SUBMISSION_KIND_NAMES.get(d.kind, d.kind)} · {rubric.title} · ")
    title.append(d.submission[:12], style="dim")
    suggestions: list[RenderableType] = [Text(f"建议（{len(d.suggestions)} 条）", style="bold")]
    suggestions += [_suggestion(rubric, s) for s in d.suggestions]
    show(console, title, _fields(d), _findings(d), Group(*suggestions), _decisions(d), _score(d))
