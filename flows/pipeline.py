"""The eventline flow: ingest -> normalize -> split sections -> extract -> validate -> write -> report."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner

from eventline.settings import RunSettings
from flows import io, report
from flows.quality import ValidationOutcome, validate_tables
from transforms.articles import build_articles
from transforms.extract import build_tables, extract_articles
from transforms.ids import make_id
from transforms.ingest import RawDocument

log = logging.getLogger("eventline")


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


@task(retries=2, retry_delay_seconds=1)
def discover(raw_dir: Path) -> list[io.RawFile]:
    """List the raw files (IO)."""
    return io.discover_raw(raw_dir)


@task(retries=2, retry_delay_seconds=1)
def ingest(files: list[io.RawFile]) -> tuple[list[RawDocument], list[dict]]:
    """Read and parse one batch of raw files (IO)."""
    return io.read_raw(files)


@task
def normalize(docs: list[RawDocument], ingested_at: dt.datetime) -> tuple[list[dict], list[dict]]:
    """Normalize text and split compound articles into sections: article rows."""
    rows, bad = [], []
    for doc in docs:
        try:
            rows.extend(build_articles(doc, ingested_at))
        except Exception as exc:  # one bad document must not sink its batch
            bad.append({"stage": "normalize", "source_path": doc.source_path, "record_key": doc.record_key,
                        "reason": f"normalization failed ({type(exc).__name__}: {exc}): "
                                  "report this file to the eventline maintainers",
                        "payload": "{}"})
    return rows, bad


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
    import pandas as pd

    frames = {name: pd.DataFrame(rows, columns=_columns(name)) for name, rows in tables.items()}
    return validate_tables(frames, reports_dir / "docs", run_id)


def _columns(name: str) -> list[str]:
    from schemas.tables import TABLES

    return TABLES[name].columns


@task(retries=1, retry_delay_seconds=2)
def write(curated_dir: Path, tables: dict[str, list[dict]], run_id: str) -> dict[str, int]:
    """Write the curated Parquet tables (IO)."""
    return io.write_tables(curated_dir, tables, run_id)


@task
def publish_report(reports_dir: Path, run: dict, outcome: ValidationOutcome, quarantine: list[dict],
                   counts: dict[str, int]) -> dict:
    """latest.json, summary.html and runs/<run_id>.html (IO)."""
    doc = report.build_report(run, outcome, quarantine, counts)
    page = report.render_summary_html(doc, quarantine)
    io.write_text(reports_dir / "latest.json", report.dumps(doc))
    io.write_text(reports_dir / "runs" / f"{run['run_id']}.json", report.dumps(doc))
    io.write_text(reports_dir / "summary.html", page)
    io.write_text(reports_dir / "runs" / f"{run['run_id']}.html", page)
    return doc


def _task_runner(settings: RunSettings):
    if settings.dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=settings.dask_address)
    return ThreadPoolTaskRunner(max_workers=max(1, settings.workers))


@flow(name="eventline-run", log_prints=True)
def eventline_run(settings: RunSettings) -> dict:
    """One pipeline run over the raw folder; returns the report document."""
    started = dt.datetime.now(dt.timezone.utc)
    run_id = make_id("run", started.isoformat())
    with io.run_lock(settings.curated_dir):
        files = discover(settings.raw_dir)
        batches = _chunks(files, settings.batch_size)
        ingested = [f.result() for f in ingest.map(batches)]
        docs = [d for batch, _ in ingested for d in batch]
        normalized = [f.result() for f in normalize.map(_chunks(docs, settings.batch_size), ingested_at=started)]
        articles = [a for rows, _ in normalized for a in rows]
        extracted = [f.result() for f in extract.map(_chunks(articles, settings.batch_size))]
        tables = merge(extracted)
        tables["articles"] = articles
        outcome = validate(tables, settings.reports_dir, run_id)

        quarantine = [q for _, bad in ingested for q in bad] + [q for _, bad in normalized for q in bad]
        quarantine += tables.get("quarantine", []) + outcome.quarantine
        now = dt.datetime.now(dt.timezone.utc)
        for q in quarantine:
            q.update(run_id=run_id, quarantined_at=now)
        curated = {name: [tables[name][i] for i in kept] for name, kept in outcome.kept.items()}
        previous = io.read_table(settings.curated_dir, "articles")
        seen = set(previous.column("content_sha256").to_pylist()) if previous is not None else set()
        counts = write(settings.curated_dir, {**curated, "quarantine": quarantine}, run_id)
        run = {
            "run_id": run_id, "started_at": started, "finished_at": dt.datetime.now(dt.timezone.utc),
            "status": "completed", "articles_seen": len(articles),
            "articles_new": sum(a["content_sha256"] not in seen for a in articles),
            "rows_written": counts, "rows_quarantined": len(quarantine),
            "expectations_passed": outcome.passed, "expectations_failed": outcome.failed,
        }
        io.write_tables(settings.curated_dir, {"runs": [run]}, run_id)
        return publish_report(settings.reports_dir, run, outcome, quarantine, counts)
