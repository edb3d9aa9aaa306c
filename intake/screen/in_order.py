"""Items that come in any order, handed on in their order (issue 21); and Spill, the temporary
file of pickled items both this and the check table keep what waits in.

The workers finish files in completion order: two children read neighbouring groups of up to 256
files at once, so a submission often completes before one that comes earlier in the batch. A
report written in batch order has to wait for the earlier one; what arrives meanwhile waits here.
Normally that is at most a group or two, but a child stuck on one file (up to its timeout) lets
the other read on for thousands: past `keep` waiting items, the rest wait pickled in a temporary
file, so memory stays flat however long the wait.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Generic, TypeVar

T = TypeVar("T")

KEEP = 512  # items waiting in memory; more wait on disk


class Spill(Generic[T]):
    """Items kept pickled in a temporary file of the caller's, each found again by its offset:
    what waits here costs no memory but its offset."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file = file

    def put(self, item: T) -> int:
        offset = self.file.seek(0, 2)
        pickle.dump(item, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        return offset

    def get(self, offset: int) -> T:
        self.file.seek(offset)
        item: T = pickle.load(self.file)  # our own file, written by put
        return item


class _Waiting(Generic[T]):
    """The items that arrived before their turn: in memory up to `keep`, then on disk."""

    def __init__(self, keep: int, file: IO[bytes]) -> None:
        self.keep, self.disk = keep, Spill[T](file)
        self.held: dict[int, T] = {}
        self.spilled: dict[int, int] = {}  # place -> offset in the file

    def put(self, place: int, item: T) -> None:
        if len(self.held) < self.keep:
            self.held[place] = item
        else:
            self.spilled[place] = self.disk.put(item)

    def __contains__(self, place: int) -> bool:
        return place in self.held or place in self.spilled

    def take(self, place: int) -> T:
        if place in self.held:
            return self.held.pop(place)
        return self.disk.get(self.spilled.pop(place))


def in_order(numbered: Iterable[tuple[int, T]], *, keep: int = KEEP) -> Iterator[T]:
    """Each item of `numbered` ((place, item), places 0, 1, 2 … each once, in any order) in
    order of place, as soon as it and every item before it have arrived. A place that never
    arrives holds back those after it until `numbered` ends; they are then handed on in order."""
    with tempfile.TemporaryFile(prefix="intake-waiting-") as file:
        yield from _in_order(numbered, _Waiting(keep, file))


def _in_order(numbered: Iterable[tuple[int, T]], waiting: _Waiting[T]) -> Iterator[T]:
    turn = 0
    for place, item in numbered:
        if place != turn:
            waiting.put(place, item)
            continue
        yield item
        turn += 1
        while turn in waiting:
            yield waiting.take(turn)
            turn += 1
    for place in sorted([*waiting.held, *waiting.spilled]):
        yield waiting.take(place)
