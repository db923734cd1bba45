"""Fault injection: the run fails, or dies, at every one of its write steps in turn.

The write steps are enumerated by recording `flows.io.write_step` during one run. Then, for
each step, a copy of a curated folder holding a committed generation A runs B with:
  - fail: that one step raises "No space left on device" (the run handles it: exit-2 path);
  - kill: that step and every later one raise a BaseException (nothing more reaches the disk,
    as after SIGKILL); a file being written at that step is left torn (half its bytes).
After each, the folder must be consistent: every table read through its link (DuckDB glob,
pyarrow.dataset, our reader) belongs to one generation, A or B, whole; the history reads with
DuckDB; the runs row tells the truth. Then a run C must succeed, settle B's row and leave no
leftover. The same sequence of effects as the flow (flows/pipeline.py) runs here without
Prefect; test_a_real_kill_at_the_commit does it to the real command with SIGKILL-like os._exit.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from flows import io
from flows.store import GENERATION_TABLES, CuratedStore
from tests.flows import layers

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
UTC = dt.timezone.utc


class Killed(BaseException):
    """The process died here: nothing after this reaches the disk."""


@lru_cache(maxsize=1)
def raw_folders() -> tuple[Path, Path]:
    """The fixture articles as run A reads them, and with one more article, as every later run does (so that
    those read a file, write a state batch and link the batches of the others)."""
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="eventline-raw-"))
    shutil.copytree(FIXTURES, root / "a")
    shutil.copytree(FIXTURES, root / "b")
    (root / "b" / "extra.txt").write_text("Talks in Oslo\n\nNorway and Chile held talks in Oslo on 3 May 2022.")
    return root / "a", root / "b"


def simulate(root: Path, run_id: str) -> dict:
    """The effects of one run, in the flow's order (flows/pipeline.py: open, publish, or close as failed)."""
    first, later = raw_folders()
    return layers.simulate(root, run_id, first if run_id == "run_A" else later)


def _old_layout(root: Path) -> None:
    """A curated folder as eventline wrote it before generations: table folders, a staging leftover."""
    from flows.store import to_arrow
    from schemas.tables import TABLES

    tables = {**layers.compute(FIXTURES, "x").tables}
    for name in GENERATION_TABLES:
        (root / "c" / name).mkdir(parents=True)
        arrow, _ = to_arrow(tables.get(name, []), TABLES[name])  # the articles come as Arrow, the rest as rows
        arrow = arrow.replace_schema_metadata({**arrow.schema.metadata, b"run_id": b"run_OLD"})
        pq.write_table(arrow, root / "c" / name / "part-0.parquet")
    (root / "c" / ".events.old-run_x").mkdir()
    (root / "c" / "runs").mkdir()
    pq.write_table(pa.table({"run_id": ["run_OLD"], "status": ["completed"],
                             "started_at": pa.array([dt.datetime(2024, 1, 1, tzinfo=UTC)],
                                                    pa.timestamp("us", tz="UTC"))}),
                   root / "c" / "runs" / "run-run_OLD.parquet")
    (root / "r").mkdir()
    (root / "r" / "latest.json").write_text(json.dumps({"run_id": "run_OLD", "status": "completed"}))


def _start(name: str, root: Path) -> None:
    """Bring `root` to a starting state: after one good run A; after A and a run B killed mid-way; old layout."""
    if name == "old-layout":
        _old_layout(root)
        return
    simulate(root, "run_A")
    if name == "after-a-killed-run":
        saved = io.write_step
        io.write_step = _injector("kill", _step_of("latest.json", root), root)  # B's generation done, latest.json half written
        try:
            simulate(root, "run_B")
        except Killed:
            pass
        finally:
            io.write_step = saved


def _step_of(name: str, root: Path) -> int:
    """The index of the first write step of the next run on `root` whose path names `name`."""
    return next(i for i, (step, path) in enumerate(_record(root)) if step == "write" and name in path)


def _record(root: Path) -> list[tuple[str, str]]:
    """(step, path relative to the case folder) of every file effect of the next run on a copy of `root`."""
    import tempfile

    case = Path(tempfile.mkdtemp(prefix="eventline-steps-")) / "case"
    shutil.copytree(root, case, symlinks=True)
    seen: list[tuple[str, str]] = []
    saved = io.write_step
    io.write_step = lambda step, path: seen.append((step, os.path.relpath(path, case)))
    try:
        simulate(case, "run_N")
    finally:
        io.write_step = saved
    return seen


