"""The curated store on object storage, against an S3 server (moto, started and stopped here on 127.0.0.1):
commits that read their generation back, cleaning that spares live runs, readers that say when a pointer is wrong."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

import pytest

from eventline.readers import MissingGenerationError, read_table
from flows import object_store, publish
from flows.io import FatalRunError
from flows.object_store import ObjectCuratedStore
from tests.flows import layers
from tests.services import moto_s3

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
BUCKET = "eventline-store"


@lru_cache(maxsize=1)
def _computed() -> publish.RunOutputs:
    return layers.compute(FIXTURES, "x")


def outputs() -> publish.RunOutputs:
    """The fixtures' outputs, computed once; a RunOutputs of its own for each run (publishing takes each table out
    of it once written, to let it go)."""
    computed = _computed()
    return dataclasses.replace(computed, tables=dict(computed.tables))


@pytest.fixture(scope="module")
def s3():
    """A moto S3 server with one bucket; the environment points s3fs at it."""
    import s3fs

    with moto_s3() as env, pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        s3fs.S3FileSystem.clear_instance_cache()
        s3fs.S3FileSystem().mkdir(BUCKET)
        yield s3fs.S3FileSystem()
        s3fs.S3FileSystem.clear_instance_cache()


def run(url: str, run_id: str, reports: Path, before_commit=None) -> dict:
    """One run's effects in the flow's order; `before_commit` runs just before the pointer is written."""
    store, row = ObjectCuratedStore(url), layers.run_dict(run_id)
    generation = publish.open_run(store, reports, row)
    if before_commit is not None:
        commit = store.commit
        store.commit = lambda gen: (before_commit(), commit(gen))
    try:
        return publish.publish_run(store, reports, row, outputs(), generation)
    except BaseException as exc:
        publish.close_failed_run(store, reports, row, exc)
        raise


def test_a_generation_deleted_before_its_commit_is_never_pointed_at(s3, tmp_path, monkeypatch):
    url = f"s3://{BUCKET}/race"
    run(url, "run_A", tmp_path / "r")
    events = read_table(url, "events").num_rows
    assert events > 0

    def another_machine_cleans():  # its recover() takes run_B's generation for a dead run's
        with monkeypatch.context() as mp:
            mp.setattr(object_store, "IN_PROGRESS_SECONDS", 0)
            ObjectCuratedStore(url).recover()

    with pytest.raises(FatalRunError, match="run_B .*lost .*nothing was committed.*from one place") as info:
        run(url, "run_B", tmp_path / "r", before_commit=another_machine_cleans)
    assert "\n" not in str(info.value)
    store = ObjectCuratedStore(url)
    assert store.current() == "run_A" and read_table(url, "events").num_rows == events
    runs = {r["run_id"]: r["status"] for r in store.read_table("runs").to_pylist()}
    assert runs == {"run_A": "completed", "run_B": "failed"}


def test_cleaning_spares_a_generation_another_machine_is_still_writing(s3, tmp_path):
    url = f"s3://{BUCKET}/spare"
    run(url, "run_A", tmp_path / "r")
    run(url, "run_B", tmp_path / "r", before_commit=lambda: ObjectCuratedStore(url).recover())
    store = ObjectCuratedStore(url)
    assert store.current() == "run_B" and store.generation_info()["run_id"] == "run_B"
    assert read_table(url, "events").num_rows == store.generation_info()["tables"]["events"] > 0


def test_a_pointer_to_a_missing_generation_is_an_error_that_says_what_to_do(s3, tmp_path):
    url = f"s3://{BUCKET}/dangling"
    run(url, "run_A", tmp_path / "r")
    s3.rm(f"{BUCKET}/dangling/.generations/run_A", recursive=True)
    with pytest.raises(MissingGenerationError, match=r"names generation 'run_A', which is missing.*eventline run") \
            as info:
        read_table(url, "events")
    assert "\n" not in str(info.value)
    assert read_table(url, "runs").num_rows == 1  # history is outside the generations


class Killed(BaseException):
    """The process died here: nothing after this reaches the store."""


def _write_steps(url: str, reports: Path) -> int:
    """How many write steps a second run on a store takes (recorded on a scratch store)."""
    from flows import io

    run(url, "run_A", reports)
    steps = []
    saved, io.write_step = io.write_step, lambda step, path: steps.append(step)
    try:
        run(url, "run_B", reports)
    finally:
        io.write_step = saved
    return len(steps)


@pytest.mark.parametrize("mode", ["fail", "kill"])
def test_a_run_that_fails_or_dies_at_any_write_to_object_storage_leaves_one_whole_generation(tmp_path, monkeypatch,
                                                                                             mode):
    """Every write step of a run in turn: a failure (the run handles it) or a kill (nothing more is written).
    fsspec's in-memory store stands in for S3 (same ObjectFiles code; the pointer tests above use moto)."""
    import fsspec

    from flows import io

    memory = fsspec.filesystem("memory")
    memory.store.clear()
    count = _write_steps("memory://steps/count", tmp_path / "count")
    assert count > 20
    for at in range(count):
        url, reports = f"memory://steps/{mode}{at}", tmp_path / f"{mode}{at}"
        run(url, "run_A", reports)
        seen = [0]

        def fault(step, path):
            seen[0] += 1
            if seen[0] == at + 1 and mode == "fail":
                raise OSError(28, "No space left on device")
            if seen[0] > at and mode == "kill":
                raise Killed(f"killed at step {at}")

        monkeypatch.setattr(io, "write_step", fault)
        with pytest.raises((Exception, Killed)):
            run(url, "run_B", reports)
        monkeypatch.undo()
        store = ObjectCuratedStore(url)
        info = store.generation_info()
        assert store.current() in ("run_A", "run_B"), at
        for name, rows in info["tables"].items():
            assert read_table(url, name).num_rows == rows, (at, name)
        run(url, "run_C", reports)
        runs = {r["run_id"]: r["status"] for r in store.read_table("runs").to_pylist()}
        expected = {"run_A": "completed", "run_B": "completed" if info["run_id"] == "run_B" else "failed",
                    "run_C": "completed"}
        if at == 0:  # its first write is its `running` row: run_B never started
            del expected["run_B"]
        assert runs == expected, at
        assert store.current() == "run_C" and store._pointer("previous") == info["run_id"], at
    memory.store.clear()
