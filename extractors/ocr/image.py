"""Page images fit for OCR: rendered at a resolution chosen from the scan's own, within a pixel
budget, and deskewed.

A scan's picture has its own resolution (pixels over the size it is placed at). Rendering above
it adds nothing; rendering far below it loses strokes. Small scans (under 150 dpi) are rendered
at twice their resolution, because the recogniser drops whole lines of small, blurred type
(measured: 414–474 of 500 字 at 54–100 dpi until upscaled 2×). A huge page is downscaled to
MAX_SIDE so a poster-sized scan cannot exhaust a worker's memory.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_DPI = 150
MAX_DPI = 300
DEFAULT_DPI = 200  # a page drawn with vectors only (broken fonts): no picture to go by
MAX_SIDE = 3500  # pixels on the longer side: ~37 MB as RGB, well inside a worker's limit
MAX_SKEW = 5.0  # degrees; a page turned further is not a skewed scan but a rotated one


def choose_dpi(picture_dpi: float | None) -> float:
    """The resolution to render at, from the resolution of the page's largest picture."""
    if not picture_dpi or picture_dpi <= 0:
        return DEFAULT_DPI
    if picture_dpi < MIN_DPI:
        return min(max(2 * picture_dpi, MIN_DPI), MAX_DPI)
    return min(picture_dpi, MAX_DPI)


def within_budget(width_pt: float, height_pt: float, dpi: float) -> float:
    """`dpi` lowered, if need be, so the longer side stays within MAX_SIDE pixels."""
    longest = max(width_pt, height_pt, 1.0) / 72 * dpi
    return dpi * min(1.0, MAX_SIDE / longest)


def fit(image: np.ndarray) -> np.ndarray:
    """An image from a file (a .docx picture): upscaled when small, downscaled when huge."""
    height, width = image.shape[:2]
    longest = max(height, width)
    scale = 2.0 if longest < 1400 else 1.0
    scale = min(scale, MAX_SIDE / max(longest, 1))
    if abs(scale - 1.0) < 0.01:
        return image
    interpolation = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=interpolation)


def skew_angle(gray: np.ndarray) -> float:
    """The angle (degrees) that straightens the page: the rotation whose row profile of ink is
    sharpest (text lines and rules become rows of ink and rows of paper)."""
    small = _ink(gray, width=900)
    best = _best_angle(small, np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5))
    fine = np.arange(max(best - 0.5, -MAX_SKEW), min(best + 0.5, MAX_SKEW) + 0.01, 0.1)
    return _best_angle(small, fine)


def deskew(image: np.ndarray) -> tuple[np.ndarray, float]:
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    angle = skew_angle(gray)
    if abs(angle) < 0.1:
        return image, 0.0
    return rotate(image, angle), angle


def rotate(image: np.ndarray, angle: float, paper: int = 255) -> np.ndarray:
    """The image turned by `angle` degrees about its centre; corners filled with `paper`."""
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    border = paper if image.ndim == 2 else (paper, paper, paper)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def _ink(gray: np.ndarray, width: int) -> np.ndarray:
    scale = min(1.0, width / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _best_angle(ink: np.ndarray, angles: np.ndarray) -> float:
    scores = [float(np.var(rotate(ink, float(a), paper=0).sum(axis=1, dtype=np.float64)))
              for a in angles]
    return round(float(angles[int(np.argmax(scores))]), 2)
