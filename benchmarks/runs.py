"""Running `eventline run` from a benchmark: wall time, the flow's own time, peak memory, the report.

One Prefect server serves every run of a benchmark (PREFECT_API_URL, or one started here), so a
run's figures hold no server start-up. `work` is the flow's time from its start to its commit (the
`runs` row: finished_at - started_at); what the wall time holds beyond it is start-up (imports,
the connection to the server, the lock and checks) and the exit.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
EVENTLINE = ROOT / ".venv" / "bin" / "eventline"


@dataclass
class RunFigures:
    wall: float  # seconds, the whole command
    work: float  # seconds, the flow from its start to its commit
    peak_rss_mb: float  # the command's peak resident memory
    report: dict  # latest.json

    def line(self, name: str) -> str:
        r = self.report
        return (f"{name:<28} wall {self.wall:6.1f}s  start-up {self.wall - self.work:5.1f}s  work {self.work:6.1f}s  "
                f"peak RSS {self.peak_rss_mb:6.0f} MB  articles seen {r['articles_seen']:>5} "
                f"new {r['articles_new']:>5}  events {r['rows_written'].get('events', 0)}")


@contextlib.contextmanager
def prefect_server() -> Iterator[str]:
    """PREFECT_API_URL for the benchmark's runs: the user's, or a temporary server started (and stopped) here."""
    sys.path.insert(0, str(ROOT))
    from eventline.server import prefect_api
    from eventline.settings import PREFECT_HOME, configure_prefect

    configure_prefect()
    with prefect_api(PREFECT_HOME, 180) as server:
        if server is not None:
            server.wait_ready(180)
        yield os.environ["PREFECT_API_URL"]


def run_eventline(raw: Path, out: Path, *options: str) -> RunFigures:
    """`eventline run --quiet` on `raw` into out/curated and out/reports; its figures (raises on failure)."""
    cmd = [str(EVENTLINE), "run", "--quiet", "--raw", str(raw), "--curated", str(out / "curated"),
           "--reports", str(out / "reports"), *options]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak (the server is not its child)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"eventline run failed (exit {proc.returncode}): {stderr.strip() or stdout.strip()}")
    report = json.loads((out / "reports" / "latest.json").read_text(encoding="utf-8"))
    row = next(r for r in pq.read_table(out / "curated" / "runs" / f"run-{report['run_id']}.parquet").to_pylist())
    return RunFigures(wall=wall, work=(row["finished_at"] - row["started_at"]).total_seconds(),
                      peak_rss_mb=usage.ru_maxrss / 1024, report=report)
