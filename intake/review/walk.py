"""`intake review`: a reviewer walks the pending suggestions and decides on each, in the terminal.

Every decision goes through `intake.review.decisions` (checked against the rubric, appended, never
updated), so the walk resumes where the reviewer left off: decided suggestions are no longer
pending. Going back shows the previous suggestion again; a new decision on it is appended and
supersedes the earlier one, which stays in the audit log.

The walk reads answers through `ask` (a prompt string in, the typed line out), so tests drive it
with scripted answers and the CLI with the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from extractors.facts.models import Citation, Suggestion
from extractors.findings import Finding
from intake.glossary import ACTION_NAMES, FACT_TYPE_NAMES, SUGGESTION_STATUS_NAMES, finding_name
from intake.review import decisions
from intake.review.values import (
    decided_text,
    limits_text,
    parse_points,
    parse_tier,
    parse_value,
    show_value,
    target_name,
    tier_for,
    unit_name,
    value_choices,
)
from intake.run import judged
from intake.store import Store
from intake.store.decisions import Decided, Decision, as_suggested, latest_decision
from intake.store.findings import stored_findings
from intake.store.submissions import document_text, submission_paths
from intake.store.suggestions import Pending
from intake.store.suggestions import pending as pending_suggestions
from rubric import Rubric
from rubric.errors import InputError
from rubric.model import ExpertNode

Ask = Callable[[str], str]

CONTEXT = 40  # characters of text shown either side of a quote
KEYS = (f"[a]{ACTION_NAMES['accept']}  [o]{ACTION_NAMES['override']}  "
        f"[n]{ACTION_NAMES['no_evidence']}  [s]跳过  [b]返回上一条  [q]退出")
_STYLES = {"error": "bold red", "warning": "yellow", "info": "dim"}


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
        kind = FACT_TYPE_NAMES.get(spec.type, spec.type) if spec else "?"
        return [f"[bold]事实：{escape(target_name(rubric, suggestion))}[/]"
                f"  [dim]（{kind}；可填：{escape(limits_text(rubric, suggestion))}）"
                f" {escape(suggestion.key)}[/]"]
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
        word = (SUGGESTION_STATUS_NAMES["no_evidence"] if suggestion.status == "no_evidence"
                else "依据无法在原文中核实")
        return f"[yellow]建议：{word}[/]"
    if suggestion.target == "fact":
        shown = show_value(rubric.facts.get(suggestion.key), suggestion.value)
        return f"建议取值：[bold cyan]{escape(shown)}[/]"
    points = "—" if suggestion.points is None else f"{suggestion.points:g}"
    return f"建议：[bold cyan]{escape(suggestion.tier or '')} {points} 分[/]"


def _citations(store: Store, suggestion: Suggestion, texts: dict[str, str]) -> list[str]:
    lines = []
    for number, citation in enumerate(suggestion.citations, 1):
        text = texts.setdefault(citation.document_sha256,
                                 document_text(store, citation.document_sha256))
        where = f"{Path(citation.document_path).name} {citation.location.describe()}"
        lines.append(f"  [{number}] [dim]{escape(where)}[/]")
        lines.append(f"      {quote_in_context(text, citation)}")
    return lines or ["  [dim]（无引文）[/]"]


def _findings(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["[green]形式审查：未发现问题[/]"]
    return ["形式审查发现："] + [
        f"  [{_STYLES.get(f.level, '')}]{escape(finding_name(f.code))}[/] [dim]{escape(f.code)}[/]"
        f" {escape(f.message)}"
        for f in findings]


def _latest(store: Store, rubric: Rubric, pending: Pending) -> str | None:
    s = pending.suggestion
    row = latest_decision(store, rubric.id, pending.submission, s.target, s.key)
    if row is None:
        return None
    shown = decided_text(rubric, s.target, s.key, row.decided)
    reason = f"（理由：{row.reason}）" if row.reason else ""
    return f"{ACTION_NAMES.get(row.action, row.action)} {shown}，{row.reviewer}{reason}"


def render(console: Console, store: Store, rubric: Rubric, pending: Pending, place: str,
           texts: dict[str, str]) -> None:
    console.print(panel(store, rubric, pending, place, texts))


def panel(store: Store, rubric: Rubric, pending: Pending, place: str,
          texts: dict[str, str]) -> Panel:
    """One suggestion with everything a reviewer needs to decide on it."""
    s = pending.suggestion
    body = [f"[dim]{escape(pending.path)}[/]  {escape(unit_name(store, pending.submission))}",
            *_describe(rubric, s), *map(escape, judged.context(store, rubric, pending)),
            _suggested(rubric, s),
            f"理由：{escape(s.rationale)}",
            f"置信度：{s.confidence:.0%}" + ("  [yellow]启发式建议，仅供参考[/]" if s.heuristic
                                           else ""),
            "引文：", *_citations(store, s, texts),
            *_findings(stored_findings(store, pending.submission))]
    latest = _latest(store, rubric, pending)
    if latest:
        body.append(f"[magenta]已有决定：{escape(latest)}（再次决定将追加一条并取代它）[/]")
    return Panel("\n".join(body), title=escape(place), title_align="left")


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
    state = start(store, rubric, reviewer, submission, ask, console)
    position = _next(state, -1)
    if position is None:
        console.print("没有待复核的建议。")
        return state.result
    try:
        while position is not None:
            position = _step(state, position)
    except Quit:
        state.result.quit = True
    state.result.remaining = remaining(store, rubric, reviewer, submission)
    console.print(f"本次决定 {state.result.decided} 条，跳过 {state.result.skipped} 条，"
                  f"尚有 {state.result.remaining} 条待复核。")
    return state.result


def start(store: Store, rubric: Rubric, reviewer: str, submission: str | None, ask: Ask,
          console: Console) -> _Walk:
    """A walk's state: this reviewer's suggestions (under a panel: only theirs), none done yet."""
    items = pending_suggestions(store, rubric.id, submission, pending_only=False,
                                reviewer=reviewer)
    return _Walk(store, rubric, reviewer, ask, console, items,
                 done={_key(p) for p in items if p.decided})


def remaining(store: Store, rubric: Rubric, reviewer: str, submission: str | None) -> int:
    """Suggestions still waiting for this reviewer (a fallback whose rule now holds is not)."""
    return sum(1 for p in pending_suggestions(store, rubric.id, submission, reviewer=reviewer)
               if judged.offered(store, rubric, p))


def undecided(state: _Walk) -> int:
    """How many of the walk's suggestions still wait (a fallback whose rule holds is not asked)."""
    return sum(1 for p in state.items
               if _key(p) not in state.done and judged.offered(state.store, state.rubric, p))


