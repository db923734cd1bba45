"""Progress of a run for whoever listens (the command line's progress bar): counts, no output of its own.

The flow body reports as its batches come back, so this works with every task runner
(threads here, or a Dask cluster elsewhere: the flow body always runs in this process).
"""

from __future__ import annotations

from typing import Callable, Protocol


class Listener(Protocol):
    def __call__(self, step: str, done: int, total: int | None) -> None: ...


_listeners: list[Listener] = []


def listen(listener: Listener) -> Callable[[], None]:
    """Register a listener; returns the function that removes it again."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def report(step: str, done: int, total: int | None = None) -> None:
    """Tell every listener that `done` of `total` units of `step` are finished ("files read", 12, 40)."""
    for listener in list(_listeners):
        listener(step, done, total)
