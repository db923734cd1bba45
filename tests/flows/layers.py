"""A run through the real layers without Prefect or Great Expectations: what the flow does, in its order.

Reading, normalizing, de-duplicating and extracting are the functions the flow's tasks wrap;
the effects (open, publish, or close as failed) are the flow's own. Validation is left out
(no write step, and several seconds): the outcome is empty and every row is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from eventline.settings import Limits
from flows import publish, report, stages
from flows import raw as rawio
from flows.quality import ValidationOutcome
from flows.store import CuratedStore
from transforms.articles import build_articles_batch, drop_duplicate_articles
from transforms.extract import build_tables

UTC = dt.timezone.utc


def compute(raw: Path, run_id: str, limits: Limits = Limits(), skip: tuple[Path, ...] = (),
            store: CuratedStore | None = None) -> publish.RunOutputs:
    """The run's outputs from a raw folder (the flow's compute steps, one batch)."""
    files = rawio.discover_raw(raw, skip=skip)
    read = rawio.read_raw(files, limits)
    rows, bad = build_articles_batch(read.docs, dt.datetime(2024, 1, 1, tzinfo=UTC))
    articles, copies = drop_duplicate_articles(rows)
    early = report.stamp_quarantine(read.quarantine + bad + copies, run_id)
    if store is not None:
        stages.guard_something_read(store, raw, articles, len(files), early, run_id)
    tables = {**build_tables([stages.extract_batch(articles, limits.article_seconds)]), "articles": articles}
    quarantine = early + report.stamp_quarantine(tables.pop("quarantine"), run_id)
    return publish.RunOutputs(tables=tables, quarantine=quarantine, outcome=ValidationOutcome(tables={}),
                              articles_seen=len(articles), articles_new=len(articles), files=read.files,
                              warnings=read.warnings)


def run_dict(run_id: str) -> dict:
    return {"run_id": run_id, "started_at": dt.datetime.now(UTC), "status": "running"}


def simulate(root: Path, run_id: str, outputs: publish.RunOutputs | None = None, raw: Path | None = None,
             limits: Limits = Limits()) -> dict:
    """One run's effects, in the flow's order: into root/c (curated) and root/r (reports)."""
    store, run = CuratedStore(root / "c"), run_dict(run_id)
    publish.open_run(store, root / "r", run)
    try:
        if outputs is None:
            outputs = compute(raw, run_id, limits, skip=(root / "c", root / "r"), store=store)
        return publish.publish_run(store, root / "r", run, outputs)
    except BaseException as exc:
        publish.close_failed_run(store, root / "r", run, exc)
        raise
