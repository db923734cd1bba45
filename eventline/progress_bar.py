"""The command line's progress bar over a run: files read, articles, rows written (rich, on stderr)."""

from __future__ import annotations

import contextlib
from typing import Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows import progress


@contextlib.contextmanager
def progress_bar(enabled: bool = True, console: Console | None = None) -> Iterator[None]:
    """Show one bar per step the flow reports while the block runs; nothing when not enabled (--quiet)."""
    if not enabled:
        yield
        return
    bars = Progress(TextColumn("{task.description:>13}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console or Console(stderr=True))
    tasks: dict[str, int] = {}

    def update(step: str, done: int, total: int | None) -> None:
        if step not in tasks:
            tasks[step] = bars.add_task(step, total=total)
        bars.update(tasks[step], completed=done, total=total)

    with bars:
        stop = progress.listen(update)
        try:
            yield
        finally:
            stop()
