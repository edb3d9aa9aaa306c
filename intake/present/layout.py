"""Tables that fit the reviewer's terminal: a compact layout below a width, a pager when long.

An 80-column terminal (the Windows console's default) gets the compact layout: one line per row
where it can, names instead of messages, no separators between rows. `--wide` asks for the full
layout whatever the width; output piped to a file or another program is laid out 160 wide (see
terminal.stdout_console) and so is never compact unless asked. Output longer than the screen goes
through rich's pager (the system pager: $PAGER, else less) on a terminal, never in a pipe.
"""

from __future__ import annotations

import os

from rich.console import Console, RenderableType

COMPACT_BELOW = 120  # columns: the wide check and score tables need about this many


def compact(console: Console, wide: bool = False) -> bool:
    """Whether to use the compact layout on this console."""
    return not wide and console.width < COMPACT_BELOW


def show(console: Console, *renderables: RenderableType) -> None:
    """Print; through the pager when on a terminal and taller than the screen."""
    if not console.is_terminal or not _taller_than_screen(console, renderables):
        for renderable in renderables:
            console.print(renderable)
        return
    # less shows colours with -R; -F leaves at once when it all fits after all, -X keeps it on
    # the screen afterwards. A reviewer's own LESS setting wins.
    os.environ.setdefault("LESS", "-R -F -X")
    with console.pager(styles=True):
        for renderable in renderables:
            console.print(renderable)


def _taller_than_screen(console: Console, renderables: tuple[RenderableType, ...]) -> bool:
    lines = 0
    for renderable in renderables:
        lines += len(console.render_lines(renderable, console.options, pad=False))
        if lines > console.height:
            return True
    return False
