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
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from prefect.utilities.annotations import BaseAnnotation, unmapped

from eventline.settings import RunSettings


class BatchTaskRunner(ThreadPoolTaskRunner):
    """Threads (`max_workers`); a `.map` over two items or more on a pool of `processes` processes (when >= 2),
    started on first use and stopped with this runner."""

    def __init__(self, max_workers: int | None = None, processes: int = 0):
        super().__init__(max_workers=max_workers)
        self._processes = processes
        self._pool: ProcessPoolTaskRunner | None = None
        self._stopping: threading.Thread | None = None

    def duplicate(self) -> "BatchTaskRunner":
        return type(self)(max_workers=self._max_workers, processes=self._processes)

    def map(self, task, parameters: dict[str, Any], wait_for=None):
        if self._processes >= 2 and _map_length(parameters) >= 2:
            with _POOL_LOCK:
                if self._pool is None:
                    self._pool = _take_started(self._processes) or _new_pool(self._processes)
                pool = self._pool
            with _context_serialized_once():
                futures = pool.map(task, parameters, wait_for)
            _after_all(futures, self._release_pool)
            return futures
        return super().map(task, parameters, wait_for)

    def _release_pool(self) -> None:
        """Every batch of the map is done: the worker processes are stopped in the background while the run
        merges (each takes a second or more to exit, which the run spent waiting at its end); `__exit__` waits."""
        with _POOL_LOCK:
            pool, self._pool = self._pool, None
        if pool is not None:
            self._stopping = threading.Thread(target=pool.__exit__, args=(None, None, None), daemon=True,
                                              name="eventline-workers-stop")
            self._stopping.start()

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        with _POOL_LOCK:
            pool, self._pool = self._pool, None
        try:
            if pool is not None:
                pool.__exit__(exc_type, exc_value, traceback)
            if self._stopping is not None:
                self._stopping.join()
        finally:
            super().__exit__(exc_type, exc_value, traceback)

    def __eq__(self, value: object) -> bool:
        return (isinstance(value, BatchTaskRunner) and self._max_workers == value._max_workers
                and self._processes == value._processes)

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["_pool"] = state["_stopping"] = None
        return state


_POOL_LOCK = threading.Lock()  # a runner's pool is taken by its map and let go by the map's end or the runner's exit


def _after_all(futures: list, then: Callable[[], None]) -> None:
    """Call `then` once, when every future is done (whatever its outcome)."""
    left, lock = [len(futures)], threading.Lock()

    def one_done(_future: Any) -> None:
        with lock:
            left[0] -= 1
            last = left[0] == 0
        if last:
            then()

    for future in futures:
        future.add_done_callback(one_done)


def batches_run_elsewhere(settings: RunSettings, batches: int) -> bool:
    """Whether a map over `batches` runs in other processes (a pool's, a cluster's), not this one's threads."""
    return bool(settings.dask_address) or (settings.processes and settings.workers >= 2 and batches >= 2)


def _new_pool(processes: int) -> ProcessPoolTaskRunner:
    return ProcessPoolTaskRunner(max_workers=processes, initializer=_worker_start, initargs=(os.getpid(),)).__enter__()


# Worker processes started before the flow (`workers_started_early`), for its first map over batches to take.
_started: list[ProcessPoolTaskRunner] = []


@contextlib.contextmanager
def workers_started_early(settings: RunSettings) -> Iterator[None]:
    """Start the worker processes now when the run will surely map batches over them, so that their start-up
    (imports, then the extraction rules compiled: about 3.5 s of CPU each) overlaps the run's own (its imports,
    the flow's start, discovery); stopped on the way out if the run never took them.

    Surely: `--workers` >= 2 on this machine, a local raw folder with more files than one batch holds, and a
    run that reads every file (`--full`, or no committed generation yet). An incremental run may find nothing
    new: its workers start when it maps (as any run's did before).
    """
    if _worth_starting_early(settings):
        pool = _new_pool(settings.workers)
        executor = getattr(pool, "_executor", None)  # Prefect's process pool spawns its workers on a first call
        for _ in range(settings.workers if executor is not None else 0):
            executor.submit(_warm_up)
        _started.append(pool)
    try:
        yield
    finally:
        while _started:
            _started.pop().__exit__(None, None, None)


def _worth_starting_early(settings: RunSettings) -> bool:
    from flows.files import is_remote

    if settings.workers < 2 or not settings.processes or settings.dask_address or is_remote(settings.raw_dir):
        return False
    from flows.store import open_store

    return (settings.full or open_store(settings.curated_dir).current() is None) and _more_files_than(
        Path(settings.raw_dir), settings.batch_size)


def _more_files_than(folder: Path, count: int) -> bool:
    """Whether a local folder holds more than `count` raw files (not sidecars): a walk that stops there."""
    from transforms.ingest import SIDECAR_SUFFIX

    seen = 0
    for _, _, names in os.walk(folder):
        seen += sum(not n.startswith(".") and not n.endswith(SIDECAR_SUFFIX) for n in names)
        if seen > count:
            return True
    return False


def _take_started(processes: int) -> ProcessPoolTaskRunner | None:
    """The pool started early, when it has this many processes."""
    if _started and _started[0]._max_workers == processes:
        return _started.pop()
    return None


def _warm_up() -> None:
    """In a worker started early: what its first batch would do first, import the batch task's module and
    compile the extraction rules."""
    import flows.pipeline  # noqa: F401  (the batch task's module: its imports)
    from transforms.extract import warm_up

    warm_up()


def _worker_start(parent: int) -> None:
    """In a worker process: Ctrl-C is for the run (it stops the pool); SIGTERM when the run dies (Linux)."""
    from eventline.server import start_worker

    start_worker(parent)


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
