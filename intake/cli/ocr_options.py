"""`--ocr auto|off|force` on `intake check` and `intake run` (a helper of intake/cli/check.py and
intake/cli/run.py, not a command), turned into the readers' OcrOptions with the store's OCR cache
when there is a store.

auto: pages without a usable text layer are OCR'd (when the ocr extra is installed); off: no OCR,
such pages keep `needs_ocr`; force: every page of every PDF, and every page-sized picture, is
OCR'd and the OCR kept where it finds more than the text layer.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from extractors.ocr.need import Mode, OcrOptions


class OcrMode(StrEnum):
    auto = "auto"
    off = "off"
    force = "force"


OcrOption = Annotated[OcrMode, typer.Option(
    "--ocr", help="auto: OCR pages without a usable text layer; off: never; force: every page.")]
OcrDbOption = Annotated[str | None, typer.Option(
    "--db", help="A store (SQLite file or postgresql:// URL) whose OCR cache to use and fill, so "
                 "a re-run does not OCR again.")]


def ocr_options(mode: Mode, db: str | Path | None = None) -> OcrOptions:
    """The readers' options; with `db`, the store is opened (created, migrated) here once, so a
    store that cannot be opened is a message before any file is read, and the workers that fill
    the cache never race to migrate it."""
    from extractors.ocr.need import OcrOptions

    if db is None:
        return OcrOptions(mode=mode)
    from intake.store import Store  # SQLAlchemy: only when a store is named
    from intake.store.ocr_cache import OcrStoreCache

    Store(db).close()
    return OcrOptions(mode=mode, cache=OcrStoreCache(db))
