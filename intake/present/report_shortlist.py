"""The 推荐名单 of a 先进个人 programme in the reports: a sheet of the 汇总表 and a section of the
HTML index. Per city in 附件2's order: 姓名, 单位, 职称/职务, the conditions met, the status, and in
the city's heading the number recommended against its quota and the share of 基层一线."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment

from intake.glossary import OUTCOME_NAMES, UNIT_LEVEL_NAMES
from intake.present.labels import quota_text, share_text
from intake.present.report_xlsx import BOLD, BORDER, TITLE_FONT, WRAP, append_header
from intake.present.streamed_sheet import StreamedCells
from intake.score.scoring import ScoreReport
from rubric.selection import CityList, Nominated

SHEET = "推荐名单"
HEADERS = ("序号", "姓名", "单位", "级别", "职称/职务", "符合条件", "基层一线", "状态", "说明")
WIDTHS = (6, 10, 28, 9, 24, 12, 9, 9, 30)
TITLE_ROW_ALIGNMENT = Alignment(vertical="center")


def city_title(city: CityList) -> str:
    return (f"{city.unit}（已推荐 / 名额：{quota_text(city)}；推荐人选中基层一线 "
            f"{share_text(city)}）")


def person_cells(number: int, person: Nominated) -> list[object]:
    return [number, person.name, person.unit, UNIT_LEVEL_NAMES.get(person.level, person.level),
            person.post, "、".join(person.choice.met) or "—", "是" if person.frontline else "否",
            OUTCOME_NAMES[person.choice.outcome], person.choice.reason]


def views(report: ScoreReport) -> list[dict[str, object]]:
    """The 推荐名单 for the HTML template: per city its heading and rows of cells."""
    return [{"title": city_title(city), "city": city.city,
             "rows": [{"cells": person_cells(n, p), "status": p.choice.outcome,
                       "submission": p.submission} for n, p in enumerate(city.people, 1)]}
            for city in report.shortlist]


def add_sheet(workbook: Workbook, report: ScoreReport) -> None:
    """The 推荐名单 as the workbook's first sheet (streamed), one block per city."""
    sheet = workbook.create_sheet(SHEET)
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    cells = StreamedCells(sheet)
    sheet.append([cells.make(f"{report.title} 推荐名单（仅计复核确认的评选条件）",
                             font=TITLE_FONT, alignment=TITLE_ROW_ALIGNMENT)])
    row = 2
    for city in report.shortlist:
        sheet.append([])
        sheet.append([cells.make(city_title(city), font=BOLD)])
        append_header(sheet, cells, row + 2, HEADERS)
        for number, person in enumerate(city.people, 1):
            sheet.append([cells.make(value, border=BORDER, alignment=WRAP)
                          for value in person_cells(number, person)])
        row += len(city.people) + 3
