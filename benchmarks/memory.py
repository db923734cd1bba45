"""Peak memory of a first run on a corpus and on N distinct copies of it (issue 13: 10x <= 1.5x the 1x peak).

Usage: .venv/bin/python benchmarks/memory.py CORPUS_DIR [--copies 10]

The copies are laid out as benchmarks/merge_copies.py does (one extra line per article, so no
two copies share a text); 1x is one of them. Each is one `eventline run --quiet` into a fresh
curated folder, against one Prefect server (benchmarks/runs.py); the peak resident memory is the
command's own, the flow's process (getrusage of the child), and the whole process tree's (the
flow's process, its worker processes and the merge's own process, summed RSS and PSS, sampled every
second: benchmarks/tree_memory.py). Prints both runs and the ratio of the flow's process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.merge_copies import lay_out_copies  # noqa: E402
from benchmarks.runs import prefect_server, run_eventline  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="raw folder to copy (e.g. /work/shared/corpus/dev)")
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus} is not a folder: pass the raw folder to copy", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="eventline-memory-") as tmp, prefect_server():
        raw = Path(tmp) / "raw"
        lay_out_copies(args.corpus, raw, args.copies)
        one = run_eventline(raw / "copy_0", Path(tmp) / "one")
        many = run_eventline(raw, Path(tmp) / "many")
    print(f"first run on {args.corpus} (1x) and on {args.copies} distinct copies ({args.copies}x):")
    print(one.line("1x"))
    print(many.line(f"{args.copies}x"))
    ratio = many.peak_rss_mb / one.peak_rss_mb
    print(f"peak RSS {args.copies}x / 1x: {many.peak_rss_mb:.0f} / {one.peak_rss_mb:.0f} MB = {ratio:.2f} "
          "(target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
