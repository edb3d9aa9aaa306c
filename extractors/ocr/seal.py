"""Red stamps (公章) on a page image: a red ring, round or oval, with red content inside.

Any red pixel is not a seal: red headings, a red signature or a red underline are not. A seal
here is a red region whose outline fits an ellipse of plausible proportions, whose outline is
mostly red (the ring) and whose inside holds red ink too (the unit's name, the star), while not
being a solid disc.
"""

from __future__ import annotations

import cv2
import numpy as np

Box = tuple[int, int, int, int]
MIN_DIAMETER_SHARE = 0.1  # of the page width: a stamp is 3–5 cm on a 21 cm page
MAX_DIAMETER_SHARE = 0.45
MIN_RING = 0.55  # share of points on the fitted outline that are red
MIN_CONTENT, MAX_CONTENT = 0.04, 0.7  # share of red pixels inside the ring


def red_mask(rgb: np.ndarray) -> np.ndarray:
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    low = cv2.inRange(hsv, (0, 70, 70), (10, 255, 255))
    high = cv2.inRange(hsv, (165, 70, 70), (180, 255, 255))
    return low | high


def find_seals(rgb: np.ndarray) -> list[Box]:
    mask = red_mask(rgb)
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    width = rgb.shape[1]
    seals = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if not (MIN_DIAMETER_SHARE * width <= max(w, h) <= MAX_DIAMETER_SHARE * width):
            continue
        if len(contour) >= 5 and _is_stamp(mask, contour):
            seals.append((x, y, x + w, y + h))
    return seals


def _is_stamp(mask: np.ndarray, contour: np.ndarray) -> bool:
    (cx, cy), (major, minor), angle = cv2.fitEllipse(contour)
    if min(major, minor) < 0.55 * max(major, minor):
        return False
    ring = cv2.ellipse2Poly((int(cx), int(cy)), (int(major / 2 * 0.96), int(minor / 2 * 0.96)),
                            int(angle), 0, 360, 5)
    near = cv2.dilate(mask, np.ones((7, 7), np.uint8))
    inside_image = [(x, y) for x, y in ring if 0 <= y < mask.shape[0] and 0 <= x < mask.shape[1]]
    if not inside_image:
        return False
    on_ring = sum(1 for x, y in inside_image if near[y, x]) / len(inside_image)
    inner = np.zeros_like(mask)
    cv2.ellipse(inner, ((cx, cy), (major * 0.75, minor * 0.75), angle), 255, -1)
    area = max(int(np.count_nonzero(inner)), 1)
    content = np.count_nonzero(mask & inner) / area
    # The band just inside the ring is mostly paper: a thick red letter is not a ring.
    band = np.zeros_like(mask)
    cv2.ellipse(band, ((cx, cy), (major * 0.85, minor * 0.85), angle), 255, -1)
    band &= ~inner
    filled = np.count_nonzero(mask & band) / max(int(np.count_nonzero(band)), 1)
    return on_ring >= MIN_RING and MIN_CONTENT <= content <= MAX_CONTENT and filled < 0.5


def without_red(rgb: np.ndarray, boxes: list[Box]) -> np.ndarray:
    """The image with the seals' red ink turned to paper, so the typed words under a stamp read.
    Pale red counts here too (the pink edge of the ink would read as ghost characters); black and
    blue ink under the stamp is neither red nor pale, so it stays."""
    if not boxes:
        return rgb
    clean = rgb.copy()
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    pale = cv2.inRange(hsv, (0, 35, 90), (12, 255, 255)) | cv2.inRange(
        hsv, (160, 35, 90), (180, 255, 255))
    mask = cv2.dilate(pale, np.ones((3, 3), np.uint8))
    for x0, y0, x1, y1 in boxes:
        region = mask[y0:y1, x0:x1] > 0
        clean[y0:y1, x0:x1][region] = 255
    return clean
