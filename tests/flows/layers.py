"""A run through the real layers without Prefect or Great Expectations: what the flow does, in its order.

Planning, reading, normalizing, extracting into the state and merging are the functions the flow's
tasks wrap (flows/incremental.py runs the same sequence for both); the effects (open, publish, or
close as failed) are the flow's own. Validation is left out (no write step, and several seconds):
the outcome is empty and every row is kept.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from eventline.settings import Limits, RunSettings
from flows import incremental, merging, publish, stages, state
from flows import raw as rawio
from flows.quality import ValidationOutcome
from flows.store import CuratedStore, Generation

UTC = dt.timezone.utc
INGESTED_AT = dt.datetime(2024, 1, 1, tzinfo=UTC)


def run_dict(run_id: str) -> dict:
    return {"run_id": run_id, "started_at": dt.datetime.now(UTC), "status": "running"}


def plain_steps(limits: Limits, generation: Generation) -> incremental.Steps:
    """The flow's steps as plain calls, one batch after the other."""
    return incremental.Steps(
        process=lambda batches, names: [stages.process_state_batch(b, n, generation, limits, INGESTED_AT)
                                        for b, n in zip(batches, names)],
        merge=merging.merge_state, validate=lambda tables: ValidationOutcome(tables={}))


def run_outputs(store: CuratedStore, generation: Generation, run: dict, raw: Path, limits: Limits = Limits(),
                full: bool = False, batch_size: int = 100, skip: tuple = ()) -> publish.RunOutputs:
    """A run's outputs, its state written into `generation` (a local or an object-storage store)."""
    settings = RunSettings(raw_dir=raw, curated_dir=store.root, limits=limits, full=full, batch_size=batch_size)
    files = rawio.discover_raw(raw, skip=skip)
    todo = state.plan_run(store, files, state.state_version(limits), full)
    return incremental.compute(settings, store, generation, todo, run, len(files), plain_steps(limits, generation))


def compute(raw: Path, run_id: str, limits: Limits = Limits()) -> publish.RunOutputs:
    """The outputs of a first run over `raw` (its state written into a scratch curated folder)."""
    root = Path(tempfile.mkdtemp(prefix="eventline-compute-"))
    store = CuratedStore(root / "c")
    return run_outputs(store, store.begin(run_id), run_dict(run_id), raw, limits)


def simulate(root: Path, run_id: str, raw: Path | None = None, limits: Limits = Limits(), full: bool = False,
             batch_size: int = 100, outputs: publish.RunOutputs | None = None) -> dict:
    """One run's effects, in the flow's order: raw folder `raw` (or ready `outputs`) into root/c and root/r."""
    store, run = CuratedStore(root / "c"), run_dict(run_id)
    generation = publish.open_run(store, root / "r", run)
    try:
        if outputs is None:
            outputs = run_outputs(store, generation, run, raw, limits, full, batch_size, skip=(root / "c", root / "r"))
        return publish.publish_run(store, root / "r", run, outputs, generation)
    except BaseException as exc:
        publish.close_failed_run(store, root / "r", run, exc)
        raise
