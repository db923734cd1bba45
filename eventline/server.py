"""The Prefect API a run talks to: the one at PREFECT_API_URL (checked first), or a temporary one of ours.

Prefect's own temporary server outlives its parent when the parent is killed (about 225 MB
each, for good). Ours is the same server (Prefect's app under uvicorn, SQLite under the
project's PREFECT_HOME, 127.0.0.1 only) started as our child, so that:
  - it is stopped when the run ends, also on Ctrl-C and SIGTERM (the command line's handlers);
  - it dies with its parent even on SIGKILL: the kernel sends it SIGTERM (prctl PR_SET_PDEATHSIG);
  - should that ever miss (another OS), the next start reaps it: each server leaves a pid file
    under PREFECT_HOME/servers naming its owner, and a server whose owner is gone is stopped.
It is started before the heavy imports of a run, so its start-up overlaps them.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

from flows.io import FatalRunError

log = logging.getLogger(__name__)

_APP = "prefect.server.api.server:create_app"
_PR_SET_PDEATHSIG = 1


def check_api(url: str, timeout: float = 5.0) -> None:
    """FatalRunError (one line) unless the Prefect API at `url` answers its health check."""
    health = url.rstrip("/") + "/health"
    try:
        with urllib.request.urlopen(health, timeout=timeout) as response:  # noqa: S310 - the user's own URL
            if response.status == 200:
                return
            problem = f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        problem = f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        problem = str(getattr(exc, "reason", exc))
    raise FatalRunError(f"the Prefect server at PREFECT_API_URL={url} does not answer ({problem}): start it "
                        "(prefect server start), or unset PREFECT_API_URL to use a temporary one")


def die_with_parent(parent: int) -> None:
    """In a child (before exec, or a worker process as it starts): get SIGTERM when the parent dies (Linux), or
    stop if it already has."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)


def start_worker(parent: int) -> None:
    """In a worker process as it starts: Ctrl-C is for the run (which stops its workers), and SIGTERM comes when
    the run dies (Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)


def spawn_child(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start a process that dies with this one (its output to `log`); call from the main thread."""
    parent = os.getpid()
    with open(log, "wb") as log_file:  # the child keeps its own descriptor
        # Its own session: a Ctrl-C in the terminal reaches only us, and we stop the child after
        # what still needs it (a run recording its end, a runner pausing its schedule).
        return subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file,
                                start_new_session=True,
                                preexec_fn=lambda: die_with_parent(parent))  # noqa: PLW1509


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_time(pid: int) -> str | None:
    """The kernel's start time of a process (tells a live owner from a reused pid), None if it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            return "?"
        return "?"


def _is_our_server(pid: int) -> bool:
    try:
        return _APP in Path(f"/proc/{pid}/cmdline").read_bytes().decode("utf-8", "replace")
    except OSError:
        return False


def _stop(pid: int, wait: float = 5.0) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and _start_time(pid) is not None and _is_our_server(pid):
        time.sleep(0.05)
    if _start_time(pid) is not None and _is_our_server(pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def reap_orphans(home: Path) -> list[int]:
    """Stop temporary servers whose owner process is gone; their pids."""
    reaped = []
    for record in sorted((home / "servers").glob("*.json")):
        try:
            info = json.loads(record.read_text(encoding="utf-8"))
            owner_alive = _start_time(info["owner"]) in (info["owner_start"], "?")
        except (OSError, ValueError, KeyError, TypeError):
            owner_alive = False
            info = {}
        if owner_alive:
            continue
        pid = info.get("pid")
        if isinstance(pid, int) and _is_our_server(pid):
            log.warning("stopping an orphaned temporary Prefect server (pid %d)", pid)
            _stop(pid)
            reaped.append(pid)
        if info.get("log"):
            Path(info["log"]).unlink(missing_ok=True)
        record.unlink(missing_ok=True)
    return reaped


class TemporaryServer:
    """A Prefect API server on 127.0.0.1, child of this process, gone when this process is."""

    def __init__(self, home: Path, scheduler: bool = False):
        self.home = home
        self.scheduler = scheduler  # run the server's services too (the scheduler that creates scheduled runs)
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.record: Path | None = None
        self.log: Path | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self) -> str:
        """Launch the server (returns at once) and the API URL it will answer on."""
        reap_orphans(self.home)
        self.port = _free_port()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_FINAL": "1"}
        if not self.scheduler:  # an ephemeral server runs none of the background services
            env["PREFECT__SERVER_EPHEMERAL"] = "1"
        env.pop("PREFECT_API_URL", None)
        parent = os.getpid()
        (self.home / "servers").mkdir(parents=True, exist_ok=True)
        self.log = self.home / "servers" / f"server-{parent}-{self.port}.log"
        self.process = spawn_child([sys.executable, "-m", "uvicorn", "--factory", _APP, "--host", "127.0.0.1",
                                    "--port", str(self.port), "--log-level", "error", "--lifespan", "on"],
                                   env, self.log)
        self.record = self.home / "servers" / f"{self.process.pid}.json"
        self.record.write_text(json.dumps({"pid": self.process.pid, "port": self.port, "owner": parent,
                                           "owner_start": _start_time(parent), "log": str(self.log)}),
                               encoding="utf-8")
        return self.api_url

    def answers(self) -> bool:
        """True when the server answers its health check now."""
        try:
            with urllib.request.urlopen(self.api_url + "/health", timeout=2) as response:  # noqa: S310
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def wait_ready(self, timeout: float) -> None:
        """Block until the server answers its health check; FatalRunError if it dies or takes too long."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = self.log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
                raise FatalRunError(f"the temporary Prefect server stopped at start-up (exit {self.process.returncode}"
                                    f"{': ' + err[-1] if err else ''}): set PREFECT_API_URL to a running "
                                    "server, or check PREFECT_HOME")
            if self.answers():
                return
            time.sleep(0.1)
        raise FatalRunError(f"the temporary Prefect server did not answer within {timeout:g} s: run again, or set "
                            "PREFECT_API_URL to a running server (prefect server start)")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s) and forget its pid file."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for path in (self.record, self.log):
            if path is not None:
                path.unlink(missing_ok=True)
        self.process = None


@contextlib.contextmanager
def prefect_api(home: Path, startup_timeout: float, scheduler: bool = False) -> Iterator[TemporaryServer | None]:
    """PREFECT_API_URL checked, or a temporary server started (with its scheduler when asked) and
    PREFECT_API_URL pointed at it.

    Call before Prefect is imported (it reads PREFECT_API_URL once); call `wait_ready` on the
    server before the first flow run. The server is stopped on the way out, whatever the way.
    """
    url = os.environ.get("PREFECT_API_URL")
    if url:
        check_api(url)
        yield None
        return
    server = TemporaryServer(home, scheduler)
    try:
        os.environ["PREFECT_API_URL"] = server.start()
        yield server
    finally:
        server.stop()
        os.environ.pop("PREFECT_API_URL", None)
