"""Incremental runs: a first run, a re-run on unchanged input, a run after touching and after changing a few files.

Usage: .venv/bin/python benchmarks/incremental.py CORPUS_DIR [--touch 5] [--change 5]

The corpus is copied to a temporary folder (mtimes kept; the corpus itself is never touched).
Every run is the real `eventline run --quiet` against one Prefect server (benchmarks/runs.py):
1. first run (every file read), 2. re-run on the same input, 3. after `touch` of N files (same
bytes, new mtime), 4. after N files changed (one line added), 5. after N same-size edits with their
mtimes restored (a word's first letter made upper case: only the bytes tell), 6. `--full` on the
same input as 5, whose tables must equal run 5's row for row (ids included; articles.ingested_at
aside). Prints wall time, start-up (wall minus work), work (the flow from its start to its end)
and peak RSS of each, and the re-run's work as a share of the first run's (issue 12: at most 25%).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.merge_copies import add_line  # noqa: E402
from benchmarks.runs import prefect_server, run_eventline  # noqa: E402


def _article_files(raw: Path, n: int) -> list[Path]:
    """N article files spread over the folder (every k-th, in path order)."""
    files = sorted(p for p in raw.rglob("*") if p.is_file() and not p.name.endswith(".meta.json"))
    step = max(1, len(files) // max(1, n))
    return files[::step][:n]


def same_size_edit(path: Path) -> bool:
    """Upper-case the first letter of the last lower-case word of a text or Markdown file, its size and mtime
    kept (as a tool restoring timestamps leaves it); False when the file has no such word."""
    data, before = path.read_bytes(), path.stat()
    words = list(re.finditer(rb"\b[a-z]{4,}\b", data))
    if path.suffix.lower() not in (".txt", ".md") or not words:
        return False
    at = words[-1].start()
    path.write_bytes(data[:at] + data[at:at + 1].upper() + data[at + 1:])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    return True


def _same_tables(a: Path, b: Path) -> list[str]:
    """Names of the curated tables that differ between two curated folders (articles.ingested_at aside)."""
    from flows.store import GENERATION_TABLES, CuratedStore

    differ = []
    for name in GENERATION_TABLES:
        left, right = CuratedStore(a).read_table(name), CuratedStore(b).read_table(name)
        if name == "articles":
            left, right = left.drop_columns(["ingested_at"]), right.drop_columns(["ingested_at"])
        if not left.equals(right):
            differ.append(name)
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="raw folder to measure on (e.g. /work/shared/corpus/dev)")
    parser.add_argument("--touch", type=int, default=5, help="files touched before run 3")
    parser.add_argument("--change", type=int, default=5, help="files changed before run 4, edited before run 5")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus} is not a folder: pass the raw folder to measure on", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="eventline-incremental-") as tmp, prefect_server():
        raw, out = Path(tmp) / "raw", Path(tmp) / "out"
        shutil.copytree(args.corpus, raw, ignore=shutil.ignore_patterns(".*"))
        runs = {"1. first run": run_eventline(raw, out), "2. re-run, unchanged": run_eventline(raw, out)}
        for path in _article_files(raw, args.touch):
            os.utime(path)
        runs[f"3. after touching {args.touch}"] = run_eventline(raw, out)
        for k, path in enumerate(_article_files(raw, args.change + 1)[1:]):
            add_line(path, f"Benchmark change {k}.")
        runs[f"4. after changing {args.change}"] = run_eventline(raw, out)
        texts = [p for p in sorted(raw.rglob("*")) if p.is_file() and p.suffix.lower() in (".txt", ".md")]
        step = max(1, len(texts) // max(1, args.change))
        edited = sum(same_size_edit(p) for p in texts[step // 2::step][:args.change])
        runs[f"5. after {edited} same-size edits"] = run_eventline(raw, out)
        runs["6. --full, same input"] = run_eventline(raw, Path(tmp) / "full", "--full")
        differ = _same_tables(out / "curated", Path(tmp) / "full" / "curated")
    files = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    print(f"eventline run on {args.corpus} ({files} files), one Prefect server for all runs:")
    for name, figures in runs.items():
        print(figures.line(name))
    first, again = runs["1. first run"], runs["2. re-run, unchanged"]
    print(f"re-run work / first run work: {again.work:.2f}s / {first.work:.2f}s = {again.work / first.work:.1%} "
          f"(target <= 25%); wall {again.wall:.1f}s vs {first.wall:.1f}s")
    print("incremental (5) vs --full (6) tables: " + ("identical" if not differ else f"DIFFER: {', '.join(differ)}"))
    return 0 if not differ else 1


if __name__ == "__main__":
    raise SystemExit(main())
