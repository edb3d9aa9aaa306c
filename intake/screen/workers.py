"""Run a function on many inputs in forked processes with a per-item wall-clock and memory limit.

Parsers loop, recurse and grow without bound on hostile files, and a try/except cannot stop a loop
inside C code (RELIABILITY.md): so every file is parsed in a child that the parent kills when it
runs past its time on one file, and whose address space may grow by at most `memory` beyond
what it inherited (RLIMIT_AS). Each child parses a group of files and is then replaced (worker
recycling); after a failure the rest of its group goes to a fresh child. Forking after the
parsers are imported keeps starts cheap. An item of several stages (a submission of several files)
calls `beat` after each: its time limit holds per stage, and a failure says at which stage it
came (Outcome.stage).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_BYTES = 2 * 1024**3
# Files per child before it is recycled. A fresh child costs ~100 ms of CPU (copy-on-write faults
# on the parent's pages, cold caches): at 16 that was half the CPU of checking a .docx batch
# (1 000 submissions: children 18 s at 16, 7.6 s at 128, 7.7 s at 256). A bad file still costs
# only its own child: after a failure the rest of the group goes to a fresh one.
CHUNK = 256
# The signals that stop a batch (Ctrl-C, SIGTERM): held back while a child is forked.
STOPS = {signal.SIGINT, signal.SIGTERM}


@dataclass(frozen=True)
class Outcome(Generic[In, Out]):
    """A child's result, or why there is none: 'timeout', 'memory' or 'crash' with detail."""

    item: In
    value: Out | None = None
    failure: str | None = None
    detail: str = ""
    seconds: float = 0.0
    stage: int = 0  # the stages (`beat` calls) of the item done before its outcome


# The pipe of the child this process is, for `beat`; None in the parent.
_PIPE: Connection | None = None


def beat() -> None:
    """In a child, after a stage of the current item: its clock starts again, and the parent
    counts the stage. Does nothing outside a child."""
    if _PIPE is not None:
        _PIPE.send(("beat", None))


@dataclass
class _Running(Generic[In]):
    items: list[In]
    process: multiprocessing.process.BaseProcess
    conn: Connection
    last: float  # when the child began its current item (or its current stage)
    done: int = 0
    stage: int = 0  # stages of the current item done

    @property
    def current(self) -> In:
        return self.items[self.done]


def _child(func: Callable[[In], Out], items: list[In], conn: Connection,
           memory: int | None) -> None:
    # Ctrl-C reaches the whole process group: the parent decides (it stops and kills us), so a
    # file being read is never recorded as crashed because the reviewer pressed Ctrl-C. SIGTERM
    # (multiprocessing's terminate at exit) must kill us, not raise the parent's KeyboardInterrupt
    # into a file being read: that became a "crash" and the child read on, past a parent that
    # no longer listened, and the exit waited for it for ever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    global _PIPE
    _PIPE = conn
    gc.freeze()  # the parent's objects: the child's collector need not walk (and copy) them
    if memory:
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        for item in items:
            try:
                conn.send(("ok", func(item)))
            except MemoryError:
                conn.send(("memory", "超出内存上限"))
                return  # after a MemoryError nothing in this process is to be trusted
            except BaseException as error:  # the worker boundary: everything becomes an outcome
                conn.send(("crash",
                           f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=5)}"))
    finally:
        conn.close()


