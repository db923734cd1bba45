"""Are two runs' rows the same? Every curated table and the quarantine, sorted, all columns but run ids and times.

    python -m benchmarks.compare_runs CURATED_A CURATED_B

For a change that must not change a single output row (a memory layout, a faster path): run
`eventline run --raw R --curated A --full` before it and `... --curated B` after it on the same raw
folder, then compare. Prints each table's row counts and whether its rows are identical; exits 1 on
any difference (and prints the first rows that differ).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventline.readers import read_table  # noqa: E402
from schemas.tables import CURATED_TABLES  # noqa: E402

# What differs between two runs of the same input: which run, and when.
_RUN_COLUMNS = frozenset({"run_id", "ingested_at", "quarantined_at"})


def sorted_rows(table: pa.Table) -> list[str]:
    """The rows but their run columns, each as text, sorted (the order of rows in files is not compared)."""
    columns = [c for c in table.column_names if c not in _RUN_COLUMNS]
    return sorted(map(repr, table.select(columns).to_pylist()))


def compare(a: Path, b: Path, out=sys.stdout) -> bool:
    """Print one line per table (and the quarantine); True when every one is identical."""
    same = True
    for name in (*CURATED_TABLES, "quarantine"):
        ta, tb = read_table(a, name), read_table(b, name)
        ra, rb = sorted_rows(ta), sorted_rows(tb)
        equal = ra == rb and set(ta.column_names) == set(tb.column_names)
        same &= equal
        print(f"{name:<22} {len(ra):>8} {len(rb):>8}  {'identical' if equal else 'DIFFERENT'}", file=out)
        if not equal:
            for x, y in zip([r for r in ra if r not in set(rb)][:3], [r for r in rb if r not in set(ra)][:3]):
                print(f"  only in A: {x[:300]}\n  only in B: {y[:300]}", file=out)
    print("ALL IDENTICAL" if same else "DIFFERENCES", file=out)
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path, help="curated folder of the first run")
    parser.add_argument("b", type=Path, help="curated folder of the second run")
    args = parser.parse_args(argv)
    return 0 if compare(args.a, args.b) else 1


if __name__ == "__main__":
    raise SystemExit(main())
