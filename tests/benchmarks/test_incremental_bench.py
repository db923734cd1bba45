"""benchmarks/incremental.py's same-size edit and benchmarks/runs.py's measure of a flow run."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from benchmarks.incremental import same_size_edit
from benchmarks.runs import flow_span

UTC = dt.timezone.utc


def test_a_same_size_edit_keeps_size_and_mtime(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: T\n---\n\nNorway and Chile held talks in Oslo.\n")
    os.utime(path, ns=(1_600_000_000_123_456_789, 1_600_000_000_123_456_789))
    before = path.stat()
    assert same_size_edit(path)
    after = path.stat()
    assert path.read_bytes() == b"---\ntitle: T\n---\n\nNorway and Chile held Talks in Oslo.\n"
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    (tmp_path / "b.json").write_bytes(b'{"text": "talks"}')
    assert not same_size_edit(tmp_path / "b.json")  # a key may be the last word: only text forms


def test_the_work_is_the_flow_run_that_holds_the_run():
    t = dt.datetime(2024, 1, 1, 12, tzinfo=UTC)
    runs = [(t, t + dt.timedelta(seconds=30)), (t + dt.timedelta(seconds=40), t + dt.timedelta(seconds=45)),
            (t + dt.timedelta(seconds=50), None)]
    # The runs row's started_at is stamped inside the flow, after Prefect's start; its end is after the commit.
    assert flow_span(runs, t + dt.timedelta(seconds=1)) == 30
    assert flow_span(runs, t + dt.timedelta(seconds=41)) == 5
    with pytest.raises(ValueError, match="PREFECT_API_URL"):
        flow_span(runs, t + dt.timedelta(seconds=51))  # still running: no end yet
