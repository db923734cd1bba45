"""Running `eventline run` from a benchmark: wall time, the flow's own time, peak memory, the report.

One Prefect server serves every run of a benchmark (PREFECT_API_URL, or one started here), so a
run's figures hold no server start-up. `work` is the flow's time from its start to its end as the
Prefect server recorded them (the reports, the commit and the clean-up of old generations
included, which come after the `runs` row's finished_at); what the wall time holds beyond it is
start-up (imports, the connection to the server, the lock and checks) and the exit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq

from benchmarks.tree_memory import TreeSampler

ROOT = Path(__file__).resolve().parents[1]
EVENTLINE = ROOT / ".venv" / "bin" / "eventline"
FLOW = "eventline-run"  # flows/pipeline.py


@dataclass
class RunFigures:
    wall: float  # seconds, the whole command
    work: float  # seconds, the flow from its start to its end
    peak_rss_mb: float  # the command's own peak resident memory (the flow's process, its VmHWM sampled)
    report: dict  # latest.json
    largest_mb: float = 0.0  # the largest peak of the command and the processes it started (getrusage)
    tree_rss_mb: float = 0.0  # peak of the command's process tree (its workers too), summed RSS, sampled
    tree_pss_mb: float = 0.0  # the same in PSS: shared pages counted once (benchmarks/tree_memory.py)
    tree_processes: int = 0  # processes in that tree at most

    def line(self, name: str) -> str:
        r = self.report
        return (f"{name:<28} wall {self.wall:6.1f}s  start-up {self.wall - self.work:5.1f}s  work {self.work:6.1f}s  "
                f"peak RSS {self.peak_rss_mb:6.0f} MB  articles seen {r['articles_seen']:>5} "
                f"new {r['articles_new']:>5}  events {r['rows_written'].get('events', 0)}\n{'':<28} whole tree "
                f"({self.tree_processes} processes at most, sampled every second): peak RSS {self.tree_rss_mb:6.0f} MB, "
                f"PSS {self.tree_pss_mb:6.0f} MB; its largest process {self.largest_mb:6.0f} MB")


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
    with TreeSampler(proc.pid) as tree:  # the server is not in it: not the command's child
        stdout, stderr = proc.stdout.read(), proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
    largest = usage.ru_maxrss / 1024  # the largest of this child and the processes it waited for
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"eventline run failed (exit {proc.returncode}): {stderr.strip() or stdout.strip()}")
    report = json.loads((out / "reports" / "latest.json").read_text(encoding="utf-8"))
    row = next(r for r in pq.read_table(out / "curated" / "runs" / f"run-{report['run_id']}.parquet").to_pylist())
    return RunFigures(wall=wall, work=flow_seconds(row["started_at"]), peak_rss_mb=tree.own_peak_mb or largest,
                      report=report, largest_mb=largest, tree_rss_mb=tree.peak_rss_mb, tree_pss_mb=tree.peak_pss_mb,
                      tree_processes=tree.processes)


def flow_seconds(started_at: dt.datetime) -> float:
    """Seconds from start to end of the eventline-run flow run that holds the run started at `started_at`."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[FLOW])),
                                     sort=FlowRunSort.START_TIME_DESC, limit=20)
    return flow_span([(r.start_time, r.end_time) for r in runs], started_at)


def flow_span(runs: list[tuple], started_at: dt.datetime) -> float:
    """Of the flow runs' (start, end), the span of the one that began last before `started_at` (the flow's
    body stamps the run's start after the flow run began); ValueError when none holds it."""
    held = [(start, end) for start, end in runs if start and end and start <= started_at <= end]
    if not held:
        raise ValueError(f"no finished {FLOW} flow run holds the run started at {started_at}: "
                         "is PREFECT_API_URL the server the run reported to?")
    start, end = max(held, key=lambda r: r[0])
    return (end - start).total_seconds()
