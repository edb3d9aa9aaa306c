"""The review desk in a real browser: Playwright driving the system Chromium (never a downloaded
one) against the desk served by uvicorn on 127.0.0.1. Skipped, with the reason, where Chromium or
the playwright package is absent."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from intake.catalog import load_rubric
from intake.review import decisions
from intake.store import Store
from intake.store.decisions import Decided, Decision, audit_log
from intake.store.panel import assigned_reviewers, assigned_to
from intake.store.suggestions import load_suggestions
from tests.support import desk as support
from tests.support.browser import CHROMIUM, MISSING, browser_page

playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="the playwright package is not installed")
RUBRIC = "hebei-ou-2024-collective"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=MISSING)


@pytest.fixture
def desk(tmp_path: Path):
    from tests.support.served import serving

    db = support.build(tmp_path)
    for name in ("乙", "组长"):
        support.account(db, name)
    with serving(db, load_rubric(RUBRIC)) as url:
        yield db, url


@pytest.fixture
def page():
    with browser_page(accept_downloads=True) as opened:
        yield opened


def _log_in(page, url: str, name: str) -> None:
    page.goto(f"{url}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", support.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))


def _total(page) -> int:
    return int(page.text_content("#pending-total") or "-1")


def _disagreement(db: Path) -> str:
    """Two experts far apart on item 5 of a submission 乙 is not on."""
    rubric = load_rubric(RUBRIC)
    with Store(db) as store:
        mine = set(assigned_to(store, RUBRIC, "乙"))
        sid = next(r[0] for r in store.query("SELECT DISTINCT submission_id FROM assignments")
                   if r[0] not in mine)
        found = next(i for i, s in load_suggestions(store, sid, RUBRIC) if s.key == "5")
        for name, points in zip(assigned_reviewers(store, RUBRIC, sid), (10, 4), strict=True):
            decisions.record(store, rubric, name, [Decision(
                suggestion_id=found, action="override", decided=Decided(points=points),
                reason="独立评分")], "terminal")
    return sid


def test_a_reviewer_and_the_lead_work_through_the_desk(desk, page) -> None:
    db, url = desk
    _log_in(page, url, "乙")
    before = _total(page)
    page.click("#assignments a")
    cards = page.locator("article.suggestion")
    first = cards.nth(0)
    first.locator("button.accept").click()
    page.wait_for_load_state()
    # the next undecided suggestion has the keyboard's focus: o opens its override
    item = page.locator("article.suggestion:not(.decided)").filter(
        has=page.locator("input[name=points]")).first
    item.locator("summary").click()
    item.locator("input[name=points]").fill("0")
    item.locator("input[name=reason]").fill("材料未写明具体成效")
    item.locator("button[value=override]").click()
    page.wait_for_load_state()
    assert page.locator("article.suggestion.decided").count() == 2
    page.goto(f"{url}/")
    assert _total(page) == before - 2
    with Store(db) as store:
        made = [(r.action, r.source) for r in audit_log(store) if r.reviewer == "乙"]
    assert made == [("accept", "desk"), ("override", "desk")]

    sid = _disagreement(db)
    page.click("text=退出")
    _log_in(page, url, "组长")
    page.goto(f"{url}/lead")
    form = page.locator(f"form.resolve:has(input[value='{sid}'])")
    form.locator("input[name=points]").fill("8")
    form.locator("input[name=reason]").fill("合议后取中间")
    form.locator("button").click()
    page.wait_for_selector("text=已记录组长裁定")
    with Store(db) as store:
        assert audit_log(store, RUBRIC, sid)[-1].source == "lead"
    with page.expect_download() as info:
        page.click("#download-xlsx")
    saved = Path(info.value.path())
    assert info.value.suggested_filename == "汇总表.xlsx"
    sheet = load_workbook(io.BytesIO(saved.read_bytes())).worksheets[0]
    assert any("石家庄开放大学" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_keyboard_shortcuts_accept_and_hostile_text_stays_inert(desk, page) -> None:
    db, url = desk
    with Store(db) as store:
        hostile = next(s for s, p in store.query("SELECT id, path FROM submissions")
                       if p.endswith("廊坊开放大学"))
        expert = assigned_reviewers(store, RUBRIC, hostile)[0]
    support.account(db, expert)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _log_in(page, url, expert)
    page.goto(f"{url}/s/{hostile}")
    assert "<script>alert('desk')</script>" in page.inner_text("section.documents")
    assert page.locator("section.documents a").count() == 0
    page.keyboard.press("a")
    page.wait_for_selector("article.suggestion.decided")
    assert dialogs == []
    with Store(db) as store:
        assert [r.source for r in audit_log(store) if r.reviewer == expert] == ["desk"]
