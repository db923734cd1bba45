"""Past one machine: the same rows from threads, from worker processes, from a local Dask cluster, and with raw
and curated on S3.

The S3 server (moto, its own process) and the Dask scheduler and workers are started by these
tests on 127.0.0.1 and stopped by them. Rows are compared whole, except what differs by
nature between two runs (`ingested_at`, run ids).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from eventline.readers import read_table
from eventline.settings import RunSettings, configure_prefect
from schemas.tables import CURATED_TABLES
from tests.services import dask_cluster, moto_s3

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "raw"
# The lock of a store on object storage is per machine and per URL: a bucket of this session's own, so that
# test sessions running side by side on one machine (each with its own moto server) never share a lock.
RAW_BUCKET, CURATED_BUCKET = "eventline-raw", f"eventline-curated-{os.getpid()}"


def rows_of(curated) -> dict[str, list[str]]:
    """Every curated table's rows (sorted, as JSON) and the latest run's quarantine reasons."""
    from eventline.readers import quarantine_latest

    out = {}
    for name in (*CURATED_TABLES, "entities"):
        table = read_table(curated, name)
        table = table.drop_columns([c for c in ("ingested_at",) if c in table.column_names])
        out[name] = sorted(json.dumps(r, default=str, sort_keys=True) for r in table.to_pylist())
    quarantine = quarantine_latest(curated).select(["stage", "source_path", "record_key", "reason"])
    out["quarantine"] = sorted(json.dumps(r, sort_keys=True) for r in quarantine.to_pylist())
    return out


def run(raw, curated, reports: Path, **options) -> dict:
    configure_prefect()
    from flows.pipeline import run_pipeline

    return run_pipeline(RunSettings(raw_dir=raw, curated_dir=curated, reports_dir=reports, batch_size=2, **options))


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("raw") / "raw"
    shutil.copytree(FIXTURES, folder)
    return folder


@pytest.fixture(scope="module")
def threads(raw, tmp_path_factory, prefect_api) -> dict:
    """The reference: a run with threads on local folders."""
    root = tmp_path_factory.mktemp("threads")
    run(raw, root / "curated", root / "reports", workers=2, processes=False)
    rows = rows_of(root / "curated")
    assert rows["events"] and rows["articles"] and rows["quarantine"]
    return rows


@pytest.fixture(scope="module")
def s3(raw):
    """A moto S3 server with the raw fixtures under s3://eventline-raw/raw/; the environment points at it."""
    import s3fs

    with moto_s3() as env, pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        s3fs.S3FileSystem.clear_instance_cache()
        fs = s3fs.S3FileSystem()
        fs.mkdir(RAW_BUCKET)
        fs.mkdir(CURATED_BUCKET)
        fs.put(str(raw), f"{RAW_BUCKET}/raw", recursive=True)
        yield env
        s3fs.S3FileSystem.clear_instance_cache()


@pytest.fixture(scope="module")
def cluster(s3):
    """A local Dask cluster (scheduler and two one-thread workers) whose workers can reach the S3 server."""
    with dask_cluster(2, env=s3) as address:
        yield address


def test_raw_and_curated_on_s3_give_the_rows_of_a_local_run(threads, s3, tmp_path):
    curated = f"s3://{CURATED_BUCKET}/threads"
    doc = run(f"s3://{RAW_BUCKET}/raw", curated, tmp_path / "reports", workers=2)
    assert doc["status"] == "completed"
    assert rows_of(curated) == threads


def test_a_second_run_on_s3_commits_a_new_generation_and_keeps_the_one_before(s3, tmp_path):
    import s3fs

    from flows.object_store import ObjectCuratedStore

    curated = f"s3://{CURATED_BUCKET}/twice"
    run(f"s3://{RAW_BUCKET}/raw", curated, tmp_path / "reports", workers=1)
    store = ObjectCuratedStore(curated)
    first = store.current()
    run(f"s3://{RAW_BUCKET}/raw", curated, tmp_path / "reports", workers=1)
    second = store.current()
    fs = s3fs.S3FileSystem()
    assert first != second and fs.cat_file(f"{CURATED_BUCKET}/twice/.generations/previous").decode() == first
    names = sorted(p.rsplit("/", 1)[-1] for p in fs.ls(f"{CURATED_BUCKET}/twice/.generations", refresh=True))
    assert names == sorted(["current", "previous", first, second])
    assert any("/year=" in p for p in fs.find(f"{CURATED_BUCKET}/twice/.generations/{second}/events"))
    assert len(store.read_table("runs")) == 2


def test_worker_processes_give_the_rows_of_threads(threads, raw, tmp_path, monkeypatch):
    """Batches on worker processes, stopped once the batches are done, and the merge in a process of its own (as
    past merging.APART_FILES files): the rows of threads."""
    from prefect.task_runners import ProcessPoolTaskRunner

    from flows import merging, runners

    pools, steps = [], []

    class Pool(ProcessPoolTaskRunner):
        def map(self, task, parameters, wait_for=None):
            pools.append((self._max_workers, task.name))
            return super().map(task, parameters, wait_for)

        def __exit__(self, *exc):
            steps.append("workers stopped")
            return super().__exit__(*exc)

    merge_apart = merging.merge_apart

    def merge(*args):
        steps.append("merge")
        return merge_apart(*args)

    monkeypatch.setattr(runners, "ProcessPoolTaskRunner", Pool)
    monkeypatch.setattr(merging, "merge_apart", merge)
    monkeypatch.setattr(merging, "APART_FILES", 0)
    doc = run(raw, tmp_path / "curated", tmp_path / "reports", workers=2)  # batches of 2 files: 2 batches
    assert doc["status"] == "completed" and pools == [(2, "process")]
    assert sorted(steps) == ["merge", "workers stopped"]
    assert rows_of(tmp_path / "curated") == threads


