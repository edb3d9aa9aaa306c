"""A cache of recogniser output by image hash, so a re-run does not OCR a page again.

The store (intake) provides the implementation; here is only the protocol and the wrapper that
keys each recognition by the SHA-256 of the image's pixels and the recogniser's version.
"""

from __future__ import annotations

import hashlib
import json
from typing import Protocol

import numpy as np

from extractors.ocr.engine import OcrChar, OcrLine, Recognise, engine_version, recognise


class OcrCache(Protocol):
    def get(self, key: str) -> str | None: ...
    def put(self, key: str, value: str) -> None: ...


def image_key(image: np.ndarray) -> str:
    digest = hashlib.sha256(f"{engine_version()}|{image.shape}|".encode())
    digest.update(np.ascontiguousarray(image).data)
    return digest.hexdigest()


def dumps(lines: list[OcrLine]) -> str:
    return json.dumps([[ln.text, ln.score, ln.box, [[c.text, c.score, c.box] for c in ln.chars]]
                       for ln in lines], ensure_ascii=False)


def loads(value: str) -> list[OcrLine]:
    return [OcrLine(text, score, tuple(box),
                    tuple(OcrChar(t, s, tuple(b)) for t, s, b in chars))  # type: ignore[arg-type]
            for text, score, box, chars in json.loads(value)]


def cached(cache: OcrCache | None, recogniser: Recognise = recognise) -> Recognise:
    """`recogniser`, answering from the cache when it has seen the same pixels."""
    if cache is None:
        return recogniser

    def run(image: np.ndarray) -> list[OcrLine]:
        key = image_key(image)
        hit = cache.get(key)
        if hit is not None:
            return loads(hit)
        lines = recogniser(image)
        cache.put(key, dumps(lines))
        return lines

    return run
