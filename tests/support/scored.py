"""A tiny scored batch for the score and report tests: two collectives (a city unit without a
联系电话, a county unit dated after the deadline whose deeds hold a <script>) run through the real
pipeline with the rules extractor, accepted in bulk by 张三, and scored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractors.facts.base import get_extractor
from intake.catalog import load_rubric
from intake.review import decisions
from intake.run import pipeline
from intake.score import scoring
from intake.score.scoring import ScoreReport
from intake.store import Store
from rubric import Rubric
from samples import builders
from tests.support.batch import judge_rest

RUBRIC = "hebei-ou-2024-collective"
CITY_UNIT = "石家庄开放大学信息技术中心"
COUNTY_UNIT = "正定县开放大学"
DEEDS = [
    "学校成立了由校长任组长的网络安全和信息化领导小组，本年度共召开领导小组会议三次。",
    "全年信息化资金投入420万元，占年度总预算的6.4%。",
    "现有专职信息化人员6名。",
    "全年未发生网络安全事故。",
    "公众号关注人数达2.3万人。",
]
SCRIPT = "<script>alert('x')</script>"
# Each unit's own account besides the shared DEEDS, so that their 事迹材料 are not near
# duplicates of each other (near_duplicate_text is tested in test_near_duplicates.py).
OWN_WORDS = {
    "city": "中心坚持把服务基层作为工作重心，主动走访各县区教学点，听取一线教师对平台功能的意见，"
            "逐条梳理后形成改进清单，按月通报办理进度。针对老年学员使用手机学习不便的问题，中心"
            "组织青年教师编写图文操作指南，并在社区学习中心设立咨询台，手把手帮助学员完成注册和"
            "选课。面向新入职教师，中心开设了混合式教学工作坊，围绕课程设计、直播互动和作业批改"
            "分享经验，教师之间互相听课评课，逐步形成了乐于尝试新方法的氛围。",
    "county": "县开放大学地处山区，教学点分散，过去学员往返县城参加面授要花费大半天时间。学校"
              "因地制宜，依托乡镇文化站建设远程学习教室，配备简单实用的设备，由驻点辅导员负责日常"
              "管理。农忙季节学校调整课表，把辅导安排在晚上，并录制短小的回看视频，方便学员利用"
              "田间地头的零散时间学习。学校还邀请致富带头人走进课堂，讲述电商销售和种植技术，"
              "让学历教育和技能培训结合起来，受到当地群众欢迎。",
}


def _form(path: Path, name: str, address: str, opinion: str, phone: str = "0311-66000000"
          ) -> None:
    builders.collective_form(builders.Unit(folder=path.parent.name, name=name, address=address,
                                           phone=phone, summary="本单位信息化工作成效显著。",
                                           opinion=opinion), path)


def _deeds(path: Path, title: str, extra: list[str]) -> None:
    builders.deeds_docx([title, *DEEDS, *extra], path)


def make_batch(root: Path) -> Path:
    batch = root / "batch"
    city = batch / CITY_UNIT
    city.mkdir(parents=True)
    # No 联系电话: a stored finding (missing_field) for this unit.
    _form(city / "先进集体申报表.docx", CITY_UNIT, "石家庄市长安区建设北大街1号",
          "同意推荐。签章 2024年10月12日", phone="")
    _deeds(city / "事迹材料.docx", f"{CITY_UNIT}事迹材料", [OWN_WORDS["city"]])
    county = batch / COUNTY_UNIT
    county.mkdir()
    # Dated after the deadline (2024-10-18): a batch finding (late_submission) for this unit.
    _form(county / "申报表.docx", COUNTY_UNIT, "石家庄市正定县常山路1号",
          "同意推荐。签章 2024年10月25日")
    _deeds(county / "事迹材料.docx", f"{COUNTY_UNIT}信息化工作事迹材料",
           [OWN_WORDS["county"], f"门户网站首页曾出现{SCRIPT}这样的文字，已清除。"])
    return batch


@dataclass(frozen=True)
class Built:
    db: Path
    rubric: Rubric
    report: ScoreReport


def build(root: Path, accept: bool = True) -> Built:
    rubric = load_rubric(RUBRIC)
    db = root / "intake.db"
    with Store(db) as store:
        pipeline.run_batch([make_batch(root)], RUBRIC, store, extractor=get_extractor("rules"))
        if accept:
            decisions.accept_all(store, rubric, "张三")
            judge_rest(store, rubric, "张三")  # the items with no evidence: the panel's points
        return Built(db, rubric, scoring.score_store(store, rubric))


def leftovers(directory: Path) -> list[Path]:
    """Temporary files an atomic write left behind (there should be none)."""
    return [p for p in directory.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