STATES = ("after-a-good-run", "after-a-killed-run", "old-layout")


@lru_cache(maxsize=None)
def template(state: str) -> Path:
    import tempfile

    root = Path(tempfile.mkdtemp(prefix=f"eventline-{state}-"))
    _start(state, root)
    return root


@lru_cache(maxsize=None)
def steps(state: str) -> tuple[tuple[str, str], ...]:
    """(step, path relative to the case folder) of every file effect of the next run, in order."""
    return tuple(_record(template(state)))


def _cases() -> list:
    return [pytest.param(state, at, id=f"{state}-{at:02d}-{step}-{re.sub(r'tmp-[0-9]+', 'tmp', path)}")
            for state in STATES for at, (step, path) in enumerate(steps(state))]


def _injector(mode: str, at: int, case: Path):
    count = {"n": -1}

    def hook(step: str, path: Path) -> None:
        count["n"] += 1
        if mode == "fail" and count["n"] == at:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        if mode == "kill" and count["n"] >= at:
            if count["n"] == at and step == "write":
                # Died in the middle of writing this file: half of what it would have held.
                Path(path).write_bytes(b"PAR1" + os.urandom(64))
            raise Killed(f"killed at step {count['n']} ({step} {path})")

    return hook


def check_whole(root: Path) -> str:
    """Every table, read through its path by DuckDB, pyarrow.dataset and our reader, is of one run, whole;
    the history reads with DuckDB. The run whose tables these are."""
    store = CuratedStore(root / "c")
    info = store.generation_info()
    made_by = set()
    for table in GENERATION_TABLES:
        path = root / "c" / table
        files = sorted(path.rglob("*.parquet"))
        assert files, f"{table} has no file"
        made_by |= {pq.read_metadata(f).metadata[b"run_id"].decode() for f in files}
        rows = duckdb.sql(f"select count(*) from read_parquet('{path}/**/*.parquet')").fetchall()[0][0]
        assert ds.dataset(path, format="parquet").count_rows() == rows
        if info is not None:
            assert rows == info["tables"][table] == store.read_table(table).num_rows, table
    assert len(made_by) == 1, made_by  # never tables of two runs together
    for table in ("runs", "quarantine"):
        if (root / "c" / table).is_dir() and any((root / "c" / table).glob("*.parquet")):
            duckdb.sql(f"select count(*) from read_parquet('{root}/c/{table}/*.parquet', union_by_name=true)").fetchall()
    return made_by.pop()


def runs_by_id(root: Path) -> dict[str, dict]:
    return {r["run_id"]: r for r in CuratedStore(root / "c").read_table("runs").to_pylist()}


def check_next_run_recovers(root: Path) -> None:
    """A run after the fault completes, settles the faulty run's row and leaves no leftover."""
    store = CuratedStore(root / "c")
    before = store.current()
    doc = simulate(root, "run_C")
    assert doc["status"] == "completed" and store.current() == "run_C"
    # Its input unchanged since run_N committed, run_C links run_N's table files (they name their writer).
    assert check_whole(root) in ("run_C", store.generation_info()["tables_from"])
    runs = runs_by_id(root)
    assert not [r for r in runs.values() if r["status"] == "running"], runs
    if "run_N" in runs:
        assert runs["run_N"]["status"] == ("completed" if before == "run_N" else "failed"), runs["run_N"]
    gens = sorted(p.name for p in (root / "c" / ".generations").iterdir())
    assert len(gens) == 4 and {"current", "previous", "run_C"} <= set(gens), gens
    if before is not None:
        assert before in gens
    leftovers = [p for p in root.rglob("*") if io.TMP_MARK in p.name or ".old-" in p.name]
    assert not leftovers, leftovers
    assert json.loads((root / "r" / "latest.json").read_text())["run_id"] == "run_C"


def _case(tmp_path: Path, state: str) -> Path:
    case = tmp_path / "case"
    shutil.copytree(template(state), case, symlinks=True)
    return case


