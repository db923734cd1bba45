"""Peak memory of the merge, validation and writing alone, in this process (no Prefect, no extraction).

    python -m benchmarks.memory_steps prepare CURATED OUT REPS   # OUT/gen: CURATED's state, REPS times
    python -m benchmarks.memory_steps run OUT                    # merge, validate, write OUT/gen

`prepare` takes the committed state of a curated folder (a run on N copies of the dev corpus,
benchmarks/merge_copies.py lays them out) and writes it REPS times under other paths and ids (the
files `rK/<path>`, the article and mention ids `<id>-rK`): REPS x N distinct articles without running
extraction again (20 copies x 7: 97,027 articles, issue 13's 100,000). `run` merges that state as a
run does (flows/merging.py), validates and writes the tables into OUT/written, and prints after each
step the process's resident-memory high-water mark (VmHWM), its resident memory, the bytes Arrow holds
and the Python objects' blocks: what the flow's process holds beyond Prefect's own.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import resource
import shutil
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# Columns renamed per repetition: ids get a suffix, paths a prefix (so that sorting by path keeps each
# repetition's files together, as distinct folders would).
_RENAMED = {"articles": ["file", "source_path", "article_id"],
            "event_mentions": ["file", "article_id", "source_path", "mention_id", "document"],
            "commitment_mentions": ["file", "article_id", "source_path", "commitment_id", "event_mention_id",
                                    "document"],
            "quarantine": ["file", "source_path"]}
_PREFIXED = {"file", "source_path", "document"}
_STARTED = time.perf_counter()


def _status(key: str) -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith(key))


def mark(step: str) -> None:
    """One line: seconds, step, VmHWM, VmRSS, Arrow's allocated bytes, Python's allocated blocks."""
    print(f"{time.perf_counter() - _STARTED:7.1f}s {step:<44.44} HWM {_status('VmHWM:'):6.0f} MB  "
          f"RSS {_status('VmRSS:'):6.0f} MB  arrow {pa.total_allocated_bytes() / 2**20:6.0f} MB  "
          f"py blocks {sys.getallocatedblocks() / 1e6:5.2f} M", flush=True)


def _renamed(table: pa.Table, name: str, k: int) -> pa.Table:
    schema = table.schema
    for column in _RENAMED[name]:
        if column in table.column_names:
            values = table[column]
            new = (pc.binary_join_element_wise(pa.scalar(f"r{k}/"), values, "") if column in _PREFIXED
                   else pc.binary_join_element_wise(values, pa.scalar(f"-r{k}"), ""))
            table = table.set_column(table.column_names.index(column), column, new)
    return table.cast(schema)


def prepare(curated: Path, out: Path, reps: int) -> None:
    """OUT/gen/_state: the committed state of `curated`, `reps` times under other paths and ids."""
    state = curated / ".generations" / os.readlink(curated / ".generations" / "current") / "_state"
    manifest = pq.read_table(state / "raw_files.parquet").to_pylist()
    target = out / "gen" / "_state"
    rows = []
    for k in range(reps):
        for r in manifest:
            rows.append({**r, "source_path": f"r{k}/{r['source_path']}",
                         "sidecar_path": r["sidecar_path"] and f"r{k}/{r['sidecar_path']}",
                         "batch": r["batch"] and f"r{k}-{r['batch']}"})
        for name in _RENAMED:
            (target / name).mkdir(parents=True, exist_ok=True)
            for path in sorted((state / name).glob("*.parquet")):
                pq.write_table(_renamed(pq.read_table(path), name, k), target / name / f"r{k}-{path.stem}.parquet",
                               compression="zstd")
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(state / "raw_files.parquet")),
                   target / "raw_files.parquet")
    print(f"prepared {len(rows)} manifest rows ({reps} x {len(manifest)}) in {target}")


def _watch_steps() -> None:
    """A line after each read of the state and each merge step, and for each log line of the flows."""
    from flows import merging, state

    def after(module, name: str) -> None:
        inner = getattr(module, name)

        def wrapped(*args, **kwargs):
            result = inner(*args, **kwargs)
            mark(f"  after {name}" + (f" {args[2]}" if name.startswith("read_live") else ""))
            return result
        setattr(module, name, wrapped)

    for name in ("read_live_records", "read_live"):
        after(state, name)
    for name in ("merge_events", "merge_commitments", "hand_over", "canonical_spellings", "first_copies"):
        after(merging, name)

    class Marks(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.name.startswith(("flows", "eventline")):
                mark("  log: " + record.getMessage())
    logging.getLogger().addHandler(Marks())
    logging.getLogger().setLevel(logging.INFO)


def run(out: Path, in_process: bool = False) -> None:
    """Merge, validate and write the state in OUT/gen as a run does; a line per step. The merge runs where a run
    runs it (flows/merging.py `merge_apart`: past APART_FILES files, in a process of its own, whose peak is
    printed), or in this process (`in_process`)."""
    from flows import allocator, merging, publish
    from flows.quality import validate_tables
    from flows.store import CuratedStore, Generation

    _watch_steps()
    mark("imports")
    manifest = pq.read_table(out / "gen" / "_state" / "raw_files.parquet")  # as a run holds it (flows/incremental.py)
    merge = merging.merge_state if in_process else merging.merge_apart
    merged = merge(Generation(CuratedStore(out / "store"), "gen", out / "gen"), manifest, set(), set())
    tables = merged.tables
    del merged
    gc.collect()
    allocator.release()
    mark(f"merge ({len(tables['articles'])} articles)")
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{'':9}(the merge's own process, if any: peak {child:.0f} MB)")
    outcome = validate_tables(tables, out / "docs", "run-x")
    outcome.tables = {}
    mark("validate")
    if outcome.kept:
        tables.update(outcome.select(tables))
    shutil.rmtree(out / "written", ignore_errors=True)
    generation = CuratedStore(out / "written").begin("g1")
    outputs = publish.RunOutputs(tables=tables, quarantine=[], outcome=outcome, articles_seen=0, articles_new=0)
    del tables
    publish._write_tables(generation, outputs, [], "run-x")
    mark("write")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("curated", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("reps", type=int)
    r = sub.add_parser("run")
    r.add_argument("out", type=Path)
    r.add_argument("--in-process", action="store_true", help="merge in this process, whatever the state's size")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.curated, args.out, args.reps)
    else:
        run(args.out, args.in_process)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
