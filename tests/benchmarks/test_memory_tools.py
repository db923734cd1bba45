"""The memory benchmarks' tools: a process tree's memory, sampled, and the comparison of two runs' rows."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pyarrow as pa

from benchmarks.compare_runs import sorted_rows
from benchmarks.tree_memory import TreeSampler, descendants, rss_pss_kb

# A parent that starts a child holding about 60 MB, then both wait a little.
_TREE = textwrap.dedent("""
    import subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c", "b = bytearray(60 * 2**20); import time; time.sleep(3)"])
    time.sleep(3)
    child.wait()
""")


def test_a_tree_is_sampled_whole_its_children_counted_and_its_root_peak_apart():
    proc = subprocess.Popen([sys.executable, "-c", _TREE])
    with TreeSampler(proc.pid, interval=0.2) as tree:
        proc.wait()
    assert tree.processes == 2
    assert tree.peak_rss_mb > tree.own_peak_mb + 50  # the child's 60 MB are in the tree, not in the root's peak
    assert 0 < tree.peak_pss_mb <= tree.peak_rss_mb  # shared pages counted once


def test_a_process_gone_has_no_memory_and_no_children():
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert rss_pss_kb(proc.pid) == (0, 0) and descendants(proc.pid) == [proc.pid]


def test_rows_are_compared_sorted_without_their_run_columns():
    a = pa.table({"id": ["b", "a"], "run_id": ["r1", "r1"], "ingested_at": [1, 2]})
    b = pa.table({"id": ["a", "b"], "run_id": ["r2", "r2"], "ingested_at": [3, 4]})
    assert sorted_rows(a) == sorted_rows(b) == ["{'id': 'a'}", "{'id': 'b'}"]
    assert sorted_rows(a) != sorted_rows(pa.table({"id": ["a", "c"]}))
