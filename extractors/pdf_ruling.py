"""A page's ruling lines from PDFium's path objects, as the edges pdfplumber's table finder uses.

pdfplumber finds a form's cells from `Page.edges`: pdfminer turns each painted subpath into a
line (shape "ml" or "mlh"), a rectangle (four sides at right angles, closed) or a curve, and
pdfplumber makes a line one edge and a rectangle four. PDFium keeps the same subpaths with its
own spelling ("re" and "h" end in a LineTo back to the start flagged closed; moves in a row
are merged, as pdfminer's subpath split skips a lone "m"); spelt back into pdfminer's letters
here, they give the same lines and rectangles, so pdfplumber's own code turns them into edges
and tables. Anything else (a Bézier segment, a polyline, a quadrilateral that is not a
rectangle) is declined: pdfminer would make it a curve, which this module does not reproduce.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c
from pdfplumber.utils import line_to_edge, rect_to_edges

Obj = dict[str, Any]
Point = tuple[float, float]


class NotRuling(Exception):
    """A path pdfminer would make a curve: the page needs the pdfplumber path."""


def path_edges(obj: Any, box: tuple[float, ...]) -> list[Obj]:
    """The edges of one path object; `box` is the page's media box (PDFium's user space)."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
    edges: list[Obj] = []
    for shape, points in _subpaths(obj, matrix):
        edges += _edges(shape, points, box)
    return edges


def _subpaths(obj: Any, m: Any) -> list[tuple[str, list[Point]]]:
    """Each subpath as pdfminer spells it (m, l, h) with its points on the page."""
    subpaths: list[tuple[str, list[Point]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            subpaths.append(("m", [point]))
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and subpaths and subpaths[-1][0][-1:] != "h":
            shape, points = subpaths[-1]
            subpaths[-1] = (shape + "l", [*points, point])
        else:
            raise NotRuling("a curve, or a line after a closed subpath")
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            shape, points = subpaths[-1]
            subpaths[-1] = (shape + "h", [*points, points[0]])
    return subpaths


def _edges(shape: str, pts: list[Point], box: tuple[float, ...]) -> list[Obj]:
    """pdfminer's paint_path for one subpath, then pdfplumber's line_to_edge / rect_to_edges."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]  # pdfminer drops the redundant LineTo too
    if shape == "m":
        return []  # a lone point: pdfminer's curve of one point has no edges
    if shape in ("ml", "mlh"):
        return [line_to_edge(_placed(pts[:2], box, "line"))]
    if shape in ("mlllh", "mllll") and pts[0] == pts[4] and _square(pts):
        return rect_to_edges(_placed([pts[0], pts[2]], box, "rect"))
    raise NotRuling(f"path {shape!r}")


def _square(pts: list[Point]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
        y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _placed(pts: list[Point], box: tuple[float, ...], kind: str) -> Obj:
    """The bounding box of the points as pdfplumber places objects: top down from the media
    box's top, x from its left (as pdf_fast places chars)."""
    x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
    y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    top, bottom = box[3] - y1, box[3] - y0
    return {"object_type": kind, "x0": x0 - box[0], "x1": x1 - box[0], "y0": y0 - box[1],
            "y1": y1 - box[1], "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": y1 - y0}
