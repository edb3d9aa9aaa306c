"""Issue 12, case 4: every write that fails is one line with exit 2, never a traceback, and leaves
the store and the old output file as they were.

The failures are real where this machine allows: a store on a read-only file system (a tmpfs
remounted read-only; as a user other than root, a chmod'ed file), a write lock held by another
connection past the busy timeout, a full disk (a tmpfs of a few hundred KB), a folder where the
output file should go. A workbook held open by Excel on Windows cannot be reproduced on Linux, so
os.replace is monkeypatched to raise the PermissionError Windows gives.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from intake.catalog import load_rubric
from intake.cli import app
from intake.review import excel as review_excel
from intake.store import Store
from tests.support.batch import UNITS, write_batch

RUBRIC = "hebei-ou-2024-collective"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def assert_one_line_error(code: int, output: str, *words: str) -> None:
    assert code == 2, output
    assert "Traceback" not in output
    # The terminal review's prompt may precede it: CliRunner does not echo the typed answer.
    errors = [line[line.index("错误 / error:"):] for line in output.splitlines()
              if "错误 / error:" in line]
    assert len(errors) == 1, output
    assert output.rstrip().endswith(errors[0])  # nothing after it, and it is one line
    for word in words:
        assert word in errors[0], errors[0]


def decision_count(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM decisions").fetchone()[0])


# ---- places that refuse writes -----------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@contextlib.contextmanager
def read_only_store(db: Path, tmp_path: Path) -> Iterator[Path]:
    """The store on a file system mounted read-only (as root), or a file without write bits."""
    if os.geteuid() != 0:
        db.chmod(0o444)
        try:
            yield db
        finally:
            db.chmod(0o644)
        return
    with tmpfs(tmp_path / "ro", "8m") as mount:
        shutil.copy(db, mount / db.name)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield mount / db.name


@contextlib.contextmanager
def full_disk(tmp_path: Path, db: Path | None = None, spare: int = 40_000) -> Iterator[Path]:
    """A tmpfs holding the store (if any) and a filler that leaves `spare` bytes free."""
    if os.geteuid() != 0:
        pytest.skip("a full disk needs root to mount a small tmpfs")
    size = (db.stat().st_size if db else 0) + 512 * 1024
    with tmpfs(tmp_path / "full", f"{size // 1024 + 1}k") as mount:
        if db is not None:
            shutil.copy(db, mount / db.name)
        filler = mount / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * 4096)
        finally:
            os.close(fd)
        os.truncate(filler, max(0, filler.stat().st_size - spare))
        yield mount


@contextlib.contextmanager
def locked(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Another connection holds the write lock; ours waits 0.3 s for it."""
    monkeypatch.setenv("INTAKE_DB_TIMEOUT", "0.3")
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        yield db
        holder.execute("ROLLBACK")


# ---- the commands that write the store ---------------------------------------------------------


@pytest.fixture
def inputs(db: Path, tmp_path: Path) -> dict[str, Path]:
    """A small batch, a filled-in review workbook and a metrics CSV for the store `db`."""
    book = tmp_path / "待复核.xlsx"
    with Store(db) as store:
        rows = review_excel.export(store, load_rubric(RUBRIC), book)
    workbook = load_workbook(book)
    for row in range(2, rows + 2):
        workbook[review_excel.SHEET].cell(row=row, column=review_excel.COL["决定"], value="接受")
    workbook.save(book)
    metrics = tmp_path / "metrics.csv"
    metrics.write_text("单位名称,teacher_online_days,platform_logins_per_capita\n"
                       f"{UNITS[0].name},100,40\n", encoding="utf-8")
    return {"batch": write_batch(tmp_path / "more", UNITS[:1]), "book": book, "metrics": metrics}


WRITERS: dict[str, Callable[[dict[str, Path]], tuple[list[str], str | None]]] = {
    "run": lambda i: (["run", str(i["batch"]), "--rubric", RUBRIC, "--jobs", "1"], None),
    "review --accept-all": lambda i: (["review", "--accept-all", "--reviewer", "张老师"], None),
    "review import": lambda i: (["review", "import", str(i["book"]), "--reviewer", "张老师"],
                                None),
    "metrics import": lambda i: (["metrics", "import", str(i["metrics"])], None),
    # Each answer is its own transaction: the disk fills up after a few.
    "review (terminal)": lambda i: (["review", "--reviewer", "张老师"], "a\n" * 60 + "q\n"),
}


