"""A small batch of collective submissions written in tmp_path with the samples' builders, and run
into a store.

Each folder holds a 先进集体申报表 (the form in a table) and a 事迹材料 .docx whose sentences state
the facts the collective rubric asks for, so the offline rules extractor suggests values with
citations. 保定 has no phone number (a missing_field finding) and states fewer facts. Reused by
the review, Excel and report tests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractors.facts.base import get_extractor
from extractors.facts.models import ExtractionResult
from intake.review import decisions
from intake.run import judged
from intake.run.pipeline import RunResult, run_batch
from intake.store import Store
from intake.store.decisions import Decided, Decision
from intake.store.suggestions import pending
from rubric import Rubric
from samples import builders

RUBRIC = "hebei-ou-2024-collective"

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
class Unit(builders.Unit):
    """A unit of the test batch: the samples' Unit with a complete form and deeds by default."""

    address: str = "石家庄市长安区建设北大街1号"
    summary: str = "本单位信息化工作成效显著，平台运行稳定。"
    deeds: list[str] = field(default_factory=lambda: list(FULL_DEEDS))


UNITS = [
    Unit("石家庄开放大学", "石家庄开放大学信息技术中心"),
    Unit("保定开放大学", "保定开放大学信息中心", address="保定市莲池区东风路8号", phone="",
         deeds=list(SMALL_DEEDS)),  # no phone: a missing_field finding to show
    Unit("正定县开放大学", "正定县开放大学", address="石家庄市正定县常山路3号"),
]


def write_batch(root: Path, units: list[Unit] | None = None) -> Path:
    """One folder per unit under root/batch; returns the batch folder."""
    batch = root / "batch"
    for unit in units or UNITS:
        folder = batch / unit.folder
        folder.mkdir(parents=True, exist_ok=True)
        builders.collective_form(unit, folder / "申报表.docx")
        builders.deeds_docx(unit.deeds, folder / "事迹材料.docx")
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
    made = [Decision(suggestion_id=p.id, action="override", decided=Decided(points=points),
                     reason="测试：评审组给分")
            for p in pending(store, rubric.id)
            if judged.needs_points(rubric, p.suggestion) and judged.offered(store, rubric, p)]
    return decisions.record(store, rubric, reviewer, made, "terminal") if made else 0


@dataclass
class RecordingExtractor:
    """The rules extractor, noting in a file the process that ran each extraction (one pid a
    line), so a test can tell which submissions were extracted, and where."""

    log: Path
    name: str = "rules"

    def suggest(self, submission: Any, rubric: Any) -> ExtractionResult:
        with self.log.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return get_extractor("rules").suggest(submission, rubric)
