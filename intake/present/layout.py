"""Tables that fit the reviewer's terminal: a compact layout below a width, a pager when long.

An 80-column terminal (the Windows console's default) gets the compact layout: one line per row
where it can, names instead of messages, no separators between rows. `--wide` asks for the full
layout whatever the width; output piped to a file or another program is laid out 160 wide (see
terminal.stdout_console) and so is never compact unless asked. Output longer than the screen goes
through rich's pager (the system pager: $PAGER, else less) on a terminal, never in a pipe.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import chain

from rich.console import Console, RenderableType

COMPACT_BELOW = 120  # columns: the wide check and score tables need about this many


def compact(console: Console, wide: bool = False) -> bool:
    """Whether to use the compact layout on this console."""
    return not wide and console.width < COMPACT_BELOW


def show(console: Console, *renderables: RenderableType) -> None:
    """Print; through the pager when on a terminal and taller than the screen."""
    show_all(console, renderables)


def show_all(console: Console, renderables: Iterable[RenderableType]) -> None:
    """show for renderables made one after another (a batch's table in blocks): on a terminal,
    only as many are laid out beforehand as it takes to fill the screen."""
    items = iter(renderables)
    ahead: list[RenderableType] = []
    lines = 0
    while console.is_terminal and lines <= console.height:
        following = next(items, None)
        if following is None:
            break
        ahead.append(following)
        lines += len(console.render_lines(following, console.options, pad=False))
    if lines <= console.height:
        for renderable in chain(ahead, items):
            console.print(renderable)
        return
    # less shows colours with -R; -F leaves at once when it all fits after all, -X keeps it on
    # the screen afterwards. A reviewer's own LESS setting wins.
    os.environ.setdefault("LESS", "-R -F -X")
    with console.pager(styles=True):
        for renderable in chain(ahead, items):
            console.print(renderable)
