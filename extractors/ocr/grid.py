"""Table cells of a page image, from its ruling lines (OpenCV morphology).

Ink is opened with a long thin horizontal and a long thin vertical kernel, which keeps rules and
drops type; the regions of paper the rules enclose are the cells. A merged cell is one region,
so it appears once, at its top-left row and column, as readers of digital files report it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels
MIN_CELL = 12  # pixels; smaller regions are gaps between double rules
MIN_TABLE_SHARE = 0.2  # a table spans at least this share of the page width


@dataclass(frozen=True)
class GridCell:
    row: int
    column: int
    box: Box


@dataclass(frozen=True)
class Grid:
    box: Box
    cells: tuple[GridCell, ...]


def find_grids(gray: np.ndarray) -> list[Grid]:
    rules = _rules(gray)
    count, _, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    grids = []
    for index in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[index])
        if w >= gray.shape[1] * MIN_TABLE_SHARE and h >= 2 * MIN_CELL:
            cells = _cells(rules[y : y + h, x : x + w], (x, y))
            if cells:
                grids.append(Grid((x, y, x + w, y + h), tuple(cells)))
    return sorted(grids, key=lambda g: (g.box[1], g.box[0]))


def _rules(gray: np.ndarray) -> np.ndarray:
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                25, 15)
    height, width = gray.shape
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (max(width // 25, 20), 1))
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(height // 50, 20)))
    lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, across) | cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, down)
    # Close the small gaps a scan leaves where rules meet, so cells are closed regions.
    return cv2.dilate(lines, np.ones((5, 5), np.uint8))


def _cells(rules: np.ndarray, origin: tuple[int, int]) -> list[GridCell]:
    paper = cv2.bitwise_not(rules)
    count, _, stats, _ = cv2.connectedComponentsWithStats(paper, connectivity=4)
    height, width = rules.shape
    boxes: list[Box] = []
    for index in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[index])
        touches_edge = x == 0 or y == 0 or x + w >= width or y + h >= height
        if not touches_edge and w >= MIN_CELL and h >= MIN_CELL:
            boxes.append((x + origin[0], y + origin[1], x + w + origin[0], y + h + origin[1]))
    return _indexed(boxes)


def _indexed(boxes: list[Box]) -> list[GridCell]:
    """Row and column numbers from the distinct top and left edges (a few pixels apart at most
    on one rule)."""
    rows = _positions([b[1] for b in boxes])
    columns = _positions([b[0] for b in boxes])
    cells = [GridCell(rows(b[1]), columns(b[0]), b) for b in boxes]
    return sorted(cells, key=lambda c: (c.row, c.column))


def _positions(values: list[int], tolerance: int = 10):  # type: ignore[no-untyped-def]
    starts: list[int] = []
    for value in sorted(values):
        if not starts or value - starts[-1] > tolerance:
            starts.append(value)

    def index(value: int) -> int:
        return max(i for i, start in enumerate(starts) if start <= value + tolerance)

    return index
