"""A scanned submission on the desk in a real browser (Playwright, the system Chromium): the page
picture loads under the desk's Content-Security-Policy, the cited boxes are drawn over it, and a
citation's link brings its box into view (and the box leads back to the citation).

The scan is OCR'd once for the module. Skipped, with the reason, where Chromium, playwright, the
ocr extra or the CJK font is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from extractors.ocr import available
from intake.catalog import load_rubric
from intake.store import Store
from intake.store.panel import assigned_reviewers, submission_path
from tests.support import desk as support
from tests.support import scans
from tests.support.browser import CHROMIUM, MISSING, browser_page

playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="the playwright package is not installed")
RUBRIC = "hebei-ou-2024-collective"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason=MISSING),
    pytest.mark.skipif(available() is not None, reason=f"ocr extra absent: {available()}"),
    pytest.mark.skipif(not scans.font_available(),
                       reason="no CJK font (fonts-wqy-microhei, scripts/sysdeps.sh) to draw scans"),
]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """The served desk, the scanned submission and one expert assigned to it."""
    from tests.support.served import serving

    db = support.build(tmp_path_factory.mktemp("desk-browser-scans"), scans=True)
    with Store(db) as store:
        sid = next(r[0] for r in store.query("SELECT id FROM submissions")
                   if support.SCANNED.folder in submission_path(store, r[0]))
        expert = assigned_reviewers(store, RUBRIC, sid)[0]
    support.account(db, expert)
    with serving(db, load_rubric(RUBRIC)) as url:
        yield url, sid, expert


@pytest.fixture
def page():
    with browser_page(viewport={"width": 1280, "height": 640}) as opened:
        yield opened


def test_the_scan_shows_its_boxes_and_a_citation_brings_its_box_into_view(desk, page) -> None:
    url, sid, expert = desk
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{url}/login")
    page.fill("input[name=name]", expert)
    page.fill("input[name=password]", support.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/$"))
    page.goto(f"{url}/s/{sid}")
    picture = page.locator("figure.scan img")
    picture.wait_for()
    assert page.evaluate("() => document.querySelector('figure.scan img').naturalWidth") == 1000
    shown = picture.bounding_box()
    links = page.locator("a.to-box")
    assert links.count() == page.locator("figure.scan .box").count() > 0
    last = links.nth(links.count() - 1)  # the lowest citation: its box is far up the page
    target = last.get_attribute("href") or ""
    box = page.locator(target)
    drawn = page.locator(f"{target} rect").bounding_box()
    assert shown and drawn and drawn["width"] > 20 and drawn["height"] > 5
    # Over the picture, not beside it.
    assert shown["x"] <= drawn["x"] and drawn["x"] + drawn["width"] <= shown["x"] + shown["width"]
    last.scroll_into_view_if_needed()
    playwright_api.expect(box).not_to_be_in_viewport()
    last.click()
    assert page.url.endswith(target)
    playwright_api.expect(box).to_be_in_viewport()
    # And the box leads back to the citation in its suggestion.
    page.locator(f"{target} rect").click()
    number = target.removeprefix("#b-")
    assert page.url.endswith(f"#q-{number}")
    playwright_api.expect(page.locator(f"#q-{number}")).to_be_in_viewport()
    assert refused == []
