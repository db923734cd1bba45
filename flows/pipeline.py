"""The eventline flow: plan (what is new) -> ingest, normalize, extract in batches into the state -> merge
-> validate -> write -> report."""

# No `from __future__ import annotations` here: a served run gets the flow's function pickled by
# value (the module attribute is the Flow, not the function), and Prefect resolves the flow's
# parameter annotations (RunSettings) from what came with it: they must be classes, not names.
import datetime as dt
import logging
import threading
from pathlib import Path

import pyarrow as pa
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from eventline.settings import Limits, RunSettings
from flows import heartbeats, incremental, merging, progress, publish, raw, stages, state
from flows.quality import ValidationOutcome, preload, validate_tables
from flows.runners import BatchTaskRunner, batches_run_elsewhere
from flows.store import CuratedStore, Generation, open_store, run_lock
from transforms.ids import make_id
from transforms.reference import reference_version

log = logging.getLogger("eventline")
# No task is cached (a run recomputes what it reads; results are not persisted), and Prefect's default
# cache policy hashes every input of a task: the whole tables for `validate` and `publish_run`, seconds of
# CPU and a transient copy of them in memory. Large inputs (the raw file list, the manifest, the tables) are
# also passed quote()d, so that Prefect does not walk every item looking for futures (twice per task). The
# mapped batches are not: a quote()d batch reaches a Dask worker as tuples.
_task = task(cache_policy=NO_CACHE)
heartbeats.install()  # the flow's end does not wait up to a second for Prefect's heartbeat thread


def _gather(futures, batches: list[list], step: str) -> list:
    """Each batch's result in order, reporting progress as the batches come back."""
    results, done, total = [], 0, sum(map(len, batches))
    for future, batch in zip(futures, batches):
        results.append(future.result())
        done += len(batch)
        progress.report(step, done, total)
    return results


def _read_batches(batches: list[list[raw.RawFile]], names: list[str], generation: Generation, settings: RunSettings,
                  started: dt.datetime) -> list[stages.FileBatch]:
    """The batches mapped over the task runner, their results in order. While other processes read them, this one
    imports Great Expectations for validation (1-2 s it would otherwise spend after the merge, the workers gone)."""
    futures = process.map(batches, names, generation=generation, limits=settings.limits, ingested_at=started)
    if batches_run_elsewhere(settings, len(batches)):
        threading.Thread(target=preload, name="eventline-gx-import", daemon=True).start()
    return _gather(futures, batches, "files read")


@_task
def open_run(store: CuratedStore, reports_dir: Path, run: dict) -> Generation:
    """Recover the curated and reports folders from earlier kills; record this run as running (IO)."""
    return publish.open_run(store, reports_dir, run)


@_task
def discover(settings: RunSettings) -> list[raw.RawFile]:
    """List the raw files (IO), passing over the curated and reports folders if they sit inside."""
    return raw.discover_raw(settings.raw_dir, skip=(settings.curated_dir, settings.reports_dir))


@_task
def plan(store: CuratedStore, files: list[raw.RawFile], settings: RunSettings) -> state.Plan:
    """Which raw files are new or changed since the committed manifest (IO: stat, and sha256 of touched files)."""
    return state.plan_run(store, files, state.state_version(settings.limits), settings.full)


@_task
def process(files: list[raw.RawFile], batch: str, generation: Generation, limits: Limits,
            ingested_at: dt.datetime) -> stages.FileBatch:
    """Read, normalize and extract one batch of raw files; its rows go to the state (IO); its manifest rows."""
    return stages.process_state_batch(files, batch, generation, limits, ingested_at)


@_task
def merge(generation: Generation, manifest: pa.Table, new_batches: set[str],
          previous_rows: set[str]) -> merging.Merged:
    """One row per real event across all live articles; entities across all mentions (reads the state)."""
    return merging.merge_apart(generation, manifest, new_batches, previous_rows)


@_task
def validate(tables: dict[str, list[dict]], reports_dir: Path, run_id: str) -> ValidationOutcome:
    """Great Expectations suites over every curated table; failing records to quarantine."""
    return validate_tables(tables, reports_dir / "docs", run_id)


@_task
def publish_run(store: CuratedStore, reports_dir: Path, run: dict, outputs: publish.RunOutputs,
                generation: Generation) -> dict:
    """Write the new generation, the quarantine file and the reports, then commit and record the run (IO)."""
    return publish.publish_run(store, reports_dir, run, outputs, generation)


@flow(name="eventline-run")
def eventline_run(settings: RunSettings) -> dict:
    """One pipeline run over the raw folder (only its new and changed files, unless --full); the report."""
    started = dt.datetime.now(dt.timezone.utc)
    run = {"run_id": make_id("run", started.isoformat()), "started_at": started, "status": "running",
           "reference_version": reference_version()}
    store = open_store(settings.curated_dir)
    with run_lock(settings.curated_dir):  # already held when the command line started the run
        generation = open_run(store, settings.reports_dir, run)
        try:
            files = discover(settings)
            todo = plan(store, quote(files), settings)
            steps = incremental.Steps(process=lambda batches, names: _read_batches(
                batches, names, generation, settings, started),
                merge=lambda gen, manifest, new, previous: merge(gen, quote(manifest), new, quote(previous)),
                validate=lambda tables: validate(quote(tables), settings.reports_dir, run["run_id"]))
            outputs = incremental.compute(settings, store, generation, todo, run, len(files), steps)
            return publish_run(store, settings.reports_dir, run, quote(outputs), generation)
        except BaseException as exc:
            publish.close_failed_run(store, settings.reports_dir, run, exc)
            raise


def task_runner(settings: RunSettings):
    """A Dask cluster when an address is given; else threads in this process, and with 2 workers or more the
    batches (2 or more) on that many worker processes (flows/runners.py)."""
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    workers = max(1, settings.workers)
    return BatchTaskRunner(max_workers=workers, processes=workers if settings.processes else 0)


def run_pipeline(settings: RunSettings) -> dict:
    """Run the flow with the task runner the settings ask for."""
    return eventline_run.with_options(task_runner=task_runner(settings))(settings)
