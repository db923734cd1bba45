"""The run lock: one run at a time per curated folder (an OS lock on `curated/.eventline.lock`).

Its own small module, without pyarrow or pandas: the command line takes the lock before it
starts a Prefect server or imports the pipeline, so that a second run fails in milliseconds.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import tempfile
import threading
from pathlib import Path
from typing import Iterator

from flows.files import is_remote
from flows.io import FatalRunError

LOCK = ".eventline.lock"

_held: dict[str, int] = {}  # lock path -> depth, for this process
_held_guard = threading.Lock()
_handles: dict[str, object] = {}


@contextlib.contextmanager
def run_lock(curated: Path | str) -> Iterator[None]:
    """One run at a time per curated folder (an OS lock: it dies with its process, never goes stale).

    Re-entrant within one process: the command line takes it before Prefect starts, and the
    flow it starts takes it again without waiting for itself.
    """
    key = _lock_path(curated)
    with _held_guard:
        if key in _held:
            _held[key] += 1
        else:
            fh = open(key, "a+", encoding="utf-8")  # noqa: SIM115 - held until released below
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip() or "unknown process"
                fh.close()
                raise FatalRunError(f"another run ({holder}) holds the lock on {curated}: "
                                    "wait for it to finish, then run again") from None
            fh.truncate(0)
            fh.write(f"{socket.gethostname()}:{os.getpid()}")
            fh.flush()
            _handles[key], _held[key] = fh, 1
    try:
        yield
    finally:
        with _held_guard:
            _held[key] -= 1
            if _held[key] == 0:
                del _held[key]
                fh = _handles.pop(key)
                fcntl.flock(fh, fcntl.LOCK_UN)
                fh.close()


def holds_lock(curated: Path | str) -> bool:
    """True when this process holds the run lock of `curated`."""
    return _lock_path(curated) in _held


def _lock_path(curated: Path | str) -> str:
    """The lock file: in the curated folder; for object storage (no locks there), one per URL in this
    machine's temporary folder (runs on one store must then start from one machine: docs/scaling.md)."""
    if is_remote(curated):
        folder = Path(tempfile.gettempdir()) / "eventline-locks"
        folder.mkdir(parents=True, exist_ok=True)
        return os.fspath(folder / f"{hashlib.sha256(os.fspath(curated).encode()).hexdigest()[:24]}.lock")
    Path(curated).mkdir(parents=True, exist_ok=True)
    return os.path.realpath(Path(curated) / LOCK)
