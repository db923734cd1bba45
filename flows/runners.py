"""The task runner of a local run: the flow's own tasks in threads, the per-batch tasks in worker processes.

Extraction is pure Python: threads share one core, so `--workers N` (N >= 2) runs the batches of a run
(read, normalize, extract, write to the state) on a pool of N processes. The pool is Prefect's
`ProcessPoolTaskRunner` (spawned, not forked: each worker imports the batch task's module once, and
every task's inputs and result are cloudpickled; a batch task returns only its manifest rows), and it
is started only by a map over two batches or more: a run of one batch (one article) stays in threads and
pays no worker's start-up. The workers cannot outlive the run: they ignore Ctrl-C (the run stops them, after
the batches they hold), and the kernel stops them if the run dies (`PR_SET_PDEATHSIG`).
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import Any, Iterator

from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import BaseAnnotation, unmapped


class BatchTaskRunner(ThreadPoolTaskRunner):
    """Threads (`max_workers`); a `.map` over two items or more on a pool of `processes` processes (when >= 2),
    started on first use and stopped with this runner."""

    def __init__(self, max_workers: int | None = None, processes: int = 0):
        super().__init__(max_workers=max_workers)
        self._processes = processes
        self._pool: ProcessPoolTaskRunner | None = None

    def duplicate(self) -> "BatchTaskRunner":
        return type(self)(max_workers=self._max_workers, processes=self._processes)

    def map(self, task, parameters: dict[str, Any], wait_for=None):
        if self._processes >= 2 and _map_length(parameters) >= 2:
            if self._pool is None:
                self._pool = ProcessPoolTaskRunner(max_workers=self._processes, initializer=_worker_start,
                                                   initargs=(os.getpid(),)).__enter__()
            with _context_serialized_once():
                return self._pool.map(task, parameters, wait_for)
        return super().map(task, parameters, wait_for)

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        pool, self._pool = self._pool, None
        try:
            if pool is not None:
                pool.__exit__(exc_type, exc_value, traceback)
        finally:
            super().__exit__(exc_type, exc_value, traceback)

    def __eq__(self, value: object) -> bool:
        return (isinstance(value, BatchTaskRunner) and self._max_workers == value._max_workers
                and self._processes == value._processes)

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["_pool"] = None
        return state


def _worker_start(parent: int) -> None:
    """In a worker process: Ctrl-C is for the run (it stops the pool); SIGTERM when the run dies (Linux)."""
    from eventline.server import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def _map_length(parameters: dict[str, Any]) -> int:
    """How many tasks a map makes: the length of its mapped lists, quote()d or not (the flow maps lists)."""
    values = [v.unwrap() if isinstance(v, BaseAnnotation) and not isinstance(v, unmapped) else v
              for v in parameters.values()]
    return max((len(v) for v in values if isinstance(v, (list, tuple))), default=0)


@contextlib.contextmanager
def _context_serialized_once() -> Iterator[None]:
    """Prefect's process pool serializes the whole run context (every setting, through pydantic) for each task
    it submits, in the flow's thread: about 0.1 s a task on 2 cores. The tasks of one map share one context
    (same flow run, tags and settings): serialize it once for the map."""
    import prefect.context as context

    original = context.serialize_context
    once = original()

    def serialize_context(asset_ctx_kwargs: dict[str, Any] | None = None) -> dict[str, Any]:
        return once if asset_ctx_kwargs is None else original(asset_ctx_kwargs)

    context.serialize_context = serialize_context
    try:
        yield
    finally:
        context.serialize_context = original
