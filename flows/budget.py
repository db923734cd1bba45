"""A time budget for one piece of work (parsing a file, extracting an article), in any thread.

One watchdog thread per process keeps the deadlines. When a deadline passes it raises
`OverBudget` inside the thread doing the work (CPython's PyThreadState_SetAsyncExc), at its next
Python instruction: a rule stuck on a pathological text stops there, and the caller quarantines
that one record. A single C call (one regex search, one HTML parse) is not interrupted: the
readers and the extraction bound those by input size and by windowed scans instead.

`OverBudget` derives from BaseException so that the `except Exception` of the code it
interrupts does not swallow it.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import threading
import time
from typing import Iterator


class OverBudget(BaseException):
    """The work took longer than its time budget."""


class _Watchdog:
    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.deadlines: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self.fired: set[int] = set()
        self.tokens = itertools.count()
        self.thread: threading.Thread | None = None

    def add(self, seconds: float) -> int:
        with self.lock:
            token = next(self.tokens)
            self.deadlines[token] = (time.monotonic() + seconds, threading.get_ident())
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self._watch, name="eventline-budget", daemon=True)
                self.thread.start()
            self.lock.notify()
            return token

    def remove(self, token: int) -> None:
        """Forget a deadline (in the thread that set it); a still pending OverBudget is cleared."""
        try:
            with self.lock:
                _, ident = self.deadlines.pop(token)
                if token in self.fired:
                    self.fired.discard(token)
                    # The work ended just as the deadline passed: its exception may still be pending.
                    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), None)
        except OverBudget:
            # Delivered while forgetting the deadline: forget it all the same, then report it.
            with self.lock:
                self.deadlines.pop(token, None)
                self.fired.discard(token)
            raise

    def _watch(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                waiting = [d for t, (d, _) in self.deadlines.items() if t not in self.fired]
                for token, (deadline, ident) in list(self.deadlines.items()):
                    if token not in self.fired and deadline <= now:
                        self.fired.add(token)
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident),
                                                                   ctypes.py_object(OverBudget))
                self.lock.wait(timeout=max(0.01, min(waiting) - now) if waiting else None)


_WATCHDOG = _Watchdog()


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with at most `seconds` of wall time; OverBudget is raised in it past that.

    None or a value <= 0 means no budget.
    """
    if not seconds or seconds <= 0:
        yield
        return
    token = _WATCHDOG.add(seconds)
    try:
        yield
    finally:
        _WATCHDOG.remove(token)