def _address_space() -> int:
    """The bytes of address space this process already holds (inherited from the parent). The
    limit is on top of it: a parent grown large (a long batch, a test session) must not leave a
    child less than `memory` to read its file with. 0 where /proc is absent."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


def _start(func: Callable[[In], Out], items: list[In], memory: int | None,
           running: list[_Running[In]]) -> None:
    """Fork a child for `items` and add it to `running`."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(func, items, child, memory), daemon=True)
    with _stops_held():
        process.start()
        child.close()
        running.append(_Running(items, process, parent, time.monotonic()))


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """A Ctrl-C or SIGTERM that comes in the block is only noted, and raised after it.

    Python runs a signal's handler wherever the main thread is: in a fork's at-fork hooks
    (which swallow its exception: the batch went on as if never stopped), or between the fork
    and `running.append` (the child was never stopped, and the exit waited for it for ever). A
    signal mask cannot prevent either: the kernel hands a process's signal to any thread that
    does not block it (the progress display's, for one)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers run in the main thread only: nothing of theirs can happen here
        return
    caught: list[int] = []
    previous = {s: signal.signal(s, lambda number, frame: caught.append(number)) for s in STOPS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])  # now, to the handler that was there before
def _receive(run: _Running[In]) -> tuple[Outcome[In, Out] | None, bool]:
    """The outcome of the child's current item (None when the child only said a stage is done),
    and whether the child is gone (it died on the item, or stops after a MemoryError)."""
    seconds = time.monotonic() - run.last
    item = run.current
    try:
        status, payload = run.conn.recv()
    except (EOFError, OSError):
        run.process.join(5)
        code = run.process.exitcode
        kind = "memory" if code == -signal.SIGKILL else "crash"
        return _next(run, Outcome(item, failure=kind, detail=f"exit code {code}",
                                  seconds=seconds, stage=run.stage)), True
    run.last = time.monotonic()
    if status == "beat":
        run.stage += 1
        return None, False
    if status == "ok":
        return _next(run, Outcome(item, value=payload, seconds=seconds, stage=run.stage)), False
    return _next(run, Outcome(item, failure=status, detail=payload, seconds=seconds,
                              stage=run.stage)), status == "memory"


def _next(run: _Running[In], outcome: Outcome[In, Out]) -> Outcome[In, Out]:
    """The child is done with its current item."""
    run.done, run.stage = run.done + 1, 0
    return outcome


def _stop(run: _Running[In]) -> None:
    if run.process.is_alive() and run.process.pid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(run.process.pid, signal.SIGKILL)
    run.process.join(5)
    run.conn.close()


def _chunks(items: Sequence[In], jobs: int) -> list[list[In]]:
    """Items in groups, one group per child: a child per file would cost a fork and cold
    caches each time; a child per group still recycles workers, so little a bad file leaves
    behind can reach many files after it. Small batches are split so every job has work."""
    size = max(1, min(CHUNK, len(items) // (max(jobs, 1) * 2) or 1))
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def run_isolated(
    func: Callable[[In], Out],
    items: Sequence[In],
    *,
    jobs: int = 2,
    timeout: float = DEFAULT_TIMEOUT,
    memory: int | None = DEFAULT_MEMORY_BYTES,
) -> Iterator[Outcome[In, Out]]:
    """Yield one Outcome per item, in completion order; never raises for what a child does.

    A child that hangs past `timeout` on an item, crashes or runs out of memory is killed; that
    item gets the failure and the rest of its group go to a new child."""
    pending = list(reversed(_chunks(items, jobs)))
    running: list[_Running[In]] = []
    try:
        yield from _drive(func, pending, running, jobs, timeout, memory)
    finally:  # also when the caller stops early (Ctrl-C): no child outlives the batch
        for run in running:
            _stop(run)


def _drive(func: Callable[[In], Out], pending: list[list[In]], running: list[_Running[In]],
           jobs: int, timeout: float, memory: int | None) -> Iterator[Outcome[In, Out]]:
    while pending or running:
        while pending and len(running) < max(jobs, 1):
            _start(func, pending.pop(), memory, running)
        next_deadline = min(r.last + timeout for r in running)
        ready = wait([r.conn for r in running], timeout=max(0.0, next_deadline - time.monotonic()))
        for run in list(running):
            if run.conn in ready:
                outcome, gone = _receive(run)
                if outcome is None:
                    continue
                yield outcome
            elif time.monotonic() - run.last > timeout:
                yield _next(run, Outcome(run.current, failure="timeout", stage=run.stage,
                                         seconds=time.monotonic() - run.last))
                gone = True
            else:
                continue
            if gone or run.done >= len(run.items):
                _retire(run, running, pending)


def _retire(run: _Running[In], running: list[_Running[In]], pending: list[list[In]]) -> None:
    """Stop the child; the items it did not get to go to a new child."""
    _stop(run)  # before it leaves `running`: a stop signal between the two finds it stopped
    running.remove(run)
    if run.done < len(run.items):
        pending.append(run.items[run.done :])
