"""The HTML report's sorting script, run in a real browser: Chromium headless, where installed.

The page is the report of the sample batch; a script appended to a copy clicks column headers
the way a reviewer would, and Chromium's --dump-dom gives the table as the script left it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import html as lxml_html

from extractors.facts.base import get_extractor
from intake.catalog import load_rubric
from intake.present import report_html
from intake.review import decisions
from intake.run import pipeline
from intake.score import scoring
from intake.store import Store
from tests.support.batch import judge_rest

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
RUBRIC = "hebei-ou-2024-collective"
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))),
                None)
# The flags keep a headless Chromium off the network and away from the user's profile.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed: the sorting script runs in a browser only")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    rubric = load_rubric(RUBRIC)
    with Store(root / "intake.db") as store:
        pipeline.run_batch([SAMPLES / "batch"], RUBRIC, store, extractor=get_extractor("rules"))
        decisions.accept_all(store, rubric, "张三")
        judge_rest(store, rubric, "张三")
        report_html.write_html(store, rubric, scoring.score_store(store, rubric), root / "html")
    return root / "html" / "index.html"


def after_clicks(index: Path, *headers: str) -> lxml_html.HtmlElement:
    """The page's DOM after clicking the named column headers in order."""
    clicks = "".join(f"click({json.dumps(name)});" for name in headers)
    script = ("<script>function click(name) {"
              "for (const th of document.querySelectorAll('#units th'))"
              " { if (th.textContent === name) { th.click(); } } }" + clicks + "</script>")
    page = index.with_name(f"clicked-{len(list(index.parent.glob('clicked-*')))}.html")
    page.write_text(index.read_text(encoding="utf-8").replace("</body>", script + "</body>"),
                    encoding="utf-8")
    assert CHROMIUM is not None
    profile = page.with_suffix(".profile")
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    return lxml_html.fromstring(dom.stdout)


def column(root: lxml_html.HtmlElement, header: str) -> list[str]:
    heads = [th.text_content() for th in root.xpath('//table[@id="units"]/thead/tr/th')]
    at = heads.index(header) + 1
    cells = root.xpath(f'//table[@id="units"]/tbody/tr/td[{at}]')
    return [td.text_content().strip() for td in cells]


def sorted_by(root: lxml_html.HtmlElement) -> list[tuple[str, str]]:
    return [(th.text_content(), th.get("aria-sort"))
            for th in root.xpath('//table[@id="units"]/thead/tr/th[@aria-sort]')]


def totals(root: lxml_html.HtmlElement) -> list[Decimal | None]:
    return [None if t == "—" else Decimal(t) for t in column(root, "总分")]


def test_clicking_总分_sorts_by_points_up_then_down(index: Path) -> None:
    before = totals(lxml_html.parse(str(index)).getroot())
    numbers = [t for t in before if t is not None]
    unscored = len(before) - len(numbers)
    assert unscored == 2  # 廊坊 (a scan) and 衡水 (unreadable): listed, without a total
    up = after_clicks(index, "总分")
    assert totals(up) == sorted(numbers) + [None] * unscored  # no total: last either way
    assert sorted_by(up) == [("总分", "ascending")]
    down = after_clicks(index, "总分", "总分")
    assert totals(down) == sorted(numbers, reverse=True) + [None] * unscored
    assert sorted_by(down) == [("总分", "descending")]


def test_clicking_单位名称_sorts_by_pinyin(index: Path) -> None:
    names = column(after_clicks(index, "单位名称"), "单位名称")
    assert names == ["保定开放大学信息中心", "沧州开放大学", "衡水开放大学", "廊坊开放大学",
                     "秦皇岛开放大学", "石家庄开放大学信息技术中心", "唐山开放大学", "邢台开放大学",
                     "正定县开放大学"]


def test_whole_rows_move_together(index: Path) -> None:
    def rows(root: lxml_html.HtmlElement) -> list[tuple[str, ...]]:
        return list(zip(*(column(root, h) for h in ("单位名称", "城市", "总分", "名次")),
                        strict=True))

    before = rows(lxml_html.parse(str(index)).getroot())
    after = rows(after_clicks(index, "城市"))
    assert sorted(after) == sorted(before) and after != before
    pinyin = ["保定", "沧州", "衡水", "廊坊", "秦皇岛", "石家庄", "唐山", "邢台"]
    assert [city for _, city, _, _ in after] == sorted((c for _, c, _, _ in before),
                                                       key=pinyin.index)
