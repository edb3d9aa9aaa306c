"""Sheets written row by row (openpyxl's write-only mode): a workbook held cell by cell took
about 20 kB a row, so every workbook of a whole batch is streamed. Here: cells made cheaply with
their styles, cleaned values, and rows as tall as their wrapped text, measured as they are written
(a streamed row cannot be walked again)."""

from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from intake.present.sheet_layout import row_height

CELL_CHARS = 32_000  # Excel holds at most 32 767 characters in a cell


def put(cell: Cell, value: Any) -> None:
    """A cell value; text is cleaned of characters Excel refuses and never read as a formula."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:CELL_CHARS]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def append_fitted(sheet: WriteOnlyWorksheet, row: int, cells: list[Cell]) -> None:
    """Row `row`, as tall as its longest wrapped text (the writer reads the height as it writes
    the row, which is then dropped: heights of every row are not kept)."""
    widths = [sheet.column_dimensions[get_column_letter(c)].width
              for c in range(1, len(cells) + 1)]
    sheet.row_dimensions[row].height = row_height(
        (cell.value, width) for cell, width in zip(cells, widths, strict=True))
    sheet.append(cells)
    del sheet.row_dimensions[row]


def append_sized(sheet: WriteOnlyWorksheet, row: int, cells: list[Cell], height: float) -> None:
    """Row `row` with a set height."""
    sheet.row_dimensions[row].height = height
    sheet.append(cells)
    del sheet.row_dimensions[row]


class StreamedCells:
    """The cells of one streamed sheet. Each combination of styles is looked up in the workbook
    once and copied after that: setting a font or fill hashes the style objects every time,
    the largest cost of an export (the styles are module constants, compared by id)."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self._styles: dict[tuple[int, ...] | tuple[Any, ...], tuple[StyleArray, object]] = {}

    def make(self, value: Any = None, *, font: Font | None = None,
             fill: PatternFill | None = None, alignment: Alignment | None = None,
             number_format: str | None = None, border: Border | None = None) -> Cell:
        key = (id(font), id(fill), id(alignment), number_format, id(border))
        known = self._styles.get(key)
        cell = WriteOnlyCell(self.sheet) if known is None else Cell(
            self.sheet, row=1, column=1, style_array=copy(known[0]))
        put(cell, value)
        if known is None:
            for name, style in (("font", font), ("fill", fill), ("alignment", alignment),
                                ("number_format", number_format), ("border", border)):
                if style is not None:
                    setattr(cell, name, style)
            # the style objects kept with their array, so their ids stay theirs
            self._styles[key] = (copy(cell._style), (font, fill, alignment, border))
        return cell
