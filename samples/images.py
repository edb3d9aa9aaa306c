"""Small images for the samples: a red seal (pure-Python PNG), a scanned page and a photo (JPEG).

The seal is written by a minimal PNG encoder so it needs nothing beyond the standard library; the
scan and the photo use Pillow, which pdfplumber depends on. Everything is seeded: same bytes on
every run with the same zlib and libjpeg.
"""

from __future__ import annotations

import io
import math
import random
import struct
import zlib
from collections.abc import Callable

from PIL import Image, ImageDraw

Pixel = tuple[int, int, int, int]
SEAL_RED: Pixel = (220, 30, 30, 255)
CLEAR: Pixel = (255, 255, 255, 0)


def png_bytes(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """An RGBA PNG (8 bits per channel, no filtering) from a pixel function."""
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def _star(size: float) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star of outer radius `size`, centred on 0, point up."""
    corners = []
    for i in range(10):
        radius = size if i % 2 == 0 else size * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        corners.append((radius * math.cos(angle), radius * math.sin(angle)))
    return corners


def _inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def seal_png(size: int = 96) -> bytes:
    """A red official-seal ring with a star, on a transparent background (well under 1 KB)."""
    centre = (size - 1) / 2
    outer, inner = size / 2 - 1, size / 2 - 7
    star = _star(size * 0.2)

    def pixel(x: int, y: int) -> Pixel:
        dx, dy = x - centre, y - centre
        on_ring = inner <= math.hypot(dx, dy) <= outer
        return SEAL_RED if on_ring or _inside((dx, dy), star) else CLEAR

    return png_bytes(size, size, pixel)


def scanned_page_jpeg(seed: int = 9, width: int = 620, height: int = 877) -> bytes:
    """A grey page that looks scanned: a table's rules, blobs where text would be, speckle."""
    rng = random.Random(seed)
    page = Image.new("L", (width, height), 236)
    draw = ImageDraw.Draw(page)
    draw.rectangle((150, 60, 470, 78), fill=70)  # the title, as a dark smudge
    for top in range(110, 720, 60):
        draw.line((50, top, 570, top), fill=40, width=2)
        for left in range(60, 560, 14):
            if rng.random() < 0.55:
                draw.rectangle((left, top + 18, left + 10, top + 30), fill=rng.randint(60, 130))
    for x in (50, 150, 570):
        draw.line((x, 110, x, 710), fill=40, width=2)
    for _ in range(2500):
        x, y = rng.randrange(width), rng.randrange(height)
        draw.point((x, y), fill=rng.randint(150, 220))
    return _jpeg(page, quality=55)


def photo_jpeg(seed: int = 15, width: int = 320, height: int = 240) -> bytes:
    """A small 'photo' of a server room: a blue gradient and a few racks with lights."""
    rng = random.Random(seed)
    photo = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(photo)
    for y in range(height):
        draw.line((0, y, width, y), fill=(30, 40 + y // 4, 90 + y // 3))
    for rack in range(4):
        left = 20 + rack * 75
        draw.rectangle((left, 40, left + 55, 220), fill=(25, 25, 30), outline=(90, 90, 100))
        for row in range(50, 210, 12):
            colour = (40, 200, 80) if rng.random() < 0.7 else (230, 160, 20)
            draw.rectangle((left + 6, row, left + 10, row + 3), fill=colour)
    return _jpeg(photo, quality=70)


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()
