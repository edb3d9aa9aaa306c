"""What a PDF page's characters need before pdfplumber lays them out as lines and cells.

* Fake bold: office tools and PDF printers embolden a font that has no bold face by drawing each
  glyph two or four times, a fraction of a point apart, sometimes from two subsets of the font
  (pdfplumber's issue-842 file). Every copy is a character to pdfminer; Word and a reader see
  one. A glyph repeated within 1 pt at the same size is kept once, whatever its font (pdfplumber's
  `dedupe_chars` also asks for the same font name, and sorts with `list.index`: quadratic).
* Direction: on a page shown turned (/Rotate 90, or sideways content), lines run top to bottom
  or bottom to top of the page as pdfplumber gives it. The page's main direction, from the
  characters' text matrices, picks pdfplumber's line and char directions and the reading order.
* Size: pdfminer's `size` is a glyph's height on the page, which on a turned line is its
  advance: an "l" in 10 pt type measures 2.8. The size across the line is what a reader sees.
* Form fields: a fillable PDF (AcroForm) keeps what was typed in its fields' values; the page's
  content shows none of it. Each text or choice field's value becomes one character-like object
  at its widget's place, so it lands in its table cell or among the lines like printed text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

Obj = dict[str, Any]
DUPLICATE_POINTS = 1.0
_LISTED_PLACES = 32  # a glyph's places searched one by one up to this many, then by cells
TINY_DEFAULT = 4.0  # a char without a size is not taken for tiny type
_HIDDEN_FLAG = 2  # annotation flag Hidden (PDF 32000 12.5.3)
_MAX_PARENTS = 32  # field trees are shallow; a loop of /Parent links must not spin


@dataclass(frozen=True)
class Direction:
    """pdfplumber's directions for a page, and the reading-order key of a box on it."""

    line_dir: str = "ttb"
    char_dir: str = "ltr"

    def options(self) -> dict[str, str]:
        if (self.line_dir, self.char_dir) == ("ttb", "ltr"):
            return {}
        return {"line_dir": self.line_dir, "char_dir": self.char_dir,
                "line_dir_rotated": self.line_dir, "char_dir_rotated": self.char_dir,
                "line_dir_render": "ttb", "char_dir_render": "ltr"}

    def order(self, box: tuple[float, float, float, float]) -> tuple[float, float]:
        """Sort key of (x0, top, x1, bottom): by line position, then along the line."""
        x0, top, x1, bottom = box
        across = {"ttb": top, "btt": -bottom, "ltr": x0, "rtl": -x1}[self.line_dir]
        along = {"ltr": x0, "rtl": -x1, "ttb": top, "btt": -bottom}[self.char_dir]
        return across, along


UPRIGHT = Direction()
# Text matrix (a, b) of a glyph → where its line runs on the page as pdfplumber shows it.
_BY_AXIS = {
    (1, 0): UPRIGHT,
    (0, -1): Direction("rtl", "ttb"),  # turned clockwise: reads downwards, lines go left
    (0, 1): Direction("ltr", "btt"),  # turned anticlockwise: reads upwards, lines go right
    (-1, 0): Direction("btt", "rtl"),  # upside down
}


def _axis(char: Obj) -> tuple[int, int]:
    a, b = char["matrix"][:2]
    if abs(a) >= abs(b):
        return (1 if a >= 0 else -1, 0)
    return (0, 1 if b > 0 else -1)


def direction(chars: list[Obj]) -> Direction:
    """The direction most of the page's characters run in."""
    if not chars:
        return UPRIGHT
    [(axis, _)] = Counter(_axis(c) for c in chars).most_common(1)
    return _BY_AXIS[axis]


def glyph_size(char: Obj) -> float:
    """The glyph's size across its line (pdfminer measures it up the page)."""
    size = float(char.get("size", TINY_DEFAULT))
    if "matrix" not in char or _axis(char)[1] == 0:
        return size
    return float(char["width"] if size == char["height"] else char["height"])


