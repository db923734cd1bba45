"""Memory of a process and all its descendants, sampled: the whole tree of a run, not only its own process.

A run with `--workers N` (N >= 2) extracts in N worker processes beside the flow's process (and
multiprocessing's resource tracker). The sum of their resident sizes (RSS) counts twice the pages
they share (the libraries' code, mapped once); the sum of their proportional sizes (PSS, from
/proc/PID/smaps_rollup: each shared page divided among the processes that map it) does not, so
it is the honest figure for the tree. Linux only; elsewhere the sampler reports nothing.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field


def children_of() -> dict[int, list[int]]:
    """parent pid -> its children's pids, for every process visible in /proc."""
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                parent = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        out.setdefault(parent, []).append(int(entry))
    return out


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    tree, out, todo = children_of(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += tree.get(p, [])
    return out


def high_water_kb(pid: int) -> int:
    """The process's own peak resident memory so far (VmHWM), in kB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmHWM:")), 0)
    except OSError:
        return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used so far (/proc/PID/stat); 0.0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def rss_pss_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; (0, 0) when it is gone or unreadable."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


@dataclass
class TreeSampler:
    """Samples a process tree every `interval` seconds in a thread (`with TreeSampler(pid) as s:`); the peaks
    of the tree's summed RSS and PSS, in MB, how many processes the tree had at most, and the root process's
    own peak (its VmHWM: getrusage of a child reports the largest of it and every process it waited for), and
    the CPU seconds of each process below the root at its last sample (`children_cpu`)."""

    pid: int
    interval: float = 1.0
    own_peak_mb: float = 0.0
    peak_rss_mb: float = 0.0
    peak_pss_mb: float = 0.0
    processes: int = 0
    children_cpu: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)

    def sample(self) -> None:
        self.own_peak_mb = max(self.own_peak_mb, high_water_kb(self.pid) / 1024)
        pids = descendants(self.pid)
        sizes = [rss_pss_kb(p) for p in pids]
        self.peak_rss_mb = max(self.peak_rss_mb, sum(r for r, _ in sizes) / 1024)
        self.peak_pss_mb = max(self.peak_pss_mb, sum(p for _, p in sizes) / 1024)
        self.processes = max(self.processes, sum(1 for r, _ in sizes if r))
        for p in pids[1:]:
            seconds = cpu_seconds(p)
            if seconds:
                self.children_cpu[p] = seconds

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "TreeSampler":
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
