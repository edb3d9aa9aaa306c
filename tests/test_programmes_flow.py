"""The two other programmes of the source documents, each the whole way a reviewer takes it:
check → run → review → score → report.

先进个人 (Hebei 2024): the person is the unit, each 评选条件 is suggested with citations and
confirmed by a reviewer, the result is 推荐 / 不推荐 / 待复核 by the rule the rubric states, and the
推荐名单 holds each city's nominees against its quota. Xunke 2018: school reports without a form,
and totals only after a reviewer gives the judged points (酌情记分), in the terminal and in Excel.
The batches are those of `samples/make_programme_samples.py`, written afresh into tmp.
"""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from lxml import html as lxml_html
from rich.console import Console
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.review import decisions
from intake.review import walk as review
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store import suggestions as stored_suggestions

ROOT = Path(__file__).parent.parent
INDIVIDUAL, XUNKE = "hebei-ou-2024-individual", "xunke-2018-school"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("programmes")
    script = runpy.run_path(str(ROOT / "samples" / "make_programme_samples.py"))
    script["main"](["make_programme_samples.py", str(out)])
    return out


def cli(*args: str, input: str | None = None) -> Any:
    result = CliRunner().invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


def score_json(db: Path, rubric: str) -> dict[str, Any]:
    return json.loads(cli("score", "--rubric", rubric, "--db", str(db), "--format",
                          "json").output)


def texts_hold_quotes(store: Store, sid: str, rubric: str) -> None:
    for pending in stored_suggestions.pending(store, rubric, sid, pending_only=False):
        for citation in pending.suggestion.citations:
            [row] = store.query("SELECT text FROM documents WHERE sha256 = ?",
                                (citation.document_sha256,))
            assert row["text"][citation.start:citation.end] == citation.quote


# ---- 先进个人 -----------------------------------------------------------------------------------


def test_individuals_from_files_to_the_推荐名单(samples: Path, tmp_path: Path) -> None:
    batch, db = samples / "individuals", tmp_path / "i.db"
    checked = cli("check", str(batch), "--format", "json").output
    assert "missing_form" not in checked and checked.count('"kind": "individual"') == 6
    cli("run", str(batch), "--rubric", INDIVIDUAL, "--db", str(db))

    with Store(db) as store:
        zhang = review.resolve_submission(store, "个人-张伟")
        assert zhang is not None
        facts = {p.suggestion.key: p.suggestion
                 for p in stored_suggestions.pending(store, INDIVIDUAL, zhang)}
        assert set(facts) == {"criterion_1", "criterion_2", "criterion_3", "criterion_4",
                              "it_post"}
        assert facts["criterion_2"].value is True and facts["criterion_2"].heuristic
        assert any("一网通" in c.quote for c in facts["criterion_2"].citations)
        assert facts["it_post"].value is True  # 信息技术中心主任
        texts_hold_quotes(store, zhang, INDIVIDUAL)
        # The reviewer reads the first condition of 张伟 and finds it not shown: 改判 否.
        console = Console(record=True, width=140)
        answers = iter(["o", "否", "材料未体现骨干作用以外的显著成绩", "q"])
        review.walk(store, load_rubric(INDIVIDUAL), "王老师", zhang,
                    ask=lambda _: next(answers), console=console)
        assert "张伟（石家庄开放大学）" in console.export_text()
    cli("review", "--accept-all", "--reviewer", "演示复核人", "--rubric", INDIVIDUAL, "--db",
        str(db))

    report = score_json(db, INDIVIDUAL)
    people = {p["name"]: p for c in report["shortlist"] for p in c["people"]}
    assert people["张伟"]["status"] == "not_recommended"  # condition 1 (required) overridden
    assert people["刘洋"]["conditions_met"] == ["1", "3", "4"]  # 图书馆馆员: condition 4 counts
    assert people["赵敏"]["level"] == "county" and people["赵敏"]["frontline"]
    assert people["陈静"]["status"] == "not_recommended"  # general praise only
    assert people["周杰"]["status"] == "recommended"
    cities = {c["city"]: c for c in report["shortlist"]}
    assert [c["city"] for c in report["shortlist"]] == ["石家庄", "唐山", "保定", ""]
    assert (cities["石家庄"]["quota"], cities["石家庄"]["recommended"]) == (2, 1)
    assert cities[""]["quota"] is None  # 附件2 gives 省校 departments no quota
    codes = [f["code"] for f in report["findings"]]
    assert codes == ["quota_exceeded"]  # and no collective finding under this programme
    assert "推荐先进个人3名" in report["findings"][0]["message"]
    assert all(n in report["findings"][0]["message"] for n in ("张伟", "孙磊", "赵敏"))
    assert {u["unit"]["person"]["name"] for u in report["units"]} == set(people)

    xlsx, html_dir = tmp_path / "名单.xlsx", tmp_path / "html"
    cli("report", "--rubric", INDIVIDUAL, "--db", str(db), "--xlsx", str(xlsx), "--html",
        str(html_dir))
    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    assert sheet.title == "推荐名单"
    rows = [r for r in sheet.iter_rows(values_only=True) if any(r)]
    assert any(str(r[0]).startswith("石家庄开放大学（已推荐 / 名额：1 / 2") for r in rows)
    assert ("孙磊", "石家庄开放大学", "市校", "教务处干事") in [r[1:5] for r in rows]
    page = lxml_html.parse(str(html_dir / "index.html")).getroot()
    first = page.xpath('//table[@class="shortlist"]')[0]
    assert first.get("data-city") == "石家庄"
    assert [td.text_content() for td in first.xpath(".//tbody/tr[1]/td")][1] == "孙磊"


