"""The full-screen review (Textual), driven by Textual's Pilot: single keys decide, an override's
value is checked before the reason is asked, `c` shows the whole text of a citation, and every
decision lands in the audit log like the line-based walk's."""

from __future__ import annotations

import asyncio
import html
import json
import re

from textual.widgets import Input, Label

from intake.review import walk as review
from intake.review.app import ContextScreen, OverrideScreen, ReviewApp
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store.submissions import document_text
from rubric import Rubric

RUBRIC = "hebei-ou-2024-collective"
SJZ = "石家庄开放大学"


def _run(app: ReviewApp, steps) -> review.WalkResult:
    async def drive() -> None:
        async with app.run_test(size=(110, 40)) as pilot:
            await steps(app, pilot)

    asyncio.run(drive())
    assert app.return_value is not None
    return app.return_value


def _screen_text(app: ReviewApp) -> str:
    """The characters on the screen, as the reviewer sees them (from Textual's screenshot)."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


def test_keys_decide_and_an_override_is_checked_before_its_reason(store: Store,
                                                                  rubric: Rubric) -> None:
    sid = review.resolve_submission(store, SJZ)
    seen: dict[str, object] = {}

    async def steps(app: ReviewApp, pilot) -> None:
        seen["first"] = app.current.suggestion.key
        await pilot.press("a")  # group_meetings: accepted with one key, no Enter
        seen["second"] = app.current.suggestion.key
        await pilot.press("o")
        screen = app.screen
        assert isinstance(screen, OverrideScreen)
        await pilot.press("1", "5", "0")  # 150%: out of range for a percent of the budget
        seen["live"] = str(screen.query_one("#error", Label).render())
        await pilot.press("enter")
        seen["reason_shown"] = screen.query_one("#reason", Input).display
        screen.query_one("#value", Input).value = "7.5"
        await pilot.press("enter")
        assert screen.query_one("#reason", Input).display and screen.focused.id == "reason"
        screen.query_one("#reason", Input).value = "预算表为7.5%"
        await pilot.press("enter")
        await pilot.pause()
        seen["third"] = _screen_text(app)
        await pilot.press("q")

    result = _run(ReviewApp(store, rubric, "张老师", sid), steps)
    assert result.decided == 2 and result.quit
    assert (seen["first"], seen["second"]) == ("group_meetings", "it_budget_share")
    assert "100" in str(seen["live"]) and seen["reason_shown"] is False
    log = stored_decisions.audit_log(store, RUBRIC, sid)
    assert [(r.key, r.action, r.source) for r in log] == [
        ("group_meetings", "accept", "terminal"), ("it_budget_share", "override", "terminal")]
    assert log[1].decided.value == 7.5 and log[1].reason == "预算表为7.5%"
    assert "事实：" in str(seen["third"]) and "整数" in str(seen["third"])


def test_c_shows_the_whole_text_of_the_citation(store: Store, rubric: Rubric) -> None:
    sid = review.resolve_submission(store, SJZ)
    seen: dict[str, str] = {}

    async def steps(app: ReviewApp, pilot) -> None:
        citation = app.current.suggestion.citations[0]
        seen["document"] = document_text(store, citation.document_sha256)
        await pilot.press("c")
        assert isinstance(app.screen, ContextScreen)
        seen["shown"] = app.screen.text.plain
        await pilot.press("escape")
        assert not isinstance(app.screen, ContextScreen)
        await pilot.press("s", "b", "q")  # skip, back to it, quit: nothing decided

    result = _run(ReviewApp(store, rubric, "张老师", sid), steps)
    assert seen["document"].strip() and seen["document"] in seen["shown"]  # all of it
    assert result.decided == 0 and stored_decisions.audit_log(store, RUBRIC, sid) == []
    assert json.dumps(result.remaining)  # counted at the end
