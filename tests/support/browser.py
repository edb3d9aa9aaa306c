"""The system Chromium for the desk's browser tests, driven by Playwright (never a downloaded
browser): where it is, the flags it runs headless with on a machine without a screen, and a page
in a fresh context."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
MISSING = "Chromium not installed (make sysdeps installs it)"


@contextmanager
def browser_page(**context: Any) -> Iterator[Any]:
    """A page of a new browser context (`context`: Playwright's new_context options)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        opened = browser.new_context(**context)
        try:
            yield opened.new_page()
        finally:
            opened.close()
            browser.close()
