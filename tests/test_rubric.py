"""`intake rubric list|show|lint|score`: what a reviewer runs, its JSON contract and its errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.present import rubric as present_rubric
from rubric import score

runner = CliRunner()

FACTS: dict[str, Any] = {
    "leading_group": "headed_by_principal", "group_meetings": 2, "it_budget_share": 6.4,
    "it_staff": 4, "security_policy": "complete", "security_incident": "none",
    "teacher_online_days": 12.5, "platform_logins_per_capita": 3.0,
}
POINTS: dict[str, Any] = {"4": 9, "5": 8, "6": 6, "7": 5, "8": 8, "12": 7}


def values(tmp_path: Path, units: list[dict[str, Any]] | None = None,
           rubric: str = "hebei-ou-2024-collective") -> Path:
    if units is None:
        units = [
            {"id": "sjz", "name": "石家庄开放大学", "level": "city", "city": "石家庄",
             "facts": FACTS, "points": POINTS},
            {"id": "ts", "name": "唐山开放大学", "level": "city", "city": "唐山",
             "facts": {**FACTS, "teacher_online_days": 20.0, "security_incident": "major"},
             "points": POINTS},
            {"id": "xj", "name": "辛集市开放大学", "level": "county", "city": "石家庄",
             "facts": {**FACTS, "it_budget_share": 2.5}, "points": {**POINTS, "4": 10}},
        ]
    path = tmp_path / "values.json"
    path.write_text(json.dumps({"rubric": rubric, "units": units}, ensure_ascii=False),
                    encoding="utf-8")
    return path


def run(*args: str) -> Any:
    return runner.invoke(app, ["rubric", *args])


def test_list() -> None:
    result = run("list")
    assert result.exit_code == 0
    for rubric_id in ("hebei-ou-2024-collective", "hebei-ou-2024-individual", "xunke-2018-school"):
        assert rubric_id in result.stdout
    assert "4 条评选条件" in result.stdout


def test_show_table_has_items_rules_and_readings() -> None:
    result = run("show", "hebei-ou-2024-collective")
    assert result.exit_code == 0
    assert "信息门户及新媒体建设" in result.stdout and "第一档 8-10分" in result.stdout
    individual = run("show", "hebei-ou-2024-individual")
    assert "爱岗敬业" in individual.stdout and "石家庄开放大学" in individual.stdout


def test_show_json_keeps_numbers_as_numbers() -> None:
    result = run("show", "xunke-2018-school", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["id"] == "xunke-2018-school" and data["maximum"] == 100
    ratio = next(i for i in data["items"] if i["id"] == "11")
    assert ratio["maximum"] == 15 and ratio["kind"] == "ratio"
    item3 = next(i for i in data["items"] if i["id"] == "3")
    office = next(p for p in item3["parts"] if p["id"] == "3.2")
    assert [r["points"] for r in office["rules"]] == [2, 1.5, 1, 0.5]


def test_show_unknown_rubric_exits_2_naming_the_known_ones() -> None:
    result = run("show", "nope")
    assert result.exit_code == 2
    assert "nope" in result.stderr and "hebei-ou-2024-collective" in result.stderr
    assert "Traceback" not in result.output


def test_lint_one_rubric_as_json() -> None:
    result = run("lint", "hebei-ou-2024-collective", "--format", "json")
    assert result.exit_code == 0
    findings = json.loads(result.stdout)
    assert [(f["item"], f["code"]) for f in findings] == [
        ("2", "overlap"), ("2", "overlap"), ("3", "overlap"), ("3", "overlap"),
        ("7", "tier_maximum_mismatch"), ("11", "overlap"), ("12", "no_tiers")]
    assert all(set(f) == {"item", "code", "message"} for f in findings)


def test_lint_all_adds_the_rubric() -> None:
    result = run("lint", "--format", "json")
    assert result.exit_code == 0
    findings = json.loads(result.stdout)
    assert {f["rubric"] for f in findings} == {"hebei-ou-2024-collective",
                                                "hebei-ou-2024-individual"}
    assert [f["code"] for f in findings if f["rubric"] == "hebei-ou-2024-individual"] == [
        "selection_unstated"]  # 满足下列条件的: all or any is not said
    assert all(set(f) == {"rubric", "item", "code", "message"} for f in findings)


def test_lint_table() -> None:
    result = run("lint")
    assert result.exit_code == 0
    assert "tier_maximum_mismatch" in result.stdout and "no_tiers" in result.stdout
    clean = run("lint", "xunke-2018-school")
    assert clean.exit_code == 0 and "未发现问题" in clean.stdout


def test_score_json_contract(tmp_path: Path) -> None:
    result = run("score", "hebei-ou-2024-collective", str(values(tmp_path)), "--format", "json")
    assert result.exit_code == 0, result.output
    units = json.loads(result.stdout)["units"]
    assert [u["id"] for u in units] == ["sjz", "ts", "xj"]
    sjz, ts, xj = units
    # 5 + 5 + 3 + 9 + 8 + 6 + 5 + 8 + 10 + rank 2 of 2 city units (10) + 10 (tie) + 7
    assert sjz["items"] == {"1": 5, "2": 5, "3": 3, "4": 9, "5": 8, "6": 6, "7": 5, "8": 8,
                            "9": 10, "10": 10, "11": 10, "12": 7}
    assert sjz["total"] == 86 and sjz["rank"] == 1 and sjz["excluded"] is False
    assert ts["excluded"] is True and ts["rank"] is None and ts["items"]["9"] == 0
    assert xj["items"]["2"] == 1 and xj["items"]["10"] == 0 and xj["total"] == 63
    assert xj["rank"] == 2
    step = next(t for t in sjz["trace"] if t["item"] == "2")
    assert step == {"item": "2", "points": 5, "rule": "5分：占比5%以上",
                    "facts": {"it_budget_share": 6.4}}


def test_score_json_repeats_byte_for_byte(tmp_path: Path) -> None:
    path = str(values(tmp_path))
    first = run("score", "hebei-ou-2024-collective", path, "--format", "json").stdout
    assert run("score", "hebei-ou-2024-collective", path, "--format", "json").stdout == first


def test_score_output_file(tmp_path: Path) -> None:
    out = tmp_path / "sheet.json"
    result = run("score", "hebei-ou-2024-collective", str(values(tmp_path)), "--format", "json",
                 "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["units"][0]["total"] == 86


def test_score_table_one_row_per_unit(tmp_path: Path) -> None:
    result = run("score", "hebei-ou-2024-collective", str(values(tmp_path)))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    sjz = next(line for line in lines if "石家庄开放大学" in line and "│" in line)
    assert "86" in sjz and "市校" in sjz
    ts = next(line for line in lines if "唐山开放大学" in line and "│" in line)
    assert "不参与评优" in ts and "—" in ts
    assert "唐山开放大学 不参与评优：发生重大网信安全事故，不参与评优" in result.stdout
    # best first: rank 1, then 2, then the excluded unit
    rows = [line for line in lines if "开放大学" in line and "│" in line]
    assert ["石家庄" in rows[0], "辛集" in rows[1], "唐山" in rows[2]] == [True, True, True]


def test_score_xunke_with_unknown_values(tmp_path: Path) -> None:
    # every yes/no true, every other fact null (unknown): 1: 2, 2: 8, 3: 2 + 0.5 (电脑 added),
    # 4: 2, 5: 4, 6: 5, 8: 10, 9: 2 + 3 (nothing to deduct), 10: 5, 12: 3.5, 16: 2 + 2, 17: 5
    rubric = load_rubric("xunke-2018-school")
    facts = {name: (True if spec.type == "bool" else None) for name, spec in rubric.facts.items()}
    facts["major_security_issue"] = False
    units = [{"id": "S1", "name": "逊克一中", "level": "school", "facts": facts,
              "points": {"12": 3.5}}]
    path = values(tmp_path, units, rubric="xunke-2018-school")
    result = run("score", "xunke-2018-school", str(path), "--format", "json")
    expected = score(rubric, present_rubric.read_values(path, rubric)).units[0].total
    total = json.loads(result.stdout)["units"][0]["total"]
    assert total == expected == 56 and isinstance(total, int)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "不是有效的 JSON，第 1 行"),
    ('["a"]', "应为"),
    ('{"rubric": "hebei-ou-2024-collective", "units": {}}', "应为"),
    ('{"rubric": "xunke-2018-school", "units": []}', "属于细则 'xunke-2018-school'"),
    ('{"units": []}', "属于细则 None"),
    ('{"rubric": "hebei-ou-2024-collective", "units": [{"id": "A", "level": "province"}]}',
     "单位 A: level"),
    ('{"rubric": "hebei-ou-2024-collective", "units": [{"level": "city"}]}', "第 1 个单位: id"),
    ('{"rubric": "hebei-ou-2024-collective", "units": [{"id": "A", "level": "city", '
     '"points": {"4": "9"}}]}', "单位 A: points.4"),
])
def test_bad_values_file_exits_2_with_a_message(tmp_path: Path, content: str,
                                                message: str) -> None:
    path = tmp_path / "values.json"
    path.write_text(content, encoding="utf-8")
    result = run("score", "hebei-ou-2024-collective", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_values_the_rubric_refuses_exit_2_naming_unit_and_item(tmp_path: Path) -> None:
    units = [{"id": "sjz", "level": "city", "facts": FACTS, "points": {**POINTS, "4": 11}}]
    result = run("score", "hebei-ou-2024-collective", str(values(tmp_path, units)))
    assert result.exit_code == 2
    assert "单位 sjz 项目 4: 11 分超过该项满分 10 分" in result.stderr


def test_missing_values_file_and_individual_rubric(tmp_path: Path) -> None:
    result = run("score", "hebei-ou-2024-collective", str(tmp_path / "none.json"))
    assert result.exit_code == 2 and "无法读取" in result.stderr
    path = values(tmp_path, [], rubric="hebei-ou-2024-individual")
    result = run("score", "hebei-ou-2024-individual", str(path))
    assert result.exit_code == 2 and "not points" in result.stderr
