"""The effects of a run, in their one safe order: open the run, publish its results, or record its failure.

Order of effects (each step whole or not at all, see flows/io.py):
  1. open_run: recover the curated folder from any earlier kill; this run's `runs` row, status running.
  2. publish_run: a new generation with every curated table and the pipeline state (invisible),
     this run's quarantine file, the reports (flows/report.py: latest.json, summary.html, runs/<run_id>.*),
     then the commit (one rename), then the `runs` row, completed, then cleaning.
  3. close_failed_run, on any failure: the `runs` row tells what happened (completed when the
     commit had happened, else failed with the reason), and a report of this run says so.
A kill between any two steps leaves the previous generation committed (or this one, after the
commit); the next run's open_run cleans up and settles the dead run's row.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows import io, progress, report
from flows.files import join
from flows.merging import RUN_QUARANTINE, saved_results
from flows.quality import ValidationOutcome
from flows.parquet import NO_YEAR, WHOLE_CHUNK_ROWS
from flows.state import MANIFEST, manifest_table
from flows.state_articles import StateArticles
from flows.store import GENERATION_TABLES, CuratedStore, Generation, to_arrow
from schemas.tables import CURATED_TABLES, TABLES

log = logging.getLogger(__name__)

_QUARANTINE_KEPT = ("stage", "source_path", "record_key", "reason", "payload")
_KEPT_SCHEMA = pa.schema([(k, pa.string()) for k in _QUARANTINE_KEPT])


@dataclass
class RunOutputs:
    """What a run computed, ready to be written: validated tables, quarantine, report inputs, raw manifest."""

    tables: dict[str, list[dict]]
    quarantine: list[dict]
    outcome: ValidationOutcome
    articles_seen: int
    articles_new: int
    files: list[dict] | pa.Table = field(default_factory=list)  # the manifest: rows or its table (flows/state.py)
    warnings: list[dict] = field(default_factory=list)
    state_version: dict = field(default_factory=dict)  # what the state's rows depend on (flows/state.py)
    adopt: str | None = None  # a generation whose tables are this run's (unchanged input): linked, not written
    kept_quarantine: list[dict] = field(default_factory=list)  # rows a run with unchanged input repeats


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def open_run(store: CuratedStore, reports_dir: Path, run: dict) -> Generation:
    """Recover the folders, settle the rows of runs that died, record this run as running; its generation."""
    for folder in (reports_dir, reports_dir / "runs"):
        io.remove_leftovers(folder)
    for dead in store.recover():
        info = store.generation_info()
        if info and info.get("run_id") == dead["run_id"] and info.get("run"):
            # It committed, then died before recording that: the generation kept its final row.
            row = {**info["run"], "started_at": dead["started_at"],
                   "finished_at": dt.datetime.fromisoformat(info["run"]["finished_at"])}
        else:
            row = {**dead, "status": "failed", "finished_at": None,
                   "error": "interrupted: the process stopped before the run finished (killed, or the machine "
                            "went down); its tables were not committed"}
        log.warning("run %s had died while %s; recorded as %s", dead["run_id"], dead["status"], row["status"])
        store.write_history("runs", row["run_id"], [row])
        if row["status"] == "failed":
            retract_reports(store, reports_dir, row["run_id"], row["error"])
    store.write_history("runs", run["run_id"], [run])
    try:
        # Invisible until committed: the state batches stream into it while the run reads.
        return store.begin(run["run_id"])
    except BaseException as exc:
        close_failed_run(store, reports_dir, run, exc)
        raise


def publish_run(store: CuratedStore, reports_dir: Path, run: dict, outputs: RunOutputs,
                generation: Generation) -> dict:
    """Write everything the run made and commit it; the report document."""
    run_id = run["run_id"]
    quarantine = list(outputs.quarantine)
    if outputs.adopt is not None:
        counts, events = _adopt_tables(store, generation, outputs.adopt)
    else:
        counts, events, quarantine = _write_tables(generation, outputs, quarantine, run_id)
    generation.write_state(MANIFEST, manifest_table(outputs.files))
    generation.write_state(RUN_QUARANTINE, pa.Table.from_pylist(
        [{k: q.get(k) for k in _QUARANTINE_KEPT} for q in outputs.kept_quarantine], schema=_KEPT_SCHEMA))
    counts["quarantine"] = store.write_history("quarantine", run_id, quarantine)
    progress.report("rows written", sum(counts.values()), sum(counts.values()))
    finished = {**run, "status": "completed", "finished_at": now(), "articles_seen": outputs.articles_seen,
                "articles_new": outputs.articles_new, "rows_written": counts, "rows_quarantined": len(quarantine),
                "expectations_passed": outputs.outcome.passed, "expectations_failed": outputs.outcome.failed,
                **report.run_figures(outputs.outcome, events), "generation_id": generation.name, "error": None}
    generation.finish({"run_id": run_id, "run": finished, "state": outputs.state_version,
                       "tables_from": outputs.adopt, "validation": saved_results(outputs.outcome.results)})
    # Reports before the switch: if they cannot be written, the run fails and the tables stay as they were.
    doc = report.publish(reports_dir, store.root, finished, outputs.outcome, quarantine, counts, events,
                         warnings=outputs.warnings)
    store.commit(generation)
    store.write_history("runs", run_id, [finished])
    store.clean()
    store.compact_history(run_id)
    return doc


def _adopt_tables(store: CuratedStore, generation: Generation, source: str) -> tuple[dict[str, int], list[dict]]:
    """The tables of generation `source`, linked into this one; (rows per table, events for the report)."""
    for name in (*CURATED_TABLES, *(t for t in GENERATION_TABLES if t not in CURATED_TABLES)):
        generation.adopt(name, join(os.fspath(store.generations), source, name))
    events = store.read_table("events").to_pylist()  # `source` is the committed generation
    return dict(generation.tables), events


def _write_tables(generation: Generation, outputs: RunOutputs, quarantine: list[dict],
                  run_id: str) -> tuple[dict[str, int], list[dict], list[dict]]:
    """Every table of the run into the generation; (rows per table, events written, quarantine + unstorable rows).

    Each table is let go (taken out of `outputs.tables`) once written, and articles read from the state go last:
    their write buffers (a row group of a large year and its sorted copy) are never held beside the tables of
    mentions, the largest the run holds (docs/scaling.md)."""
    metadata = {"run_id": run_id, "generation": generation.name}
    names = (*CURATED_TABLES, *(t for t in GENERATION_TABLES if t not in CURATED_TABLES))
    counts: dict[str, int] = {}
    events: list[dict] = []
    for name in sorted(names, key=lambda n: isinstance(outputs.tables.get(n), StateArticles)):
        rows = outputs.tables.pop(name, [])
        if isinstance(rows, StateArticles) and len(rows) > WHOLE_CHUNK_ROWS:
            counts[name] = _write_state_articles(generation, name, rows, metadata, quarantine, run_id)
            continue
        if isinstance(rows, StateArticles):  # a few: whole, as any table (and in the same files and row groups)
            rows = rows.materialize()
        arrow, bad = to_arrow(rows, TABLES[name])
        # A row that cannot be stored costs that row, never the run: quarantined with why.
        quarantine += _unstorable(name, bad, run_id)
        if name == "events":  # the report's figures are of the events stored
            rejected = {id(row) for row, _ in bad}
            events = [r for r in rows if id(r) not in rejected]
        del rows
        generation.write_table(name, arrow, metadata)
        counts[name] = arrow.num_rows
        del arrow
    generation.compact(metadata)
    return {name: counts[name] for name in names if name in counts}, events, quarantine


def _unstorable(name: str, bad: list[tuple[dict, str]], run_id: str) -> list[dict]:
    """Quarantine rows for the rows that cannot be stored in table `name`: a row costs that row, never the run."""
    return report.stamp_quarantine([{
        "stage": "validate", "source_path": row.get("source_path"), "record_key": name,
        "reason": f"cannot be stored in {name} ({reason}): report this input to the eventline maintainers",
        "payload": json.dumps(row, default=str, ensure_ascii=False)[:2000]} for row, reason in bad], run_id)


# Passes over the state's articles when their table is written: each pass reads the batch files that hold the articles
# of some consecutive years and writes those years' partitions out, so memory holds at most those years' rows, and
# of a large year a row group (~64 MB, flows/parquet.py) and its sorted copy; never the table. Not a pass per year,
# which would read the state once per year.
ARTICLE_PASSES = 16


def _write_state_articles(generation: Generation, name: str, articles: StateArticles, metadata: dict[str, str],
                          quarantine: list[dict], run_id: str) -> int:
    """Articles whose texts are in the state, written a batch file at a time (never the whole table in memory):
    the years in a few passes, each row group sorted as `TableWriter` sorts them (by date and id)."""
    years = pc.fill_null(pc.year(articles.table[TABLES[name].partition_year_of]), NO_YEAR).to_numpy()
    passes, rows = [], 0
    values, counts = np.unique(years, return_counts=True)
    most = max(1, -(-len(years) // ARTICLE_PASSES))
    for year, count in zip(values.tolist(), counts.tolist()):
        if not passes or rows + count > most:
            passes.append([])
            rows = 0
        passes[-1].append(year)
        rows += count
    writer = generation.table_writer(name, metadata)
    try:
        for group in passes:
            for part in articles.parts(np.flatnonzero(np.isin(years, group))):
                arrow, bad = to_arrow(part.select(articles.columns), TABLES[name])
                quarantine += _unstorable(name, bad, run_id)
                writer.write(arrow)
            writer.flush_partitions(group)  # its years are whole: not buffered beside the next pass's
    except BaseException:
        writer.abandon()
        raise
    generation.close_table(writer)
    return writer.rows


def close_failed_run(store: CuratedStore, reports_dir: Path, run: dict, error: BaseException) -> dict:
    """Record how a run that raised ended: completed if its commit happened, else failed with the reason."""
    info = store.generation_info()
    committed = info is not None and info.get("run_id") == run["run_id"]
    if committed:
        row = {**info["run"], "started_at": run["started_at"],
               "finished_at": dt.datetime.fromisoformat(info["run"]["finished_at"])}
    else:
        row = {**run, "status": "failed", "finished_at": now(), "error": _reason(error)}
    try:
        store.write_history("runs", run["run_id"], [row])
    except BaseException as exc:  # noqa: BLE001 - the run's own error is the one to report
        log.warning("could not record run %s as %s (%s); the next run will", run["run_id"], row["status"], exc)
    if not committed:
        retract_reports(store, reports_dir, run["run_id"], row["error"])
    return row


def retract_reports(store: CuratedStore, reports_dir: Path, run_id: str, error: str) -> None:
    """The report pages a run wrote before it failed (or died) say it failed, not that it completed.

    latest.json, summary.html and runs/<run_id>.* are rewritten only where they are this run's.
    Best effort: on a full disk the `runs` row still tells.
    """
    from flows.summary_page import render_summary_html

    own = reports_dir / "runs" / f"{run_id}.json"
    try:
        doc = json.loads(own.read_text(encoding="utf-8")) if own.is_file() else None
        if not isinstance(doc, dict) or doc.get("status") == "failed":
            return
        doc = {**doc, "status": "failed", "error": error}
        text = report.dumps(doc)
        # latest.json first: it is what `eventline report` and schedulers read.
        pages = [("latest.json", text), ("summary.html", render_summary_html(doc, base=""))]
        for name, content in pages:
            path = reports_dir / name
            if path.is_file() and run_id in path.read_text(encoding="utf-8")[:4000]:
                io.write_text(path, content)
        io.write_text(own, text)
        io.write_text(reports_dir / "runs" / f"{run_id}.html", render_summary_html(doc, base="../"))
    except (OSError, ValueError, io.FatalRunError) as exc:
        log.warning("could not mark the report of run %s as failed (%s)", run_id, exc)


def _reason(error: BaseException) -> str:
    if isinstance(error, KeyboardInterrupt):
        return "interrupted (Ctrl-C or SIGTERM): its tables were not committed"
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text if isinstance(error, io.FatalRunError) else f"{type(error).__name__}: {text}"
