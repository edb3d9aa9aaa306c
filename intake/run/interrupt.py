"""Ctrl-C and SIGTERM during `intake run`: stop between two store writes, never inside one.

`sigterm_as_interrupt` makes a SIGTERM (a closed terminal, `kill`, a CI timeout) stop the run as
Ctrl-C does. `deferred` holds both signals back while a submission is stored and counted, so the
count the run reports when interrupted is exactly what the store holds.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _raise(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    previous = signal.signal(signal.SIGTERM, _raise)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def deferred() -> Iterator[None]:
    """Run the block to its end; a SIGINT or SIGTERM that came meanwhile is raised after it.
    (Only the main thread receives signals; elsewhere the block just runs.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {s: signal.signal(s, lambda signum, frame: caught.append(signum)) for s in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if caught:
        raise KeyboardInterrupt