def _run_writer(name: str, inputs: dict[str, Path], db: Path) -> tuple[int, str]:
    args, stdin = WRITERS[name](inputs)
    return invoke(*args, "--db", str(db), stdin=stdin)


@pytest.mark.parametrize("name", list(WRITERS))
def test_read_only_store(name: str, db: Path, inputs: dict[str, Path], tmp_path: Path) -> None:
    with read_only_store(db, tmp_path) as store:
        code, output = _run_writer(name, inputs, store)
        assert_one_line_error(code, output, str(store), "只读")
    assert decision_count(db) == 0


@pytest.mark.parametrize("name", list(WRITERS))
def test_store_locked_past_the_busy_timeout(name: str, db: Path, inputs: dict[str, Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with locked(db, monkeypatch):
        code, output = _run_writer(name, inputs, db)
    assert_one_line_error(code, output, str(db), "正被另一个进程写入", "未写入任何内容")
    assert decision_count(db) == 0


@pytest.mark.parametrize("name", list(WRITERS))
def test_disk_full_while_writing_the_store(name: str, db: Path, inputs: dict[str, Path],
                                           tmp_path: Path) -> None:
    with full_disk(tmp_path, db, spare=45_000) as mount:
        store = mount / db.name
        code, output = _run_writer(name, inputs, store)
        assert_one_line_error(code, output, str(store), "磁盘已满")
        (mount / "filler").unlink()  # room to read the store again
        # All or nothing; the terminal review keeps the decisions made before the disk filled.
        assert decision_count(store) == 0 or name == "review (terminal)"


def test_read_only_store_from_a_real_process(db: Path, inputs: dict[str, Path],
                                             tmp_path: Path) -> None:
    with read_only_store(db, tmp_path) as store:
        done = subprocess.run([sys.executable, "-m", "intake.cli", "review", "--accept-all",
                               "--reviewer", "张老师", "--db", str(store)],
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "只读" in done.stderr


# ---- the commands that write a file --------------------------------------------------------


def _outputs(target: Path, inputs: dict[str, Path], db: Path) -> dict[str, list[str]]:
    store = ["--db", str(db)]
    return {
        "review export": ["review", "export", str(target), *store],
        "check --output": ["check", str(inputs["batch"]), "--format", "json", "--jobs", "1",
                           "--output", str(target)],
        "report --xlsx": ["report", "--xlsx", str(target), *store],
        "report --html": ["report", "--html", str(target), *store],
        "score --output json": ["score", "--format", "json", "--output", str(target), *store],
        "score --output xlsx": ["score", "--format", "xlsx", "--output", str(target), *store],
    }


OUTPUT_COMMANDS = list(_outputs(Path("x"), {"batch": Path("b")}, Path("db")))


@pytest.mark.parametrize("name", OUTPUT_COMMANDS)
def test_workbook_open_in_excel(name: str, db: Path, inputs: dict[str, Path], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "result.xlsx"
    target.parent.mkdir()
    if name == "report --html":
        target.mkdir()
        (target / "index.html").write_text("old", encoding="utf-8")
    else:
        target.write_text("old", encoding="utf-8")

    def refuse(source: object, destination: object) -> None:
        raise PermissionError(13, "Permission denied", str(destination))

    monkeypatch.setattr(os, "replace", refuse)
    code, output = invoke(*_outputs(target, inputs, db)[name])
    assert_one_line_error(code, output, "无法写入", "Excel")
    kept = target / "index.html" if name == "report --html" else target
    assert kept.read_text(encoding="utf-8") == "old"
    assert [p.name for p in target.parent.rglob(".*.tmp")] == []


@pytest.mark.parametrize("name", [n for n in OUTPUT_COMMANDS if n != "report --html"])
def test_a_folder_where_the_output_file_should_go(name: str, db: Path, inputs: dict[str, Path],
                                                  tmp_path: Path) -> None:
    target = tmp_path / "taken.xlsx"
    target.mkdir()
    code, output = invoke(*_outputs(target, inputs, db)[name])
    assert_one_line_error(code, output, str(target), "文件夹")
    assert target.is_dir() and list(target.iterdir()) == []


@pytest.mark.parametrize("name", OUTPUT_COMMANDS)
def test_disk_full_while_writing_a_file(name: str, db: Path, inputs: dict[str, Path],
                                        tmp_path: Path) -> None:
    with full_disk(tmp_path, spare=0) as mount:
        target = mount / ("html" if name == "report --html" else "result.xlsx")
        code, output = invoke(*_outputs(target, inputs, db)[name])
        assert_one_line_error(code, output, "磁盘已满")
