"""`intake review` on a terminal: a full-screen Textual app over the same walk.

One key per action (a 接受, o 改判, n 无证据, s 跳过, b 上一条, c 引文全文, q 退出), the screen
redrawn in place instead of scrolling. `c` opens the whole text of the cited documents with every
quote highlighted, scrolled to the first. An override asks the new value (or tier and points),
checks it against the rubric as it is typed and on Enter, and asks the reason only once the value
fits. Decisions go through intake.review.decisions exactly as in the line-based walk (walk.py),
which stays for pipes, scripts and tests; this module only decides how a reviewer gives them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, Input, Label, Static

from extractors.facts.models import Suggestion
from intake.glossary import ACTION_NAMES
from intake.review import decisions, walk
from intake.review.values import limits_text, parse_points, parse_tier, parse_value, tier_for
from intake.store import Store
from intake.store.decisions import Decided, Decision
from intake.store.submissions import document_text
from intake.store.suggestions import Pending
from rubric import Rubric
from rubric.errors import InputError
from rubric.model import ExpertNode


class ContextScreen(ModalScreen[None]):
    """The whole text of each cited document, every quote highlighted; Esc or c closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "关闭"),
                                             Binding("c", "dismiss", "关闭")]
    DEFAULT_CSS = ("ContextScreen { align: center middle; } #context { width: 90%; height: 90%;"
                   " border: round $accent; background: $surface; padding: 0 1; }")

    def __init__(self, store: Store, suggestion: Suggestion) -> None:
        super().__init__()
        self.text, self.first_line = _context(store, suggestion)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="context"):
            yield Static(self.text, id="context-text")

    def on_mount(self) -> None:
        self.query_one("#context", VerticalScroll).scroll_to(y=max(0, self.first_line - 3),
                                                             animate=False)


def _context(store: Store, suggestion: Suggestion) -> tuple[Text, int]:
    """The cited documents' texts with the quotes highlighted, and the line of the first quote."""
    shown, first = Text(), None
    for sha in dict.fromkeys(c.document_sha256 for c in suggestion.citations):
        cited = [c for c in suggestion.citations if c.document_sha256 == sha]
        text = document_text(store, sha)
        shown.append(f"{Path(cited[0].document_path).name}\n", style="bold underline")
        start = len(shown)
        shown.append(text + "\n\n")
        for c in cited:
            if text[c.start:c.end] == c.quote:
                shown.stylize("bold black on yellow", start + c.start, start + c.end)
                if first is None:
                    first = shown.plain[:start + c.start].count("\n")
    if not suggestion.citations:
        shown.append("（这条建议没有引文）", style="dim")
    return shown, first or 0


class OverrideScreen(ModalScreen[Decision | None]):
    """The new value (or tier and points), checked as typed; then the reason. Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "取消")]
    DEFAULT_CSS = ("OverrideScreen { align: center middle; } #override { width: 80%;"
                   " height: auto; border: round $warning; background: $surface; padding: 1 2; }"
                   " #error { color: $error; } #reason { display: none; }")

    def __init__(self, rubric: Rubric, pending: Pending) -> None:
        super().__init__()
        self.rubric, self.pending = rubric, pending
        self.decided: Decided | None = None
        s = pending.suggestion
        self.node = rubric.nodes().get(s.key) if s.target == "item" else None
        self.tiers = isinstance(self.node, ExpertNode) and bool(self.node.tiers)

    def compose(self) -> ComposeResult:
        s = self.pending.suggestion
        with Vertical(id="override"):
            yield Label(f"改判：{walk.target_name(self.rubric, s)}"
                        f"（可填：{limits_text(self.rubric, s)}）")
            if self.tiers:
                yield Input(placeholder="档次（如 第一档 或 1；可空）", id="tier")
            yield Input(placeholder="新的取值" if s.target == "fact" else "分值", id="value")
            yield Label("", id="error")
            yield Input(placeholder="改判理由（必填）", id="reason")

    def _decided(self) -> Decided:
        """The typed value as a decision's value; InputError when the rubric cannot take it."""
        s = self.pending.suggestion
        raw = self.query_one("#value", Input).value.strip()
        if s.target == "fact":
            spec = self.rubric.facts.get(s.key)
            if spec is None:
                raise InputError(f"{s.key}: 评分细则中没有这一事实")
            decided = Decided(value=parse_value(spec, raw))
        else:
            tier = (parse_tier(self.node, self.query_one("#tier", Input).value.strip())
                    if self.tiers else None)
            points = parse_points(raw)
            decided = Decided(tier=tier_for(self.node, points, tier), points=points)
        walk.check_decided(self.rubric, self.pending, decided)
        return decided

    def _checked(self) -> Decided | None:
        try:
            decided = self._decided()
        except InputError as error:
            self.query_one("#error", Label).update(str(error))
            return None
        self.query_one("#error", Label).update("")
        return decided

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("value", "tier") and self.query_one("#value", Input).value.strip():
            self._checked()  # said while typing, not after the reason

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "tier":
            self.query_one("#value", Input).focus()
        elif event.input.id == "value":
            self.decided = self._checked()
            if self.decided is not None:
                reason = self.query_one("#reason", Input)
                reason.display = True
                reason.focus()
        elif event.input.id == "reason":
            self._finish(event.value.strip())

    def _finish(self, reason: str) -> None:
        if self.decided is None:
            return
        if not reason:
            self.query_one("#error", Label).update("改判必须填写理由。")
            return
        self.dismiss(Decision(suggestion_id=self.pending.id, action="override",
                              decided=self.decided, reason=reason))

    def action_cancel(self) -> None:
        self.dismiss(None)


