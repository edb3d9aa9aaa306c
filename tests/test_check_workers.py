"""Isolated workers: a hang, a crash or a memory blow-up in one file never stops a batch."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from intake.screen.workers import beat, run_isolated


def behave(item: str) -> str:
    if item == "hang":
        while True:
            time.sleep(0.05)
    if item == "crash":
        os._exit(3)
    if item == "raise":
        raise ValueError("bad xref")
    if item == "hog":
        blocks = []
        while True:
            blocks.append(bytearray(50 * 1024**2))
    return item.upper()


# Small enough that the hog reaches it in a few allocations, well inside the 1.5 s time limit even
# on two loaded cores (at 512 MB it timed out first once, under a load of 10).
HOG_LIMIT = 256 * 1024**2


def test_every_item_gets_an_outcome_and_the_batch_completes() -> None:
    items = ["a", "hang", "b", "crash", "raise", "hog", "c"]
    started = time.monotonic()
    outcomes = {o.item: o for o in run_isolated(behave, items, jobs=2, timeout=1.5,
                                                  memory=HOG_LIMIT)}
    assert set(outcomes) == set(items)
    assert [outcomes[x].value for x in "abc"] == ["A", "B", "C"]
    assert outcomes["hang"].failure == "timeout"
    assert outcomes["crash"].failure == "crash"
    assert outcomes["raise"].failure == "crash" and "bad xref" in outcomes["raise"].detail
    assert outcomes["hog"].failure == "memory"
    # The hang is killed at its limit, not waited for.
    assert time.monotonic() - started < 10


def stages(item: str) -> str:
    """Three stages of 0.6 s each, saying when each is done; "hang2" hangs in its third."""
    for stage in range(3):
        if item == "hang2" and stage == 2:
            behave("hang")
        time.sleep(0.6)
        beat()
    return item.upper()


def test_each_stage_of_an_item_has_its_own_time_limit() -> None:
    """A submission of several files: each file (stage) has the limit, not the whole item, and a
    failure says at which stage it came."""
    outcomes = {o.item: o for o in run_isolated(stages, ["ok", "hang2"], jobs=2, timeout=1.0)}
    assert (outcomes["ok"].value, outcomes["ok"].stage) == ("OK", 3)  # 1.8 s in all
    assert (outcomes["hang2"].failure, outcomes["hang2"].stage) == ("timeout", 2)


def test_results_keep_coming_while_one_worker_hangs() -> None:
    order = [o.item for o in run_isolated(behave, ["hang", "x", "y", "z"], jobs=2, timeout=2)]
    assert order[-1] == "hang"


def test_failures_inside_a_group_hand_the_rest_of_the_group_to_a_new_child() -> None:
    items = [f"f{i}" for i in range(40)]
    for position, bad in ((3, "hang"), (12, "crash"), (13, "raise"), (21, "hog")):
        items.insert(position, bad)
    outcomes = list(run_isolated(behave, items, jobs=2, timeout=1.5, memory=HOG_LIMIT))
    assert sorted(o.item for o in outcomes) == sorted(items)  # every item once, none lost
    by_item = {o.item: o for o in outcomes}
    assert all(by_item[f"f{i}"].value == f"F{i}" for i in range(40))
    assert [by_item[b].failure for b in ("hang", "crash", "raise", "hog")] == [
        "timeout", "crash", "crash", "memory"]


def test_a_worker_that_died_without_a_message_is_an_unreadable_finding(tmp_path: Path) -> None:
    """A child killed by a signal leaves no detail: still a finding naming the crash."""
    from intake.screen.batch import _as_read
    from intake.screen.workers import Outcome

    read = _as_read(Outcome(item=tmp_path / "a.pdf", failure="crash", detail=""), 60.0)
    [found] = read.document.findings
    assert found.code == "unreadable" and "reader crashed" in found.message



def _catches(pid: int | None, number: int) -> bool:
    """Whether process `pid` has a handler for signal `number` (Linux: /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(status.split("SigCgt:")[1].split()[0], 16)
    return bool(caught >> (number - 1) & 1)


def _stop_here(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


# A SIGTERM sent by a hook that runs in the parent right after each fork: it arrives exactly
# while the fork is being finished. Armed only inside the test below.
_ARMED: list[bool] = []
os.register_at_fork(after_in_parent=lambda: _ARMED and os.kill(os.getpid(), signal.SIGTERM))


def test_a_stop_signal_that_comes_while_a_worker_is_forked_is_not_lost() -> None:
    """Python ignores an exception raised in its at-fork hooks (logging has one): a SIGTERM or
    Ctrl-C that came during a fork used to vanish, and `intake run` went on to exit 0. Held back
    until the fork is done, it must still find the new child to stop: a child left running kept
    the process from exiting (CI: `intake run` hung 60 s after SIGTERM). Another thread runs,
    as the progress display's does: the kernel may hand it the signal, past any signal mask."""
    before = set(multiprocessing.active_children())  # other tests' (a served desk)
    threading.Thread(target=time.sleep, args=(5,), daemon=True).start()
    previous = signal.signal(signal.SIGTERM, _stop_here)
    _ARMED.append(True)
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in run_isolated(behave, ["hang", "hang"], jobs=2, timeout=30):
                pass
    finally:
        _ARMED.clear()
        signal.signal(signal.SIGTERM, previous)
        left = [c for c in multiprocessing.active_children() if c not in before]
        for child in left:
            child.kill()
    assert left == []


def test_a_child_dies_of_sigterm_although_the_parent_turns_it_into_a_stop() -> None:
    """multiprocessing stops leftover children with SIGTERM at exit; one that took over the
    parent's handler raised KeyboardInterrupt into the file it read, recorded a crash and read
    on."""
    before = set(multiprocessing.active_children())
    previous = signal.signal(signal.SIGTERM, _stop_here)
    try:
        outcomes = run_isolated(behave, ["hang"], jobs=1, timeout=30)
        waiting = threading.Thread(target=lambda: list(outcomes), daemon=True)
        waiting.start()
        deadline = time.monotonic() + 10
        while not set(multiprocessing.active_children()) - before \
                and time.monotonic() < deadline:
            time.sleep(0.01)
        [child] = set(multiprocessing.active_children()) - before
        while _catches(child.pid, signal.SIGTERM) and time.monotonic() < deadline:
            time.sleep(0.01)  # until it has set its own handlers (a signal before is lost)
        child.terminate()
        child.join(5)
        assert child.exitcode == -signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)
