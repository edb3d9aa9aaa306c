"""rapidocr behind one function: an RGB image → recognised lines with per-character boxes.

The models are the ONNX files inside the installed rapidocr wheel, named by path: given a
model_path, rapidocr never reaches its download code (it downloads only when no path is set and
the file is missing), so OCR makes no network call. One engine per process, built on first use.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # numpy is imported when OCR runs, not by every command that reads files
    import numpy as np

INSTALL_HINT = "pip install 'intake[ocr]'（rapidocr、onnxruntime、opencv-python-headless）"
MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
THREADS = 2  # the machines this runs on have two cores; workers are separate processes anyway
# Text detection on a page at most this many pixels on its longer side (recognition still reads
# the full image): measured on an A4 form scan, 1600 keeps every character and cuts detection's
# peak memory from 880 to 670 MB and its CPU time by a fifth against rapidocr's 2000.
DETECTION_SIDE = 1600


class OcrUnavailable(RuntimeError):
    """The ocr extra is not installed, or its models are missing from the rapidocr package."""


@dataclass(frozen=True)
class OcrChar:
    """One recognised character (or an unbroken Latin/digit word), box in image pixels."""

    text: str
    score: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2


@dataclass(frozen=True)
class OcrLine:
    text: str
    score: float
    box: tuple[float, float, float, float]
    chars: tuple[OcrChar, ...]


Recognise = Callable[["np.ndarray"], list[OcrLine]]


def engine_version() -> str:
    """rapidocr's version and model names: what a cached recognition was made with."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"rapidocr {version('rapidocr')} " + " ".join(MODEL_FILES.values())
    except PackageNotFoundError:
        return "rapidocr missing"


def available() -> str | None:
    """None when OCR can run here; else what to install, in words for the reviewer."""
    missing = [name for name in ("rapidocr", "onnxruntime", "cv2")
               if importlib.util.find_spec(name) is None]
    if missing:
        return f"未安装 OCR 组件（缺少 {', '.join(missing)}），请安装：{INSTALL_HINT}"
    absent = [name for name in MODEL_FILES.values() if not (_model_dir() / name).is_file()]
    if absent:
        return f"rapidocr 安装包中缺少模型文件 {', '.join(absent)}，请重新安装：{INSTALL_HINT}"
    return None


def _model_dir() -> Path:
    spec = importlib.util.find_spec("rapidocr")
    origin = spec.origin if spec else None
    return Path(origin).parent / "models" if origin else Path("/nonexistent")


@lru_cache(maxsize=1)
def _engine() -> Any:
    problem = available()
    if problem:
        raise OcrUnavailable(problem)
    from rapidocr import RapidOCR

    params: dict[str, Any] = {key: str(_model_dir() / name) for key, name in MODEL_FILES.items()}
    params |= {"Global.log_level": "error",
               "EngineConfig.onnxruntime.intra_op_num_threads": THREADS,
               "EngineConfig.onnxruntime.inter_op_num_threads": 1,
               "Det.limit_type": "max", "Det.limit_side_len": DETECTION_SIDE}
    _one_malloc_arena()
    return RapidOCR(params=params)


def _one_malloc_arena() -> None:
    """glibc gives each inference thread its own 64 MB malloc arena of address space; workers run
    under an address-space limit (RLIMIT_AS), where those reservations alone cost ~400 MB."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        ctypes.CDLL(name).mallopt(-8, 1)  # M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to tune
        return


def recognise(image: np.ndarray) -> list[OcrLine]:
    """Lines of an RGB (or grey) image, top to bottom as rapidocr orders them."""
    import numpy as np

    if image.ndim == 2:
        image = np.stack([image] * 3, axis=-1)
    out = _engine()(image, return_word_box=True, return_single_char_box=True)
    if out.boxes is None or out.txts is None:
        return []
    words = out.word_results if len(out.word_results) == len(out.txts) else [()] * len(out.txts)
    return [_line(text, float(score), box, word)
            for text, score, box, word in zip(out.txts, out.scores, out.boxes, words, strict=True)
            if text.strip()]


def _line(text: str, score: float, box: Any, words: Any) -> OcrLine:
    chars = tuple(OcrChar(str(w[0]), float(w[1]), _bounds(w[2]))
                  for w in words if w and w[2] is not None and str(w[0]).strip())
    bounds = _bounds(box)
    if not chars:  # no word boxes: the line is one unit
        chars = (OcrChar(text, score, bounds),)
    return OcrLine(text, score, bounds, chars)


def _bounds(points: Any) -> tuple[float, float, float, float]:
    import numpy as np

    array = np.asarray(points, dtype=float).reshape(-1, 2)
    return (float(array[:, 0].min()), float(array[:, 1].min()),
            float(array[:, 0].max()), float(array[:, 1].max()))