def _no_answers(prompt: str) -> str:
    raise EOFError  # the app never asks through the line-based prompt


class ReviewApp(App[walk.WalkResult]):
    """The walk of walk.py, shown full screen; returns what the walk returns."""

    TITLE = "intake 复核"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", ACTION_NAMES["accept"]),
        Binding("o", "override", ACTION_NAMES["override"]),
        Binding("n", "no_evidence", ACTION_NAMES["no_evidence"]),
        Binding("s", "skip", "跳过"), Binding("b", "back", "上一条"),
        Binding("c", "context", "引文全文"), Binding("q", "quit_walk", "退出"),
    ]

    def __init__(self, store: Store, rubric: Rubric, reviewer: str,
                 submission: str | None = None) -> None:
        super().__init__()
        self.submission = submission
        # The walk's own state and moves (next, back, skip), with a console nobody reads.
        self.state = walk.start(store, rubric, reviewer, submission, _no_answers,
                                Console(file=io.StringIO()))
        self.position = walk._next(self.state, -1)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("", id="status")
        with VerticalScroll(id="body"):
            yield Static("", id="suggestion")
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    @property
    def current(self) -> Pending | None:
        return None if self.position is None else self.state.items[self.position]

    def _show(self) -> None:
        pending = self.current
        if pending is None:
            self._finish()
            return
        place = (f"第 {self.position + 1}/{len(self.state.items)} 条"
                 f"（待复核 {walk.undecided(self.state)} 条）")
        self.query_one("#suggestion", Static).update(
            walk.panel(self.state.store, self.state.rubric, pending, place, self.state.texts))
        self.query_one("#status", Label).update(
            f"复核人 {self.state.reviewer} · 本次已决定 {self.state.result.decided} 条")
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)

    def _record(self, decision: Decision | None) -> None:
        pending = self.current
        if decision is None or pending is None:
            return
        try:
            decisions.record(self.state.store, self.state.rubric, self.state.reviewer,
                             [decision], "terminal")
        except InputError as error:
            self.notify(f"未记录：{error}", severity="error")
            return
        self.state.done.add(walk._key(pending))
        self.state.skipped.discard(pending.id)
        self.state.result.decided += 1
        self.notify(f"已记录：{ACTION_NAMES[decision.action]}")
        self.position = walk._forward(self.state, self.position)
        self._show()

    def action_accept(self) -> None:
        if self.current is not None:
            self._record(walk._accept(self.state, self.current))

    def action_no_evidence(self) -> None:
        if self.current is not None:
            self._record(walk._no_evidence(self.state, self.current))

    def action_override(self) -> None:
        if self.current is not None:
            self.push_screen(OverrideScreen(self.state.rubric, self.current), self._record)

    def action_skip(self) -> None:
        if self.current is not None:
            self.state.skipped.add(self.current.id)
            self.state.result.skipped += 1
            self.position = walk._forward(self.state, self.position)
            self._show()

    def action_back(self) -> None:
        if self.position is None:
            return
        back = walk._back(self.state, self.position)
        if back is None:
            self.notify("已经是第一条了。")
            return
        self.position = back
        self._show()

    def action_context(self) -> None:
        if self.current is not None:
            self.push_screen(ContextScreen(self.state.store, self.current.suggestion))

    def action_quit_walk(self) -> None:
        self.state.result.quit = True
        self._finish()

    def _finish(self) -> None:
        result = self.state.result
        result.remaining = walk.remaining(self.state.store, self.state.rubric,
                                          self.state.reviewer, self.submission)
        self.exit(result)
