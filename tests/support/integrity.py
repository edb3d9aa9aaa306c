"""Helpers of the integrity tests (tests/test_store_integrity.py): a varied batch of collective
submissions, an `intake run` command whose store writes can be slowed down, the writer processes
that race each other on one store, and the children killed while they write a file atomically.

The batch is built with python-docx into tmp_path by `tests.support.batch`: each folder holds a
先进集体申报表 (the form in a table, 单位意见 “同意推荐。签章 2024年10月12日”) and a
事迹材料 .docx whose sentences state the facts of the collective rubric, with unit names,
addresses and figures varied.
"""

from __future__ import annotations

import io
import os
import sys
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path
from typing import Any

from intake.catalog import load_rubric
from intake.present.terminal import write_atomic
from intake.review import decisions
from intake.store import Store
from intake.store import decisions as stored_decisions
from intake.store import suggestions as stored_suggestions
from rubric.errors import IntakeError
from tests.support.batch import Unit

RUBRIC = "hebei-ou-2024-collective"

CITIES = ["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊",
          "衡水", "定州", "辛集"]
NUMERALS = ["一", "两", "三", "四", "五", "六"]


def units(n: int) -> list[Unit]:
    """n collectives with varied names, addresses, heads and figures; every one states every fact
    of the collective rubric, so a complete run suggests each fact for each submission."""
    made = []
    for i in range(n):
        city = CITIES[i % len(CITIES)]
        name = f"{city}开放大学第{i + 1}分校信息中心"
        deeds = [
            "事迹材料",
            f"{name}所在学校成立了由校长任组长的网络安全和信息化领导小组，本年度共召开领导小组会议"
            f"{NUMERALS[i % len(NUMERALS)]}次。",
            f"全年信息化资金投入占年度总预算的{5 + i % 4}.{i % 10}%。",
            f"现有专职信息化人员{3 + i % 7}名。",
            "全年未发生网络安全事故。",
            f"门户网站信息更新及时，公众号关注人数{1 + i % 5}.{i % 9}万人。",
        ]
        made.append(Unit(f"{i:02d}_{city}", name, address=f"{city}市建设大街{i + 1}号",
                         head=["王建国", "李明", "张华", "赵磊"][i % 4],
                         phone=f"0311-6678{i:04d}", deeds=deeds))
    return made


# ---- `intake run` with slow store writes --------------------------------------------------------

# Every store write (one submission, or one submission's suggestions) appends its kind to the marks
# file once its rows are written, then sleeps before COMMIT: a SIGKILL sent on seeing the k-th mark
# lands inside an open transaction, and the test knows how many were committed before it.
SLOW_WRITES = """
import os, sys, time
from intake import store
marks, delay = os.environ["INTAKE_TEST_MARKS"], float(os.environ["INTAKE_TEST_DELAY"])
plain = store.Store.write
def write(self, work):
    def slow(db):
        done = work(db)
        with open(marks, "a", encoding="utf-8") as handle:
            handle.write(work.__qualname__.split(".")[0] + "\\n")
        time.sleep(delay)
        return done
    return plain(self, slow)
store.Store.write = write
from intake.cli import main
sys.argv[0] = "intake"
main()
"""


def intake_command(*args: str, slow: bool = False) -> list[str]:
    """`python -m intake.cli ARGS`, or the same with slowed-down store writes."""
    if slow:
        return [sys.executable, "-c", SLOW_WRITES, *args]
    return [sys.executable, "-m", "intake.cli", *args]


# ---- writers racing on one store (run in spawned processes) -------------------------------------


def _all_decisions(store: Store, limit: int | None = None) -> list[decisions.Decision]:
    """Accept every suggestion (a suggestion without evidence is confirmed as such)."""
    made = []
    for pending in stored_suggestions.pending(store, RUBRIC, pending_only=False)[:limit]:
        found = pending.suggestion.status == "suggested"
        made.append(stored_decisions.Decision(
            suggestion_id=pending.id, action="accept" if found else "no_evidence",
            decided=(stored_decisions.as_suggested(pending.suggestion) if found
                     else stored_decisions.Decided())))
    return made


def record_at_once(db: str, reviewer: str, start: Barrier, out: Queue[Any], *, hold: float = 0.0,
                   each: bool = False, limit: int | None = None, timeout: float = 30.0) -> None:
    """Wait at `start` for the other writers, then record every decision: in one transaction
    (held open `hold` seconds before COMMIT) or in one transaction each. Puts (reviewer, began,
    ended, outcome, message) on `out`."""
    with Store(Path(db), timeout=timeout) as store:
        rubric = load_rubric(RUBRIC)
        made = _all_decisions(store, limit)
        if hold:
            plain = store.write

            def slow_write(work: Any) -> Any:
                def held(connection: Any) -> Any:
                    done = work(connection)
                    time.sleep(hold)
                    return done
                return plain(held)

            store.write = slow_write  # type: ignore[method-assign]
        start.wait(30)
        began = time.monotonic()
        try:
            if each:
                count = sum(decisions.record(store, rubric, reviewer, [d], "terminal")
                            for d in made)
            else:
                count = decisions.record(store, rubric, reviewer, made, "excel")
        except IntakeError as error:
            out.put((reviewer, began, time.monotonic(), type(error).__name__, str(error)))
            return
        except BaseException as error:  # reported to the test, which fails on it
            out.put((reviewer, began, time.monotonic(), type(error).__name__, repr(error)))
            return
        out.put((reviewer, began, time.monotonic(), "ok", str(count)))


# ---- children killed while writing a file (run in forked processes) -----------------------------


class _Stalling(io.FileIO):
    """A file that writes half of what it is given, says so, and then hangs until killed."""

    ready: Event

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        half, done = len(view) // 2, 0
        while done < half:
            done += super().write(view[done:half]) or 0
        os.fsync(self.fileno())
        self.ready.set()
        time.sleep(120)
        return done


def stall_mid_write(target: str, payload: bytes, ready: Event) -> None:
    """write_atomic whose file write stops half way (then the parent kills this process)."""
    _Stalling.ready = ready
    os.fdopen = lambda fd, *args, **kwargs: _Stalling(fd, "wb")  # type: ignore[assignment]
    write_atomic(Path(target), payload)


def write_forever(target: str, payloads: list[bytes], started: Event) -> None:
    """Rewrite the target atomically with each payload in turn until killed."""
    started.set()
    while True:
        for payload in payloads:
            write_atomic(Path(target), payload)


def stall_at_fsync(ready: Event) -> None:
    """From now on, the first fsync (write_atomic's, before its rename) hangs until killed."""
    def fsync(fd: int) -> None:
        ready.set()
        time.sleep(120)

    os.fsync = fsync
