"""`intake review`: the terminal walk driven by scripted answers, bulk acceptance, the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.review import decisions, values
from intake.review import walk as review
from intake.run import judged
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store import suggestions as stored_suggestions
from rubric import Rubric
from rubric.errors import InputError
from tests.support.batch import FULL_DEEDS, Unit, decisions_dump, run_into

RUBRIC = "hebei-ou-2024-collective"
SJZ = "石家庄开放大学"
BD = "保定开放大学"


class Script:
    """Answers a reviewer types, in order; running out means the input ended (EOF)."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []

    def __call__(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


def console() -> Console:
    return Console(record=True, width=200, color_system=None)


def walk(store: Store, rubric: Rubric, script: Script, submission: str | None = SJZ,
         reviewer: str = "张老师") -> tuple[review.WalkResult, str]:
    out = console()
    sid = review.resolve_submission(store, submission)
    result = review.walk(store, rubric, reviewer, sid, ask=script, console=out)
    return result, out.export_text()


def keys_before(store: Store, submission: str, key: str) -> int:
    """How many pending suggestions the walk shows before this key's (to skip to it)."""
    sid = review.resolve_submission(store, submission)
    keys = [p.suggestion.key for p in stored_suggestions.pending(store, RUBRIC, sid)]
    return keys.index(key)


def latest(store: Store) -> list[dict[str, object]]:
    """The audit log as rows of the decisions table (values as the JSON stored)."""
    return [{**row.model_dump(), "suggested": row.suggested.model_dump_json(),
             "decided": row.decided.model_dump_json()}
            for row in stored_decisions.audit_log(store, RUBRIC)]


# ---- the walk ----------------------------------------------------------------------------------


def test_walk_accept_override_no_evidence_back_and_quit(store: Store, rubric: Rubric) -> None:
    script = Script("a",  # group_meetings 3: accept
                    "o", "7.5", "", "预算表显示为7.5%",  # it_budget_share: reason asked again
                    "x", "n",  # an unknown key, then it_staff: no evidence
                    "b",  # back to it_staff
                    "o", "5", "核对人员名册为5人",  # a new decision on it, appended
                    "q")
    result, text = walk(store, rubric, script)
    assert result.decided == 4 and result.quit
    rows = latest(store)
    assert [(r["key"], r["action"], r["reason"]) for r in rows] == [
        ("group_meetings", "accept", None),
        ("it_budget_share", "override", "预算表显示为7.5%"),
        ("it_staff", "no_evidence", None),
        ("it_staff", "override", "核对人员名册为5人"),
    ]
    assert {r["reviewer"] for r in rows} == {"张老师"} and {r["source"] for r in rows} == {
        "terminal"}
    assert json.loads(str(rows[1]["suggested"]))["value"] == 6.4
    assert json.loads(str(rows[1]["decided"]))["value"] == 7.5
    assert "改判必须填写理由" in text and "请输入 a、o、n、s、b 或 q 之一" in text
    assert "已有决定：无证据" in text  # going back shows what was decided
    sid = review.resolve_submission(store, SJZ)
    assert sid is not None
    facts = stored_decisions.confirmed(store, RUBRIC, sid).facts
    assert facts["group_meetings"] == 3 and facts["it_budget_share"] == 7.5
    assert facts["it_staff"] == 5  # the later decision supersedes


def test_walk_resumes_where_the_reviewer_left_off(store: Store, rubric: Rubric) -> None:
    walk(store, rubric, Script("a", "a", "q"))
    pending = stored_suggestions.pending(store, RUBRIC, review.resolve_submission(store, SJZ))
    result, text = walk(store, rubric, Script("a"))  # the input ends after one answer
    assert result.decided == 1 and result.quit
    assert [r["key"] for r in latest(store)] == ["group_meetings", "it_budget_share",
                                                 pending[0].suggestion.key]
    first_panel = text.split("╰")[0]
    assert pending[0].suggestion.key in first_panel and "group_meetings" not in first_panel


def test_override_refused_by_the_rubric_is_asked_again(store: Store, rubric: Rubric) -> None:
    script = Script("o", "-2", "3", "会议纪要共3份", "q")  # group_meetings minimum 0
    _, text = walk(store, rubric, script)
    rows = latest(store)
    assert len(rows) == 1 and json.loads(str(rows[0]["decided"]))["value"] == 3
    asked = [p.split("（")[0] for p in script.prompts[1:4]]
    assert asked == ["新的取值", "新的取值", "改判理由"]  # refused at once, before the reason
    assert "事实：领导小组会议召开次数" in text and "整数" in text and "(int" not in text


def test_override_of_an_expert_item_takes_tier_and_points(store: Store, rubric: Rubric) -> None:
    skip = ["s"] * keys_before(store, SJZ, "4")
    script = Script(*skip, "o", "第一档", "5", "", "9", "公众号关注人数2.3万人，用户多", "q")
    result, text = walk(store, rubric, script)
    assert "5 分不属于第一档" in text
    (row,) = latest(store)
    assert row["key"] == "4" and row["action"] == "override"
    assert json.loads(str(row["decided"])) == {"value": None, "tier": "第一档", "points": 9.0}
    assert result.skipped == len(skip)


def test_accepting_no_evidence_confirms_zero_points(store: Store, rubric: Rubric) -> None:
    skip = ["s"] * keys_before(store, SJZ, "12")
    walk(store, rubric, Script(*skip, "a", "q"))
    (row,) = latest(store)
    assert (row["key"], row["action"]) == ("12", "no_evidence")
    sid = review.resolve_submission(store, SJZ)
    assert sid is not None
    assert stored_decisions.confirmed(store, RUBRIC, sid).points["12"] == 0.0


def test_enum_override_by_label_or_number(store: Store, rubric: Rubric) -> None:
    skip = ["s"] * keys_before(store, SJZ, "leading_group")
    walk(store, rubric, Script(*skip, "o", "有领导小组", "组长为副校长", "q"))
    assert json.loads(str(latest(store)[0]["decided"]))["value"] == "exists"


def test_back_at_the_first_suggestion_says_so(store: Store, rubric: Rubric) -> None:
    result, text = walk(store, rubric, Script("b", "q"))
    assert "已经是第一条了" in text and result.decided == 0


def test_the_panel_shows_descriptor_citation_context_and_findings(store: Store,
                                                                    rubric: Rubric) -> None:
    _, text = walk(store, rubric, Script("q"), submission=BD)
    panel = text.split("╰")[0]
    assert "领导小组会议召开次数（本年度）" in panel and "建议取值：1" in panel
    assert "置信度：85%" in panel and "事迹材料.docx 第2段" in panel
    assert "本单位设有网络安全和信息化领导小组，召开领导小组会议1次" in panel
    assert "事迹材料 ⏎ 本单位" in panel  # text before the quote
    assert "missing_field" in panel  # 保定 has no phone number


def test_item_panel_shows_tiers_and_heuristic(store: Store, rubric: Rubric) -> None:
    skip = ["s"] * keys_before(store, SJZ, "4")
    _, text = walk(store, rubric, Script(*skip, "q"))
    panel = text.split("╰")[-2]
    assert "指标 4 信息门户及新媒体建设" in panel and "第一档 8-10 分" in panel
    assert "建议：第二档 5 分" in panel and "启发式建议" in panel
    assert "公众号关注人数2.3万人" in panel


def test_submission_text_is_shown_not_interpreted_as_markup(tmp_path: Path,
                                                            rubric: Rubric) -> None:
    deeds = [*FULL_DEEDS[:2], "[bold red]请给满分[/bold red]，现有专职信息化人员6名。"]
    with Store(tmp_path / "m.db") as store:
        run_into(store, tmp_path, [Unit("衡水开放大学", "衡水开放大学", deeds=deeds)])
        skip = ["s"] * keys_before(store, "衡水开放大学", "it_staff")
        _, text = walk(store, rubric, Script(*skip, "q"), submission="衡水开放大学")
    assert "[bold red]请给满分[/bold red]" in text


def test_quote_in_context_highlights_and_escapes() -> None:
    from extractors.document import Location
    from extractors.facts.models import Citation

    text = "前文[b]" + "x" * 50 + "引文[i]内容" + "y" * 50
    start = text.index("引文")
    citation = Citation(document_sha256="0", document_path="a.docx", start=start,
                        end=start + 7, quote="引文[i]内容", location=Location())
    shown = review.quote_in_context(text, citation, width=10)
    assert shown.startswith("…") and shown.endswith("…")
    assert "[bold black on yellow]引文\\[i]内容[/]" in shown


def test_walk_needs_a_reviewer(store: Store, rubric: Rubric) -> None:
    with pytest.raises(InputError, match="复核人"):
        review.walk(store, rubric, "  ", ask=Script(), console=console())


# ---- parsing what reviewers type ---------------------------------------------------------------


@pytest.mark.parametrize(("fact", "typed", "value"), [
    ("it_staff", "6", 6), ("it_budget_share", "6.4%", 6.4), ("it_budget_share", "5", 5),
    ("leading_group", "headed_by_principal", "headed_by_principal"),
    ("leading_group", "学校主要领导任组长", "headed_by_principal"), ("leading_group", "1", "none"),
    ("teacher_online_days", "12.5", 12.5),
])
def test_parse_value_by_fact_type(rubric: Rubric, fact: str, typed: str, value: object) -> None:
    assert values.parse_value(rubric.facts[fact], typed) == value


@pytest.mark.parametrize(("fact", "typed"), [
    ("it_staff", "6.5"), ("it_staff", "六"), ("leading_group", "有"), ("it_budget_share", ""),
])
def test_parse_value_refuses(rubric: Rubric, fact: str, typed: str) -> None:
    with pytest.raises(InputError):
        values.parse_value(rubric.facts[fact], typed)


@pytest.mark.parametrize(("typed", "value"), [
    ("是", True), ("否", False), ("y", True), ("n", False), ("true", True), ("False", False),
])
def test_parse_bool(typed: str, value: bool) -> None:
    from rubric.model import FactSpec

    assert values.parse_value(FactSpec(type="bool", description="有"), typed) is value


# ---- rubric and submission choice --------------------------------------------------------------


def test_submission_by_folder_path_or_id(store: Store) -> None:
    row = store.query("SELECT id, path FROM submissions WHERE path LIKE ?", (f"%{SJZ}",))[0]
    assert review.resolve_submission(store, SJZ) == row["id"]
    assert review.resolve_submission(store, row["path"]) == row["id"]
    assert review.resolve_submission(store, row["id"][:10]) == row["id"]
    assert review.resolve_submission(store, None) is None
    with pytest.raises(InputError, match="没有申报材料"):
        review.resolve_submission(store, "邯郸开放大学")


# ---- bulk acceptance, the audit log, append-only ------------------------------------------------


def test_accept_all_is_recorded_as_a_bulk_acceptance(db: Path) -> None:
    result = CliRunner().invoke(app, ["review", SJZ, "--accept-all", "--reviewer", "李老师",
                                      "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        rows = latest(store)
        sid = review.resolve_submission(store, SJZ)
        rubric = load_rubric(RUBRIC)
        left = stored_suggestions.pending(store, RUBRIC, sid)
        # Only items that wait for a reviewer's points stay: a bulk acceptance gives none.
        assert left and all(judged.needs_points(rubric, p.suggestion) for p in left)
        assert f"另有 {len(left)} 项须评审给分" in result.output
        assert not {p.suggestion.key for p in left} & {r["key"] for r in rows}
        assert len(stored_suggestions.pending(store, RUBRIC)) > len(left)  # others still pending
    assert f"已批量接受 {len(rows)} 条" in result.output
    assert {r["source"] for r in rows} == {"accept_all"}
    assert {r["action"] for r in rows} == {"bulk_accept", "no_evidence"}
    bulk = [r for r in rows if r["action"] == "bulk_accept"]
    assert {r["key"] for r in bulk} >= {"group_meetings", "it_budget_share", "4"}
    assert all(r["reason"] == "批量接受 (--accept-all)" for r in rows)


def test_cli_walk_reads_answers_from_stdin(db: Path) -> None:
    result = CliRunner().invoke(app, ["review", "--db", str(db), "--reviewer", "张老师", SJZ],
                                input="a\no\n7\n\n预算核对\nq\n")
    assert result.exit_code == 0, result.output
    assert "本次决定 2 条" in result.output
    with Store(db) as store:
        assert [r["action"] for r in latest(store)] == ["accept", "override"]


def test_cli_review_without_reviewer_is_a_usage_error(db: Path) -> None:
    for args in (["review", "--db", str(db)], ["review", SJZ, "--accept-all", "--db", str(db)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2
        assert "--reviewer" in result.output
    with Store(db) as store:
        assert latest(store) == []


def test_cli_unknown_submission_is_a_usage_error(db: Path) -> None:
    result = CliRunner().invoke(app, ["review", "邯郸开放大学", "--reviewer", "张", "--db",
                                      str(db)])
    assert result.exit_code == 2 and "没有申报材料" in result.output


def test_review_log_prints_and_changes_nothing(db: Path, store: Store, rubric: Rubric) -> None:
    walk(store, rubric, Script("a", "o", "7", "预算表为7%", "q"))
    decisions.accept_all(store, rubric, "李老师", review.resolve_submission(store, BD))
    before = decisions_dump(store)
    table = CliRunner().invoke(app, ["review", "log", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "张老师" in table.output and "预算表为7%" in table.output
    assert "6.4% → 7%" in table.output and "批量接受" in table.output
    as_json = CliRunner().invoke(app, ["review", "log", SJZ, "--format", "json", "--db",
                                       str(db)])
    rows = json.loads(as_json.stdout)["decisions"]
    assert [(r["key"], r["action"], r["reviewer"]) for r in rows] == [
        ("group_meetings", "accept", "张老师"), ("it_budget_share", "override", "张老师")]
    assert rows[1]["suggested"]["value"] == 6.4 and rows[1]["decided"]["value"] == 7
    assert rows[1]["reason"] == "预算表为7%" and rows[1]["path"].endswith(SJZ)
    assert decisions_dump(store) == before


def test_decisions_cannot_be_updated_or_deleted(store: Store, rubric: Rubric) -> None:
    walk(store, rubric, Script("a", "q"))
    before = decisions_dump(store)
    for sql in ("UPDATE decisions SET reason = 'changed'", "DELETE FROM decisions"):
        with pytest.raises(DBAPIError, match="append-only"):
            store.write(lambda db, sql=sql: db.execute(sql))
    assert decisions_dump(store) == before
