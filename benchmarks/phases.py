"""Where a run's CPU goes: CPU seconds per phase of a whole run in one process, per article.

    .venv/bin/python -m benchmarks.phases --raw /work/shared/corpus/dev [--profile DIR]

Runs the flow's steps as plain calls (flows/incremental.py, as tests/flows/layers.py does, but with real
validation): open, discover, plan, extract (read, normalize and extract each batch into the state), merge,
validate, publish, into a scratch curated folder. Each is timed by `time.process_time` (CPU, not wall: on a
shared machine wall time says more about the other work than about the run), and printed in seconds and
in ms per article. Imports (Prefect excepted, which no phase needs) and Great Expectations' import are timed
apart. A run on one article gives the fixed part of each phase; the difference from a large run gives its
cost per article. With --profile DIR each phase but extraction (which would take three times longer) is
profiled by cProfile on CPU time into DIR/PHASE.prof (`python -m pstats DIR/merge.prof`).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]


class Phases:
    """CPU seconds per named phase; each wrapped call adds to its phase."""

    def __init__(self, profile: Path | None = None):
        self.cpu: dict[str, float] = {}
        self.profile = profile

    def timed(self, name: str, fn: Callable) -> Callable:
        def wrapped(*args, **kwargs):
            prof = cProfile.Profile(time.process_time) if self.profile and name != "extract" else None
            started = time.process_time()
            if prof:
                prof.enable()
            try:
                return fn(*args, **kwargs)
            finally:
                if prof:
                    prof.disable()
                    prof.dump_stats(self.profile / f"{name}.prof")
                self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - started
        return wrapped


def run(raw: Path, out: Path, phases: Phases) -> int:
    """One full run of `raw` into `out` with every step timed; the number of articles."""
    from eventline.settings import Limits, RunSettings
    from flows import incremental, merging, publish, stages, state
    from flows import raw as rawio
    from flows.quality import preload, validate_tables
    from flows.store import CuratedStore

    phases.timed("gx_import", preload)()
    started = dt.datetime.now(dt.timezone.utc)
    store, limits = CuratedStore(out / "curated"), Limits()
    run_doc = {"run_id": "run_phases", "started_at": started, "status": "running"}
    generation = phases.timed("open", publish.open_run)(store, out / "reports", run_doc)
    steps = incremental.Steps(
        process=phases.timed("extract", lambda batches, names: [
            stages.process_state_batch(b, n, generation, limits, started) for b, n in zip(batches, names)]),
        merge=phases.timed("merge", merging.merge_state),
        validate=phases.timed("validate", lambda tables: validate_tables(tables, out / "reports" / "docs",
                                                                         run_doc["run_id"])))
    settings = RunSettings(raw_dir=raw, curated_dir=store.root, reports_dir=out / "reports", limits=limits, full=True)
    files = phases.timed("discover", rawio.discover_raw)(raw)
    todo = phases.timed("plan", state.plan_run)(store, files, state.state_version(limits), True)
    outputs = incremental.compute(settings, store, generation, todo, run_doc, len(files), steps)
    phases.timed("publish", publish.publish_run)(store, out / "reports", run_doc, outputs, generation)
    return outputs.articles_seen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--profile", type=Path, help="a folder for one cProfile file per phase")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    phases = Phases(args.profile)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    started = time.process_time()
    from flows import incremental, merging, publish, stages  # noqa: F401  (the pipeline's imports, timed)

    phases.cpu["imports"] = time.process_time() - started
    with tempfile.TemporaryDirectory(prefix="phases_") as tmp:
        articles = run(args.raw, Path(tmp), phases)
    print(f"{articles} articles from {args.raw}; CPU seconds (ms per article):")
    for name, seconds in phases.cpu.items():
        print(f"  {name:<10} {seconds:7.2f} s  ({1000 * seconds / max(1, articles):7.2f} ms)")
    print(f"  {'total':<10} {sum(phases.cpu.values()):7.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
