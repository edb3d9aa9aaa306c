"""A desk to test against: the test batch plus a unit whose deeds carry <script> and javascript:
links (and, when asked, a unit whose 事迹材料 is a scanned PDF), a panel of five experts and a 组长
(two experts per submission), and helpers that invite, set a password and log in through the
pages, as a reviewer would."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from extractors.facts.base import get_extractor
from intake.catalog import load_rubric
from intake.desk import auth
from intake.panel import service
from intake.run.pipeline import run_batch
from intake.store import Store
from tests.support.batch import FULL_DEEDS, UNITS, Unit, write_batch
from tests.support.panel import ROSTER

PASSWORD = "正确的密码-correct-horse"
SCRIPT = "<script>alert('desk')</script>"
LINK = '<a href="javascript:alert(1)">点此查看</a>'
HOSTILE = Unit("廊坊开放大学", "廊坊开放大学信息中心", address="廊坊市广阳区新华路5号", deeds=[
    FULL_DEEDS[0],
    f"现有专职信息化人员5名{SCRIPT}，负责平台运维。",
    f"详见 javascript:alert(2) 与 {LINK}。",
    *FULL_DEEDS[1:3],
])


SCANNED = Unit("承德开放大学", "承德开放大学信息中心", address="承德市双桥区南营子大街7号")
SCANNED_DEEDS = "事迹材料.pdf"  # printed and scanned: a picture-only PDF the run OCRs


def build(root: Path, *, panel: bool = True, scans: bool = False) -> Path:
    """The store, with the roster and assignment when `panel`; with `scans`, one more unit whose
    事迹材料 is a scan (needs the ocr extra and the CJK font; seconds of OCR)."""
    root.mkdir(parents=True, exist_ok=True)
    db = root / "desk.db"
    rubric = load_rubric("hebei-ou-2024-collective")
    units = [*UNITS, HOSTILE, *([SCANNED] if scans else [])]
    batch = write_batch(root, units)
    if scans:
        _scan_deeds(batch / SCANNED.folder)
    with Store(db) as store:
        run_batch([batch], rubric.id, store, extractor=get_extractor("rules"), jobs=1)
        roster = root / "评审组.csv"
        roster.write_text(ROSTER, encoding="utf-8")
        service.import_roster(store, roster, "管理员")
        if panel:
            service.make_assignment(store, rubric, 2, "管理员")
    return db


def _scan_deeds(folder: Path) -> None:
    from tests.support import scans  # reportlab and the CJK font, only when asked for

    (folder / "事迹材料.docx").unlink()
    scans.text_scan_pdf(folder / SCANNED_DEEDS, f"{SCANNED.name}事迹材料", SCANNED.deeds[1:])


def account(db: Path | str, name: str, password: str = PASSWORD) -> None:
    """An invited reviewer who has set a password (through the store, not the page)."""
    with Store(db) as store:
        token = auth.invite(store, name)
        auth.set_password(store, token, password, password)


def csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "the page has no CSRF field"
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    page = client.get("/login")
    done = client.post("/login", data={"csrf": csrf(page.text), "name": name,
                                       "password": password}, follow_redirects=False)
    assert done.status_code == 303, done.text
