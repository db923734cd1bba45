"""What the temporary Prefect server costs: start-up time and memory, ours against Prefect's own, and a run with each.

Usage: .venv/bin/python benchmarks/prefect_server.py [--raw data/raw] [--repeat 2]

1. eventline's TemporaryServer (a child that dies with its parent) and Prefect's
   SubprocessASGIServer (the one Prefect starts without PREFECT_API_URL): seconds until the
   health check answers, resident memory of the server process, seconds to stop it.
2. `eventline run --quiet` on the raw folder: wall time when it starts its own server, and when
   PREFECT_API_URL points at a server already running (the difference is what the temporary
   server costs a run).
Uses the project's PREFECT_HOME (.prefect/), whose database is already migrated after one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventline.settings import configure_prefect  # noqa: E402

configure_prefect()


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, MB."""
    total = 0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _ours() -> tuple[float, float, float]:
    from eventline.server import TemporaryServer

    server = TemporaryServer(Path(os.environ["PREFECT_HOME"]))
    started = time.perf_counter()
    server.start()
    server.wait_ready(300)
    ready = time.perf_counter() - started
    rss = _rss_mb(server.process.pid)
    started = time.perf_counter()
    server.stop()
    return ready, rss, time.perf_counter() - started


def _prefects() -> tuple[float, float, float]:
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    started = time.perf_counter()
    server.start(timeout=300)
    ready = time.perf_counter() - started
    rss = _rss_mb(server.server_process.pid)
    started = time.perf_counter()
    server.stop()
    return ready, rss, time.perf_counter() - started


EVENTLINE = [str(ROOT / ".venv" / "bin" / "eventline")]


def time_run(raw: Path, api_url: str | None, eventline: list[str] = EVENTLINE) -> tuple[float, float]:
    """`eventline run --quiet` on `raw` into a fresh folder: wall seconds, and CPU seconds of it and its children
    (its temporary server included)."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    if api_url:
        env["PREFECT_API_URL"] = api_url
    with tempfile.TemporaryDirectory() as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.run([*eventline, "run", "--quiet", "--raw", str(raw),
                               "--curated", f"{tmp}/c", "--reports", f"{tmp}/r"], capture_output=True, text=True,
                              env=env, cwd=ROOT)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return elapsed, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def _run(raw: Path, api_url: str | None) -> float:
    return time_run(raw, api_url)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"{'server':<22} {'ready s':>8} {'RSS MB':>8} {'stop s':>7}")
    for name, measure in (("eventline (ours)", _ours), ("Prefect's own", _prefects)):
        runs = [measure() for _ in range(args.repeat)]
        ready, rss, stop = (statistics.median(x) for x in zip(*runs))
        print(f"{name:<22} {ready:8.1f} {rss:8.0f} {stop:7.2f}")
    from eventline.server import TemporaryServer

    shared = TemporaryServer(Path(os.environ["PREFECT_HOME"]))
    url = shared.start()
    shared.wait_ready(300)
    try:
        own = statistics.median(_run(args.raw, None) for _ in range(args.repeat))
        reuse = statistics.median(_run(args.raw, url) for _ in range(args.repeat))
    finally:
        shared.stop()
    print(f"eventline run on {args.raw}: {own:.1f} s starting its own server, {reuse:.1f} s with a running "
          f"one: the temporary server costs {own - reuse:.1f} s per run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