def _next(state: _Walk, position: int) -> int | None:
    """The next suggestion after `position` still undecided and not skipped in this walk."""
    for index in range(position + 1, len(state.items)):
        item = state.items[index]
        if _key(item) not in state.done and item.id not in state.skipped and judged.offered(
                state.store, state.rubric, item):
            return index
    return None


def _step(state: _Walk, position: int) -> int | None:
    pending = state.items[position]
    render(state.console, state.store, state.rubric, pending,
           f"第 {position + 1}/{len(state.items)} 条（待复核 {undecided(state)} 条）", state.texts)
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
                    decided=as_suggested(s))


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
        try:  # out of range is said at once, before the reason is asked
            check_decided(state.rubric, pending, decided)
        except InputError as error:
            state.say(str(error))
            continue
        return Decision(suggestion_id=pending.id, action="override", decided=decided,
                        reason=_ask_reason(state))


def check_decided(rubric: Rubric, pending: Pending, decided: Decided) -> None:
    """Refuse a value, tier or points the rubric cannot take, before any reason is typed."""
    trial = Decision(suggestion_id=pending.id, action="override", decided=decided,
                     reason="（待填）")
    decisions.validate(rubric, pending.suggestion, trial)


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
    rows = submission_paths(store)
    for test in (_exact, _same_file, _prefix, _folder):
        found = {sid for sid, path in rows if test(given, sid, path)}
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
