"""The OCR cache in the store (intake/store/ocr_cache.py), on both engines, as the OCR workers use
it: a forked process fills it and another process answers from it; and `intake check --db`, which
names the store the cache lives in. No recogniser runs here."""

from __future__ import annotations

import multiprocessing
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

from intake.cli import app
from intake.cli.ocr_options import ocr_options
from intake.store import Store
from intake.store.ocr_cache import OcrStoreCache
from tests.support.files import make_docx

_databases = iter(range(1, 10**6))


@pytest.fixture(params=["sqlite", "postgresql"])
def empty(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty store on each engine."""
    if request.param == "sqlite":
        return str(tmp_path / "ocr.db")
    from tests.support.postgres import fresh_database

    return fresh_database(request.getfixturevalue("postgres_server"), f"ocr{next(_databases)}")


def _form(root: Path) -> Path:
    folder = root / "batch" / "孙芳"
    folder.mkdir(parents=True)
    return make_docx(folder / "申报表.docx",
                     lambda d: d.add_paragraph("河北开放大学信息化工作先进个人申报表"))


def _put(cache: OcrStoreCache, key: str, value: str) -> None:
    cache.put(key, value)


def test_a_page_put_by_a_worker_is_answered_later_and_replaced_by_a_new_reading(
        empty: str) -> None:
    cache = ocr_options("auto", empty).cache
    assert isinstance(cache, OcrStoreCache)
    assert cache.get("page-1") is None
    worker = multiprocessing.get_context("fork").Process(target=_put,
                                                         args=(cache, "page-1", '[["孙芳"]]'))
    worker.start()
    worker.join(timeout=60)
    assert worker.exitcode == 0
    assert cache.get("page-1") == '[["孙芳"]]'
    again = pickle.loads(pickle.dumps(cache))  # as a spawned worker would receive it
    again.put("page-1", '[["孙芳", "工程师"]]')
    assert cache.get("page-1") == '[["孙芳", "工程师"]]'
    with Store(empty) as store:
        assert [r["key"] for r in store.query("SELECT key FROM ocr_cache")] == ["page-1"]


def test_a_cache_whose_store_is_gone_is_slower_not_wrong(tmp_path: Path) -> None:
    cache = OcrStoreCache(tmp_path / "gone" / "ocr.db")  # the folder does not exist
    cache.put("page-1", "[]")
    assert cache.get("page-1") is None


def test_check_with_a_store_that_cannot_be_opened_is_a_message_and_exit_2(tmp_path: Path) -> None:
    form = _form(tmp_path)
    store = tmp_path / "no-such-folder" / "intake.db"
    result = CliRunner().invoke(app, ["check", str(form.parent), "--db", str(store)])
    assert result.exit_code == 2, result.output
    assert str(store) in result.output and "Traceback" not in result.output


def test_check_with_a_store_leaves_it_migrated_for_the_cache(tmp_path: Path) -> None:
    form = _form(tmp_path)
    db = tmp_path / "cache.db"
    result = CliRunner().invoke(app, ["check", str(form.parent), "--db", str(db), "--ocr", "off",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.query("SELECT count(*) AS n FROM ocr_cache")[0]["n"] == 0
