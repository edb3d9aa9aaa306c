"""Layout of the workbooks we write: how wide a text is and how tall its row must be.

Neither Excel nor LibreOffice grows a row written by openpyxl to fit wrapped text: a cell with
several lines shows only its first on screen and spills over the rows below it on paper. So
every workbook sets its row heights from its column widths here.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable

LINE_POINTS = 15  # one line of 11 pt text, CJK included
MAX_ROW_POINTS = 409  # Excel's limit; a taller row is refused as a damaged file
DEFAULT_WIDTH = 8.43  # Excel's width of a column nobody sized


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a CJK character counts twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def row_height(cells: Iterable[tuple[object, float | None]]) -> float:
    """The points a row needs for its longest wrapped text: (value, column width) per cell (a
    streamed sheet's rows, which cannot be walked once written, are measured as they go)."""
    lines = max((wrapped_lines(value, width) for value, width in cells if isinstance(value, str)),
                default=1)
    return min(MAX_ROW_POINTS, LINE_POINTS * lines + 3)


def wrapped_lines(text: str, width: float | None) -> int:
    """Lines `text` takes in a column `width` characters wide (1 goes to the cell's padding)."""
    room = max(1.0, (width or DEFAULT_WIDTH) - 1)
    return sum(max(1, math.ceil(display_width(line) / room)) for line in text.split("\n"))