def dedupe(chars: list[Obj]) -> list[Obj]:
    """The characters in their order, each glyph drawn again within 1 pt kept once."""
    kept: list[Obj] = []
    seen: dict[tuple[Any, ...], _Places] = {}  # per glyph (text, size, upright)
    rounded: dict[Any, float] = {}  # a page has a few sizes: round each once
    for char in chars:
        x, y = char["x0"], char["doctop"]
        size = char.get("size", 0.0)
        if size not in rounded:
            rounded[size] = round(float(size), 1)
        key = (char["text"], rounded[size], char.get("upright"))
        places = seen.get(key)
        if places is None:
            seen[key] = _Places(x, y)
        elif places.near(x, y):
            continue
        else:
            places.add(x, y)
        kept.append(char)
    return kept


class _Places:
    """Where one glyph was drawn: a list searched in full while short (a page's commonest
    glyph stands a dozen times), 1-pt cells once long, where a copy within 1 pt lies in the same
    cell or a neighbour (a glyph drawn thousands of times must not make the search quadratic)."""

    __slots__ = ("cells", "points")

    def __init__(self, x: float, y: float) -> None:
        self.points = [(x, y)]
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] | None = None

    def near(self, x: float, y: float) -> bool:
        if self.cells is not None:
            return _near(self.cells, _cell(x, y), x, y)
        return any(abs(x - px) <= DUPLICATE_POINTS and abs(y - py) <= DUPLICATE_POINTS
                   for px, py in self.points)

    def add(self, x: float, y: float) -> None:
        if self.cells is not None:
            self.cells.setdefault(_cell(x, y), []).append((x, y))
            return
        self.points.append((x, y))
        if len(self.points) > _LISTED_PLACES:
            self.cells = {}
            for px, py in self.points:
                self.cells.setdefault(_cell(px, py), []).append((px, py))
            self.points = []


def _cell(x: float, y: float) -> tuple[int, int]:
    return int(x // DUPLICATE_POINTS), int(y // DUPLICATE_POINTS)


def _near(cells: dict[tuple[int, int], list[tuple[float, float]]], cell: tuple[int, int],
          x: float, y: float) -> bool:
    cx, cy = cell
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for px, py in cells.get((cx + dx, cy + dy), ()):
                if abs(x - px) <= DUPLICATE_POINTS and abs(y - py) <= DUPLICATE_POINTS:
                    return True
    return False


def field_chars(annots: list[Obj]) -> tuple[list[Obj], list[Obj]]:
    """(shown, hidden): the values of the page's text and choice fields, as char-like objects."""
    shown: list[Obj] = []
    hidden: list[Obj] = []
    for annot in annots:
        data = annot.get("data") or {}
        if _name(data.get("Subtype")) != "Widget":
            continue
        value = _field_value(data)
        if not value or not value.strip():
            continue
        char = _as_char(annot, value)
        flags = resolve1(data.get("F"))
        (hidden if isinstance(flags, int) and flags & _HIDDEN_FLAG else shown).append(char)
    return shown, hidden


def _field_value(widget: Obj) -> str | None:
    """The value of the field a widget shows: on the widget, or on a parent field."""
    field: Any = widget
    kind = value = None
    for _ in range(_MAX_PARENTS):
        if not isinstance(field, dict):
            break
        kind = kind or _name(resolve1(field.get("FT")))
        value = value if value is not None else resolve1(field.get("V"))
        field = resolve1(field.get("Parent"))
    if kind not in ("Tx", "Ch"):
        return None  # buttons hold a state name (/Yes, /Off), signatures a dictionary
    if isinstance(value, list):
        return " ".join(t for t in (_text(resolve1(v)) for v in value) if t)
    return _text(value)


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        return decode_text(value).replace("\r\n", "\n").replace("\r", "\n")
    return value if isinstance(value, str) else None


def _name(value: object) -> str | None:
    return value.name if isinstance(value, PSLiteral) else None


def _as_char(annot: Obj, value: str) -> Obj:
    height = annot["bottom"] - annot["top"]
    return {"text": value, "x0": annot["x0"], "x1": annot["x1"], "top": annot["top"],
            "bottom": annot["bottom"], "doctop": annot["doctop"], "width": annot["width"],
            "height": height, "upright": True, "size": max(height * 0.7, 4.0),
            "fontname": "AcroForm", "matrix": (1, 0, 0, 1, annot["x0"], annot["y0"]),
            "fill": True, "non_stroking_color": None, "object_type": "char"}
