"""A step in a spawned process of its own: its result, its exception, or a clear error when it is killed."""

from __future__ import annotations

import os
import signal

import pyarrow as pa
import pytest

from flows.apart import run_apart
from flows.io import FatalRunError


def _table_and_pid(n: int) -> tuple[pa.Table, int]:
    return pa.table({"x": list(range(n))}), os.getpid()


def _fail(reason: str) -> None:
    raise ValueError(reason)


def _killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_result_comes_back_from_another_process():
    table, pid = run_apart(_table_and_pid, 3)
    assert table.to_pylist() == [{"x": 0}, {"x": 1}, {"x": 2}] and pid != os.getpid()


def test_its_exception_is_raised_here():
    with pytest.raises(ValueError, match="no state"):
        run_apart(_fail, "no state")


def test_a_process_killed_before_its_result_is_one_fatal_error_that_says_what_to_do():
    with pytest.raises(FatalRunError, match=r"_killed ended without a result \(exit code -9.*run again"):
        run_apart(_killed)


def _tables(rows: int) -> dict:
    return {"mentions": pa.table({"evidence": ["x" * 100] * rows, "n": list(range(rows))}), "rows": [{"k": 1}]}


def test_arrow_tables_come_back_whole_beside_python_rows():
    out = run_apart(_tables, 50_000)
    assert out["mentions"].equals(_tables(50_000)["mentions"]) and out["rows"] == [{"k": 1}]


def _unpicklable() -> None:
    exc = ValueError("a reason")
    exc.hook = lambda: None  # cannot be pickled
    raise exc


def test_an_exception_that_cannot_be_sent_back_comes_as_its_text():
    with pytest.raises(RuntimeError, match="ValueError: a reason"):
        run_apart(_unpicklable)