def test_workers_started_before_the_flow_run_its_batches_and_give_the_rows_of_threads(threads, raw, tmp_path,
                                                                                       monkeypatch):
    from prefect.task_runners import ProcessPoolTaskRunner

    from flows import runners

    pools, maps = [], []

    class Pool(ProcessPoolTaskRunner):
        def __enter__(self):
            pools.append(self)
            return super().__enter__()

        def map(self, task, parameters, wait_for=None):
            maps.append((self, task.name))
            return super().map(task, parameters, wait_for)

    monkeypatch.setattr(runners, "ProcessPoolTaskRunner", Pool)
    settings = RunSettings(raw_dir=raw, curated_dir=tmp_path / "curated", reports_dir=tmp_path / "reports",
                           batch_size=2, workers=2)
    with runners.workers_started_early(settings):
        assert len(pools) == 1  # before the flow
        doc = run(raw, tmp_path / "curated", tmp_path / "reports", workers=2)
    assert doc["status"] == "completed" and maps == [(pools[0], "process")] and len(pools) == 1
    assert rows_of(tmp_path / "curated") == threads


def test_a_local_dask_cluster_gives_the_rows_of_threads(threads, raw, cluster, tmp_path):
    run(raw, tmp_path / "curated", tmp_path / "reports", dask_address=cluster)
    assert rows_of(tmp_path / "curated") == threads


def test_dask_workers_read_raw_from_s3_and_the_run_writes_curated_to_s3(threads, cluster, tmp_path):
    curated = f"s3://{CURATED_BUCKET}/dask"
    run(f"s3://{RAW_BUCKET}/raw", curated, tmp_path / "reports", dask_address=cluster)
    assert rows_of(curated) == threads


class Killed(BaseException):
    """The process died here."""


def test_on_object_storage_the_pointer_is_written_last_and_a_kill_before_it_changes_nothing_readers_see(
        s3, tmp_path, monkeypatch):
    """The `write_step`s are recorded just before each PUT: the last one is `current`. A kill there
    leaves `previous` already rewritten (naming the generation still committed): readers see no change."""
    import s3fs

    from flows import io, publish
    from flows.object_store import ObjectCuratedStore
    from tests.flows import layers

    url = f"s3://{CURATED_BUCKET}/killed"

    def simulate(run_id: str) -> None:
        store, run = ObjectCuratedStore(url), layers.run_dict(run_id)
        generation = publish.open_run(store, tmp_path / "r", run)
        try:
            outputs = layers.run_outputs(store, generation, run, FIXTURES, full=True)  # state batches too
            publish.publish_run(store, tmp_path / "r", run, outputs, generation)
        except BaseException as exc:
            publish.close_failed_run(store, tmp_path / "r", run, exc)
            raise

    simulate("run_A")
    steps: list[str] = []
    monkeypatch.setattr(io, "write_step", lambda step, path: steps.append(f"{step} {path}"))
    simulate("run_B")
    writes = [s for s in steps if s.startswith("write") and "/.generations/" in s]
    assert writes[-1].endswith("/.generations/current"), writes[-3:]  # the commit: after every table and state

    def die_at_the_pointer(step, path):
        if str(path).endswith("/.generations/current") and step == "write":
            raise Killed("killed before the commit")

    monkeypatch.setattr(io, "write_step", die_at_the_pointer)
    with pytest.raises(Killed):
        simulate("run_C")
    store = ObjectCuratedStore(url)
    assert store.current() == "run_B" and store.generation_info()["run_id"] == "run_B"
    assert read_table(url, "events").num_rows == store.generation_info()["tables"]["events"]
    fs = s3fs.S3FileSystem()
    assert fs.cat_file(f"{CURATED_BUCKET}/killed/.generations/previous").decode() == "run_B"
    assert fs.exists(f"{CURATED_BUCKET}/killed/.generations/run_C")  # left by the dead run
    monkeypatch.setattr(io, "write_step", lambda step, path: None)
    simulate("run_D")
    names = sorted(p.rsplit("/", 1)[-1] for p in fs.ls(f"{CURATED_BUCKET}/killed/.generations", refresh=True))
    assert names == ["current", "previous", "run_B", "run_D"]
    runs = {r["run_id"]: r["status"] for r in store.read_table("runs").to_pylist()}
    assert runs == {"run_A": "completed", "run_B": "completed", "run_C": "failed", "run_D": "completed"}


def test_an_unreachable_store_or_missing_bucket_is_one_fatal_line(s3, tmp_path):
    from flows.io import FatalRunError, preflight

    with pytest.raises(FatalRunError, match="no bucket 'no-such-bucket'"):
        preflight(f"s3://{RAW_BUCKET}/raw", "s3://no-such-bucket/curated", tmp_path / "reports")
    with pytest.MonkeyPatch.context() as mp:
        import s3fs

        mp.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens there
        mp.setenv("AWS_MAX_ATTEMPTS", "1")
        s3fs.S3FileSystem.clear_instance_cache()
        with pytest.raises(FatalRunError, match="check the bucket, the credentials and the endpoint"):
            preflight("s3://whatever/raw", tmp_path / "c", tmp_path / "reports")
    s3fs.S3FileSystem.clear_instance_cache()
