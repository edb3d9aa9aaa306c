"""The Excel 汇总表 and the HTML report, checked cell by cell and element by element.

A tiny batch (tests/support/scored.py: two collectives) goes through the real pipeline with the
rules extractor, a reviewer's bulk acceptance, and scoring; the reports must say what the
ScoreReport says, link only to what exists, fetch nothing, and escape everything a submission
contains.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from lxml import html as lxml_html
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from extractors.facts.base import get_extractor
from extractors.findings import finding
from intake.catalog import load_rubric
from intake.cli import app
from intake.present import report_html, report_xlsx
from intake.present.report_html import Span, highlight, page_name
from intake.present.sheet_layout import LINE_POINTS, MAX_ROW_POINTS, display_width, row_height
from intake.review import decisions
from intake.run import pipeline
from intake.score import scoring
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store import suggestions as stored_suggestions
from tests.support.scored import CITY_UNIT, COUNTY_UNIT, DEEDS, SCRIPT, Built, leftovers, make_batch

RUBRIC = "hebei-ou-2024-collective"


@pytest.fixture(scope="module")
def written(built: Built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("out")
    with Store(built.db) as store:
        report_xlsx.write_summary(built.report, built.rubric, out / "汇总表.xlsx",
                                  report_xlsx.findings_by_submission(store, built.report))
        report_html.write_html(store, built.rubric, built.report, out / "html")
    return out / "汇总表.xlsx", out / "html"


# ---- the workbook -----------------------------------------------------------------------------


def _number(value: Decimal) -> float:
    return float(value)


def test_workbook_headers(built: Built, written: tuple[Path, Path]) -> None:
    sheet = openpyxl.load_workbook(written[0])["汇总表"]
    headers = [c.value for c in sheet[report_xlsx.HEADER_ROW]]
    items = [item.id for item in built.rubric.items]
    assert headers[:4] == ["名次", "单位名称", "级别", "城市"]
    assert headers[4] == "1 网络安全和信息化领导小组…"
    assert headers[5] == "2 年度信息化资金投入情况"
    assert [h.split(" ")[0] for h in headers[4:4 + len(items)]] == items
    assert headers[4 + len(items):] == ["总分", "状态", "发现的问题", "问题代码"]
    assert built.report.title in str(sheet.cell(1, 1).value)
    assert "汇总表" in str(sheet.cell(1, 1).value)


def test_workbook_rows_equal_the_score_report(built: Built, written: tuple[Path, Path]) -> None:
    sheet = openpyxl.load_workbook(written[0])["汇总表"]
    items = [item.id for item in built.rubric.items]
    first = report_xlsx.FIRST_ROW
    assert sheet.max_row == first + len(built.report.rows) - 1
    for offset, row in enumerate(built.report.rows):
        cells = [c.value for c in sheet[first + offset]]
        result = row.result
        assert result is not None
        assert cells[:4] == [result.rank, row.unit.name,
                             {"city": "市校", "county": "县级"}[row.unit.level], "石家庄"]
        assert cells[4:4 + len(items)] == [_number(result.items[i]) for i in items]
        assert cells[4 + len(items)] == _number(result.total)
        assert cells[5 + len(items)] == "已计分"


def test_workbook_formats_and_page_setup(built: Built, written: tuple[Path, Path]) -> None:
    sheet = openpyxl.load_workbook(written[0])["汇总表"]
    items = len(built.rubric.items)
    first = report_xlsx.FIRST_ROW
    assert sheet.freeze_panes == "C3"
    assert sheet.cell(first, 1).number_format == "0"
    for column in range(5, 6 + items):  # every item's points and 总分
        assert sheet.cell(first, column).number_format == "0.0#"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.column_dimensions["B"].width >= len(CITY_UNIT) * 2
    assert all(sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQRS")


def test_rows_are_as_tall_as_their_wrapped_text(built: Built, written: tuple[Path, Path]) -> None:
    # On paper a findings cell must not spill over the units below it.
    city = next(r.submission for r in built.report.rows if r.unit.name == CITY_UNIT)
    long = [finding("over_limit", f"“事迹材料”{n}字，超过 2000 字上限") for n in range(2001, 2009)]
    workbook = openpyxl.load_workbook(io.BytesIO(
        report_xlsx.workbook_bytes(built.report, built.rubric, {city: long})))
    sheet = workbook["汇总表"]
    findings = sheet.max_column - 1  # 发现的问题, before 问题代码
    width = sheet.column_dimensions[get_column_letter(findings)].width
    heights = {}
    for r in range(report_xlsx.FIRST_ROW, sheet.max_row + 1):
        text = sheet.cell(r, findings).value or ""
        lines = sum(-(-display_width(line) // int(width - 1)) or 1
                    for line in text.split("\n"))
        heights[lines] = sheet.row_dimensions[r].height
        assert sheet.row_dimensions[r].height >= 15 * lines
    assert len(heights) > 1 and heights[max(heights)] > heights[min(heights)]
    issues = workbook["批次问题"]
    message_lines = -(-display_width(issues.cell(2, 4).value) // 59)
    assert issues.row_dimensions[2].height >= 15 * message_lines


def test_a_row_never_exceeds_excels_height_limit() -> None:
    assert row_height([("一条问题", 20)]) == LINE_POINTS + 3
    assert row_height([("\n".join(f"第{i}条问题" for i in range(60)), 20)]) == MAX_ROW_POINTS


def test_workbook_findings_column_and_batch_sheet(built: Built,
                                                  written: tuple[Path, Path]) -> None:
    workbook = openpyxl.load_workbook(written[0])
    sheet = workbook["汇总表"]
    found = {sheet.cell(r, 2).value: (sheet.cell(r, sheet.max_column - 1).value or "",
                                      sheet.cell(r, sheet.max_column).value or "")
             for r in range(report_xlsx.FIRST_ROW, sheet.max_row + 1)}
    by_name = {name: text for name, (text, _) in found.items()}
    assert by_name[COUNTY_UNIT] == "逾期报送（见批次问题第1条）"  # handed on: Chinese names
    assert found[COUNTY_UNIT][1] == "late_submission"  # the code in a column of its own
    assert "逾期报送" not in by_name[CITY_UNIT]
    assert "漏填" in by_name[CITY_UNIT] and "联系电话" in by_name[CITY_UNIT]
    assert "missing_field" in found[CITY_UNIT][1]
    assert "missing" not in by_name[CITY_UNIT] and "(" not in by_name[CITY_UNIT]
    assert "漏填" not in by_name[COUNTY_UNIT]
    issues = workbook["批次问题"]
    assert [c.value for c in issues[1]] == ["序号", "问题", "城市", "说明", "涉及单位", "问题代码"]
    assert [c.value for c in issues[2]][:3] == [1, "逾期报送", "石家庄"]
    assert issues.cell(2, 4).value == built.report.issues[0].message
    assert issues.cell(2, 5).value == COUNTY_UNIT
    assert issues.cell(2, 6).value == "late_submission"
    assert issues.max_row == 2
    assert issues.freeze_panes == "A2"


def test_workbook_of_a_pending_unit(tmp_path: Path) -> None:
    rubric = load_rubric(RUBRIC)
    with Store(tmp_path / "intake.db") as store:
        pipeline.run_batch([make_batch(tmp_path)], RUBRIC, store,
                           extractor=get_extractor("rules"))
        city = next(r for r in scoring.score_store(store, rubric).rows
                    if r.unit.name == CITY_UNIT)
        decisions.accept_all(store, rubric, "张三", city.submission)
        report = scoring.score_store(store, rubric)
        report_xlsx.write_summary(report, rubric, tmp_path / "out.xlsx")
        report_html.write_html(store, rubric, report, tmp_path / "html")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")["汇总表"]
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 2).value == COUNTY_UNIT)
    cells = [c.value for c in sheet[row]]
    items = len(rubric.items)
    assert cells[0] is None and cells[4 + items] is None  # no rank, no total: never a partial
    assert all(v is None for v in cells[4:4 + items])
    assert str(cells[5 + items]).startswith("待复核：")
    assert "暂定" in str(sheet.cell(1, 1).value)
    index = lxml_html.parse(str(tmp_path / "html" / "index.html")).getroot()
    assert "部分单位尚待复核" in index.text_content()


# ---- the HTML report --------------------------------------------------------------------------


def _pages(directory: Path) -> Iterator[Path]:
    yield directory / "index.html"
    yield from sorted((directory / "s").glob("*.html"))


def _root(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


def test_index_has_one_row_per_unit(built: Built, written: tuple[Path, Path]) -> None:
    directory = written[1]
    root = _root(directory / "index.html")
    rows = root.xpath('//table[@id="units"]/tbody/tr')
    assert len(rows) == len(built.report.rows)
    headers = [th.text_content() for th in root.xpath('//table[@id="units"]/thead/tr/th')]
    assert headers[:4] == ["名次", "单位名称", "级别", "城市"]
    assert all(th.get("data-sort") for th in root.xpath('//table[@id="units"]/thead/tr/th'))
    for tr, row in zip(rows, built.report.rows, strict=True):
        assert row.result is not None
        assert tr.get("data-submission") == row.submission
        link = tr.xpath(".//a")[0]
        assert link.text_content() == row.unit.name
        assert link.get("href") == page_name(row.submission)
        assert (directory / link.get("href")).is_file()
        total = tr.xpath('./td[contains(@class, "total")]')[0]
        assert Decimal(total.text_content()) == row.result.total
        assert Decimal(total.get("data-value")) == row.result.total
        assert tr.xpath('./td[@class="status"]')[0].text_content() == "已计分"
    assert root.xpath("//script") and "sort" in root.xpath("//script")[0].text
    assert "late_submission" in root.xpath('//ul[@id="issues"]')[0].text_content()
    problems = {tr.xpath(".//a")[0].text_content(): tr.xpath("./td")[-1].text_content()
                for tr in rows}
    assert problems == {CITY_UNIT: "1", COUNTY_UNIT: "1"}


def _page_of(directory: Path, submission: str) -> lxml_html.HtmlElement:
    return _root(directory / page_name(submission))


def test_every_citation_is_highlighted_and_linked(built: Built,
                                                  written: tuple[Path, Path]) -> None:
    directory = written[1]
    with Store(built.db) as store:
        for row in built.report.rows:
            root = _page_of(directory, row.submission)
            made = stored_suggestions.pending(store, RUBRIC, row.submission, pending_only=False)
            quotes = [c.quote for p in made for c in p.suggestion.citations]
            assert quotes, "the rules extractor cites the deeds"
            for number, quote in enumerate(quotes, start=1):
                mark = root.get_element_by_id(f"c-{number}")
                assert mark.tag == "mark"
                assert mark.text_content() == quote
            links = root.xpath('//a[starts-with(@href, "#")]')
            assert len(links) == len(quotes)
            for link in links:
                assert root.get_element_by_id(link.get("href")[1:]).tag == "mark"


def test_submission_page_shows_findings_and_decisions(built: Built,
                                                      written: tuple[Path, Path]) -> None:
    directory = written[1]
    county = next(r for r in built.report.rows if r.unit.name == COUNTY_UNIT)
    root = _page_of(directory, county.submission)
    assert root.xpath("//h1")[0].text_content() == COUNTY_UNIT
    assert "late_submission" in root.xpath('//ul[@id="findings"]')[0].text_content()
    with Store(built.db) as store:
        log = stored_decisions.audit_log(store, RUBRIC, county.submission)
    rows = root.xpath('//table[@id="decisions"]/tbody/tr')
    assert len(rows) == len(log) > 0
    assert all(tr.xpath("./td")[1].text_content() == "张三" for tr in rows)
    texts = root.xpath('//div[@class="text"]')
    assert any(DEEDS[2] in t.text_content() for t in texts)
    assert root.xpath('//a[@href="../index.html"]')
    city = next(r for r in built.report.rows if r.unit.name == CITY_UNIT)
    findings = _page_of(directory, city.submission).xpath('//ul[@id="findings"]/li')
    assert [li.xpath("./code")[0].text for li in findings] == ["missing_field"]
    assert findings[0].xpath("./code/@class") == ["code"]  # a small grey tag
    assert findings[0].text_content().startswith("漏填：")
    assert "(missing field)" not in findings[0].text_content()


def test_submission_text_is_escaped(built: Built, written: tuple[Path, Path]) -> None:
    directory = written[1]
    county = next(r for r in built.report.rows if r.unit.name == COUNTY_UNIT)
    raw = (directory / page_name(county.submission)).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in raw
    assert SCRIPT not in raw
    root = lxml_html.fromstring(raw)
    assert root.xpath("//script") == []
    assert any(SCRIPT in t.text_content() for t in root.xpath('//div[@class="text"]'))


def test_nothing_is_fetched_from_the_internet(written: tuple[Path, Path]) -> None:
    pages = list(_pages(written[1]))
    assert len(pages) == 3
    for page in pages:
        root = _root(page)
        for element in root.iter():
            for attribute in ("src", "href"):
                value = (element.get(attribute) or "").strip().lower()
                assert not value.startswith(("http://", "https://", "//")), (page, value)
        assert root.xpath("//link") == [] and root.xpath("//*[@src]") == []
        assert "http://" not in page.read_text(encoding="utf-8")
        assert "https://" not in page.read_text(encoding="utf-8")


def _pieces(root: lxml_html.HtmlElement, number: int) -> str:
    return "".join(m.text_content() for m in root.xpath(f'//mark[@data-c="{number}"]'))


@pytest.mark.parametrize("spans", [
    [(1, 0, 10), (2, 5, 15)],  # crossing
    [(1, 0, 10), (2, 0, 10)],  # the same sentence cited twice
    [(1, 0, 20), (2, 3, 6), (3, 5, 12)],  # nested, and crossing inside
    [(1, 2, 4), (2, 8, 12), (3, 12, 18)],  # apart, and touching
])
def test_overlapping_citations(spans: list[tuple[int, int, int]]) -> None:
    text = "<甲>乙丙丁&戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    marked = highlight(text, [Span(*s) for s in spans])
    root = lxml_html.fromstring(f"<div>{marked}</div>")
    assert root.text_content() == text
    covered = {i for _, start, end in spans for i in range(start, end)}
    outside = "".join(c for i, c in enumerate(text) if i not in covered)
    unmarked = "".join(root.xpath("./text()"))
    assert unmarked == outside  # the union is highlighted, nothing else
    for number, start, end in spans:
        assert root.get_element_by_id(f"c-{number}").tag == "mark"
        assert _pieces(root, number) == text[start:end]
        assert root.get_element_by_id(f"c-{number}").text_content().startswith(
            text[start:end][:1])


def test_a_span_outside_the_text_is_not_marked() -> None:
    marked = highlight("abc", [Span(1, 2, 9), Span(2, 1, 1)])
    assert str(marked) == "abc"


# ---- the command line -------------------------------------------------------------------------


def test_cli_report_writes_both(built: Built, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["report", "--xlsx", str(out / "汇总表.xlsx"), "--html",
                                      str(out / "html"), "--db", str(built.db)])
    assert result.exit_code == 0, result.output
    assert (out / "汇总表.xlsx").is_file()
    assert (out / "html" / "index.html").is_file()
    assert len(list((out / "html" / "s").glob("*.html"))) == len(built.report.rows)
    assert leftovers(out) == []
    sheet = openpyxl.load_workbook(out / "汇总表.xlsx")["汇总表"]
    assert sheet.cell(report_xlsx.HEADER_ROW, 2).value == "单位名称"


def test_cli_report_html_only(built: Built, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--html", str(tmp_path / "h"), "--db",
                                      str(built.db), "--rubric", RUBRIC])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "h" / "index.html").is_file()
    assert not list(tmp_path.glob("*.xlsx"))


def test_cli_report_needs_an_output(built: Built) -> None:
    result = CliRunner().invoke(app, ["report", "--db", str(built.db)])
    assert result.exit_code == 2
    assert "--xlsx" in result.output and "--html" in result.output


def test_cli_report_unknown_rubric(built: Built, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["report", "--xlsx", str(tmp_path / "a.xlsx"), "--db",
                                      str(built.db), "--rubric", "no-such-rubric"])
    assert result.exit_code == 2
    assert not (tmp_path / "a.xlsx").exists()





def test_cli_report_to_a_place_that_cannot_be_written(built: Built, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder")
    result = CliRunner().invoke(app, ["report", "--html", str(tmp_path / "taken"), "--db",
                                      str(built.db)])
    assert result.exit_code == 2
    assert "无法写入" in result.output