# ---- Xunke ------------------------------------------------------------------------------------


@pytest.fixture
def xunke_db(samples: Path, tmp_path: Path) -> Path:
    db = tmp_path / "x.db"
    checked = cli("check", str(samples / "xunke"), "--rubric", "xunke-2018", "--format",
                  "json").output
    assert "missing_form" not in checked and "unknown_form" not in checked
    cli("run", str(samples / "xunke"), "--rubric", XUNKE, "--db", str(db))
    cli("metrics", "import", str(samples / "xunke-metrics.csv"), "--rubric", XUNKE, "--db",
        str(db))
    return db


def test_xunke_school_names_come_from_the_reports_marked_as_guesses(xunke_db: Path) -> None:
    names = {u["path"].split("/")[-1]: u["unit"]["name"] for u in
             score_json(xunke_db, XUNKE)["units"]}
    assert names["奇克镇中心学校"] == "逊克县奇克镇中心学校"  # from the opening sentence
    assert names["干岔子乡中心学校"] == "干岔子乡中心学校"  # the title names it first
    shown = cli("score", "--rubric", XUNKE, "--db", str(xunke_db)).output
    assert "逊克县第一中学（推断）" in shown


def test_accept_all_leaves_the_judged_points_and_says_so(xunke_db: Path) -> None:
    out = cli("review", "--accept-all", "--reviewer", "演示复核人", "--rubric", XUNKE, "--db",
              str(xunke_db)).output
    assert "另有 11 项须评审给分" in out
    # 12 and 17 always; a fallback (2.2, 8.3) only where the report does not meet its rule: 奇克镇's
    # rules are "不够完整" and it missed two months, 第一中学 names no complete maintenance rules.
    fallbacks = {"奇克镇中心学校": {"item:2.2", "item:8.3"}, "逊克县第一中学": {"item:2.2"}}
    for unit in score_json(xunke_db, XUNKE)["units"]:
        assert unit["status"] == "pending" and unit["total"] is None
        school = unit["path"].split("/")[-1]
        assert set(unit["pending"]) == {"item:12", "item:17", *fallbacks.get(school, set())}


