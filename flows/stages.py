"""Plain (Prefect-free) steps of a run that the flow's tasks wrap: each stage's guards live here."""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from eventline.settings import Limits
from flows import raw, state, state_rows
from flows.budget import OverBudget, time_budget
from flows.io import FatalRunError
from flows.store import CuratedStore, Generation
from schemas.arrow import arrow_schema
from transforms.articles import build_articles_batch
from transforms.extract import ArticleBatch, CommitmentMention, EventMention, extract_articles

log = logging.getLogger(__name__)


def extract_batch(articles: list[dict], seconds: float, timed_out: list[str] | None = None) -> ArticleBatch:
    """Mentions of a batch of articles, each within its time budget: one past it is kept without them (and its
    id added to `timed_out`)."""
    batch = ArticleBatch()
    for article in articles:
        try:
            with time_budget(seconds):
                one = extract_articles([article])
        except OverBudget:
            if timed_out is not None:
                timed_out.append(article["article_id"])
            one = ArticleBatch(published={article["article_id"]: article.get("published_date")},
                               record_keys={article["article_id"]: str(article.get("record_key") or "")})
            one.quarantine.append({
                "stage": "extract", "source_path": article.get("source_path"),
                "record_key": article.get("record_key") or article["article_id"],
                "reason": f"extraction took more than {seconds:g} s (--article-seconds): the article is kept "
                          "without events or commitments; split it, or raise the limit",
                "payload": "{}"})
        batch.events += one.events
        batch.commitments += one.commitments
        batch.quarantine += one.quarantine
        batch.published.update(one.published)
        batch.record_keys.update(one.record_keys)
    return batch


def guard_something_read(store: CuratedStore, raw_dir: Path, articles: list, entries: int,
                         quarantine: list[dict], run_id: str) -> None:
    """A run that read no article must not replace tables that hold some: keep them, and say why.

    The run's quarantine rows are kept (they tell why nothing could be read); FatalRunError ends the run.
    """
    previous = store.read_table("articles")
    if articles or previous is None or previous.num_rows == 0:
        return
    store.write_history("quarantine", run_id, quarantine)
    reasons = sorted({q["reason"].split(":")[0] for q in quarantine})[:3]
    raise FatalRunError(f"read no article from {raw_dir} ({entries} {'entry' if entries == 1 else 'entries'} found"
                        + (f"; quarantined: {'; '.join(reasons)}" if reasons else "")
                        + f"): the {previous.num_rows} curated articles are kept; check --raw, or see "
                          f"the quarantine rows of run {run_id}")


@dataclass
class FileBatch:
    """What one batch of raw files gave: its rows for the incremental state, its manifest rows, its warnings."""

    tables: dict[str, pa.Table]
    files: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    articles: int = 0


def process_files(files: list[raw.RawFile], limits: Limits, ingested_at: dt.datetime) -> FileBatch:
    """Read, normalize and extract a batch of raw files: every row tagged with its file and article position.

    Every file gets a manifest row, also one that could not be read whole or had an article run out of time
    (no sha256: read again next run), so that its quarantine rows stay live with it.
    """
    articles: list[dict] = []
    mentions: list[tuple[str, int, int, EventMention]] = []
    commitments: list[tuple[str, int, int, CommitmentMention]] = []
    quarantine: list[dict] = []
    out = FileBatch(tables={})
    for f in files:
        read = raw.read_raw([f], limits)
        rows, bad = build_articles_batch(read.docs, ingested_at)
        early = read.quarantine + bad
        timed_out: list[str] = []
        for position, article in enumerate(rows):
            articles.append({"file": f.rel, "position": position, **article})
            one = extract_batch([article], limits.article_seconds, timed_out)
            mentions += [(f.rel, position, seq, m) for seq, m in enumerate(one.events)]
            commitments += [(f.rel, position, seq, c) for seq, c in enumerate(one.commitments)]
            early += [{**q, "position": position} for q in one.quarantine]
        quarantine += [{"file": f.rel, "seq": seq, "position": None, **q} for seq, q in enumerate(early)]
        if timed_out:
            read.read_again(f.rel)
        out.files += read.files if any(r["source_path"] == f.rel for r in read.files) else [*read.files, _unread(f)]
        out.warnings += read.warnings
    out.articles = len(articles)
    out.tables = {"articles": pa.Table.from_pylist(articles, schema=_ARTICLE_STATE_SCHEMA),
                  "event_mentions": _records(mentions, EventMention),
                  "commitment_mentions": _records(commitments, CommitmentMention),
                  "quarantine": pa.Table.from_pylist(quarantine, schema=state.QUARANTINE_SCHEMA)}
    return out


_ARTICLE_STATE_SCHEMA = pa.schema([pa.field("file", pa.string()), pa.field("position", pa.int32()),
                                   *(f.remove_metadata() for f in arrow_schema("articles"))])


def _records(tagged: list[tuple], cls: type) -> pa.Table:
    return state_rows.to_arrow([t[3] for t in tagged], cls, {
        "file": pa.array([t[0] for t in tagged], pa.string()), "position": pa.array([t[1] for t in tagged], pa.int32()),
        "seq": pa.array([t[2] for t in tagged], pa.int32())})


def _unread(f: raw.RawFile) -> dict:
    """A manifest row for a file that was not read whole: it is read again by the next run."""
    try:
        info = os.stat(f.path)
        size, modified = info.st_size, dt.datetime.fromtimestamp(info.st_mtime_ns / 1e9, dt.timezone.utc)
    except OSError:
        size, modified = -1, None
    return {"source_path": f.rel, "size_bytes": size, "modified_at": modified, "etag": None, "sha256": None,
            "sidecar_path": f.sidecar_rel}


def process_state_batch(files: list[raw.RawFile], batch: str, generation: Generation, limits: Limits,
                        ingested_at: dt.datetime) -> FileBatch:
    """One batch of raw files into the state of `generation` (written now: memory holds one batch at a time);
    what is left of it is small: its manifest rows (with the batch's name), warnings and article count."""
    done = process_files(files, limits, ingested_at)
    state.write_batch(generation, batch, done.tables)
    return FileBatch(tables={}, files=[{**r, "batch": batch} for r in done.files], warnings=done.warnings,
                     articles=done.articles)
