"""The eventline flow: ingest -> normalize -> split sections -> extract -> validate -> write -> report."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner

from eventline.settings import Limits, RunSettings
from flows import progress, publish, raw, report, stages
from flows.quality import ValidationOutcome, validate_tables
from flows.store import CuratedStore, open_store, run_lock
from transforms.articles import build_articles_batch, drop_duplicate_articles
from transforms.extract import ArticleBatch, build_tables
from transforms.ids import make_id
from transforms.ingest import RawDocument
from transforms.reference import reference_version

log = logging.getLogger("eventline")


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _gather(futures, batches: list[list], step: str) -> list:
    """Each batch's result in order, reporting progress as the batches come back."""
    results, done, total = [], 0, sum(map(len, batches))
    for future, batch in zip(futures, batches):
        results.append(future.result())
        done += len(batch)
        progress.report(step, done, total)
    return results


@task
def open_run(store: CuratedStore, reports_dir: Path, run: dict) -> None:
    """Recover the curated and reports folders from earlier kills; record this run as running (IO)."""
    publish.open_run(store, reports_dir, run)


@task
def discover(settings: RunSettings) -> list[raw.RawFile]:
    """List the raw files (IO), passing over the curated and reports folders if they sit inside."""
    return raw.discover_raw(settings.raw_dir, skip=(settings.curated_dir, settings.reports_dir))


@task
def ingest(files: list[raw.RawFile], limits: Limits) -> raw.RawRead:
    """Read and parse one batch of raw files (IO)."""
    return raw.read_raw(files, limits)


@task
def normalize(docs: list[RawDocument], ingested_at: dt.datetime) -> tuple[list[dict], list[dict]]:
    """Normalize text and split compound articles into sections: article rows."""
    return build_articles_batch(docs, ingested_at)


@task
def extract(articles: list[dict], seconds: float) -> ArticleBatch:
    """Events, participants and commitments of one batch of articles, each within its time budget."""
    return stages.extract_batch(articles, seconds)


@task
def merge(batches: list) -> dict[str, list[dict]]:
    """One row per real event across all articles; entities across all mentions."""
    return build_tables(batches)


@task
def validate(tables: dict[str, list[dict]], reports_dir: Path, run_id: str) -> ValidationOutcome:
    """Great Expectations suites over every curated table; failing records to quarantine."""
    return validate_tables(tables, reports_dir / "docs", run_id)


@task
def publish_run(store: CuratedStore, reports_dir: Path, run: dict, outputs: publish.RunOutputs) -> dict:
    """Write the new generation, the quarantine file and the reports, then commit and record the run (IO)."""
    return publish.publish_run(store, reports_dir, run, outputs)


@flow(name="eventline-run")
def eventline_run(settings: RunSettings) -> dict:
    """One pipeline run over the raw folder; returns the report document."""
    started = dt.datetime.now(dt.timezone.utc)
    run = {"run_id": make_id("run", started.isoformat()), "started_at": started, "status": "running",
           "reference_version": reference_version()}
    store = open_store(settings.curated_dir)
    with run_lock(settings.curated_dir):  # already held when the command line started the run
        open_run(store, settings.reports_dir, run)
        try:
            files = discover(settings)
            batches = _chunks(files, settings.batch_size)
            ingested = _gather(ingest.map(batches, limits=settings.limits), batches, "files read")
            docs = [d for batch in ingested for d in batch.docs]
            normalized = [f.result() for f in normalize.map(_chunks(docs, settings.batch_size), ingested_at=started)]
            articles, copies = drop_duplicate_articles([a for rows, _ in normalized for a in rows])
            early = [q for batch in ingested for q in batch.quarantine] + [q for _, bad in normalized for q in bad]
            early = report.stamp_quarantine(early + copies, run["run_id"])
            stages.guard_something_read(store, settings.raw_dir, articles, len(files), early, run["run_id"])
            batches = _chunks(articles, settings.batch_size)
            extracted = _gather(extract.map(batches, seconds=settings.limits.article_seconds), batches, "articles")
            tables = {**merge(extracted), "articles": articles}
            outcome = validate(tables, settings.reports_dir, run["run_id"])
            quarantine = early + report.stamp_quarantine(tables.pop("quarantine", []) + outcome.quarantine,
                                                         run["run_id"])
            previous = store.read_table("articles")
            seen = set(previous.column("content_sha256").to_pylist()) if previous is not None else set()
            outputs = publish.RunOutputs(
                tables=outcome.select(tables), quarantine=quarantine, outcome=outcome,
                articles_seen=len(articles), articles_new=sum(a["content_sha256"] not in seen for a in articles),
                files=[f for batch in ingested for f in batch.files],
                warnings=[w for batch in ingested for w in batch.warnings])
            return publish_run(store, settings.reports_dir, run, outputs)
        except BaseException as exc:
            publish.close_failed_run(store, settings.reports_dir, run, exc)
            raise


def task_runner(settings: RunSettings):
    """Threads in this process, or a Dask cluster when an address is given."""
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    return ThreadPoolTaskRunner(max_workers=max(1, settings.workers))


def run_pipeline(settings: RunSettings) -> dict:
    """Run the flow with the task runner the settings ask for."""
    return eventline_run.with_options(task_runner=task_runner(settings))(settings)
