"""A small batch of collective submissions built with python-docx in tmp_path, and run into a store.

Each folder holds a 先进集体申报表 (the form in a table) and a 事迹材料 .docx whose sentences state
the facts the collective rubric asks for, so the offline rules extractor suggests values with
citations. 保定 has no phone number (a missing_field finding) and states fewer facts. Reused by
the review, Excel and report tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import docx

from extractors.facts.base import get_extractor
from intake.pipeline import RunResult, run_batch
from intake.store import Store
from rubric import Rubric

RUBRIC = "hebei-ou-2024-collective"
TITLE = "河北开放大学信息化工作先进集体申报表"

FULL_DEEDS = [
    "事迹材料",
    "本单位成立了由校长任组长的网络安全和信息化领导小组，全年召开领导小组会议3次，"
    "研究部署信息化重点工作。",
    "2024年信息化投入占年度总预算的6.4%，主要用于软件、硬件建设。",
    "现有专职信息化人员6名，负责平台运维和网络安全。",
    "网信安全管理制度健全，全年未发生网络安全事故。",
    "门户网站信息更新及时，公众号关注人数2.3万人，终身学习在线子站访问量持续增长。",
]

SMALL_DEEDS = [
    "事迹材料",
    "本单位设有网络安全和信息化领导小组，召开领导小组会议1次。",
    "信息化投入占年度总预算的2.5%。",
    "现有专职信息化人员2名。",
]


@dataclass
class Unit:
    folder: str
    name: str
    address: str = "石家庄市长安区建设北大街1号"
    head: str = "王建国"
    post: str = "主任"
    phone: str = "0311-66780001"
    summary: str = "本单位信息化工作成效显著，平台运行稳定。"
    opinion: str = "同意推荐。\n签章\n2024年10月12日"
    deeds: list[str] = field(default_factory=lambda: list(FULL_DEEDS))


UNITS = [
    Unit("石家庄开放大学", "石家庄开放大学信息技术中心"),
    Unit("保定开放大学", "保定开放大学信息中心", address="保定市莲池区东风路8号", phone="",
         deeds=list(SMALL_DEEDS)),  # no phone: a missing_field finding to show
    Unit("正定县开放大学", "正定县开放大学", address="石家庄市正定县常山路3号"),
]


def collective_form(unit: Unit, path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=5, cols=6)
    _cell(table, 0, 0, 0, "单位/部门名称")
    _cell(table, 0, 1, 5, unit.name)
    _cell(table, 1, 0, 0, "通讯地址")
    _cell(table, 1, 1, 5, unit.address)
    for column, text in enumerate(["负责人", unit.head, "职务", unit.post, "联系电话",
                                   unit.phone]):
        _cell(table, 2, column, column, text)
    _cell(table, 3, 0, 0, "突出事迹简介\n(1000字)")
    _cell(table, 3, 1, 5, f"{unit.summary}\n（详细材料另附）")
    _cell(table, 4, 0, 0, "单位意见")
    _cell(table, 4, 1, 5, unit.opinion)
    document.save(str(path))
    return path


def _cell(table: docx.table.Table, row: int, first: int, last: int, text: str) -> None:
    cell = table.cell(row, first) if first == last else table.cell(row, first).merge(
        table.cell(row, last))
    cell.text = text


def deeds_docx(paragraphs: list[str], path: Path) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def write_batch(root: Path, units: list[Unit] | None = None) -> Path:
    """One folder per unit under root/batch; returns the batch folder."""
    batch = root / "batch"
    for unit in units or UNITS:
        folder = batch / unit.folder
        folder.mkdir(parents=True, exist_ok=True)
        collective_form(unit, folder / "申报表.docx")
        deeds_docx(unit.deeds, folder / "事迹材料.docx")
    return batch


def run_into(store: Store, root: Path, units: list[Unit] | None = None) -> RunResult:
    """Write the batch and run it with the offline rules extractor into the store."""
    return run_batch([write_batch(root, units)], RUBRIC, store, extractor=get_extractor("rules"),
                     jobs=1)


def template_store(root: Path) -> Path:
    """Build the batch and its store once (for a module or session); copy it per test."""
    db = root / "template.db"
    with Store(db) as store:
        run_into(store, root)
    return db


def copy_store(template: Path, target: Path) -> Path:
    """A private copy of a closed store (WAL checkpointed on close, so one file holds it all)."""
    target.write_bytes(template.read_bytes())
    return target


def decisions_dump(store: Store) -> list[tuple[object, ...]]:
    """Every column of every decision row, in id order: for 'nothing changed' checks."""
    return [tuple(row) for row in store.query("SELECT * FROM decisions ORDER BY id")]


def judge_rest(store: Store, rubric: Rubric, reviewer: str = "评审组",
               points: float = 0) -> int:
    """Give `points` to every item still waiting for a reviewer's points (a bulk acceptance gives
    none), recorded as the reviewer's decisions with a reason."""
    from intake import decisions, judged

    made = [decisions.Decision(suggestion_id=p.id, action="override",
                               decided=decisions.Decided(points=points),
                               reason="测试：评审组给分")
            for p in decisions.suggestions(store, rubric.id)
            if decisions.needs_points(rubric, p.suggestion) and judged.offered(store, rubric, p)]
    return decisions.record(store, rubric, reviewer, made, "terminal") if made else 0
