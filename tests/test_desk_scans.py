"""The desk's page of a scanned submission over HTTP: the OCR'd page's picture with a box per
citation, the boxes and citations linked both ways, and the picture route under the page's own
rule (no session, another reviewer's submission, a document of another submission: refused).

The scan is made here (tests/support/scans.py) and OCR'd once for the module: seconds a page.
Without the ocr extra or the CJK font the tests skip, as the other OCR tests do.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html
from starlette.testclient import TestClient

from extractors.ocr import available
from intake.catalog import load_rubric
from intake.desk.app import create_app
from intake.store import Store
from intake.store.panel import assigned_reviewers, submission_path
from intake.store.submissions import documents
from intake.store.suggestions import load_suggestions
from rubric import Rubric
from tests.support import desk as support
from tests.support import scans
from tests.support.panel import EXPERTS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(available() is not None, reason=f"ocr extra absent: {available()}"),
    pytest.mark.skipif(not scans.font_available(),
                       reason="no CJK font (fonts-wqy-microhei, scripts/sysdeps.sh) to draw scans"),
]
RUBRIC = "hebei-ou-2024-collective"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store for the module (the OCR is the cost); these tests only read it."""
    made = support.build(tmp_path_factory.mktemp("desk-scans"), scans=True)
    for name in [*EXPERTS, "组长"]:
        support.account(made, name)
    return made


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(RUBRIC)


@pytest.fixture(scope="module")
def app(db: Path, rubric: Rubric) -> Iterator[object]:
    made = create_app(db, rubric, pool_size=2)
    yield made
    made.state.desk.pool.close()


@pytest.fixture(scope="module")
def scanned(db: Path) -> tuple[str, str, list[str], list[str]]:
    """The scanned unit's submission, its scanned document's hash, its experts, the others."""
    with Store(db) as store:
        sid = next(r[0] for r in store.query("SELECT id FROM submissions")
                   if support.SCANNED.folder in submission_path(store, r[0]))
        sha = next(d.sha256 for d in documents(store, sid) if d.path.endswith(".pdf"))
        experts = assigned_reviewers(store, RUBRIC, sid)
    return sid, sha, experts, [e for e in EXPERTS if e not in experts]


def _client(app: object, name: str | None = None) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1")
    if name:
        support.log_in(client, name)
    return client


def _boxes_on_the_scan(db: Path, sid: str, sha: str) -> dict[str, tuple[float, ...]]:
    """Each quote cited on the scan, with the box its stored citation carries (in %)."""
    with Store(db) as store:
        cited = [c for _, s in load_suggestions(store, sid, RUBRIC) for c in s.citations
                 if c.document_sha256 == sha and c.box is not None]
    return {c.quote: (c.box.x0 * 100, c.box.y0 * 100) for c in cited if c.box}


def test_the_page_draws_each_cited_box_on_the_scan_linked_both_ways(db: Path, app,
                                                                    scanned) -> None:
    sid, sha, experts, _ = scanned
    page = _client(app, experts[0]).get(f"/s/{sid}")
    assert page.status_code == 200
    root = lxml_html.fromstring(page.text)
    [figure] = root.xpath("//figure[@class='scan']")
    [image] = figure.xpath(".//img")
    assert image.get("src") == f"/s/{sid}/page/{sha}/1.png"
    boxes = figure.xpath(".//*[@class='box']")
    expected = _boxes_on_the_scan(db, sid, sha)
    assert boxes and expected and "OCR" in figure.text_content()
    for box in boxes:
        number = box.get("id").removeprefix("b-")
        assert box.get("href") == f"#q-{number}" and box.xpath("string(.//*[local-name()='text'])"
                                                              ) == number
        # The box links to its citation in its suggestion, which links back to the box ...
        [cited] = root.xpath(f"//article[contains(@class, 'suggestion')]//li[@id='q-{number}']")
        assert cited.xpath(".//a[@class='to-box']/@href") == [f"#b-{number}"]
        # ... and it is drawn where the stored citation of that quote says the words stand.
        [rect] = box.xpath(".//*[local-name()='rect']")
        x, y = (float(rect.get(a).rstrip("%")) for a in ("x", "y"))
        assert expected[cited.xpath("string(.//q)")] == pytest.approx((x, y), abs=0.01)
    # Every citation the page numbers on the scan has its box, none twice.
    numbers = [b.get("id") for b in boxes]
    on_scan = root.xpath("//li[a[@class='to-box']]/@id")
    assert sorted(numbers) == sorted(n.replace("q-", "b-") for n in on_scan)
    assert len(set(numbers)) == len(numbers)


def test_the_picture_is_served_as_png_to_the_assigned_expert_and_the_lead(app, scanned
                                                                          ) -> None:
    from PIL import Image

    sid, sha, experts, _ = scanned
    for name in (experts[0], "组长"):
        answer = _client(app, name).get(f"/s/{sid}/page/{sha}/1.png")
        assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        with Image.open(io.BytesIO(answer.content)) as picture:
            assert picture.format == "PNG" and picture.width == 1000


def test_the_picture_is_refused_without_a_session(app, scanned) -> None:
    sid, sha, _, _ = scanned
    answer = _client(app).get(f"/s/{sid}/page/{sha}/1.png", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert not answer.content.startswith(b"\x89PNG")


def test_the_picture_of_another_reviewers_submission_cannot_be_had_by_editing_the_url(
        db: Path, app, scanned) -> None:
    sid, sha, experts, others = scanned
    outsider = _client(app, others[0])
    answer = outsider.get(f"/s/{sid}/page/{sha}/1.png")
    assert answer.status_code == 404 and answer.headers["content-type"].startswith("text/html")
    # Nor through one's own submission's URL with the scan's document hash put in it.
    with Store(db) as store:
        own = next(s for s in store.query("SELECT submission_id FROM assignments WHERE "
                                          "reviewer = ?", (others[0],)))[0]
    assert outsider.get(f"/s/{own}/page/{sha}/1.png").status_code == 404
    # The assigned expert gets nothing for a page that was not OCR'd or a hash not there.
    mine = _client(app, experts[0])
    assert mine.get(f"/s/{sid}/page/{sha}/2.png").status_code == 404
    assert mine.get(f"/s/{sid}/page/{'0' * 64}/1.png").status_code == 404


def test_a_scan_whose_file_is_gone_shows_a_note_instead_of_its_picture(db: Path, app,
                                                                       scanned) -> None:
    sid, sha, experts, _ = scanned
    with Store(db) as store:
        path = Path(next(d.path for d in documents(store, sid) if d.sha256 == sha))
    moved = path.with_name("已移走.pdf")
    client = _client(app, experts[0])
    path.rename(moved)
    try:
        page = client.get(f"/s/{sid}")
        picture = client.get(f"/s/{sid}/page/{sha}/1.png")
    finally:
        moved.rename(path)
    root = lxml_html.fromstring(page.text)
    [figure] = root.xpath("//figure[@class='scan']")
    assert page.status_code == 200 and not figure.xpath(".//img")
    assert "无法显示页面图像" in figure.text_content() and not root.xpath("//a[@class='to-box']")
    assert picture.status_code == 404 and "原文件已移动" in picture.text
    # Back in place, the page shows it again.
    assert client.get(f"/s/{sid}/page/{sha}/1.png").status_code == 200
