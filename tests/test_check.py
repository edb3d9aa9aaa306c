"""Recognising forms by content, reading fields by label, and the checks reviewers rely on."""

from __future__ import annotations

import pytest

from extractors.forms import normalise_label, recognise
from intake.screen.batch import load_programme
from intake.screen.checks import ReadDocument, check_submission, role_of
from samples.builders import COLLECTIVE_TITLE, INDIVIDUAL_TITLE
from tests.support.documents import collective_rows, individual_rows, make_document

PROGRAMME = load_programme("hebei-ou-2024")


def read(document):
    form = recognise(document, PROGRAMME.forms)
    return ReadDocument(document=document, form=form, role=role_of(document, form))


def deeds(words: int = 1200, title: str = "石家庄开放大学信息化工作先进集体事迹材料"):
    body = "学校持续推进信息化建设。" * (words // 12)
    return make_document(before=[title, body], path="事迹材料.docx")


def checked(*documents):
    return check_submission("batch/01", [read(d) for d in documents], list(PROGRAMME.forms),
                            PROGRAMME.deeds)


def codes(result) -> list[tuple[str, str | None]]:
    return sorted((f.code, f.field) for f in result.findings)


@pytest.mark.parametrize(
    ("label", "expected"),
    [("姓　　名", "姓名"), ("突出事迹简介 (1000字)", "突出事迹简介"), ("联系电话：", "联系电话"),
     ("突出事迹简介（800字以内）", "突出事迹简介")],
)
def test_labels_are_normalised(label: str, expected: str) -> None:
    assert normalise_label(label) == expected


def test_collective_form_is_recognised_by_title_and_fields_read_from_neighbour_cells() -> None:
    form = recognise(make_document(before=[COLLECTIVE_TITLE], rows=collective_rows()),
                     PROGRAMME.forms)
    assert form.kind == "collective"
    assert form.fields["单位/部门名称"].value == "石家庄开放大学信息技术中心"
    assert form.fields["负责人"].value == "王建国"
    assert form.fields["职务"].value == "主任"
    assert form.fields["联系电话"].value == "0311-66000000"


def test_template_text_is_not_part_of_the_summary() -> None:
    document = make_document(before=[COLLECTIVE_TITLE], rows=collective_rows("成效显著。"))
    field = recognise(document, PROGRAMME.forms).fields["突出事迹简介"]
    assert field.value == "成效显著。"
    assert document.text[field.start : field.end] == field.value


def test_form_without_title_is_recognised_by_its_labels() -> None:
    form = recognise(make_document(rows=individual_rows()), PROGRAMME.forms)
    assert form.kind == "individual"
    assert form.fields["姓名"].value == "李明"
    assert form.fields["职称/职务"].value == "讲师"
    assert form.fields["突出事迹简介"].value == "长期负责学习平台运维。"


def test_alias_label_and_paragraph_form() -> None:
    lines = [INDIVIDUAL_TITLE, "姓名：张丽", "性别：女", "所在单位：邢台开放大学"]
    document = make_document(before=lines)
    form = recognise(document, PROGRAMME.forms)
    assert form.kind == "individual"
    assert form.fields["所在单位"].value == "邢台开放大学"
    rows = [["单位名称", "廊坊开放大学"], *collective_rows()[1:]]
    assert recognise(make_document(rows=rows), PROGRAMME.forms).fields["单位/部门名称"].value == \
        "廊坊开放大学"


def test_deeds_and_unknown_documents() -> None:
    assert recognise(deeds(), PROGRAMME.forms).kind == "deeds"
    notice = make_document(before=["会议通知", "请准时参加"])
    assert recognise(notice, PROGRAMME.forms).kind == "unknown"


def test_complete_collective_submission_has_no_findings() -> None:
    result = checked(make_document(before=[COLLECTIVE_TITLE], rows=collective_rows()), deeds())
    assert result.kind == "collective"
    assert result.findings == []
    assert result.counts["summary"] == 13  # 12 字 and 。; the placeholder counts nothing
    assert result.limits == {"summary": 1000, "deeds": 2000}


@pytest.mark.parametrize(("words", "over"), [(1000, False), (1001, True)])
def test_summary_limit_is_inclusive(words: int, over: bool) -> None:
    form = make_document(before=[COLLECTIVE_TITLE], rows=collective_rows("字" * words))
    result = checked(form, deeds())
    assert result.counts["summary"] == words
    over_limit = [f for f in result.findings if f.code == "over_limit"]
    assert bool(over_limit) is over
    if over:
        assert (over_limit[0].field, over_limit[0].limit, over_limit[0].count) == \
            ("突出事迹简介", 1000, 1001)


@pytest.mark.parametrize(("words", "over"), [(800, False), (801, True)])
def test_individual_summary_limit_is_800(words: int, over: bool) -> None:
    result = checked(make_document(rows=individual_rows("字" * words)),
                     deeds(title="李明同志先进个人事迹材料"))
    assert result.kind == "individual"
    assert any(f.code == "over_limit" for f in result.findings) is over


def test_deeds_over_2000_counted_whole_with_title() -> None:
    long_deeds = make_document(before=["事迹材料", "字" * 1997], path="事迹材料.docx")
    result = checked(make_document(before=[COLLECTIVE_TITLE], rows=collective_rows()), long_deeds)
    assert result.counts["deeds"] == 2001
    assert ("over_limit", "事迹材料") in codes(result)


def test_missing_fields_and_opinion_without_date_or_seal() -> None:
    rows = collective_rows(opinion="同意推荐。")
    rows[2] = ["负责人", "", "职务", "主任", "联系电话", ""]
    result = checked(make_document(before=[COLLECTIVE_TITLE], rows=rows), deeds())
    assert codes(result) == [("missing_date", "单位意见"), ("missing_field", "联系电话"),
                             ("missing_field", "负责人"), ("missing_seal", "单位意见")]
    assert [f.level for f in result.findings][:2] == ["error", "error"]


def test_seal_image_counts_as_seal_and_blank_opinion_is_missing() -> None:
    with_image = make_document(before=[COLLECTIVE_TITLE],
                               rows=collective_rows(opinion="同意推荐。 2024年10月12日"),
                               images_at={(4, 1)})
    assert checked(with_image, deeds()).findings == []
    blank = make_document(before=[COLLECTIVE_TITLE], rows=collective_rows(opinion="签章\n日期"))
    assert codes(checked(blank, deeds())) == [("missing_field", "单位意见")]


def test_missing_form_and_missing_deeds() -> None:
    assert codes(checked(deeds())) == [("missing_form", None)]
    form = make_document(before=[COLLECTIVE_TITLE], rows=collective_rows())
    assert codes(checked(form)) == [("missing_deeds", None)]


def test_garbled_text_layer_makes_the_count_unverifiable_not_wrong() -> None:
    form = make_document(before=[COLLECTIVE_TITLE], rows=collective_rows("字" * 1200),
                         text_reliable=False)
    result = checked(form, deeds())
    assert ("unverifiable_count", "突出事迹简介") in codes(result)
    assert not any(f.code == "over_limit" for f in result.findings)
    assert result.counts["summary"] is None


def test_label_wrapped_across_lines_in_a_pdf_cell_is_still_found() -> None:
    rows = collective_rows()
    rows[3][0] = "突出事迹简介(100\n0字)"  # how a narrow PDF cell wraps the label
    form = recognise(make_document(before=[COLLECTIVE_TITLE], rows=rows), PROGRAMME.forms)
    assert form.fields["突出事迹简介"].value == "本单位信息化工作成效显著。"
