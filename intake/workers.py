"""Run a function on many inputs, each in its own forked process with a wall-clock and memory limit.

Parsers loop, recurse and grow without bound on hostile files, and a try/except cannot stop a loop
inside C code (RELIABILITY.md): so every file is parsed in a child that the parent kills when it
runs past its time, and whose address space is capped with RLIMIT_AS. A child per file is also the
simplest form of worker recycling — nothing a bad file leaves behind survives it. Forking after the
parsers are imported keeps the start of each child to a few milliseconds.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Outcome(Generic[In, Out]):
    """A child's result, or why there is none: 'timeout', 'memory' or 'crash' with detail."""

    item: In
    value: Out | None = None
    failure: str | None = None
    detail: str = ""
    seconds: float = 0.0


@dataclass
class _Running(Generic[In]):
    item: In
    process: multiprocessing.process.BaseProcess
    conn: Connection
    started: float


def _child(func: Callable[[In], Out], item: In, conn: Connection, memory: int | None) -> None:
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        conn.send(("ok", func(item)))
    except MemoryError:
        conn.send(("memory", "超出内存上限"))
    except BaseException as error:  # the worker boundary: everything becomes an outcome
        conn.send(("crash", f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=5)}"))
    finally:
        conn.close()


def _start(func: Callable[[In], Out], item: In, memory: int | None) -> _Running[In]:
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(func, item, child, memory), daemon=True)
    process.start()
    child.close()
    return _Running(item, process, parent, time.monotonic())


def _finish(run: _Running[In]) -> Outcome[In, Out]:
    seconds = time.monotonic() - run.started
    try:
        status, payload = run.conn.recv()
    except (EOFError, OSError):
        run.process.join(5)
        code = run.process.exitcode
        kind = "memory" if code == -signal.SIGKILL else "crash"
        return Outcome(run.item, failure=kind, detail=f"exit code {code}", seconds=seconds)
    finally:
        run.conn.close()
    run.process.join(5)
    if status == "ok":
        return Outcome(run.item, value=payload, seconds=seconds)
    return Outcome(run.item, failure=status, detail=payload, seconds=seconds)


def _kill(run: _Running[In]) -> Outcome[In, Out]:
    if run.process.pid is not None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(run.process.pid, signal.SIGKILL)
    run.process.join(5)
    run.conn.close()
    return Outcome(run.item, failure="timeout", seconds=time.monotonic() - run.started)


def run_isolated(
    func: Callable[[In], Out],
    items: Sequence[In],
    *,
    jobs: int = 2,
    timeout: float = DEFAULT_TIMEOUT,
    memory: int | None = DEFAULT_MEMORY_BYTES,
) -> Iterator[Outcome[In, Out]]:
    """Yield one Outcome per item, in completion order; never raises for what a child does."""
    pending = list(reversed(items))
    running: list[_Running[In]] = []
    while pending or running:
        while pending and len(running) < max(jobs, 1):
            running.append(_start(func, pending.pop(), memory))
        now = time.monotonic()
        next_deadline = min(r.started + timeout for r in running)
        ready = wait([r.conn for r in running], timeout=max(0.0, next_deadline - now))
        for run in list(running):
            if run.conn in ready:
                running.remove(run)
                yield _finish(run)
            elif time.monotonic() - run.started > timeout:
                running.remove(run)
                yield _kill(run)