def test_xunke_totals_after_judged_points_in_the_terminal_and_in_excel(
        xunke_db: Path, samples: Path, tmp_path: Path) -> None:
    cli("review", "--accept-all", "--reviewer", "演示复核人", "--rubric", XUNKE, "--db",
        str(xunke_db))
    # In the terminal: 逊克县第一中学's three items (in key order 12, 17, 2.2; its 8.3 rule holds:
    # it reports monthly), each with its rule and range shown.
    answers = "".join(f"o\n{p}\n{why}\n" for p, why in
                      (("4", "空间更新较好"), ("5", "规范装订"), ("2", "制度齐全")))
    walked = cli("review", "逊克县第一中学", "--reviewer", "县评审组", "--rubric", XUNKE, "--db",
                 str(xunke_db), input=answers + "q\n").output
    assert "规则原文：2、有符合本校实际的维护管理制度等,记2分,否则酌情记分。" in walked
    assert "可给分值：0-5 分，以 0.5 分为单位" in walked  # item 12, 酌情记分
    # The facts the rule saw: confirmed "no evidence" by the bulk acceptance.
    assert ("依据事实：有符合本校实际的维护管理制度（完整）（maintenance_rules）= 无证据（未知）"
            in walked)
    assert "本次决定 3 条" in walked and "尚有 0 条待复核" in walked
    units = {u["path"].split("/")[-1]: u for u in score_json(xunke_db, XUNKE)["units"]}
    assert units["逊克县第一中学"]["status"] == "scored"
    assert units["逊克县第一中学"]["items"]["12"] == 4
    assert units["奇克镇中心学校"]["status"] == "pending"

    # In Excel: the other three schools' 8 items, filled as a panel would and imported.
    exported, filled = tmp_path / "待评分.xlsx", tmp_path / "给分.xlsx"
    assert "已导出 8 条" in cli("review", "export", str(exported), "--rubric", XUNKE, "--db",
                                str(xunke_db)).output
    sheet = openpyxl.load_workbook(exported)["待复核"]
    header = [c.value for c in sheet[1]]
    reasons = [r[header.index("建议理由")] for r in sheet.iter_rows(min_row=2, values_only=True)
               if r[header.index("键")] == "8.3"]
    assert len(reasons) == 1 and all("规则原文：3、按月上报" in r and "可给分值：0-5 分" in r
                                     for r in reasons)
    fill = runpy.run_path(str(ROOT / "samples" / "fill_review.py"))["fill"]
    count, _ = fill(exported, samples / "xunke-judged.csv", filled)
    assert count == 8
    cli("review", "import", str(filled), "--reviewer", "县评审组", "--rubric", XUNKE, "--db",
        str(xunke_db))
    report = score_json(xunke_db, XUNKE)
    assert all(u["status"] == "scored" and u["total"] is not None for u in report["units"])
    totals = {u["path"].split("/")[-1]: u for u in report["units"]}
    assert totals["奇克镇中心学校"]["items"]["8"] == 3  # 8.3 酌情记分 3 of 5
    assert totals["逊克县实验小学"]["items"]["11"] == 15  # the best 班班通 use: full 15
    with Store(xunke_db) as store:
        sources = {r.source for r in stored_decisions.audit_log(store, XUNKE)
                   if r.key in ("2.2", "8.3", "12", "17")}
    assert sources == {"terminal", "excel"}


def test_a_fallback_is_not_asked_for_once_its_rule_holds(xunke_db: Path, tmp_path: Path) -> None:
    rubric = load_rubric(XUNKE)
    with Store(xunke_db) as store:
        school = review.resolve_submission(store, "逊克县实验小学")
        assert school is not None
        [fact] = [p for p in stored_suggestions.pending(store, XUNKE, school)
                  if p.suggestion.key == "maintenance_rules"]
        decisions.record(store, rubric, "县评审组", [stored_decisions.Decision(
            suggestion_id=fact.id, action="override", decided=stored_decisions.Decided(value=True),
            reason="报告写明建立了完整的维护管理制度")], "terminal")
    exported = tmp_path / "x.xlsx"
    cli("review", "export", str(exported), "--rubric", XUNKE, "--db", str(xunke_db),
        "--submission", "逊克县实验小学")
    sheet = openpyxl.load_workbook(exported)["待复核"]
    key = [c.value for c in sheet[1]].index("键")
    asked = [r[key] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert "2.2" not in asked and {"8.3", "12", "17"} <= set(asked)


def test_batch_findings_belong_to_the_programme_that_defines_them(tmp_path: Path) -> None:
    # The collective sample batch holds collectives and two individuals in one store.
    db = tmp_path / "both.db"
    for rubric in ("hebei-ou-2024-collective", INDIVIDUAL):
        cli("run", str(ROOT / "samples" / "batch"), "--rubric", rubric, "--db", str(db))
    collective = {f["code"] for f in score_json(db, "hebei-ou-2024-collective")["findings"]}
    individual = {f["code"] for f in score_json(db, INDIVIDUAL)["findings"]}
    assert "no_county_collective" in collective and "quota_exceeded" not in collective
    assert "no_county_collective" not in individual
    people = {u["unit"]["person"]["name"] for u in score_json(db, INDIVIDUAL)["units"]}
    assert people == {"李明", "王芳"}
