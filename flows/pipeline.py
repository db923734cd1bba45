"""The eventline flow: ingest -> normalize -> split sections -> extract -> validate -> write -> report."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner

from eventline.settings import RunSettings
from flows import io, progress, report
from flows.quality import ValidationOutcome, validate_tables
from transforms.articles import build_articles_batch
from transforms.extract import build_tables, extract_articles
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
def discover(raw_dir: Path, curated_dir: Path) -> list[io.RawFile]:
    """List the raw files (IO); refuse to replace curated tables from an empty raw folder."""
    files = io.discover_raw(raw_dir)
    previous = io.read_table(curated_dir, "articles")
    if not files and previous is not None and previous.num_rows:
        raise io.FatalRunError(f"raw folder {raw_dir} has no files, and replacing {previous.num_rows} curated "
                               f"articles with nothing is surely a mistake: check --raw, or delete "
                               f"{curated_dir / 'articles'} to start empty")
    return files


@task
def ingest(files: list[io.RawFile]) -> tuple[list[RawDocument], list[dict]]:
    """Read and parse one batch of raw files (IO)."""
    return io.read_raw(files)


@task
def normalize(docs: list[RawDocument], ingested_at: dt.datetime) -> tuple[list[dict], list[dict]]:
    """Normalize text and split compound articles into sections: article rows."""
    return build_articles_batch(docs, ingested_at)


@task
def extract(articles: list[dict]):
    """Events, participants and commitments of one batch of articles."""
    return extract_articles(articles)


@task
def merge(batches: list) -> dict[str, list[dict]]:
    """One row per real event across all articles; entities across all mentions."""
    return build_tables(batches)


@task
def validate(tables: dict[str, list[dict]], reports_dir: Path, run_id: str) -> ValidationOutcome:
    """Great Expectations suites over every curated table; failing records to quarantine."""
    return validate_tables(tables, reports_dir / "docs", run_id)


@task
def write(curated_dir: Path, tables: dict[str, list[dict]], run_id: str) -> dict[str, int]:
    """Write the curated Parquet tables (IO)."""
    return io.write_tables(curated_dir, tables, run_id)


@task
def record_run(curated_dir: Path, run: dict) -> None:
    """Append this run's row to the runs table (IO)."""
    io.write_tables(curated_dir, {"runs": [run]}, run["run_id"])


@task
def publish_report(settings: RunSettings, run: dict, outcome: ValidationOutcome, quarantine: list[dict],
                   counts: dict[str, int], events: list[dict]) -> dict:
    """latest.json, summary.html and runs/<run_id>.html, with the trend over earlier runs (IO)."""
    return report.publish(settings.reports_dir, settings.curated_dir, run, outcome, quarantine, counts, events)


@flow(name="eventline-run")
def eventline_run(settings: RunSettings) -> dict:
    """One pipeline run over the raw folder; returns the report document."""
    started = dt.datetime.now(dt.timezone.utc)
    run = {"run_id": make_id("run", started.isoformat()), "started_at": started, "status": "running",
           "reference_version": reference_version()}
    with io.run_lock(settings.curated_dir):
        try:
            files = discover(settings.raw_dir, settings.curated_dir)
            batches = _chunks(files, settings.batch_size)
            ingested = _gather(ingest.map(batches), batches, "files read")
            docs = [d for batch, _ in ingested for d in batch]
            normalized = [f.result() for f in normalize.map(_chunks(docs, settings.batch_size), ingested_at=started)]
            articles = [a for rows, _ in normalized for a in rows]
            batches = _chunks(articles, settings.batch_size)
            extracted = _gather(extract.map(batches), batches, "articles")
            tables = {**merge(extracted), "articles": articles}
            outcome = validate(tables, settings.reports_dir, run["run_id"])
            quarantine = report.stamp_quarantine(
                [q for _, bad in ingested + normalized for q in bad] + tables.pop("quarantine", [])
                + outcome.quarantine, run["run_id"])
            seen = io.previous_hashes(settings.curated_dir)
            selected = outcome.select(tables)
            counts = write(settings.curated_dir, {**selected, "quarantine": quarantine}, run["run_id"])
            progress.report("rows written", sum(counts.values()), sum(counts.values()))
            run.update(status="completed", finished_at=dt.datetime.now(dt.timezone.utc),
                       articles_seen=len(articles),
                       articles_new=sum(a["content_sha256"] not in seen for a in articles),
                       rows_written=counts, rows_quarantined=len(quarantine),
                       expectations_passed=outcome.passed, expectations_failed=outcome.failed,
                       **report.run_figures(outcome, selected.get("events", [])))
            record_run(settings.curated_dir, run)
            return publish_report(settings, run, outcome, quarantine, counts, selected.get("events", []))
        except BaseException:
            if run["status"] == "running":  # a failed run is recorded too, when the disk allows
                run.update(status="failed", finished_at=dt.datetime.now(dt.timezone.utc))
                try:
                    io.write_tables(settings.curated_dir, {"runs": [run]}, run["run_id"])
                except Exception:  # noqa: BLE001 - the original error is the one to report
                    log.warning("could not record the failed run %s", run["run_id"])
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
