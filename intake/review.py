"""`intake review`: a reviewer walks the pending suggestions and decides on each, in the terminal.

Every decision goes through `intake.decisions` (checked against the rubric, appended, never
updated), so the walk resumes where the reviewer left off: decided suggestions are no longer
pending. Going back shows the previous suggestion again; a new decision on it is appended and
supersedes the earlier one, which stays in the audit log.

The walk reads answers through `ask` (a prompt string in, the typed line out), so tests drive it
with scripted answers and the CLI with the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from extractors.facts.models import Citation, Suggestion
from extractors.findings import Finding
from intake import decisions
from intake.decisions import Decided, Decision, Pending, Value
from intake.pipeline import stored_findings
from intake.rubrics import load_rubric
from intake.store import Store
from intake.units import profile
from rubric import Rubric
from rubric.errors import InputError
from rubric.model import ExpertNode, FactSpec, Node

Ask = Callable[[str], str]

CONTEXT = 40  # characters of text shown either side of a quote
KEYS = "[a]接受  [o]改判  [n]无证据  [s]跳过  [b]返回上一条  [q]退出"
ACTION_NAMES = {"accept": "接受", "override": "改判", "no_evidence": "无证据",
                "bulk_accept": "批量接受"}
SOURCE_NAMES = {"terminal": "终端", "excel": "Excel 导入", "accept_all": "批量接受",
                "excel_force": "Excel 导入 --force"}
TRUE_WORDS = {"是", "有", "y", "yes", "true", "t", "1", "对"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "f", "0", "没有"}
_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}


# ---- which rubric, which unit ------------------------------------------------------------------


def default_rubric(store: Store, given: str | None = None) -> Rubric:
    """The rubric asked for, or the only rubric the store holds suggestions of."""
    if given:
        return load_rubric(given)
    found = [r["rubric"] for r in store.query(
        "SELECT DISTINCT rubric FROM suggestions ORDER BY rubric")]
    if len(found) == 1:
        return load_rubric(found[0])
    if not found:
        raise InputError("库中还没有任何建议，请先运行 intake run (no suggestions in the store)")
    raise InputError(f"库中有多个评分细则的建议（{'、'.join(found)}），请用 --rubric 指定其一")


def unit_name(store: Store, submission: str) -> str:
    """The unit's name as the form states it, else the submission's folder name."""
    rows = store.query("SELECT path, checked FROM submissions WHERE id = ?", (submission,))
    if not rows:
        return ""
    fields = json.loads(rows[0]["checked"]).get("fields", {})
    return profile(fields, [], fallback=Path(rows[0]["path"]).name).name


# ---- names, values and their parsing (shared with the Excel round trip) ------------------------


def target_name(rubric: Rubric, suggestion: Suggestion) -> str:
    """The Chinese name of the fact (its description) or item (its 二级指标)."""
    if suggestion.target == "fact":
        spec = rubric.facts.get(suggestion.key)
        return spec.description if spec else suggestion.key
    node = rubric.nodes().get(suggestion.key)
    return (node.name or node.explanation or node.id) if node else suggestion.key


def show_value(spec: FactSpec | None, value: Value) -> str:
    """A fact value as a reviewer reads it: enum labels, 是/否, 6.4%."""
    if value is None:
        return "—"
    if spec is None:
        return str(value)
    if spec.type == "bool" or isinstance(value, bool):
        return "是" if value else "否"
    if spec.type == "enum":
        return spec.value_labels.get(str(value), str(value))
    if isinstance(value, float) and value.is_integer() and spec.type == "int":
        value = int(value)
    return f"{value:g}%" if spec.type == "percent" and not isinstance(value, str) else f"{value}"


def value_choices(spec: FactSpec) -> list[str]:
    """What a reviewer may type or pick for a bool or enum fact (labels where there are any)."""
    if spec.type == "bool":
        return ["是", "否"]
    return [spec.value_labels.get(v, v) for v in spec.values]


def parse_value(spec: FactSpec, raw: object) -> Value:
    """A typed value from what a reviewer typed or what a cell holds; InputError if it is none."""
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "":
        raise InputError("请填写取值 (a value is needed)")
    parse = {"bool": _parse_bool, "enum": _parse_enum, "int": _parse_int}.get(spec.type,
                                                                            _parse_number)
    return parse(spec, raw)


def _parse_bool(spec: FactSpec, raw: object) -> Value:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS or word in FALSE_WORDS:
        return word in TRUE_WORDS
    raise InputError(f"“{raw}” 不是 是/否 (yes or no)")


def _parse_enum(spec: FactSpec, raw: object) -> Value:
    word = str(raw).strip()
    by_label = {label: value for value, label in spec.value_labels.items()}
    if word in spec.values:
        return word
    if word in by_label:
        return by_label[word]
    if word.isdigit() and 1 <= int(word) <= len(spec.values):
        return spec.values[int(word) - 1]
    raise InputError(f"“{raw}” 不是可选的取值（{'、'.join(value_choices(spec))}）")


def _parse_int(spec: FactSpec, raw: object) -> Value:
    number = _number(raw)
    if number != number.to_integral_value():
        raise InputError(f"“{raw}” 不是整数 (a whole number is needed)")
    return int(number)


def _parse_number(spec: FactSpec, raw: object) -> Value:
    number = _number(raw)
    return int(number) if number == number.to_integral_value() else float(number)


def _number(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise InputError(f"“{raw}” 不是数字 (a number is needed)")
    text = str(raw).strip().rstrip("%％").replace(",", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InputError(f"“{raw}” 不是数字 (a number is needed)") from None
    if not number.is_finite():
        raise InputError(f"“{raw}” 不是数字 (a number is needed)")
    return number


def parse_points(raw: object) -> float:
    return float(_number(raw))


def tier_for(node: Node | None, points: float, tier: str | None) -> str | None:
    """The tier given, or the one the points fall in (the first, where tiers share a boundary)."""
    if tier or not isinstance(node, ExpertNode):
        return tier or None
    value = Decimal(str(points))
    return next((t.label for t in node.tiers if t.min <= value <= t.max), None)


def parse_tier(node: Node | None, raw: object) -> str | None:
    """A tier label typed as 第一档, 一档 or its number; blank means 'from the points'."""
    word = "" if raw is None else str(raw).strip()
    if not word or not isinstance(node, ExpertNode) or not node.tiers:
        return None
    labels = [t.label for t in node.tiers]
    if word in labels:
        return word
    if word.isdigit() and 1 <= int(word) <= len(labels):
        return labels[int(word) - 1]
    found = [label for label in labels if word in label]
    if len(found) == 1:
        return found[0]
    raise InputError(f"“{word}” 不是本指标的档次（{'、'.join(labels)}）")


def limits_text(rubric: Rubric, suggestion: Suggestion) -> str:
    """What the reviewer may enter, in one line: the range of a fact, the tiers of an item."""
    if suggestion.target == "fact":
        spec = rubric.facts.get(suggestion.key)
        if spec is None:
            return ""
        if spec.type in ("bool", "enum"):
            return "、".join(value_choices(spec))
        kind = {"int": "整数", "percent": "百分数（填数字，6.4 即 6.4%）"}.get(spec.type, "数字")
        return f"{kind} {_range(spec.minimum, spec.maximum)}".strip()
    node = rubric.nodes().get(suggestion.key)
    if node is None:
        return ""
    tiers = [f"{t.label} {t.min:g}-{t.max:g}" for t in node.tiers] if isinstance(
        node, ExpertNode) else []
    return "；".join([f"0-{node.maximum:g} 分", *tiers])


def _range(low: Decimal | None, high: Decimal | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    if low is not None:
        return f"≥{low:g}"
    return "" if high is None else f"≤{high:g}"


# ---- what a reviewer sees ----------------------------------------------------------------------


def quote_in_context(text: str, citation: Citation, width: int = CONTEXT) -> str:
    """Rich markup: the text around the quote, the quote highlighted, everything escaped."""
    if text[citation.start:citation.end] != citation.quote:
        return f"[bold yellow]{escape(citation.quote)}[/]"  # text not in the store: quote only
    before = text[max(0, citation.start - width):citation.start]
    after = text[citation.end:citation.end + width]
    lead = "…" if citation.start > width else ""
    tail = "…" if citation.end + width < len(text) else ""
    return (f"{lead}{_flat(before)}[bold black on yellow]{_flat(citation.quote)}[/]"
            f"{_flat(after)}{tail}")


def _flat(text: str) -> str:
    return escape(text.replace("\n", " ⏎ "))


def _describe(rubric: Rubric, suggestion: Suggestion) -> list[str]:
    if suggestion.target == "fact":
        spec = rubric.facts.get(suggestion.key)
        kind = spec.type if spec else "?"
        return [f"[bold]事实[/] {escape(suggestion.key)}：{escape(target_name(rubric, suggestion))}"
                f"  [dim]({kind}；可填：{escape(limits_text(rubric, suggestion))})[/]"]
    node = rubric.nodes().get(suggestion.key)
    lines = [f"[bold]指标 {escape(suggestion.key)}[/] {escape(target_name(rubric, suggestion))}"
             f"  [dim](满分 {node.maximum:g} 分)[/]" if node else f"指标 {suggestion.key}"]
    if node is not None and node.explanation:
        lines.append(f"指标解释：{escape(node.explanation)}")
    if isinstance(node, ExpertNode):
        lines += [f"  {escape(t.label)} {t.min:g}-{t.max:g} 分：{escape(t.descriptors)}"
                  for t in node.tiers]
    return lines


def _suggested(rubric: Rubric, suggestion: Suggestion) -> str:
    if suggestion.status != "suggested":
        word = "未找到依据" if suggestion.status == "no_evidence" else "依据无法在原文中核实"
        return f"[yellow]建议：{word}[/]"
    if suggestion.target == "fact":
        shown = show_value(rubric.facts.get(suggestion.key), suggestion.value)
        return f"建议取值：[bold cyan]{escape(shown)}[/]"
    points = "—" if suggestion.points is None else f"{suggestion.points:g}"
    return f"建议：[bold cyan]{escape(suggestion.tier or '')} {points} 分[/]"


def _citations(store: Store, suggestion: Suggestion, texts: dict[str, str]) -> list[str]:
    lines = []
    for number, citation in enumerate(suggestion.citations, 1):
        text = texts.setdefault(citation.document_sha256, _document_text(store, citation))
        where = f"{Path(citation.document_path).name} {citation.location.describe()}"
        lines.append(f"  [{number}] [dim]{escape(where)}[/]")
        lines.append(f"      {quote_in_context(text, citation)}")
    return lines or ["  [dim]（无引文）[/]"]


def _document_text(store: Store, citation: Citation) -> str:
    rows = store.query("SELECT text FROM documents WHERE sha256 = ?", (citation.document_sha256,))
    return rows[0]["text"] if rows else ""


def _findings(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["[green]形式审查：未发现问题[/]"]
    return ["形式审查发现："] + [
        f"  [{_STYLES.get(f.level, '')}]{escape(f.code)}[/] {escape(f.message)}"
        for f in findings]


def _latest(store: Store, rubric: Rubric, pending: Pending) -> str | None:
    s = pending.suggestion
    rows = store.query(
        "SELECT action, decided, reviewer, reason FROM decisions WHERE submission_id = ? AND "
        "rubric = ? AND target = ? AND key = ? ORDER BY id DESC LIMIT 1",
        (pending.submission, rubric.id, s.target, s.key))
    if not rows:
        return None
    row = rows[0]
    shown = decided_text(rubric, s.target, s.key, Decided.model_validate_json(row["decided"]))
    reason = f"（理由：{row['reason']}）" if row["reason"] else ""
    return f"{ACTION_NAMES.get(row['action'], row['action'])} {shown}，{row['reviewer']}{reason}"


def decided_text(rubric: Rubric | None, target: str, key: str, decided: Decided) -> str:
    """A decided (or suggested) value, tier and points as reviewers read them."""
    if target == "fact":
        return show_value(rubric.facts.get(key) if rubric else None, decided.value)
    if decided.points is None:
        return "—"
    return f"{decided.tier or ''} {decided.points:g} 分".strip()


def render(console: Console, store: Store, rubric: Rubric, pending: Pending, place: str,
           texts: dict[str, str]) -> None:
    """One suggestion with everything a reviewer needs to decide on it."""
    s = pending.suggestion
    body = [f"[dim]{escape(pending.path)}[/]  {escape(unit_name(store, pending.submission))}",
            *_describe(rubric, s), _suggested(rubric, s),
            f"理由：{escape(s.rationale)}",
            f"置信度：{s.confidence:.0%}" + ("  [yellow]启发式建议，仅供参考[/]" if s.heuristic
                                           else ""),
            "引文：", *_citations(store, s, texts),
            *_findings(stored_findings(store, pending.submission))]
    latest = _latest(store, rubric, pending)
    if latest:
        body.append(f"[magenta]已有决定：{escape(latest)}（再次决定将追加一条并取代它）[/]")
    console.print(Panel("\n".join(body), title=escape(place), title_align="left"))


# ---- the walk ----------------------------------------------------------------------------------


class Quit(Exception):
    """The reviewer asked to stop (q, or the end of input)."""


@dataclass
class WalkResult:
    decided: int = 0
    skipped: int = 0
    quit: bool = False
    remaining: int = 0


@dataclass
class _Walk:
    store: Store
    rubric: Rubric
    reviewer: str
    ask: Ask
    console: Console
    items: list[Pending]
    done: set[tuple[str, str, str]] = field(default_factory=set)
    skipped: set[int] = field(default_factory=set)
    history: list[int] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    result: WalkResult = field(default_factory=WalkResult)

    def prompt(self, text: str) -> str:
        try:
            return self.ask(text).strip()
        except EOFError:
            self.console.print()  # end the prompt's line
            raise Quit from None

    def say(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False)


def _key(p: Pending) -> tuple[str, str, str]:
    return p.submission, p.suggestion.target, p.suggestion.key


def walk(store: Store, rubric: Rubric, reviewer: str, submission: str | None = None, *,
         ask: Ask, console: Console) -> WalkResult:
    """Walk the pending suggestions (of one submission, by id or path, or all) in order."""
    if not reviewer.strip():
        raise InputError("请用 --reviewer 写明复核人 (a reviewer name is required)")
    items = decisions.suggestions(store, rubric.id, submission, pending_only=False)
    state = _Walk(store, rubric, reviewer, ask, console, items,
                  done={_key(p) for p in items if p.decided})
    position = _next(state, -1)
    if position is None:
        console.print("没有待复核的建议。")
        return state.result
    try:
        while position is not None:
            position = _step(state, position)
    except Quit:
        state.result.quit = True
    state.result.remaining = len(decisions.suggestions(store, rubric.id, submission))
    console.print(f"本次决定 {state.result.decided} 条，跳过 {state.result.skipped} 条，"
                  f"尚有 {state.result.remaining} 条待复核。")
    return state.result


def _next(state: _Walk, position: int) -> int | None:
    """The next suggestion after `position` still undecided and not skipped in this walk."""
    for index in range(position + 1, len(state.items)):
        item = state.items[index]
        if _key(item) not in state.done and item.id not in state.skipped:
            return index
    return None


def _step(state: _Walk, position: int) -> int | None:
    pending = state.items[position]
    undecided = sum(1 for p in state.items if _key(p) not in state.done)
    render(state.console, state.store, state.rubric, pending,
           f"第 {position + 1}/{len(state.items)} 条（待复核 {undecided} 条）", state.texts)
    while True:
        key = state.prompt(f"{KEYS} > ").lower()
        if key == "q":
            raise Quit
        if key == "b":
            back = _back(state, position)
            if back is not None:
                return back
            continue
        if key == "s":
            state.skipped.add(pending.id)
            state.result.skipped += 1
            return _forward(state, position)
        decision = _decide(state, pending, key)
        if decision is not None:
            return _forward(state, position)


def _forward(state: _Walk, position: int) -> int | None:
    state.history.append(position)
    return _next(state, position)


def _back(state: _Walk, position: int) -> int | None:
    if state.history:
        return state.history.pop()
    if position > 0:
        return position - 1
    state.say("已经是第一条了。")
    return None


def _decide(state: _Walk, pending: Pending, key: str) -> Decision | None:
    """Make and record the decision the key asks for; None when nothing was recorded."""
    makers: dict[str, Callable[[_Walk, Pending], Decision | None]] = {
        "a": _accept, "o": _override, "n": _no_evidence}
    maker = makers.get(key)
    if maker is None:
        state.say(f"请输入 a、o、n、s、b 或 q 之一（输入的是“{key}”）。")
        return None
    decision = maker(state, pending)
    if decision is None:
        return None
    try:
        decisions.record(state.store, state.rubric, state.reviewer, [decision], "terminal")
    except InputError as error:
        state.say(f"未记录：{error}")
        return None
    state.done.add(_key(pending))
    state.skipped.discard(pending.id)
    state.result.decided += 1
    state.say(f"已记录：{ACTION_NAMES[decision.action]}。")
    return decision


def _accept(state: _Walk, pending: Pending) -> Decision:
    s = pending.suggestion
    if s.status != "suggested":
        # Accepting "nothing found" confirms there is none: the fact unknown, the item 0 分.
        state.say("该建议没有可核实的依据，接受即确认“无证据”。")
        return _no_evidence(state, pending)
    return Decision(suggestion_id=pending.id, action="accept",
                    decided=decisions.as_suggested(s))


def _no_evidence(state: _Walk, pending: Pending) -> Decision:
    return Decision(suggestion_id=pending.id, action="no_evidence", decided=Decided())


def _override(state: _Walk, pending: Pending) -> Decision | None:
    """Ask the new value (or tier and points) and a reason, until they fit the rubric."""
    while True:
        try:
            decided = _ask_decided(state, pending.suggestion)
        except InputError as error:
            state.say(str(error))
            continue
        if decided is None:
            state.say("已取消改判。")
            return None
        decision = Decision(suggestion_id=pending.id, action="override", decided=decided,
                            reason=_ask_reason(state))
        try:
            decisions.validate(state.rubric, pending.suggestion, decision)
        except InputError as error:
            state.say(str(error))
            continue
        return decision


def _ask_decided(state: _Walk, suggestion: Suggestion) -> Decided | None:
    """The new value, or tier and points; None when the reviewer leaves it blank (cancel)."""
    limits = limits_text(state.rubric, suggestion)
    if suggestion.target == "fact":
        spec = state.rubric.facts.get(suggestion.key)
        if spec is None:
            raise InputError(f"{suggestion.key}: 评分细则中没有这一事实")
        if spec.type == "enum":
            limits = " / ".join(f"{n} {c}" for n, c in enumerate(value_choices(spec), 1))
        raw = state.prompt(f"新的取值（{limits}；直接回车取消）> ")
        return Decided(value=parse_value(spec, raw)) if raw else None
    node = state.rubric.nodes().get(suggestion.key)
    tier = None
    if isinstance(node, ExpertNode) and node.tiers:
        tier = parse_tier(node, state.prompt("档次（如 第一档 或 1；直接回车按分值确定）> "))
    raw = state.prompt(f"分值（{limits}；直接回车取消）> ")
    if not raw:
        return None
    points = parse_points(raw)
    return Decided(tier=tier_for(node, points, tier), points=points)


def _ask_reason(state: _Walk) -> str:
    while True:
        reason = state.prompt("改判理由（必填）> ")
        if reason:
            return reason
        state.say("改判必须填写理由。")


def console_ask(console: Console) -> Ask:
    """Read answers from the terminal; prompts are plain text, never markup."""
    return lambda prompt: console.input(escape(prompt))


# ---- who, which submission ---------------------------------------------------------------------


def require_reviewer(reviewer: str | None) -> str:
    if not reviewer or not reviewer.strip():
        raise InputError("请用 --reviewer 写明复核人，例如 --reviewer 张老师 "
                         "(a reviewer name is required: every decision records who made it)")
    return reviewer.strip()


def resolve_submission(store: Store, given: str | None) -> str | None:
    """A submission by id (or its first characters), stored path, or folder name; None: all."""
    if not given:
        return None
    rows = store.query("SELECT id, path FROM submissions ORDER BY path")
    for test in (_exact, _same_file, _prefix, _folder):
        found = {r["id"] for r in rows if test(given, r["id"], r["path"])}
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            raise InputError(f"“{given}” 对应多份申报材料，请写出完整路径或编号")
    raise InputError(f"库中没有申报材料“{given}” (no such submission; see intake review log)")


def _exact(given: str, sid: str, path: str) -> bool:
    return given in (sid, path)


def _same_file(given: str, sid: str, path: str) -> bool:
    return Path(given).resolve() == Path(path).resolve()


def _prefix(given: str, sid: str, path: str) -> bool:
    return len(given) >= 6 and sid.startswith(given)


def _folder(given: str, sid: str, path: str) -> bool:
    return Path(path).name == given


# ---- the audit log -----------------------------------------------------------------------------


def log_rows(store: Store, rubric_id: str | None = None,
             submission: str | None = None) -> list[dict[str, object]]:
    """The decisions, oldest first, with the suggested and decided values as reviewers read
    them."""
    rubrics: dict[str, Rubric | None] = {}
    rows = []
    for row in decisions.audit_log(store, rubric_id, submission):
        if row["rubric"] not in rubrics:
            rubrics[row["rubric"]] = _rubric_or_none(row["rubric"])
        rows.append(_log_row(rubrics[row["rubric"]], row))
    return rows


def _rubric_or_none(rubric_id: str) -> Rubric | None:
    try:
        return load_rubric(rubric_id)
    except InputError:
        return None


def _log_row(rubric: Rubric | None, row: dict[str, object]) -> dict[str, object]:
    suggested = Decided.model_validate_json(str(row["suggested"]))
    decided = Decided.model_validate_json(str(row["decided"]))
    return {
        "id": row["id"], "reviewer": row["reviewer"], "decided_at": row["decided_at"],
        "submission": row["submission_id"], "path": row["path"], "rubric": row["rubric"],
        "target": row["target"], "key": row["key"], "action": row["action"],
        "source": row["source"], "suggestion_id": row["suggestion_id"],
        "suggested": suggested.model_dump(), "decided": decided.model_dump(),
        "suggested_text": decided_text(rubric, str(row["target"]), str(row["key"]), suggested),
        "decided_text": decided_text(rubric, str(row["target"]), str(row["key"]), decided),
        "reason": row["reason"],
    }


def log_json(rows: list[dict[str, object]]) -> str:
    return json.dumps({"decisions": rows}, ensure_ascii=False, indent=2)


def render_log(rows: list[dict[str, object]], console: Console) -> None:
    if not rows:
        console.print("审计日志中还没有任何决定。")
        return
    table = Table(title="复核决定（审计日志，只增不改）", show_lines=False)
    for column in ("时间", "复核人", "申报材料", "事实/指标", "决定", "建议 → 决定", "理由",
                   "来源"):
        table.add_column(column, overflow="fold")
    for r in rows:
        cells = [str(r["decided_at"]), str(r["reviewer"]), str(r["path"]),
                 f"{'事实' if r['target'] == 'fact' else '指标'} {r['key']}",
                 ACTION_NAMES.get(str(r["action"]), str(r["action"])),
                 f"{r['suggested_text']} → {r['decided_text']}", str(r["reason"] or ""),
                 SOURCE_NAMES.get(str(r["source"]), str(r["source"]))]
        table.add_row(*(Text(cell) for cell in cells))  # Text: reviewer input is never markup
    console.print(table)
    console.print(f"共 {len(rows)} 条决定。")
