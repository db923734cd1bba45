"""A run's computation over the incremental state: read what is new in batches, merge every live article,
validate; or, when no raw file changed, the committed generation as it is.

The flow (flows/pipeline.py) passes its Prefect tasks as the `Steps`; tests/flows/layers.py passes the
plain functions they wrap, so both run this one sequence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from eventline.settings import RunSettings
from flows import merging, progress, raw, report, stages, state
from flows.publish import RunOutputs
from flows.quality import ValidationOutcome
from flows.store import CuratedStore, Generation

log = logging.getLogger(__name__)


@dataclass
class Steps:
    """How the heavy steps run: mapped Prefect tasks in the flow, plain calls in tests."""

    process: Callable[[list[list[raw.RawFile]], list[str]], list[stages.FileBatch]]
    merge: Callable[..., merging.Merged]
    validate: Callable[[dict[str, list[dict]]], ValidationOutcome]


def compute(settings: RunSettings, store: CuratedStore, generation: Generation, todo: state.Plan, run: dict,
            entries: int, steps: Steps) -> RunOutputs:
    """What the run writes: the new and changed files read into the state, every live article merged."""
    run_id = run["run_id"]
    version = state.state_version(settings.limits)
    fresh = raw.read_raw(todo.fresh, settings.limits)  # entries that are no article file: quarantined unread
    problems = report.stamp_quarantine(fresh.quarantine, run_id)
    if not todo.unchanged and state.needs_repacking(todo.carried, settings.batch_size):
        todo.carried = state.repack(store, generation, todo, settings.batch_size, run_id)
    else:
        state.carry(store, generation, todo)
    if todo.unchanged:  # the committed tables are this input's: linked into the new generation
        return unchanged_outputs(store, todo, problems, version, run_id)
    batches = [b for b in _chunks(todo.read, settings.batch_size) if b]
    names = [f"{run_id}-{i:05d}" for i in range(len(batches))]
    done = steps.process(batches, names) if batches else []
    # The manifest as one Arrow table from here on (a row a file: as Python dicts, about 1.5 KB each).
    manifest = state.manifest_table(todo.carried + [r for d in done for r in d.files])
    warnings = [w for d in done for w in d.warnings]
    del done
    merged = steps.merge(generation, manifest, set(names), merging.article_rows(store, todo))
    tables = merged.tables
    progress.report("articles", len(tables["articles"]), len(tables["articles"]))
    early = report.stamp_quarantine(merged.quarantine, run_id)
    stages.guard_something_read(store, settings.raw_dir, tables["articles"], entries, problems + early, run_id)
    outcome = steps.validate(tables)
    outcome.tables = {}  # the validated frames: no longer needed once the rows to keep are known
    kept = early + report.stamp_quarantine(outcome.quarantine, run_id)
    return RunOutputs(tables=outcome.select(tables) if outcome.kept else tables, quarantine=problems + kept,
                      outcome=outcome, articles_seen=len(tables["articles"]), articles_new=merged.articles_new,
                      files=manifest, warnings=warnings, state_version=version,
                      kept_quarantine=kept)


def unchanged_outputs(store: CuratedStore, plan: state.Plan, problems: list[dict], version: dict,
                      run_id: str) -> RunOutputs:
    """A run whose raw files are all as committed: the committed tables, results and quarantine, nothing redone."""
    info = store.generation_info() or {}
    kept = merging.reused_quarantine(store)
    seen = (info.get("run") or {}).get("articles_seen") or 0
    log.info("no raw file changed since generation %s: its tables are kept as they are", plan.previous)
    progress.report("articles", seen, seen)
    return RunOutputs(tables={}, adopt=plan.previous, quarantine=problems + report.stamp_quarantine(kept, run_id),
                      outcome=merging.reused_outcome(store), articles_new=0, articles_seen=seen,
                      files=plan.carried, state_version=version, kept_quarantine=kept)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]