def test_the_write_steps_cover_every_kind_of_effect():
    kinds = {step for state in STATES for step, _ in steps(state)}
    assert kinds == {"write", "rename", "mkdir", "link", "delete"}
    paths = [p for _, p in steps("after-a-good-run")]
    assert any(p.endswith(".generations/current") for p in paths) and any("runs/" in p for p in paths)
    assert len(steps("after-a-good-run")) >= 30


@pytest.mark.parametrize("state,at", _cases())
def test_fail_at_every_write_step(tmp_path, monkeypatch, state, at):
    case = _case(tmp_path, state)
    before = check_whole(case)
    monkeypatch.setattr(io, "write_step", _injector("fail", at, case))
    try:
        simulate(case, "run_N")
    except io.FatalRunError as exc:
        assert "disk is full" in str(exc) and "\n" not in str(exc)
    else:  # only a best-effort step may fail without failing the run: re-marking a dead run's report pages
        own_row = next(i for i, (_, path) in enumerate(steps(state)) if "run-run_N" in path)
        assert at < own_row and steps(state)[at][1].startswith("r/"), steps(state)[at]
    monkeypatch.setattr(io, "write_step", lambda step, path: None)
    now = check_whole(case)
    assert now in (before, "run_N")
    runs = runs_by_id(case)
    if "run_N" in runs:  # absent only when the disk was full before its first row
        assert runs["run_N"]["status"] == ("completed" if now == "run_N" else "failed"), runs["run_N"]
        if now != "run_N":
            assert "disk is full" in runs["run_N"]["error"]
    latest = json.loads((case / "r" / "latest.json").read_text())
    assert not (now != "run_N" and latest["run_id"] == "run_N" and latest["status"] == "completed")
    check_next_run_recovers(case)


@pytest.mark.parametrize("state,at", _cases())
def test_kill_at_every_write_step(tmp_path, monkeypatch, state, at):
    case = _case(tmp_path, state)
    before = check_whole(case)
    monkeypatch.setattr(io, "write_step", _injector("kill", at, case))
    with pytest.raises(Killed):
        simulate(case, "run_N")
    monkeypatch.setattr(io, "write_step", lambda step, path: None)
    assert check_whole(case) in (before, "run_N")
    check_next_run_recovers(case)


_KILLER = textwrap.dedent("""
    import os, sys
    from flows import io
    pattern, occurrence = sys.argv.pop(1), int(sys.argv.pop(1))
    seen = [0]
    def die(step, path):
        if f"{step} {path}".startswith(pattern):
            seen[0] += 1
            if seen[0] == occurrence:
                os._exit(137)
    io.write_step = die
    from eventline.cli import app
    app()
""")


@pytest.mark.parametrize("where,occurrence,committed", [(".generations/current", 1, False), ("runs/run-", 2, True)],
                         ids=["before-the-commit", "after-the-commit"])
def test_a_real_kill_at_the_commit(tmp_path, prefect_api, where, occurrence, committed):
    """The real command, killed (os._exit: no clean-up at all) just before / just after the commit rename."""
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw)
    args = ["run", "--quiet", "--raw", str(raw), "--curated", str(tmp_path / "c"), "--reports", str(tmp_path / "r")]
    cwd = Path(__file__).resolve().parents[2]
    simulate(tmp_path, "run_A")  # a first good run, as the flow writes it
    store = CuratedStore(tmp_path / "c")
    before = store.current()
    (raw / "extra.txt").write_text("Talks in Oslo\n\nNorway and Chile held talks in Oslo on 3 May 2022.")
    # "rename" steps of the final name (the temporary names hold ".tmp-").
    pattern = f"rename {tmp_path / 'c' / where}"
    killed = subprocess.run([sys.executable, "-c", _KILLER, pattern, str(occurrence), *args],
                            capture_output=True, text=True, cwd=cwd, timeout=300)
    assert killed.returncode == 137, killed.stderr
    assert (store.current() != before) == committed
    check_whole(tmp_path)
    killed_id = next(r["run_id"] for r in store.read_table("runs").to_pylist() if r["status"] == "running")
    simulate(tmp_path, "run_C")  # the next run: the same effects as the command's, in process
    statuses = {r["run_id"]: r["status"] for r in store.read_table("runs").to_pylist()}
    assert statuses == {"run_A": "completed", killed_id: "completed" if committed else "failed", "run_C": "completed"}
    assert not [p for p in tmp_path.rglob("*") if io.TMP_MARK in p.name]
