"""Fill an exported review workbook with a panel's points, as a reviewer would in Excel (demo).

    python samples/fill_review.py EXPORTED.xlsx POINTS.csv FILLED.xlsx

POINTS.csv has the columns 申报材料 (the submission's folder name), 指标 (the item id), 分值 and
理由. Each row whose submission and item are asked for in the workbook gets 决定 = 改判, the
points and the reason; rows not asked for (an item whose own rule already gave its points) are
listed and left. The filled workbook is then recorded, audited, by
`intake review import FILLED.xlsx --reviewer NAME`, which checks every row against the rubric.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook

SHEET = "待复核"


def _points(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {(row["申报材料"].strip(), row["指标"].strip()): (row["分值"].strip(),
                                                            row["理由"].strip())
                for row in csv.DictReader(handle)}


def fill(exported: Path, points_csv: Path, filled: Path) -> tuple[int, list[str]]:
    """Fill the asked-for rows; returns how many were filled and the CSV rows not asked for."""
    wanted = _points(points_csv)
    book = load_workbook(exported)
    sheet = book[SHEET]
    columns = {str(c.value): c.column for c in sheet[1] if c.value is not None}
    done: set[tuple[str, str]] = set()
    for row in range(2, sheet.max_row + 1):
        folder = Path(str(sheet.cell(row, columns["申报材料"]).value)).name
        key = (folder, str(sheet.cell(row, columns["键"]).value))
        if key in wanted and sheet.cell(row, columns["类别"]).value == "指标":
            points, reason = wanted[key]
            sheet.cell(row, columns["决定"]).value = "改判"
            sheet.cell(row, columns["分值"]).value = float(points)
            sheet.cell(row, columns["复核理由"]).value = reason
            done.add(key)
    book.save(filled)
    return len(done), [f"{f} 指标{i}" for f, i in wanted if (f, i) not in done]


def main(argv: Sequence[str]) -> None:
    if len(argv) != 4:
        sys.exit(__doc__)
    count, left = fill(Path(argv[1]), Path(argv[2]), Path(argv[3]))
    unused = f"；{len(left)} 行未被询问（已有决定，或规则已计分），未用" if left else ""
    print(f"填写 {count} 行评审给分到 {argv[3]}{unused}")


if __name__ == "__main__":
    main(sys.argv)
