"""Issue 12, case 7: units whose 事迹材料 or 突出事迹简介 share most of their text are a
`near_duplicate_text` finding, the shared passages cited (verified) in both submissions and shown
in the HTML report; the threshold is the programme's (rubric data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.score import scoring, similar
from intake.store import Store
from tests.support.batch import Unit, write_batch

RUBRIC = "hebei-ou-2024-collective"

COPIED = [
    "事迹材料",
    "近年来，我校把信息化建设作为推动办学转型的关键抓手，成立了由校长任组长的网络安全和信息化"
    "领导小组，每季度专题研究一次平台建设与数据安全工作，形成了分管领导牵头、信息中心落实、"
    "各教学点配合的工作格局。",
    "学校投入专项资金改造了六个教学点的录播教室，新建直播课堂三间，实现了县域教学点全覆盖，"
    "乡镇学员不出村即可参加直播辅导和在线考试，全年直播教学累计一千二百余场。",
    "在网络安全方面，学校落实等级保护要求，对门户网站和学习平台开展季度漏洞扫描，建立了值班"
    "巡检和应急处置制度，全年未发生网络安全事故。",
]
OWN = [
    "事迹材料",
    "本单位立足社区教育，围绕老年学员的数字鸿沟问题，编写了手机应用入门读本，组织志愿者走进"
    "街道开展一对一辅导，帮助三百多名老人学会了线上挂号和视频通话。",
    "中心还与电视台合作录制了十二期养生保健节目，在终身学习网同步播出，点击量稳步增长，"
    "社区学员满意度调查中好评率达到九成以上。",
]
SUMMARY = ("学校以智慧校园建设为主线，建成覆盖全市的远程教学平台，开通直播课堂二十间，全年组织"
           "教师信息化培训八期，参训教师四百余人次，学员在线学习时长同比增长三成，平台运行平稳，"
           "数据每日异地备份，全年未发生网络安全事故，信息化工作获得上级部门通报表扬。")
SUMMARY_EDITED = SUMMARY.replace("二十间", "十八间").replace("八期", "六期").replace("四百", "三百")


def units() -> list[Unit]:
    return [
        Unit("01唐山", "唐山开放大学", deeds=list(COPIED)),
        Unit("02邯郸", "邯郸开放大学", deeds=list(COPIED)),
        Unit("03邢台", "邢台开放大学", deeds=list(COPIED)),
        Unit("04衡水", "衡水开放大学", deeds=list(OWN), summary=SUMMARY),
        Unit("05沧州", "沧州开放大学", deeds=[*OWN[:1], "本单位建成了社区学习点十个。" * 3],
             summary=SUMMARY_EDITED),
    ]


def intake(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("near")
    db = root / "intake.db"
    intake("run", str(write_batch(root, units())), "--rubric", RUBRIC, "--db", str(db),
           "--jobs", "1")
    return db, json.loads(intake("score", "--format", "json", "--db", str(db)))


def names(report: dict) -> dict[str, str]:
    return {u["submission"]: u["unit"]["name"] for u in report["units"]}


def test_copied_deeds_and_a_lightly_edited_summary_are_found(built: tuple[Path, dict]) -> None:
    _, report = built
    unit = names(report)
    found = {(o["kind"], frozenset(unit[s] for s in o["submissions"]))
             for o in report["overlaps"]}
    # Three copies are one group: each of the other two is named with the one it was found near.
    copied = {"唐山开放大学", "邯郸开放大学", "邢台开放大学"}
    deeds = [pair for kind, pair in found if kind == "deeds"]
    assert len(deeds) == 2 and set().union(*deeds) == copied
    assert ("突出事迹简介", frozenset({"衡水开放大学", "沧州开放大学"})) in found
    assert len(found) == 3
    findings = [f for f in report["findings"] if f["code"] == "near_duplicate_text"]
    assert len(findings) == 3 and all(f["level"] == "warning" for f in findings)
    assert all(len(f["submissions"]) == 2 for f in findings)


def test_shared_passages_are_verified_citations_in_both(built: tuple[Path, dict]) -> None:
    db, report = built
    with Store(db) as store:
        texts = {r["sha256"]: r["text"] for r in store.query("SELECT sha256, text FROM documents")}
        owner = {(r["submission_id"], r["sha256"]) for r in store.query(
            "SELECT submission_id, sha256 FROM submission_documents")}
    for overlap in report["overlaps"]:
        assert overlap["passages"]
        for passage in overlap["passages"]:
            for side, submission in zip(("first", "second"), overlap["submissions"],
                                        strict=True):
                cited = passage[side]
                assert texts[cited["document_sha256"]][cited["start"]:cited["end"]] == \
                    cited["quote"]
                assert (submission, cited["document_sha256"]) in owner
    deeds = next(o for o in report["overlaps"] if o["kind"] == "deeds")
    quotes = "".join(p["first"]["quote"] for p in deeds["passages"])
    assert "录播教室" in quotes and "等级保护" in quotes
    summary = next(o for o in report["overlaps"] if o["kind"] == "突出事迹简介")
    assert any("远程教学平台" in p["first"]["quote"] for p in summary["passages"])
    assert not any("二十间" in p["first"]["quote"] for p in summary["passages"])  # edited


def test_html_pages_highlight_the_shared_passages(built: tuple[Path, dict],
                                                  tmp_path: Path) -> None:
    db, report = built
    intake("report", "--html", str(tmp_path / "html"), "--db", str(db))
    first, second = next(o["submissions"] for o in report["overlaps"] if o["kind"] == "deeds")
    for here, there in ((first, second), (second, first)):  # both pages show the pair
        page = (tmp_path / "html" / "s" / f"{here[:12]}.html").read_text("utf-8")
        assert "与其他单位相同的文字" in page and names(report)[there] in page
        assert f'href="../s/{there[:12]}.html"' in page
    [number] = {n for n in range(1, 40) if f'href="#c-{n}">[{n}] “近年来' in page}
    assert f'<mark id="c-{number}"' in page
    index = (tmp_path / "html" / "index.html").read_text("utf-8")
    assert index.count("near_duplicate_text") == 3


def test_the_threshold_is_the_programmes(built: tuple[Path, dict]) -> None:
    db, report = built
    rubric = load_rubric(RUBRIC)
    strict = rubric.model_copy(update={"near_duplicates": rubric.near_duplicates.model_copy(
        update={"threshold": 0.99})})
    with Store(db) as store:
        kinds = [o.kind for o in similar.find_overlaps(store, strict, names(report))]
        assert kinds == ["deeds"] * 2  # the edited summary is below 99 %
        assert len(scoring.score_store(store, rubric).overlaps) == 3
